// Turns the operands of `validate` into a list of files: explicit files as given (any extension), directories
// walked for *.csv, globs matched with picomatch over a walk of their base directory (Node 20 has no fs.glob).
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Never descended into: dependencies and VCS data hold no user files and can be huge. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface Discovery {
  /** Absolute paths, in operand order, each directory's entries sorted; no duplicates. */
  files: string[];
  /** One message per operand or directory that could not be read (exit code 2). */
  errors: string[];
}

export function discoverFiles(operands: string[], cwd: string): Discovery {
  const found = new Set<string>();
  const errors: string[] = [];
  for (const operand of operands.length > 0 ? operands : ['.']) {
    const scan = picomatch.scan(operand);
    if (scan.isGlob) {
      const base = path.resolve(cwd, scan.base || '.');
      const matches = picomatch(scan.glob);
      let count = 0;
      if (isDirectory(base)) {
        walk(base, cwd, errors, (file) => {
          if (!matches(toPosix(path.relative(base, file)))) return;
          found.add(file);
          count++;
        });
      }
      if (count === 0) errors.push(`no files match "${operand}"`);
      continue;
    }
    const absolute = path.resolve(cwd, operand);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(absolute);
    } catch (error) {
      errors.push(`cannot read "${operand}": ${describeFsError(error)}`);
      continue;
    }
    if (stats.isDirectory()) walk(absolute, cwd, errors, (file) => isCsvName(file) && found.add(file));
    else if (stats.isFile()) found.add(absolute);
    else errors.push(`cannot read "${operand}": not a file or directory`);
  }
  return { files: [...found], errors };
}

function walk(directory: string, cwd: string, errors: string[], visit: (file: string) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    errors.push(`cannot read directory "${displayPath(directory, cwd)}": ${describeFsError(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, cwd, errors, visit);
    } else if (entry.isFile()) {
      visit(full);
    } else if (entry.isSymbolicLink() && isFile(full)) {
      // Symlinked files are followed; symlinked directories are not, so a link cycle cannot loop the walk.
      visit(full);
    }
  }
}

function isCsvName(file: string): boolean {
  return file.toLowerCase().endsWith('.csv');
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The path as shown in output: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  return toPosix(path.relative(cwd, file)) || '.';
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
