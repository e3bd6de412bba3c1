// The records and cells of a CSV text, in typed arrays: a few integers per record and three bytes per cell,
// instead of an object (and a value string) per cell. Cell offsets are relative to their record's start,
// so records that move after an edit keep their cells untouched; they take 16 bits until a record longer than
// 64K characters shows up (a pasted document, an unterminated quote), which adds 16 more per cell.

/** Cell flags. */
export const QUOTED = 1;
/** The quoted cell ends with its closing quote right before the delimiter (content end = raw end - 1). */
export const CLOSED = 2;
/** The quoted content holds `""` pairs: its value is unescaped. */
export const ESCAPED = 4;
/** Structural errors, each reported at a place the cell's text tells (see CsvModel.errors). */
export const UNTERMINATED = 8;
export const TEXT_AFTER_QUOTE = 16;
export const STRAY_QUOTE = 32;
export const CELL_ERRORS = UNTERMINATED | TEXT_AFTER_QUOTE | STRAY_QUOTE;

/** Record flag: one of its cells has a structural error. */
export const RECORD_ERROR = 1;

/** A `reach` that goes to the end of the text: no edit after the record can leave it unchanged. */
export const REACH_END = -1;

/** `array` with room for `needed` items: doubled as often as needed, or exactly that many when `exact`. */
function grown<T extends Int32Array | Uint16Array | Uint8Array>(array: T, needed: number, exact = false): T {
  if (needed <= array.length) return array;
  let size = exact ? needed : Math.max(16, array.length);
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}

export class RecordTable {
  recordCount = 0;
  /** Absolute offset of the record's first character. */
  start = new Int32Array(16);
  /** Record length, its line break excluded. */
  length = new Int32Array(16);
  /** Characters of the line break after the record (0 at the end of the text, 1 or 2). */
  breakLength = new Uint8Array(16);
  /** How far from `start` the scan read (REACH_END: to the end of the text); text after it cannot change the record. */
  reach = new Int32Array(16);
  /** 0-based line of the record's first character. */
  line = new Int32Array(16);
  /** Line breaks from the record's start to the start of what follows it. */
  lines = new Int32Array(16);
  /** Index of the record's first cell; firstCell[recordCount] is the cell count. */
  firstCell = new Int32Array(17);
  recordFlags = new Uint8Array(16);

  cellCount = 0;
  /** End of the cell's raw text (closing quote included), relative to the record start: its low 16 bits… */
  private cellEndLow = new Uint16Array(64);
  /** …and its high 16 bits, once some record is longer than 64K characters. */
  private cellEndHigh: Uint16Array | undefined = undefined;
  cellFlags = new Uint8Array(64);

  /** End of a cell's raw text, relative to its record's start. */
  cellEnd(cell: number): number {
    const high = this.cellEndHigh;
    return high === undefined ? this.cellEndLow[cell] : this.cellEndLow[cell] + high[cell] * 0x10000;
  }

  /** Sizes the arrays for about this many records and cells (a first scan knows roughly how many). */
  reserve(records: number, cells: number): void {
    this.ensureRecords(records, true);
    this.ensureCells(cells, true);
  }

  ensureRecords(count: number, exact = false): void {
    if (count <= this.start.length) return;
    this.start = grown(this.start, count, exact);
    this.length = grown(this.length, count, exact);
    this.breakLength = grown(this.breakLength, count, exact);
    this.reach = grown(this.reach, count, exact);
    this.line = grown(this.line, count, exact);
    this.lines = grown(this.lines, count, exact);
    this.recordFlags = grown(this.recordFlags, count, exact);
    // One more entry than records, sized from the records' new room: doubled from its own size, it could
    // end up shorter than that and lose the records' ends (a typed array drops writes past its end).
    this.firstCell = grown(this.firstCell, this.start.length + 1, exact);
  }

  ensureCells(count: number, exact = false): void {
    if (count <= this.cellEndLow.length) return;
    this.cellEndLow = grown(this.cellEndLow, count, exact);
    if (this.cellEndHigh) this.cellEndHigh = grown(this.cellEndHigh, this.cellEndLow.length, true);
    this.cellFlags = grown(this.cellFlags, count, exact);
  }

  addCell(relativeEnd: number, flags: number): void {
    const c = this.cellCount;
    if (c === this.cellEndLow.length) this.ensureCells(c + 1);
    this.cellEndLow[c] = relativeEnd & 0xffff;
    if (relativeEnd > 0xffff || this.cellEndHigh) this.highParts()[c] = Math.floor(relativeEnd / 0x10000);
    this.cellFlags[c] = flags;
    this.cellCount = c + 1;
  }

  /** The high halves of the cell ends, made (all zero) when the first long record shows up. */
  private highParts(): Uint16Array {
    return (this.cellEndHigh ??= new Uint16Array(this.cellEndLow.length));
  }

  /** Closes the record whose cells were just added (from `firstCell`). */
  addRecord(start: number, length: number, breakLength: number, reach: number, line: number, lines: number, firstCell: number, flags: number): void {
    const r = this.recordCount;
    if (r === this.start.length) this.ensureRecords(r + 1);
    this.start[r] = start;
    this.length[r] = length;
    this.breakLength[r] = breakLength;
    this.reach[r] = reach;
    this.line[r] = line;
    this.lines[r] = lines;
    this.firstCell[r] = firstCell;
    this.firstCell[r + 1] = this.cellCount;
    this.recordFlags[r] = flags;
    this.recordCount = r + 1;
  }

  /**
   * Replaces records [from, to) with every record of `added` (scanned from the new text, with absolute
   * offsets and lines), and moves the records after them by `shift` characters and `lineShift` lines.
   */
  splice(from: number, to: number, added: RecordTable, shift: number, lineShift: number): void {
    const removedRecords = to - from;
    const addedRecords = added.recordCount;
    const recordDelta = addedRecords - removedRecords;
    const cellFrom = this.firstCell[from];
    const cellTo = this.firstCell[to];
    const cellDelta = added.cellCount - (cellTo - cellFrom);
    const oldCount = this.recordCount;
    const oldCells = this.cellCount;

    // Cells: move the tail, then copy the new ones in.
    this.ensureCells(oldCells + cellDelta);
    if (added.cellEndHigh) this.highParts();
    const high = this.cellEndHigh;
    if (cellDelta !== 0) {
      this.cellEndLow.copyWithin(cellTo + cellDelta, cellTo, oldCells);
      high?.copyWithin(cellTo + cellDelta, cellTo, oldCells);
      this.cellFlags.copyWithin(cellTo + cellDelta, cellTo, oldCells);
    }
    this.cellEndLow.set(added.cellEndLow.subarray(0, added.cellCount), cellFrom);
    if (high) {
      if (added.cellEndHigh) high.set(added.cellEndHigh.subarray(0, added.cellCount), cellFrom);
      else high.fill(0, cellFrom, cellFrom + added.cellCount);
    }
    this.cellFlags.set(added.cellFlags.subarray(0, added.cellCount), cellFrom);
    this.cellCount = oldCells + cellDelta;

    // Records: move the tail (firstCell has one more entry), then copy the new ones in.
    this.ensureRecords(oldCount + recordDelta);
    if (recordDelta !== 0) {
      for (const column of [this.start, this.length, this.reach, this.line, this.lines] as Int32Array[]) column.copyWithin(to + recordDelta, to, oldCount);
      this.breakLength.copyWithin(to + recordDelta, to, oldCount);
      this.recordFlags.copyWithin(to + recordDelta, to, oldCount);
      this.firstCell.copyWithin(to + recordDelta, to, oldCount + 1);
    }
    for (let i = 0; i < addedRecords; i++) {
      const r = from + i;
      this.start[r] = added.start[i];
      this.length[r] = added.length[i];
      this.breakLength[r] = added.breakLength[i];
      this.reach[r] = added.reach[i];
      this.line[r] = added.line[i];
      this.lines[r] = added.lines[i];
      this.recordFlags[r] = added.recordFlags[i];
      this.firstCell[r] = cellFrom + added.firstCell[i];
    }
    this.recordCount = oldCount + recordDelta;
    const end = this.recordCount;
    const start = this.start;
    const line = this.line;
    const firstCell = this.firstCell;
    for (let r = from + addedRecords; r < end; r++) {
      start[r] += shift;
      line[r] += lineShift;
      firstCell[r] += cellDelta;
    }
    firstCell[end] = this.cellCount;
  }
}
