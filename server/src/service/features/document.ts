// The parsed document seen through its dialect, and finding what sits at an offset: the shared ground of
// the editing features (completion, hover, quick fixes, semantic tokens, outline).
import { readHeader, type HeaderReading } from '../detect';
import type { CompiledColumn, Dialect } from '../dialects/model';
import type { Cell, CsvDocument, Row } from '../types';

export interface FeatureDocument {
  doc: CsvDocument;
  dialect: Dialect;
  header: HeaderReading;
  /** The dialect's column at every header position (undefined: unknown, ignored or a repeated name). */
  columns: Array<CompiledColumn | undefined>;
}

export function prepareDocument(doc: CsvDocument, dialect: Dialect): FeatureDocument {
  const header = readHeader(doc) ?? { names: [] };
  const seen = new Set<string>();
  const columns = header.names.map((name) => {
    if (header.delimiter || seen.has(name)) return undefined; // like the validator: the first of a repeated name counts
    seen.add(name);
    return dialect.columnsByName.get(name);
  });
  return { doc, dialect, header, columns };
}

/** The record whose text (line break excluded) contains `offset`, its end included. */
export function rowAt(doc: CsvDocument, offset: number): Row | undefined {
  const rows = doc.rows;
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const row = rows[mid];
    if (offset < row.start) high = mid - 1;
    else if (offset > row.end) low = mid + 1;
    else return row;
  }
  return undefined;
}

export interface CellHit {
  row: Row;
  /** Position of the cell in its row, which is its column's position in the header. */
  index: number;
  cell: Cell;
}

/** The cell at `offset`; an offset on a comma belongs to the cell before it (the cursor is at its end). */
export function cellAt(doc: CsvDocument, offset: number): CellHit | undefined {
  const row = rowAt(doc, offset);
  if (!row) return undefined;
  const cells = row.cells;
  let low = 0;
  let high = cells.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const cell = cells[mid];
    if (offset < cell.rawStart) high = mid - 1;
    else if (offset > cell.rawEnd) low = mid + 1;
    else return { row, index: mid, cell };
  }
  return undefined;
}

/** The header position of a column by name (first occurrence), or -1. */
export function columnIndex(fd: FeatureDocument, name: string): number {
  return fd.header.delimiter ? -1 : fd.header.names.indexOf(name);
}
