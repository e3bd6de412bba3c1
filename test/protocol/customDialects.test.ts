// Custom dialect files over LSP: loaded from `pbxUserCsv.customDialects`, reloaded when the file changes
// on disk (no settings change needed), errors shown once, and ignored from workspace settings while the
// workspace is not trusted. The server runs in process with the real core.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer as startLspServer } from '../../server/src/lsp/server';
import { nodePlatform } from '../../server/src/node/platform';
import { LspTestClient, summarize, waitForDialect } from './lspTestClient';
import type { StartOptions } from './lspTestClient';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A standalone dialect detected by its `acme_id` column; `idType` is that column's type. */
const acmeDialect = (idType: 'integer' | 'string') =>
  JSON.stringify({
    id: 'acme',
    label: 'ACME PBX',
    description: 'Test dialect',
    detection: { allOf: ['acme_id'] },
    columns: [{ name: 'acme_id', type: idType, required: true }, { name: 'label' }],
  });

// "abc" is the first cell of line 1.
const ACME_TEXT = 'acme_id,label\nabc,Desk\n';
const ACME_INTEGER_ERROR = {
  range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
  severity: 1,
  code: 'value-integer',
  source: 'pbx-user-csv',
  message: 'acme_id must be a whole number written with digits only, found "abc"',
};

function dialectFile(content: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pbx-dialects-'));
  roots.push(root);
  const file = path.join(root, 'acme.dialect.json');
  writeFileSync(file, content);
  return file;
}

function startServer(options: StartOptions): Promise<LspTestClient> {
  return LspTestClient.inProcess(
    (reader, writer) =>
      startLspServer(createConnection(ProposedFeatures.all, reader, writer), nodePlatform({ dialectReloadDelayMs: 50 }), { debounceMs: 10 }),
    options,
  );
}

describe('custom dialect files', () => {
  test('a change to the file on disk reloads it and re-validates the open documents', async () => {
    const file = dialectFile(acmeDialect('integer'));
    const client = await startServer({ settings: { customDialects: [file] } });
    try {
      const uri = 'file:///acme/users.csv';
      await waitForDialect(client, 'acme');
      assert.deepEqual(summarize(await client.openAndSettle(uri, ACME_TEXT)), [ACME_INTEGER_ERROR]);

      const since = client.diagnostics.length;
      writeFileSync(file, acmeDialect('string'));
      const reloaded = await client.waitForDiagnostics(uri, () => true, since);
      assert.deepEqual(reloaded.diagnostics, []);
      assert.deepEqual(client.shownMessages, []);
    } finally {
      await client.stop();
    }
  });

  test('a file that breaks the dialect schema is shown once with its pointer, logged at every reload, then fixed', async () => {
    const file = dialectFile(JSON.stringify({ id: 'acme', label: 'ACME PBX', description: 'Test', colour: 'red' }));
    const client = await startServer({ settings: { customDialects: [file] } });
    try {
      await client.waitUntil(() => client.shownMessages.length > 0, 'the warning');
      assert.equal(client.shownMessages[0], `PBX User CSV: a dialect file was skipped: ${file}: unknown property "colour"`);
      const skippedLogs = () => client.logMessages.filter((m) => m.includes('dialect file skipped')).length;
      assert.equal(skippedLogs(), 1);

      // Saved again, still broken: logged again, not shown again.
      writeFileSync(file, JSON.stringify({ id: 'acme', label: 'ACME PBX', description: 'Test!', colour: 'red' }));
      await client.waitUntil(() => skippedLogs() >= 2, 'the second log line');
      assert.equal(client.shownMessages.length, 1);

      // Fixed: the dialect is available.
      writeFileSync(file, acmeDialect('integer'));
      await waitForDialect(client, 'acme');
      const logged = skippedLogs();
      assert.deepEqual(summarize(await client.openAndSettle('file:///acme/fixed.csv', ACME_TEXT)), [ACME_INTEGER_ERROR]);
      assert.equal(skippedLogs(), logged, 'the fixed file loads without errors');
      assert.equal(client.shownMessages.length, 1);
    } finally {
      await client.stop();
    }
  });
});

describe('custom dialect paths that are not dialect files', () => {
  test('a FIFO and /dev/zero are refused without being read, and the built-in dialects still work', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pbx-dialects-'));
    roots.push(root);
    const fifo = path.join(root, 'pipe.dialect.json');
    execFileSync('mkfifo', [fifo]);
    const client = await startServer({ settings: { customDialects: [fifo, '/dev/zero'] } });
    try {
      await client.waitUntil(() => client.shownMessages.length > 0, 'the warning');
      assert.equal(
        client.shownMessages[0],
        `PBX User CSV: a dialect file was skipped: ${fifo}: cannot read the dialect file: is a FIFO, not a regular file (and 1 more, see the output channel)`,
      );
      assert.ok(client.logMessages.some((m) => m.endsWith('dialect file skipped: /dev/zero: cannot read the dialect file: is a character device, not a regular file')));
      const published = await client.openAndSettle('file:///fifo/users.csv', 'entity_id,firstname\nx,Jim\n');
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['value-integer']);
    } finally {
      await client.stop();
    }
  });

  test('a dialect whose JSON Schema is missing is skipped with a warning naming the column and the schema', async () => {
    const file = dialectFile(
      JSON.stringify({ id: 'acme', label: 'ACME PBX', description: 'Test', detection: { allOf: ['acme_id'] }, columns: [{ name: 'acme_id' }, { name: 'rules', type: 'json', jsonSchema: 'rules.schema.json' }] }),
    );
    const client = await startServer({ settings: { customDialects: [file] } });
    try {
      await client.waitUntil(() => client.shownMessages.length > 0, 'the warning');
      const schema = path.join(path.dirname(file), 'rules.schema.json');
      assert.equal(
        client.shownMessages[0],
        `PBX User CSV: a dialect file was skipped: ${file} (at /columns/1/jsonSchema): column "rules": cannot read the JSON Schema ${schema}: no such file`,
      );
    } finally {
      await client.stop();
    }
  });
});

describe('workspace trust', () => {
  test('untrusted: custom dialects of the workspace settings are not loaded until trust is granted', async () => {
    const file = dialectFile(acmeDialect('integer'));
    const client = await startServer({
      settings: { customDialects: [file] },
      initializationOptions: { workspaceTrust: { trusted: false, userCustomDialects: [] } },
    });
    try {
      const uri = 'file:///untrusted/users.csv';
      await client.waitUntil(() => client.logMessages.some((m) => m.includes('not trusted')), 'the log line');
      assert.ok(client.logMessages.some((m) => m.includes(`the workspace is not trusted: custom dialects not loaded: ${file}`)));
      const status = client.dialectStatuses.length;
      const published = await client.openAndSettle(uri, ACME_TEXT);
      assert.deepEqual(published.diagnostics, []);
      assert.equal(client.dialectStatuses.slice(status).at(-1)?.dialect, undefined, 'not a user CSV without the acme dialect');

      const since = client.diagnostics.length;
      await client.connection.sendNotification('pbxUserCsv/workspaceTrust', { trusted: true });
      assert.deepEqual(summarize(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, since)), [ACME_INTEGER_ERROR]);
    } finally {
      await client.stop();
    }
  });

  test('untrusted: an absolute custom dialect path from the user settings is loaded', async () => {
    const file = dialectFile(acmeDialect('integer'));
    const client = await startServer({
      settings: { customDialects: [file] },
      initializationOptions: { workspaceTrust: { trusted: false, userCustomDialects: [file] } },
    });
    try {
      const uri = 'file:///untrusted/user-level.csv';
      await waitForDialect(client, 'acme');
      assert.deepEqual(summarize(await client.openAndSettle(uri, ACME_TEXT)), [ACME_INTEGER_ERROR]);
    } finally {
      await client.stop();
    }
  });

  test('untrusted: a relative user-level path (it would resolve into the workspace) is not loaded', async () => {
    const file = dialectFile(acmeDialect('integer'));
    const folder = path.dirname(file);
    const client = await startServer({
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }],
      settings: { customDialects: ['acme.dialect.json'] },
      initializationOptions: { workspaceTrust: { trusted: false, userCustomDialects: ['acme.dialect.json'] } },
    });
    try {
      await client.waitUntil(() => client.logMessages.some((m) => m.includes('not trusted')), 'the log line');
      const published = await client.openAndSettle('file:///untrusted/relative.csv', ACME_TEXT);
      assert.deepEqual(published.diagnostics, []);
    } finally {
      await client.stop();
    }
  });
});
