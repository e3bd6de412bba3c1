// The vscode-API suite (test/vscode) for code-server: compiles it and packages the test-harness extension
// (test/vscode/harness) whose activation runs it. Nothing here is shipped.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './config.mjs';
import { run } from './util.mjs';

export const VSCODE_SUITE_RUNNER = path.join(REPO_ROOT, 'out', 'vscode-test', 'suite', 'index.js');

/** Compiles test/vscode into out/vscode-test (incremental). */
export async function compileVscodeSuite({ log = () => {} } = {}) {
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-b', path.join(REPO_ROOT, 'test', 'vscode', 'tsconfig.json')], { cwd: REPO_ROOT, log, timeoutMs: 5 * 60_000 });
  return VSCODE_SUITE_RUNNER;
}

/** Packages the test-harness extension into `outFile`. */
export async function packageHarness(outFile, { log = () => {} } = {}) {
  await mkdir(path.dirname(outFile), { recursive: true });
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  await run(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', outFile],
    { cwd: path.join(REPO_ROOT, 'test', 'vscode', 'harness'), log, timeoutMs: 3 * 60_000 },
  );
  return outFile;
}
