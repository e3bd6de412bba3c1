// "Validate Workspace": checks the workspace's CSV files from disk and publishes their diagnostics, then
// keeps that set current from watched-file events (only the files that changed are read again). Open
// documents always win: their diagnostics belong to the open-document validation, never to this one.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, FileEvent } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { ValidationResult } from '../service/index';
import type { ValidateWorkspaceResult } from './protocol';
import { logFailure } from './safety';
import type { Logger } from './safety';
import { FolderFilter, fileUri, findFiles, localPath, relativeTo } from './workspaceFiles';

/** What validating one text gave: the core's result and its diagnostics. */
export interface CheckedText {
  result: ValidationResult;
  diagnostics: Diagnostic[];
}

export interface WorkspaceHost {
  /** Workspace folder URIs, nested folders first. */
  folders(): readonly string[];
  filterFor(folderUri: string): Promise<FolderFilter>;
  /** The URI of the open document for this local path, if the file is open in the editor. */
  openDocumentUri(filePath: string): string | undefined;
  /** Validates the open document's current text (nothing is published: its own validation does that). */
  checkOpenDocument(uri: string): Promise<ValidationResult | undefined>;
  /** Validates text read from disk, with the settings of its folder. */
  checkText(uri: string, text: string, folderUri: string): Promise<CheckedText>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
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

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class WorkspaceValidator {
  /** Local path → the file's URI and folder: the files the last run found, kept current by the watcher. */
  private members = new Map<string, Member>();
  /** URIs whose last published disk diagnostics were not empty (so that "fixed" must be published). */
  private readonly nonEmpty = new Set<string>();
  /** Per local path, a counter bumped by every check, so that an older read never overwrites a newer one. */
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
      for (const [filePath, member] of files) {
        if (stop.isCancelled) break;
        const outcome = await this.check(filePath, member);
        summary.checked++;
        if (outcome.kind === 'unreadable') summary.unreadable++;
        else if (outcome.kind === 'checked') {
          if (outcome.userCsv) summary.userCsvFiles++;
          if (outcome.errors > 0) summary.filesWithErrors++;
          summary.errors += outcome.errors;
          summary.warnings += outcome.warnings;
        }
        progress(summary.checked, files.length);
        await yieldToEventLoop();
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
      const filePath = localPath(change.uri);
      if (!filePath) continue;
      if (change.type === FileChangeType.Deleted) {
        this.forget(filePath);
        continue;
      }
      if (!this.members.has(filePath)) {
        const member = await this.membership(filePath);
        if (!member) continue;
        this.members.set(filePath, member);
      }
      this.enqueue(filePath);
    }
  }

  /** An open document of the set was closed: its disk content is what counts again. */
  documentClosed(uri: string): void {
    const filePath = localPath(uri);
    if (filePath && this.members.has(filePath)) this.enqueue(filePath);
  }

  /** Re-checks every file of the set (dialects or settings changed); the folders are not walked again. */
  recheckAll(): void {
    for (const filePath of this.members.keys()) this.enqueue(filePath);
  }

  /** Folder removed from the workspace: its files leave the set. */
  foldersRemoved(folderUris: readonly string[]): void {
    const removed = new Set(folderUris);
    for (const [filePath, member] of this.members) {
      if (removed.has(member.folderUri)) this.forget(filePath);
    }
  }

  /** The walk of every local folder; undefined when it was cancelled before it finished. */
  private async discover(stop: { readonly isCancelled: boolean }): Promise<Map<string, Member> | undefined> {
    const found = new Map<string, Member>();
    for (const folderUri of this.host.folders()) {
      const folderPath = localPath(folderUri);
      if (!folderPath) continue; // not on this machine's file system
      const filter = await this.host.filterFor(folderUri);
      const { files } = await findFiles(folderPath, filter, stop);
      if (stop.isCancelled) return undefined;
      // Nested folders come first, so a file inside two folders takes the inner folder's settings.
      for (const file of files) if (!found.has(file)) found.set(file, { uri: fileUri(file), folderUri });
    }
    return found;
  }

  private replaceMembers(found: Map<string, Member>): void {
    for (const filePath of [...this.members.keys()]) if (!found.has(filePath)) this.forget(filePath);
    this.members = new Map(found);
  }

  private async membership(filePath: string): Promise<Member | undefined> {
    for (const folderUri of this.host.folders()) {
      const folderPath = localPath(folderUri);
      const relative = folderPath && relativeTo(folderPath, filePath);
      if (!relative) continue;
      const filter = await this.host.filterFor(folderUri);
      return filter.acceptsFile(relative) ? { uri: fileUri(filePath), folderUri } : undefined;
    }
    return undefined;
  }

  /** Removes a file (or everything under a deleted folder) from the set and clears what it showed. */
  private forget(deletedPath: string): void {
    const prefix = deletedPath + path.sep;
    for (const [filePath, member] of [...this.members]) {
      if (filePath !== deletedPath && !filePath.startsWith(prefix)) continue;
      this.members.delete(filePath);
      this.bump(filePath);
      if (this.nonEmpty.delete(member.uri) && !this.host.openDocumentUri(filePath)) this.host.publish(member.uri, []);
    }
  }

  private enqueue(filePath: string): void {
    this.queue.add(filePath);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.size > 0) {
        const [filePath] = this.queue;
        this.queue.delete(filePath);
        const member = this.members.get(filePath);
        if (member) await this.check(filePath, member);
        await yieldToEventLoop();
      }
    } finally {
      this.draining = false;
    }
  }

  private bump(filePath: string): number {
    const generation = (this.generations.get(filePath) ?? 0) + 1;
    this.generations.set(filePath, generation);
    return generation;
  }

  private async check(filePath: string, member: Member): Promise<Outcome> {
    const generation = this.bump(filePath);
    try {
      const openUri = this.host.openDocumentUri(filePath);
      if (openUri) {
        // The editor's text wins over the disk: count it, and leave its diagnostics to its own validation.
        this.nonEmpty.delete(member.uri);
        const result = await this.host.checkOpenDocument(openUri);
        return result ? countOf(result) : { kind: 'skipped' };
      }
      let text: string;
      try {
        text = decode(await fs.readFile(filePath));
      } catch {
        // Vanished, unreadable, or beyond the largest string V8 can hold; its path is the user's own data
        // only in the sense of a file name, which the log may show.
        this.host.logger.error(`[pbx-user-csv] cannot read ${member.uri}`);
        return { kind: 'unreadable' };
      }
      const checked = await this.host.checkText(member.uri, text, member.folderUri);
      // A newer check of this file started, the file was opened, or it left the set meanwhile.
      if (this.generations.get(filePath) !== generation || this.host.openDocumentUri(filePath) || !this.members.has(filePath)) {
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
      logFailure(this.host.logger, `validating ${member.uri} from disk`, error);
      return { kind: 'unreadable' };
    }
  }
}

/** UTF-8 with a byte-order mark kept (the core judges it per dialect); bad bytes become U+FFFD, which the core reports. */
function decode(bytes: Buffer): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
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
