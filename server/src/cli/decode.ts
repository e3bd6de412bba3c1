// Bytes → text for the core. A UTF-8 BOM is kept as U+FEFF (the core judges it per dialect); invalid UTF-8 is
// located (first bad byte) and the text is still decoded, with U+FFFD replacement characters, so it can be checked.

export interface InvalidUtf8 {
  /** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
  byteOffset: number;
  /** UTF-16 offset of the U+FFFD that replaced it in `text`. */
  textOffset: number;
}

export interface DecodedText {
  text: string;
  invalidUtf8?: InvalidUtf8;
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const byteOffset = firstInvalidUtf8Byte(bytes);
    const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
    const text = lenient.decode(bytes);
    // The well-formed prefix decodes to the same characters on its own, so its length is the offset in `text`.
    const textOffset = lenient.decode(bytes.subarray(0, Math.max(0, byteOffset))).length;
    return { text, invalidUtf8: { byteOffset: Math.max(0, byteOffset), textOffset } };
  }
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
