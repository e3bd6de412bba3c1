// The CSV model of a text: its records and cells with exact positions (UTF-16 offsets), values made on
// demand, structural errors derived from the cell flags. One model serves a whole-file validation and an
// editing session: after an edit, records are scanned again from the one containing the edit until record
// boundaries line up with the previous scan, and the rest is moved, not scanned.
import type { ChangedRange } from '../text/textChange';
import type { Span } from '../types';
import { csvMessages } from './messages';
import { LineBreakCounter, scanRecords, type ScanEnd } from './scanner';
import {
  CELL_ERRORS,
  CLOSED,
  ESCAPED,
  QUOTED,
  REACH_END,
  RECORD_ERROR,
  RecordTable,
  STRAY_QUOTE,
  TEXT_AFTER_QUOTE,
  UNTERMINATED,
} from './table';
import { unescapeCell } from './unescape';

export type CsvErrorCode = 'csv-unterminated-quote' | 'csv-text-after-quote' | 'csv-quote-in-unquoted-cell';

export interface CsvError extends Span {
  code: CsvErrorCode;
  message: string;
}

/** One cell's place in the text. */
export interface CellSpan {
  /** The content: for a quoted cell, between the quotes (escapes still doubled). */
  start: number;
  end: number;
  /** The whole cell, quotes included. */
  rawStart: number;
  rawEnd: number;
  quoted: boolean;
}


const BOM = 0xfeff;
const QUOTE = 34;

export class CsvModel {
  private textValue: string;
  private bomValue: boolean;
  private readonly table = new RecordTable();
  /** Where the first scan goes on (scanning a huge text can be done in steps); undefined when complete. */
  private scanCursor: { offset: number; line: number; breaks: LineBreakCounter } | undefined;

  /** A model of `text`; with `scanNow` false, nothing is scanned until scan() or scanSome() is called. */
  constructor(text: string, scanNow = true) {
    this.textValue = text;
    this.bomValue = text.charCodeAt(0) === BOM;
    this.scanCursor = { offset: this.bomValue ? 1 : 0, line: 0, breaks: new LineBreakCounter(text) };
    if (scanNow) this.scan();
  }

  get text(): string {
    return this.textValue;
  }

  /** True when the text starts with U+FEFF (a byte-order mark); offsets still count it. */
  get bom(): boolean {
    return this.bomValue;
  }

  /** False while a stepwise first scan is under way. */
  get complete(): boolean {
    return this.scanCursor === undefined;
  }

  /** Completes the first scan. */
  scan(): void {
    while (!this.complete) this.scanSome(Infinity);
  }

  /** Scans up to `budget` more records of a stepwise first scan; returns the number of records now known. */
  scanSome(budget: number): number {
    const cursor = this.scanCursor;
    if (!cursor) return this.table.recordCount;
    if (this.table.recordCount === 0 && budget > 1) {
      // Room for most files at once, from the header: a record per line break, the header's number of cells
      // in each. Growing by doubling would copy the arrays and leave them up to half empty.
      this.scanSome(1);
      const lineBreaks = countOf(this.textValue, '\n') || countOf(this.textValue, '\r');
      this.table.reserve(lineBreaks + 2, (lineBreaks + 2) * Math.max(1, this.table.cellCount));
      return this.scanSome(budget - 1);
    }
    const end: ScanEnd = scanRecords(this.textValue, this.table, cursor.offset, cursor.line, undefined, budget, cursor.breaks);
    this.scanCursor = end.offset >= this.textValue.length ? undefined : { offset: end.offset, line: end.line, breaks: cursor.breaks };
    return this.table.recordCount;
  }

  // ---------------------------------------------------------------- records

  /** Records scanned so far (all of them once complete); record 0 is the header. */
  get recordCount(): number {
    return this.table.recordCount;
  }

  recordStart(record: number): number {
    return this.table.start[record];
  }

  /** End of the record before its line break. */
  recordEnd(record: number): number {
    return this.table.start[record] + this.table.length[record];
  }

  /** 0-based line of the record's first character. */
  recordLine(record: number): number {
    return this.table.line[record];
  }

  cellCount(record: number): number {
    return this.table.firstCell[record + 1] - this.table.firstCell[record];
  }

  /** True when a cell of the record has a structural error (the cells may then not line up with the header). */
  hasErrors(record: number): boolean {
    return (this.table.recordFlags[record] & RECORD_ERROR) !== 0;
  }

  /**
   * True when a data record's cells may not line up with the header: a structural error in it, or another
   * number of cells. A value may then belong to another column (a password), so no message quotes it.
   */
  isBroken(record: number): boolean {
    return record > 0 && (this.hasErrors(record) || this.cellCount(record) !== this.cellCount(0));
  }

  /** How far from its start the scan of a record read (Infinity: to the end of the text). */
  recordReach(record: number): number {
    const reach = this.table.reach[record];
    return reach === REACH_END ? Infinity : reach;
  }

  /** The record whose span (line break excluded, end included) holds `offset`, or -1. */
  recordAt(offset: number): number {
    const record = this.lastRecordStartingAtOrBefore(offset);
    return record >= 0 && offset <= this.recordEnd(record) ? record : -1;
  }

  /** Index of the last record starting at or before `offset`, or -1. */
  lastRecordStartingAtOrBefore(offset: number): number {
    const start = this.table.start;
    let low = 0;
    let high = this.table.recordCount - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (start[mid] <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- cells

  /** Start of a cell's raw text (its opening quote, if any). */
  rawStart(record: number, column: number): number {
    const t = this.table;
    const first = t.firstCell[record];
    return column === 0 ? t.start[record] : t.start[record] + t.cellEnd(first + column - 1) + 1;
  }

  /** End of a cell's raw text (its closing quote included). */
  rawEnd(record: number, column: number): number {
    return this.table.start[record] + this.table.cellEnd(this.table.firstCell[record] + column);
  }

  isQuoted(record: number, column: number): boolean {
    return (this.table.cellFlags[this.table.firstCell[record] + column] & QUOTED) !== 0;
  }

  /** Start of the cell's content (after an opening quote). */
  contentStart(record: number, column: number): number {
    return this.rawStart(record, column) + (this.isQuoted(record, column) ? 1 : 0);
  }

  /** End of the cell's content (before a clean closing quote). */
  contentEnd(record: number, column: number): number {
    return this.rawEnd(record, column) - ((this.table.cellFlags[this.table.firstCell[record] + column] & CLOSED) !== 0 ? 1 : 0);
  }

  /** True when the cell has no content (an absent cell counts as empty). */
  isEmpty(record: number, column: number): boolean {
    if (column >= this.cellCount(record)) return true;
    return this.contentStart(record, column) === this.contentEnd(record, column);
  }

  cellSpan(record: number, column: number): CellSpan {
    const rawStart = this.rawStart(record, column);
    const rawEnd = this.rawEnd(record, column);
    const flags = this.table.cellFlags[this.table.firstCell[record] + column];
    const quoted = (flags & QUOTED) !== 0;
    return { start: rawStart + (quoted ? 1 : 0), end: rawEnd - ((flags & CLOSED) !== 0 ? 1 : 0), rawStart, rawEnd, quoted };
  }

  /**
   * The cell's value as an importer reads it: quotes removed, `""` turned into `"`; '' for a cell the
   * record does not have. A broken quoted cell reads as csv-parse (relax_quotes) reads it.
   */
  value(record: number, column: number): string {
    if (column >= this.cellCount(record)) return '';
    const text = this.textValue;
    const t = this.table;
    const flags = t.cellFlags[t.firstCell[record] + column];
    const rawStart = this.rawStart(record, column);
    const rawEnd = this.rawEnd(record, column);
    if ((flags & QUOTED) === 0) return text.slice(rawStart, rawEnd);
    if ((flags & CLOSED) !== 0) {
      const inner = text.slice(rawStart + 1, rawEnd - 1);
      return (flags & ESCAPED) !== 0 ? unescapeCell(inner) : inner;
    }
    if ((flags & UNTERMINATED) !== 0) return unescapeCell(text.slice(rawStart + 1, rawEnd));
    // Text after the closing quote: the quoted part (unescaped, in its quotes), then the rest as written.
    const close = closingQuote(text, rawStart);
    return `"${unescapeCell(text.slice(rawStart + 1, close))}"${text.slice(close + 1, rawEnd)}`;
  }

  /** The cell's text as written, between its quotes (escapes still doubled). */
  content(record: number, column: number): string {
    if (column >= this.cellCount(record)) return '';
    return this.textValue.slice(this.contentStart(record, column), this.contentEnd(record, column));
  }

  /** The column whose raw span holds `offset` (its end included), or -1. */
  columnAt(record: number, offset: number): number {
    const t = this.table;
    const first = t.firstCell[record];
    const count = t.firstCell[record + 1] - first;
    const relative = offset - t.start[record];
    if (relative < 0) return -1;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (t.cellEnd(first + mid) < relative) low = mid + 1;
      else high = mid;
    }
    return relative <= t.cellEnd(first + low) ? low : -1;
  }

  // ---------------------------------------------------------------- structural errors

  /** The structural errors of one record, in order. */
  recordErrors(record: number): CsvError[] {
    if (!this.hasErrors(record)) return [];
    const errors: CsvError[] = [];
    const t = this.table;
    const text = this.textValue;
    const first = t.firstCell[record];
    const count = t.firstCell[record + 1] - first;
    for (let column = 0; column < count; column++) {
      const flags = t.cellFlags[first + column];
      if ((flags & CELL_ERRORS) === 0) continue;
      const rawStart = this.rawStart(record, column);
      if (flags & UNTERMINATED) {
        errors.push({ code: 'csv-unterminated-quote', start: rawStart, end: rawStart + 1, message: csvMessages.unterminatedQuote });
      } else if (flags & TEXT_AFTER_QUOTE) {
        const tail = closingQuote(text, rawStart) + 1;
        const length = charLength(text, tail);
        errors.push({ code: 'csv-text-after-quote', start: tail, end: tail + length, message: csvMessages.textAfterQuote(text.slice(tail, tail + length)) });
      } else if (flags & STRAY_QUOTE) {
        const at = text.indexOf('"', rawStart);
        errors.push({ code: 'csv-quote-in-unquoted-cell', start: at, end: at + 1, message: csvMessages.quoteInUnquoted });
      }
    }
    return errors;
  }

  /** Every structural error of the text, in order. */
  errors(): CsvError[] {
    const errors: CsvError[] = [];
    for (let r = 0; r < this.recordCount; r++) {
      if (!this.hasErrors(r)) continue;
      for (const error of this.recordErrors(r)) errors.push(error);
    }
    return errors;
  }

  // ---------------------------------------------------------------- edits

  /**
   * Takes the new text, which differs from the current one only in `range`, and scans again from the
   * first record the change can affect until a record starts where an old one started (after the change,
   * moved by its length difference). `beforeApply` is called with the records [from, to) about to be
   * replaced while the model still shows the old text; returns what was replaced.
   */
  update(text: string, range: ChangedRange, beforeApply?: (from: number, to: number) => void): { from: number; removed: number; added: number } {
    this.scan();
    const { start, oldEnd, newEnd } = range;
    const shift = newEnd - oldEnd;
    if (text.length !== this.textValue.length + shift) throw new RangeError('the changed range does not fit the new text');
    const t = this.table;
    const count = t.recordCount;
    // The first record whose scan read the changed text (an unterminated quote may have read far ahead).
    let from = 0;
    while (from < count && (t.reach[from] !== REACH_END && t.start[from] + t.reach[from] <= start)) from++;
    const bom = text.charCodeAt(0) === BOM;
    const cursor = from > 0 ? t.start[from - 1] + t.length[from - 1] + t.breakLength[from - 1] : bom ? 1 : 0;
    const line = from > 0 ? t.line[from - 1] + t.lines[from - 1] : 0;

    // Scan until a record starts, past the new text, where an old record started (moved by `shift`).
    let old = from;
    const added = new RecordTable();
    const scanEnd = scanRecords(text, added, cursor, line, {
      from: newEnd,
      at: (recordStart) => {
        const oldStart = recordStart - shift;
        while (old < count && t.start[old] < oldStart) old++;
        return old < count && t.start[old] === oldStart;
      },
    });
    const to = scanEnd.stopped ? old : count;
    const lineShift = scanEnd.stopped ? scanEnd.line - t.line[old] : 0;
    beforeApply?.(from, to);
    t.splice(from, to, added, shift, lineShift);
    this.textValue = text;
    this.bomValue = bom;
    return { from, removed: to - from, added: added.recordCount };
  }

  /** Replaces the whole text (a new first scan). */
  reset(text: string): void {
    this.textValue = text;
    this.bomValue = text.charCodeAt(0) === BOM;
    this.table.recordCount = 0;
    this.table.cellCount = 0;
    this.table.firstCell[0] = 0;
    this.scanCursor = { offset: this.bomValue ? 1 : 0, line: 0, breaks: new LineBreakCounter(text) };
  }
}

/** Offset of the quote that closes the quoted cell opening at `open` (the first quote not doubled). */
function closingQuote(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q >= 0 && text.charCodeAt(q + 1) === QUOTE) q = text.indexOf('"', q + 2);
  return q;
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

function countOf(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) count++;
  return count;
}
