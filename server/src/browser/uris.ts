// URIs of any scheme, for a server that sees the workspace only through the editor: `vscode-remote:` in
// code-server and Codespaces, `vscode-vfs:` in github.dev, `file:` when the browser reaches a local folder.
import { URI, Utils } from 'vscode-uri';

function parse(uri: string): URI | undefined {
  try {
    return URI.parse(uri, true);
  } catch {
    return undefined;
  }
}

/** One spelling of a URI (VS Code's, with scheme and authority in lower case); undefined when it is none. */
export function canonicalUri(uri: string): string | undefined {
  const parsed = parse(uri);
  return parsed?.with({ scheme: parsed.scheme.toLowerCase(), authority: parsed.authority.toLowerCase() }).toString();
}

/** `fileUri`'s path below `folderUri`, `/`-separated and decoded; undefined when it is not inside the folder. */
export function relativeUriPath(folderUri: string, fileUri: string): string | undefined {
  const folder = parse(folderUri);
  const file = parse(fileUri);
  if (!folder || !file) return undefined;
  if (folder.scheme.toLowerCase() !== file.scheme.toLowerCase() || folder.authority.toLowerCase() !== file.authority.toLowerCase()) return undefined;
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  if (!file.path.startsWith(base)) return undefined;
  const relative = file.path.slice(base.length);
  return relative === '' || relative.split('/').includes('') ? undefined : relative;
}

/** How a URI is shown in messages: the path of a local or remote file, the URI itself otherwise. */
export function displayUri(uri: string): string {
  const parsed = parse(uri);
  if (!parsed) return uri;
  if (parsed.scheme === 'file' || parsed.scheme === 'vscode-remote') return parsed.path;
  return parsed.toString(true);
}

/**
 * `pbxUserCsv.customDialects` entries as URIs in the workspace's file system: a relative path against the
 * first workspace folder, an absolute one on the folder's machine. A `~/` path has no meaning here (a
 * browser knows no home directory): it lands in `unresolved`.
 */
export function resolveCustomDialectUris(entries: readonly string[], folderUris: readonly string[]): { uris: string[]; unresolved: string[] } {
  const uris: string[] = [];
  const unresolved: string[] = [];
  const folder = parse(folderUris[0] ?? '') ?? URI.file('/');
  for (const raw of entries) {
    const entry = raw.trim().replace(/\\/g, '/');
    if (!entry) continue;
    if (entry === '~' || entry.startsWith('~/')) {
      unresolved.push(raw);
      continue;
    }
    const path = /^[A-Za-z]:\//.test(entry) ? `/${entry[0].toLowerCase()}${entry.slice(1)}` : entry;
    const uri = Utils.resolvePath(folder, path).toString();
    if (!uris.includes(uri)) uris.push(uri);
  }
  return { uris, unresolved };
}
