// Where the core reads dialect files and their JSON Schemas: the front passes a provider in (files on disk
// for Node, a bundle in a browser), so that the core itself never touches a file system.

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

/**
 * `reference` resolved against `base` as a relative URI reference (RFC 3986 §5.2 for paths): a reference with
 * its own scheme is taken as is; otherwise it replaces the last segment of `base`, `.` and `..` resolved.
 */
export function resolveUri(base: string, reference: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(reference)) return reference;
  const cut = base.search(/[?#]/);
  const path = cut >= 0 ? base.slice(0, cut) : base;
  const schemeEnd = path.indexOf(':') + 1;
  const authorityEnd = path.startsWith('//', schemeEnd) ? path.indexOf('/', schemeEnd + 2) : schemeEnd;
  const prefix = path.slice(0, authorityEnd < 0 ? path.length : authorityEnd);
  const basePath = authorityEnd < 0 ? '/' : path.slice(authorityEnd);
  const segments = reference.startsWith('/') ? [] : basePath.split('/').slice(0, -1);
  for (const segment of reference.split('/')) {
    if (segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 1) segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const joined = segments.join('/');
  return prefix + (joined.startsWith('/') || prefix.endsWith(':') ? joined : `/${joined}`);
}
