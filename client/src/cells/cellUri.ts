// The address of a JSON cell opened in a tab of its own: the schema's folder, then the CSV's own path with
// the cell's row and column added to its name:
//   pbx-user-csv-cell:/portsip-office-hours/home/me/users.csv · row 12 · office_hours.json?record=12&column=12
// The tab shows the file name (and the CSV's folder when two tabs have one name); `.json` makes it a JSON
// document. The first folder names the column's JSON Schema (a built-in schema's file name, `custom` for
// others): package.json's `jsonValidation` maps each built-in schema's folder to that schema, so VS Code's
// JSON support completes, explains and validates with it. A CSV that is not a `file:` carries its scheme and
// authority in the query.
import * as vscode from 'vscode';

export const CELL_SCHEME = 'pbx-user-csv-cell';

/** The folder of tabs whose schema is not one of the built-in dialects' (the server then checks the schema too). */
export const CUSTOM_SCHEMA_FOLDER = 'custom';

const ROW_MARK = ' · row ';

export interface CellAddress {
  /** The CSV document. */
  csv: vscode.Uri;
  /** Record index (the row number the user is shown). */
  record: number;
  /** Header position. */
  column: number;
}

/** What the tab's name is made of. */
export interface CellNaming extends CellAddress {
  columnName: string;
  builtInSchema?: string;
}

/** A name without path separators. */
function segment(text: string): string {
  return text.replace(/[/\\]/g, '_');
}

export function cellUri(cell: CellNaming): vscode.Uri {
  const csvPath = cell.csv.path.startsWith('/') ? cell.csv.path : `/${cell.csv.path}`;
  const folder = cell.builtInSchema ? segment(cell.builtInSchema) : CUSTOM_SCHEMA_FOLDER;
  const query = new URLSearchParams({ record: String(cell.record), column: String(cell.column) });
  if (cell.csv.scheme !== 'file' || cell.csv.authority !== '') {
    query.set('scheme', cell.csv.scheme);
    query.set('authority', cell.csv.authority);
    if (!cell.csv.path.startsWith('/')) query.set('relative', '1');
  }
  return vscode.Uri.from({
    scheme: CELL_SCHEME,
    path: `/${folder}${csvPath}${ROW_MARK}${cell.record} · ${segment(cell.columnName)}.json`,
    query: query.toString(),
  });
}

/** The cell a tab's address names; undefined for an address that is not one of ours. */
export function parseCellUri(uri: vscode.Uri): (CellAddress & { builtInSchema?: string }) | undefined {
  if (uri.scheme !== CELL_SCHEME) return undefined;
  const query = new URLSearchParams(uri.query);
  const record = Number(query.get('record'));
  const column = Number(query.get('column'));
  const folderEnd = uri.path.indexOf('/', 1);
  const mark = uri.path.lastIndexOf(ROW_MARK);
  if (!Number.isInteger(record) || !Number.isInteger(column) || folderEnd < 0 || mark < folderEnd) return undefined;
  const folder = uri.path.slice(1, folderEnd);
  const path = uri.path.slice(query.get('relative') ? folderEnd + 1 : folderEnd, mark);
  const csv = vscode.Uri.from({ scheme: query.get('scheme') ?? 'file', authority: query.get('authority') ?? '', path });
  return { csv, record, column, ...(folder !== CUSTOM_SCHEMA_FOLDER ? { builtInSchema: folder } : {}) };
}
