// Test-only extension installed next to PBX User CSV by test/e2e: code-server cannot start a development
// extension with extensionTestsPath, so this one runs the same mocha suite that @vscode/test-electron runs.
// PBX_VSCODE_TEST_RUNNER (set in code-server's environment, which reaches the extension host) names the
// compiled suite runner; its run() writes the results to PBX_VSCODE_TEST_RESULTS.
exports.activate = function activate() {
  const runner = process.env.PBX_VSCODE_TEST_RUNNER;
  if (!runner) return;
  Promise.resolve()
    .then(() => require(runner).run())
    .catch((err) => console.error('[pbx-user-csv test harness]', err));
};

exports.deactivate = function deactivate() {};
