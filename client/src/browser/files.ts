// The files a language server in a web worker asks for (server/src/lsp/fileProtocol.ts), answered through
// VS Code's own file system and search, which reach the workspace wherever it lives (a VS Code server's disk,
// a GitHub repository in github.dev, a local folder opened in the browser).
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError } from 'vscode-languageclient';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { sizeRefusal } from '../../../server/src/common/size';
import {
  FindFilesRequest,
  ReadFileRequest,
  WatchFilesNotification,
  WatchedFileChangedNotification,
} from '../../../server/src/lsp/fileProtocol';
import { fromUint8Array } from 'js-base64';

/** Registers the answers on `client` (before it starts); dispose the result to stop watching. */
export function serveFiles(client: BaseLanguageClient): vscode.Disposable {
  let watchers: vscode.Disposable[] = [];
  const stopWatching = () => {
    for (const watcher of watchers) watcher.dispose();
    watchers = [];
  };
  const registrations = [
    client.onRequest(ReadFileRequest, async ({ uri, maxBytes }) => {
      const target = vscode.Uri.parse(uri);
      const refused = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);
      try {
        const stat = await vscode.workspace.fs.stat(target);
        if (stat.type & vscode.FileType.Directory) throw refused('is a directory, not a regular file');
        if (!(stat.type & vscode.FileType.File)) throw refused('not a regular file');
        const tooLarge = sizeRefusal(stat.size, maxBytes);
        if (tooLarge) throw refused(tooLarge);
        const bytes = await vscode.workspace.fs.readFile(target);
        const grown = sizeRefusal(bytes.length, maxBytes);
        if (grown) throw refused(grown);
        return { base64: fromUint8Array(bytes) };
      } catch (error) {
        throw error instanceof ResponseError ? error : refused(describeFsError(error));
      }
    }),
    client.onRequest(FindFilesRequest, async ({ folderUri, include, exclude }, token) => {
      const folder = vscode.Uri.parse(folderUri);
      // One exclude glob for the search to prune with (node_modules…); VS Code's globs do not nest braces.
      // The server filters the result again, `files.exclude` included, so leaving it out is never wrong.
      const prune = exclude.length > 0 && !exclude.some((glob) => /[{}]/.test(glob)) ? new vscode.RelativePattern(folder, `{${exclude.join(',')}}`) : undefined;
      const found = new Map<string, true>();
      for (const glob of include) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), prune, undefined, token)) found.set(uri.toString(), true);
      }
      return { uris: [...found.keys()] };
    }),
    client.onNotification(WatchFilesNotification, ({ uris }) => {
      stopWatching();
      for (const uri of uris) {
        const file = vscode.Uri.parse(uri);
        const name = file.path.slice(file.path.lastIndexOf('/') + 1);
        // The folder with the file's name, not the file: editors save by replacing the file.
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(file, '..'), name));
        const changed = () => void client.sendNotification(WatchedFileChangedNotification, { uri }).catch(() => undefined);
        watchers.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
      }
    }),
  ];
  return new vscode.Disposable(() => {
    stopWatching();
    for (const registration of registrations) registration.dispose();
  });
}

/** Why VS Code's file system could not read a file, as the Node server says it. */
function describeFsError(error: unknown): string {
  if (error instanceof vscode.FileSystemError) {
    if (error.code === 'FileNotFound') return 'no such file';
    if (error.code === 'NoPermissions') return 'permission denied';
    if (error.code === 'FileIsADirectory') return 'is a directory, not a regular file';
  }
  return error instanceof Error ? error.message : String(error);
}
