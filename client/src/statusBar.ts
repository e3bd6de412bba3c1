// Status-bar item showing the dialect of the active CSV file; clicking it opens the dialect picker.
import * as vscode from 'vscode';
import type { DialectStatusParams } from '../../server/src/lsp/protocol';

export const SELECT_DIALECT_COMMAND = 'pbxUserCsv.selectDialect';

/** The text the status bar shows for a file, or undefined to hide it. */
export function statusBarText(status: DialectStatusParams | undefined): string | undefined {
  if (!status) return undefined;
  if (status.dialect) return status.dialect.guessed ? `${status.dialect.label} (guessed)` : status.dialect.label;
  // Only a user's explicit "not a user CSV" stays visible, so that it can be undone from here.
  return status.source === 'detected' ? undefined : 'Not a user CSV';
}

function tooltipFor(status: DialectStatusParams): string {
  const how =
    status.source === 'picker'
      ? 'chosen for this file'
      : status.source === 'setting'
        ? 'set by pbxUserCsv.dialects'
        : status.dialect?.guessed
          ? 'guessed from the header (it does not decide between versions)'
          : 'detected from the header';
  return `PBX User CSV dialect, ${how}. Click to change.`;
}

export class DialectStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly statuses = new Map<string, DialectStatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('pbxUserCsv.dialect', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'PBX User CSV Dialect';
    this.item.command = SELECT_DIALECT_COMMAND;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((document) => this.statuses.delete(document.uri.toString())),
    );
  }

  update(status: DialectStatusParams): void {
    this.statuses.set(status.uri, status);
    this.refresh();
  }

  /** Forgets everything (the server stopped). */
  clear(): void {
    this.statuses.clear();
    this.refresh();
  }

  statusOf(uri: string): DialectStatusParams | undefined {
    return this.statuses.get(uri);
  }

  refresh(): void {
    const editor = vscode.window.activeTextEditor;
    const status = editor ? this.statuses.get(editor.document.uri.toString()) : undefined;
    const text = statusBarText(status);
    if (!status || !text) {
      this.item.hide();
      return;
    }
    this.item.text = text;
    this.item.tooltip = tooltipFor(status);
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
