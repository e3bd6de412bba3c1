// Which files `validate` checks: directories walked for *.csv, globs, explicit files; other CSVs stay silent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTree, runCli } from './helpers';

const UNRELATED = 'city,population\nLyon,522000\n';

function checkedPaths(stdout: string): string[] {
  return (JSON.parse(stdout) as { files: Array<{ path: string }> }).files.map((file) => file.path);
}

describe('file discovery', () => {
  const folder = makeTree({
    'exports/x.csv': UNRELATED,
    'exports/b/y.CSV': UNRELATED,
    'exports/notes.txt': UNRELATED,
    'exports/node_modules/pkg/z.csv': UNRELATED,
    'exports/.git/w.csv': UNRELATED,
    'top.csv': UNRELATED,
  });

  test('a directory is walked for *.csv in any case, sorted, skipping node_modules and .git', () => {
    const run = runCli(['validate', '--format', 'json', 'exports'], folder);
    assert.equal(run.status, 0);
    assert.deepEqual(checkedPaths(run.stdout), ['exports/b/y.CSV', 'exports/x.csv']);
  });

  test('no operand: the current directory', () => {
    const run = runCli(['validate', '--format', 'json'], folder);
    assert.equal(run.status, 0);
    assert.deepEqual(checkedPaths(run.stdout), ['exports/b/y.CSV', 'exports/x.csv', 'top.csv']);
  });

  test('a glob is matched below its base directory (case-sensitive, node_modules skipped)', () => {
    const run = runCli(['validate', '--format', 'json', 'exports/**/*.csv'], folder);
    assert.equal(run.status, 0);
    assert.deepEqual(checkedPaths(run.stdout), ['exports/x.csv']);
  });

  test('a file named explicitly is checked whatever its extension', () => {
    const run = runCli(['validate', '--format', 'json', 'exports/notes.txt'], folder);
    assert.equal(run.status, 0);
    assert.deepEqual(checkedPaths(run.stdout), ['exports/notes.txt']);
  });

  test('a file reached twice is checked once', () => {
    const run = runCli(['validate', '--format', 'json', 'top.csv', '.', './top.csv'], folder);
    assert.equal(run.status, 0);
    assert.deepEqual(checkedPaths(run.stdout), ['top.csv', 'exports/b/y.CSV', 'exports/x.csv']);
  });

  test('CSVs that are not user CSVs print nothing but the summary', () => {
    const run = runCli(['validate', 'exports'], folder);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '2 files: 0 user CSVs, 0 with errors — 0 errors, 0 warnings\n');
    assert.equal(run.stderr, '');
  });

  test('an unrelated CSV that is not UTF-8 stays silent too', () => {
    const latin1 = makeTree({ 'cities.csv': Buffer.from('city,population\nB\xe9ziers,80000\n', 'latin1') });
    const run = runCli(['validate', 'cities.csv'], latin1);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '1 file: 0 user CSVs, 0 with errors — 0 errors, 0 warnings\n');
  });
});
