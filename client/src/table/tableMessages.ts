// Messages between the table preview's webview (webview/table.ts) and the extension (tablePanel.ts). Types
// only: the webview bundle and the extension both import this file.
import type { TableColumn, TableRow } from '../../../server/src/service/index';

/** Rows per request of the page. */
export const TABLE_BLOCK = 100;

export interface NotUserCsvMessage {
  type: 'notUserCsv';
  /** The CSV document's URI: the page keeps it in its state, from which a window reload restores the preview. */
  uri: string;
  fileName: string;
}

export interface TableFilterState {
  problemsOnly: boolean;
  text: string;
}

/** What the page keeps (vscode.setState) across being hidden and shown again, and across a window reload. */
export interface TableViewState {
  /** The CSV document's URI: the panel serializer opens its preview again after a reload. */
  uri: string;
  filter: TableFilterState;
  scrollTop: number;
  scrollLeft: number;
}

/** The file's columns and row counts; sent first, and again after every edit or new diagnostics. */
export interface TableMessage {
  type: 'table';
  /** Grows with every such message: rows fetched for an older one are shown only until newer ones arrive. */
  generation: number;
  /** The CSV document's URI (see NotUserCsvMessage). */
  uri: string;
  fileName: string;
  dialect?: string;
  columns: TableColumn[];
  rowCount: number;
  checked: boolean;
  rowsWithProblems?: number;
  /** Date.now() when the command that opened the preview ran (for the time to the first rows). */
  openedAt?: number;
  /** In the page when it is made: the first rows of the unfiltered table, asked for while the webview was made. */
  firstRows?: TableRow[];
}

export interface RowsMessage {
  type: 'rows';
  requestId: number;
  /** Rows the request's filter keeps. */
  total: number;
  from: number;
  rows: TableRow[];
}

export type ToWebview = TableMessage | RowsMessage | NotUserCsvMessage;

export type FromWebview =
  | { type: 'ready' }
  | { type: 'rows'; requestId: number; from: number; count: number; filter: TableFilterState }
  | { type: 'reveal'; record: number; column: number };
