// How far the pasted-JSON detection (json/unescaped.ts) may read from a record: its finding is kept until
// an edit reaches that far.
import type { Row } from '../types';
import { MAX_JSON_LENGTH } from '../json/unescaped';

/** detectUnescapedJson reads at most this far from a JSON start. */
const PASTED_JSON_WINDOW = MAX_JSON_LENGTH;

/**
 * How far detectUnescapedJson may read for a record: to the first character of every cell (after blanks
 * and a quote), and from a JSON start a window of PASTED_JSON_WINDOW characters plus the blanks and quote
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
    const windowEnd = pos + PASTED_JSON_WINDOW;
    if (windowEnd >= text.length) return Infinity;
    reach = Math.max(reach, skipBlanks(text, windowEnd) + 2);
  }
  return reach;
}

function skipBlanks(text: string, pos: number): number {
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  return pos;
}
