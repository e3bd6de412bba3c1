// The JSON cells opened in tabs of their own, as a file system of the extension's scheme (see cellUri.ts).
// Reading a tab gives the cell's JSON, pretty-printed; saving it writes the JSON back into exactly that
// cell of the CSV as one undoable edit (the CSV is then dirty, and saved as usual). Each open cell is
// followed through the edits made elsewhere in the CSV; once an edit touches it, a save is refused and the
// user is offered to reload it. The JSON may hold phone passwords: it is never logged.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { JsonCellRequest, WriteJsonCellRequest } from '../../../server/src/lsp/cellProtocol';
import type { JsonCellInfo, JsonCellParams, JsonCellResult } from '../../../server/src/lsp/cellProtocol';
import { followSpan } from '../../../server/src/service/text/followSpan';
import { CELL_SCHEME, cellUri, parseCellUri } from './cellUri';

/** A cell opened in a tab: where it is in the CSV now, and what it was when the tab got its text. */
export interface OpenCell {
  csv: vscode.Uri;
  record: number;
  column: number;
  columnName: string;
  rowName: string;
  builtInSchema?: string;
  /** Offset of the cell's first character (its opening quote) in the CSV document, followed through edits. */
  rawStart: number;
  /** The cell as written in the CSV. */
  raw: string;
  /** The text the tab was given (or last saved). */
  json: string;
  /** True once an edit of the CSV touched the cell: the tab's text is not the cell's any more. */
  changed: boolean;
  mtime: number;
}

export const RELOAD = 'Reload from CSV';

/** Puts the cursor of the tab's editor on a syntax error. */
function showSyntaxError(uri: vscode.Uri, position: { line: number; character: number } | undefined): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (!editor || !position) return;
  const at = new vscode.Position(position.line, position.character);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Refusals the user should read as they are (VS Code shows them after "Failed to save …"). */
class Refusal extends vscode.FileSystemError {}

export class CellFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly cells = new Map<string, OpenCell>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changeEmitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The cell being written: its own edit does not count as a change made elsewhere. */
  private writing: { cell: OpenCell; start: number; length: number; text: string } | undefined;

  constructor(private readonly client: BaseLanguageClient) {
    this.subscriptions.push(vscode.workspace.onDidChangeTextDocument((event) => this.follow(event)));
  }

  /** The open cell of a tab, if it was read in this window. */
  cell(uri: vscode.Uri): OpenCell | undefined {
    return this.cells.get(uri.toString());
  }

  /**
   * The tab of the JSON cell at a position of a CSV document (its cell is read now); a message instead when the
   * cell cannot be edited as JSON.
   */
  async open(csv: vscode.TextDocument, position: vscode.Position): Promise<vscode.Uri | string> {
    const answer = await this.readCell(csv, { uri: csv.uri.toString(), position: { line: position.line, character: position.character } });
    if (!answer) return 'this file is not a user CSV of a known dialect';
    if (!answer.cell) return answer.refused ?? 'this cell cannot be edited as JSON';
    const uri = cellUri({ csv: csv.uri, record: answer.cell.record, column: answer.cell.column, columnName: answer.cell.columnName, builtInSchema: answer.cell.builtInSchema });
    const known = this.cells.get(uri.toString());
    // A tab already open on this cell keeps its text (it may hold unsaved changes).
    if (!known || known.changed) {
      this.remember(uri, csv, answer.cell);
      if (known) this.changeEmitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    }
    return uri;
  }

  // ---------------------------------------------------------------- FileSystemProvider

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const cell = await this.resolve(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: cell.mtime, size: encoder.encode(cell.json).length };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return encoder.encode((await this.resolve(uri)).json);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const cell = await this.resolve(uri);
    const json = decoder.decode(content);
    if (cell.changed) throw this.refuseChanged(uri, cell);
    if (json === cell.json) return; // saved without a change: the CSV stays as it is
    const document = await vscode.workspace.openTextDocument(cell.csv);
    for (let attempt = 0; attempt < 20; attempt++) {
      const range = new vscode.Range(document.positionAt(cell.rawStart), document.positionAt(cell.rawStart + cell.raw.length));
      if (document.getText(range) !== cell.raw) throw this.refuseChanged(uri, cell);
      const version = document.version;
      const answer = await this.client.sendRequest(WriteJsonCellRequest, {
        uri: cell.csv.toString(),
        version,
        range: { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } },
        column: cell.column,
        raw: cell.raw,
        json,
      });
      // The server has not seen the latest edit yet, or one came in meanwhile: ask again.
      if (answer.refused === 'stale' || document.version !== version) {
        await new Promise((resolve) => setTimeout(resolve, 25 * (attempt + 1)));
        continue;
      }
      if (answer.refused === 'syntax') {
        showSyntaxError(uri, answer.position);
        throw new Refusal(`Not saved: the JSON has a syntax error at ${answer.message ?? 'an unknown place'}. Correct it and save again.`);
      }
      if (answer.refused || answer.cellText === undefined) throw this.refuseChanged(uri, cell);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(cell.csv, range, answer.cellText);
      this.writing = { cell, start: cell.rawStart, length: cell.raw.length, text: answer.cellText };
      let applied: boolean;
      try {
        applied = await vscode.workspace.applyEdit(edit);
      } finally {
        this.writing = undefined;
      }
      if (!applied) throw new Refusal('Not saved: VS Code did not apply the edit to the CSV file.');
      cell.raw = answer.cellText;
      cell.json = json;
      cell.changed = false;
      cell.mtime = Date.now();
      const name = cell.csv.path.slice(cell.csv.path.lastIndexOf('/') + 1);
      vscode.window.setStatusBarMessage(`$(check) ${cell.columnName} of ${cell.rowName} written into ${name}: save ${name} to keep it`, 8000);
      return;
    }
    throw new Refusal('Not saved: the CSV file kept changing; try again.');
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('JSON cells live in their CSV file');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('JSON cells live in their CSV file');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('JSON cells live in their CSV file');
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }

  // ---------------------------------------------------------------- reloading

  /** Reads the cell again from the CSV: an unchanged tab shows it at once, a changed one is reverted to it. */
  async reload(uri: vscode.Uri): Promise<void> {
    const cell = this.cells.get(uri.toString());
    if (cell) cell.changed = true; // resolve() reads it again
    await this.resolve(uri);
    this.changeEmitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) {
      await vscode.window.showTextDocument(open, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }

  /**
   * A tab without changes of its own shows the cell's new text. One with unsaved changes keeps them: its
   * save is then refused with the offer to reload.
   */
  private refreshIfUnchanged(cell: OpenCell): void {
    for (const [key, known] of this.cells) {
      if (known !== cell) continue;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (open && !open.isDirty) void this.reload(open.uri).catch(() => undefined);
    }
  }

  private refuseChanged(uri: vscode.Uri, cell: OpenCell): Refusal {
    const message = `${cell.columnName} of ${cell.rowName} changed in the CSV file since this tab was opened: not saved. Reload it from the CSV (your changes here are then lost), or copy them first.`;
    void vscode.window.showErrorMessage(message, RELOAD).then((choice) => {
      if (choice === RELOAD) void this.reload(uri);
    });
    return new Refusal(message);
  }

  // ---------------------------------------------------------------- cells

  /** The open cell of a tab, read from the CSV when it is not known yet or changed there. */
  private async resolve(uri: vscode.Uri): Promise<OpenCell> {
    const known = this.cells.get(uri.toString());
    if (known && !known.changed) return known;
    const address = parseCellUri(uri);
    if (!address) throw vscode.FileSystemError.FileNotFound(uri);
    const csv = await vscode.workspace.openTextDocument(known?.csv ?? address.csv);
    // Where the cell was followed to, if it still is that column there; else by its row and column.
    const params: JsonCellParams = { uri: csv.uri.toString(), record: address.record, column: address.column };
    let answer = known ? await this.readCell(csv, { uri: params.uri, position: csv.positionAt(known.rawStart) }) : undefined;
    if (!answer?.cell || answer.cell.column !== address.column) answer = await this.readCell(csv, params);
    if (!answer?.cell) throw new Refusal(`This cell cannot be opened as JSON any more: ${answer?.refused ?? 'the file is not a user CSV of a known dialect'}.`);
    return this.remember(uri, csv, answer.cell);
  }

  /** The server's answer about a cell, of the document's version this side has (its offsets are then this side's). */
  private async readCell(csv: vscode.TextDocument, params: JsonCellParams): Promise<JsonCellResult | null> {
    for (let attempt = 0; ; attempt++) {
      const version = csv.version;
      const answer = await this.client.sendRequest(JsonCellRequest, params);
      if (!answer || (answer.version === version && csv.version === version) || attempt >= 20) return answer;
      await new Promise((resolve) => setTimeout(resolve, 25 * (attempt + 1)));
    }
  }

  private remember(uri: vscode.Uri, csv: vscode.TextDocument, info: JsonCellInfo): OpenCell {
    const cell: OpenCell = {
      csv: csv.uri,
      record: info.record,
      column: info.column,
      columnName: info.columnName,
      rowName: info.rowName,
      builtInSchema: info.builtInSchema,
      rawStart: csv.offsetAt(new vscode.Position(info.range.start.line, info.range.start.character)),
      raw: info.raw,
      json: info.json,
      changed: false,
      mtime: Date.now(),
    };
    this.cells.set(uri.toString(), cell);
    return cell;
  }

  /** Moves the open cells of an edited CSV document, or marks them changed when the edit touches them. */
  private follow(event: vscode.TextDocumentChangeEvent): void {
    if (event.document.uri.scheme === CELL_SCHEME || event.contentChanges.length === 0) return;
    const key = event.document.uri.toString();
    for (const cell of this.cells.values()) {
      if (cell.changed || cell.csv.toString() !== key) continue;
      for (const change of event.contentChanges) {
        const start = change.rangeOffset;
        const end = start + change.rangeLength;
        const writing = this.writing;
        if (writing?.cell === cell && start === writing.start && end === writing.start + writing.length && change.text === writing.text) continue;
        const followed = followSpan({ start: cell.rawStart, length: cell.raw.length }, start, end, change.text.length);
        if (!followed) {
          cell.changed = true;
          this.refreshIfUnchanged(cell);
          break;
        }
        cell.rawStart = followed.start;
      }
    }
  }
}
