// "Edit Cell as JSON": from the command palette (the cell at the cursor), a link in the cell's hover, or a
// code action. The hover and the code action are offered only where the command applies; the server says
// where that is (CursorRequest).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CursorRequest } from '../../../server/src/lsp/cellProtocol';
import type { CursorResult } from '../../../server/src/lsp/cellProtocol';
import type { CellFileSystem } from './cellFileSystem';

export const EDIT_CELL_AS_JSON_COMMAND = 'pbxUserCsv.editCellAsJson';

/** The command's argument from a hover link or a code action: a CSV document and a position in it. */
export interface EditCellTarget {
  uri: string;
  line: number;
  character: number;
}

export function editTitle(cursor: Pick<CursorResult, 'name' | 'rowName'>): string {
  return `Edit ${cursor.name} of ${cursor.rowName} as JSON`;
}

export async function editCellAsJson(cells: CellFileSystem, target?: EditCellTarget): Promise<void> {
  let document: vscode.TextDocument | undefined;
  let position: vscode.Position | undefined;
  if (target && typeof target.uri === 'string') {
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
    position = new vscode.Position(target.line, target.character);
  } else {
    const editor = vscode.window.activeTextEditor;
    document = editor?.document;
    position = editor?.selection.active;
  }
  if (!document || !position) {
    void vscode.window.showInformationMessage('PBX User CSV: put the cursor in a JSON cell of a user CSV to edit it as JSON.');
    return;
  }
  const opened = await cells.open(document, position);
  if (typeof opened === 'string') {
    void vscode.window.showInformationMessage(`PBX User CSV: cannot edit this cell as JSON: ${opened}.`);
    return;
  }
  await vscode.window.showTextDocument(opened, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** The cell at a position when "Edit Cell as JSON" applies to it. */
async function editableCell(client: BaseLanguageClient, document: vscode.TextDocument, position: vscode.Position): Promise<CursorResult | undefined> {
  if (!client.isRunning()) return undefined;
  const cursor = await client.sendRequest(CursorRequest, { uri: document.uri.toString(), position: { line: position.line, character: position.character } });
  return cursor?.editableAsJson ? cursor : undefined;
}

function commandArguments(document: vscode.TextDocument, position: vscode.Position): EditCellTarget {
  return { uri: document.uri.toString(), line: position.line, character: position.character };
}

/** A line in the hover of a JSON cell: "Edit office_hours of jim.keeny as JSON", a link that runs the command. */
export class EditCellHoverProvider implements vscode.HoverProvider {
  constructor(private readonly client: BaseLanguageClient) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const cursor = await editableCell(this.client, document, position);
    if (!cursor) return undefined;
    // Parentheses too: one in the file's path would end the link.
    const args = encodeURIComponent(JSON.stringify([commandArguments(document, position)])).replace(/\(/g, '%28').replace(/\)/g, '%29');
    const markdown = new vscode.MarkdownString(`[$(json) ${escapeMarkdown(editTitle(cursor))}](command:${EDIT_CELL_AS_JSON_COMMAND}?${args} "Open the cell in a JSON editor tab")`, true);
    markdown.isTrusted = { enabledCommands: [EDIT_CELL_AS_JSON_COMMAND] };
    return new vscode.Hover(markdown);
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

export class EditCellCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.RefactorRewrite.append('editCellAsJson');

  constructor(private readonly client: BaseLanguageClient) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): Promise<vscode.CodeAction[]> {
    const position = range instanceof vscode.Selection ? range.active : range.start;
    const cursor = await editableCell(this.client, document, position);
    if (!cursor) return [];
    const action = new vscode.CodeAction(editTitle(cursor), EditCellCodeActionProvider.kind);
    action.command = { command: EDIT_CELL_AS_JSON_COMMAND, title: editTitle(cursor), arguments: [commandArguments(document, position)] };
    return [action];
  }
}
