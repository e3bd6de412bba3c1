import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, unescapeCell, cellAt } from '../../server/src/service/csv/parse';
import type { Cell, CsvDocument } from '../../server/src/service/types';

// Expected offsets below are counted by hand from the text; the comment above each text spells them out.

function plain(value: string, start: number): Cell {
  return { value, start, end: start + value.length, rawStart: start, rawEnd: start + value.length, quoted: false };
}

/** A quoted cell whose opening quote is at `rawStart` and whose content ends at `end`. */
function quoted(value: string, rawStart: number, end: number): Cell {
  return { value, start: rawStart + 1, end, rawStart, rawEnd: end + 1, quoted: true };
}

function shape(doc: CsvDocument) {
  return doc.rows.map((r) => ({ index: r.index, line: r.line, start: r.start, end: r.end }));
}

describe('parseCsv: records and cells', () => {
  test('plain cells with a final line break', () => {
    // a0 ,1 b2 c3 \n4 | 1 5 ,6 2 7 \n8
    const doc = parseCsv('a,bc\n1,2\n');
    assert.equal(doc.bom, false);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(shape(doc), [
      { index: 0, line: 0, start: 0, end: 4 },
      { index: 1, line: 1, start: 5, end: 8 },
    ]);
    assert.deepEqual(doc.rows[0].cells, [plain('a', 0), plain('bc', 2)]);
    assert.deepEqual(doc.rows[1].cells, [plain('1', 5), plain('2', 7)]);
  });

  test('quoted cell with "" escapes: content span keeps the escapes, value does not', () => {
    // x0 ,1 "2 s3 a4 y5 _6 "7 "8 h9 i10 "11 "12 "13 ,14 y15
    const doc = parseCsv('x,"say ""hi""",y');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.rows[0].cells, [plain('x', 0), quoted('say "hi"', 2, 13), plain('y', 15)]);
    assert.deepEqual(shape(doc), [{ index: 0, line: 0, start: 0, end: 16 }]);
  });

  test('quoted line break: the record spans two lines, the next record starts on line 3', () => {
    // h0 \n1 | "2 a3 \n4 b5 "6 ,7 c8 \n9 | d10
    const doc = parseCsv('h\n"a\nb",c\nd');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(shape(doc), [
      { index: 0, line: 0, start: 0, end: 1 },
      { index: 1, line: 1, start: 2, end: 9 },
      { index: 2, line: 3, start: 10, end: 11 },
    ]);
    assert.deepEqual(doc.rows[1].cells, [quoted('a\nb', 2, 6), plain('c', 8)]);
    assert.deepEqual(doc.rows[2].cells, [plain('d', 10)]);
  });

  test('CRLF line breaks, also inside a quoted cell', () => {
    // a0 ,1 b2 \r3 \n4 | "5 c6 \r7 \n8 d9 "10 ,11 e12 \r13 \n14 | f15 \r16 \n17
    const doc = parseCsv('a,b\r\n"c\r\nd",e\r\nf\r\n');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(shape(doc), [
      { index: 0, line: 0, start: 0, end: 3 },
      { index: 1, line: 1, start: 5, end: 13 },
      { index: 2, line: 3, start: 15, end: 16 },
    ]);
    assert.deepEqual(doc.rows[1].cells, [quoted('c\r\nd', 5, 10), plain('e', 12)]);
  });

  test('lone CR and mixed line breaks each end a record', () => {
    // a0 \r1 \n2 | b3 \n4 | c5 \r6 | d7
    const doc = parseCsv('a\r\nb\nc\rd');
    assert.deepEqual(shape(doc), [
      { index: 0, line: 0, start: 0, end: 1 },
      { index: 1, line: 1, start: 3, end: 4 },
      { index: 2, line: 2, start: 5, end: 6 },
      { index: 3, line: 3, start: 7, end: 8 },
    ]);
    assert.deepEqual(
      doc.rows.map((r) => r.cells[0].value),
      ['a', 'b', 'c', 'd'],
    );
  });

  test('byte-order mark: flagged, counted in offsets, not part of the first value', () => {
    // BOM0 n1 a2 m3 e4 ,5 e6 x7 t8 \n9 | J10 o11 ,12 1 13
    const doc = parseCsv('\uFEFFname,ext\nJo,1');
    assert.equal(doc.bom, true);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(shape(doc), [
      { index: 0, line: 0, start: 1, end: 9 },
      { index: 1, line: 1, start: 10, end: 14 },
    ]);
    assert.deepEqual(doc.rows[0].cells, [plain('name', 1), plain('ext', 6)]);
    assert.deepEqual(doc.rows[1].cells, [plain('Jo', 10), plain('1', 13)]);
  });

  test('U+FEFF at the start of a later record is data, not a byte-order mark', () => {
    // a0 \n1 | FEFF2 b3
    const doc = parseCsv('a\n\uFEFFb');
    assert.equal(doc.bom, false);
    assert.deepEqual(doc.rows[1].cells, [plain('\uFEFFb', 2)]);
  });

  test('blank lines are not records and do not shift record indexes; lines still count them', () => {
    // a0 \n1 | \n2 | \r3 \n4 | \n5 | b6 \n7 | \n8
    const doc = parseCsv('a\n\n\r\n\nb\n\n');
    assert.deepEqual(shape(doc), [
      { index: 0, line: 0, start: 0, end: 1 },
      { index: 1, line: 4, start: 6, end: 7 },
    ]);
    const leading = parseCsv('\n\nh,i');
    assert.deepEqual(shape(leading), [{ index: 0, line: 2, start: 2, end: 5 }]);
  });

  test('empty cells: in the middle, trailing, a lone comma, an empty quoted cell', () => {
    assert.deepEqual(parseCsv('a,,b').rows[0].cells, [plain('a', 0), plain('', 2), plain('b', 3)]);
    assert.deepEqual(parseCsv('a,').rows[0].cells, [plain('a', 0), plain('', 2)]);
    assert.deepEqual(parseCsv(',').rows[0].cells, [plain('', 0), plain('', 1)]);
    // "0 "1 ,2 x3
    assert.deepEqual(parseCsv('"",x').rows[0].cells, [quoted('', 0, 1), plain('x', 3)]);
  });

  test('a line of spaces is a record, not a blank line', () => {
    assert.deepEqual(parseCsv('h\n  \n').rows[1].cells, [plain('  ', 2)]);
  });

  test('empty text and a lone byte-order mark have no rows', () => {
    assert.deepEqual(parseCsv(''), { text: '', bom: false, rows: [], errors: [] });
    assert.deepEqual(parseCsv('\uFEFF'), { text: '\uFEFF', bom: true, rows: [], errors: [] });
    assert.deepEqual(parseCsv('\n\r\n').rows, []);
  });

  test('offsets are UTF-16 indexes: accents and surrogate pairs before cells', () => {
    // é0 ,1 😀2-3 x4 \n5 | "6 ü7 "8 ,9 z10
    const doc = parseCsv('é,😀x\n"ü",z');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.rows[0].cells, [plain('é', 0), plain('😀x', 2)]);
    assert.deepEqual(shape(doc)[1], { index: 1, line: 1, start: 6, end: 11 });
    assert.deepEqual(doc.rows[1].cells, [quoted('ü', 6, 8), plain('z', 10)]);
  });

  test('a lone surrogate is kept in the value (not replaced by U+FFFD)', () => {
    const doc = parseCsv('a\uD800,b\n"\uDC00"');
    assert.deepEqual(doc.rows[0].cells, [plain('a\uD800', 0), plain('b', 3)]);
    // "5 DC00 6 "7
    assert.deepEqual(doc.rows[1].cells, [quoted('\uDC00', 5, 7)]);
  });

  test('a quoted JSON cell among short ones', () => {
    const json = JSON.stringify({ phones: [{ mac: '00:11', lines: ['a,b', 'c\nd'] }] });
    const escaped = json.replace(/"/g, '""');
    const text = `id,phones\n7,"${escaped}"\n8,`;
    const doc = parseCsv(text);
    assert.deepEqual(doc.errors, []);
    // i0 d1 ,2 p3..s8 \n9 | 7 10 ,11 "12, content from 13 to 13 + escaped.length, then " and \n | 8 ,
    const contentEnd = 13 + escaped.length;
    assert.deepEqual(doc.rows[1].cells, [plain('7', 10), quoted(json, 12, contentEnd)]);
    assert.deepEqual(shape(doc)[2], { index: 2, line: 2, start: contentEnd + 2, end: contentEnd + 4 });
    assert.deepEqual(doc.rows[2].cells, [plain('8', contentEnd + 2), plain('', contentEnd + 4)]);
  });
});

describe('parseCsv: structural errors and recovery', () => {
  test('unterminated quote: error at the opening quote, cell ends at its line, later rows still parsed', () => {
    // h0 1 ,2 h3 2 4 \n5 | a6 ,7 "8 b9 c10 \n11 | d12 ,13 e14 \n15
    const doc = parseCsv('h1,h2\na,"bc\nd,e\n');
    assert.equal(doc.errors.length, 1);
    const [error] = doc.errors;
    assert.equal(error.code, 'csv-unterminated-quote');
    assert.deepEqual({ start: error.start, end: error.end }, { start: 8, end: 9 });
    assert.match(error.message, /never closed/);
    assert.deepEqual(shape(doc), [
      { index: 0, line: 0, start: 0, end: 5 },
      { index: 1, line: 1, start: 6, end: 11 },
      { index: 2, line: 2, start: 12, end: 15 },
    ]);
    assert.deepEqual(doc.rows[1].cells, [
      plain('a', 6),
      { value: 'bc', start: 9, end: 11, rawStart: 8, rawEnd: 11, quoted: true },
    ]);
    assert.deepEqual(doc.rows[2].cells, [plain('d', 12), plain('e', 14)]);
  });

  test('unterminated quote that a later quoted cell would "close": blamed on the opening quote, not later', () => {
    // a0 ,1 "2 b3 \n4 | c5 ,6 d7 \n8 | e9 ,10 "11 f12 "13 \n14
    const doc = parseCsv('a,"b\nc,d\ne,"f"\n');
    assert.deepEqual(
      doc.errors.map((e) => ({ code: e.code, start: e.start, end: e.end })),
      [{ code: 'csv-unterminated-quote', start: 2, end: 3 }],
    );
    assert.deepEqual(shape(doc), [
      { index: 0, line: 0, start: 0, end: 4 },
      { index: 1, line: 1, start: 5, end: 8 },
      { index: 2, line: 2, start: 9, end: 14 },
    ]);
    assert.deepEqual(doc.rows[2].cells, [plain('e', 9), quoted('f', 11, 13)]);
  });

  test('unterminated quote on the last line without a line break', () => {
    // a0 ,1 "2 b3
    const doc = parseCsv('a,"b');
    assert.deepEqual(doc.errors.map((e) => [e.code, e.start, e.end]), [['csv-unterminated-quote', 2, 3]]);
    assert.deepEqual(doc.rows[0].cells[1], { value: 'b', start: 3, end: 4, rawStart: 2, rawEnd: 4, quoted: true });
  });

  test('text after a closing quote: error at the first character after it, row kept, next row parsed', () => {
    // a0 ,1 "2 b3 "4 c5 ,6 d7 \n8 | e9 ,10 f11
    const doc = parseCsv('a,"b"c,d\ne,f');
    assert.equal(doc.errors.length, 1);
    const [error] = doc.errors;
    assert.equal(error.code, 'csv-text-after-quote');
    assert.deepEqual({ start: error.start, end: error.end }, { start: 5, end: 6 });
    // The message does not echo the cell's text (it could be a password).
    assert.match(error.message, /^Unexpected text after the closing quote/);
    assert.doesNotMatch(error.message, /'c'|"c"/);
    assert.deepEqual(doc.rows[0].cells, [
      plain('a', 0),
      { value: 'bc', start: 3, end: 6, rawStart: 2, rawEnd: 6, quoted: true },
      plain('d', 7),
    ]);
    assert.deepEqual(shape(doc)[1], { index: 1, line: 1, start: 9, end: 12 });
    assert.deepEqual(doc.rows[1].cells, [plain('e', 9), plain('f', 11)]);
  });

  test('text after a closing quote: the error spans a whole surrogate pair; invisible characters are named', () => {
    // "0 a1 "2 😀3-4 ,5 b6
    const doc = parseCsv('"a"😀,b');
    assert.deepEqual(doc.errors.map((e) => [e.code, e.start, e.end]), [['csv-text-after-quote', 3, 5]]);
    const tab = parseCsv('"a"\t,b');
    assert.deepEqual(tab.errors.map((e) => [e.code, e.start, e.end]), [['csv-text-after-quote', 3, 4]]);
    assert.match(tab.errors[0].message, /U\+0009 after the closing quote/);
  });

  test('quote inside an unquoted cell: error at that quote, value keeps it, next row parsed', () => {
    // a0 b1 "2 c3 ,4 d5 \n6 | e7
    const doc = parseCsv('ab"c,d\ne');
    assert.equal(doc.errors.length, 1);
    const [error] = doc.errors;
    assert.equal(error.code, 'csv-quote-in-unquoted-cell');
    assert.deepEqual({ start: error.start, end: error.end }, { start: 2, end: 3 });
    assert.match(error.message, /Quote inside an unquoted cell/);
    assert.deepEqual(doc.rows[0].cells, [plain('ab"c', 0), plain('d', 5)]);
    assert.deepEqual(doc.rows[1].cells, [plain('e', 7)]);
  });

  test('several errors in one file are all reported, in order, and every row is kept', () => {
    // h0 \n1 | "2 x3 \n4 | y5 "6 z7 \n8 | "9 p10 "11 q12 \n13 | ok14-15
    const doc = parseCsv('h\n"x\ny"z\n"p"q\nok');
    assert.deepEqual(
      doc.errors.map((e) => [e.code, e.start, e.end]),
      [
        ['csv-unterminated-quote', 2, 3],
        ['csv-quote-in-unquoted-cell', 6, 7],
        ['csv-text-after-quote', 12, 13],
      ],
    );
    assert.deepEqual(
      doc.rows.map((r) => [r.index, r.line, r.cells.map((c) => c.value)]),
      [
        [0, 0, ['h']],
        [1, 1, ['x']],
        [2, 2, ['y"z']],
        [3, 3, ['pq']],
        [4, 4, ['ok']],
      ],
    );
  });

  test('a valid file has no errors (the failing cases above are not false alarms)', () => {
    assert.deepEqual(parseCsv('a,"b,c","d""e"\r\n"f\ng",h\n').errors, []);
  });
});

describe('unescapeCell', () => {
  test('turns each "" into " and leaves other text alone', () => {
    assert.equal(unescapeCell('say ""hi""'), 'say "hi"');
    assert.equal(unescapeCell('""""'), '""');
    assert.equal(unescapeCell('plain'), 'plain');
    assert.equal(unescapeCell(''), '');
  });
});

describe('cellAt', () => {
  // a0 ,1 "2 b3 _4 c5 "6 \n7 | d8 ,9 (empty cell at 10)
  const doc = parseCsv('a,"b c"\nd,');

  test('finds the cell around an offset, ends included', () => {
    const at = (offset: number) => {
      const found = cellAt(doc, offset);
      return found && [found.row.index, found.column, found.cell.value];
    };
    assert.deepEqual(at(0), [0, 0, 'a']);
    assert.deepEqual(at(1), [0, 0, 'a']);
    assert.deepEqual(at(2), [0, 1, 'b c']);
    assert.deepEqual(at(4), [0, 1, 'b c']);
    assert.deepEqual(at(7), [0, 1, 'b c']);
    assert.deepEqual(at(8), [1, 0, 'd']);
    assert.deepEqual(at(10), [1, 1, '']);
  });

  test('undefined outside records: before the text, on blank lines, past the end', () => {
    assert.equal(cellAt(doc, -1), undefined);
    assert.equal(cellAt(doc, 11), undefined);
    // a0 \n1 | \n2 | b3
    assert.equal(cellAt(parseCsv('a\n\nb'), 2), undefined);
    assert.equal(cellAt(parseCsv(''), 0), undefined);
  });
});
