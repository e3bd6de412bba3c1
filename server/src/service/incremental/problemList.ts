// The result of incremental validation, put together record by record: kept findings moved to where their
// record is now, and the list of problems to show under the settings (overrides, the maximum number).
import type { Problem, Span, ValidationSettings } from '../types';
import { byPosition, withOverride } from '../validation';

/**
 * Collects the problems to show, in order, record by record: the first maxProblems and one more are made
 * (the note about the rest sits on that one); past them, the problems are only counted.
 */
export class ProblemSink {
  readonly kept: Problem[] = [];
  total = 0;
  private readonly wanted: number;

  constructor(private readonly settings: ValidationSettings) {
    this.wanted = Math.max(0, Math.floor(settings.maxProblems)) + 1;
  }

  get full(): boolean {
    return this.kept.length >= this.wanted;
  }

  /** One record's problems in the order a full validation finds them: kept ones are sorted (stable) and added. */
  add(group: Problem[]): void {
    const shown: Problem[] = [];
    for (const problem of group) {
      const kept = withOverride(problem, this.settings);
      if (kept) shown.push(kept);
    }
    shown.sort(byPosition);
    for (const problem of shown) this.kept.push(problem);
    this.total += shown.length;
  }

  count(problems: number): void {
    this.total += problems;
  }
}

/** Most records have no findings: they share one empty list. */
const NONE: Problem[] = [];

export function orNone(problems: Problem[]): Problem[] {
  return problems.length === 0 ? NONE : problems;
}

export function shifted(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** A copy of a kept finding moved by `by`; `dataOffsets`: its data holds offsets too (pasted JSON). */
export function copy(problem: Problem, by: number, dataOffsets = false): Problem {
  const moved: Problem = { ...problem, start: problem.start + by, end: problem.end + by };
  if (problem.related) moved.related = problem.related.map((r) => ({ ...r, start: r.start + by, end: r.end + by }));
  if (problem.data) {
    moved.data = { ...problem.data };
    if (dataOffsets) {
      for (const key of ['jsonStart', 'jsonEnd', 'start', 'end']) {
        const value = moved.data[key];
        if (typeof value === 'number') moved.data[key] = value + by;
      }
    }
  }
  if (problem.tags) moved.tags = [...problem.tags];
  return moved;
}

