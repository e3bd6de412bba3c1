// The bin entry starts the bundled server on each transport and answers initialize with its capabilities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from './lspTestClient';

const EXPECTED_SYNC = { openClose: true, change: 2 /* TextDocumentSyncKind.Incremental */ };

test('bin with --stdio answers initialize with incremental sync and the server name', async () => {
  const client = await LspTestClient.start({ transport: 'stdio' });
  try {
    assert.deepEqual(client.initializeResult.capabilities.textDocumentSync, EXPECTED_SYNC);
    assert.deepEqual(client.initializeResult.capabilities.workspace?.workspaceFolders, {
      supported: true,
      changeNotifications: true,
    });
    assert.equal(client.initializeResult.serverInfo?.name, 'pbx-user-csv-language-server');
  } finally {
    await client.stop();
  }
});

test('bin with --node-ipc answers initialize the same way', async () => {
  const client = await LspTestClient.start({ transport: 'node-ipc' });
  try {
    assert.deepEqual(client.initializeResult.capabilities.textDocumentSync, EXPECTED_SYNC);
  } finally {
    await client.stop();
  }
});

test('bin without a transport flag falls back to stdio', async () => {
  const client = await LspTestClient.start({ transport: 'stdio', args: [] });
  try {
    assert.deepEqual(client.initializeResult.capabilities.textDocumentSync, EXPECTED_SYNC);
  } finally {
    await client.stop();
  }
});

test('shutdown then exit ends the process with code 0', async () => {
  const client = await LspTestClient.start();
  await client.stop();
  assert.equal(client.exitCode, 0);
});
