// The extension's entry in VS Code for the Web (vscode.dev, github.dev, a VS Code server's web-worker
// extension host): the language server runs in a web worker of its own and reads files through this client.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { startClient } from '../client';
import { serveFiles } from './files';

export { deactivate } from '../client';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await startClient(context, async (id, name, clientOptions) => {
    const worker = await startServerWorker(context.extensionUri);
    context.subscriptions.push(new vscode.Disposable(() => worker.terminate()));
    const client = new LanguageClient(id, name, clientOptions, worker);
    context.subscriptions.push(serveFiles(client));
    return client;
  });
}

/**
 * The server's worker, started from a blob: URL of its script. A web extension served by a VS Code server
 * (code-server, Codespaces) has a `vscode-remote:` URI, from which the extension host refuses to start a
 * Worker ("Creating workers from remote extensions is currently not supported", microsoft/vscode#168942);
 * its fetch does resolve such URIs (and any https: one), and a blob: URL starts a worker wherever this runs.
 */
async function startServerWorker(extensionUri: vscode.Uri): Promise<Worker> {
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'browser', 'server.js');
  const response = await fetch(script.toString());
  if (!response.ok) throw new Error(`cannot load the language server from ${script.toString()}: HTTP ${response.status}`);
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
  return new Worker(url, { name: 'PBX User CSV language server' });
}
