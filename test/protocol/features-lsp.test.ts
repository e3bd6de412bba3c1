// The editing features through the real server (spawned through its bin entry, over stdio): completion,
// hover, code actions (diagnostic data round-tripping), semantic tokens and document symbols.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, SemanticTokens, TextEdit } from 'vscode-languageserver';
import { LspTestClient } from './lspTestClient';

const HEADER = 'name,enabled,password,extension_number,extension_password,email,voicemail_pin';
const TEXT = `${HEADER}\nalice,yes,Xk9#mPq2!z,1001,Rt7$wLn4@v,alice@example.com,482915\n`;
// `yes` is the second cell of line 1: "alice," is 6 characters long.

describe('editing features over LSP (stdio)', () => {
  let client: LspTestClient;
  let counter = 0;
  const freshUri = () => `file:///workspace/features-${++counter}.csv`;

  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  test('the server announces the editing capabilities', () => {
    const capabilities = client.initializeResult.capabilities;
    assert.ok(capabilities.completionProvider);
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.equal(capabilities.semanticTokensProvider?.full, true);
  });

  test('completion in a boolean cell offers TRUE and FALSE replacing the cell', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 1, character: 8 },
    });
    assert.deepEqual(
      items.map((i) => [i.label, i.textEdit]),
      [
        ['TRUE', { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } }, newText: 'TRUE' }],
        ['FALSE', { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } }, newText: 'FALSE' }],
      ],
    );
  });

  test('hover on a header cell describes the column', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
    assert.deepEqual(hover.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 12 } });
    assert.deepEqual(hover.contents, {
      kind: 'markdown',
      value: '**enabled** — boolean (`TRUE` or `FALSE`), optional\n\nWhether the user account is active; a disabled user cannot sign in or make calls.',
    });
  });

  test('the published diagnostic comes back in a code action request and gets its fix', async () => {
    const uri = freshUri();
    const published = await client.openAndSettle(uri, TEXT);
    assert.equal(published.diagnostics.length, 1);
    const diagnostic = published.diagnostics[0];
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Change to "TRUE"');
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].diagnostics, [diagnostic]);
    const edits: TextEdit[] = actions[0].edit!.changes![uri];
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } }, newText: 'TRUE' }]);
  });

  test('semantic tokens: one token per cell, relative-encoded, header cells as declarations', async () => {
    const uri = freshUri();
    // Two PortSIP signature columns (spec: Detection) make it a user file.
    await client.openAndSettle(uri, 'name,extension_number,extension_password\nalice,1001,Rt7$wLn4@v\n');
    const tokens: SemanticTokens = await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
    const declaration = 1 << legend.tokenModifiers.indexOf('declaration');
    const [first, second, third] = ['variable', 'parameter', 'type'].map((t) => legend.tokenTypes.indexOf(t));
    // [deltaLine, deltaStart, length, type, modifiers] per token.
    assert.deepEqual(tokens.data, [
      0, 0, 4, first, declaration,
      0, 5, 16, second, declaration,
      0, 17, 18, third, declaration,
      1, 0, 5, first, 0,
      0, 6, 4, second, 0,
      0, 5, 10, third, 0,
    ]);
  });

  test('document symbols: one per user row', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, 'alice');
    assert.equal(symbols[0].detail, '1001');
    assert.deepEqual(symbols[0].selectionRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  });

  test('a CSV that is not a user file gets no completion, hover or symbols', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, 'title,year\nDune,1965\n');
    const items = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 1 } });
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(items, []);
    assert.equal(hover, null);
    assert.deepEqual(symbols, []);
  });

  test('a dialect chosen with the picker is used by completion', async () => {
    const uri = freshUri();
    // Detected as XiVO import; forced to PortSIP the `enabled` cell offers TRUE/FALSE instead of 1/0.
    const text = 'entity_id,firstname,enabled\n1,John,\n';
    await client.openAndSettle(uri, text);
    const position = { line: 1, character: 7 };
    const detected: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    assert.deepEqual(detected.map((i) => i.label), ['1', '0']);
    const since = client.dialectStatuses.length;
    await client.connection.sendNotification('pbxUserCsv/setDialect', { uri, dialect: 'portsip-v22' });
    await client.waitForDialectStatus(uri, since);
    const forced: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    assert.deepEqual(forced.map((i) => i.label), ['TRUE', 'FALSE']);
  });
});
