// Debounced, cancellable validation runs per document, and a publisher that never lets diagnostics of an
// older document version replace newer ones.
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

/** Tells a running validation that newer work for the same document has superseded it. */
export interface StaleCheck {
  readonly isStale: boolean;
}

class RunToken implements StaleCheck {
  isStale = false;
}

/**
 * The debounce adapts to the document: it waits a quarter of what the last validation of that document took, at
 * most `maxDelayMs`. A first validation (on open) starts at once; a cheap re-validation after an edit (a few
 * records checked again) comes back within milliseconds; an expensive one is not repeated for every keystroke
 * of a burst. Validations run in slices, so even a long one never keeps other requests waiting.
 */
export class ValidationScheduler {
  private readonly pending = new Map<string, { timer?: ReturnType<typeof setTimeout>; token: RunToken }>();
  private readonly lastDurationMs = new Map<string, number>();

  constructor(
    private readonly maxDelayMs: number,
    private readonly run: (uri: string, token: StaleCheck) => Promise<void>,
  ) {}

  /** The pause before the next validation of `uri`. */
  delayFor(uri: string): number {
    return Math.min(this.maxDelayMs, (this.lastDurationMs.get(uri) ?? 0) / 4);
  }

  /** (Re)starts the debounce for `uri`; any earlier run for it becomes stale. */
  schedule(uri: string, delayMs: number = this.delayFor(uri)): void {
    this.cancel(uri);
    const token = new RunToken();
    const entry: { timer?: ReturnType<typeof setTimeout>; token: RunToken } = { token };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      const started = performance.now();
      void this.run(uri, token).finally(() => {
        if (!token.isStale) this.lastDurationMs.set(uri, performance.now() - started);
        if (this.pending.get(uri) === entry) this.pending.delete(uri);
      });
    }, delayMs);
    this.pending.set(uri, entry);
  }

  /** Cancels pending work for `uri` and forgets its timing (the document was closed). */
  forget(uri: string): void {
    this.cancel(uri);
    this.lastDurationMs.delete(uri);
  }

  cancel(uri: string): void {
    const entry = this.pending.get(uri);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.token.isStale = true;
    this.pending.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
    this.lastDurationMs.clear();
  }
}

export class DiagnosticsPublisher {
  private readonly lastPublishedVersion = new Map<string, number>();

  constructor(private readonly send: (params: PublishDiagnosticsParams) => void) {}

  /** Publishes unless diagnostics of a newer version of the document are already out. */
  publish(uri: string, version: number, diagnostics: Diagnostic[]): boolean {
    const last = this.lastPublishedVersion.get(uri);
    if (last !== undefined && version < last) return false;
    this.lastPublishedVersion.set(uri, version);
    this.send({ uri, version, diagnostics });
    return true;
  }

  /** Empties the document's diagnostics (on close) and forgets its version. */
  clear(uri: string): void {
    this.lastPublishedVersion.delete(uri);
    this.send({ uri, diagnostics: [] });
  }
}
