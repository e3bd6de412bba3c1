// runValidate with a hand-made core: what the CLI itself adds around the core (bytes passed through, not-utf8,
// ordering, --quiet, --max-warnings, --max-problems, exit codes), independent of the real rules.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LanguageService, Problem, ValidateOptions } from '../../server/src/service';
import type { ValidateCommand } from '../../server/src/cli/args';
import { runValidate } from '../../server/src/cli/validate';
import { makeTree } from './helpers';

/** Files whose header starts with `fake_user` (or any file, with --dialect) are user CSVs; each `BAD` is an error, each `WARN` a warning,
 * reported in reverse order to check that the CLI sorts them. */
function fakeCore() {
  const calls: Array<{ text: string; options?: ValidateOptions }> = [];
  const service: LanguageService = {
    validate(text, options) {
      calls.push({ text, options });
      if (text.startsWith('crash')) throw new Error('core bug');
      const forced = options?.dialect !== undefined && options.dialect !== 'none';
      const detected = forced || text.replace(/^\ufeff/, '').startsWith('fake_user');
      if (!detected) return { problems: [] };
      const problems: Problem[] = [];
      for (const [word, severity, rule] of [['BAD', 'error', 'fake-bad'], ['WARN', 'warning', 'fake-warn']] as const) {
        for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
          problems.push({ rule, severity, message: `${word.toLowerCase()} value`, start: at, end: at + word.length });
        }
      }
      // Like the real core, which sees only text: any U+FFFD counts as an undecodable byte.
      const replacement = text.indexOf('\ufffd');
      if (replacement >= 0) {
        problems.push({ rule: 'not-utf8', severity: 'error', message: 'core says: not UTF-8', start: replacement, end: replacement + 1 });
      }
      return { dialect: { id: 'fake', label: 'Fake users', guessed: false }, problems: problems.reverse() };
    },
    detect: () => undefined,
    dialects: () => [{ id: 'fake', label: 'Fake users', description: 'test dialect' }],
  };
  return { service, calls };
}

const TOOL = { name: 'pbx-user-csv', version: '0.0.0-test', informationUri: 'https://example.org/' };

function run(cwd: string, overrides: Partial<ValidateCommand> = {}) {
  const { service, calls } = fakeCore();
  let stdout = '';
  let stderr = '';
  const command: ValidateCommand = { kind: 'validate', operands: ['.'], dialectFiles: [], format: 'text', quiet: false, ...overrides };
  const status = runValidate(command, service, TOOL, {
    cwd,
    stdout: (chunk) => (stdout += chunk),
    stderr: (chunk) => (stderr += chunk),
  });
  return { status, stdout, stderr, calls };
}

describe('validate pipeline around the core', () => {
  test('problems come out sorted by position with 1-based line:col', () => {
    const folder = makeTree({ 'a.csv': 'fake_user,x\nBAD,WARN\nok,BAD\n' });
    const result = run(folder);
    assert.equal(
      result.stdout,
      [
        'a.csv: dialect fake (Fake users)',
        'a.csv:2:1: error bad value [fake-bad]',
        'a.csv:2:5: warning warn value [fake-warn]',
        'a.csv:3:4: error bad value [fake-bad]',
        '1 file: 1 user CSV, 1 with errors — 2 errors, 1 warning',
        '',
      ].join('\n'),
    );
    assert.equal(result.status, 1);
  });

  test('the core receives the BOM as U+FEFF and invalid bytes as U+FFFD', () => {
    const folder = makeTree({ 'a.csv': Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0x62, 0xc3, 0x0a]) });
    const result = run(folder);
    assert.equal(result.calls.length, 1);
    assert.equal(result.calls[0].text, '\ufeffa\nb\ufffd\n');
  });

  test('not-utf8 is an error of a user CSV, placed among the core problems by position', () => {
    const bytes = Buffer.concat([Buffer.from('fake_user\nBAD\nZo\u00eb '), Buffer.from([0xe9]), Buffer.from('\nWARN\n')]);
    const result = run(makeTree({ 'a.csv': bytes }));
    assert.deepEqual(result.stdout.split('\n').slice(1, 4), [
      'a.csv:2:1: error bad value [fake-bad]',
      'a.csv:3:5: error The file is not valid UTF-8 (first invalid byte at byte offset 19); save it as UTF-8: the importer reads UTF-8 only [not-utf8]',
      'a.csv:4:1: warning warn value [fake-warn]',
    ]);
    assert.equal(result.status, 1);
  });

  test("the core's own not-utf8 is replaced by the byte-exact one, not doubled", () => {
    const bytes = Buffer.concat([Buffer.from('fake_user\n\ufffd,'), Buffer.from([0xff]), Buffer.from('\n')]);
    const result = run(makeTree({ 'a.csv': bytes }));
    assert.deepEqual(result.stdout.split('\n').slice(1), [
      'a.csv:2:3: error The file is not valid UTF-8 (first invalid byte at byte offset 14); save it as UTF-8: the importer reads UTF-8 only [not-utf8]',
      '1 file: 1 user CSV, 1 with errors — 1 error, 0 warnings',
      '',
    ]);
  });

  test('a valid UTF-8 file that contains U+FFFD itself is not reported as not UTF-8', () => {
    const result = run(makeTree({ 'a.csv': 'fake_user\nLyon \ufffd\n' }));
    assert.equal(result.stdout, 'a.csv: dialect fake (Fake users)\n1 file: 1 user CSV, 0 with errors — 0 errors, 0 warnings\n');
    assert.equal(result.status, 0);
  });

  test('not-utf8 is not reported for a CSV that is not a user CSV…', () => {
    const result = run(makeTree({ 'a.csv': Buffer.from([0x78, 0x0a, 0xff, 0x0a]) }));
    assert.equal(result.stdout, '1 file: 0 user CSVs, 0 with errors — 0 errors, 0 warnings\n');
    assert.equal(result.status, 0);
  });

  test('…unless --dialect says it is one', () => {
    const result = run(makeTree({ 'a.csv': Buffer.from([0x78, 0x0a, 0xff, 0x0a]) }), { dialect: 'fake' });
    assert.match(result.stdout, /^a\.csv:2:1: error The file is not valid UTF-8 \(first invalid byte at byte offset 2\)/m);
    assert.equal(result.calls[0].options?.dialect, 'fake');
    assert.equal(result.status, 1);
  });

  test('a core crash on one file: reported, the other files still checked, exit 2', () => {
    const result = run(makeTree({ 'a.csv': 'crash\n', 'b.csv': 'fake_user\nBAD\n' }));
    assert.equal(result.stderr, 'pbx-user-csv: cannot check "a.csv": internal error: core bug\n');
    assert.match(result.stdout, /^b\.csv:2:1: error bad value \[fake-bad\]$/m);
    assert.match(result.stdout, /^2 files: 1 user CSV, 1 with errors, 1 unreadable — 1 error, 0 warnings$/m);
    assert.equal(result.status, 2);
  });

  test('--max-problems reaches the core as settings.maxProblems; no flag, no setting', () => {
    const folder = makeTree({ 'a.csv': 'fake_user\n' });
    assert.deepEqual(run(folder, { maxProblems: 7 }).calls[0].options?.settings, { maxProblems: 7 });
    assert.deepEqual(run(folder).calls[0].options?.settings, {});
  });

  test('warnings: exit 0, or 1 past --max-warnings; --quiet hides them but they still count', () => {
    const folder = makeTree({ 'a.csv': 'fake_user\nWARN,WARN\n' });
    assert.equal(run(folder).status, 0);
    assert.equal(run(folder, { maxWarnings: 2 }).status, 0);
    const over = run(folder, { maxWarnings: 1 });
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 'pbx-user-csv: 2 warnings, more than --max-warnings 1\n');
    const quiet = run(folder, { quiet: true, maxWarnings: 1 });
    assert.equal(quiet.stdout, '1 file: 1 user CSV, 0 with errors — 0 errors, 2 warnings\n');
    assert.equal(quiet.status, 1);
  });

  test('--quiet in JSON keeps errors only in "problems", counts unchanged', () => {
    const result = run(makeTree({ 'a.csv': 'fake_user\nBAD,WARN\n' }), { quiet: true, format: 'json' });
    const [file] = JSON.parse(result.stdout).files;
    assert.deepEqual(file.problems.map((p: { rule: string }) => p.rule), ['fake-bad']);
    assert.equal(file.warningCount, 1);
  });
});
