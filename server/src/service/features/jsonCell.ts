// The JSON inside one CSV cell, with offsets mapped both ways between the document and the unescaped JSON
// text (a quoted cell writes every `"` as `""`; CellText maps JSON → raw, this adds raw → JSON).
import { CellText } from '../json/cellText';
import type { CellSpan as Cell } from '../csv/model';
import type { Span } from '../types';

export class JsonCell {
  readonly text: CellText;

  constructor(
    docText: string,
    readonly cell: Cell,
  ) {
    this.text = new CellText(docText.slice(cell.start, cell.end), cell.quoted);
  }

  get json(): string {
    return this.text.json;
  }

  /** JSON offset of a document offset inside the cell (clamped to the cell's content). */
  toJson(offset: number): number {
    const raw = this.text.raw;
    const target = Math.max(0, Math.min(offset - this.cell.start, raw.length));
    let json = 0;
    for (let i = 0; i < target; i++) {
      if (this.cell.quoted && raw.charCodeAt(i) === 34 && raw.charCodeAt(i + 1) === 34) i++;
      json++;
    }
    return json;
  }

  /** Document span of a JSON span. */
  toDocument(start: number, end: number): Span {
    const raw = this.text.toRaw(start, end);
    return { start: raw.start + this.cell.start, end: raw.end + this.cell.start };
  }
}
