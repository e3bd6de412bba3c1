// End-to-end over LSP: the built server, spawned through its bin entry, publishes the core's problems as
// diagnostics and reacts to edits, dialect overrides, settings and closing.
// Expectations come from the spec (/work/shared/spec/dialects.md), not from running the server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient, summarize } from './lspTestClient';
import { BOOLEAN_ERROR, ENABLED_CELL_START, booleanError, portsipWith } from './portsipFixture';


describe('diagnostics over LSP (stdio)', () => {
  let client: LspTestClient;
  let counter = 0;
  const freshUri = (name: string) => `file:///workspace/users/${name}-${++counter}.csv`;

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [{ uri: 'file:///workspace', name: 'workspace' }] });
  });
  after(async () => {
    await client.stop();
  });

  test('a PortSIP file with enabled=yes gets one value-boolean error on that cell, with the document version', async () => {
    const uri = freshUri('portsip');
    await client.open(uri, portsipWith('yes'), 7);
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.version, 7);
    assert.deepEqual(summarize(published), [BOOLEAN_ERROR]);
  });

  test('the dialect status reports the PortSIP v22 default as guessed (no v22-only columns)', async () => {
    const uri = freshUri('portsip-status');
    const since = client.dialectStatuses.length;
    await client.open(uri, portsipWith('TRUE'));
    const status = await client.waitForDialectStatus(uri, since);
    assert.equal(status.source, 'detected');
    assert.equal(status.dialect?.id, 'portsip-v22');
    assert.equal(status.dialect?.guessed, true);
  });

  test('a clean PortSIP file (enabled=TRUE) gets an empty diagnostics list', async () => {
    const uri = freshUri('portsip-clean');
    await client.open(uri, portsipWith('TRUE'));
    assert.deepEqual(summarize(await client.waitForDiagnostics(uri)), []);
  });

  test('an unrelated CSV (name,email,phone) gets no diagnostics and no dialect', async () => {
    const uri = freshUri('contacts');
    await client.open(uri, 'name,email,phone\nBob,=bob@example.com,+33 1 23 45 67 89\n');
    // The dialect status follows every validation, so once it is here any diagnostics are out too.
    const status = await client.waitForDialectStatus(uri);
    assert.equal(status.dialect, undefined);
    assert.equal(status.source, 'detected');
    for (const published of client.diagnostics.filter((p) => p.uri === uri)) {
      assert.deepEqual(published.diagnostics, []);
    }
  });

  test('didChange (incremental) re-validates and publishes for the new version', async () => {
    const uri = freshUri('portsip-edit');
    await client.open(uri, portsipWith('yes'), 1);
    assert.deepEqual(summarize(await client.waitForDiagnostics(uri, (p) => p.version === 1)), [BOOLEAN_ERROR]);

    const yesRange = { start: ENABLED_CELL_START, end: { line: 1, character: 9 } };
    await client.change(uri, 2, [{ range: yesRange, text: 'no' }]);
    const second = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(summarize(second), [booleanError('no')]);

    const noRange = { start: ENABLED_CELL_START, end: { line: 1, character: 8 } };
    await client.change(uri, 3, [{ range: noRange, text: 'FALSE' }]);
    assert.deepEqual(summarize(await client.waitForDiagnostics(uri, (p) => p.version === 3)), []);
  });

  test('a burst of edits ends with diagnostics for the last version, and versions never go backwards', async () => {
    const uri = freshUri('portsip-burst');
    await client.open(uri, portsipWith('TRUE'), 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    // Each edit replaces the whole text; the last one has the wrong boolean.
    const values = ['FALSE', 'TRUE', 'maybe', 'FALSE', 'yes'];
    for (const [i, value] of values.entries()) {
      await client.change(uri, i + 2, [{ text: portsipWith(value) }]);
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === values.length + 1);
    assert.deepEqual(summarize(last), [BOOLEAN_ERROR]);
    const versions = client.diagnostics.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
  });

  test('setDialect "none" clears the diagnostics; null goes back to detection and they return', async () => {
    const uri = freshUri('portsip-override');
    assert.deepEqual(summarize(await client.openAndSettle(uri, portsipWith('yes'))), [BOOLEAN_ERROR]);

    let since = client.diagnostics.length;
    const statusSince = client.dialectStatuses.length;
    await client.connection.sendNotification('pbxUserCsv/setDialect', { uri, dialect: 'none' });
    assert.deepEqual(summarize(await client.waitForDiagnostics(uri, () => true, since)), []);
    const status = await client.waitForDialectStatus(uri, statusSince);
    assert.deepEqual({ dialect: status.dialect, source: status.source }, { dialect: undefined, source: 'picker' });

    since = client.diagnostics.length;
    await client.connection.sendNotification('pbxUserCsv/setDialect', { uri, dialect: null });
    assert.deepEqual(summarize(await client.waitForDiagnostics(uri, () => true, since)), [BOOLEAN_ERROR]);
  });

  test('setDialect to a dialect id forces it: the status is not guessed and comes from the picker', async () => {
    const uri = freshUri('portsip-forced');
    await client.openAndSettle(uri, portsipWith('yes'));
    const since = client.dialectStatuses.length;
    await client.connection.sendNotification('pbxUserCsv/setDialect', { uri, dialect: 'portsip-v16' });
    const status = await client.waitForDialectStatus(uri, since);
    assert.equal(status.source, 'picker');
    assert.equal(status.dialect?.id, 'portsip-v16');
    assert.equal(status.dialect?.guessed, false);
  });

  test('the dialects request lists the five built-in dialects', async () => {
    const dialects: Array<{ id: string; label: string }> = await client.connection.sendRequest('pbxUserCsv/dialects');
    assert.deepEqual(
      dialects.map((d) => d.id).sort(),
      ['portsip-v16', 'portsip-v22', 'wazo', 'xivo', 'xivo-update'],
    );
    for (const d of dialects) assert.ok(d.label.length > 0, `dialect ${d.id} has a label`);
  });

  test('didClose publishes an empty list for the document', async () => {
    const uri = freshUri('portsip-close');
    await client.open(uri, portsipWith('yes'));
    assert.deepEqual(summarize(await client.waitForDiagnostics(uri)), [BOOLEAN_ERROR]);
    const since = client.diagnostics.length;
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, () => true, since);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('settings over LSP', () => {
  test('rules {"value-boolean": "off"} pulled after didChangeConfiguration removes the error', async () => {
    const client = await LspTestClient.start();
    try {
      const uri = 'file:///settings/users.csv';
      await client.open(uri, portsipWith('yes'));
      assert.deepEqual(summarize(await client.waitForDiagnostics(uri)), [BOOLEAN_ERROR]);
      assert.ok(
        client.configurationRequests.some((r) => r.items.some((i) => i.scopeUri === uri && i.section === 'pbxUserCsv')),
        'settings are pulled per document (scopeUri)',
      );

      // Wait for the expected state rather than the next message: a validation already under way may
      // still report with the old settings first.
      let since = client.diagnostics.length;
      await client.changeConfiguration({ rules: { 'value-boolean': 'off' } });
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, since);

      since = client.diagnostics.length;
      await client.changeConfiguration({ rules: { 'value-boolean': 'warning' } });
      const warned = await client.waitForDiagnostics(uri, (p) => p.diagnostics[0]?.severity === 2, since);
      assert.deepEqual(summarize(warned), [{ ...BOOLEAN_ERROR, severity: 2 }]);
    } finally {
      await client.stop();
    }
  });

  test('a client without workspace/configuration pushes the settings in didChangeConfiguration', async () => {
    const client = await LspTestClient.start({ pullConfiguration: false });
    try {
      const uri = 'file:///settings/pushed.csv';
      await client.open(uri, portsipWith('yes'));
      assert.deepEqual(summarize(await client.waitForDiagnostics(uri)), [BOOLEAN_ERROR]);
      const since = client.diagnostics.length;
      await client.changeConfiguration({ rules: { 'value-boolean': 'off' } }, true);
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, since);
      assert.equal(client.configurationRequests.length, 0);
    } finally {
      await client.stop();
    }
  });

  test('pbxUserCsv.dialects maps a workspace-relative glob to "none" and a file-name glob to a dialect', async () => {
    const client = await LspTestClient.start({
      workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }],
      settings: { dialects: { 'archive/**': 'none', 'old-*.csv': 'portsip-v16' } },
    });
    try {
      const archived = 'file:///ws/archive/2023/users.csv';
      await client.open(archived, portsipWith('yes'));
      const archivedStatus = await client.waitForDialectStatus(archived);
      assert.deepEqual({ dialect: archivedStatus.dialect, source: archivedStatus.source }, { dialect: undefined, source: 'setting' });
      assert.deepEqual(summarize(await client.waitForDiagnostics(archived)), []);

      const old = 'file:///ws/imports/old-users.csv';
      await client.open(old, portsipWith('TRUE'));
      const oldStatus = await client.waitForDialectStatus(old);
      assert.equal(oldStatus.source, 'setting');
      assert.equal(oldStatus.dialect?.id, 'portsip-v16');
      assert.equal(oldStatus.dialect?.guessed, false);

      const current = 'file:///ws/imports/users.csv';
      await client.open(current, portsipWith('yes'));
      assert.equal((await client.waitForDialectStatus(current)).source, 'detected');
      assert.deepEqual(summarize(await client.waitForDiagnostics(current)), [BOOLEAN_ERROR]);
    } finally {
      await client.stop();
    }
  });

  test('a custom dialect file that does not exist is reported; the built-in dialects keep working', async () => {
    const client = await LspTestClient.start({ settings: { customDialects: ['/no/such/dir/acme.dialect.json'] } });
    try {
      await client.waitUntil(() => client.shownMessages.length > 0, 'a warning');
      assert.match(client.shownMessages[0], /^PBX User CSV: a dialect file was skipped: \/no\/such\/dir\/acme\.dialect\.json/);
      const uri = 'file:///custom/users.csv';
      await client.open(uri, portsipWith('yes'));
      assert.deepEqual(summarize(await client.waitForDiagnostics(uri)), [BOOLEAN_ERROR]);
    } finally {
      await client.stop();
    }
  });

  test('a picker choice sent in initializationOptions applies from the first validation', async () => {
    const uri = 'file:///init/users.csv';
    const client = await LspTestClient.start({ initializationOptions: { dialectOverrides: { [uri]: 'none' } } });
    try {
      await client.open(uri, portsipWith('yes'));
      const status = await client.waitForDialectStatus(uri);
      assert.deepEqual({ dialect: status.dialect, source: status.source }, { dialect: undefined, source: 'picker' });
      assert.deepEqual(summarize(await client.waitForDiagnostics(uri)), []);
    } finally {
      await client.stop();
    }
  });
});
