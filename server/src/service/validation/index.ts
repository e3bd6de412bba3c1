// Runs every validator over a parsed document for one dialect, then applies the settings: severity
// overrides (by rule id, 'off' drops), a stable order, and the cap on the number of problems.
import type { HeaderReading } from '../detect';
import type { Dialect } from '../dialects/model';
import { createJsonCellChecker, detectUnescapedJson } from '../json/check';
import type { CsvDocument, Problem, Row, Severity, Span, ValidationSettings } from '../types';
import { createCellCheck } from './cells';
import { ValidationRun } from './context';
import { createFormulaCheck } from './formula';
import { checkHeader } from './header';
import { createPolicyCheck } from './policy';
import { createResourceCheck } from './resources';
import { brokenRowTest, checkCsvSyntax, checkDelimiter, checkEncoding, createRowShapeCheck, type RowCheck } from './structure';
import { createUniquenessCheck } from './uniqueness';

export { RULES, RULE_IDS } from './rules';
export { ValidationRun } from './context';
export { checkHeader } from './header';
export { brokenRowTest, checkCsvSyntax, checkDelimiter, checkEncoding, findReplacementCharacters, type RowCheck } from './structure';
export { keyValue, lookupOf, reportDuplicate, uniqueKeys, type UniqueKey } from './uniqueness';

/**
 * The row checks in the order every validation runs them; the uniqueness check (cross-row) runs between
 * `before` and `after`, so that problems on the same span keep one order however they were found.
 */
export function createRowChecks(run: ValidationRun): { before: RowCheck[]; after: RowCheck[] } {
  const defined = (checks: Array<RowCheck | undefined>): RowCheck[] => checks.filter((c): c is RowCheck => c !== undefined);
  return {
    before: defined([createRowShapeCheck(run), createCellCheck(run)]),
    after: defined([createResourceCheck(run), createPolicyCheck(run), createFormulaCheck(run)]),
  };
}

/** Whether rows broken by a pasted JSON document are looked for (the dialect has JSON columns). */
export function looksForPastedJson(dialect: Dialect): boolean {
  return dialect.columns.some((c) => c.type === 'json');
}

export function validateDocument(doc: CsvDocument, dialect: Dialect, header: HeaderReading, settings: ValidationSettings): Problem[] {
  if (doc.rows.length === 0) return [];
  const json = createJsonCellChecker(dialect.id, settings);
  const run = new ValidationRun(doc, dialect, settings, json);
  checkEncoding(run);
  if (checkDelimiter(run, header)) {
    checkCsvSyntax(run, []);
    return applySettings(run.problems, settings);
  }
  checkHeader(run);
  const { before, after } = createRowChecks(run);
  const uniqueness = createUniquenessCheck(run);
  const checks = uniqueness ? [...before, uniqueness, ...after] : [...before, ...after];
  const pasted = looksForPastedJson(dialect) ? createPastedJsonCheck(run) : undefined;
  const suppressed: Span[] = [];
  const isBroken = brokenRowTest(doc);
  const rows = doc.rows;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const last = suppressed[suppressed.length - 1];
    if (last && row.start < last.end) continue;
    const cascade = pasted?.(row);
    if (cascade) {
      suppressed.push(cascade);
      continue;
    }
    run.rowBroken = isBroken(row);
    for (let c = 0; c < checks.length; c++) checks[c](row);
  }
  run.rowBroken = false;
  checkCsvSyntax(run, suppressed);
  for (const problem of json.finish()) run.problems.push(problem);
  return applySettings(run.problems, settings);
}

/**
 * A JSON document pasted without CSV escaping breaks its row into a cascade of CSV errors. Such a row
 * (wrong cell count or a CSV error in it) is reported once by the JSON checker, and the span the pasted
 * JSON covers, possibly several physical rows, is returned so that nothing else is reported there.
 */
function createPastedJsonCheck(run: ValidationRun): (row: Row) => Span | undefined {
  const width = run.header.cells.length;
  const errors = run.doc.errors;
  let nextError = 0;
  return (row) => {
    while (nextError < errors.length && errors[nextError].start < row.start) nextError++;
    const broken = row.cells.length !== width || (nextError < errors.length && errors[nextError].start <= row.end);
    if (!broken) return undefined;
    const problem = detectUnescapedJson(run.doc, row, width);
    if (!problem) return undefined;
    run.problems.push(problem);
    return { start: row.start, end: Math.max(row.end, problem.end) };
  };
}

export function applySettings(problems: Problem[], settings: ValidationSettings): Problem[] {
  const kept: Problem[] = [];
  for (const problem of problems) {
    const shown = withOverride(problem, settings);
    if (shown) kept.push(shown);
  }
  kept.sort(byPosition);
  return capProblems(kept, kept.length, settings);
}

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
 * The first maxProblems of `total` kept problems, then a note when there are more. `kept`: the first kept
 * problems in order, at least maxProblems + 1 of them when total is larger (the note sits on the next one).
 */
export function capProblems(kept: Problem[], total: number, settings: ValidationSettings): Problem[] {
  const max = Math.max(0, Math.floor(settings.maxProblems));
  if (total <= max) return kept;
  const firstDropped = kept[max];
  const shown = kept.slice(0, max);
  shown.push({
    rule: 'too-many-problems',
    severity: 'information',
    start: firstDropped.start,
    end: firstDropped.end,
    message: `Too many problems: showing the first ${max} of ${total}. Fix these, or raise the maximum number of problems in the settings, to see the rest.`,
    data: { shown: max, total },
  });
  return shown;
}
