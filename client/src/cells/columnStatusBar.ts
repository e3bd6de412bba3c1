// "Always know your column": a status-bar item with the column under the cursor and its place in the header
// (`office_hours · 13/32`), inside a JSON cell the JSON path (`office_hours › monday.ranges[0].from`).
// Clicking it lists the cells of the cursor's row to jump to.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CursorRequest, RowCellsRequest } from '../../../server/src/lsp/cellProtocol';
import type { CursorResult } from '../../../server/src/lsp/cellProtocol';
import { isCsvDocument } from './csvDocuments';

export const GO_TO_COLUMN_COMMAND = 'pbxUserCsv.goToColumn';

/** Pause after the cursor moved before the server is asked (typing moves it at every key). */
const DEBOUNCE_MS = 60;

/** The status bar's text for the cell at the cursor. */
export function columnStatusText(cursor: CursorResult): string {
  const name = cursor.name || '(no column)';
  if (cursor.jsonPath) return `${name} › ${cursor.jsonPath}`;
  return `${name} · ${cursor.column + 1}/${cursor.columnCount}`;
}

function tooltipOf(cursor: CursorResult): string {
  const where = cursor.record === 0 ? 'header' : `row ${cursor.record} (${cursor.rowName})`;
  const lines = [`Column ${cursor.column + 1} of ${cursor.columnCount}: ${cursor.name || 'past the last column of the header'}${cursor.known || !cursor.name ? '' : ' (not a column of this dialect)'}, ${where}`];
  if (cursor.jsonPath) lines.push(`JSON: ${cursor.jsonPath}`);
  lines.push('Click to go to another column of this row.');
  return lines.join('\n');
}

export class ColumnStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pbxUserCsv.column', vscode.StatusBarAlignment.Right, 101);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;
  /** What the item shows, with the document it is about. */
  private current: { uri: string; cursor: CursorResult } | undefined;

  constructor(private readonly client: BaseLanguageClient) {
    this.item.name = 'PBX User CSV Column';
    this.item.command = GO_TO_COLUMN_COMMAND;
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.schedule(DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.schedule(DEBOUNCE_MS);
      }),
    );
    this.schedule(0);
  }

  /** Asks again (the server may not have known the file's dialect the last time). */
  refresh(): void {
    this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update().catch(() => this.hide()), delay);
  }

  private async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isCsvDocument(editor.document) || !this.client.isRunning()) {
      this.hide();
      return;
    }
    const asked = ++this.asked;
    const uri = editor.document.uri.toString();
    const position = editor.selection.active;
    const cursor = await this.client.sendRequest(CursorRequest, { uri, position: { line: position.line, character: position.character } });
    if (asked !== this.asked) return; // a newer question is under way
    if (!cursor) {
      this.hide();
      return;
    }
    this.current = { uri, cursor };
    this.item.text = `$(table) ${columnStatusText(cursor)}`;
    this.item.tooltip = tooltipOf(cursor);
    this.item.show();
  }

  private hide(): void {
    this.current = undefined;
    this.item.hide();
  }

  /** The quick pick of the cells of the cursor's row; picking one selects it in the editor. */
  async goToColumn(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isCsvDocument(editor.document)) {
      void vscode.window.showInformationMessage('PBX User CSV: open a user CSV to go to a column.');
      return;
    }
    const uri = editor.document.uri.toString();
    const position = editor.selection.active;
    const cursor =
      this.current?.uri === uri ? this.current.cursor : await this.client.sendRequest(CursorRequest, { uri, position: { line: position.line, character: position.character } });
    if (!cursor) {
      void vscode.window.showInformationMessage('PBX User CSV: put the cursor in a row of a user CSV to go to one of its columns.');
      return;
    }
    const cells = await this.client.sendRequest(RowCellsRequest, { uri, record: cursor.record });
    if (!cells?.length) return;
    const where = cursor.record === 0 ? 'the header' : `row ${cursor.record} (${cursor.rowName})`;
    const items = cells.map((cell) => ({
      label: cell.name || '(no column)',
      description: `${cell.column + 1}/${cursor.columnCount}`,
      detail: cell.masked ? '$(lock) hidden' : cell.text === '' ? '(empty)' : cell.text,
      cell,
    }));
    const picked = await pickOne(items, items[cursor.column], `Go to a column of ${where}`);
    if (!picked || vscode.window.activeTextEditor !== editor) return;
    const range = picked.cell.range;
    const selection = new vscode.Selection(range.start.line, range.start.character, range.end.line, range.end.character);
    editor.selection = selection;
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** A quick pick of `items` with `active` highlighted first; the chosen item, or undefined. */
function pickOne<T extends vscode.QuickPickItem>(items: T[], active: T | undefined, title: string): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = title;
  quickPick.placeholder = 'Column name';
  quickPick.matchOnDescription = true;
  quickPick.items = items;
  if (active) quickPick.activeItems = [active];
  return new Promise<T | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0] ?? quickPick.activeItems[0]);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
