// Array helpers that never pass an array's elements as call arguments: `push(...items)`,
// `splice(i, n, ...items)` or `Math.max(...items)` put every element on the stack and throw a RangeError
// past about 125,000 elements (test/unit/no-spread.test.ts keeps such calls out of the sources).

/** Appends every item to `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** Like `target.splice(from, deleteCount, ...items)`, in place and in time linear in the moved elements; returns the removed ones. */
export function spliceAll<T>(target: T[], from: number, deleteCount: number, items: readonly T[]): T[] {
  const removed = target.slice(from, from + deleteCount);
  const oldLength = target.length;
  const tail = from + deleteCount;
  const delta = items.length - deleteCount;
  if (delta > 0) {
    target.length = oldLength + delta;
    for (let i = oldLength - 1; i >= tail; i--) target[i + delta] = target[i];
  } else if (delta < 0) {
    for (let i = tail; i < oldLength; i++) target[i + delta] = target[i];
    target.length = oldLength + delta;
  }
  for (let i = 0; i < items.length; i++) target[from + i] = items[i];
  return removed;
}
