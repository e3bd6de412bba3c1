// Files through the client: a server in a browser's web worker has no file system of its own, so it asks
// the editor (VS Code's `workspace.fs` and `workspace.findFiles`) for custom dialect files, the JSON Schemas
// they name, and the workspace's CSV files (Validate Workspace). The Node server never sends these.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export interface ReadFileParams {
  uri: string;
  /** A larger file is refused without being read. */
  maxBytes: number;
}

export interface ReadFileResult {
  /** The file's bytes, base64-encoded: the server decodes them itself (UTF-8 checks, byte-order marks). */
  base64: string;
}

export interface FindFilesParams {
  /** The workspace folder searched. */
  folderUri: string;
  /** Globs relative to the folder; a file matching any of them is returned. */
  include: string[];
  /** Globs relative to the folder the search may skip (the server filters the result again). */
  exclude: string[];
}

export interface FindFilesResult {
  uris: string[];
}

export interface WatchFilesParams {
  /** Every file to watch; replaces the files watched before. */
  uris: string[];
}

export interface WatchedFileChangedParams {
  uri: string;
}

/** A rejection's message says why the file cannot be read ("no such file", "is a directory", "is 12 MB…"). */
export const ReadFileRequest = new RequestType<ReadFileParams, ReadFileResult, void>('pbxUserCsv/readFile');
export const FindFilesRequest = new RequestType<FindFilesParams, FindFilesResult, void>('pbxUserCsv/findFiles');
/** Server → client: watch these files (custom dialects and their JSON Schemas). */
export const WatchFilesNotification = new NotificationType<WatchFilesParams>('pbxUserCsv/watchFiles');
/** Client → server: a watched file was created, changed or deleted. */
export const WatchedFileChangedNotification = new NotificationType<WatchedFileChangedParams>('pbxUserCsv/watchedFileChanged');
