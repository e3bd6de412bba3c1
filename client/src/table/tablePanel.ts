// "Preview as Table": a read-only table of a user CSV beside its text, in a webview (dist/table.js, built from
// webview/table.ts). The webview asks for the rows it shows as it scrolls; this side asks the server and
// passes the answers on, tells the webview when the file or its diagnostics changed, and reveals a clicked
// cell in the text editor. A window reload brings the preview back (a webview panel serializer).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { RowCellsRequest, TableRequest } from '../../../server/src/lsp/cellProtocol';
import type { TableResult } from '../../../server/src/lsp/cellProtocol';
import { isCsvDocument } from '../cells/csvDocuments';
import type { FromWebview, NotUserCsvMessage, TableMessage, TableViewState, ToWebview } from './tableMessages';

export const PREVIEW_TABLE_COMMAND = 'pbxUserCsv.previewTable';
const VIEW_TYPE = 'pbxUserCsv.table';

/** Rows put into the page with it: a screenful and more. */
const FIRST_ROWS = 60;

/** The page runs its own (inline) script and loads nothing. */
const WEBVIEW_OPTIONS: vscode.WebviewOptions = { enableScripts: true, localResourceRoots: [] };

/** Pause after an edit (or new diagnostics) before the preview is refreshed. */
const REFRESH_MS = 250;

export class TablePanels implements vscode.Disposable {
  private readonly panels = new Map<string, TablePanel>();
  private readonly serializer: vscode.Disposable;

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    // Registered while the extension activates (onWebviewPanel activation event): VS Code asks for the previews
    // it restores after a reload only then.
    this.serializer = vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: Partial<TableViewState> | undefined) => this.restore(panel, state?.uri),
    });
  }

  /** Opens (or shows) the preview of a CSV document: `target`, else the active editor's. */
  async open(target?: vscode.Uri): Promise<void> {
    const openedAt = Date.now();
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    const document = uri && (await vscode.workspace.openTextDocument(uri));
    if (!document || !isCsvDocument(document)) {
      void vscode.window.showInformationMessage('PBX User CSV: open a CSV file to preview it as a table.');
      return;
    }
    const key = document.uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    this.panels.set(key, new TablePanel(this.client, this.extensionUri, document, { openedAt }, () => this.panels.delete(key)));
  }

  /** A preview VS Code restores after a window reload: its document opened again, or the panel closed when it is gone. */
  private async restore(panel: vscode.WebviewPanel, uri: string | undefined): Promise<void> {
    let document: vscode.TextDocument | undefined;
    try {
      document = uri === undefined ? undefined : await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
    } catch {
      document = undefined; // deleted or renamed while the window was away
    }
    const key = document?.uri.toString();
    if (!document || !key || !isCsvDocument(document) || this.panels.has(key)) {
      panel.dispose();
      return;
    }
    this.panels.set(key, new TablePanel(this.client, this.extensionUri, document, { restored: panel }, () => this.panels.delete(key)));
  }

  dispose(): void {
    this.serializer.dispose();
    for (const panel of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}

class TablePanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private generation = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** The document's version whose table the page was made with: its first `ready` needs nothing more. */
  private embeddedVersion: number | undefined;

  constructor(
    private readonly client: BaseLanguageClient,
    extensionUri: vscode.Uri,
    private readonly document: vscode.TextDocument,
    { openedAt, restored }: { openedAt?: number; restored?: vscode.WebviewPanel },
    private readonly onDispose: () => void,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    const title = `Table: ${fileName(document.uri)}`;
    if (restored) {
      this.panel = restored;
      this.panel.title = title;
      this.panel.webview.options = WEBVIEW_OPTIONS;
    } else {
      this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        ...WEBVIEW_OPTIONS,
        retainContextWhenHidden: false,
      });
    }
    // The page's script, the columns and the first rows go into the page itself, asked for while VS Code makes
    // the webview: the page draws its first rows as soon as it runs, without asking.
    const first = this.table({ from: 0, count: FIRST_ROWS, withColumns: true });
    void Promise.all([loadPageAssets(dist), first]).then(
      ([assets, answer]) => {
        if (this.disposed) return;
        const initial = this.tableMessage(answer, { openedAt, firstRows: true });
        if (initial.type === 'table' && answer) this.embeddedVersion = answer.version;
        this.panel.webview.html = html(assets, fileName(document.uri), initial);
      },
      () => {
        if (!this.disposed) this.panel.webview.html = `<p>${escapeHtml('PBX User CSV: the table preview could not be loaded (see the extension host log).')}</p>`;
      },
    );
    const key = document.uri.toString();
    this.subscriptions.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: FromWebview) => void this.receive(message).catch(() => undefined)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === key && event.contentChanges.length > 0) this.scheduleRefresh();
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => uri.toString() === key)) this.scheduleRefresh();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  private post(message: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready': {
        // The page shown again (it is made anew each time), or the file changed since its table was made.
        const embedded = this.embeddedVersion;
        this.embeddedVersion = undefined;
        if (embedded === undefined || embedded !== this.document.version) await this.sendTable();
        break;
      }
      case 'rows': {
        const answer = await this.table({ from: message.from, count: message.count, problemsOnly: message.filter.problemsOnly, text: message.filter.text });
        if (answer) this.post({ type: 'rows', requestId: message.requestId, total: answer.total, from: message.from, rows: answer.rows });
        break;
      }
      case 'reveal':
        await this.revealCell(message.record, message.column);
        break;
    }
  }

  private table(params: { from: number; count: number; problemsOnly?: boolean; text?: string; withColumns?: boolean }): Promise<TableResult | null> {
    return this.client.sendRequest(TableRequest, { uri: this.document.uri.toString(), ...params });
  }

  /** The message that gives the page the file's columns and counts (and, `firstRows`, the rows answered). */
  private tableMessage(answer: TableResult | null, options: { openedAt?: number; firstRows?: boolean } = {}): TableMessage | NotUserCsvMessage {
    const name = fileName(this.document.uri);
    const uri = this.document.uri.toString();
    if (!answer?.columns || !answer.dialect) return { type: 'notUserCsv', uri, fileName: name };
    return {
      type: 'table',
      generation: ++this.generation,
      uri,
      fileName: name,
      dialect: answer.dialect,
      columns: answer.columns,
      rowCount: answer.rowCount,
      checked: answer.checked,
      rowsWithProblems: answer.rowsWithProblems,
      openedAt: options.openedAt,
      firstRows: options.firstRows ? answer.rows : undefined,
    };
  }

  private async sendTable(): Promise<void> {
    this.post(this.tableMessage(await this.table({ from: 0, count: 0, withColumns: true })));
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.sendTable().catch(() => undefined), REFRESH_MS);
  }

  /** Selects the cell's content in a text editor of the CSV (the one beside the table, if any). */
  private async revealCell(record: number, column: number): Promise<void> {
    const cells = await this.client.sendRequest(RowCellsRequest, { uri: this.document.uri.toString(), record });
    const cell = cells?.find((c) => c.column === column);
    if (!cell) return;
    const range = new vscode.Range(cell.range.start.line, cell.range.start.character, cell.range.end.line, cell.range.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.document.uri.toString());
    const editor = await vscode.window.showTextDocument(this.document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      selection: range,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.refreshTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/** A script nonce: the page runs only the script it names. */
function nonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < 32; i++) text += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  return text;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page's script and stylesheet, read once: put into the page itself, they cost no fetch when it loads. */
let pageAssets: Promise<{ script: string; style: string }> | undefined;

function loadPageAssets(dist: vscode.Uri): Promise<{ script: string; style: string }> {
  const read = async (name: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dist, name)));
  pageAssets ??= Promise.all([read('table.js'), read('table.css')]).then(([script, style]) => ({ script, style }));
  pageAssets.catch(() => (pageAssets = undefined));
  return pageAssets;
}

/** Inline text that cannot end the element it is in. */
function inline(text: string, element: 'script' | 'style'): string {
  return text.replace(new RegExp(`</${element}`, 'gi'), `<\\/${element}`);
}

/** JSON put into the page: `<` written as an escape, so that no text in it can end its script element. */
function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function html(assets: { script: string; style: string }, title: string, initial: ToWebview): string {
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${n}">${inline(assets.style, 'style')}</style>
<title>${escapeHtml(title)}</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Table filters">
  <label class="only-problems"><input type="checkbox" id="problems-only"> Only rows with problems</label>
  <input type="search" id="text-filter" placeholder="Filter rows by text" aria-label="Filter rows by text" spellcheck="false">
  <span id="summary" class="summary" aria-live="polite"></span>
</div>
<div id="grid" class="grid" role="grid" tabindex="0" aria-readonly="true" aria-label="${escapeHtml(title)}"></div>
<script id="initial" type="application/json">${embeddedJson(initial)}</script>
<script nonce="${n}">${inline(assets.script, 'script')}</script>
</body>
</html>`;
}
