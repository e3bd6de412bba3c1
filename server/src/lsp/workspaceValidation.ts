// "Validate Workspace": checks the workspace's CSV files as saved and publishes their diagnostics, then
// keeps that set current from watched-file events (only the files that changed are read again). Open
// documents always win: their diagnostics belong to the open-document validation, never to this one.
import type { Diagnostic, FileEvent } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { FolderFilter } from '../common/filter';
import type { ValidationResult } from '../service/index';
import type { WorkspaceFileSystem } from './platform';
import type { ValidateWorkspaceResult } from './protocol';
import { logFailure } from './safety';
import type { Logger } from './safety';

/** What validating one text gave: the core's result and its diagnostics. */
export interface CheckedText {
  result: ValidationResult;
  diagnostics: Diagnostic[];
}

export interface WorkspaceHost {
  /** Workspace folder URIs, nested folders first. */
  folders(): readonly string[];
  filterFor(folderUri: string): Promise<FolderFilter>;
  files: WorkspaceFileSystem;
  /** The URI of the open document of this file (whatever the spelling of its URI), if it is open in the editor. */
  openDocumentUri(fileUri: string): string | undefined;
  /** Validates the open document's current text (nothing is published: its own validation does that). */
  checkOpenDocument(uri: string): Promise<ValidationResult | undefined>;
  /** Validates a file's bytes, with the settings of its folder. */
  checkFile(uri: string, bytes: Uint8Array, folderUri: string): Promise<CheckedText>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  yieldToEventLoop(): Promise<void>;
  logger: Logger;
}

export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** Called after each file: how many are done out of how many. */
export type ProgressReport = (done: number, total: number) => void;

interface Member {
  uri: string;
  folderUri: string;
}

type Outcome =
  | { kind: 'checked'; userCsv: boolean; errors: number; warnings: number }
  | { kind: 'unreadable' }
  /** Superseded by newer work for the same file (its counts are that work's business). */
  | { kind: 'skipped' };

export class WorkspaceValidator {
  /** File key (canonical URI) → the file's URI and folder: the files the last run found, kept current by the watcher. */
  private members = new Map<string, Member>();
  /** URIs whose last published disk diagnostics were not empty (so that "fixed" must be published). */
  private readonly nonEmpty = new Set<string>();
  /** Per file key, a counter bumped by every check, so that an older read never overwrites a newer one. */
  private readonly generations = new Map<string, number>();
  private hasRun = false;
  private activeRun: { superseded: boolean } | undefined;
  private readonly queue = new Set<string>();
  private draining = false;

  constructor(private readonly host: WorkspaceHost) {}

  /** Finds and checks every file; cancelled by the token or by a newer run. */
  async run(token: Cancellation, progress: ProgressReport = () => {}): Promise<ValidateWorkspaceResult> {
    if (this.activeRun) this.activeRun.superseded = true;
    const run = { superseded: false };
    this.activeRun = run;
    const stop = { get isCancelled() { return token.isCancellationRequested || run.superseded; } };
    const summary = { files: 0, checked: 0, userCsvFiles: 0, filesWithErrors: 0, errors: 0, warnings: 0, unreadable: 0 };
    try {
      const found = await this.discover(stop);
      if (found) {
        this.replaceMembers(found);
        this.hasRun = true;
      }
      const files = [...(found ?? new Map<string, Member>()).entries()];
      summary.files = files.length;
      progress(0, files.length);
      for (const [key, member] of files) {
        if (stop.isCancelled) break;
        const outcome = await this.check(key, member);
        summary.checked++;
        if (outcome.kind === 'unreadable') summary.unreadable++;
        else if (outcome.kind === 'checked') {
          if (outcome.userCsv) summary.userCsvFiles++;
          if (outcome.errors > 0) summary.filesWithErrors++;
          summary.errors += outcome.errors;
          summary.warnings += outcome.warnings;
        }
        progress(summary.checked, files.length);
        await this.host.yieldToEventLoop();
      }
      const cancelled = stop.isCancelled && (found === undefined || summary.checked < summary.files);
      return { ...summary, cancelled, message: summaryMessage({ ...summary, cancelled }) };
    } finally {
      if (this.activeRun === run) this.activeRun = undefined;
    }
  }

  /** Watched-file events: re-checks created/changed files of the set, clears deleted ones. */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    if (!this.hasRun) return; // nothing of the workspace is shown before the user asked for it
    for (const change of changes) {
      const key = this.host.files.canonical(change.uri);
      if (!key) continue;
      if (change.type === FileChangeType.Deleted) {
        this.forget(key);
        continue;
      }
      if (!this.members.has(key)) {
        const member = await this.membership(key);
        if (!member) continue;
        this.members.set(key, member);
      }
      this.enqueue(key);
    }
  }

  /** An open document of the set was closed: its saved content is what counts again. */
  documentClosed(uri: string): void {
    const key = this.host.files.canonical(uri);
    if (key && this.members.has(key)) this.enqueue(key);
  }

  /** Re-checks every file of the set (dialects or settings changed); the folders are not walked again. */
  recheckAll(): void {
    for (const key of this.members.keys()) this.enqueue(key);
  }

  /** Folder removed from the workspace: its files leave the set. */
  foldersRemoved(folderUris: readonly string[]): void {
    const removed = new Set(folderUris);
    for (const [key, member] of this.members) {
      if (removed.has(member.folderUri)) this.forget(key);
    }
  }

  /** The files of every folder; undefined when the search was cancelled before it finished. */
  private async discover(stop: { readonly isCancelled: boolean }): Promise<Map<string, Member> | undefined> {
    const found = new Map<string, Member>();
    for (const folderUri of this.host.folders()) {
      const filter = await this.host.filterFor(folderUri);
      const files = await this.host.files.findFiles(folderUri, filter, stop);
      if (stop.isCancelled || files === undefined) return undefined;
      // Nested folders come first, so a file inside two folders takes the inner folder's settings.
      for (const uri of files) {
        const key = this.host.files.canonical(uri);
        if (key && !found.has(key)) found.set(key, { uri, folderUri });
      }
    }
    return found;
  }

  private replaceMembers(found: Map<string, Member>): void {
    for (const key of [...this.members.keys()]) if (!found.has(key)) this.forget(key);
    this.members = new Map(found);
  }

  private async membership(key: string): Promise<Member | undefined> {
    for (const folderUri of this.host.folders()) {
      const relative = this.host.files.relativePath(folderUri, key);
      if (!relative) continue;
      const filter = await this.host.filterFor(folderUri);
      return filter.acceptsFile(relative) ? { uri: key, folderUri } : undefined;
    }
    return undefined;
  }

  /** Removes a file (or everything under a deleted folder) from the set and clears what it showed. */
  private forget(deletedKey: string): void {
    const prefix = deletedKey.endsWith('/') ? deletedKey : `${deletedKey}/`;
    for (const [key, member] of [...this.members]) {
      if (key !== deletedKey && !key.startsWith(prefix)) continue;
      this.members.delete(key);
      this.bump(key);
      if (this.nonEmpty.delete(member.uri) && !this.host.openDocumentUri(key)) this.host.publish(member.uri, []);
    }
  }

  private enqueue(key: string): void {
    this.queue.add(key);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.size > 0) {
        const [key] = this.queue;
        this.queue.delete(key);
        const member = this.members.get(key);
        if (member) await this.check(key, member);
        await this.host.yieldToEventLoop();
      }
    } finally {
      this.draining = false;
    }
  }

  private bump(key: string): number {
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    return generation;
  }

  private async check(key: string, member: Member): Promise<Outcome> {
    const generation = this.bump(key);
    try {
      const openUri = this.host.openDocumentUri(key);
      if (openUri) {
        // The editor's text wins over the saved one: count it, and leave its diagnostics to its own validation.
        this.nonEmpty.delete(member.uri);
        const result = await this.host.checkOpenDocument(openUri);
        return result ? countOf(result) : { kind: 'skipped' };
      }
      let bytes: Uint8Array;
      try {
        bytes = await this.host.files.readFile(member.uri);
      } catch {
        // Vanished or unreadable; its path is the user's own data only in the sense of a file name, which
        // the log may show.
        this.host.logger.error(`[pbx-user-csv] cannot read ${member.uri}`);
        return { kind: 'unreadable' };
      }
      const checked = await this.host.checkFile(member.uri, bytes, member.folderUri);
      // A newer check of this file started, the file was opened, or it left the set meanwhile.
      if (this.generations.get(key) !== generation || this.host.openDocumentUri(key) || !this.members.has(key)) {
        return { kind: 'skipped' };
      }
      if (checked.diagnostics.length > 0) {
        this.nonEmpty.add(member.uri);
        this.host.publish(member.uri, checked.diagnostics);
      } else if (this.nonEmpty.delete(member.uri)) {
        this.host.publish(member.uri, []);
      }
      return countOf(checked.result);
    } catch (error) {
      // A file beyond the largest string V8 can hold fails here too.
      logFailure(this.host.logger, `validating ${member.uri} from disk`, error);
      return { kind: 'unreadable' };
    }
  }
}

function countOf(result: ValidationResult): Outcome {
  let errors = 0;
  let warnings = 0;
  for (const problem of result.problems) {
    if (problem.severity === 'error') errors++;
    else if (problem.severity === 'warning') warnings++;
  }
  return { kind: 'checked', userCsv: result.dialect !== undefined, errors, warnings };
}

const plural = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** "38 files: 12 user CSVs, 4 with errors — 57 errors, 9 warnings" (plus what was cancelled or unreadable). */
export function summaryMessage(summary: Omit<ValidateWorkspaceResult, 'message'>): string {
  const counts =
    `${plural(summary.userCsvFiles, 'user CSV')}, ${summary.filesWithErrors.toLocaleString('en-US')} with errors — ` +
    `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
  const unreadable = summary.unreadable > 0 ? ` (${plural(summary.unreadable, 'file')} could not be read)` : '';
  if (summary.cancelled && summary.files === 0) return 'Cancelled while looking for the CSV files';
  if (summary.cancelled) {
    return `Cancelled after ${summary.checked.toLocaleString('en-US')} of ${plural(summary.files, 'file')}: ${counts}${unreadable}`;
  }
  return `${plural(summary.files, 'file')}: ${counts}${unreadable}`;
}
