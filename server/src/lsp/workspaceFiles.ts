// Which files of a workspace folder "Validate Workspace" checks: `pbxUserCsv.validate.include` globs minus
// `pbxUserCsv.validate.exclude` and `files.exclude`, found by walking the folder on the server's own file
// system (in a remote window that is where the files are). Globs match the folder-relative path with `/`.
import { promises as fs } from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';

/** Never descended into, whatever the settings say: VCS data is never a workspace file. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);

export interface FileFilter {
  include: readonly string[];
  exclude: readonly string[];
  /** `files.exclude` as VS Code stores it: glob → true (other values, e.g. `{ when }`, are not honoured). */
  filesExclude?: Record<string, unknown>;
}

function compile(globs: readonly string[]): (relativePath: string) => boolean {
  const matchers: picomatch.Matcher[] = [];
  for (const glob of globs) {
    const normalized = glob.trim().replace(/\\/g, '/').replace(/^\.?\//, '');
    if (!normalized) continue;
    try {
      matchers.push(picomatch(normalized, { dot: true }));
    } catch {
      // an invalid glob matches nothing
    }
  }
  return (relativePath) => matchers.some((m) => m(relativePath));
}

/** Decides membership by folder-relative path; a pattern that matches a folder excludes everything below it. */
export class FolderFilter {
  private readonly included: (p: string) => boolean;
  private readonly excluded: (p: string) => boolean;

  constructor(filter: FileFilter) {
    this.included = compile(filter.include);
    const filesExclude = Object.entries(filter.filesExclude ?? {})
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
    this.excluded = compile([...filter.exclude, ...filesExclude]);
  }

  /** Whether the walk should go into this folder (relative path, no trailing slash). */
  entersDirectory(relativePath: string): boolean {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    // `**/node_modules/**` must prune node_modules itself, so the folder is also tested as "folder/…".
    return !ALWAYS_SKIPPED.has(name) && !this.excluded(relativePath) && !this.excluded(`${relativePath}/_`);
  }

  /** Whether a file belongs to the set (its folders are checked too, for files reported by a watcher). */
  acceptsFile(relativePath: string): boolean {
    if (!this.included(relativePath) || this.excluded(relativePath)) return false;
    const segments = relativePath.split('/');
    for (let i = 1; i < segments.length; i++) {
      if (!this.entersDirectory(segments.slice(0, i).join('/'))) return false;
    }
    return true;
  }
}

/** The local path of a `file:` URI, or undefined for other schemes (which the server cannot read). */
export function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The `file:` URI of a local path, spelled as VS Code (vscode-uri) spells it: every character other than
 * `A-Za-z0-9-._~` encoded in each segment, and a Windows drive as `c%3A`.
 */
export function fileUri(filePath: string): string {
  let posix = filePath.split(path.sep).join('/');
  if (/^[A-Za-z]:/.test(posix)) posix = `/${posix[0].toLowerCase()}${posix.slice(1)}`;
  const encoded = posix
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return `file://${encoded}`;
}

/** `filePath` relative to `folderPath` with `/` separators, or undefined when it is not inside it. */
export function relativeTo(folderPath: string, filePath: string): string | undefined {
  const relative = path.relative(folderPath, filePath);
  if (!relative || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

export interface WalkControl {
  /** Checked between directories; the walk stops early when it turns true. */
  readonly isCancelled: boolean;
}

/**
 * Every file under `folderPath` the filter accepts, as absolute paths, directories in sorted order.
 * Unreadable directories are skipped (and counted); symlinked directories are not followed (no cycles).
 */
export async function findFiles(
  folderPath: string,
  filter: FolderFilter,
  control: WalkControl,
): Promise<{ files: string[]; unreadableDirectories: number }> {
  const files: string[] = [];
  let unreadableDirectories = 0;
  const pending: string[] = [''];
  while (pending.length > 0 && !control.isCancelled) {
    const relativeDir = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(path.join(folderPath, relativeDir), { withFileTypes: true });
    } catch {
      unreadableDirectories++;
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (filter.entersDirectory(relative)) subdirectories.push(relative);
      } else if ((entry.isFile() || (entry.isSymbolicLink() && (await isFile(path.join(folderPath, relative))))) && filter.acceptsFile(relative)) {
        files.push(path.join(folderPath, relative));
      }
    }
    // A stack: depth first, in name order (pushed in reverse, one by one: there may be very many).
    for (let i = subdirectories.length - 1; i >= 0; i--) pending.push(subdirectories[i]);
  }
  return { files, unreadableDirectories };
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await fs.stat(filePath)).isFile();
  } catch {
    return false;
  }
}
