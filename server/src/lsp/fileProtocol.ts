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

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, without Node's Buffer (both ends may run in a browser). */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 3 * 4096;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    let text = '';
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i];
      const b1 = i + 1 < end ? bytes[i + 1] : 0;
      const b2 = i + 2 < end ? bytes[i + 2] : 0;
      text += BASE64[b0 >> 2] + BASE64[((b0 & 3) << 4) | (b1 >> 4)];
      text += i + 1 < end ? BASE64[((b1 & 15) << 2) | (b2 >> 6)] : '=';
      text += i + 2 < end ? BASE64[b2 & 63] : '=';
    }
    parts.push(text);
  }
  return parts.join('');
}

const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DECODE[BASE64.charCodeAt(i)] = i;

/** The bytes of a base64 text; throws on a character outside the alphabet. */
export function decodeBase64(text: string): Uint8Array {
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 61 /* = */) length--;
  const bytes = new Uint8Array(Math.floor((length * 3) / 4));
  let byte = 0;
  let bits = 0;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? DECODE[code] : -1;
    if (digit < 0) throw new Error(`invalid base64 character at ${i}`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[byte++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}
