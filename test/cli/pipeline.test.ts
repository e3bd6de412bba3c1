// runValidate with a hand-made core: what the CLI itself adds around the core (bytes passed through, not-utf8,
// ordering, --quiet, --max-warnings, --max-problems, exit codes), independent of the real rules.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NULL_LANGUAGE_SERVICE, type LanguageService, type Problem, type RuleId, type ValidateOptions } from '../../server/src/service';
import type { ValidateCommand } from '../../server/src/cli/args';
import { runValidate } from '../../server/src/cli/validate';
import { makeTree } from './helpers';

/** Files whose header starts with `fake_user` (or any file, with --dialect) are user CSVs; each `BAD` is an error, each `WARN` a warning. */
function fakeCore() {
  const calls: Array<{ text: string; options?: ValidateOptions }> = [];
  const service: LanguageService = {
    ...NULL_LANGUAGE_SERVICE,
    validate(text, options) {
      calls.push({ text, options });
      if (text.startsWith('crash')) throw new Error('core bug');
      const forced = options?.dialect !== undefined && options.dialect !== 'none';
      const detected = forced || text.replace(/^\ufeff/, '').startsWith('fake_user');
      if (!detected) return { problems: [] };
      const problems: Problem[] = [];
      for (let at = text.search(/BAD|WARN/); at >= 0; ) {
        const word = text.startsWith('BAD', at) ? 'BAD' : 'WARN';
        problems.push({ rule: (word === 'BAD' ? 'fake-bad' : 'fake-warn') as RuleId, severity: word === 'BAD' ? 'error' : 'warning', message: `${word.toLowerCase()} value`, start: at, end: at + word.length });
        const next = text.slice(at + 1).search(/BAD|WARN/);
        at = next < 0 ? -1 : at + 1 + next;
      }
      return { dialect: { id: 'fake', label: 'Fake users', guessed: false }, problems };
    },
    dialects: () => [{ id: 'fake', label: 'Fake users', description: 'test dialect' }],
  };
  return { service, calls };
}

const TOOL = { name: 'pbx-user-csv', version: '0.0.0-test', informationUri: 'https://example.org/' };

async function run(cwd: string, overrides: Partial<ValidateCommand> = {}) {
  const { service, calls } = fakeCore();
  let stdout = '';
  let stderr = '';
  const command: ValidateCommand = { kind: 'validate', operands: ['.'], dialectFiles: [], format: 'text', quiet: false, ...overrides };
  const status = await runValidate(command, service, TOOL, {
    cwd,
    stdout: (chunk) => (stdout += chunk),
    stderr: (chunk) => (stderr += chunk),
  });
  return { status, stdout, stderr, calls };
}

describe('validate pipeline around the core', () => {
  test('problems come out with 1-based line:col, after the dialect line, then the summary', async () => {
    const folder = makeTree({ 'a.csv': 'fake_user,x\nBAD,WARN\nok,BAD\n' });
    const result = await run(folder);
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

  test('the core receives the BOM as U+FEFF, invalid bytes as U+FFFD, and where the first invalid byte was', async () => {
    const folder = makeTree({ 'a.csv': Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0x62, 0xc3, 0x0a]) });
    const result = await run(folder);
    assert.equal(result.calls.length, 1);
    assert.equal(result.calls[0].text, '\ufeffa\nb\ufffd\n');
    assert.deepEqual(result.calls[0].options?.encoding, { name: 'UTF-8', firstInvalidByte: { byteOffset: 6, textOffset: 4 } });
  });

  test('a valid UTF-8 file: the core is told so, whatever U+FFFD characters it holds', async () => {
    const result = await run(makeTree({ 'a.csv': 'fake_user\nLyon \ufffd\n' }));
    assert.deepEqual(result.calls[0].options?.encoding, { name: 'UTF-8' });
  });

  test('a UTF-16 file is decoded as UTF-16, and the core is told', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('fake_user\nBAD\n', 'utf16le')]);
    const result = await run(makeTree({ 'a.csv': utf16 }));
    assert.equal(result.calls[0].text, '\ufefffake_user\nBAD\n');
    assert.deepEqual(result.calls[0].options?.encoding, { name: 'UTF-16LE' });
  });

  test('a core crash on one file: reported, the other files still checked, exit 2', async () => {
    const result = await run(makeTree({ 'a.csv': 'crash\n', 'b.csv': 'fake_user\nBAD\n' }));
    assert.equal(result.stderr, 'pbx-user-csv: cannot check "a.csv": internal error: core bug\n');
    assert.match(result.stdout, /^b\.csv:2:1: error bad value \[fake-bad\]$/m);
    assert.match(result.stdout, /^2 files: 1 user CSV, 1 with errors, 1 unreadable — 1 error, 0 warnings$/m);
    assert.equal(result.status, 2);
  });

  test('--max-problems reaches the core as settings.maxProblems; no flag, no setting', async () => {
    const folder = makeTree({ 'a.csv': 'fake_user\n' });
    assert.deepEqual((await run(folder, { maxProblems: 7 })).calls[0].options?.settings, { maxProblems: 7 });
    assert.deepEqual((await run(folder)).calls[0].options?.settings, {});
  });

  test('warnings: exit 0, or 1 past --max-warnings; --quiet hides them but they still count', async () => {
    const folder = makeTree({ 'a.csv': 'fake_user\nWARN,WARN\n' });
    assert.equal((await run(folder)).status, 0);
    assert.equal((await run(folder, { maxWarnings: 2 })).status, 0);
    const over = await run(folder, { maxWarnings: 1 });
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 'pbx-user-csv: 2 warnings, more than --max-warnings 1\n');
    const quiet = await run(folder, { quiet: true, maxWarnings: 1 });
    assert.equal(quiet.stdout, '1 file: 1 user CSV, 0 with errors — 0 errors, 2 warnings\n');
    assert.equal(quiet.status, 1);
  });

  test('--quiet in JSON keeps errors only in "problems", counts unchanged', async () => {
    const result = await run(makeTree({ 'a.csv': 'fake_user\nBAD,WARN\n' }), { quiet: true, format: 'json' });
    const [file] = JSON.parse(result.stdout).files;
    assert.deepEqual(file.problems.map((p: { rule: string }) => p.rule), ['fake-bad']);
    assert.equal(file.warningCount, 1);
  });
});
