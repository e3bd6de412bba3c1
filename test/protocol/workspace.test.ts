// "Validate Workspace" over LSP on temporary folders of real files: what is found (include/exclude,
// files.exclude, nested folders, non-user CSVs), what is published, the summary, re-runs, open documents,
// cancellation and progress, watched-file events. The server runs in process with the real core.
// Expected diagnostics come from the spec (/work/shared/spec/dialects.md), worked out by hand.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer as startLspServer } from '../../server/src/lsp/server';
import { nodePlatform } from '../../server/src/node/platform';
import { LspTestClient, summarize } from './lspTestClient';
import type { StartOptions } from './lspTestClient';
import type { ValidateWorkspaceResult } from '../../server/src/lsp/protocol';
import { BOOLEAN_ERROR, portsipWith } from './portsipFixture';

// XiVO (entity_id + firstname): ring_seconds must be a multiple of 5 in 0–60; "1,John," is 7 units long.
const XIVO_BAD_RING = 'entity_id,firstname,ring_seconds\n1,John,7\n';
const RING_ERROR = {
  range: { start: { line: 1, character: 7 }, end: { line: 1, character: 8 } },
  severity: 1,
  code: 'value-range',
  source: 'pbx-user-csv',
  message: 'ring_seconds must be a multiple of 5 between 0 and 60, found "7"',
};
const CONTACTS = 'name,email,phone\nBob,bob@example.com,+33 1 23 45 67 89\n';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A temporary workspace folder holding `files` (relative path → content). */
function workspaceWith(files: Record<string, string>): { root: string; uri: (relative: string) => string; write: (relative: string, text: string) => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'pbx-ws-'));
  roots.push(root);
  const write = (relative: string, text: string) => {
    const full = path.join(root, ...relative.split('/'));
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  return { root, uri: (relative) => pathToFileURL(path.join(root, ...relative.split('/'))).href, write };
}

async function startServer(root: string, options: StartOptions = {}): Promise<LspTestClient> {
  return LspTestClient.inProcess(
    (reader, writer) => startLspServer(createConnection(ProposedFeatures.all, reader, writer), nodePlatform(), { debounceMs: 10 }),
    { workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], ...options },
  );
}

type Summary = ValidateWorkspaceResult;

function validateWorkspace(client: LspTestClient, workDoneToken?: string, cancel?: CancellationTokenSource): Promise<Summary> {
  const params = workDoneToken === undefined ? {} : { workDoneToken };
  return cancel
    ? client.connection.sendRequest('pbxUserCsv/validateWorkspace', params, cancel.token)
    : client.connection.sendRequest('pbxUserCsv/validateWorkspace', params);
}

/** URIs that ever got a non-empty diagnostics list. */
const flagged = (client: LspTestClient) => new Set(client.diagnostics.filter((p) => p.diagnostics.length > 0).map((p) => p.uri));

describe('Validate Workspace', () => {
  const layout = () =>
    workspaceWith({
      'valid.csv': portsipWith('TRUE'),
      'users/broken.csv': portsipWith('yes'),
      'contacts.csv': CONTACTS,
      'nested/deep/xivo.csv': XIVO_BAD_RING,
      'node_modules/pkg/users.csv': portsipWith('yes'),
      'archive/old.csv': portsipWith('yes'),
      'skipped/by-setting.csv': portsipWith('yes'),
      'notes.txt': portsipWith('yes'),
    });

  test('publishes the user CSVs found, skips excluded and non-CSV files, reports progress and the summary', async () => {
    const ws = layout();
    const client = await startServer(ws.root, {
      settings: { validate: { include: ['**/*.csv'], exclude: ['**/node_modules/**', 'skipped/**'] } },
      otherSections: { 'files.exclude': { '**/archive': true, '**/.git': true } },
    });
    try {
      const result = await validateWorkspace(client, 'run-1');
      assert.deepEqual(result, {
        files: 4,
        checked: 4,
        userCsvFiles: 3,
        filesWithErrors: 2,
        errors: 2,
        warnings: 0,
        unreadable: 0,
        cancelled: false,
        message: '4 files: 3 user CSVs, 2 with errors — 2 errors, 0 warnings',
      });
      assert.deepEqual(summarize(client.latestDiagnostics(ws.uri('users/broken.csv'))!), [BOOLEAN_ERROR]);
      assert.deepEqual(summarize(client.latestDiagnostics(ws.uri('nested/deep/xivo.csv'))!), [RING_ERROR]);
      // Clean, non-user, excluded and non-CSV files stay silent.
      assert.deepEqual([...flagged(client)].sort(), [ws.uri('nested/deep/xivo.csv'), ws.uri('users/broken.csv')].sort());

      const progress = client.progress.filter((p) => p.token === 'run-1').map((p) => p.value);
      assert.equal(progress[0].kind, 'begin');
      assert.equal(progress[0].cancellable, true);
      assert.deepEqual(progress.at(-2), { kind: 'report', message: '4/4 files', percentage: 100 });
      assert.deepEqual(progress.at(-1), { kind: 'end', message: result.message });
    } finally {
      await client.stop();
    }
  });

  test('a second run clears the diagnostics of a file fixed and of a file deleted since', async () => {
    const ws = layout();
    const client = await startServer(ws.root);
    try {
      await validateWorkspace(client);
      assert.deepEqual(summarize(client.latestDiagnostics(ws.uri('users/broken.csv'))!), [BOOLEAN_ERROR]);
      ws.write('users/broken.csv', portsipWith('TRUE'));
      rmSync(path.join(ws.root, 'nested'), { recursive: true });

      const second = await validateWorkspace(client);
      assert.deepEqual(client.latestDiagnostics(ws.uri('users/broken.csv'))?.diagnostics, []);
      assert.deepEqual(client.latestDiagnostics(ws.uri('nested/deep/xivo.csv'))?.diagnostics, []);
      // Default settings: node_modules excluded; archive, skipped and the others included (no files.exclude).
      assert.equal(second.message, '5 files: 4 user CSVs, 2 with errors — 2 errors, 0 warnings');
    } finally {
      await client.stop();
    }
  });

  test('an open document wins over its file on disk; closing it brings the disk content back', async () => {
    const ws = workspaceWith({ 'users.csv': portsipWith('yes') });
    const client = await startServer(ws.root);
    try {
      const uri = ws.uri('users.csv');
      await client.openAndSettle(uri, portsipWith('TRUE'), 3);
      const since = client.diagnostics.length;
      const result = await validateWorkspace(client);
      assert.equal(result.message, '1 file: 1 user CSV, 0 with errors — 0 errors, 0 warnings');
      assert.deepEqual(client.diagnostics.slice(since).filter((p) => p.uri === uri), [], 'nothing published from disk for an open file');

      await client.close(uri);
      const fromDisk = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, since);
      assert.deepEqual(summarize(fromDisk), [BOOLEAN_ERROR]);
      assert.equal(fromDisk.version, undefined);
    } finally {
      await client.stop();
    }
  });

  test('cancelling stops the run early and says so; open documents are served while it runs', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 400; i++) many[`bulk/file-${String(i).padStart(3, '0')}.csv`] = portsipWith('yes');
    const ws = workspaceWith(many);
    const client = await startServer(ws.root);
    try {
      const cancel = new CancellationTokenSource();
      let answered = false;
      const running = validateWorkspace(client, 'run-cancel', cancel).then((r) => ((answered = true), r));
      await client.waitUntil(() => client.diagnostics.length >= 5, 'the first files of the run');

      // An edit during the run is validated at once, not after the 400 files.
      const opened = 'untitled:Untitled-1';
      await client.open(opened, portsipWith('yes'));
      assert.deepEqual(summarize(await client.waitForDiagnostics(opened)), [BOOLEAN_ERROR]);
      assert.equal(answered, false, 'the run is still going');

      cancel.cancel();
      const result = await running;
      assert.equal(result.cancelled, true);
      assert.equal(result.files, 400);
      assert.ok(result.checked >= 5 && result.checked < 400, `checked ${result.checked}`);
      assert.equal(result.message, `Cancelled after ${result.checked} of 400 files: ${result.checked} user CSVs, ${result.checked} with errors — ${result.checked} errors, 0 warnings`);
      const published = client.diagnostics.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(client.diagnostics.length, published, 'nothing is published after the run stopped');
      assert.equal(client.progress.filter((p) => p.token === 'run-cancel').at(-1)?.value.kind, 'end');
    } finally {
      await client.stop();
    }
  });
});

describe('Validate Workspace through the bundled server (stdio)', () => {
  test('the bin entry finds, publishes and sums up the same way', async () => {
    const ws = workspaceWith({ 'a/users.csv': portsipWith('yes'), 'b/contacts.csv': CONTACTS });
    const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(ws.root).href, name: 'ws' }] });
    try {
      const result = await validateWorkspace(client, 'stdio-run');
      assert.equal(result.message, '2 files: 1 user CSV, 1 with errors — 1 error, 0 warnings');
      assert.deepEqual(summarize(client.latestDiagnostics(ws.uri('a/users.csv'))!), [BOOLEAN_ERROR]);
    } finally {
      await client.stop();
    }
  });
});

describe('watched files after Validate Workspace', () => {
  test('a changed file is re-read alone; a created one joins the set unless excluded; a deleted one is cleared', async () => {
    const ws = workspaceWith({ 'a.csv': portsipWith('yes'), 'b.csv': portsipWith('yes') });
    const client = await startServer(ws.root);
    try {
      await validateWorkspace(client);
      // b.csv is fixed on disk but no event says so: only a.csv, which the event names, is read again.
      ws.write('a.csv', portsipWith('TRUE'));
      ws.write('b.csv', portsipWith('TRUE'));
      let since = client.diagnostics.length;
      await client.watchedFilesChanged([{ uri: ws.uri('a.csv'), type: 2 }]);
      assert.deepEqual((await client.waitForDiagnostics(ws.uri('a.csv'), () => true, since)).diagnostics, []);
      assert.deepEqual(summarize(client.latestDiagnostics(ws.uri('b.csv'))!), [BOOLEAN_ERROR]);

      since = client.diagnostics.length;
      ws.write('new/c.csv', portsipWith('yes'));
      ws.write('node_modules/x/d.csv', portsipWith('yes'));
      await client.watchedFilesChanged([
        { uri: ws.uri('node_modules/x/d.csv'), type: 1 },
        { uri: ws.uri('new/c.csv'), type: 1 },
      ]);
      assert.deepEqual(summarize(await client.waitForDiagnostics(ws.uri('new/c.csv'), () => true, since)), [BOOLEAN_ERROR]);
      assert.equal(client.latestDiagnostics(ws.uri('node_modules/x/d.csv')), undefined);

      since = client.diagnostics.length;
      rmSync(path.join(ws.root, 'new', 'c.csv'));
      await client.watchedFilesChanged([{ uri: ws.uri('new/c.csv'), type: 3 }]);
      assert.deepEqual((await client.waitForDiagnostics(ws.uri('new/c.csv'), () => true, since)).diagnostics, []);
    } finally {
      await client.stop();
    }
  });

  test('before any Validate Workspace, file events publish nothing', async () => {
    const ws = workspaceWith({ 'a.csv': portsipWith('yes') });
    const client = await startServer(ws.root);
    try {
      await client.watchedFilesChanged([{ uri: ws.uri('a.csv'), type: 2 }]);
      // A document opened afterwards is answered; by then the event has long been handled.
      await client.openAndSettle('untitled:probe', CONTACTS);
      assert.equal(client.latestDiagnostics(ws.uri('a.csv')), undefined);
    } finally {
      await client.stop();
    }
  });
});

describe('New File from Template over LSP', () => {
  test('the template request gives a XiVO file that validates clean; an unknown dialect gives no content', async () => {
    const ws = workspaceWith({});
    const client = await startServer(ws.root);
    try {
      const template: { content?: string; generated: string[] } = await client.connection.sendRequest('pbxUserCsv/template', { dialect: 'xivo' });
      assert.equal(template.content?.split('\n')[0].split(',')[0], 'entity_id');
      assert.deepEqual(template.generated, []);
      assert.deepEqual((await client.openAndSettle('untitled:template', template.content!)).diagnostics, []);

      const portsip: { content?: string; generated: string[] } = await client.connection.sendRequest('pbxUserCsv/template', { dialect: 'portsip-v16' });
      assert.deepEqual(portsip.generated, ['password', 'extension_password', 'voicemail_pin']);
      await client.connection.sendNotification('pbxUserCsv/setDialect', { uri: 'untitled:v16', dialect: 'portsip-v16' });
      const published = await client.openAndSettle('untitled:v16', portsip.content!);
      assert.deepEqual(published.diagnostics, []);
      assert.equal(client.dialectStatuses.at(-1)?.dialect?.id, 'portsip-v16');

      assert.deepEqual(await client.connection.sendRequest('pbxUserCsv/template', { dialect: 'no-such-dialect' }), { generated: [] });
    } finally {
      await client.stop();
    }
  });
});
