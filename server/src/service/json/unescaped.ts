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
 * rows); `data` = { before, after, replacement }: replacing the problem's span widened by `before`
 * characters on the left and `after` on the right (quotes wrapped around the JSON) with `replacement`
 * gives a correctly escaped cell. The data holds no offsets, so the finding stays true when it moves.
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
      data: { before: pos - start, after: end - jsonEnd, replacement: `"${json.replace(/"/g, '""')}"` },
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

/**
 * How far detectUnescapedJson may read for a record: to the first character of every cell (after blanks
 * and a quote), and from a JSON start a window of MAX_JSON_LENGTH characters plus the blanks and quote
 * after it. Infinity when that window reaches the end of the text (appending text could change it).
 */
export function pastedJsonReach(text: string, row: Row): number {
  let reach = row.end + 2;
  for (const cell of row.cells) {
    let pos = skipBlanks(text, cell.rawStart);
    if (text[pos] === '"') pos = skipBlanks(text, pos + 1);
    if (text[pos] !== '{' && text[pos] !== '[') {
      reach = Math.max(reach, pos + 1);
      continue;
    }
    const windowEnd = pos + MAX_JSON_LENGTH;
    if (windowEnd >= text.length) return Infinity;
    reach = Math.max(reach, skipBlanks(text, windowEnd) + 2);
  }
  return reach;
}
