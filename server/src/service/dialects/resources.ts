// Where the core reads dialect files and their JSON Schemas: the front passes a provider in (files on disk
// for Node, a bundle in a browser), so that the core itself never touches a file system.
import { URI, Utils } from 'vscode-uri';

export interface Resources {
  /** URIs of the built-in dialect files. */
  readonly builtInDialects: readonly string[];
  /** URI of the JSON Schema that every dialect file must satisfy. */
  readonly dialectSchema: string;
  /** The text at a URI; throws an Error whose message says why it cannot be read (missing, too large…). */
  read(uri: string): string;
  /** How a URI is shown to the user in messages (a file path for a local file); the URI itself by default. */
  displayName?(uri: string): string;
}

/** `reference`, a path relative to the file at `base` (or a URI of its own), as a URI. */
export function resolveUri(base: string, reference: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(reference)) return reference;
  return Utils.resolvePath(Utils.dirname(URI.parse(base)), reference).toString();
}
