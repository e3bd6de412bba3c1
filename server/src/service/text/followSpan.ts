// Following a span of a document (a JSON cell opened in a tab of its own) through the edits made elsewhere.

export interface FollowedSpan {
  start: number;
  length: number;
}

/**
 * Where the span is after replacing [start, end) of the document with `insertedLength` characters: moved when
 * the edit lies wholly before it, unchanged when wholly after it, and `undefined` when the edit touches it —
 * an edit at either end counts, as text typed next to a cell's quote belongs to the cell.
 */
export function followSpan(span: FollowedSpan, start: number, end: number, insertedLength: number): FollowedSpan | undefined {
  if (end < span.start) return { start: span.start + insertedLength - (end - start), length: span.length };
  if (start > span.start + span.length) return span;
  return undefined;
}
