// Groups of columns that create one resource (XiVO line, extension, incoming call, voicemail, CTI profile).
// A resource the importer will try to create but that lacks a required field fails the import (error);
// one it first looks up and links, and can create only with more fields, is a warning; a partly filled
// one it silently skips is a warning saying what will not be created.
import type { Resource, ResourceCondition } from '../dialects/model';
import type { Cell, Row } from '../types';
import { andList, cellSpan, conditionHolds, type ValidationRun } from './context';
import type { RowCheck } from './structure';

interface BoundResource {
  resource: Resource;
  /** Header position of each resource column present. */
  columns: Array<{ name: string; index: number }>;
  requires: Array<{ name: string; index: number | undefined }>;
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
      conditionInside: conditionColumns(resource.enforcedWhen).every((name) => resource.columns.includes(name)),
    });
  }
  if (resources.length === 0) return undefined;
  const absentUnchanged = run.dialect.absentColumnsUnchanged;
  const filled = run.filledCell;
  /** A column absent from an update's header keeps its stored value: it counts as given. */
  const given = (row: Row, name: string): boolean => (indexOf(name) === undefined ? absentUnchanged : filled(row, name) !== undefined);

  // The list of missing fields is built only for a message: most rows have nothing to report.
  const missingFields = (bound: BoundResource, row: Row): string[] => bound.requires.filter(({ name }) => !given(row, name)).map((r) => r.name);

  return (row) => {
    const cells = row.cells;
    // Fields an error of this row already names: a warning about the same missing fields adds nothing.
    let namedByErrors: Set<string> | undefined;
    let partial: Array<{ resource: Resource; cell: Cell; missing: string[] }> | undefined;
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
      const trigger = resource.enforcedWhen && conditionHolds(resource.enforcedWhen, row, filled);
      if (trigger) {
        const missing = missingFields(bound, row);
        const lookupBy = resource.lookupBy;
        if (lookupBy && lookupBy.every((name) => given(row, name))) {
          // In a broken row the cells may hold other columns' values (a password): name the columns instead.
          const key = run.rowBroken ? lookupBy.join('@') : lookupBy.map((name) => filled(row, name)?.value ?? `(${name})`).join('@');
          run.report(
            'resource-link',
            'warning',
            cellSpan(trigger.cell),
            `${capitalize(resource.label)}: ${andList(missing)} ${verb(missing)} empty, so the importer links the existing ${resource.label} ${key}; ` +
              `if there is none, it rejects this row, because a new ${resource.label} needs ${andList(resource.requires)}`,
            { data: { resource: resource.id, missing } },
          );
          continue;
        }
        const consequence = resource.enforcedConsequence ?? `the importer requires ${andList(resource.requires)} and rejects this row`;
        run.report('resource-required', 'error', cellSpan(trigger.cell), `${capitalize(resource.label)}: ${andList(missing)} ${verb(missing)} empty, but ${trigger.because}, so ${consequence}`, {
          data: { resource: resource.id, missing },
        });
        namedByErrors ??= new Set();
        for (const name of missing) namedByErrors.add(name);
        continue;
      }
      if (resource.warnWhenPartial === false || !firstFilled) continue;
      (partial ??= []).push({ resource, cell: firstFilled, missing: missingFields(bound, row) });
    }
    for (const { resource, cell, missing } of partial ?? []) {
      if (namedByErrors && missing.every((name) => namedByErrors!.has(name))) continue;
      run.report(
        'resource-incomplete',
        'warning',
        cellSpan(cell),
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

function verb(missing: readonly string[]): string {
  return missing.length === 1 ? 'is' : 'are';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
