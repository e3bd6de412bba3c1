// Reloads custom dialect files (and the JSON Schemas they name) when they change on disk. The server watches
// them itself (they may live outside the workspace, e.g. `~/dialects/acme.dialect.json`, where no client
// watcher looks). Each file's folder is watched rather than the file: editors save by replacing the file,
// which ends a file watch.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import * as path from 'node:path';

export class FileWatcher {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private key = '';

  private onChange: () => void = () => undefined;

  /** Runs `onChange` once per burst of events, `delayMs` after the last one. */
  constructor(private readonly delayMs = 100) {}

  /** Watches exactly these files (replacing what was watched before). */
  watch(files: readonly string[], onChange: () => void): void {
    this.onChange = onChange;
    const key = JSON.stringify([...files].sort());
    if (key === this.key) return;
    this.key = key;
    this.closeWatchers();
    const namesByFolder = new Map<string, Set<string>>();
    for (const file of files) {
      const folder = path.dirname(file);
      const names = namesByFolder.get(folder) ?? new Set<string>();
      names.add(path.basename(file));
      namesByFolder.set(folder, names);
    }
    for (const [folder, names] of namesByFolder) {
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          // Some platforms omit the name; then any change in the folder counts.
          if (name === null || names.has(name.toString())) this.changed();
        });
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // The folder does not exist (the load error already says so); there is nothing to watch.
      }
    }
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onChange();
    }, this.delayMs);
  }

  private closeWatchers(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.closeWatchers();
    this.key = '';
  }
}
