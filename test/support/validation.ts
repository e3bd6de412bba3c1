// Small helpers for validation tests: one shared language service, problems with line/character
// ranges, and locating expected ranges by searching the test's own input text.
import assert from 'node:assert/strict';
import { LineIndex, type LanguageService, type ParsedDocument, type Problem, type ValidateOptions } from '../../server/src/service/index';
import { createNodeLanguageService } from '../../server/src/node/resources';

let shared: LanguageService | undefined;

/** The built-in dialects, loaded once for all tests. */
export function service(): LanguageService {
  shared ??= createNodeLanguageService();
  return shared;
}

/** The document the editing features work on: `text` seen through the dialect `dialectId` (forced). */
export function parsed(text: string, dialectId: string, from: LanguageService = service()): ParsedDocument {
  const document = from.parse(text, { dialect: dialectId });
  assert.ok(document, `no document for dialect ${dialectId}`);
  assert.equal(document.dialect.id, dialectId, `dialect ${dialectId} is not loaded`);
  return document;
}

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface LocatedProblem extends Problem {
  range: Range;
}

/** Validates `text` and gives each problem its line/character range. */
export function check(text: string, options?: ValidateOptions): LocatedProblem[] {
  const index = new LineIndex(text);
  return service()
    .validate(text, options)
    .problems.map((p) => ({ ...p, range: index.rangeOf(p) }));
}

/** The problems of one rule. */
export function byRule(problems: LocatedProblem[], rule: string): LocatedProblem[] {
  return problems.filter((p) => p.rule === rule);
}

/** Exactly one problem of `rule`; fails the test otherwise. */
export function single(problems: LocatedProblem[], rule: string): LocatedProblem {
  const found = byRule(problems, rule);
  assert.equal(found.length, 1, `expected one ${rule}, got ${found.length}: ${JSON.stringify(problems.map((p) => [p.rule, p.message]))}`);
  return found[0];
}

/** Line/character range of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" occurs fewer than ${occurrence + 1} times in the test text`);
  }
  return new LineIndex(text).rangeOf({ start: at, end: at + needle.length });
}

/** A range on one line, written by hand. */
export function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** A CSV text from rows of cells (no quoting; the tests write quotes themselves when needed). */
export function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** Rule ids of errors and warnings only (the "must be clean" level). */
export function errorsAndWarnings(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
}

/**
 * The editing features of a text as an editor gets them: through a session of the text (its dialect
 * detected, or forced by `options`); nothing (no symbols, hover or fixes) when it is not a user CSV.
 */
export function editorOf(text: string, options: ValidateOptions = {}, from: LanguageService = service()) {
  const session = from.openDocument(text, options);
  const result = session.validate()!;
  const document = session.document();
  return {
    problems: result.problems,
    symbols: () => (document ? from.documentSymbols(document) : { symbols: [], omitted: 0 }),
    hover: (offset: number) => (document ? from.hover(document, offset) : undefined),
    codeActions: (problems: readonly Problem[]) => (document ? from.codeActions(document, problems, () => result.problems) : []),
  };
}

/** A session of `before` told one insertion at `at`, validated: what an editor shows after typing it. */
export function typed(before: string, at: number, inserted: string, options: ValidateOptions = {}, from: LanguageService = service()): Problem[] {
  const session = from.openDocument(before, options);
  session.validate();
  session.update([{ start: at, end: at, text: inserted }]);
  return session.validate()!.problems;
}
