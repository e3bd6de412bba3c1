// Resolves `pbxUserCsv.customDialects` entries to absolute file paths: absolute and `~/` paths as given,
// relative paths against the workspace folder that contains them (the first folder when none does).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

function folderPaths(folderUris: readonly string[]): string[] {
  const paths: string[] = [];
  for (const uri of folderUris) {
    if (!uri.startsWith('file:')) continue;
    try {
      paths.push(fileURLToPath(uri));
    } catch {
      // not a local folder: relative dialect paths cannot point into it
    }
  }
  return paths;
}

export function resolveCustomDialectPaths(entries: readonly string[], folderUris: readonly string[]): string[] {
  const folders = folderPaths(folderUris);
  const resolved: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === '~' || entry.startsWith('~/') || entry.startsWith('~\\')) {
      resolved.push(path.join(homedir(), entry.slice(1)));
    } else if (path.isAbsolute(entry)) {
      resolved.push(entry);
    } else {
      const candidates = folders.map((folder) => path.resolve(folder, entry));
      resolved.push(candidates.find((candidate) => existsSync(candidate)) ?? candidates[0] ?? path.resolve(entry));
    }
  }
  return [...new Set(resolved)];
}
