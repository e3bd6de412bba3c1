// "Did you mean": the one edit distance of the core, for the header's unknown columns and for the quick
// fixes of mistyped values. Compared without case, within a limit that grows with the length (so that
// short values need a near-exact match).

/** How far a value of this length may be from what it was meant to be. */
export function distanceLimit(value: string): number {
  return value.length <= 4 ? 1 : value.length <= 10 ? 2 : 3;
}

/** The closest of `allowed` to `value`, or undefined when none is close enough or two are equally close. */
export function suggestClosest(value: string, allowed: readonly string[]): string | undefined {
  const wanted = value.trim().toLowerCase();
  if (wanted === '') return undefined;
  const limit = distanceLimit(wanted);
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of allowed) {
    const distance = editDistance(wanted, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  return best !== undefined && !tie ? best : undefined;
}

/** Optimal-string-alignment distance (Levenshtein plus swapped neighbours), giving up above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}
