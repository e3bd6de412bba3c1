// What the server must know about workspace trust: whether the workspace is trusted and, for the
// restricted mode, the user-level custom dialect entries (workspace-level ones are never sent then).
import * as vscode from 'vscode';
import type { WorkspaceTrustParams } from '../../server/src/lsp/protocol';

export function workspaceTrust(): WorkspaceTrustParams {
  const inspected = vscode.workspace.getConfiguration('pbxUserCsv').inspect<unknown>('customDialects');
  const user = Array.isArray(inspected?.globalValue) ? inspected.globalValue : [];
  return {
    trusted: vscode.workspace.isTrusted,
    userCustomDialects: user.filter((entry): entry is string => typeof entry === 'string'),
  };
}
