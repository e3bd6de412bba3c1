// The parsed document seen through its dialect, and finding what sits at an offset: the shared ground of
// the editing features (completion, hover, quick fixes, semantic tokens, outline).
import { readHeader, type HeaderReading } from '../detect';
import type { CompiledColumn, Dialect } from '../dialects/model';
import type { CsvDocument } from '../types';

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

/** What sits at an offset: the CSV model's own lookup (an offset on a comma belongs to the cell before it). */
export { cellAt, type CellLocation as CellHit } from '../csv/parse';

/** The header position of a column by name (first occurrence), or -1. */
export function columnIndex(fd: FeatureDocument, name: string): number {
  return fd.header.delimiter ? -1 : fd.header.names.indexOf(name);
}
