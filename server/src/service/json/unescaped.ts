// The classic breakage: a JSON document pasted into the CSV as is, its quotes not doubled and/or the cell
// not wrapped in quotes. CSV then splits it at its commas and quotes, and every structural check fires.
// Recognising the JSON document in the raw text gives one clear diagnostic instead of that cascade.
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { CsvDocument, Problem, Row } from '../types';

/** How far a pasted JSON document may run (past the row, when it had line breaks). */
export const MAX_JSON_LENGTH = 100_000;

/**
 * The first cell of `row` where a JSON object or array was pasted without CSV escaping, or undefined.
 * The problem spans the JSON text (which may run past the row's end, into what CSV took for further
 * rows); `data` = { jsonStart, jsonEnd, start, end, replacement }: replacing [start, end) — the JSON plus
 * any quotes wrapped around it — with `replacement` gives a correctly escaped cell.
 */
export function detectUnescapedJson(doc: CsvDocument, row: Row, headerCount: number): Problem | undefined {
  const text = doc.text;
  for (const cell of row.cells) {
    let pos = skipBlanks(text, cell.rawStart);
    const wrapStart = pos;
    const wrapped = text[pos] === '"';
    if (wrapped) pos = skipBlanks(text, pos + 1);
    if (text[pos] !== '{' && text[pos] !== '[') continue;

    const jsonEnd = balancedEnd(text, pos);
    if (jsonEnd === undefined) continue;
    const json = text.slice(pos, jsonEnd);
    const hasQuotes = json.includes('"');
    // A JSON without quotes inside one cell (`[]`, `{}`) is fine; with quotes, a correctly escaped cell
    // never parses as is (every quote is doubled), so a parse here means the quotes were not escaped.
    if (!hasQuotes && jsonEnd <= cell.end) continue;
    if (!parsesAsContainer(json)) continue;

    let end = jsonEnd;
    if (wrapped) {
      const after = skipBlanks(text, jsonEnd);
      if (text[after] === '"' && text[after + 1] !== '"') end = after + 1;
    }
    const start = wrapped ? wrapStart : pos;
    const what = hasQuotes
      ? 'this cell holds JSON whose quotes are not escaped for CSV: wrap the cell in quotes and double every quote inside it'
      : 'this cell holds JSON with commas that is not wrapped in quotes for CSV: wrap the cell in quotes';
    const shape = row.cells.length !== headerCount ? ` (CSV split it: the row has ${row.cells.length} cells instead of ${headerCount})` : '';
    return {
      rule: 'json-unescaped',
      severity: 'error',
      message: what + shape,
      start: pos,
      end: jsonEnd,
      data: { jsonStart: pos, jsonEnd, start, end, replacement: `"${json.replace(/"/g, '""')}"` },
    };
  }
  return undefined;
}

function skipBlanks(text: string, pos: number): number {
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  return pos;
}

/** End of the bracket-balanced JSON token run that starts at `start` (a `{` or `[`), read with JSON's own scanner. */
function balancedEnd(text: string, start: number): number | undefined {
  const scanner = createScanner(text.slice(start, start + MAX_JSON_LENGTH), true);
  let depth = 0;
  for (;;) {
    const kind = scanner.scan();
    if (kind === SyntaxKind.EOF) return undefined;
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) depth++;
    else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth--;
      if (depth === 0) return start + scanner.getTokenOffset() + scanner.getTokenLength();
    }
  }
}

function parsesAsContainer(json: string): boolean {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object';
  } catch {
    return false;
  }
}
