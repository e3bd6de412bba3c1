// Values that must be unique in the file (a column alone, or a composite key such as exten@context).
// One Map per key: each row costs one lookup, never a scan of the earlier rows. Incremental validation
// keeps its own index of the same keys (keyValue) and reports with reportDuplicate.
import type { Cell, Row, SeverityOverride, Span } from '../types';
import { cellSpan, quote, type ValidationRun } from './context';
import type { RowCheck } from './structure';

export interface UniqueKey {
  /** `exten@context`, or the column name alone. */
  label: string;
  index: number;
  partIndexes: number[];
  caseInsensitive: boolean;
  severity: SeverityOverride;
  reason?: string;
  /** A part of the key is a secret column: its values are never shown. */
  secret: boolean;
}

/** The unique keys the header allows to check (a composite key needs every part in the header). */
export function uniqueKeys(run: ValidationRun): UniqueKey[] {
  const keys: UniqueKey[] = [];
  for (const { column, index } of run.bindings) {
    const unique = column.unique;
    if (!unique || unique.severity === 'off') continue;
    const partIndexes = unique.with.map((name) => run.indexByName.get(name));
    // A composite key whose other part is not in the header cannot be compared.
    if (partIndexes.some((i) => i === undefined)) continue;
    keys.push({
      label: [column.name, ...unique.with].join('@'),
      index,
      partIndexes: partIndexes as number[],
      caseInsensitive: unique.caseInsensitive,
      severity: unique.severity,
      reason: unique.reason,
      secret: column.secret || unique.with.some((name) => run.dialect.columnsByName.get(name)?.secret === true),
    });
  }
  return keys;
}

/** The value of `key` in a row (`exten@context` for a composite), or undefined when a part is empty. */
export function keyValue(key: UniqueKey, cells: readonly Cell[]): string | undefined {
  const cell = cells[key.index];
  if (!cell || cell.value === '') return undefined;
  let value = cell.value;
  for (const partIndex of key.partIndexes) {
    const part = cells[partIndex]?.value;
    if (!part) return undefined;
    value += `@${part}`;
  }
  return value;
}

/** How two values of `key` are compared. */
export function lookupOf(key: UniqueKey, value: string): string {
  return key.caseInsensitive ? value.toLowerCase() : value;
}

/**
 * The repeat of a value at `span`, first used at `firstSpan` on (0-based) line `firstLine`. `showValue`:
 * false when the key is secret or either row is broken (its cells may hold other columns' values).
 */
export function reportDuplicate(
  run: ValidationRun,
  key: UniqueKey,
  value: string,
  span: Span,
  firstSpan: Span,
  firstLine: number,
  showValue: boolean,
): void {
  const line = firstLine + 1;
  const shown = showValue && !key.secret ? ` ${quote(value)}` : '';
  run.report('duplicate-value', key.severity, span, `Duplicate ${key.label}${shown}: already used on line ${line}${key.reason ? `; ${key.reason}` : ''}`, {
    related: [{ ...firstSpan, message: `first use of ${key.label}${shown}` }],
    data: { column: key.label, firstLine: line },
  });
}
