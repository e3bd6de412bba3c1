// Workspace trust: in a restricted workspace nothing the workspace provides may change what the server
// loads. Custom dialect files are the one setting that makes the server read (and trust) other files, so
// while untrusted only the user's own entries count, and only those that do not point into the workspace.
import type { WorkspaceTrustParams } from './protocol';

export interface TrustState {
  trusted: boolean;
  /** `pbxUserCsv.customDialects` from the user settings, as the client read it with `inspect()`. */
  userCustomDialects: string[];
}

/** Editors that know nothing of workspace trust send nothing: they are trusted. */
export const TRUSTED: TrustState = { trusted: true, userCustomDialects: [] };

/** Sanitises what the client sent; anything malformed means untrusted with no custom dialects. */
export function readTrust(raw: unknown): TrustState {
  if (raw === undefined || raw === null) return TRUSTED;
  if (typeof raw !== 'object' || Array.isArray(raw)) return { trusted: false, userCustomDialects: [] };
  const params = raw as Partial<Record<keyof WorkspaceTrustParams, unknown>>;
  const entries = Array.isArray(params.userCustomDialects)
    ? params.userCustomDialects.filter((e): e is string => typeof e === 'string')
    : [];
  return { trusted: params.trusted === true, userCustomDialects: entries };
}

const isHomeRelative = (entry: string): boolean => entry === '~' || entry.startsWith('~/') || entry.startsWith('~\\');
/** POSIX `/…`, Windows `C:\…`, `C:/…` or `\\server\share`: a path that cannot resolve into the workspace. */
const isAbsolute = (entry: string): boolean => /^(?:[\\/]|[A-Za-z]:[\\/])/.test(entry);

/**
 * The custom dialect entries to load. Trusted: the setting as the editor resolved it. Untrusted: the
 * user-level entries that are absolute or `~/` paths (a relative one would resolve into the workspace);
 * `ignored` lists what was left out, for the log.
 */
export function effectiveCustomDialects(trust: TrustState, settingEntries: readonly string[]): { entries: string[]; ignored: string[] } {
  if (trust.trusted) return { entries: [...settingEntries], ignored: [] };
  const entries: string[] = [];
  const ignored: string[] = settingEntries.filter((entry) => !trust.userCustomDialects.includes(entry));
  for (const raw of trust.userCustomDialects) {
    const entry = raw.trim();
    if (!entry) continue;
    if (isHomeRelative(entry) || isAbsolute(entry)) entries.push(entry);
    else ignored.push(entry);
  }
  return { entries, ignored };
}
