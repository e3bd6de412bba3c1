// Checks one file: bytes → text → core → problems with 1-based line/column positions for the formatters.
import * as fs from 'node:fs';
import { LineIndex } from '../service';
import type { DialectMatch, LanguageService, Problem, Severity, Span, ValidationSettings } from '../service';
import { decodeBytes, type DecodedText } from '../common/decode';
import { describeFsError } from './files';

/** 1-based line and column; columns count UTF-16 code units, as the editors do. */
export interface Position {
  line: number;
  column: number;
}

/** `end` is exclusive: the position just after the last character. */
export interface Location {
  start: Position;
  end: Position;
}

export interface ReportedProblem {
  rule: string;
  severity: Severity;
  message: string;
  location: Location;
  related: Array<{ message: string; location: Location }>;
}

export type SeverityCounts = Record<Severity, number>;

export interface CheckedFile {
  kind: 'checked';
  /** Path as shown: relative to the working directory, forward slashes. */
  displayPath: string;
  /** Undefined: not a user CSV (skipped silently). */
  dialect?: DialectMatch;
  /** Sorted by position. */
  problems: ReportedProblem[];
  counts: SeverityCounts;
}

export interface UnreadableFile {
  kind: 'unreadable';
  displayPath: string;
  reason: string;
}

export type FileOutcome = CheckedFile | UnreadableFile;

export interface CheckOptions {
  dialect?: string;
  settings: Partial<ValidationSettings>;
}

export function checkFile(service: LanguageService, file: string, displayPath: string, options: CheckOptions): FileOutcome {
  const decoded = readText(file);
  if ('reason' in decoded) return { kind: 'unreadable', displayPath, reason: decoded.reason };
  const { text, encoding } = decoded;

  let result;
  try {
    result = service.validate(text, { dialect: options.dialect, settings: options.settings, encoding });
  } catch (error) {
    // A bug in the core must not stop the other files from being checked; exit code 2 still flags it.
    return { kind: 'unreadable', displayPath, reason: `internal error: ${error instanceof Error ? error.message : String(error)}` };
  }
  const problems: Problem[] = result.problems;
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  // Built only when needed: most files have no problem, and the index is a pass over the whole text.
  const lines = problems.length > 0 ? new LineIndex(text) : undefined;
  const reported = problems.map((problem): ReportedProblem => {
    counts[problem.severity]++;
    return {
      rule: problem.rule,
      severity: problem.severity,
      message: problem.message,
      location: locate(lines!, problem),
      related: (problem.related ?? []).map((info) => ({ message: info.message, location: locate(lines!, info) })),
    };
  });
  return { kind: 'checked', displayPath, dialect: result.dialect, problems: reported, counts };
}

/**
 * The file's text, or why there is none. A function of its own so that the bytes are garbage once it returns:
 * for a 70 MB file they would otherwise stay alive (70 MB more) through the validation.
 */
function readText(file: string): DecodedText | { reason: string } {
  try {
    // V8 caps string length (~512 MiB of UTF-16): decoding a file beyond it throws, and the file cannot be held as text.
    return decodeBytes(fs.readFileSync(file));
  } catch (error) {
    return { reason: describeReadError(error) };
  }
}

function locate(lines: LineIndex, span: Span): Location {
  const { start, end } = lines.rangeOf(span);
  return {
    start: { line: start.line + 1, column: start.character + 1 },
    end: { line: end.line + 1, column: end.character + 1 },
  };
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_FS_FILE_TOO_LARGE' || error instanceof RangeError) return 'file too large to check';
  return describeFsError(error);
}
