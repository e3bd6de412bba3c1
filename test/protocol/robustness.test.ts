// Bad input from the client costs at most that message: the server keeps answering and validating.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient, summarize } from './lspTestClient';
import { BOOLEAN_ERROR, portsipWith } from './portsipFixture';

const USER_FILE = portsipWith('yes');

async function assertStillServing(client: LspTestClient, uri: string): Promise<void> {
  assert.equal(client.exitCode, null, 'the server process is still running');
  const dialects: unknown = await client.connection.sendRequest('pbxUserCsv/dialects');
  assert.ok(Array.isArray(dialects));
  await client.open(uri, USER_FILE);
  assert.deepEqual(summarize(await client.waitForDiagnostics(uri)), [BOOLEAN_ERROR]);
}

test('an unknown request gets MethodNotFound and the server goes on', async () => {
  const client = await LspTestClient.start();
  try {
    await assert.rejects(client.connection.sendRequest('pbxUserCsv/noSuchThing', { x: 1 }), (error: { code?: number }) => {
      assert.equal(error.code, -32601);
      return true;
    });
    await assertStillServing(client, 'file:///robust/after-unknown.csv');
  } finally {
    await client.stop();
  }
});

test('malformed notifications (missing fields, wrong types) do not stop the server', async () => {
  const client = await LspTestClient.start();
  try {
    const send = (method: string, params: unknown) => client.connection.sendNotification(method, params);
    await send('textDocument/didOpen', {});
    await send('textDocument/didOpen', { textDocument: { uri: 42, text: null } });
    await send('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.csv', version: 3 }, contentChanges: [{ text: 'x' }] });
    await send('textDocument/didClose', { textDocument: {} });
    await send('pbxUserCsv/setDialect', 'not an object');
    await send('pbxUserCsv/setDialect', { uri: 17, dialect: ['portsip-v22'] });
    await send('workspace/didChangeConfiguration', { settings: 'garbage' });
    await assertStillServing(client, 'file:///robust/after-malformed.csv');
  } finally {
    await client.stop();
  }
});

test('settings of the wrong types fall back to the defaults', async () => {
  const client = await LspTestClient.start({
    settings: { rules: 'off', maxNumberOfProblems: 'many', dialects: ['none'], passwordPolicy: 12, formulaInjection: null },
  });
  try {
    await assertStillServing(client, 'file:///robust/bad-settings.csv');
  } finally {
    await client.stop();
  }
});

test('a body that is not JSON does not kill the server', async () => {
  const client = await LspTestClient.start();
  try {
    const body = '{"jsonrpc":"2.0","id":99,"method":';
    client.child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await assertStillServing(client, 'file:///robust/after-garbage.csv');
  } finally {
    await client.stop();
  }
});

test('text that is not CSV at all (binary noise, lone quotes, huge line) is validated without a crash', async () => {
  const client = await LspTestClient.start();
  try {
    const inputs = ['\u0000\u0001\uFFFD"\r\r\n"', '"', 'a,"b\n', 'x'.repeat(200_000), '\uFEFF', ''];
    for (const [i, text] of inputs.entries()) {
      const uri = `file:///robust/noise-${i}.csv`;
      await client.open(uri, text);
      await client.waitForDiagnostics(uri);
    }
    await assertStillServing(client, 'file:///robust/after-noise.csv');
  } finally {
    await client.stop();
  }
});
