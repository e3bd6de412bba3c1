// Outline: one symbol per data row, named after the user it creates, capped for huge files.
import type { FeatureDocument } from './document';
import { columnIndex } from './document';

export interface RowSymbol {
  name: string;
  /** Shown next to the name (the extension number). */
  detail?: string;
  /** The whole record. */
  start: number;
  end: number;
  /** The cell the name comes from (or the record's start). */
  selectionStart: number;
  selectionEnd: number;
}

export const MAX_SYMBOLS = 5000;

/** Shown beside a row whose cells do not line up with the header, instead of its cells. */
export const BROKEN_ROW_DETAIL = 'cells do not match the header';

export function documentSymbols(fd: FeatureDocument, max = MAX_SYMBOLS): { symbols: RowSymbol[]; omitted: number } {
  if (fd.header.delimiter || fd.model.recordCount < 2) return { symbols: [], omitted: 0 };
  // Secret columns never name anything.
  const usable = (name: string): number => {
    const index = columnIndex(fd, name);
    return index >= 0 && !fd.columns[index]?.secret ? index : -1;
  };
  // The dialect says which columns name a user; without that, the first column that is not secret.
  const outline = fd.dialect.outline;
  const nameIndexes = outline
    ? outline.name.map(usable).filter((i) => i >= 0)
    : [fd.columns.findIndex((c) => c !== undefined && !c.secret)].filter((i) => i >= 0);
  const detailIndex = outline?.detail !== undefined ? usable(outline.detail) : -1;
  const symbols: RowSymbol[] = [];
  const model = fd.model;
  const last = Math.min(model.recordCount - 1, max);
  for (let r = 1; r <= last; r++) {
    const start = model.recordStart(r);
    if (model.isBroken(r)) {
      // Its cells may be shifted (a stray quote, an unquoted comma): the name cell may hold a password.
      symbols.push({ name: `Row ${r}`, detail: BROKEN_ROW_DETAIL, start, end: model.recordEnd(r), selectionStart: start, selectionEnd: start });
      continue;
    }
    const parts = nameIndexes.map((i) => model.value(r, i).trim()).filter(Boolean);
    const detail = detailIndex >= 0 ? model.value(r, detailIndex).trim() : undefined;
    const nameIndex = nameIndexes.find((i) => model.value(r, i).trim() !== '');
    const nameCell = nameIndex !== undefined ? model.cellSpan(r, nameIndex) : undefined;
    symbols.push({
      name: oneLine(parts.join(' ')) || `Row ${r}`,
      ...(detail ? { detail: oneLine(detail) } : {}),
      start,
      end: model.recordEnd(r),
      selectionStart: nameCell ? nameCell.start : start,
      selectionEnd: nameCell ? nameCell.end : start,
    });
  }
  return { symbols, omitted: model.recordCount - 1 - last };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
