// Groups of columns that create one resource (XiVO line, incoming call, voicemail, CTI profile).
// A resource the importer will try to create but that lacks a required field fails the import
// (error); a partly filled one it silently skips is a warning saying what will not be created.
import type { Resource, ResourceCondition } from '../dialects/model';
import type { Cell, Row } from '../types';
import { andList, cellSpan, type ValidationRun } from './context';
import type { RowCheck } from './structure';

interface BoundResource {
  resource: Resource;
  /** Header position of each resource column present. */
  columns: Array<{ name: string; index: number }>;
  requires: Array<{ name: string; index: number | undefined }>;
  condition?: ResourceCondition;
  /** True when the condition only looks at the resource's own columns (so an empty resource cannot trigger it). */
  conditionInside: boolean;
}

export function createResourceCheck(run: ValidationRun): RowCheck | undefined {
  const resources: BoundResource[] = [];
  const indexOf = (name: string): number | undefined => run.indexByName.get(name);
  for (const resource of run.dialect.resources) {
    if (resource.requires.length === 0) continue;
    const columns = resource.columns.flatMap((name) => {
      const index = indexOf(name);
      return index === undefined ? [] : [{ name, index }];
    });
    if (columns.length === 0) continue; // no work for resources absent from the header
    resources.push({
      resource,
      columns,
      requires: resource.requires.map((name) => ({ name, index: indexOf(name) })),
      condition: resource.enforcedWhen,
      conditionInside: conditionColumns(resource.enforcedWhen).every((name) => resource.columns.includes(name)),
    });
  }
  if (resources.length === 0) return undefined;
  const absentUnchanged = run.dialect.absentColumnsUnchanged;
  const filled = (row: Row, name: string): Cell | undefined => {
    const index = indexOf(name);
    const cell = index === undefined ? undefined : row.cells[index];
    return cell && cell.value !== '' ? cell : undefined;
  };

  // The list of missing fields is built only for a message: most rows have nothing to report.
  const missingFields = (bound: BoundResource, row: Row): string[] =>
    bound.requires.filter(({ name, index }) => (index === undefined ? !absentUnchanged : !filled(row, name))).map((r) => r.name);

  return (row) => {
    const cells = row.cells;
    for (const bound of resources) {
      // Fast path, no allocation: every required field is there.
      let complete = true;
      for (const { index } of bound.requires) {
        if (index === undefined ? !absentUnchanged : !cells[index]?.value) {
          complete = false;
          break;
        }
      }
      if (complete) continue;
      // Nothing of the resource filled (the usual case for an unused resource): nothing to say.
      let firstFilled: Cell | undefined;
      for (const { index } of bound.columns) {
        const cell = cells[index];
        if (cell && cell.value !== '') {
          firstFilled = cell;
          break;
        }
      }
      if (!firstFilled && bound.conditionInside) continue;
      const { resource } = bound;
      const trigger = enforcingCell(row, bound.condition, filled);
      if (trigger) {
        const missing = missingFields(bound, row);
        run.report(
          'resource-required',
          'error',
          cellSpan(trigger.cell),
          `${capitalize(resource.label)}: ${andList(missing)} ${verb(missing)} empty, but ${trigger.because}, so the importer requires ` +
            `${andList(resource.requires)} and rejects this row`,
          { data: { resource: resource.id, missing } },
        );
        continue;
      }
      if (resource.warnWhenPartial === false || !firstFilled) continue;
      const missing = missingFields(bound, row);
      run.report(
        'resource-incomplete',
        'warning',
        cellSpan(firstFilled),
        `Incomplete ${resource.label}: ${andList(missing)} ${verb(missing)} empty, so no ${resource.label} will be created for this user ` +
          `(it needs ${andList(resource.requires)})`,
        { data: { resource: resource.id, missing } },
      );
    }
  };
}

function conditionColumns(condition: ResourceCondition | undefined): string[] {
  if (!condition) return [];
  return [...(condition.anyOf ?? []), ...(condition.allOf ?? []), ...(condition.column !== undefined ? [condition.column] : [])];
}

/** The cell that makes the importer enforce the resource's requirements, with the reason in words. */
function enforcingCell(
  row: Row,
  condition: ResourceCondition | undefined,
  filled: (row: Row, name: string) => Cell | undefined,
): { cell: Cell; because: string } | undefined {
  if (!condition) return undefined;
  if (condition.column !== undefined) {
    const cell = filled(row, condition.column);
    return cell && cell.value === condition.equals ? { cell, because: `${condition.column} is ${condition.equals}` } : undefined;
  }
  if (condition.allOf) {
    const cells = condition.allOf.map((name) => filled(row, name));
    if (cells.length === 0 || cells.some((c) => !c)) return undefined;
    return { cell: cells[0] as Cell, because: `${andList(condition.allOf)} ${condition.allOf.length === 1 ? 'is' : 'are'} filled` };
  }
  if (condition.anyOf) {
    for (const name of condition.anyOf) {
      const cell = filled(row, name);
      if (cell) return { cell, because: `${name} is filled` };
    }
  }
  return undefined;
}

function verb(missing: readonly string[]): string {
  return missing.length === 1 ? 'is' : 'are';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
