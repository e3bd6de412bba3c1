// The parsed document seen through its dialect, and finding what sits at an offset: the shared ground of
// the editing features (completion, hover, quick fixes, semantic tokens, outline).
import type { CellSpan, CsvModel } from '../csv/model';
import type { ParsedDocument } from '../session';

export type { ParsedDocument as FeatureDocument } from '../session';

/** A cell with its value. */
export interface CellValue extends CellSpan {
  value: string;
}

export interface CellHit {
  /** Record index: 0 = header. */
  record: number;
  /** 0-based column of the cell in its record. */
  column: number;
  cell: CellValue;
}

/**
 * The cell at `offset`: the one whose raw span (quotes included) contains it, its end included so that a
 * cursor right after the last character still counts (an offset on a comma belongs to the cell before
 * it). Undefined between records and on blank lines.
 */
export function cellAt(model: CsvModel, offset: number): CellHit | undefined {
  const record = model.recordAt(offset);
  if (record < 0) return undefined;
  const column = model.columnAt(record, offset);
  if (column < 0) return undefined;
  return { record, column, cell: { ...model.cellSpan(record, column), value: model.value(record, column) } };
}

/** The header position of a column by name (first occurrence), or -1. */
export function columnIndex(fd: ParsedDocument, name: string): number {
  return fd.header.delimiter ? -1 : fd.header.names.indexOf(name);
}
