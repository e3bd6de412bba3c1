// Finding files on disk, for Validate Workspace and the command line alike: a walk of a folder that
// follows symbolic links to files and to folders, each real folder once (a link cycle cannot loop it).
import { promises as fs } from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'vscode-uri';
import type { FolderFilter } from '../common/filter';


export interface WalkControl {
  /** Checked between directories; the walk stops early when it turns true. */
  readonly isCancelled: boolean;
}

export interface Walk {
  /** Absolute paths, each directory's entries in sorted order. */
  files: string[];
  /** Directories that could not be read, with the reason. */
  unreadable: Array<{ directory: string; reason: string }>;
}

/**
 * Every file under `folderPath` the filter accepts, depth first: each directory's entries in sorted order,
 * a subdirectory's files at its place among them.
 */
export async function walkFolder(folderPath: string, filter: FolderFilter, control: WalkControl = { isCancelled: false }): Promise<Walk> {
  const walk: Walk = { files: [], unreadable: [] };
  const visited = new Set<string>();
  try {
    visited.add(await fs.realpath(folderPath));
  } catch {
    // unreadable: reported when its entries are read
  }
  const visit = async (relativeDir: string): Promise<void> => {
    if (control.isCancelled) return;
    const directory = path.join(folderPath, relativeDir);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error) {
      walk.unreadable.push({ directory, reason: (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      const full = path.join(folderPath, relative);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => undefined);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) {
        if (!filter.entersDirectory(relative)) continue;
        const real = await fs.realpath(full).catch(() => full);
        if (visited.has(real)) continue;
        visited.add(real);
        await visit(relative);
      } else if (isFile && filter.acceptsFile(relative)) {
        walk.files.push(full);
      }
    }
  };
  await visit('');
  return walk;
}

/** The local path of a `file:` URI, or undefined for other schemes (which this machine cannot read). */
export function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** `filePath` relative to `folderPath` with `/` separators, or undefined when it is not inside it. */
export function relativeTo(folderPath: string, filePath: string): string | undefined {
  const relative = path.relative(folderPath, filePath);
  if (!relative || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** The `file:` URI of a local path, spelled as VS Code spells the URIs of open documents (so that they compare equal). */
export function fileUri(filePath: string): string {
  return URI.file(filePath).toString();
}
