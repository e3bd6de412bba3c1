// Header findings: empty, duplicate, unknown (with "did you mean"), ignored and missing columns.
// Also binds every known column to its position, which the row checks use.
import type { Dialect } from '../dialects/model';
import { distanceLimit, editDistance } from '../text/closest';
import { quote, type ValidationRun } from './context';

export function checkHeader(run: ValidationRun): void {
  const { dialect, header } = run;
  const firstCellOf = new Map<string, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.value;
    const span = cell.start === cell.end ? { start: cell.rawStart, end: cell.rawEnd } : { start: cell.start, end: cell.end };
    if (name.trim() === '') {
      run.report('header-empty-column', 'error', span, `Header cell ${index + 1} is empty: every column needs a name`);
      return;
    }
    const first = firstCellOf.get(name);
    if (first !== undefined) {
      const firstCell = header.cells[first];
      run.report('header-duplicate-column', 'error', span, `Duplicate column ${quote(name)}: it is already column ${first + 1}`, {
        related: [{ start: firstCell.start, end: firstCell.end, message: `first ${quote(name)} column` }],
        data: { column: name },
      });
      return;
    }
    firstCellOf.set(name, index);
    const column = dialect.columnsByName.get(name);
    if (column) {
      run.bindings.push({ column, index });
      run.indexByName.set(name, index);
      return;
    }
    const ignored = dialect.ignoredColumns.get(name);
    if (ignored) {
      if (ignored.severity && ignored.severity !== 'off') {
        run.report('header-ignored-column', ignored.severity, span, ignored.message ?? `${name} is ignored by this importer`, {
          data: { column: name },
          tags: ['unnecessary'],
        });
      }
      return;
    }
    const suggestion = suggestColumn(name, dialect, firstCellOf);
    const reason = dialect.file.unknownColumnReason;
    run.report(
      'header-unknown-column',
      dialect.file.unknownColumn,
      span,
      `Unknown column ${quote(name)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}${reason ? `: ${reason}` : ` for ${dialect.label}`}`,
      { data: suggestion ? { column: name, suggestion } : { column: name } },
    );
  });

  const headerSpan = { start: header.start, end: header.end };
  for (const column of dialect.columns) {
    if (column.requiredInHeader && !firstCellOf.has(column.name)) {
      const reason = column.requiredReason ? `: ${column.requiredReason}` : '';
      run.report('header-missing-column', 'error', headerSpan, `Missing required column ${column.name}${reason}`, { data: { column: column.name } });
    }
  }
}

/**
 * The current name of a column of the dialect's old format, or the closest known column name not yet in
 * the header, if it is close enough to be a likely typo.
 */
export function suggestColumn(name: string, dialect: Dialect, present: ReadonlyMap<string, number>): string | undefined {
  const renamed = dialect.legacyFormat?.renames.get(name);
  if (renamed !== undefined && dialect.columnsByName.has(renamed) && !present.has(renamed)) return renamed;
  const wanted = name.trim().toLowerCase();
  const limit = distanceLimit(wanted);
  let best: string | undefined;
  let bestDistance = Infinity;
  const consider = (candidate: string): void => {
    if (present.has(candidate)) return;
    const distance = editDistance(wanted, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  };
  for (const column of dialect.columns) consider(column.name);
  for (const ignored of dialect.ignoredColumns.keys()) consider(ignored);
  return bestDistance <= limit ? best : undefined;
}
