// `pbxUserCsv.dialects`: glob → dialect id (or `none`), matched like yaml.schemas against the
// workspace-relative path and against the bare file name.
import picomatch from 'picomatch';

const matcherCache = new Map<string, picomatch.Matcher>();

function matcherFor(glob: string): picomatch.Matcher {
  let matcher = matcherCache.get(glob);
  if (!matcher) {
    // `./x.csv` and `/x.csv` mean "relative to the workspace folder" to users.
    const normalized = glob.replace(/\\/g, '/').replace(/^\.?\//, '');
    matcher = picomatch(normalized, { dot: true });
    matcherCache.set(glob, matcher);
  }
  return matcher;
}

export interface DocumentLocation {
  /** Path relative to its workspace folder with `/` separators (the file name when outside any folder). */
  relativePath: string;
  fileName: string;
}

/** The dialect of the first glob (in settings order) that matches, or undefined. */
export function dialectFromAssociations(
  associations: Record<string, string>,
  location: DocumentLocation,
): string | undefined {
  for (const [glob, dialect] of Object.entries(associations)) {
    if (!glob.trim() || !dialect.trim()) continue;
    let matcher: picomatch.Matcher;
    try {
      matcher = matcherFor(glob);
    } catch {
      continue; // an invalid glob matches nothing
    }
    if (matcher(location.relativePath) || matcher(location.fileName)) return dialect.trim();
  }
  return undefined;
}
