// Which files of a folder are checked, by folder-relative path (`/`-separated): include globs minus exclude
// globs, with version-control folders always skipped. The same filter serves Validate Workspace (globs
// from the settings) and the command line (`**/*.csv`, or the glob given).
import picomatch from 'picomatch';

/** Never descended into, whatever the settings say: version-control data is never a user file. */
export const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);

/** Skipped unless the settings say otherwise: installed dependencies hold no user files and can be huge. */
export const DEFAULT_EXCLUDE: readonly string[] = ['**/node_modules/**'];

export interface FileFilter {
  include: readonly string[];
  exclude: readonly string[];
  /** `files.exclude` as VS Code stores it: glob → true (other values, e.g. `{ when }`, are not honoured). */
  filesExclude?: Record<string, unknown>;
}

/** Globs as matched: `/`-separated, relative (a leading `./` or `/` dropped), empty ones left out. */
function normalize(globs: readonly string[]): string[] {
  return globs.map((glob) => glob.trim().replace(/\\/g, '/').replace(/^\.?\//, '')).filter((glob) => glob !== '');
}

function compile(globs: readonly string[]): (relativePath: string) => boolean {
  const matchers: picomatch.Matcher[] = [];
  for (const glob of globs) {
    try {
      matchers.push(picomatch(glob, { dot: true }));
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
  /** The include globs: where a search by someone else (the editor's, in a browser) starts; acceptsFile decides. */
  readonly includeGlobs: readonly string[];
  /** The exclude globs, `files.exclude`'s among them: what such a search may prune. */
  readonly excludeGlobs: readonly string[];

  constructor(filter: FileFilter) {
    const filesExclude = Object.entries(filter.filesExclude ?? {})
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
    this.includeGlobs = normalize(filter.include);
    this.excludeGlobs = normalize([...filter.exclude, ...filesExclude]);
    this.included = compile(this.includeGlobs);
    this.excluded = compile(this.excludeGlobs);
  }

  /** Whether a walk should go into this folder (relative path, no trailing slash). */
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
