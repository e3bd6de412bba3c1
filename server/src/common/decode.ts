// Bytes → text for the core, the one decoding of the CLI and Validate Workspace. A UTF-8 BOM is kept as
// U+FEFF (the core judges it per dialect); invalid UTF-8 is located (first bad byte) and the text is still
// decoded, with U+FFFD replacement characters, so it can be checked; a file saved as UTF-16 or UTF-32
// (byte-order mark, or the NUL bytes that ASCII text has in those encodings) is decoded as such, so that
// the core can tell whether it is a user CSV and say that the importer needs UTF-8.
import type { SourceEncoding } from '../service';

export interface DecodedText {
  text: string;
  encoding: SourceEncoding;
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  const wide = wideEncoding(bytes);
  if (wide) return { text: decodeWide(bytes, wide), encoding: { name: wide } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: { name: 'UTF-8' } };
  } catch {
    const byteOffset = Math.max(0, firstInvalidUtf8Byte(bytes));
    const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
    const text = lenient.decode(bytes);
    // The well-formed prefix decodes to the same characters on its own, so its length is the offset in `text`.
    const textOffset = lenient.decode(bytes.subarray(0, byteOffset)).length;
    return { text, encoding: { name: 'UTF-8', firstInvalidByte: { byteOffset, textOffset } } };
  }
}

type WideEncoding = 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';

/** How many leading bytes the NUL pattern is read from. */
const SNIFF_BYTES = 1024;

/** UTF-16 or UTF-32 by byte-order mark, or by where the NULs of ASCII characters fall. */
function wideEncoding(bytes: Uint8Array): WideEncoding | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'UTF-32LE';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32BE';
  if (b0 === 0xff && b1 === 0xfe) return 'UTF-16LE';
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16BE';
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~3;
  if (length < 4) return undefined;
  // Zero bytes at each position modulo 4: ASCII text in UTF-16LE has them at 1 and 3, in UTF-32LE at 1, 2, 3…
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < length; i++) if (bytes[i] === 0) zeros[i & 3]++;
  const quarter = length / 4;
  const mostly = (n: number): boolean => n >= quarter * 0.9;
  const rarely = (n: number): boolean => n <= quarter * 0.1;
  if (rarely(zeros[0]) && mostly(zeros[1]) && mostly(zeros[2]) && mostly(zeros[3])) return 'UTF-32LE';
  if (mostly(zeros[0]) && mostly(zeros[1]) && mostly(zeros[2]) && rarely(zeros[3])) return 'UTF-32BE';
  if (rarely(zeros[0]) && rarely(zeros[2]) && mostly(zeros[1]) && mostly(zeros[3])) return 'UTF-16LE';
  if (mostly(zeros[0]) && mostly(zeros[2]) && rarely(zeros[1]) && rarely(zeros[3])) return 'UTF-16BE';
  return undefined;
}

/** The text of a UTF-16 or UTF-32 file; its byte-order mark, if any, stays as U+FEFF. */
function decodeWide(bytes: Uint8Array, encoding: WideEncoding): string {
  if (encoding === 'UTF-16LE' || encoding === 'UTF-16BE') {
    return new TextDecoder(encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(bytes);
  }
  // TextDecoder has no UTF-32.
  const little = encoding === 'UTF-32LE';
  const characters: string[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const code = (little
      ? bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)
      : (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    characters.push(String.fromCodePoint(code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? code : 0xfffd));
  }
  return characters.join('');
}

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence (WHATWG / Unicode "maximal subpart"
 * rules: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence), or -1.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let continuationCount: number;
    let secondMin = 0x80;
    let secondMax = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      continuationCount = 1;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      continuationCount = 2;
      if (lead === 0xe0) secondMin = 0xa0; // overlong
      if (lead === 0xed) secondMax = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      continuationCount = 3;
      if (lead === 0xf0) secondMin = 0x90; // overlong
      if (lead === 0xf4) secondMax = 0x8f; // above U+10FFFF
    } else {
      return i;
    }
    if (i + continuationCount >= length) return i;
    const second = bytes[i + 1];
    if (second < secondMin || second > secondMax) return i;
    for (let k = 2; k <= continuationCount; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += continuationCount + 1;
  }
  return -1;
}
