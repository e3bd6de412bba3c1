// 100,000 phones with one MAC over LSP: the editing session reports the duplicates and takes an edit of
// the row without rescanning the cell per MAC (that was quadratic: 2,000 phones took 2.5 s, 100,000 more
// than three minutes, the server frozen meanwhile; the waits below would run out).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/service/index';
import { DUPLICATED_MAC, duplicatedMacFile } from '../support/macs';
import { LspTestClient } from './lspTestClient';

const WAIT_MS = 120_000;

describe('one MAC 100,000 times over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ settings: { maxNumberOfProblems: 3 } });
  });
  after(async () => {
    await client.stop();
  });

  test('the duplicates are reported on open and again after an edit of the first row', async () => {
    const { text, firstMacStart } = duplicatedMacFile(50_000);
    const uri = 'file:///macs/users.csv';
    const index = new LineIndex(text);
    const expectedFirst = {
      code: 'json-duplicate-mac',
      severity: 1,
      message: `MAC ${DUPLICATED_MAC} is also used on line 2, 3: provisioning will fail`,
      range: index.rangeOf({ start: firstMacStart, end: firstMacStart + DUPLICATED_MAC.length }),
    };
    const summary = (d: { code?: unknown; severity?: unknown; message: string; range: unknown }) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range });

    await client.open(uri, text, 1);
    const opened = await client.waitFor(() => client.diagnostics.find((p) => p.uri === uri && p.version === 1), 'diagnostics on open', WAIT_MS);
    assert.deepEqual(opened.diagnostics.map((d) => d.code), ['json-duplicate-mac', 'json-duplicate-mac', 'json-duplicate-mac', 'too-many-problems']);
    assert.deepEqual(summary(opened.diagnostics[0]), expectedFirst);
    assert.equal(opened.diagnostics[3].message, 'Too many problems: showing the first 3 of 100000. Fix these, or raise the maximum number of problems in the settings, to see the rest.');

    // Renaming the first user re-checks its record: its 50,000 uses leave the MAC's index and come back.
    const nameStart = text.indexOf('user1,');
    await client.change(uri, 2, [{ range: index.rangeOf({ start: nameStart, end: nameStart + 5 }), text: 'alice' }]);
    const edited = await client.waitFor(() => client.diagnostics.find((p) => p.uri === uri && p.version === 2), 'diagnostics after the edit', WAIT_MS);
    assert.deepEqual(summary(edited.diagnostics[0]), expectedFirst);
    assert.equal(edited.diagnostics[3].message, opened.diagnostics[3].message);
  });
});
