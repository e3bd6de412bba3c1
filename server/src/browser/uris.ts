// URIs of any scheme, for a server that sees the workspace only through the editor: `vscode-remote:` in
// code-server and Codespaces, `vscode-vfs:` in github.dev, `file:` when the browser reaches a local folder.
// Spelled as VS Code (vscode-uri) spells them, every path segment encoded the same way.
import { decodeSegment } from '../lsp/workspaceFolders';
import { resolveUri } from '../service/index';

interface ParsedUri {
  /** `scheme:` or `scheme://authority`, lower case. */
  prefix: string;
  /** The path, `/`-separated segments, each decoded. */
  segments: string[];
}

function parse(uri: string): ParsedUri | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/[^/?#]*)?([^?#]*)/.exec(uri);
  if (!match) return undefined;
  const path = match[3];
  return {
    prefix: `${match[1]}:${match[2] ?? ''}`.toLowerCase(),
    segments: path.split('/').map(decodeSegment),
  };
}

/** vscode-uri's encoding of a path segment: everything but `A-Za-z0-9-._~`. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One spelling of a URI (scheme and authority in lower case, each path segment encoded alike); undefined when it is none. */
export function canonicalUri(uri: string): string | undefined {
  const parsed = parse(uri);
  return parsed && parsed.prefix + parsed.segments.map(encodeSegment).join('/');
}

/** `fileUri`'s path below `folderUri`, `/`-separated and decoded; undefined when it is not inside the folder. */
export function relativeUriPath(folderUri: string, fileUri: string): string | undefined {
  const folder = parse(folderUri);
  const file = parse(fileUri);
  if (!folder || !file || folder.prefix !== file.prefix) return undefined;
  const base = folder.segments[folder.segments.length - 1] === '' ? folder.segments.slice(0, -1) : folder.segments;
  if (file.segments.length <= base.length) return undefined;
  for (let i = 0; i < base.length; i++) if (base[i] !== file.segments[i]) return undefined;
  const relative = file.segments.slice(base.length);
  return relative.some((segment) => segment === '') ? undefined : relative.join('/');
}

/** How a URI is shown in messages: the path of a local or remote file, the URI itself otherwise. */
export function displayUri(uri: string): string {
  const parsed = parse(uri);
  if (!parsed) return uri;
  const path = parsed.segments.join('/');
  if (parsed.prefix.startsWith('file:') || parsed.prefix.startsWith('vscode-remote:')) return path;
  return parsed.prefix + path;
}

/**
 * `pbxUserCsv.customDialects` entries as URIs in the workspace's file system: a relative path against the
 * first workspace folder, an absolute one on the folder's machine. A `~/` path has no meaning here (a
 * browser knows no home directory): it lands in `unresolved`.
 */
export function resolveCustomDialectUris(entries: readonly string[], folderUris: readonly string[]): { uris: string[]; unresolved: string[] } {
  const uris: string[] = [];
  const unresolved: string[] = [];
  const folder = folderUris[0] ?? 'file:///';
  const folderPrefix = parse(folder)?.prefix ?? 'file://';
  for (const raw of entries) {
    const entry = raw.trim().replace(/\\/g, '/');
    if (!entry) continue;
    if (entry === '~' || entry.startsWith('~/')) {
      unresolved.push(raw);
      continue;
    }
    let path: string;
    if (/^[A-Za-z]:\//.test(entry)) path = `/${entry[0].toLowerCase()}${entry.slice(1)}`;
    else path = entry;
    const encoded = path.split('/').map((segment) => (segment === '.' || segment === '..' ? segment : encodeSegment(segment))).join('/');
    const uri = path.startsWith('/') ? resolveUri(`${folderPrefix}/`, encoded) : resolveUri(folder.endsWith('/') ? folder : `${folder}/`, encoded);
    if (!uris.includes(uri)) uris.push(uri);
  }
  return { uris, unresolved };
}
