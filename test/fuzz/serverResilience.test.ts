// Protocol-level robustness: the real language server (bin/pbx-user-csv-language-server.js --stdio, as an
// editor starts it) keeps serving after requests and notifications with bad params, and still publishes the
// right diagnostics for a normal didOpen afterwards. Needs the bundle (`npm run build`, run by `npm test`).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { MessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { PORTSIP_HEADER, portsipRow, repoRoot } from './fuzzSupport';

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  message: string;
}

interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

const SERVER = path.join(repoRoot(), 'bin', 'pbx-user-csv-language-server.js');
const TIMEOUT_MS = 15_000;

describe('the language server keeps serving after bad requests', () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  const published: Published[] = [];
  const listeners: Array<() => boolean> = [];

  function diagnosticsFor(uri: string, version: number): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), TIMEOUT_MS);
      const check = () => {
        const hit = published.find((p) => p.uri === uri && p.version === version);
        if (!hit) return false;
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      if (!check()) listeners.push(check);
    });
  }

  async function expectAnswerOrError(method: string, params: unknown): Promise<void> {
    // Either an error response or a result is fine; what matters is an answer (no hang, no crash).
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        connection.sendRequest(method, params).catch((e: unknown) => e),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${method}: no answer`)), TIMEOUT_MS))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  before(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    server.stderr?.resume();
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      published.push(params);
      for (let i = listeners.length - 1; i >= 0; i--) if (listeners[i]()) listeners.splice(i, 1);
    });
    connection.onRequest(() => null);
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
  });

  after(async () => {
    connection?.dispose();
    server?.kill();
  });

  test('an unknown request gets MethodNotFound, requests with bad params get an answer', async () => {
    const unknown = await connection.sendRequest('pbxUserCsv/noSuchMethod', {}).catch((e: unknown) => e);
    assert.ok(unknown instanceof ResponseError);
    assert.equal(unknown.code, -32601);
    await expectAnswerOrError('textDocument/hover', { textDocument: null, position: 'here' });
    await expectAnswerOrError('textDocument/completion', { textDocument: { uri: 42 }, position: { line: -1, character: 'x' } });
    await expectAnswerOrError('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere.csv' }, range: null, context: null });
    await expectAnswerOrError('pbxUserCsv/dialects', 'not an object');
    // Notifications with bad params: no answer is expected, the server must just survive them.
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.csv', version: 2 }, contentChanges: [{ range: null, text: 5 }] });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///bad-open.csv', languageId: 'csv', version: 1, text: null } });
    await connection.sendNotification('pbxUserCsv/setDialect', null);
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { pbxUserCsv: { maxProblems: 'many', dialects: 7 } } });
    assert.equal(server.exitCode, null, 'server still running');
  });

  test('afterwards a valid file gets empty diagnostics and an invalid boolean exactly one error on its cell', async () => {
    const valid = `${PORTSIP_HEADER}\n${portsipRow(1)}\n${portsipRow(2)}\n`;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///after/valid.csv', languageId: 'csv', version: 1, text: valid } });
    const clean = await diagnosticsFor('file:///after/valid.csv', 1);
    assert.deepEqual(clean.diagnostics.map((d) => d.message), []);

    // Spec: PortSIP booleans are TRUE/FALSE, anything else is an error. Row 2 (line 2), `enabled` is its 2nd cell.
    const invalid = `${PORTSIP_HEADER}\n${portsipRow(1)}\n${portsipRow(2, 'maybe')}\n`;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///after/invalid.csv', languageId: 'csv', version: 1, text: invalid } });
    const { diagnostics } = await diagnosticsFor('file:///after/invalid.csv', 1);
    const start = 'jim_keeny_2,'.length;
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.deepEqual(diagnostics[0].range, { start: { line: 2, character: start }, end: { line: 2, character: start + 'maybe'.length } });
    assert.equal(diagnostics[0].severity, 1);
    assert.match(diagnostics[0].message, /TRUE/);
    assert.match(diagnostics[0].message, /FALSE/);
    assert.equal(server.exitCode, null, 'server still running');
  });
});
