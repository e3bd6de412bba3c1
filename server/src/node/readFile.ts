// Reads the files a dialect names (custom dialect files, their JSON Schemas): regular files only, up to a
// size limit. A path may name a FIFO, a device such as /dev/zero, or a huge file: reading one would block
// or never end, and take the server (which loads dialects on its one thread) down with it. The file is
// opened without blocking and its type checked on the open descriptor, so a swap after a check cannot slip through.
import * as fs from 'node:fs';
import { MAX_DIALECT_FILE_BYTES, formatSize, sizeRefusal } from '../common/size';

export { MAX_DIALECT_FILE_BYTES, formatSize };

/** Thrown for a path that is not a regular file of at most the limit; the message says what it is. */
export class RefusedFileError extends Error {}

/** What a file of these stats is, when it is not a regular file. */
function kindOf(stats: fs.Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why `stats` cannot be read as a dialect file, or undefined when it can. */
export function refusal(stats: fs.Stats, limit = MAX_DIALECT_FILE_BYTES): string | undefined {
  const kind = kindOf(stats);
  if (kind) return kind === 'not a regular file' ? kind : `is ${kind}, not a regular file`;
  return sizeRefusal(stats.size, limit);
}

/** The UTF-8 text of a regular file of at most `limit` bytes; throws RefusedFileError (or the fs error) otherwise. */
export function readRegularFile(file: string, limit = MAX_DIALECT_FILE_BYTES): string {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. Not on Windows (no FIFOs there).
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const why = refusal(fs.fstatSync(fd), limit);
    if (why) throw new RefusedFileError(why);
    // Read in chunks until the end, and never past the limit: a file that grew since fstat is refused, not read without end.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw new RefusedFileError(`is more than the ${formatSize(limit)} limit`);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Why a file could not be read, without the call name and path Node puts in its messages (the caller names the file). */
export function describeReadError(error: unknown): string {
  if (error instanceof RefusedFileError) return error.message;
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a regular file';
    default:
      return e.message ?? String(error);
  }
}

/** Why the file at `file` would not be read as a dialect file (not a regular file, too large), or undefined; throws the fs error when it cannot be looked at. */
export function dialectFileRefusal(file: string): string | undefined {
  return refusal(fs.statSync(file));
}
