// Writing values back as CSV text: when a cell needs quotes, and the edits that put a new value into part
// of a cell while keeping the whole cell correct CSV.
import type { CellSpan as Cell } from '../csv/model';

/** A replacement of [start, end) (UTF-16 offsets into the document) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

const NEEDS_QUOTES = /[",\r\n]/;

export function needsQuotes(value: string): boolean {
  return NEEDS_QUOTES.test(value);
}

/** `value` written inside a quoted cell: every quote doubled. */
export function escapeQuotes(value: string): string {
  return value.replace(/"/g, '""');
}

/** `value` as a complete CSV field: quoted (quotes doubled) only when it has to be. */
export function csvField(value: string): string {
  return needsQuotes(value) ? `"${escapeQuotes(value)}"` : value;
}

/**
 * Edits that replace [start, end) — a part of the cell's content — by the plain value `newValue`. In a quoted
 * cell the value's quotes are doubled; an unquoted cell that needs quotes afterwards is wrapped in quotes
 * (and its other quotes doubled). `main` covers exactly [start, end); `additional` are the wrapping edits,
 * which never touch it (a quote next to it is folded into `main`).
 */
export function cellEdits(text: string, cell: Cell, start: number, end: number, newValue: string): { main: TextEdit; additional: TextEdit[] } {
  if (cell.quoted) return { main: { start, end, newText: escapeQuotes(newValue) }, additional: [] };
  const before = text.slice(cell.rawStart, start);
  const after = text.slice(end, cell.rawEnd);
  if (!needsQuotes(newValue) && !needsQuotes(before + after)) return { main: { start, end, newText: newValue }, additional: [] };
  let newText = escapeQuotes(newValue);
  const additional: TextEdit[] = [];
  if (start === cell.rawStart) newText = `"${newText}`;
  else additional.push({ start: cell.rawStart, end: cell.rawStart, newText: '"' });
  for (let i = cell.rawStart; i < cell.rawEnd; i++) {
    if ((i < start || i >= end) && text.charCodeAt(i) === 34) additional.push({ start: i, end: i, newText: '"' });
  }
  if (end === cell.rawEnd) newText = `${newText}"`;
  else additional.push({ start: cell.rawEnd, end: cell.rawEnd, newText: '"' });
  additional.sort((a, b) => a.start - b.start);
  return { main: { start, end, newText }, additional };
}

/** All edits of `cellEdits`, in document order, for a quick fix. */
export function replaceInCell(text: string, cell: Cell, start: number, end: number, newValue: string): TextEdit[] {
  const { main, additional } = cellEdits(text, cell, start, end, newValue);
  return [...additional, main].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The text with the edits applied (they must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  let result = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    result += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return result + text.slice(at);
}
