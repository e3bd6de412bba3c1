// One record of the CSV model as the rules read it: `cells[i]` with the value and spans of cell i. The
// view and its cells are reused from record to record (no object per cell): a rule reads them while it
// checks the record and never keeps them.
import type { CsvModel } from '../csv/model';
import type { Span } from '../types';

export class CellRef {
  private cachedValue = '';
  /** The view's generation the cached value belongs to (a new record shown makes it stale). */
  private cachedFor = -1;

  constructor(
    private readonly view: RecordView,
    readonly column: number,
  ) {}

  /** Unescaped value (made when first read, then kept while the record is checked). */
  get value(): string {
    const view = this.view;
    if (this.cachedFor !== view.generation) {
      this.cachedValue = view.model.value(view.index, this.column);
      this.cachedFor = view.generation;
    }
    return this.cachedValue;
  }

  /** Start of the content: for a quoted cell, after its opening quote. */
  get start(): number {
    return this.view.model.contentStart(this.view.index, this.column);
  }

  /** End of the content: for a cleanly quoted cell, before its closing quote. */
  get end(): number {
    return this.view.model.contentEnd(this.view.index, this.column);
  }

  get rawStart(): number {
    return this.view.model.rawStart(this.view.index, this.column);
  }

  get rawEnd(): number {
    return this.view.model.rawEnd(this.view.index, this.column);
  }

  get quoted(): boolean {
    return this.view.model.isQuoted(this.view.index, this.column);
  }

  /** Empty content, without making the value. */
  get empty(): boolean {
    return this.start === this.end;
  }

}

export class RecordView {
  model!: CsvModel;
  /** Record index: 0 = header, 1 = first data record. */
  index = 0;
  /** 0-based line of the record's first character. */
  line = 0;
  /** Span of the record without its line break. */
  start = 0;
  end = 0;
  /**
   * True when the record's cells may not line up with the header (a structural CSV error, or another
   * number of cells than the header): a value may then belong to another column, so messages never quote it.
   */
  broken = false;
  /** The record's cells (as many as the record has). */
  readonly cells: CellRef[] = [];
  /** Bumped for every record shown: cached cell values of an earlier one are stale. */
  generation = 0;

  /** Shows record `index` of `model`; `width` is the header's number of cells. */
  show(model: CsvModel, index: number, width: number): this {
    this.model = model;
    this.index = index;
    this.line = model.recordLine(index);
    this.start = model.recordStart(index);
    this.end = model.recordEnd(index);
    const count = model.cellCount(index);
    this.broken = index > 0 && (model.hasErrors(index) || count !== width);
    this.generation++;
    // The cells stay the same objects from record to record (most records have the header's width).
    const cells = this.cells;
    if (cells.length > count) cells.length = count;
    while (cells.length < count) cells.push(new CellRef(this, cells.length));
    return this;
  }
}

/** Span to underline for a cell: its content, or the quotes/position of an empty cell. */
export function cellSpan(cell: CellRef | Span & { rawStart: number; rawEnd: number }): Span {
  const start = cell.start;
  const end = cell.end;
  return start === end ? { start: cell.rawStart, end: cell.rawEnd } : { start, end };
}
