// Values that must be unique in the file (a column alone, or a composite key such as exten@context).
// One Map per key: each row costs one lookup, never a scan of the earlier rows.
import type { Cell, Row, SeverityOverride } from '../types';
import { cellSpan, lineOf, quote, type ValidationRun } from './context';
import type { RowCheck } from './structure';

interface UniqueKey {
  label: string;
  index: number;
  partIndexes: number[];
  caseInsensitive: boolean;
  severity: SeverityOverride;
  reason?: string;
  seen: Map<string, { row: Row; cell: Cell }>;
}

export function createUniquenessCheck(run: ValidationRun): RowCheck | undefined {
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
      seen: new Map(),
    });
  }
  if (keys.length === 0) return undefined;
  return (row) => {
    const cells = row.cells;
    for (const key of keys) {
      const cell = cells[key.index];
      if (!cell || cell.value === '') continue;
      let value = cell.value;
      let complete = true;
      for (const partIndex of key.partIndexes) {
        const part = cells[partIndex]?.value;
        if (!part) {
          complete = false;
          break;
        }
        value += `@${part}`;
      }
      if (!complete) continue;
      const lookup = key.caseInsensitive ? value.toLowerCase() : value;
      const first = key.seen.get(lookup);
      if (!first) {
        key.seen.set(lookup, { row, cell });
        continue;
      }
      run.report(
        'duplicate-value',
        key.severity,
        cellSpan(cell),
        `Duplicate ${key.label} ${quote(value)}: already used on line ${lineOf(first.row)}${key.reason ? `; ${key.reason}` : ''}`,
        {
          related: [{ ...cellSpan(first.cell), message: `first use of ${key.label} ${quote(value)}` }],
          data: { column: key.label, firstLine: lineOf(first.row) },
        },
      );
    }
  };
}
