// State shared by the validators during one validation run: the document, the dialect, the header's
// column bindings, the settings and the list of problems being collected.
import type { CsvModel } from '../csv/model';
import type { CompiledColumn, Dialect, ResourceCondition } from '../dialects/model';
import { quote } from '../quote';
import type { JsonCellChecker } from '../json/check';
import type { Cell, Problem, RelatedInformation, Row, RuleId, Span, SeverityOverride, ValidationSettings } from '../types';
import { RecordView, type CellRef } from './record';

export { cellSpan } from './record';

export interface ColumnBinding {
  column: CompiledColumn;
  /** Position of the column in the header (first occurrence when duplicated). */
  index: number;
}

export interface ProblemExtras {
  related?: RelatedInformation[];
  data?: Record<string, unknown>;
  tags?: Problem['tags'];
}

export class ValidationRun {
  readonly problems: Problem[] = [];
  /**
   * Set by the coordinator before the row checks: the row being checked has a structural problem (a CSV
   * error inside it, or another number of cells than the header). Its cells may then hold other columns'
   * values, passwords included, so no message about the row quotes any of its cells.
   */
  rowBroken = false;
  /** Known columns present in the header, in header order. */
  readonly bindings: ColumnBinding[] = [];
  /** Header position of every known column present (first occurrence). */
  readonly indexByName = new Map<string, number>();
  /** The header record (record 0), read through its own view. */
  readonly header: RecordView;

  constructor(
    readonly doc: CsvModel,
    readonly dialect: Dialect,
    readonly settings: ValidationSettings,
    /** Checks the inside of JSON cells; absent when JSON checking is not wanted. */
    readonly json?: JsonCellChecker,
  ) {
    this.header = new RecordView().show(doc, 0, doc.cellCount(0));
  }

  report(rule: RuleId, severity: SeverityOverride, span: Span, message: string, extras: ProblemExtras = {}): void {
    if (severity === 'off') return;
    const problem: Problem = { rule, severity, message, start: span.start, end: span.end };
    if (extras.related) problem.related = extras.related;
    if (extras.data) problem.data = extras.data;
    if (extras.tags) problem.tags = extras.tags;
    this.problems.push(problem);
  }

  /** `value` of a cell of `column` in the current row, quoted for a message; undefined when it must not be shown. */
  shown(column: CompiledColumn, value: string): string | undefined {
    return column.secret || this.rowBroken ? undefined : quote(value);
  }

  /** The cell of `name` in `row`, if the column is in the header and the row reaches it. */
  cellOf(row: RecordView, name: string): CellRef | undefined {
    const index = this.indexByName.get(name);
    return index === undefined ? undefined : row.cells[index];
  }

  /** The cell of `name` in `row` when it is not empty. */
  readonly filledCell = (row: RecordView, name: string): CellRef | undefined => {
    const cell = this.cellOf(row, name);
    return cell && cell.value !== '' ? cell : undefined;
  };
}

/** 1-based line number of a row, as editors show it. */
export function lineOf(row: RecordView): number {
  return row.line + 1;
}

/** "a, b or c" */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "a, b and c" */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Whether `condition` holds in a row (every part given must), with the cell that makes it hold and the
 * reason in words; `filled` gives a column's non-empty cell.
 */
export function conditionHolds(
  condition: ResourceCondition,
  row: Row,
  filled: (row: Row, name: string) => Cell | undefined,
): { cell: Cell; because: string } | undefined {
  let first: Cell | undefined;
  const reasons: string[] = [];
  if (condition.column !== undefined) {
    const cell = filled(row, condition.column);
    if (!cell || cell.value !== condition.equals) return undefined;
    first = cell;
    reasons.push(`${condition.column} is ${condition.equals}`);
  }
  if (condition.allOf) {
    const cells = condition.allOf.map((name) => filled(row, name));
    if (cells.length === 0 || cells.some((c) => !c)) return undefined;
    first ??= cells[0];
    reasons.push(`${andList(condition.allOf)} ${condition.allOf.length === 1 ? 'is' : 'are'} filled`);
  }
  if (condition.anyOf) {
    const name = condition.anyOf.find((n) => filled(row, n));
    if (name === undefined) return undefined;
    first ??= filled(row, name);
    reasons.push(`${name} is filled`);
  }
  return first && { cell: first, because: reasons.join(' and ') };
}

export { cut, quote } from '../quote';
