// Bytes → text, for the CLI and Validate Workspace alike: BOM kept, invalid UTF-8 located at its first bad byte
// (byte offset and UTF-16 offset), UTF-16 and UTF-32 recognised by their byte-order mark or their NUL bytes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes, firstInvalidUtf8Byte } from '../../server/src/common/decode';

const bytes = (...values: Array<number | string>) =>
  Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from([v]))));

describe('firstInvalidUtf8Byte', () => {
  test('well-formed text, including 2-, 3- and 4-byte characters, is -1', () => {
    assert.equal(firstInvalidUtf8Byte(bytes('name,é,€,😀\n')), -1);
    assert.equal(firstInvalidUtf8Byte(new Uint8Array(0)), -1);
  });

  const invalid: Array<[string, Buffer, number]> = [
    ['a Latin-1 byte', bytes('Ren', 0xe9, ' Roy'), 3],
    ['a byte that never occurs (0xFF)', bytes('ab', 0xff), 2],
    ['a lone continuation byte', bytes('a', 0x80, 'b'), 1],
    ['an overlong 2-byte form (C0 80)', bytes('x', 0xc0, 0x80), 1],
    ['an overlong 3-byte form (E0 80 80)', bytes(0xe0, 0x80, 0x80), 0],
    ['a UTF-16 surrogate (ED A0 80)', bytes('é', 0xed, 0xa0, 0x80), 2],
    ['a code point above U+10FFFF (F4 90 80 80)', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a sequence cut by the end of the file', bytes('ok', 0xe2, 0x82), 2],
    ['a lead byte followed by ASCII', bytes('€', 0xe2, 'a'), 3],
  ];
  for (const [name, input, expected] of invalid) {
    test(`${name}: offset ${expected}`, () => assert.equal(firstInvalidUtf8Byte(input), expected));
  }
});

describe('decodeBytes', () => {
  test('valid text decodes as is, BOM kept as U+FEFF', () => {
    assert.deepEqual(decodeBytes(bytes(0xef, 0xbb, 0xbf, 'a,b\n')), { text: '\ufeffa,b\n', encoding: { name: 'UTF-8' } });
  });

  test('invalid text: replacement characters, byte offset and the UTF-16 offset of the first bad byte', () => {
    // 😀 is 4 bytes and 2 UTF-16 units, é is 2 bytes and 1 unit: the bad byte is at byte offset 7, UTF-16 offset 4.
    const decoded = decodeBytes(bytes('😀aé', 0xff, 'z', 0xfe));
    assert.equal(decoded.text, '😀aé\ufffdz\ufffd');
    assert.deepEqual(decoded.encoding, { name: 'UTF-8', firstInvalidByte: { byteOffset: 7, textOffset: 4 } });
  });

  test('a BOM before the bad byte counts in the text offset (the core sees it too)', () => {
    const decoded = decodeBytes(bytes(0xef, 0xbb, 0xbf, 'ab', 0x92));
    assert.equal(decoded.text, '\ufeffab\ufffd');
    assert.deepEqual(decoded.encoding, { name: 'UTF-8', firstInvalidByte: { byteOffset: 5, textOffset: 3 } });
  });

  const text = 'firstname,exten\nJosé,1000\n';
  const utf32 = (little: boolean) =>
    Buffer.concat([...text].map((c) => {
      const b = Buffer.alloc(4);
      if (little) b.writeUInt32LE(c.codePointAt(0)!);
      else b.writeUInt32BE(c.codePointAt(0)!);
      return b;
    }));
  const cases: Array<[string, Buffer, string, string]> = [
    ['UTF-16LE with its BOM', Buffer.concat([bytes(0xff, 0xfe), Buffer.from(text, 'utf16le')]), 'UTF-16LE', '\ufeff' + text],
    ['UTF-16LE without BOM (NULs after ASCII)', Buffer.from(text, 'utf16le'), 'UTF-16LE', text],
    ['UTF-16BE with its BOM', Buffer.concat([bytes(0xfe, 0xff), Buffer.from(text, 'utf16le').swap16()]), 'UTF-16BE', '\ufeff' + text],
    ['UTF-16BE without BOM', Buffer.from(text, 'utf16le').swap16(), 'UTF-16BE', text],
    ['UTF-32LE with its BOM', Buffer.concat([bytes(0xff, 0xfe, 0, 0), utf32(true)]), 'UTF-32LE', '\ufeff' + text],
    ['UTF-32BE without BOM', utf32(false), 'UTF-32BE', text],
  ];
  for (const [name, input, encoding, decoded] of cases) {
    test(`${name}: decoded, and the encoding named`, () => {
      assert.deepEqual(decodeBytes(input), { text: decoded, encoding: { name: encoding } });
    });
  }

  test('UTF-8 text with a few NUL bytes is still UTF-8', () => {
    assert.deepEqual(decodeBytes(bytes('a,b\n', 0, 'c,d\n')).encoding, { name: 'UTF-8' });
  });
});
