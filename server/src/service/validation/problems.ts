// The settings applied to found problems: severity overrides (by rule id, `off` drops), document order,
// and the cap on how many are shown (a last note tells how many more there are).
import type { Problem, Severity, Span, ValidationSettings } from '../types';

/** The order of problems: by start, then end (Array.prototype.sort is stable: equal ones keep their order). */
export function byPosition(a: Problem, b: Problem): number {
  return a.start - b.start || a.end - b.end;
}

/** Whether the settings turn a rule off. */
export function isOff(rule: string, settings: ValidationSettings): boolean {
  const overrides = settings.severityOverrides;
  return Object.prototype.hasOwnProperty.call(overrides, rule) && overrides[rule] === 'off';
}

/** The problem with the severity the settings give its rule; undefined when they turn the rule off. */
export function withOverride(problem: Problem, settings: ValidationSettings): Problem | undefined {
  const overrides = settings.severityOverrides;
  const override = Object.prototype.hasOwnProperty.call(overrides, problem.rule) ? overrides[problem.rule] : undefined;
  if (override === 'off') return undefined;
  return override ? { ...problem, severity: override as Severity } : problem;
}

/**
 * Collects the problems to show, in order, group by group (a group: the problems of one record): the first
 * maxProblems and one more are made (the note about the rest sits on that one); past them, problems are
 * only counted.
 */
export class ProblemSink {
  private readonly kept: Problem[] = [];
  private total = 0;
  private readonly wanted: number;

  constructor(private readonly settings: ValidationSettings) {
    this.wanted = Math.max(0, Math.floor(settings.maxProblems)) + 1;
  }

  /** True once enough problems are kept: the next ones are only counted. */
  get full(): boolean {
    return this.kept.length >= this.wanted;
  }

  /** One group of problems in the order they were found: those the settings keep are sorted (stable) and added. */
  add(group: readonly Problem[]): void {
    const shown: Problem[] = [];
    for (const problem of group) {
      const kept = withOverride(problem, this.settings);
      if (kept) shown.push(kept);
    }
    shown.sort(byPosition);
    for (const problem of shown) this.kept.push(problem);
    this.total += shown.length;
  }

  /** Problems past the shown ones, counted only. */
  count(problems: number): void {
    this.total += problems;
  }

  /** The problems to show: the first maxProblems, then a note when there were more. */
  result(): Problem[] {
    const max = this.wanted - 1;
    if (this.total <= max) return this.kept;
    const firstDropped = this.kept[max];
    const shown = this.kept.slice(0, max);
    shown.push({
      rule: 'too-many-problems',
      severity: 'information',
      start: firstDropped.start,
      end: firstDropped.end,
      message: `Too many problems: showing the first ${max} of ${this.total}. Fix these, or raise the maximum number of problems in the settings, to see the rest.`,
      data: { shown: max, total: this.total },
    });
    return shown;
  }
}

/** A copy of a problem kept relative to its record, moved to where the record is now. */
export function moved(problem: Problem, by: number): Problem {
  const copy: Problem = { ...problem, start: problem.start + by, end: problem.end + by };
  if (problem.related) copy.related = problem.related.map((r) => ({ ...r, start: r.start + by, end: r.end + by }));
  if (problem.data) copy.data = { ...problem.data };
  if (problem.tags) copy.tags = [...problem.tags];
  return copy;
}

export function shifted(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}
