// The core's Resources on Node: the built-in dialects and JSON Schemas from the extension's `schemas`
// folder, custom dialect files and the JSON Schemas they name from disk (regular files of a sane size
// only: see readFile.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type LanguageService, type Resources } from '../service';
import { fileUri, localPath } from './files';
import { describeReadError, readRegularFile } from './readFile';

export const DIALECT_SCHEMA_FILE = 'dialect.schema.json';

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

/** The local path of a `file:` URI, or the URI itself for other schemes (for messages). */
export function displayUri(uri: string): string {
  return localPath(uri) ?? uri;
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
      const filePath = localPath(uri);
      if (filePath === undefined) throw new Error(uri.startsWith('file:') ? 'not a file of this machine' : 'only files can be read here');
      try {
        return readRegularFile(filePath);
      } catch (error) {
        throw new Error(describeReadError(error));
      }
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
