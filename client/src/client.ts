// VS Code side of PBX User CSV, the same on the desktop and in a browser: starts the language client (the
// entries in node/ and browser/ say how the server runs), shows the file's dialect in the status bar, lets
// the user override it per file, and offers Validate Workspace and New File from Template.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { registerCellEditing } from './cells/cellEditing';
import { DialectOverrides } from './dialectOverrides';
import { pickDialect, requestDialects } from './dialectPicker';
import { DialectStatusNotification, SetDialectNotification, WorkspaceTrustNotification } from '../../server/src/lsp/protocol';
import type { InitializationOptions } from '../../server/src/lsp/protocol';
import { DialectStatusBar, SELECT_DIALECT_COMMAND } from './statusBar';
import { NEW_FILE_FROM_TEMPLATE_COMMAND, newFileFromTemplate } from './templateCommand';
import { workspaceTrust } from './trust';
import { VALIDATE_WORKSPACE_COMMAND, validateWorkspace } from './workspaceCommand';

/** Client id: also makes vscode-languageclient honour the `pbxUserCsv.trace.server` setting. */
const CLIENT_ID = 'pbxUserCsv';

/** CSV files whether or not another extension (e.g. Rainbow CSV) owns the `csv` language id. */
export const documentSelector: DocumentSelector = [
  { language: 'csv' },
  { scheme: 'file', pattern: '**/*.csv' },
  { scheme: 'untitled', language: 'csv' },
];

let client: BaseLanguageClient | undefined;

/** Makes the language client of this platform (Node: a server process; browser: a server worker). */
export type LanguageClientFactory = (id: string, name: string, options: LanguageClientOptions) => Promise<BaseLanguageClient>;

/** `<repository>/blob/HEAD/README.md` (rule ids are its anchors), from the extension's manifest. */
function rulesDocumentationUrl(packageJson: Record<string, unknown>): string | undefined {
  const repository = packageJson.repository;
  const url = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof url === 'string' && /^https:\/\/github\.com\//.test(url)) {
    return `${url.replace(/\.git$/, '')}/blob/HEAD/README.md`;
  }
  return typeof packageJson.homepage === 'string' ? packageJson.homepage : undefined;
}

export async function startClient(context: vscode.ExtensionContext, createClient: LanguageClientFactory): Promise<void> {
  const activated = performance.now();
  let firstDiagnostics = true;
  const overrides = new DialectOverrides(context.workspaceState);
  const statusBar = new DialectStatusBar();
  context.subscriptions.push(statusBar);

  // Edits made outside the editor keep the files of the last Validate Workspace current (the server only
  // re-reads what changed). Custom dialect files may be outside the workspace: a Node server watches them
  // itself, a server in a web worker asks the browser entry to (browser/files.ts).
  const csvWatcher = vscode.workspace.createFileSystemWatcher('**/*.csv');
  context.subscriptions.push(csvWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: csvWatcher },
    // A function, so that a restarted server gets the choices made since activation.
    initializationOptions: (): InitializationOptions => ({
      dialectOverrides: overrides.all(),
      rulesDocumentationUrl: rulesDocumentationUrl(context.extension.packageJSON as Record<string, unknown>),
      workspaceTrust: workspaceTrust(),
    }),
    middleware: {
      // Start-up time as a user feels it, in the output channel (the browser end-to-end test reads it).
      handleDiagnostics(uri, diagnostics, next) {
        if (firstDiagnostics) {
          firstDiagnostics = false;
          languageClient.info(`first diagnostics ${Math.round(performance.now() - activated)} ms after activation`);
        }
        next(uri, diagnostics);
      },
    },
  };
  const languageClient = await createClient(CLIENT_ID, 'PBX User CSV', clientOptions);
  client = languageClient;

  context.subscriptions.push(
    languageClient.onNotification(DialectStatusNotification, (status) => statusBar.update(status)),
    languageClient.onDidChangeState((event) => {
      if (event.newState === State.Stopped) statusBar.clear();
    }),
    vscode.commands.registerCommand(SELECT_DIALECT_COMMAND, async (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage('PBX User CSV: open a CSV file to choose its dialect.');
        return;
      }
      const key = uri.toString();
      const dialects = await requestDialects(languageClient);
      if (!dialects) return;
      const picked = await pickDialect(dialects, overrides.get(key), uri.path.slice(uri.path.lastIndexOf('/') + 1));
      if (!picked) return;
      await overrides.set(key, picked.choice);
      await languageClient.sendNotification(SetDialectNotification, { uri: key, dialect: picked.choice });
    }),
    vscode.commands.registerCommand(VALIDATE_WORKSPACE_COMMAND, () => validateWorkspace(languageClient)),
    vscode.commands.registerCommand(NEW_FILE_FROM_TEMPLATE_COMMAND, () => newFileFromTemplate(languageClient)),
    // Restricted mode: the server loads only user-level custom dialects; tell it when that changes.
    vscode.workspace.onDidGrantWorkspaceTrust(() => sendTrust(languageClient)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!vscode.workspace.isTrusted && event.affectsConfiguration('pbxUserCsv.customDialects')) sendTrust(languageClient);
    }),
  );

  registerCellEditing(context, languageClient);

  try {
    await languageClient.start();
  } catch {
    // vscode-languageclient has already shown the failure and logged it to the output channel.
  }
}

function sendTrust(languageClient: BaseLanguageClient): void {
  if (!languageClient.isRunning()) return; // a (re)start sends it in the initialization options
  languageClient.sendNotification(WorkspaceTrustNotification, workspaceTrust()).catch(() => undefined);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
