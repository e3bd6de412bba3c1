// The one CSV record scanner (RFC 4180: `,` delimiter, `"` quoting, `""` escapes a quote; CRLF, LF and a
// lone CR all end a record). It writes cell ends and flags into a RecordTable, notes structural errors as
// cell flags and recovers so that the next lines are still read as records. csv-parse stays the reference
// (test/unit/csv-model-differential.test.ts); it cannot be used here because it gives neither cell
// positions nor a way to start again at a record boundary after an edit.
import {
  CLOSED,
  ESCAPED,
  QUOTED,
  REACH_END,
  RECORD_ERROR,
  STRAY_QUOTE,
  TEXT_AFTER_QUOTE,
  UNTERMINATED,
  type RecordTable,
} from './table';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Offset just past the line break that starts at `pos` (CRLF, LF or lone CR); `pos` if there is none. */
export function skipLineBreak(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === CR) return text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  if (c === LF) return pos + 1;
  return pos;
}

/**
 * Next occurrence of one character, found with indexOf and remembered: the scan moves forward, so later
 * questions reuse the answer instead of reading the text again (an LF-only file has no CR at all, and an
 * indexOf from every quoted cell would read to the end each time). Asked about an earlier offset (after the
 * recovery from an unterminated quote), it reads that stretch with a bounded loop.
 */
class NextChar {
  private from = -1;
  private found = -1;
  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  at(from: number): number {
    if (this.from >= 0 && from < this.from) {
      const code = this.char.charCodeAt(0);
      for (let i = from; i < this.from; i++) if (this.text.charCodeAt(i) === code) return i;
      return this.found;
    }
    if (this.from < 0 || (this.found >= 0 && this.found < from)) {
      this.from = from;
      this.found = this.text.indexOf(this.char, from);
    }
    return this.found;
  }
}

interface LineBreaks {
  /** Line breaks (CRLF, LF, lone CR) that start in [from, to). */
  count(from: number, to: number): number;
}

/** For a whole text: remembers the next CR and LF (a file with only LFs is searched for CR once). */
export class LineBreakCounter implements LineBreaks {
  private readonly lf: NextChar;
  private readonly cr: NextChar;
  constructor(private readonly text: string) {
    this.lf = new NextChar(text, '\n');
    this.cr = new NextChar(text, '\r');
  }

  count(from: number, to: number): number {
    let count = 0;
    for (let i = this.lf.at(from); i >= 0 && i < to; i = this.lf.at(i + 1)) count++;
    for (let i = this.cr.at(from); i >= 0 && i < to; i = this.cr.at(i + 1)) {
      if (this.text.charCodeAt(i + 1) !== LF) count++;
    }
    return count;
  }
}

/** For a few records (after an edit): reads just [from, to), never ahead to the end of a 50 MB text. */
class LocalLineBreaks implements LineBreaks {
  constructor(private readonly text: string) {}

  count(from: number, to: number): number {
    let count = 0;
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c === LF || (c === CR && this.text.charCodeAt(i + 1) !== LF)) count++;
    }
    return count;
  }
}

/** First CR or LF at or after `pos`, or text.length. */
function lineEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return text.length;
}

export interface ScanStop {
  /** Records starting before this offset are always scanned. */
  from: number;
  /** Whether the scan stops at a record that starts here (at or after `from`): it is one already known. */
  at(recordStart: number): boolean;
}

export interface ScanEnd {
  /** Where scanning stopped: the start of the record `stop` accepted, or text.length. */
  offset: number;
  /** Line of `offset`. */
  line: number;
  /** True when `stop` accepted a record start. */
  stopped: boolean;
}

/**
 * Scans records from `cursor` (a record start or blank lines before one, on 0-based `line`) into `table`
 * until the end of the text, until `stop` accepts a record start, or until `budget` records were read
 * (then `stopped` is false and `offset` < text.length).
 */
export function scanRecords(
  text: string,
  table: RecordTable,
  cursor: number,
  line: number,
  stop?: ScanStop,
  budget = Infinity,
  // A scan that stops at a known record reads a few records: it must not search ahead for line breaks.
  breaks: LineBreaks = stop ? new LocalLineBreaks(text) : new LineBreakCounter(text),
): ScanEnd {
  const length = text.length;
  let scanned = 0;
  for (;;) {
    let afterBreak = skipLineBreak(text, cursor);
    while (afterBreak !== cursor) {
      // A blank line: not a record.
      cursor = afterBreak;
      line++;
      afterBreak = skipLineBreak(text, afterBreak);
    }
    if (cursor >= length) return { offset: length, line, stopped: false };
    if (stop && cursor >= stop.from && stop.at(cursor)) return { offset: cursor, line, stopped: true };
    if (scanned >= budget) return { offset: cursor, line, stopped: false };
    const start = cursor;
    const firstCell = table.cellCount;
    let recordFlags = 0;
    let lineBreaks = 0;
    let reach = 0; // furthest offset a quote search looked at (beyond the record's end)
    let pos = start;
    let end: number;
    for (;;) {
      let after: number; // where the cell ends: at a comma, a line break or the end of the text
      if (text.charCodeAt(pos) === QUOTE) {
        const open = pos;
        let close = -1;
        let pairs = 0;
        for (let q = text.indexOf('"', open + 1); q >= 0; q = text.indexOf('"', q + 2)) {
          if (text.charCodeAt(q + 1) !== QUOTE) {
            close = q;
            break;
          }
          pairs++;
        }
        // The search looked at the character after the closing quote, or read to the end of the text.
        const searched = close < 0 ? Infinity : close + 2;
        if (searched > reach) reach = searched;
        const breaksInside = close < 0 ? 0 : breaks.count(open + 1, close);
        const following = text.charCodeAt(close + 1);
        const closedCleanly = close >= 0 && (close + 1 === length || following === COMMA || following === LF || following === CR);
        if (close < 0 || (!closedCleanly && breaksInside > 0)) {
          // Never closed, or "closed" lines later by a quote followed by text: the quote was left open. End
          // the cell at the end of its line so that the next lines are still checked as records.
          end = lineEnd(text, open + 1);
          table.addCell(end - start, QUOTED | UNTERMINATED);
          recordFlags |= RECORD_ERROR;
          break;
        }
        lineBreaks += breaksInside;
        if (closedCleanly) {
          after = close + 1;
          table.addCell(after - start, QUOTED | CLOSED | (pairs > 0 ? ESCAPED : 0));
        } else {
          after = unquotedEnd(text, close + 1);
          table.addCell(after - start, QUOTED | TEXT_AFTER_QUOTE | (pairs > 0 ? ESCAPED : 0));
          recordFlags |= RECORD_ERROR;
        }
      } else {
        after = unquotedEnd(text, pos);
        if (strayQuote >= 0) {
          table.addCell(after - start, STRAY_QUOTE);
          recordFlags |= RECORD_ERROR;
        } else {
          table.addCell(after - start, 0);
        }
      }
      if (text.charCodeAt(after) === COMMA) {
        pos = after + 1;
        continue;
      }
      end = after;
      break;
    }
    const next = skipLineBreak(text, end);
    // The line break after the record is looked at, CRLF included.
    const recordReach = reach === Infinity ? REACH_END : Math.max(end + 2, reach) - start;
    const lines = lineBreaks + (next > end ? 1 : 0);
    table.addRecord(start, end - start, next - end, recordReach, line, lines, firstCell, recordFlags);
    scanned++;
    line += lines;
    cursor = next;
  }
}

/** Offset of the first quote seen by the last unquotedEnd call, or -1 (a variable, not an object per cell). */
let strayQuote = -1;

/** End of an unquoted stretch: the next comma, CR or LF, or text.length. Sets `strayQuote`. */
function unquotedEnd(text: string, pos: number): number {
  const length = text.length;
  strayQuote = -1;
  let i = pos;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) break;
    if (c === QUOTE && strayQuote < 0) strayQuote = i;
  }
  return i;
}
