// The core's Resources on Node: the built-in dialects and JSON Schemas from the extension's `schemas`
// folder, custom dialect files from disk. Only regular files of a sane size are read: a FIFO or a device
// named as a dialect file would block the server for ever, a huge file would eat its memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLanguageService, type LanguageService, type Resources } from '../service';

export const DIALECT_SCHEMA_FILE = 'dialect.schema.json';

/** Dialect files and JSON Schemas larger than this are refused. */
export const MAX_RESOURCE_BYTES = 5 * 1024 * 1024;

/**
 * The `schemas` folder: the code runs from out/server/src/node (tsc), from dist/ (the bundle) or from the
 * installed extension or npm package; in each case the folder is a sibling of some ancestor directory.
 */
export function findSchemasDirectory(startDirectory: string = __dirname): string | undefined {
  let directory = path.resolve(startDirectory);
  for (;;) {
    const candidate = path.join(directory, 'schemas');
    if (fs.existsSync(path.join(candidate, DIALECT_SCHEMA_FILE))) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** The local path of a `file:` URI, or the URI itself for other schemes (for messages). */
export function displayUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

const MiB = 1024 * 1024;

/** Why a path is not a regular file, in words, or undefined when it is one. */
function notRegular(stats: fs.Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory, not a file';
  if (stats.isFIFO()) return 'a FIFO (named pipe), not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device, not a regular file';
  if (stats.isSocket()) return 'a socket, not a regular file';
  return 'not a regular file';
}

/**
 * Reads a regular file as UTF-8, refusing anything else with an Error that says why (the reason alone, no
 * path): missing, not a regular file, larger than `limit` bytes. Checked again on the opened file.
 */
export function readRegularFile(filePath: string, limit = MAX_RESOURCE_BYTES): string {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(filePath);
  } catch (error) {
    throw new Error(describeFsError(error));
  }
  const refused = notRegular(stats);
  if (refused) throw new Error(refused);
  if (stats.size > limit) throw new Error(tooLarge(stats.size, limit));
  const fd = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const opened = fs.fstatSync(fd);
    const refusedNow = notRegular(opened);
    if (refusedNow) throw new Error(refusedNow);
    if (opened.size > limit) throw new Error(tooLarge(opened.size, limit));
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function tooLarge(size: number, limit: number): string {
  return `${(size / MiB).toFixed(1)} MB, more than the ${limit / MiB} MB a dialect file or JSON Schema may have`;
}

export function describeFsError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Resources read from disk: `file:` URIs only. */
export function nodeResources(schemasDirectory: string | undefined = findSchemasDirectory()): Resources {
  const builtIn = schemasDirectory
    ? fs
        .readdirSync(schemasDirectory)
        .filter((name) => name.endsWith('.dialect.json'))
        .sort()
        .map((name) => fileUri(path.join(schemasDirectory, name)))
    : [];
  return {
    builtInDialects: builtIn,
    dialectSchema: schemasDirectory ? fileUri(path.join(schemasDirectory, DIALECT_SCHEMA_FILE)) : `file:///${DIALECT_SCHEMA_FILE}-not-found`,
    read(uri) {
      if (!uri.startsWith('file:')) throw new Error('only files can be read here');
      let filePath: string;
      try {
        filePath = fileURLToPath(uri);
      } catch {
        throw new Error('not a file of this machine');
      }
      return readRegularFile(filePath);
    },
    displayName: displayUri,
  };
}

export interface NodeServiceOptions {
  /** Paths of extra dialect files. */
  customDialectFiles?: readonly string[];
  /** Folder of the built-in dialects; by default the `schemas` folder found above this module. */
  schemasDirectory?: string;
}

/** The core with its dialects read from disk. */
export function createNodeLanguageService(options: NodeServiceOptions = {}): LanguageService {
  return createLanguageService({
    resources: nodeResources(options.schemasDirectory),
    customDialects: (options.customDialectFiles ?? []).map((file) => fileUri(path.resolve(file))),
  });
}
