// Strings kept across edits must not be slices of a document text.

/**
 * A copy of `text` that shares no storage with the string it was cut from. V8 keeps a slice of 13 or more
 * characters as a view of its parent: a cached slice of a 50 MB document would keep every version of that
 * document alive for as long as the cache lives.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}
