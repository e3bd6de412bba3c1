// CSV model: the document as records and cells with exact UTF-16 spans.
//
// csv-parse splits the text into records and unescapes the values; a light scan of each record
// (scanRecord) finds every cell's span and checks it agrees with csv-parse's record. Where they
// disagree (a structural error, where the scan's recovery wins) or where csv-parse gives up (an
// unterminated quote swallows the rest of the file and it throws), the two are realigned by byte
// offset: csv-parse counts UTF-8 bytes, our offsets are UTF-16 indexes.
import { parse } from 'csv-parse/sync';
import type { Cell, CsvDocument, CsvError, Row } from '../types';
import { LineBreakCounter, scanRecord, skipLineBreak, type RecordScan } from './scanRecord';

export { unescapeCell } from './scanRecord';

const BOM = 0xfeff;
/** csv-parse is restarted at most this many times after it throws; the rest is then scanned directly. */
const MAX_CSV_PARSE_RUNS = 4;

export function parseCsv(text: string): CsvDocument {
  return new CsvParser(text).parse();
}

class CsvParser {
  private readonly rows: Row[] = [];
  private readonly errors: CsvError[] = [];
  private readonly lineBreaks: LineBreakCounter;
  /**
   * csv-parse decodes lone surrogates as U+FFFD; when the text has neither, its values are the text's and
   * need no check for that character.
   */
  private readonly plainUnicode: boolean;
  /** Next offset to read (UTF-16) and the 0-based line it is on. */
  private cursor = 0;
  private line = 0;
  /** True while csv-parse's next record starts at the cursor (only the blank lines it skips in between). */
  private inStep = true;
  /** UTF-8 length of text[0, bytesOffset): computed lazily, only when csv-parse and the scan must be realigned. */
  private bytesOffset = 0;
  private bytes = 0;

  constructor(private readonly text: string) {
    this.lineBreaks = new LineBreakCounter(text);
    const isWellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed;
    this.plainUnicode = isWellFormed !== undefined && isWellFormed.call(text) && text.indexOf('\uFFFD') < 0;
  }

  parse(): CsvDocument {
    const text = this.text;
    const bom = text.charCodeAt(0) === BOM;
    if (bom) this.cursor = 1;
    for (let run = 0; this.cursor < text.length; run++) {
      if (run < MAX_CSV_PARSE_RUNS) this.runCsvParse(run === 0);
      // csv-parse stopped before the end (it threw at an unterminated quote) or left trailing blank lines:
      // scan the next record directly, then give csv-parse the rest again.
      this.scanNext();
    }
    return { text, bom, rows: this.rows, errors: this.errors };
  }

  /** UTF-8 byte offset of `offset` (which never goes backwards), as csv-parse counts it. */
  private bytesAt(offset: number): number {
    if (offset > this.bytesOffset) {
      this.bytes += Buffer.byteLength(this.text.slice(this.bytesOffset, offset));
      this.bytesOffset = offset;
    }
    return this.bytes;
  }

  /** Runs csv-parse from the cursor to the end, or until it throws; its records are taken as they come. */
  private runCsvParse(fromStart: boolean): void {
    const base = fromStart ? 0 : this.bytesAt(this.cursor);
    this.inStep = true;
    let failure: { error: unknown } | undefined;
    // csv-parse builds an Error for every row whose cell count differs from the first row's (even when
    // relaxed); capturing a stack for each makes such files many times slower, and nobody reads them.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      parse(fromStart ? this.text : this.text.slice(this.cursor), {
        bom: fromStart, // a U+FEFF at a later record start is data, not a byte-order mark
        relax_quotes: true, // stray quotes: the scan reports them, csv-parse keeps going
        relax_column_count: true, // short and long rows are the validator's business
        skip_empty_lines: true,
        record_delimiter: ['\r\n', '\n', '\r'],
        on_record: (record: string[], info: { bytes: number }) => {
          try {
            this.onCsvParseRecord(record, base + info.bytes);
          } catch (error) {
            failure = { error }; // a bug of ours, not bad input: rethrown below
            throw error;
          }
          return null; // nothing to collect: the rows are built here
        },
      });
    } catch {
      // csv-parse gave up on the input (an unterminated quote); the caller scans on from the cursor.
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    if (failure) throw failure.error;
  }

  /** `endBytes`: where csv-parse's record ends, its line break included. */
  private onCsvParseRecord(values: string[], endBytes: number): void {
    if (this.inStep && this.scanNext(values)) return;
    // Out of step: the scan may be behind csv-parse; catch up record by record, then compare positions.
    while (this.cursor < this.text.length && this.bytesAt(this.cursor) < endBytes) this.scanNext();
    this.inStep = this.bytesAt(this.cursor) === endBytes;
  }

  /**
   * Skips blank lines, then scans one record at the cursor. `values`: csv-parse's record that starts
   * here. Returns true when the scan agrees with it, whose values are then used.
   */
  private scanNext(values?: string[]): boolean {
    const text = this.text;
    let afterBreak = skipLineBreak(text, this.cursor);
    while (afterBreak !== this.cursor) {
      // A blank line: not a record.
      this.cursor = afterBreak;
      this.line++;
      afterBreak = skipLineBreak(text, afterBreak);
    }
    const start = this.cursor;
    if (start >= text.length) return false;
    const errorCount = this.errors.length;
    let scan = scanRecord(text, start, this.errors, this.lineBreaks, values === undefined);
    const agrees = values !== undefined && this.errors.length === errorCount && takeValues(scan, values, this.plainUnicode);
    if (values !== undefined && !agrees) {
      this.errors.length = errorCount;
      scan = scanRecord(text, start, this.errors, this.lineBreaks, true);
    }
    this.rows.push({ index: this.rows.length, line: this.line, start, end: scan.end, cells: scan.cells });
    this.line += scan.lineBreaks + (scan.next > scan.end ? 1 : 0);
    this.cursor = scan.next;
    return agrees;
  }
}

/**
 * Gives the scanned cells csv-parse's values if they describe the same record: same number of cells, and
 * values as long as the spans minus the `""` escapes. Unless `plainUnicode`, a U+FFFD in a value may stand
 * for a lone surrogate that csv-parse replaced, so such a record takes its values from the text instead.
 */
function takeValues(scan: RecordScan, values: string[], plainUnicode: boolean): boolean {
  const cells = scan.cells;
  if (values.length !== cells.length) return false;
  let valueLength = 0;
  let spanLength = 0;
  for (let i = 0; i < cells.length; i++) {
    const value = values[i];
    if (!plainUnicode && value.indexOf('\uFFFD') >= 0) return false;
    valueLength += value.length;
    spanLength += cells[i].end - cells[i].start;
  }
  if (valueLength !== spanLength - scan.escapes) return false;
  for (let i = 0; i < cells.length; i++) cells[i].value = values[i];
  return true;
}

export interface CellLocation {
  row: Row;
  cell: Cell;
  /** 0-based column of the cell in its row. */
  column: number;
}

/**
 * The cell at `offset`: the one whose raw span (quotes included) contains it, its end included so that
 * a cursor right after the last character still counts. Undefined between records and on blank lines.
 */
export function cellAt(doc: CsvDocument, offset: number): CellLocation | undefined {
  const rows = doc.rows;
  const row = rows[lastAtOrBefore(rows.length, (i) => rows[i].start, offset)];
  if (!row || offset < row.start || offset > row.end) return undefined;
  const cells = row.cells;
  const column = lastAtOrBefore(cells.length, (i) => cells[i].rawStart, offset);
  const cell = cells[column];
  if (!cell || offset < cell.rawStart || offset > cell.rawEnd) return undefined;
  return { row, cell, column };
}

/** Index of the last item whose key is <= target (keys ascending), or -1. */
function lastAtOrBefore(count: number, key: (i: number) => number, target: number): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (key(mid) <= target) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
