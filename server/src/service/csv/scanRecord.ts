// Cell-level scanner for one CSV record (RFC 4180: `,` delimiter, `"` quoting, `""` escapes a quote).
// It finds every cell's exact span and reports structural errors, recovering so that checking goes on.
import type { Cell, CsvError } from '../types';
import { csvMessages } from './messages';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export interface RecordScan {
  cells: Cell[];
  /** End of the record, before its line break. */
  end: number;
  /** Where the next record (or blank line) starts: after the line break, or text.length. */
  next: number;
  /** Line breaks inside the record (in quoted cells), not counting the one that ends it. */
  lineBreaks: number;
  /** Number of `""` escapes in the record's cleanly quoted cells: their values are that much shorter than their spans. */
  escapes: number;
  /**
   * Offset just past the last character the scan looked at (Infinity: it read to the end of the text).
   * Text from here on can change without changing this record; incremental re-parsing relies on it.
   */
  reach: number;
}

/**
 * The value of a quoted cell from the text between its quotes: every `""` becomes `"` (left to right, as
 * `replaceAll('""', '"')`; a lone quote of a broken cell is kept, not lost). Joining the pieces between the
 * pairs is about three times faster than replaceAll on JSON cells, where pairs are every few characters.
 */
export function unescapeCell(text: string): string {
  let pair = text.indexOf('""');
  if (pair < 0) return text;
  let value = '';
  let from = 0;
  while (pair >= 0) {
    value += text.slice(from, pair + 1); // the text before the pair and one of its quotes
    from = pair + 2;
    pair = text.indexOf('""', from);
  }
  return value + text.slice(from);
}

/** Offset just past the line break that starts at `pos` (CRLF, LF or lone CR); `pos` if there is none. */
export function skipLineBreak(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === CR) return text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  if (c === LF) return pos + 1;
  return pos;
}

/** First CR or LF at or after `pos`, or text.length. */
function lineEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return text.length;
}

/**
 * Next occurrence of one character, found with indexOf and remembered: the scan moves forward, so later
 * questions reuse the answer instead of re-reading the text (an LF-only file has no CR at all, and a fresh
 * indexOf from every cell would read to the end each time). After an unterminated-quote recovery the scan
 * steps back a few lines; that stretch is read once more by a bounded loop.
 */
class NextChar {
  /** `found` is the first occurrence at or after `from` (-1: none); `from` is -1 before the first search. */
  private from = -1;
  private found = -1;
  private readonly code: number;
  constructor(private readonly text: string, char: string) {
    this.code = char.charCodeAt(0);
  }

  at(from: number): number {
    if (this.from >= 0 && from < this.from) {
      for (let i = from; i < this.from; i++) if (this.text.charCodeAt(i) === this.code) return i;
      return this.found;
    }
    if (this.from < 0 || (this.found >= 0 && this.found < from)) {
      this.from = from;
      this.found = this.text.indexOf(String.fromCharCode(this.code), from);
    }
    return this.found;
  }
}

/** Counts the line breaks (CRLF, LF, lone CR) that start in [from, to). */
export interface LineBreaks {
  count(from: number, to: number): number;
}

/** Reads just [from, to): for scanning a few records, where LineBreakCounter's look-ahead would read the whole text. */
export class LocalLineBreaks implements LineBreaks {
  constructor(private readonly text: string) {}

  count(from: number, to: number): number {
    const text = this.text;
    let count = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
    }
    return count;
  }
}

/** For scanning a whole text: remembers the next CR and LF (a file with only LFs is searched for CR once). */
export class LineBreakCounter implements LineBreaks {
  private readonly lf: NextChar;
  private readonly cr: NextChar;
  constructor(private readonly text: string) {
    this.lf = new NextChar(text, '\n');
    this.cr = new NextChar(text, '\r');
  }

  /** Line breaks (CRLF, LF, lone CR) that start in [from, to). */
  count(from: number, to: number): number {
    let count = 0;
    for (let i = this.lf.at(from); i >= 0 && i < to; i = this.lf.at(i + 1)) count++;
    for (let i = this.cr.at(from); i >= 0 && i < to; i = this.cr.at(i + 1)) {
      if (this.text.charCodeAt(i + 1) !== LF) count++;
    }
    return count;
  }
}

/** Length in UTF-16 units of the character at `pos` (2 for a surrogate pair). */
function charLength(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(pos + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/**
 * Scans the record that starts at `start` (not a blank line). Structural errors are appended to `errors`.
 * With `withValues` false, cells without a structural error get `value: ''` and the caller fills them in
 * (the parser takes them from csv-parse); cells with an error always get their best-effort value.
 */
export function scanRecord(
  text: string,
  start: number,
  errors: CsvError[],
  lineBreakCounter: LineBreaks,
  withValues = true,
): RecordScan {
  const length = text.length;
  const cells: Cell[] = [];
  let lineBreaks = 0;
  let escapes = 0;
  // The line break after the record is looked at, CRLF included; a quote search may look further.
  let quoteReach = 0;
  const done = (end: number): RecordScan => ({ cells, end, next: skipLineBreak(text, end), lineBreaks, escapes, reach: Math.max(end + 2, quoteReach) });
  let pos = start;
  for (;;) {
    let after: number; // where the cell ends: at a comma, a line break or the end of the text
    if (text.charCodeAt(pos) === QUOTE) {
      const open = pos;
      let close = -1;
      let cellEscapes = 0;
      for (let q = text.indexOf('"', open + 1); q >= 0; q = text.indexOf('"', q + 2)) {
        if (text.charCodeAt(q + 1) !== QUOTE) {
          close = q;
          break;
        }
        cellEscapes++;
      }
      // The search looked at the character after the closing quote, or read to the end of the text.
      quoteReach = Math.max(quoteReach, close < 0 ? Infinity : close + 2);
      const breaksInside = close < 0 ? 0 : lineBreakCounter.count(open + 1, close);
      const following = text.charCodeAt(close + 1);
      const closedCleanly =
        close >= 0 && (close + 1 === length || following === COMMA || following === LF || following === CR);
      if (close < 0 || (!closedCleanly && breaksInside > 0)) {
        // Never closed, or "closed" lines later by a quote that is followed by text: the quote was left
        // open. End the cell at the end of its line so that the next lines are still checked as records.
        const eol = lineEnd(text, open + 1);
        errors.push({ code: 'csv-unterminated-quote', start: open, end: open + 1, message: csvMessages.unterminatedQuote });
        const value = unescapeCell(text.slice(open + 1, eol));
        cells.push({ value, start: open + 1, end: eol, rawStart: open, rawEnd: eol, quoted: true });
        return done(eol);
      }
      lineBreaks += breaksInside;
      if (closedCleanly) {
        after = close + 1;
        escapes += cellEscapes;
        let value = '';
        if (withValues) value = cellEscapes > 0 ? unescapeCell(text.slice(open + 1, close)) : text.slice(open + 1, close);
        cells.push({ value, start: open + 1, end: close, rawStart: open, rawEnd: after, quoted: true });
      } else {
        // Text after the closing quote: keep it in the value, up to the next comma or line break.
        const tail = close + 1;
        errors.push({
          code: 'csv-text-after-quote',
          start: tail,
          end: tail + charLength(text, tail),
          message: csvMessages.textAfterQuote(text.slice(tail, tail + charLength(text, tail))),
        });
        after = unquotedEnd(text, tail);
        const value = unescapeCell(text.slice(open + 1, close)) + text.slice(tail, after);
        cells.push({ value, start: open + 1, end: after, rawStart: open, rawEnd: after, quoted: true });
      }
    } else {
      after = unquotedEnd(text, pos);
      if (firstQuote >= 0) {
        errors.push({ code: 'csv-quote-in-unquoted-cell', start: firstQuote, end: firstQuote + 1, message: csvMessages.quoteInUnquoted });
        cells.push({ value: text.slice(pos, after), start: pos, end: after, rawStart: pos, rawEnd: after, quoted: false });
      } else {
        cells.push({ value: withValues ? text.slice(pos, after) : '', start: pos, end: after, rawStart: pos, rawEnd: after, quoted: false });
      }
    }
    if (text.charCodeAt(after) === COMMA) {
      pos = after + 1;
      continue;
    }
    return done(after);
  }
}

/** Offset of the first quote seen by the last unquotedEnd call, or -1 (a variable, not an object per cell). */
let firstQuote = -1;

/** End of an unquoted stretch: the next comma, CR or LF, or text.length. Sets `firstQuote`. */
function unquotedEnd(text: string, pos: number): number {
  const length = text.length;
  firstQuote = -1;
  let i = pos;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) break;
    if (c === QUOTE && firstQuote < 0) firstQuote = i;
  }
  return i;
}
