// File-size limits and how sizes are written in messages, the same for every front (disk or client-read files).

/** Largest dialect or JSON Schema file read: the built-in ones are a few tens of KB. */
export const MAX_DIALECT_FILE_BYTES = 5 * 1024 * 1024;

/** "5 MB", "12.5 MB", "800 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** Why a file of `size` bytes is not read, or undefined when it is within `limit`. */
export function sizeRefusal(size: number, limit: number): string | undefined {
  return size > limit ? `is ${formatSize(size)}, more than the ${formatSize(limit)} limit` : undefined;
}
