// Custom messages of cell editing (issue 13): the cursor's column, a JSON cell edited in a tab of its own, and
// the table preview. Both sides import this one file (like protocol.ts); ranges and positions are LSP's.
import { RequestType } from 'vscode-languageserver-protocol';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import type { CellDisplay, CursorCell, TableColumn, TableRow } from '../service/index';

export interface CursorParams {
  uri: string;
  position: Position;
}

/** The cell under the cursor (its column, the JSON path inside a JSON cell); null in no cell or not a user CSV. */
export type CursorResult = CursorCell;

export interface RowCellsParams {
  uri: string;
  record: number;
}

export interface RowCellEntry extends CellDisplay {
  column: number;
  name: string;
  /** The cell's content (between its quotes). */
  range: Range;
}

/** The JSON cell to open: at a position (the cursor), or by record and header position (a tab opened again). */
export interface JsonCellParams {
  uri: string;
  position?: Position;
  record?: number;
  column?: number;
}

export interface JsonCellInfo {
  record: number;
  column: number;
  columnName: string;
  rowName: string;
  /** The whole cell, quotes included. */
  range: Range;
  /** The cell as written: what a write-back expects to find in `range`. */
  raw: string;
  /** The JSON to edit (pretty-printed; a starting value from the schema when the cell is empty). */
  json: string;
  empty: boolean;
  schemaUri: string;
  /**
   * For a JSON Schema of the built-in dialects: its file name without `.schema.json` (`portsip-office-hours`).
   * The extension's `jsonValidation` maps the tabs of each such schema to it; other schemas are checked by the
   * server alone (JsonCheckParams.schemaErrors).
   */
  builtInSchema?: string;
}

export interface JsonCellResult {
  /** The document's version the answer is of. */
  version: number;
  cell?: JsonCellInfo;
  /** Why the cell cannot be edited as JSON. */
  refused?: string;
}

export interface WriteJsonCellParams {
  uri: string;
  /** The version of the document `range` is of: the server refuses (`stale`) if its own differs. */
  version: number;
  /** Where the cell is now (the client follows it through edits elsewhere), quotes included. */
  range: Range;
  column: number;
  /** The cell as written when it was opened. */
  raw: string;
  /** The edited JSON. */
  json: string;
}

export interface WriteJsonCellResult {
  /** The cell's new text (compact JSON, CSV-escaped, quoted; '' empties the cell), to put in `range`. */
  cellText?: string;
  /** `changed`: the cell is not as it was; `syntax`: the JSON does not parse; `stale`: ask again. */
  refused?: 'changed' | 'syntax' | 'stale';
  /** What to tell the user; never quotes the JSON. */
  message?: string;
  /** For `syntax`: where the error is in the JSON (0-based). */
  position?: Position;
}

export interface JsonCheckParams {
  /** The CSV document the JSON belongs to (its dialect and settings apply). */
  uri: string;
  /** Header position of the JSON column. */
  column: number;
  /** The record of the cell the JSON is edited for: its MACs are compared with the rest of the file's. */
  record?: number;
  json: string;
  /** Also report what the JSON Schema finds (the editor does not have the schema). */
  schemaErrors: boolean;
}

/** The URI the diagnostics of a JSON check give the checked text (in their related information). */
export const CHECKED_JSON_URI = 'pbx-user-csv-json:checked';

export interface JsonCheckResult {
  /** Diagnostics with ranges in `json`; related information in it names CHECKED_JSON_URI. */
  diagnostics: Diagnostic[];
}

export interface TableParams {
  uri: string;
  /** First row (an index into the filtered rows) and how many. */
  from: number;
  count: number;
  problemsOnly?: boolean;
  text?: string;
  /** Also send the columns. */
  withColumns?: boolean;
}

export interface TableResult {
  version: number;
  /** Absent when the file is not a user CSV. */
  dialect?: string;
  columns?: TableColumn[];
  /** Rows the filter keeps. */
  total: number;
  /** Data rows in the file. */
  rowCount: number;
  /** False while the file is being checked: problems are not shown yet. */
  checked: boolean;
  /** Data rows with a problem (when checked). */
  rowsWithProblems?: number;
  rows: TableRow[];
}

export const CursorRequest = new RequestType<CursorParams, CursorResult | null, void>('pbxUserCsv/cursor');
export const RowCellsRequest = new RequestType<RowCellsParams, RowCellEntry[] | null, void>('pbxUserCsv/rowCells');
export const JsonCellRequest = new RequestType<JsonCellParams, JsonCellResult | null, void>('pbxUserCsv/jsonCell');
export const WriteJsonCellRequest = new RequestType<WriteJsonCellParams, WriteJsonCellResult, void>('pbxUserCsv/writeJsonCell');
export const JsonCheckRequest = new RequestType<JsonCheckParams, JsonCheckResult, void>('pbxUserCsv/checkJson');
export const TableRequest = new RequestType<TableParams, TableResult | null, void>('pbxUserCsv/table');
