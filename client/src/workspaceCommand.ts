// "PBX User CSV: Validate Workspace": the server finds and checks the files (it reads them from its own
// file system, which in a remote window is where they are); this side only shows progress, passes
// cancellation on and shows the server's summary.
import * as vscode from 'vscode';
import { WorkDoneProgress } from 'vscode-languageclient';
import type { BaseLanguageClient, WorkDoneProgressBegin, WorkDoneProgressReport } from 'vscode-languageclient';
import { ValidateWorkspaceRequest } from '../../server/src/lsp/protocol';
import type { ValidateWorkspaceResult } from '../../server/src/lsp/protocol';

export const VALIDATE_WORKSPACE_COMMAND = 'pbxUserCsv.validateWorkspace';
const OPEN_PROBLEMS = 'Open Problems';

let running = false;
let runCount = 0;
/** Tells this window's progress tokens from another's (a browser has no process id to use). */
const CLIENT_RUN_ID = Math.random().toString(36).slice(2, 10);

export async function validateWorkspace(client: BaseLanguageClient): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('PBX User CSV: open a folder to validate its CSV files.');
    return;
  }
  if (running) {
    void vscode.window.showInformationMessage('PBX User CSV: the workspace is already being validated.');
    return;
  }
  running = true;
  let result: ValidateWorkspaceResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'PBX User CSV: validating workspace', cancellable: true },
      async (progress, cancellation) => {
        const workDoneToken = `pbxUserCsv/validateWorkspace/${CLIENT_RUN_ID}/${++runCount}`;
        let shownPercentage = 0;
        const subscription = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind === 'end') return;
          const { message, percentage } = value as WorkDoneProgressBegin | WorkDoneProgressReport;
          // withProgress adds up increments; the server reports the total so far.
          const increment = percentage !== undefined ? Math.max(0, percentage - shownPercentage) : undefined;
          if (percentage !== undefined) shownPercentage = Math.max(shownPercentage, percentage);
          progress.report({ message, increment });
        });
        try {
          return await client.sendRequest(ValidateWorkspaceRequest, { workDoneToken }, cancellation);
        } finally {
          subscription.dispose();
        }
      },
    );
  } catch {
    void vscode.window.showWarningMessage('PBX User CSV: the workspace could not be validated; see the PBX User CSV output channel.');
    return;
  } finally {
    running = false;
  }
  const show = result.errors > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(`PBX User CSV: ${result.message}`, OPEN_PROBLEMS);
  if (choice === OPEN_PROBLEMS) await vscode.commands.executeCommand('workbench.actions.view.problems');
}
