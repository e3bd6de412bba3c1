// Diagnostics of the JSON cell tabs: what the column's checks find that JSON Schema cannot express (office
// hours in order, a forward rule's number, MAC and language spelling, a MAC another phone of the CSV has), at
// the key or value they are about.
// VS Code's JSON support validates against the schema itself; for a schema it does not have (a custom
// dialect's), the server reports the schema's findings too.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CHECKED_JSON_URI, JsonCheckRequest } from '../../../server/src/lsp/cellProtocol';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import type { CellFileSystem } from './cellFileSystem';
import { CELL_SCHEME } from './cellUri';

/** Pause after typing before the tab is checked. */
const DEBOUNCE_MS = 200;

const SEVERITY: Record<number, vscode.DiagnosticSeverity> = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
  4: vscode.DiagnosticSeverity.Hint,
};

export class CellDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('pbx-user-csv-cells');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per tab, a count of checks asked for: an answer to an older one is dropped. */
  private readonly generations = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly cells: CellFileSystem,
  ) {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        this.schedule(event.document, DEBOUNCE_MS);
        // A tab's MACs are compared with the rest of its CSV: an edit there can make or end a duplicate.
        if (event.document.uri.scheme !== CELL_SCHEME) this.scheduleTabsOf(event.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.uri.scheme !== CELL_SCHEME) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document).catch(() => undefined);
      }, delay),
    );
  }

  private scheduleTabsOf(csv: vscode.Uri): void {
    const key = csv.toString();
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === CELL_SCHEME && this.cells.cell(document.uri)?.csv.toString() === key) this.schedule(document, DEBOUNCE_MS);
    }
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const cell = this.cells.cell(document.uri);
    if (!cell) return;
    // The server checks with the CSV's dialect and settings: it must have the CSV open.
    await vscode.workspace.openTextDocument(cell.csv);
    const answer = await this.client.sendRequest(JsonCheckRequest, {
      uri: cell.csv.toString(),
      column: cell.column,
      record: cell.record,
      json: document.getText(),
      schemaErrors: cell.builtInSchema === undefined,
    });
    if (this.generations.get(key) !== generation || document.isClosed) return;
    this.collection.set(document.uri, answer.diagnostics.map((d) => toDiagnostic(d, document.uri)));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

const rangeOf = (r: LspDiagnostic['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

function toDiagnostic(d: LspDiagnostic, uri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(d.range), d.message, SEVERITY[d.severity ?? 1] ?? vscode.DiagnosticSeverity.Error);
  diagnostic.source = d.source;
  if (d.code !== undefined) {
    diagnostic.code = d.codeDescription ? { value: d.code, target: vscode.Uri.parse(d.codeDescription.href) } : d.code;
  }
  if (d.relatedInformation) {
    diagnostic.relatedInformation = d.relatedInformation.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(r.location.uri === CHECKED_JSON_URI ? uri : vscode.Uri.parse(r.location.uri), rangeOf(r.location.range)), r.message),
    );
  }
  if (d.tags) diagnostic.tags = d.tags.map((tag) => (tag === 1 ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
  return diagnostic;
}
