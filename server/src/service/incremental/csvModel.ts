// The CSV model of a document that is edited: records are re-scanned only from the one containing an edit
// until the record boundaries line up again with the previous parse; every other record is kept.
//
// Records after an edit move: their start/end/line/index are updated at once (a few numbers per record),
// their cells only when someone reads them (document(), or freshen() before a record is checked again),
// so a keystroke costs the re-scanned records plus one pass over the record list.
//
// The records are those of parseCsv (csv/parse.ts): the same scan (scanRecord), the same blank-line and
// line counting. Where csv-parse and the scan agree, parseCsv takes csv-parse's values, which are then
// the scan's values too; where they disagree, parseCsv uses the scan.
import { appendAll, spliceAll } from '../arrays';
import { LineBreakCounter, LocalLineBreaks, scanRecord, skipLineBreak, type LineBreaks } from '../csv/scanRecord';
import { SharedCopies } from './detach';
import type { Cell, CsvDocument, CsvError, Row } from '../types';
import type { ChangedRange } from './textChange';

const BOM = 0xfeff;

/** A record and what the incremental parse and validation keep about it. */
export interface RecordState<M> {
  /** The record as the CsvDocument shows it; start/end/line/index are always current. */
  readonly row: Row;
  /** The row.start its cells' and errors' offsets were computed for; they are stale when row.start moved since. */
  base: number;
  /** How far (from row.start) the scan read: an edit at or after row.start + reach cannot change the record. */
  reach: number;
  /** From row.start to where the next record (or blank line) starts. */
  next: number;
  /** Line breaks from row.start to `next`. */
  lines: number;
  /** The record's structural errors, offsets as of `base`. */
  errors: CsvError[];
  /** What the incremental validation keeps about the record; a re-scanned record gets a new one. */
  readonly memo: M;
}

/** What an update replaced: states[from, from + added.length) are new, `removed` are gone. */
export interface Splice<M> {
  from: number;
  removed: RecordState<M>[];
  added: RecordState<M>[];
  /** The first state kept after the new ones moved by this much (states after it too). */
  shift: number;
}

export class IncrementalCsv<M> {
  private textValue: string;
  private bomValue: boolean;
  readonly states: RecordState<M>[] = [];
  /** The rows of `states`, in the same order: the CsvDocument's rows array. */
  private readonly rows: Row[] = [];
  private readonly doc: CsvDocument;
  /** True when some cells or errors may still have stale offsets, or the error list is out of date. */
  private stale = false;

  constructor(
    text: string,
    /** Makes the memo of a new record. */
    private readonly createMemo: () => M,
  ) {
    this.textValue = text;
    this.bomValue = text.charCodeAt(0) === BOM;
    this.doc = { text, bom: this.bomValue, rows: this.rows, errors: [] };
    const scanned = this.scan(text, new LineBreakCounter(text), this.bomValue ? 1 : 0, 0, Infinity, () => false);
    scanned.states.forEach((state, i) => (state.row.index = i));
    appendAll(this.states, scanned.states);
    for (const state of scanned.states) this.rows.push(state.row);
    this.doc.errors = scanned.states.flatMap((s) => s.errors);
  }

  get text(): string {
    return this.textValue;
  }

  get bom(): boolean {
    return this.bomValue;
  }

  /**
   * The document with every offset up to date (updated in place by the next update: read it, don't keep it).
   * Its rows, cells and errors are those parseCsv gives for the current text.
   */
  document(): CsvDocument {
    if (this.stale) {
      const errors: CsvError[] = [];
      for (const state of this.states) {
        this.freshen(state);
        for (const error of state.errors) errors.push(error);
      }
      this.doc.errors = errors;
      this.stale = false;
    }
    return this.doc;
  }

  /**
   * The document for checks that read only the text and the rows they are given (fresh ones, see freshen):
   * no offset is brought up to date.
   */
  documentForChecks(): CsvDocument {
    return this.doc;
  }

  /** Brings the offsets of one record's cells and errors up to date. */
  freshen(state: RecordState<M>): void {
    const by = state.row.start - state.base;
    if (by === 0) return;
    for (const cell of state.row.cells) {
      cell.start += by;
      cell.end += by;
      cell.rawStart += by;
      cell.rawEnd += by;
    }
    for (const error of state.errors) {
      error.start += by;
      error.end += by;
    }
    state.base = state.row.start;
  }

  /**
   * Takes the new text, which differs from the current one only in `range`, and re-scans from the first
   * record the change can affect until a record starts where an old one started (after the change, shifted
   * by its length difference). Returns what was replaced.
   */
  update(text: string, range: ChangedRange): Splice<M> {
    const { start, oldEnd, newEnd } = range;
    const shift = newEnd - oldEnd;
    if (text.length !== this.textValue.length + shift) throw new RangeError('the changed range does not fit the new text');
    const states = this.states;
    // The first record whose scan read the changed text: an unterminated quote may have read far ahead.
    let from = 0;
    while (from < states.length && states[from].row.start + states[from].reach <= start) from++;
    const previous = from > 0 ? states[from - 1] : undefined;
    const bom = text.charCodeAt(0) === BOM;
    const cursor = previous ? previous.row.start + previous.next : bom ? 1 : 0;
    const line = previous ? previous.row.line + previous.lines : 0;

    // Re-scan until a record starts, past the new text, where an old record started (shifted).
    let old = from;
    const resync = (recordStart: number): boolean => {
      const oldStart = recordStart - shift;
      while (old < states.length && states[old].row.start < oldStart) old++;
      return old < states.length && states[old].row.start === oldStart;
    };
    const scanned = this.scan(text, new LocalLineBreaks(text), cursor, line, newEnd, resync);
    const synced = scanned.synced;
    const end = synced ? old : states.length;
    const lineShift = synced ? scanned.line - states[old].row.line : 0;
    const indexShift = scanned.states.length - (end - from);

    for (let i = end; i < states.length; i++) {
      const row = states[i].row;
      row.start += shift;
      row.end += shift;
      row.line += lineShift;
      row.index += indexShift;
    }
    scanned.states.forEach((state, i) => (state.row.index = from + i));
    const removed = spliceAll(states, from, end - from, scanned.states);
    spliceAll(this.rows, from, end - from, scanned.states.map((s) => s.row));

    this.textValue = text;
    this.bomValue = bom;
    this.doc.text = text;
    this.doc.bom = bom;
    this.stale = true;
    return { from, removed, added: scanned.states, shift };
  }

  /**
   * Scans records from `cursor` (on 0-based `line`) to the end of the text, or until `stop` says a record
   * starting at a position at or after `stopFrom` is one already known. `lineBreaks` counts the line
   * breaks inside quoted cells: LineBreakCounter for a whole text, LocalLineBreaks for a few records.
   */
  private scan(
    text: string,
    lineBreaks: LineBreaks,
    cursor: number,
    line: number,
    stopFrom: number,
    stop: (recordStart: number) => boolean,
  ): { states: RecordState<M>[]; line: number; synced: boolean } {
    const states: RecordState<M>[] = [];
    const copies = new SharedCopies();
    for (;;) {
      let afterBreak = skipLineBreak(text, cursor);
      while (afterBreak !== cursor) {
        // A blank line: not a record.
        cursor = afterBreak;
        line++;
        afterBreak = skipLineBreak(text, afterBreak);
      }
      if (cursor >= text.length) return { states, line, synced: false };
      if (cursor >= stopFrom && stop(cursor)) return { states, line, synced: true };
      const errors: CsvError[] = [];
      const scan = scanRecord(text, cursor, errors, lineBreaks, true);
      // An exact-size copy: the scan's array grew by pushes and has up to half again as many slots.
      const cells: Cell[] = scan.cells.slice();
      for (const cell of cells) cell.value = copies.copy(cell.value);
      const lines = scan.lineBreaks + (scan.next > scan.end ? 1 : 0);
      states.push({
        row: { index: 0, line, start: cursor, end: scan.end, cells },
        base: cursor,
        reach: scan.reach - cursor,
        next: scan.next - cursor,
        lines,
        errors,
        memo: this.createMemo(),
      });
      line += lines;
      cursor = scan.next;
    }
  }
}
