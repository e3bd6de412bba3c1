// The extension seen through the vscode API, in a real extension host: @vscode/test-electron (desktop,
// `npm run test:vscode`) or code-server through the test-harness extension (test/e2e/vscode-suite.test.ts).
// The workspace is a copy of examples/ plus test/e2e/fixtures/. Expected ranges are worked out by hand from
// the example files and the spec.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { until, workspaceFile } from './helpers';

const EXTENSION_ID = 'pbx-user-csv.pbx-user-csv';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const rangeOf = (d: vscode.Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

describe('PBX User CSV through the vscode API', () => {
  it('activates when a CSV file is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await open('portsip-v22-valid.csv');
    await until('the extension to activate', () => (extension.isActive ? true : undefined));
  });

  it('reports the mistakes of portsip-v22-mistakes.csv with rule codes and exact ranges', async () => {
    const document = await open('portsip-v22-mistakes.csv');
    const diagnostics = await until('diagnostics for portsip-v22-mistakes.csv', () => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    });
    // Line 3 (0-based 2) is `user2,yes,...`: `yes` is not TRUE/FALSE, characters 6–9.
    const boolean = diagnostics.find((d) => codeOf(d) === 'value-boolean');
    assert.ok(boolean, `no value-boolean among ${diagnostics.map(codeOf).join(', ')}`);
    assert.deepEqual(rangeOf(boolean), [2, 6, 2, 9]);
    assert.equal(boolean.severity, vscode.DiagnosticSeverity.Error);
    // Line 5 (0-based 4) starts with the reserved user name `admin`, characters 0–5.
    const reserved = diagnostics.find((d) => codeOf(d) === 'value-reserved');
    assert.ok(reserved, `no value-reserved among ${diagnostics.map(codeOf).join(', ')}`);
    assert.deepEqual(rangeOf(reserved), [4, 0, 4, 5]);
    assert.equal(reserved.severity, vscode.DiagnosticSeverity.Error);
    // Secrets of the file never appear in a message.
    for (const d of diagnostics) assert.ok(!d.message.includes('Vt9#qLm2$w') && !d.message.includes('Hq7!xR4pz%'), d.message);
  });

  it('gives a CSV that is not a user import no diagnostics', async () => {
    const other = await open('not-users.csv');
    // Let the server prove it is working on a user CSV opened after it, then give it a moment more.
    const mistakes = await open('portsip-v16-mistakes.csv');
    await until('diagnostics for portsip-v16-mistakes.csv', () =>
      vscode.languages.getDiagnostics(mistakes.uri).length > 0 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.deepEqual(vscode.languages.getDiagnostics(other.uri), []);
  });
});
