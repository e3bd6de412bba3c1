// Mocha entry point of the vscode-API suite. @vscode/test-electron calls run() as extensionTestsPath;
// inside code-server the test-harness extension calls it. When PBX_VSCODE_TEST_RESULTS names a file, the
// outcome of every test is written there as JSON (the end-to-end test reads it).
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteTestResult {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

export interface SuiteReport {
  passed: number;
  failed: number;
  tests: SuiteTestResult[];
  /** Set when the suite could not run at all. */
  error?: string;
}

function writeReport(report: SuiteReport): void {
  const file = process.env.PBX_VSCODE_TEST_RESULTS;
  if (file) writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

export function run(): Promise<void> {
  const report: SuiteReport = { passed: 0, failed: 0, tests: [] };
  return new Promise<void>((resolve, reject) => {
    try {
      const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
      for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
        mocha.addFile(path.join(__dirname, file));
      }
      const runner = mocha.run((failures) => {
        writeReport(report);
        if (failures > 0) reject(new Error(`${failures} vscode suite test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => {
        report.passed++;
        report.tests.push({ title: test.fullTitle(), state: 'passed' });
      });
      runner.on('fail', (test, err: Error) => {
        report.failed++;
        report.tests.push({ title: test.fullTitle(), state: 'failed', error: err?.stack ?? String(err) });
      });
    } catch (err) {
      writeReport({ ...report, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      reject(err);
    }
  });
}
