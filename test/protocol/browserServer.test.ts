// The web worker's language server (dist/browser/server.js, the bundle VS Code for the Web runs) over LSP in
// a Node worker thread, whose port stands in for the browser worker's: the built-in dialects come from the
// bundle, and every other file from this client, as VS Code's workspace.fs and findFiles would give them, for
// a workspace under a `vscode-remote:` URI (code-server's). Expected diagnostics are the Node server's tests'
// (portsipFixture.ts, worked out by hand from the spec); for the examples, the Node server's own output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AbstractMessageReader, AbstractMessageWriter, Emitter, ResponseError } from 'vscode-jsonrpc/node';
import type { DataCallback, Disposable, Message, MessageConnection } from 'vscode-jsonrpc/node';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer as startLspServer } from '../../server/src/lsp/server';
import { nodePlatform } from '../../server/src/node/platform';
import { LspTestClient, repositoryRoot, summarize, waitForDialect } from './lspTestClient';
import type { StartOptions } from './lspTestClient';
import { BOOLEAN_ERROR, portsipWith } from './portsipFixture';

const WORKER_BUNDLE = path.join(repositoryRoot(), 'dist', 'browser', 'server.js');
// A browser's worker talks through `self`; here the thread's parent port plays it.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = parentPort;
require(workerData.bundle);
`;

class WorkerReader extends AbstractMessageReader {
  private readonly emitter = new Emitter<Message>();
  constructor(worker: Worker) {
    super();
    worker.on('message', (message: Message) => this.emitter.fire(message));
    worker.on('error', (error) => this.fireError(error));
  }
  listen(callback: DataCallback): Disposable {
    return this.emitter.event(callback);
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.worker.postMessage(message);
  }
  end(): void {}
}

const REMOTE = 'vscode-remote://test-host:8080';
const encodePath = (diskPath: string) =>
  diskPath
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
/** The URI VS Code gives a file of code-server's disk. */
const remoteUri = (diskPath: string) => REMOTE + encodePath(diskPath);
function diskPath(uri: string): string {
  assert.ok(uri.startsWith(`${REMOTE}/`), `a URI of the workspace's machine: ${uri}`);
  return decodeURIComponent(uri.slice(REMOTE.length));
}

const MB = 1024 * 1024;

/** What the server asked this client for. */
interface FileTraffic {
  reads: Array<{ uri: string; maxBytes: number }>;
  searches: Array<{ folderUri: string; include: string[]; exclude: string[] }>;
  watched: string[][];
}

/**
 * Answers the server's file requests from the disk, as the browser client does with workspace.fs: a missing
 * file is "no such file", a folder "is a directory"; `findFiles` returns every file of the folder, whatever
 * the globs, so that the server's own filter is what decides.
 */
function serveFilesFromDisk(connection: MessageConnection, traffic: FileTraffic, unreadable: ReadonlySet<string>): void {
  connection.onRequest('pbxUserCsv/readFile', ({ uri, maxBytes }: { uri: string; maxBytes: number }) => {
    traffic.reads.push({ uri, maxBytes });
    const file = diskPath(uri);
    if (!existsSync(file)) throw new ResponseError(-32803, 'no such file');
    if (statSync(file).isDirectory()) throw new ResponseError(-32803, 'is a directory, not a regular file');
    if (unreadable.has(file)) throw new ResponseError(-32803, 'permission denied');
    // Node's own base64 is the reference the server's decoder must agree with.
    return { base64: readFileSync(file).toString('base64') };
  });
  connection.onRequest('pbxUserCsv/findFiles', (params: { folderUri: string; include: string[]; exclude: string[] }) => {
    traffic.searches.push(params);
    const all = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? all(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
    return { uris: all(diskPath(params.folderUri)).map(remoteUri) };
  });
  connection.onNotification('pbxUserCsv/watchFiles', ({ uris }: { uris: string[] }) => traffic.watched.push(uris));
}

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A workspace folder with a space in its name, holding `files` (relative path → content). */
function workspaceWith(files: Record<string, string>) {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'pbx-web-')), 'my workspace');
  roots.push(path.dirname(root));
  const write = (relative: string, text: string) => {
    const full = path.join(root, ...relative.split('/'));
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  return { root, folderUri: remoteUri(root), uri: (relative: string) => remoteUri(path.join(root, ...relative.split('/'))), write };
}

interface BrowserServer {
  client: LspTestClient;
  traffic: FileTraffic;
  stop(): Promise<void>;
}

async function startBrowserServer(folderUri: string | undefined, options: StartOptions = {}, unreadable: ReadonlySet<string> = new Set()): Promise<BrowserServer> {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { bundle: WORKER_BUNDLE } });
  const traffic: FileTraffic = { reads: [], searches: [], watched: [] };
  try {
    const client = await LspTestClient.connect(new WorkerReader(worker), new WorkerWriter(worker), {
      workspaceFolders: folderUri ? [{ uri: folderUri, name: 'my workspace' }] : undefined,
      onConnection: (connection) => serveFilesFromDisk(connection, traffic, unreadable),
      ...options,
    });
    return {
      client,
      traffic,
      async stop() {
        await client.stop().catch(() => undefined);
        await worker.terminate();
      },
    };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

describe('the web worker language server', () => {
  before(() => assert.ok(existsSync(WORKER_BUNDLE), `${WORKER_BUNDLE} is missing: run \`npm run build\``));

  test('validates with the dialects inside its bundle, reading no file', async () => {
    const server = await startBrowserServer(undefined);
    try {
      const dialects: Array<{ id: string }> = await server.client.connection.sendRequest('pbxUserCsv/dialects');
      assert.deepEqual(dialects.map((d) => d.id).sort(), ['portsip-v16', 'portsip-v22', 'wazo', 'xivo', 'xivo-update']);
      const uri = `${REMOTE}/home/admin/users.csv`;
      assert.deepEqual(summarize(await server.client.openAndSettle(uri, portsipWith('yes'))), [BOOLEAN_ERROR]);
      assert.deepEqual(server.traffic.reads, []);
    } finally {
      await server.stop();
    }
  });

  test('publishes what the Node server publishes for every example', async () => {
    const examples = path.join(repositoryRoot(), 'examples');
    const names = readdirSync(examples).filter((name) => name.endsWith('.csv')).sort();
    assert.ok(names.length >= 10, `examples: ${names.join(', ')}`);
    const browser = await startBrowserServer(undefined);
    const node = await LspTestClient.inProcess((reader, writer) =>
      startLspServer(createConnection(ProposedFeatures.all, reader, writer), nodePlatform(), { debounceMs: 10 }),
    );
    try {
      for (const name of names) {
        const uri = `${REMOTE}/examples/${name}`;
        const text = readFileSync(path.join(examples, name), 'utf8');
        const fromBrowser = await browser.client.openAndSettle(uri, text);
        const fromNode = await node.openAndSettle(uri, text);
        assert.deepEqual(fromBrowser.diagnostics, fromNode.diagnostics, name);
        if (name.includes('mistakes')) assert.ok(fromBrowser.diagnostics.length > 0, `${name} has diagnostics`);
      }
    } finally {
      await browser.stop();
      await node.stop();
    }
  });

  test('answers completion, hover, quick fixes, semantic tokens and symbols as the Node server does', async () => {
    const browser = await startBrowserServer(undefined);
    const node = await LspTestClient.inProcess((reader, writer) =>
      startLspServer(createConnection(ProposedFeatures.all, reader, writer), nodePlatform(), { debounceMs: 10 }),
    );
    try {
      assert.deepEqual(browser.client.initializeResult.capabilities, node.initializeResult.capabilities);
      const uri = `${REMOTE}/home/admin/users.csv`;
      const text = portsipWith('yes');
      const [published] = await Promise.all([browser.client.openAndSettle(uri, text), node.openAndSettle(uri, text)]);
      const requests: Array<[string, unknown]> = [
        ['textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 8 } }],
        ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } }],
        ['textDocument/codeAction', { textDocument: { uri }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } }],
        ['textDocument/semanticTokens/full', { textDocument: { uri } }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
      ];
      // Semantic tokens carry a resultId of their own (vscode-languageserver numbers them from the clock).
      const withoutResultId = (result: unknown) => (result && typeof result === 'object' && 'resultId' in result ? { ...result, resultId: undefined } : result);
      for (const [method, params] of requests) {
        const fromBrowser: unknown = await browser.client.connection.sendRequest(method, params);
        assert.deepEqual(withoutResultId(fromBrowser), withoutResultId(await node.connection.sendRequest(method, params)), method);
        assert.ok(fromBrowser !== null && (!Array.isArray(fromBrowser) || fromBrowser.length > 0), `${method} answers something`);
      }
      // The `enabled` cell ("yes", characters 6–9 of line 1) is offered TRUE and FALSE (spec: PortSIP booleans).
      const items: Array<{ label: string }> = await browser.client.connection.sendRequest('textDocument/completion', requests[0][1]);
      assert.deepEqual(items.map((i) => i.label), ['TRUE', 'FALSE']);
    } finally {
      await browser.stop();
      await node.stop();
    }
  });

  describe('custom dialects, read through the client', () => {
    // acme_id must be an integer; `hours` holds JSON whose `open` must be an integer (schema next to the dialect).
    const dialect = (idType: string) =>
      JSON.stringify({
        id: 'acme',
        label: 'ACME PBX',
        description: 'Test dialect',
        detection: { allOf: ['acme_id'] },
        columns: [{ name: 'acme_id', type: idType, required: true }, { name: 'hours', type: 'json', jsonSchema: '../schemas/hours.schema.json' }],
      });
    const HOURS_SCHEMA = JSON.stringify({ type: 'object', properties: { open: { type: 'integer' } } });
    // Line 1: `abc` is not an integer (characters 0–3); the cell `"{""open"":""x""}"` starts at character 4,
    // and its value `""x""`, 5 characters as written in the CSV, 11 characters further.
    const TEXT = 'acme_id,hours\nabc,"{""open"":""x""}"\n';

    test('the dialect file, then the JSON Schema it names, are asked for; both checks apply', async () => {
      const ws = workspaceWith({ 'dialects/acme.dialect.json': dialect('integer'), 'schemas/hours.schema.json': HOURS_SCHEMA });
      const server = await startBrowserServer(ws.folderUri, { settings: { customDialects: ['dialects/acme.dialect.json'] } });
      try {
        await waitForDialect(server.client, 'acme');
        assert.deepEqual(server.traffic.reads, [
          { uri: ws.uri('dialects/acme.dialect.json'), maxBytes: 5 * MB },
          { uri: ws.uri('schemas/hours.schema.json'), maxBytes: 5 * MB },
        ]);
        assert.deepEqual(server.traffic.watched.at(-1)?.slice().sort(), [ws.uri('dialects/acme.dialect.json'), ws.uri('schemas/hours.schema.json')]);
        const published = await server.client.openAndSettle(ws.uri('users.csv'), TEXT);
        const found = published.diagnostics.map((d) => ({ code: d.code, range: d.range }));
        assert.deepEqual(found, [
          { code: 'value-integer', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } },
          { code: 'json-type', range: { start: { line: 1, character: 15 }, end: { line: 1, character: 20 } } },
        ]);
        assert.deepEqual(server.client.shownMessages, []);
      } finally {
        await server.stop();
      }
    });

    test('a change the client reports reloads the dialect and re-validates the open documents', async () => {
      const ws = workspaceWith({ 'dialects/acme.dialect.json': dialect('integer'), 'schemas/hours.schema.json': HOURS_SCHEMA });
      const server = await startBrowserServer(ws.folderUri, { settings: { customDialects: ['dialects/acme.dialect.json'] } });
      try {
        await waitForDialect(server.client, 'acme');
        const uri = ws.uri('users.csv');
        const first = await server.client.openAndSettle(uri, TEXT);
        assert.deepEqual(first.diagnostics.map((d) => d.code), ['value-integer', 'json-type']);
        const since = server.client.diagnostics.length;
        ws.write('dialects/acme.dialect.json', dialect('string'));
        await server.client.connection.sendNotification('pbxUserCsv/watchedFileChanged', { uri: ws.uri('dialects/acme.dialect.json') });
        const reloaded = await server.client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1, since);
        assert.deepEqual(reloaded.diagnostics.map((d) => d.code), ['json-type']);
      } finally {
        await server.stop();
      }
    });

    test('a file the client cannot read is shown with its path and reason; the built-in dialects still work', async () => {
      const ws = workspaceWith({});
      const server = await startBrowserServer(ws.folderUri, { settings: { customDialects: ['missing.dialect.json'] } });
      try {
        await server.client.waitUntil(() => server.client.shownMessages.length > 0, 'the warning');
        assert.deepEqual(server.client.shownMessages, [
          `PBX User CSV: a dialect file was skipped: ${path.join(ws.root, 'missing.dialect.json')}: cannot read the dialect file: no such file`,
        ]);
        assert.deepEqual(summarize(await server.client.openAndSettle(ws.uri('users.csv'), portsipWith('yes'))), [BOOLEAN_ERROR]);
      } finally {
        await server.stop();
      }
    });

    test('a ~/ path is not loaded (a browser knows no home directory), and says so in the log', async () => {
      const ws = workspaceWith({});
      const server = await startBrowserServer(ws.folderUri, { settings: { customDialects: ['~/acme.dialect.json'] } });
      try {
        await server.client.waitUntil(() => server.client.logMessages.some((m) => m.includes('custom dialects not loaded')), 'the log line');
        assert.ok(
          server.client.logMessages.includes(
            '[pbx-user-csv] custom dialects not loaded: ~/acme.dialect.json (a browser knows no home directory; use a workspace-relative path)',
          ),
          server.client.logMessages.join('\n'),
        );
        assert.deepEqual(server.traffic.reads, []);
      } finally {
        await server.stop();
      }
    });
  });

  test('Validate Workspace: the editor finds the files, the server filters them and reads each through the client', async () => {
    // The expectations of the Node server's workspace test, same layout and settings (workspace.test.ts).
    const XIVO_BAD_RING = 'entity_id,firstname,ring_seconds\n1,John,7\n';
    const ws = workspaceWith({
      'valid.csv': portsipWith('TRUE'),
      'users/broken.csv': portsipWith('yes'),
      'contacts.csv': 'name,email,phone\nBob,bob@example.com,+33 1 23 45 67 89\n',
      'nested/deep/xivo.csv': XIVO_BAD_RING,
      'node_modules/pkg/users.csv': portsipWith('yes'),
      'archive/old.csv': portsipWith('yes'),
      'skipped/by-setting.csv': portsipWith('yes'),
      '.git/stash.csv': portsipWith('yes'),
      'notes.txt': portsipWith('yes'),
      'locked/users.csv': portsipWith('yes'),
    });
    const server = await startBrowserServer(
      ws.folderUri,
      {
        settings: { validate: { include: ['**/*.csv'], exclude: ['**/node_modules/**', 'skipped/**'] } },
        otherSections: { 'files.exclude': { '**/archive': true } },
      },
      new Set([path.join(ws.root, 'locked', 'users.csv')]),
    );
    try {
      const result = await server.client.connection.sendRequest('pbxUserCsv/validateWorkspace', {});
      assert.deepEqual(result, {
        files: 5,
        checked: 5,
        userCsvFiles: 3,
        filesWithErrors: 2,
        errors: 2,
        warnings: 0,
        unreadable: 1,
        cancelled: false,
        message: '5 files: 3 user CSVs, 2 with errors — 2 errors, 0 warnings (1 file could not be read)',
      });
      assert.deepEqual(server.traffic.searches, [
        { folderUri: ws.folderUri, include: ['**/*.csv'], exclude: ['**/node_modules/**', 'skipped/**', '**/archive'] },
      ]);
      assert.deepEqual(
        server.traffic.reads.map((r) => r.uri).sort(),
        ['contacts.csv', 'locked/users.csv', 'nested/deep/xivo.csv', 'users/broken.csv', 'valid.csv'].map(ws.uri).sort(),
      );
      assert.ok(server.traffic.reads.every((r) => r.maxBytes === 128 * MB));
      assert.deepEqual(summarize(server.client.latestDiagnostics(ws.uri('users/broken.csv'))!), [BOOLEAN_ERROR]);
      const flagged = new Set(server.client.diagnostics.filter((p) => p.diagnostics.length > 0).map((p) => p.uri));
      assert.deepEqual([...flagged].sort(), [ws.uri('nested/deep/xivo.csv'), ws.uri('users/broken.csv')].sort());
    } finally {
      await server.stop();
    }
  });
});
