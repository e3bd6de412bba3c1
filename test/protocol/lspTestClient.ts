// A minimal LSP client for protocol tests: spawns the built server through its bin entry and speaks
// JSON-RPC to it over stdio (or node IPC), recording what the server sends.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import type { MessageConnection, MessageReader, MessageWriter } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  ConfigurationParams,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';

/** The repository root: the nearest folder up whose package.json is this project's. */
export function repositoryRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'pbx-user-csv') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
}

export const SERVER_BIN = path.join(repositoryRoot(), 'bin', 'pbx-user-csv-language-server.js');

export interface DialectStatus {
  uri: string;
  dialect?: { id: string; label: string; guessed: boolean };
  source: string;
}

export interface StartOptions {
  /** The server's bin script, run with this Node (default: the repository's `bin/`). */
  serverBin?: string;
  transport?: 'stdio' | 'node-ipc';
  /** Extra command-line arguments instead of the transport flag (e.g. none at all). */
  args?: string[];
  /** Whether the client answers workspace/configuration (default true). */
  pullConfiguration?: boolean;
  /** The `pbxUserCsv` section returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  workspaceFolders?: Array<{ uri: string; name: string }>;
  initializationOptions?: unknown;
  /** Other sections answered for workspace/configuration (e.g. `files.exclude`); null for the rest. */
  otherSections?: Record<string, unknown>;
  /** Registers more handlers before the connection listens (requests the server sends while starting). */
  onConnection?: (connection: MessageConnection) => void;
}

export interface ProgressNotification {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

type Waiter = { check: () => boolean; resolve: () => void };

export class LspTestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly dialectStatuses: DialectStatus[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly logMessages: string[] = [];
  readonly shownMessages: string[] = [];
  readonly progress: ProgressNotification[] = [];
  /** Sections other than `pbxUserCsv` this client answers for workspace/configuration. */
  otherSections: Record<string, unknown> = {};
  /** The `pbxUserCsv` section this client reports; tests mutate it and then send didChangeConfiguration. */
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  exitCode: number | null = null;
  private readonly waiters = new Set<Waiter>();
  private readonly exited: Promise<void>;

  /** While set, answers to workspace/configuration wait for it (to test edits racing a settings fetch). */
  holdConfiguration: Promise<void> | undefined;

  private constructor(
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
    private readonly serverProcess?: ChildProcess,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) =>
      serverProcess?.on('exit', (code) => {
        this.exitCode = code;
        resolve();
      }),
    );
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.push(params);
      this.wake();
    });
    connection.onNotification('pbxUserCsv/dialectStatus', (params: DialectStatus) => {
      this.dialectStatuses.push(params);
      this.wake();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logMessages.push(params.message);
      this.wake();
    });
    connection.onNotification('$/progress', (params: ProgressNotification) => {
      this.progress.push(params);
      this.wake();
    });
    connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.shownMessages.push(params.message);
      this.wake();
    });
    connection.onRequest('workspace/configuration', async (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      this.wake();
      await this.holdConfiguration;
      return params.items.map((item) =>
        item.section === 'pbxUserCsv' ? this.settings : item.section !== undefined ? (this.otherSections[item.section] ?? null) : null,
      );
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      this.shownMessages.push(params.message);
      this.wake();
      return null;
    });
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const transport = options.transport ?? 'stdio';
    const args = options.args ?? [`--${transport}`];
    const child = spawn(process.execPath, [options.serverBin ?? SERVER_BIN, ...args], {
      stdio: transport === 'node-ipc' ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const connection =
      transport === 'node-ipc'
        ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
        : createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(connection, options.settings ?? {}, child);
    client.otherSections = options.otherSections ?? {};
    const died = new Promise<never>((_, reject) =>
      child.on('exit', (code) => reject(new Error(`server exited (code ${code}) before initializing:\n${stderr}`))),
    );
    await Promise.race([client.initialize(options), died]);
    return client;
  }

  /**
   * A client wired through in-memory streams to a server created in this process by `startServer`, which
   * receives the server-side reader and writer.
   */
  static async inProcess(
    startServer: (reader: MessageReader, writer: MessageWriter) => void,
    options: StartOptions = {},
  ): Promise<LspTestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startServer(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const client = new LspTestClient(connection, options.settings ?? {});
    client.otherSections = options.otherSections ?? {};
    await client.initialize(options);
    return client;
  }

  /** A client over any reader and writer, e.g. to a server running in a worker thread. */
  static async connect(reader: MessageReader, writer: MessageWriter, options: StartOptions = {}): Promise<LspTestClient> {
    const client = new LspTestClient(createMessageConnection(reader, writer), options.settings ?? {});
    client.otherSections = options.otherSections ?? {};
    await client.initialize(options);
    return client;
  }

  /** The spawned server process (throws for an in-process server). */
  get child(): ChildProcess {
    if (!this.serverProcess) throw new Error('in-process server has no child process');
    return this.serverProcess;
  }

  private async initialize(options: StartOptions): Promise<void> {
    const connection = this.connection;
    options.onConnection?.(connection);
    connection.listen();
    const pull = options.pullConfiguration ?? true;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: pull,
        didChangeConfiguration: { dynamicRegistration: pull },
        workspaceFolders: true,
      },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
    };
    this.initializeResult = await connection.sendRequest('initialize', {
      // No process id for an in-process server: its parent watchdog would watch the test runner itself.
      processId: this.serverProcess ? process.pid : null,
      rootUri: null,
      capabilities,
      workspaceFolders: options.workspaceFolders ?? null,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Resolves once `condition` holds (checked whenever the server sends something). */
  waitUntil(condition: () => boolean, what: string): Promise<true> {
    return this.waitFor(() => (condition() ? true : undefined), what);
  }

  waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      let found = find();
      if (found !== undefined) return resolve(found);
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      // Also poll: some conditions (e.g. a test's own records) change without a message arriving.
      const poll = setInterval(() => this.wake(), 20);
      const waiter: Waiter = {
        check: () => (found = find()) !== undefined,
        resolve: () => {
          clearTimeout(timer);
          clearInterval(poll);
          resolve(found as T);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** The first diagnostics for `uri` published after `since` (an index into `diagnostics`) matching `accept`. */
  waitForDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    since = 0,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => this.diagnostics.slice(since).find((p) => p.uri === uri && accept(p)),
      `diagnostics for ${uri}`,
    );
  }

  /** The first dialect status for `uri` sent after `since` (an index into `dialectStatuses`). */
  waitForDialectStatus(uri: string, since = 0): Promise<DialectStatus> {
    return this.waitFor(() => this.dialectStatuses.slice(since).find((s) => s.uri === uri), `dialect status for ${uri}`);
  }

  async open(uri: string, text: string, version = 1, languageId = 'csv'): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /**
   * Opens a document and waits for its first validation to be fully reported (diagnostics, then the dialect
   * status that follows them), so that later `since` indices only see what comes after.
   */
  async openAndSettle(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const since = this.diagnostics.length;
    const statusSince = this.dialectStatuses.length;
    await this.open(uri, text, version);
    const published = await this.waitForDiagnostics(uri, () => true, since);
    await this.waitForDialectStatus(uri, statusSince);
    return published;
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async changeConfiguration(settings: Record<string, unknown>, push = false): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: push ? { pbxUserCsv: settings } : null,
    });
  }

  /** workspace/didChangeWatchedFiles; `type` 1 = created, 2 = changed, 3 = deleted. */
  async watchedFilesChanged(changes: Array<{ uri: string; type: 1 | 2 | 3 }>): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** The last diagnostics published for `uri`, or undefined when none were. */
  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.diagnostics.length - 1; i >= 0; i--) if (this.diagnostics[i].uri === uri) return this.diagnostics[i];
    return undefined;
  }

  async stop(): Promise<void> {
    if (!this.serverProcess) {
      // `exit` would end the test runner's own process: only shut the in-process server down.
      await this.connection.sendRequest('shutdown');
      this.connection.dispose();
      return;
    }
    if (this.exitCode === null && !this.serverProcess.killed) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
        await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000))]);
      } catch {
        // the server is already gone; the kill below is a no-op then
      }
    }
    this.connection.dispose();
    if (this.exitCode === null) this.serverProcess.kill();
  }
}

/** Resolves once the server lists the dialect (custom dialects load after `initialized`). */
export async function waitForDialect(client: LspTestClient, id: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const dialects: Array<{ id: string }> = await client.connection.sendRequest('pbxUserCsv/dialects');
    if (dialects.some((d) => d.id === id)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`dialect ${id} never loaded`);
}

/** The fields the protocol tests compare, in a fixed shape. */
export function summarize(params: PublishDiagnosticsParams) {
  return params.diagnostics.map((d) => ({
    range: d.range,
    severity: d.severity,
    code: d.code,
    source: d.source,
    message: d.message,
  }));
}
