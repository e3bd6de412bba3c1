// Runs the vscode-API mocha suite (test/vscode/suite) inside code-server's real extension host, through the
// test-harness extension installed next to the packaged .vsix, and checks the results it writes.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openSession } from './support/session';
import type { Session } from './support/session';
import { eventually, waitForWorkbench } from './support/workbench';

interface SuiteReport {
  passed: number;
  failed: number;
  tests: Array<{ title: string; state: 'passed' | 'failed'; error?: string }>;
  error?: string;
}

/** The tests of test/vscode/suite/*.test.ts, by full title. */
const EXPECTED_TESTS = [
  'PBX User CSV through the vscode API activates when a CSV file is opened',
  'PBX User CSV through the vscode API reports the mistakes of portsip-v22-mistakes.csv with rule codes and exact ranges',
  'PBX User CSV through the vscode API gives a CSV that is not a user import no diagnostics',
  'Edit Cell as JSON through the vscode API opens a JSON cell pretty-printed and writes a save back as one undoable edit of the CSV',
  'Edit Cell as JSON through the vscode API refuses to save JSON with a syntax error and leaves the CSV as it was',
  'Edit Cell as JSON through the vscode API refuses to save when the cell changed in the CSV since the tab was opened',
  'Edit Cell as JSON through the vscode API follows the cell when a row is added above it',
  "Edit Cell as JSON through the vscode API opens an empty cell with the schema's starting value, and a save fills the cell",
  "Edit Cell as JSON through the vscode API offers the command in a JSON cell's hover and as a code action, and not in other cells",
  'Edit Cell as JSON through the vscode API says why a cell that is not JSON cannot be edited as JSON',
  "Edit Cell as JSON through the vscode API tells in the tab when an edit of the CSV gives another phone the tab's MAC, and when that is undone",
];

describe('the vscode-API suite inside code-server', { timeout: 40 * 60_000 }, () => {
  let session: Session;
  let resultsFile = '';
  let suiteRunner = '';

  before(
    async () => {
      session = await openSession({
        maxLifetimeMs: 35 * 60_000,
        extraVsix: async (scripts, tempDir) => {
          suiteRunner = await scripts.compileVscodeSuite();
          return [await scripts.packageHarness(path.join(tempDir, 'harness.vsix'))];
        },
        env: (tempDir) => {
          resultsFile = path.join(tempDir, 'vscode-suite-results.json');
          return {
            PBX_VSCODE_TEST_RUNNER: suiteRunner,
            PBX_VSCODE_TEST_RESULTS: resultsFile,
          };
        },
      });
      await waitForWorkbench(session.page, 'portsip-v22-mistakes.csv');
    },
    { timeout: 30 * 60_000 },
  );

  after(async () => {
    await session?.close();
  });

  test('every test of the suite passes in the real extension host', { timeout: 5 * 60_000 }, async () => {
    const report = await eventually(
      `the suite's results in ${resultsFile}`,
      async () => JSON.parse(await readFile(resultsFile, 'utf8')) as SuiteReport,
      4 * 60_000,
    ).catch((err: Error) => {
      err.message += `\n--- code-server output (tail) ---\n${session.log().slice(-4000)}`;
      throw err;
    });
    assert.equal(report.error, undefined, `the suite could not run: ${report.error}`);
    const failures = report.tests.filter((t) => t.state === 'failed');
    assert.deepEqual(failures, [], 'failed tests');
    assert.deepEqual(report.tests.map((t) => t.title).sort(), [...EXPECTED_TESTS].sort());
    assert.equal(report.passed, EXPECTED_TESTS.length);
  });
});
