// QuickPick to override the dialect of one file: a dialect, automatic detection, or "not a user CSV".
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DialectsRequest } from '../../server/src/lsp/protocol';
import type { DialectInfo } from '../../server/src/lsp/protocol';

/** The dialects the server offers, or undefined (with a warning shown) while it is not ready. */
export async function requestDialects(client: BaseLanguageClient): Promise<DialectInfo[] | undefined> {
  try {
    return await client.sendRequest(DialectsRequest);
  } catch {
    void vscode.window.showWarningMessage('PBX User CSV: the language server is not ready; try again shortly.');
    return undefined;
  }
}

interface DialectPickItem extends vscode.QuickPickItem {
  /** What to tell the server: a dialect id, `none`, or null for automatic detection. */
  choice: string | null;
}

export function buildPickItems(dialects: DialectInfo[], current: string | undefined): DialectPickItem[] {
  const mark = (choice: string | null) => ((current ?? null) === choice ? 'current' : undefined);
  return [
    { label: 'Detect automatically', detail: 'Decide from the header row.', choice: null, description: mark(null) },
    { label: '', kind: vscode.QuickPickItemKind.Separator, choice: null },
    ...dialects.map((d) => ({
      label: d.label,
      description: [d.id, mark(d.id)].filter(Boolean).join(' · '),
      detail: d.description || undefined,
      choice: d.id,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator, choice: null },
    { label: 'Not a user CSV', detail: 'Do not validate this file.', choice: 'none', description: mark('none') },
  ];
}

/** Undefined when the user dismissed the picker. */
export async function pickDialect(
  dialects: DialectInfo[],
  current: string | undefined,
  fileName: string,
): Promise<{ choice: string | null } | undefined> {
  const picked = await vscode.window.showQuickPick(buildPickItems(dialects, current), {
    title: `PBX User CSV: dialect of ${fileName}`,
    placeHolder: 'Select the import format of this file',
    matchOnDescription: true,
  });
  return picked ? { choice: picked.choice } : undefined;
}
