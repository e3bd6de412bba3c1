// Outline: one symbol per data row, named after the user it creates, capped for huge files.
import type { FeatureDocument } from './document';
import { oneLine, rowName, rowNaming } from './rowName';

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
  const naming = rowNaming(fd);
  const { nameIndexes, detailIndex } = naming;
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
    const detail = detailIndex >= 0 ? model.value(r, detailIndex).trim() : undefined;
    const nameIndex = nameIndexes.find((i) => model.value(r, i).trim() !== '');
    const nameCell = nameIndex !== undefined ? model.cellSpan(r, nameIndex) : undefined;
    symbols.push({
      name: rowName(fd, r, naming),
      ...(detail ? { detail: oneLine(detail) } : {}),
      start,
      end: model.recordEnd(r),
      selectionStart: nameCell ? nameCell.start : start,
      selectionEnd: nameCell ? nameCell.end : start,
    });
  }
  return { symbols, omitted: model.recordCount - 1 - last };
}
