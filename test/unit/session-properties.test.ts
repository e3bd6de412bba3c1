// Property: an editing session's result after any sequence of edits is exactly validate() of the new text
// (a whole-file validation: a session fed the text once), and its document (CSV model, dialect, header) is
// exactly parse() of it. Documents are the example files (and mutations of them); edits insert or delete
// characters, quotes, commas and line breaks, paste or delete rows, edit the header, and now and then change
// the settings or force a dialect. Sessions are edited after a complete validation, after one that stopped
// part-way (shouldYield), or before any. Fixed seeds, bounded runs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { findSchemasDirectory } from '../../server/src/node/resources';
import type { DocumentSession, ParsedDocument, TextChange, ValidateOptions, ValidationResult } from '../../server/src/service/index';
import { dumpRecords } from '../support/csvModel';
import { service } from '../support/validation';

// examples/ sits next to schemas/ at the repository root (found by walking up, also from out/tests/unit).
const folder = path.join(path.dirname(findSchemasDirectory(__dirname)!), 'examples');
const examples = readdirSync(folder)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((f) => readFileSync(path.join(folder, f), 'utf8'));

// ---------------------------------------------------------------- edits

/** Characters and snippets that move record and cell boundaries, break JSON, or matter to a rule. */
const snippets = [
  'x', '7', ' ', '"', '""', ',', '\n', '\r', '\r\n', '\n\n', '{', '}', '[', ']', ':', '@', '=', ';', 'é', '😀',
  '\uFFFD', '\uFEFF', 'TRUE', 'true', '"{""a"":1}"', '{"mac":"80:5e:c0:1a:2b:3d"}', '""serial_number""', '@example.com',
];

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'pasteRow'; from: number; to: number }
  | { kind: 'deleteRow'; line: number }
  | { kind: 'header'; at: number; text: string; remove: number }
  | { kind: 'copyCell'; from: number; to: number }
  | { kind: 'options'; variant: number };

const position = fc.nat({ max: 1_000_000 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.constantFrom(...snippets) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pasteRow' as const), from: position, to: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteRow' as const), line: position }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('header' as const), at: position, text: fc.constantFrom('x', ',', 'uuid', 'sms', '"', ''), remove: fc.integer({ min: 0, max: 4 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('copyCell' as const), from: position, to: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('options' as const), variant: fc.nat({ max: 5 }) }) },
);

/** Offsets of the line starts of `text` (any line break). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

/** Spans of the comma-separated pieces of one line (a rough cell, quotes ignored: any span will do). */
function roughCells(text: string, lineStart: number): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  let start = lineStart;
  for (let i = lineStart; ; i++) {
    const c = text[i];
    if (c === ',' || c === '\n' || c === '\r' || i >= text.length) {
      cells.push([start, i]);
      if (c !== ',') return cells;
      start = i + 1;
    }
  }
}

/** The text change an edit makes in `text` (undefined for an options change). */
function changeOf(edit: Edit, text: string): TextChange | undefined {
  const at = (n: number) => n % (text.length + 1);
  const starts = lineStarts(text);
  switch (edit.kind) {
    case 'insert':
      return { start: at(edit.at), end: at(edit.at), text: edit.text };
    case 'delete': {
      const start = at(edit.at);
      return { start, end: Math.min(text.length, start + edit.length), text: '' };
    }
    case 'pasteRow': {
      const from = starts[edit.from % starts.length];
      const end = starts.find((s) => s > from) ?? text.length;
      const row = text.slice(from, end);
      const to = starts[edit.to % starts.length];
      return { start: to, end: to, text: row.endsWith('\n') || row.endsWith('\r') ? row : `${row}\n` };
    }
    case 'deleteRow': {
      const start = starts[edit.line % starts.length];
      return { start, end: starts.find((s) => s > start) ?? text.length, text: '' };
    }
    case 'header': {
      const headerEnd = starts.length > 1 ? starts[1] - 1 : text.length;
      const start = edit.at % (headerEnd + 1);
      return { start, end: Math.min(headerEnd, start + edit.remove), text: edit.text };
    }
    case 'copyCell': {
      const fromLine = starts[edit.from % starts.length];
      const toLine = starts[edit.to % starts.length];
      const fromCells = roughCells(text, fromLine);
      const toCells = roughCells(text, toLine);
      const [fs, fe] = fromCells[edit.from % fromCells.length];
      const [ts, te] = toCells[edit.from % toCells.length];
      return { start: ts, end: te, text: text.slice(fs, fe) };
    }
    case 'options':
      return undefined;
  }
}

/** Settings and dialect choices the sessions switch between. */
const optionVariants: ValidateOptions[] = [
  {},
  { settings: { maxProblems: 7 } },
  { settings: { formulaInjection: false, severityOverrides: { 'value-boolean': 'off', 'duplicate-value': 'hint' } } },
  { dialect: 'portsip-v16' },
  { dialect: 'xivo-update', settings: { maxProblems: 3 } },
  { dialect: 'none' },
];

/** How the session is told about an edit: the list of changes, the new text, or both. */
type Form = 'changes' | 'text' | 'both';

function apply(session: DocumentSession, text: string, changes: TextChange[], form: Form, options: ValidateOptions | undefined): string {
  let next = text;
  for (const change of changes) next = next.slice(0, change.start) + change.text + next.slice(change.end);
  if (form === 'changes') session.update(changes, options);
  else if (form === 'text') session.update(next, options);
  else session.update({ text: next, changes }, options);
  return next;
}

/**
 * When the session validates before an edit: to the end, part-way (asked to yield at every chance: it stops
 * after the first scan step or the first few records checked, and goes on at the next call), or not at all.
 */
type Before = 'complete' | 'partial' | 'none';

/** Validates to the end, yielding every `every`-th time it asks (0: never); each call goes on where the last stopped. */
function validateToEnd(session: DocumentSession, every: number): ValidationResult {
  let asked = 0;
  const shouldYield = every > 0 ? () => ++asked % every === 0 : undefined;
  for (let calls = 0; calls < 100_000; calls++) {
    const result = session.validate(shouldYield);
    if (result) {
      assert.equal(session.result, result, 'the result is kept');
      return result;
    }
    assert.equal(session.result, undefined, 'no result while the validation has not run to its end');
  }
  assert.fail('validate() never came to an end');
}

/** The document seen as plain data: the records of its model, its dialect and header, its columns by name. */
function documentData(document: ParsedDocument | undefined): unknown {
  if (!document) return undefined;
  return {
    text: document.model.text,
    errors: document.model.errors(),
    records: dumpRecords(document.model),
    dialect: document.dialect.id,
    header: document.header,
    columns: document.columns.map((c) => c?.name),
  };
}

/** Runs edits on a session, comparing with a full validation (and the document with parse()) after each. */
function checkSequence(initial: string, batches: Edit[][], forms: Form[], before: Before[] = ['complete'], yieldEvery = 0): void {
  let options: ValidateOptions = {};
  let text = initial;
  const session = service().openDocument(text, options);
  if (before[0] !== 'none') assert.deepEqual(validateToEnd(session, yieldEvery), service().validate(text, options), 'after opening');
  batches.forEach((batch, b) => {
    const when = before[(b + 1) % before.length];
    if (when === 'partial') session.validate(() => true);
    else if (when === 'complete') validateToEnd(session, yieldEvery);
    const changes: TextChange[] = [];
    let next = text;
    let newOptions: ValidateOptions | undefined;
    for (const edit of batch) {
      if (edit.kind === 'options') {
        newOptions = optionVariants[edit.variant % optionVariants.length];
        continue;
      }
      const change = changeOf(edit, next);
      if (!change) continue;
      changes.push(change);
      next = next.slice(0, change.start) + change.text + next.slice(change.end);
    }
    if (newOptions) options = newOptions;
    text = apply(session, text, changes, forms[b % forms.length], newOptions);
    assert.equal(session.text, text);
    const expected = service().validate(text, options);
    assert.deepEqual(validateToEnd(session, yieldEvery), expected, `after batch ${b}: ${JSON.stringify(changes)}`);
    assert.deepEqual(documentData(session.document()), documentData(service().parse(text, options)), `document after batch ${b}`);
  });
}

/** A document: an example, maybe cut to its first rows, maybe with a few edits already made. */
const documentArb = fc
  .record({
    example: fc.nat({ max: examples.length - 1 }),
    rows: fc.integer({ min: 1, max: 30 }),
    eol: fc.constantFrom('\n', '\r\n'),
    repeat: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ example, rows, eol, repeat }) => {
    const lines = examples[example].split(/\r\n|\n|\r/);
    const header = lines[0];
    const body = lines.slice(1, rows).filter((l) => l !== '');
    // Repeating the body makes duplicate names, extensions, e-mails and MACs on purpose.
    const all = [header, ...Array.from({ length: repeat }, () => body).flat()];
    return all.join(eol) + eol;
  });

const batchesArb = fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 });
const formsArb = fc.array(fc.constantFrom<Form>('changes', 'text', 'both'), { minLength: 1, maxLength: 3 });
const beforeArb = fc.array(fc.constantFrom<Before>('complete', 'complete', 'partial', 'none'), { minLength: 1, maxLength: 4 });
const yieldArb = fc.constantFrom(0, 0, 1, 2, 5);

describe('session results are identical to a whole-file validation', () => {
  test('on the example files, after random edits (fixed seed)', () => {
    fc.assert(
      fc.property(documentArb, batchesArb, formsArb, (doc, batches, forms) => checkSequence(doc, batches, forms)),
      { seed: 20240611, numRuns: 120 },
    );
  });

  test('edited after complete, part-way or no validation, validating in steps (fixed seed)', () => {
    fc.assert(
      fc.property(documentArb, batchesArb, formsArb, beforeArb, yieldArb, (doc, batches, forms, before, every) =>
        checkSequence(doc, batches, forms, before, every),
      ),
      { seed: 20261202, numRuns: 120 },
    );
  });

  test('on structurally broken documents: quotes, commas and line breaks only (fixed seed)', () => {
    const brokenEdit: fc.Arbitrary<Edit> = fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.constantFrom('"', ',', '\n', '\r', '"{', '}"', '""') });
    fc.assert(
      fc.property(documentArb, fc.array(fc.array(brokenEdit, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 12 }), (doc, batches) =>
        checkSequence(doc, batches, ['changes']),
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  test('each example file, typed in again character by character from an empty document', () => {
    for (const example of examples.slice(0, 3)) {
      const short = example.slice(0, 700);
      const session = service().openDocument('');
      assert.deepEqual(session.validate(), { problems: [] });
      for (let i = 0; i < short.length; i += 37) {
        const piece = short.slice(i, i + 37);
        session.update([{ start: i, end: i, text: piece }]);
        assert.deepEqual(session.validate(), service().validate(short.slice(0, i + piece.length)));
      }
    }
  });
});
