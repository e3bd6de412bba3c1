// Command-line surface: help, version, usage errors and unreadable input (exit code 2, message on stderr).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, repoRoot, runCli } from './helpers';

const manifestVersion: string = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;

describe('pbx-user-csv help and version', () => {
  test('--help prints the usage on stdout and exits 0', () => {
    const run = runCli(['--help'], repoRoot);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: pbx-user-csv <command> \[options\]\n/);
    assert.match(run.stdout, /validate \[paths\|globs\.\.\.\]/);
    assert.match(run.stdout, /--max-warnings N/);
    assert.equal(run.stderr, '');
  });

  test('validate --help is help too, not a run', () => {
    const run = runCli(['validate', '--help'], repoRoot);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: pbx-user-csv/);
  });

  test('--version prints the package version', () => {
    const run = runCli(['--version'], repoRoot);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${manifestVersion}\n`);
  });

  test('no arguments: usage on stderr, exit 2', () => {
    const run = runCli([], repoRoot);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^Usage: pbx-user-csv/);
  });
});

describe('pbx-user-csv usage errors exit 2 with a message', () => {
  const folder = makeTree({ 'users.csv': 'a,b\n1,2\n' });
  const cases: Array<[string, string[], string]> = [
    ['unknown option', ['validate', '--frobnicate', 'users.csv'], 'pbx-user-csv: unknown option --frobnicate'],
    ['unknown command', ['check', 'users.csv'], 'pbx-user-csv: unknown command "check": expected "validate" or "dialects"'],
    ['unknown format', ['validate', '--format', 'xml', 'users.csv'], 'pbx-user-csv: --format must be one of text, json, sarif, found "xml"'],
    ['option without its value', ['validate', 'users.csv', '--format'], 'pbx-user-csv: --format needs a value'],
    ['value swallowed by the next option', ['validate', '--format', '--quiet'], 'pbx-user-csv: --format needs a value'],
    ['--max-warnings not a number', ['validate', '--max-warnings', 'many', 'users.csv'], 'pbx-user-csv: --max-warnings needs a whole number ≥ 0, found "many"'],
    ['--max-problems negative', ['validate', '--max-problems=-1', 'users.csv'], 'pbx-user-csv: --max-problems needs a whole number ≥ 0, found "-1"'],
    ['--max-warnings negative, as its own argument', ['validate', '--max-warnings', '-1', 'users.csv'], 'pbx-user-csv: --max-warnings needs a whole number ≥ 0, found "-1"'],
    ['--max-problems negative, as its own argument', ['validate', 'users.csv', '--max-problems', '-5'], 'pbx-user-csv: --max-problems needs a whole number ≥ 0, found "-5"'],
    ['flag given a value', ['validate', '--quiet=yes', 'users.csv'], 'pbx-user-csv: --quiet does not take a value'],
    ['validate-only option on dialects', ['dialects', '--quiet'], 'pbx-user-csv: --quiet applies only to "validate"'],
    ['sarif for dialects', ['dialects', '--format', 'sarif'], 'pbx-user-csv: --format for "dialects" must be text or json, found "sarif"'],
  ];
  for (const [name, args, message] of cases) {
    test(name, () => {
      const run = runCli(args, folder);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `${message}\nRun "pbx-user-csv --help" for usage.\n`);
    });
  }
});

describe('a reader that goes away', () => {
  test('validate … | head -1: the output ends quietly, the exit code still says errors were found', async () => {
    // 20,000 errors: far more output than a pipe holds, so the writes go on after the reader is gone.
    const rows = ['entity_id,firstname'];
    for (let i = 0; i < 20_000; i++) rows.push(`x,User${i}`);
    const folder = makeTree({ 'users.csv': rows.join('\n') + '\n' });
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'pbx-user-csv.js'), 'validate', '--max-problems', '100000', 'users.csv'], { cwd: folder });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy(); // like head -1 after its line
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(stderr, '');
    assert.equal(status, 1);
  });
});

describe('pbx-user-csv unreadable input exits 2', () => {
  const folder = makeTree({ 'users.csv': 'a,b\n1,2\n', 'empty/readme.txt': 'no csv here\n' });

  test('missing file: message, nothing validated', () => {
    const run = runCli(['validate', 'users.csv', 'missing.csv'], folder);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'pbx-user-csv: cannot read "missing.csv": no such file or directory\n');
  });

  test('glob that matches nothing', () => {
    const run = runCli(['validate', 'exports/**/*.csv'], folder);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'pbx-user-csv: no files match "exports/**/*.csv"\n');
  });

  test('missing dialect file', () => {
    const run = runCli(['validate', '--dialect-file', 'custom.dialect.json', 'users.csv'], folder);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'pbx-user-csv: cannot read dialect file "custom.dialect.json": no such file or directory\n');
  });

  test('dialect files that are not regular files of at most 5 MB are refused, saying what they are', () => {
    const special = makeTree({ 'users.csv': 'a,b\n1,2\n', 'folder.dialect.json/readme.txt': 'x', 'huge.dialect.json': ' '.repeat(12 * 1024 * 1024) });
    execFileSync('mkfifo', [path.join(special, 'pipe.dialect.json')]);
    const cases: Array<[string, string]> = [
      ['pipe.dialect.json', 'is a FIFO, not a regular file'],
      ['/dev/zero', 'is a character device, not a regular file'],
      ['folder.dialect.json', 'is a directory, not a regular file'],
      ['huge.dialect.json', 'is 12 MB, more than the 5 MB limit'],
    ];
    for (const [file, why] of cases) {
      const run = runCli(['validate', '--dialect-file', file, 'users.csv'], special);
      assert.equal(run.status, 2, file);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `pbx-user-csv: cannot read dialect file "${file}": ${why}\n`);
    }
  });

  test('a dialect file whose JSON Schema is missing or not a schema: exit 2, naming the file, the column and the schema', () => {
    const dialect = (schema: string) =>
      JSON.stringify({ id: 'codes', label: 'Codes', description: 'd', extends: 'xivo', columns: [{ name: 'codes', type: 'json', jsonSchema: schema }] });
    const folder = makeTree({
      'users.csv': 'entity_id,firstname,codes\n1,Jim,"[1]"\n',
      'missing.dialect.json': dialect('nowhere.schema.json'),
      'wrong.dialect.json': dialect('wrong.schema.json'),
      'wrong.schema.json': '{ "type": 12 }',
    });
    const expected: Array<[string, string]> = [
      ['missing.dialect.json', `cannot read the JSON Schema ${path.join(folder, 'nowhere.schema.json')}: no such file`],
      ['wrong.dialect.json', `the JSON Schema ${path.join(folder, 'wrong.schema.json')} is not a valid schema: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf`],
    ];
    for (const [file, why] of expected) {
      const run = runCli(['validate', '--dialect-file', file, 'users.csv'], folder);
      assert.equal(run.status, 2, file);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `pbx-user-csv: invalid dialect file "${file}" at /columns/0/jsonSchema: column "codes": ${why}\n`);
    }
  });

  test('a dialect file the core rejects', () => {
    const bad = makeTree({ 'users.csv': 'a,b\n1,2\n', 'broken.dialect.json': '{ "id": ' });
    const run = runCli(['validate', '--dialect-file', 'broken.dialect.json', 'users.csv'], bad);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^pbx-user-csv: invalid dialect file "broken\.dialect\.json"(?: at \S+)?: .+\n/);
  });

  test('unknown --dialect id', () => {
    const run = runCli(['validate', '--dialect', 'asterisk', 'users.csv'], folder);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^pbx-user-csv: unknown dialect "asterisk"; known dialects: .*\n$/);
  });

  test('something that is neither a file nor a directory (a FIFO)', () => {
    const fifoFolder = makeTree({});
    execFileSync('mkfifo', [path.join(fifoFolder, 'pipe.csv')]);
    const run = runCli(['validate', 'pipe.csv'], fifoFolder);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'pbx-user-csv: cannot read "pipe.csv": not a file or directory\n');
  });

  test('a directory without CSVs is not an error: zero files, exit 0', () => {
    const run = runCli(['validate', 'empty'], folder);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '0 files: 0 user CSVs, 0 with errors — 0 errors, 0 warnings\n');
  });
});

describe('pbx-user-csv dialects', () => {
  const expected = ['portsip-v16', 'portsip-v22', 'wazo', 'xivo', 'xivo-update'];

  test('lists the built-in dialect ids, one per line', () => {
    const run = runCli(['dialects'], repoRoot);
    assert.equal(run.status, 0);
    const ids = run.stdout.split('\n').filter(Boolean).map((line) => line.split(/\s+/)[0]);
    assert.deepEqual([...ids].sort(), expected);
  });

  test('--format json gives id, label and description', () => {
    const run = runCli(['dialects', '--format', 'json'], repoRoot);
    assert.equal(run.status, 0);
    const dialects = JSON.parse(run.stdout) as Array<{ id: string; label: string; description: string }>;
    assert.deepEqual(dialects.map((d) => d.id).sort(), expected);
    for (const dialect of dialects) {
      assert.equal(typeof dialect.label, 'string');
      assert.notEqual(dialect.label, '');
    }
  });
});
