// What the language server needs from the machine it runs on, so that the server itself (handlers and
// state) runs the same in Node and in a browser's web worker: the core with its resources, custom dialect
// files, the workspace's files, and a way to let other messages through during long work.
import type { FolderFilter } from '../common/filter';
import type { LanguageService } from '../service/index';

export interface WorkspaceFileSystem {
  /** The files of a workspace folder the filter accepts, as URIs; undefined when the walk was cancelled. */
  findFiles(folderUri: string, filter: FolderFilter, control: { readonly isCancelled: boolean }): Promise<string[] | undefined>;
  /** One spelling of a file's URI (two spellings of one file give one), or undefined for a URI of no file here. */
  canonical(uri: string): string | undefined;
  /** A file's path relative to a folder (`/`-separated), or undefined when it is not inside it. */
  relativePath(folderUri: string, fileUri: string): string | undefined;
  /** The bytes of a file; rejects when it cannot be read. */
  readFile(uri: string): Promise<Uint8Array>;
}

export interface CreatedService {
  service: LanguageService;
  /** The custom files the core read (dialect files and the JSON Schemas they name): a change reloads them. */
  customFiles: readonly string[];
}

export interface ServerPlatform {
  /** The core with the built-in dialects and these custom dialect files (URIs); throws when it cannot be made. */
  createService(customDialects: readonly string[]): CreatedService;
  /**
   * Reads beforehand what `createService` will read, where files cannot be read synchronously (a browser
   * asks the client for them); called before each `createService` with custom dialects.
   */
  prepareService?(customDialects: readonly string[]): Promise<void>;
  /** `pbxUserCsv.customDialects` entries as URIs: relative ones against the workspace folders, `~/` the home directory. */
  resolveCustomDialects(entries: readonly string[], folderUris: readonly string[]): string[];
  /** Calls `onChange` (once per burst) when one of these files changes; replaces what was watched before. */
  watchFiles(uris: readonly string[], onChange: () => void): void;
  files: WorkspaceFileSystem;
  /** How a URI is shown in messages: a file path for a local file. */
  displayName(uri: string): string;
  /** Resolves after other pending messages had their turn. */
  yieldToEventLoop(): Promise<void>;
  /**
   * Frees memory no longer used when more than `slack` bytes piled up since the last time. Every edit of a
   * big document leaves its former text behind (strings are immutable); left to itself, the JavaScript
   * engine lets dozens of them pile up before it collects them.
   */
  releaseMemory?(slack: number): void;
  dispose(): void;
}
