// A minimal LSP client over stdio for the benchmark: drives the real server binary the way an editor
// does (initialize, didOpen, incremental didChange) and times the way to the next publishDiagnostics.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { msSince } from './stats';

export interface Position {
  line: number;
  character: number;
}

export interface Diagnostic {
  range: { start: Position; end: Position };
  severity?: number;
  message: string;
  code?: string | number;
}

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

interface Waiter {
  uri: string;
  /** Versioned publications of this version or later; undefined: only an unversioned one (a clear on close). */
  minVersion?: number;
  resolve: (params: PublishDiagnosticsParams) => void;
  reject: (error: Error) => void;
}

export class LspSession {
  private readonly waiters: Waiter[] = [];
  stderr = '';

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        const matches = w.minVersion === undefined ? params.version === undefined : (params.version ?? -1) >= w.minVersion;
        if (w.uri === params.uri && matches) {
          this.waiters.splice(i, 1);
          w.resolve(params);
        }
      }
    });
    // Requests the server may send to an editor: answer like a client without those capabilities.
    connection.onRequest(() => null);
    process.stderr?.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 20000) this.stderr += chunk.toString();
    });
    // A server that dies (a crash, out of memory) fails the waits at once instead of at their timeout.
    process.on('exit', (code, signal) => {
      const error = new Error(`the language server exited (code ${code}, signal ${signal}) before publishing diagnostics: ${this.stderr.slice(-2000)}`);
      for (const w of this.waiters.splice(0)) w.reject(error);
    });
  }

  /** A hover request; resolves with the time it took to be answered. */
  async hover(uri: string, position: Position): Promise<number> {
    const start = process.hrtime.bigint();
    await this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    return msSince(start);
  }

  /** didOpen without waiting for anything. */
  async openOnly(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'csv', version, text } });
  }

  /** Tells the server its settings (as a client without `workspace/configuration` does). */
  async configure(settings: Record<string, unknown>): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { pbxUserCsv: settings } });
  }

  /** Spawns `node <serverScript> --stdio` and runs the initialize handshake. */
  static async start(serverScript: string, rootUri: string | null = null): Promise<LspSession> {
    const child = spawn(process.execPath, [serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } } },
    });
    await connection.sendNotification('initialized', {});
    return session;
  }

  /** Resolves with the first diagnostics for `uri` published for `minVersion` or later (unversioned if undefined). */
  nextDiagnostics(uri: string, minVersion: number | undefined, timeoutMs = 600_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        reject(new Error(`the language server has exited (code ${this.process.exitCode}): ${this.stderr.slice(-2000)}`));
        return;
      }
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${minVersion} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        minVersion,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  /** didOpen → first diagnostics; returns elapsed milliseconds and the diagnostics. */
  async open(uri: string, text: string, version = 1): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const start = process.hrtime.bigint();
    const published = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'csv', version, text } });
    const params = await published;
    return { ms: msSince(start), diagnostics: params.diagnostics };
  }

  /** One incremental didChange → the diagnostics of that version. */
  async change(
    uri: string,
    version: number,
    range: { start: Position; end: Position },
    text: string,
  ): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const start = process.hrtime.bigint();
    const published = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    const params = await published;
    return { ms: msSince(start), diagnostics: params.diagnostics };
  }

  /** didClose, then waits (briefly) for the server to clear the document's diagnostics. */
  async close(uri: string): Promise<void> {
    const cleared = this.nextDiagnostics(uri, undefined, 10_000).catch(() => undefined);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await cleared;
  }

  /** The server's peak resident memory so far (Linux VmHWM), KiB; undefined where /proc is missing. */
  peakRssKiB(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; killing it below is enough.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
