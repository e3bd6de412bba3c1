// The extension's entry on the desktop (and wherever VS Code has a Node extension host: Remote, Codespaces,
// code-server): the language server runs as a Node process of its own.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { ServerOptions } from 'vscode-languageclient/node';
import { startClient } from '../client';

export { deactivate } from '../client';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await startClient(context, async (id, name, clientOptions) => {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    return new LanguageClient(id, name, serverOptions, clientOptions);
  });
}
