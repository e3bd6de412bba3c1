// A file of 300,000 rows over LSP: every problem in it is published. Rows were once gathered with
// `push(...rows)`, which throws past about 125,000 elements: the server logged the error and published an
// empty list, so a huge file with mistakes looked clean.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from './lspTestClient';

const ROWS = 300_000;
/** Every this many rows, entity_id is not a number: a value-integer error on that cell. */
const EVERY = 100;

describe('a 300,000-row file over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ settings: { maxNumberOfProblems: 100_000 } });
  });
  after(async () => {
    await client.stop();
  });

  test('every value-integer error is published, on its own line', async () => {
    // XiVO needs only firstname plus one more of its columns to be detected: two short cells a row.
    const lines = ['entity_id,firstname'];
    const expectedLines: number[] = [];
    for (let i = 1; i <= ROWS; i++) {
      if (i % EVERY === 0) {
        lines.push(`x,User${i}`);
        expectedLines.push(i);
      } else {
        lines.push(`1,User${i}`);
      }
    }
    const uri = 'file:///big/users.csv';
    await client.open(uri, lines.join('\n') + '\n');
    const published = await client.waitFor(() => client.diagnostics.find((p) => p.uri === uri), 'diagnostics of the big file', 120_000);
    assert.equal(published.diagnostics.length, ROWS / EVERY);
    for (let k = 0; k < expectedLines.length; k++) {
      const diagnostic = published.diagnostics[k];
      assert.equal(diagnostic.code, 'value-integer');
      assert.equal(diagnostic.message, 'entity_id must be a whole number written with digits only, found "x"');
      assert.deepEqual(diagnostic.range, { start: { line: expectedLines[k], character: 0 }, end: { line: expectedLines[k], character: 1 } });
    }
  });
});
