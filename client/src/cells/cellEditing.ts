// Cell editing (issue 13), wired into the extension in one call: a JSON cell edited in a tab of its own,
// the table preview, and the column under the cursor in the status bar.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { TablePanels, PREVIEW_TABLE_COMMAND } from '../table/tablePanel';
import { CellDiagnostics } from './cellDiagnostics';
import { CellFileSystem } from './cellFileSystem';
import { CELL_SCHEME } from './cellUri';
import { ColumnStatusBar, GO_TO_COLUMN_COMMAND } from './columnStatusBar';
import { CSV_SELECTOR } from './csvDocuments';
import { EDIT_CELL_AS_JSON_COMMAND, EditCellCodeActionProvider, EditCellHoverProvider, editCellAsJson, type EditCellTarget } from './editCellCommand';

export function registerCellEditing(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const cells = new CellFileSystem(client);
  const columnStatus = new ColumnStatusBar(client);
  const tables = new TablePanels(client, context.extensionUri);
  context.subscriptions.push(
    cells,
    vscode.workspace.registerFileSystemProvider(CELL_SCHEME, cells, { isCaseSensitive: true }),
    new CellDiagnostics(client, cells),
    columnStatus,
    tables,
    vscode.commands.registerCommand(EDIT_CELL_AS_JSON_COMMAND, (target?: EditCellTarget) => editCellAsJson(cells, target)),
    vscode.commands.registerCommand(GO_TO_COLUMN_COMMAND, () => columnStatus.goToColumn()),
    vscode.commands.registerCommand(PREVIEW_TABLE_COMMAND, (target?: vscode.Uri) => tables.open(target)),
    vscode.languages.registerHoverProvider(CSV_SELECTOR, new EditCellHoverProvider(client)),
    vscode.languages.registerCodeActionsProvider(CSV_SELECTOR, new EditCellCodeActionProvider(client), {
      providedCodeActionKinds: [EditCellCodeActionProvider.kind],
    }),
    // The server learns a file's dialect after the first validation: ask again for the status bar then.
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (event.uris.some((uri) => uri.toString() === active)) columnStatus.refresh();
    }),
  );
}
