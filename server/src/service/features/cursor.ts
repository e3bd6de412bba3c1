// Where the cursor is, in the user's terms: the column (`office_hours · 13/32`), inside a JSON cell the JSON
// path (`office_hours › monday.ranges[0].from`), and the cells of its row to jump to. Never a cell's value,
// except through cellDisplay, which masks secrets.
import { getLocation } from 'jsonc-parser';
import { labelOf } from '../json/findings';
import type { Span } from '../types';
import { cellDisplay, type CellDisplay } from './cellDisplay';
import { isJsonColumn } from './cellJson';
import type { FeatureDocument } from './document';
import { JsonCell } from './jsonCell';
import { rowName } from './rowName';

export interface CursorCell {
  /** Record index: 0 = header, 1 = the first user. */
  record: number;
  /** Header position of the cell (0-based). */
  column: number;
  /** Cells in the header. */
  columnCount: number;
  /** The header's name of the column ('' past the header's last cell). */
  name: string;
  /** True when the dialect knows the column. */
  known: boolean;
  /** Inside a JSON cell: the path of the value or key at the cursor, e.g. `monday.ranges[0].from`. */
  jsonPath?: string;
  /** True when "Edit Cell as JSON" applies (a JSON column's cell in a row that lines up with the header). */
  editableAsJson: boolean;
  /** The row's name (`jim.keeny`), `Row N`, or `header`. */
  rowName: string;
}

/** The cell at a document offset, or undefined between records. */
export function cursorCell(fd: FeatureDocument, offset: number): CursorCell | undefined {
  if (fd.header.delimiter) return undefined;
  const model = fd.model;
  const record = model.recordAt(offset);
  if (record < 0) return undefined;
  const column = model.columnAt(record, offset);
  if (column < 0) return undefined;
  const definition = fd.columns[column];
  const editableAsJson = record > 0 && isJsonColumn(definition) && !model.isBroken(record);
  const cell: CursorCell = {
    record,
    column,
    columnCount: fd.header.names.length,
    name: fd.header.names[column] ?? '',
    known: definition !== undefined,
    editableAsJson,
    rowName: record === 0 ? 'header' : rowName(fd, record),
  };
  if (editableAsJson) {
    const path = jsonPathAt(fd, record, column, offset);
    if (path) cell.jsonPath = path;
  }
  return cell;
}

/** The JSON path at `offset` inside a JSON cell's content (`monday.ranges[0].from`), or undefined at its root. */
function jsonPathAt(fd: FeatureDocument, record: number, column: number, offset: number): string | undefined {
  const span = fd.model.cellSpan(record, column);
  if (offset < span.start || offset > span.end || span.start === span.end) return undefined;
  const cell = new JsonCell(fd.model.text, span);
  const path = getLocation(cell.json, cell.toJson(offset)).path;
  return path.length === 0 ? undefined : labelOf(path, '');
}

export interface RowCell extends CellDisplay, Span {
  /** Header position. */
  column: number;
  /** The header's name ('' past its last cell). */
  name: string;
}

/** The cells of a record, with their content spans (between quotes) and what to show of them. */
export function rowCells(fd: FeatureDocument, record: number): RowCell[] {
  const model = fd.model;
  if (record < 0 || record >= model.recordCount) return [];
  const cells: RowCell[] = [];
  for (let column = 0; column < model.cellCount(record); column++) {
    const span = model.cellSpan(record, column);
    cells.push({ column, name: fd.header.names[column] ?? '', start: span.start, end: span.end, ...cellDisplay(fd, record, column) });
  }
  return cells;
}
