// Turns the operands of `validate` into a list of files: explicit files as given (any extension), directories
// walked for *.csv, globs matched over a walk of their base directory. The walk and its skip set are those
// of Validate Workspace (node/files.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDE, FolderFilter } from '../common/filter';
import { walkFolder } from '../node/files';
import { describeFsError } from '../node/resources';

export { describeFsError } from '../node/resources';

export interface Discovery {
  /** Absolute paths, in operand order, each directory's entries sorted; no duplicates. */
  files: string[];
  /** One message per operand or directory that could not be read (exit code 2). */
  errors: string[];
}

/** CSV files by name, in any letter case. */
const CSV_FILES = new FolderFilter({ include: ['**/*.[cC][sS][vV]'], exclude: DEFAULT_EXCLUDE });

export async function discoverFiles(operands: string[], cwd: string): Promise<Discovery> {
  const found = new Set<string>();
  const errors: string[] = [];
  const walk = async (directory: string, filter: FolderFilter): Promise<string[]> => {
    const { files, unreadable } = await walkFolder(directory, filter);
    for (const { directory: failed, reason } of unreadable) errors.push(`cannot read directory "${displayPath(failed, cwd)}": ${reason}`);
    return files;
  };
  for (const operand of operands.length > 0 ? operands : ['.']) {
    const scan = picomatch.scan(operand);
    if (scan.isGlob) {
      const base = path.resolve(cwd, scan.base || '.');
      const files = isDirectory(base) ? await walk(base, new FolderFilter({ include: [scan.glob], exclude: DEFAULT_EXCLUDE })) : [];
      for (const file of files) found.add(file);
      if (files.length === 0) errors.push(`no files match "${operand}"`);
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
    if (stats.isDirectory()) for (const file of await walk(absolute, CSV_FILES)) found.add(file);
    else if (stats.isFile()) found.add(absolute);
    else errors.push(`cannot read "${operand}": not a file or directory`);
  }
  return { files: [...found], errors };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The path as shown in output: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || '.';
}
