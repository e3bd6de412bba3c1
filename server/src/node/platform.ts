// The language server's platform on Node: dialects and JSON Schemas read from disk, the workspace walked
// on the server's own file system (in a remote window that is where the files are), and custom dialect
// files watched for changes.
import { promises as fs } from 'node:fs';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLanguageService, type Resources } from '../service';
import type { ServerPlatform } from '../lsp/platform';
import { resolveCustomDialectPaths } from './customDialects';
import { FileWatcher } from './fileWatcher';
import { fileUri, localPath, relativeTo, walkFolder } from './files';
import { displayUri, nodeResources } from './resources';

/** Files larger than this cannot be held as one JavaScript string: they are reported unreadable. */
const MAX_CHECKED_BYTES = 512 * 1024 * 1024;

export interface NodePlatformOptions {
  /** Pause after the last change of a custom dialect file before reloading, in milliseconds. */
  dialectReloadDelayMs?: number;
}

export function nodePlatform(options: NodePlatformOptions = {}): ServerPlatform {
  const watcher = new FileWatcher(options.dialectReloadDelayMs);
  return {
    createService(customDialects) {
      const resources = nodeResources();
      const builtIn = new Set([...resources.builtInDialects, resources.dialectSchema]);
      const customFiles = new Set<string>(customDialects);
      // Every file the core reads besides the built-ins (the JSON Schemas a custom dialect names) is watched too.
      const recording: Resources = {
        ...resources,
        read(uri) {
          if (!builtIn.has(uri) && !uri.startsWith(builtInFolder(resources))) customFiles.add(uri);
          return resources.read(uri);
        },
      };
      const service = createLanguageService({ resources: recording, customDialects });
      return { service, customFiles: [...customFiles] };
    },
    resolveCustomDialects(entries, folderUris) {
      return resolveCustomDialectPaths(entries, folderUris).map(fileUri);
    },
    watchFiles(uris, onChange) {
      watcher.watch(uris.map((uri) => localPath(uri)).filter((p): p is string => p !== undefined), onChange);
    },
    files: {
      async findFiles(folderUri, filter, control) {
        const folderPath = localPath(folderUri);
        if (!folderPath) return []; // not on this machine's file system
        const walk = await walkFolder(folderPath, filter, control);
        return control.isCancelled ? undefined : walk.files.map(fileUri);
      },
      canonical(uri) {
        const filePath = localPath(uri);
        return filePath === undefined ? undefined : fileUri(filePath);
      },
      relativePath(folderUri, uri) {
        const folderPath = localPath(folderUri);
        const filePath = localPath(uri);
        return folderPath && filePath ? relativeTo(folderPath, filePath) : undefined;
      },
      async readFile(uri) {
        const filePath = localPath(uri);
        if (!filePath) throw new Error(`not a local file: ${displayUri(uri)}`);
        const stats = await fs.stat(filePath);
        if (!stats.isFile()) throw new Error('not a regular file');
        if (stats.size > MAX_CHECKED_BYTES) throw new Error('file too large to check');
        return fs.readFile(filePath);
      },
    },
    displayName: displayUri,
    // Twice: a message read in the poll phase between the two is handled (vscode-jsonrpc dispatches it with
    // setImmediate) before the caller goes on; once, the caller's next slice would run first.
    yieldToEventLoop: () => new Promise((resolve) => setImmediate(() => setImmediate(resolve))),
    releaseMemory: fullGarbageCollection(),
    dispose() {
      watcher.dispose();
    },
  };
}

/** The folder of the built-in dialects, as a URI prefix. */
function builtInFolder(resources: Resources): string {
  return resources.dialectSchema.slice(0, resources.dialectSchema.lastIndexOf('/') + 1);
}

/** A full garbage collection (as `node --expose-gc` offers it) once the heap grew by more than `slack`. */
function fullGarbageCollection(): ((slack: number) => void) | undefined {
  let gc: unknown;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc');
  } catch {
    return undefined;
  }
  if (typeof gc !== 'function') return undefined;
  let live = getHeapStatistics().used_heap_size;
  return (slack) => {
    if (getHeapStatistics().used_heap_size - live <= slack) return;
    (gc as () => void)();
    live = getHeapStatistics().used_heap_size;
  };
}
