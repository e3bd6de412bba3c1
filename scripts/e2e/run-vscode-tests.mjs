// `npm run test:vscode`: runs the vscode-API mocha suite (test/vscode/suite) in desktop VS Code with
// @vscode/test-electron, the extension loaded from this repository (extensionDevelopmentPath).
// test-electron downloads VS Code on first use, so this needs internet access; on machines that only reach
// the npm registry the same suite runs inside code-server as part of `npm test` (test/e2e/vscode-suite.test.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './config.mjs';
import { compileVscodeSuite } from './harness.mjs';
import { makeWorkspace } from './workspace.mjs';

const temp = await mkdtemp(path.join(tmpdir(), 'pbx-user-csv-vscode-'));
try {
  const extensionTestsPath = await compileVscodeSuite({ log: (line) => console.log(line) });
  const workspace = path.join(temp, 'workspace');
  await makeWorkspace(workspace);
  await runTests({
    version: process.env.PBX_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath,
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under development
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(temp, 'user-data')}`,
    ],
  });
} catch (err) {
  console.error(`test:vscode failed: ${err instanceof Error ? err.message : err}`);
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(String(err))) {
    console.error('@vscode/test-electron could not download VS Code (no internet?). `npm test` runs the same suite in code-server.');
  }
  process.exitCode = 1;
} finally {
  await rm(temp, { recursive: true, force: true });
}
