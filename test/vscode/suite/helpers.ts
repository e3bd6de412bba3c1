// What the vscode-API tests share: the workspace's files and waiting for the editor to catch up.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** A file of the workspace folder (a copy of examples/ plus test/e2e/fixtures/). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder (a copy of examples/)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls `probe` until it returns something; the failure names what was awaited. */
export async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
