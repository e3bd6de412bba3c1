// Edits of a document text as UTF-16 offsets, and the one range that a list of edits changed.

/** Replace [start, end) of the text with `text`. Offsets count in the text as it is before this change. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** The stretch that differs between two texts: [start, oldEnd) of the old one became [start, newEnd) of the new one. */
export interface ChangedRange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The text after applying `changes` one after the other (each counted in the text the previous one left). */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let result = text;
  for (const change of changes) {
    checkChange(change, result.length);
    result = result.slice(0, change.start) + change.text + result.slice(change.end);
  }
  return result;
}

function checkChange(change: TextChange, length: number): void {
  const { start, end } = change;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > length || typeof change.text !== 'string') {
    throw new RangeError(`invalid text change [${start}, ${end}) for a text of length ${length}`);
  }
}

/**
 * The single range covering consecutive changes, in the coordinates of the text before the first one and
 * after the last one; undefined for no change at all. Throws a RangeError for a change outside its text.
 */
export function mergeChanges(changes: readonly TextChange[], initialLength: number): ChangedRange | undefined {
  let merged: ChangedRange | undefined;
  let length = initialLength;
  for (const change of changes) {
    checkChange(change, length);
    const { start, end } = change;
    const added = change.text.length - (end - start);
    length += added;
    if (!merged) {
      merged = { start, oldEnd: end, newEnd: start + change.text.length };
      continue;
    }
    // Map the change's ends back to the old text: before the merged range they are unchanged, after it
    // they move by the merged range's growth, inside it they stand for the whole range.
    const growth = merged.newEnd - merged.oldEnd;
    const toOld = (offset: number, isEnd: boolean): number =>
      offset < merged!.start ? offset : offset > merged!.newEnd ? offset - growth : isEnd ? merged!.oldEnd : merged!.start;
    const oldStart = Math.min(merged.start, toOld(start, false));
    const oldEnd = Math.max(merged.oldEnd, toOld(end, true));
    const totalGrowth = growth + added;
    merged = { start: oldStart, oldEnd, newEnd: oldEnd + totalGrowth };
  }
  return merged;
}

/** Texts are compared in slices of this many characters first (string equality is a fast memory compare). */
const CHUNK = 1 << 15;

/** The range where two texts differ (common prefix and suffix left out), or undefined when they are equal. */
export function diffTexts(before: string, after: string): ChangedRange | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix + CHUNK <= shorter && before.slice(prefix, prefix + CHUNK) === after.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  const room = shorter - prefix;
  let suffix = 0;
  while (suffix + CHUNK <= room && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) {
    suffix += CHUNK;
  }
  while (suffix < room && before.charCodeAt(before.length - suffix - 1) === after.charCodeAt(after.length - suffix - 1)) suffix++;
  return { start: prefix, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}
