// The core's Resources in a web worker: the built-in dialect files and JSON Schemas are part of the bundle
// (a worker has no folder to read them from) under `pbx-user-csv-builtin:/schemas/…` URIs; custom dialect
// files and the JSON Schemas they name were fetched from the client before (Resources.read is synchronous).
import type { Resources } from '../service/index';

export const BUILT_IN_PREFIX = 'pbx-user-csv-builtin:/schemas/';
export const DIALECT_SCHEMA_FILE = 'dialect.schema.json';

/** Texts of files already fetched, or why they could not be. */
export type FetchedFiles = ReadonlyMap<string, string | Error>;

/**
 * `builtIn`: the `schemas/` folder's files by path below it (`portsip-v22.dialect.json`,
 * `json/portsip-office-hours.schema.json`, …), as the bundler embedded them. A custom file not fetched yet
 * is added to `missing` (and cannot be read): the caller fetches it and builds again.
 */
export function browserResources(
  builtIn: ReadonlyMap<string, string>,
  fetched: FetchedFiles,
  missing: Set<string>,
  displayName: (uri: string) => string,
): Resources {
  return {
    builtInDialects: [...builtIn.keys()]
      .filter((name) => !name.includes('/') && name.endsWith('.dialect.json'))
      .sort()
      .map((name) => BUILT_IN_PREFIX + name),
    dialectSchema: BUILT_IN_PREFIX + DIALECT_SCHEMA_FILE,
    read(uri) {
      if (uri.startsWith(BUILT_IN_PREFIX)) {
        const text = builtIn.get(uri.slice(BUILT_IN_PREFIX.length));
        if (text === undefined) throw new Error('no such built-in file');
        return text;
      }
      const text = fetched.get(uri);
      if (text instanceof Error) throw text;
      if (text !== undefined) return text;
      missing.add(uri);
      throw new Error('not read yet');
    },
    displayName: (uri) => (uri.startsWith(BUILT_IN_PREFIX) ? `schemas/${uri.slice(BUILT_IN_PREFIX.length)} (built in)` : displayName(uri)),
  };
}
