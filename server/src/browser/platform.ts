// The language server's platform in a browser's web worker: built-in dialects from the bundle, and every
// other file through the client (fileProtocol.ts), which reads it with VS Code's workspace.fs, finds the
// workspace's files with workspace.findFiles and watches custom dialect files for changes.
import type { Connection } from 'vscode-languageserver';
import { MAX_DIALECT_FILE_BYTES } from '../common/size';
import {
  FindFilesRequest,
  ReadFileRequest,
  WatchFilesNotification,
  WatchedFileChangedNotification,
} from '../lsp/fileProtocol';
import { toUint8Array } from 'js-base64';
import type { CreatedService, ServerPlatform } from '../lsp/platform';
import { createLanguageService } from '../service/index';
import { browserResources } from './resources';
import { canonicalUri, displayUri, relativeUriPath, resolveCustomDialectUris } from './uris';

/** Largest file Validate Workspace reads here: the worker holds it three times over (base64, bytes, text). */
export const MAX_CHECKED_BYTES = 128 * 1024 * 1024;

/**
 * Custom files are found by building the core: a build names the files it could not read yet (a dialect's
 * JSON Schemas are known only once the dialect file was read), they are fetched, and it builds again.
 */
const MAX_FETCH_ROUNDS = 4;

export interface BrowserPlatformOptions {
  /** The `schemas/` folder's files by path below it, as the bundler embedded them. */
  builtInFiles: ReadonlyMap<string, string>;
  /** Pause after the last change of a custom dialect file before reloading, in milliseconds. */
  dialectReloadDelayMs?: number;
}

export function browserPlatform(connection: Connection, options: BrowserPlatformOptions): ServerPlatform {
  const prepared = new Map<string, CreatedService>();
  let watchedKey = '[]';
  let onWatchedChange: () => void = () => undefined;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let loggedUnresolved = '[]';

  connection.onNotification(WatchedFileChangedNotification, () => {
    if (reloadTimer !== undefined) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      onWatchedChange();
    }, options.dialectReloadDelayMs ?? 100);
  });

  const build = (customDialects: readonly string[], fetched: ReadonlyMap<string, string | Error>) => {
    const missing = new Set<string>();
    const resources = browserResources(options.builtInFiles, fetched, missing, displayUri);
    const service = createLanguageService({ resources, customDialects });
    return { created: { service, customFiles: [...new Set([...customDialects, ...fetched.keys(), ...missing])] }, missing };
  };

  const fetchText = async (uri: string): Promise<string | Error> => {
    try {
      const { base64 } = await connection.sendRequest(ReadFileRequest, { uri, maxBytes: MAX_DIALECT_FILE_BYTES });
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(toUint8Array(base64));
    } catch (error) {
      return new Error(error instanceof Error ? error.message : String(error));
    }
  };

  return {
    async prepareService(customDialects) {
      const key = JSON.stringify(customDialects);
      prepared.delete(key);
      if (customDialects.length === 0) return;
      const fetched = new Map<string, string | Error>();
      let wanted: Iterable<string> = customDialects;
      for (let round = 1; ; round++) {
        await Promise.all([...wanted].map(async (uri) => fetched.set(uri, await fetchText(uri))));
        const { created, missing } = build(customDialects, fetched);
        if (missing.size === 0 || round === MAX_FETCH_ROUNDS) {
          prepared.set(key, created);
          return;
        }
        wanted = missing;
      }
    },
    createService(customDialects) {
      const key = JSON.stringify(customDialects);
      const ready = prepared.get(key);
      prepared.delete(key);
      // Not prepared (the built-in dialects only, or a fallback): what was not fetched reads as an error.
      return ready ?? build(customDialects, new Map()).created;
    },
    resolveCustomDialects(entries, folderUris) {
      const { uris, unresolved } = resolveCustomDialectUris(entries, folderUris);
      const unresolvedKey = JSON.stringify(unresolved);
      if (unresolved.length > 0 && unresolvedKey !== loggedUnresolved) {
        connection.console.warn(`[pbx-user-csv] custom dialects not loaded: ${unresolved.join(', ')} (a browser knows no home directory; use a workspace-relative path)`);
      }
      loggedUnresolved = unresolvedKey;
      return uris;
    },
    watchFiles(uris, onChange) {
      onWatchedChange = onChange;
      const key = JSON.stringify([...uris].sort());
      if (key === watchedKey) return;
      watchedKey = key;
      void connection.sendNotification(WatchFilesNotification, { uris: [...uris] });
    },
    files: {
      async findFiles(folderUri, filter, control) {
        const { uris } = await connection.sendRequest(FindFilesRequest, {
          folderUri,
          include: [...filter.includeGlobs],
          exclude: [...filter.excludeGlobs],
        });
        if (control.isCancelled) return undefined;
        const accepted: string[] = [];
        for (const uri of uris) {
          const relative = relativeUriPath(folderUri, uri);
          if (relative !== undefined && filter.acceptsFile(relative)) accepted.push(uri);
        }
        return accepted.sort();
      },
      canonical: canonicalUri,
      relativePath: relativeUriPath,
      async readFile(uri) {
        const { base64 } = await connection.sendRequest(ReadFileRequest, { uri, maxBytes: MAX_CHECKED_BYTES });
        return toUint8Array(base64);
      },
    },
    displayName: displayUri,
    yieldToEventLoop,
    dispose() {
      if (reloadTimer !== undefined) clearTimeout(reloadTimer);
    },
  };
}

/**
 * Resolves after messages that arrived meanwhile had their turn. A message event hands the message to
 * vscode-jsonrpc, which handles it in a setTimeout(0) of its own; a message hop and then a timeout of ours
 * come after both (a hop is never clamped to 4 ms like nested timeouts are).
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      setTimeout(resolve, 0);
    };
    channel.port2.postMessage(undefined);
  });
}
