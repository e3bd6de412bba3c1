// Strings kept across edits must not be slices of a document text.

/**
 * A copy of `text` that shares no storage with the string it was cut from. V8 keeps a slice of 13 or more
 * characters as a view of its parent: a cached slice of a 50 MB document would keep every version of that
 * document alive for as long as the cache lives.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

/**
 * Detached copies of the values of one scan, equal long values sharing one copy: user files repeat their
 * JSON cells and long defaults, so a 50 MB file holds far fewer distinct long values than cells. Made per
 * scan and then dropped, so it holds nothing across edits.
 */
export class SharedCopies {
  private readonly copies = new Map<string, string>();

  copy(value: string): string {
    if (value.length < 13) return value;
    let copy = this.copies.get(value);
    if (copy === undefined) {
      copy = detach(value);
      this.copies.set(copy, copy);
    }
    return copy;
  }
}
