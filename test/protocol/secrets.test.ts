// Secrets over LSP: rows with secrets in every secret column, broken by a stray quote, an unquoted comma or a
import { createNodeLanguageService } from '../../server/src/node/resources';
// lost comma, for every dialect. No diagnostic (message, related information, data), hover or symbol
// the real server sends carries a secret.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/service/index';
import { DAMAGES, leakedSecrets, secretsFile } from '../support/secrets';
import { LspTestClient } from './lspTestClient';

const DIALECTS = ['portsip-v22', 'portsip-v16', 'xivo', 'xivo-update'];

describe('secrets over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    // The folder of each file names its dialect (v16 files look like v22 files to detection).
    const dialects = Object.fromEntries(DIALECTS.map((id) => [`${id}/**`, id]));
    client = await LspTestClient.start({ settings: { dialects }, workspaceFolders: [{ uri: 'file:///secrets', name: 'secrets' }] });
  });
  after(async () => {
    await client.stop();
  });

  const service = createNodeLanguageService();
  for (const id of DIALECTS) {
    test(`${id}: diagnostics, hovers and symbols of broken rows keep every secret`, async () => {
      for (const damage of DAMAGES) {
        const file = secretsFile(service.dialect!(id)!, damage, 'digits', 1);
        const uri = `file:///secrets/${id}/${damage.replace(' ', '-')}.csv`;
        const published = await client.openAndSettle(uri, file.text);
        if (damage !== 'intact') assert.ok(published.diagnostics.length > 0, `${uri} has diagnostics`);
        assert.deepEqual(leakedSecrets(JSON.stringify(published.diagnostics), file.secrets), [], `${uri} diagnostics`);
        const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
        assert.deepEqual(leakedSecrets(JSON.stringify(symbols), file.secrets), [], `${uri} symbols`);
        const index = new LineIndex(file.text);
        for (let offset = file.rowStart; offset < file.rowEnd; offset += 3) {
          const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: index.positionAt(offset) });
          assert.deepEqual(leakedSecrets(JSON.stringify(hover), file.secrets), [], `${uri} hover at ${offset}`);
        }
      }
    });
  }
});
