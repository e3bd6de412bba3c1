// The CSV model on hand-written cases: records, cells and their exact spans, values, structural errors and
// recovery, and cellAt. Expected offsets are counted by hand from the text; the comment above each text
// spells them out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvModel } from '../../server/src/service/csv/model';
import { unescapeCell } from '../../server/src/service/csv/unescape';
import { cellAt } from '../../server/src/service/features/document';
import { diffTexts } from '../../server/src/service/text/textChange';
import { dumpRecords, valuesOf, type CellDump } from '../support/csvModel';

function plain(value: string, start: number): CellDump {
  return { value, start, end: start + value.length, rawStart: start, rawEnd: start + value.length, quoted: false };
}

/** A quoted cell whose opening quote is at `rawStart` and whose content ends at `end`. */
function quoted(value: string, rawStart: number, end: number): CellDump {
  return { value, start: rawStart + 1, end, rawStart, rawEnd: end + 1, quoted: true };
}

/** Each record's index, first line and span. */
function shape(model: CsvModel) {
  return dumpRecords(model).map((r, index) => ({ index, line: r.line, start: r.start, end: r.end }));
}

/** The cells of record `r`, spans and values. */
function cells(model: CsvModel, r: number): CellDump[] {
  assert.ok(r < model.recordCount, `record ${r} exists`);
  return dumpRecords(model)[r].cells;
}

function errorsOf(model: CsvModel): Array<[string, number, number]> {
  return model.errors().map((e) => [e.code, e.start, e.end]);
}

describe('CsvModel: records and cells', () => {
  test('plain cells with a final line break', () => {
    // a0 ,1 b2 c3 \n4 | 1 5 ,6 2 7 \n8
    const model = new CsvModel('a,bc\n1,2\n');
    assert.equal(model.bom, false);
    assert.deepEqual(model.errors(), []);
    assert.deepEqual(shape(model), [
      { index: 0, line: 0, start: 0, end: 4 },
      { index: 1, line: 1, start: 5, end: 8 },
    ]);
    assert.deepEqual(cells(model, 0), [plain('a', 0), plain('bc', 2)]);
    assert.deepEqual(cells(model, 1), [plain('1', 5), plain('2', 7)]);
  });

  test('quoted cell with "" escapes: content span keeps the escapes, value does not', () => {
    // x0 ,1 "2 s3 a4 y5 _6 "7 "8 h9 i10 "11 "12 "13 ,14 y15
    const model = new CsvModel('x,"say ""hi""",y');
    assert.deepEqual(model.errors(), []);
    assert.deepEqual(cells(model, 0), [plain('x', 0), quoted('say "hi"', 2, 13), plain('y', 15)]);
    assert.equal(model.content(0, 1), 'say ""hi""');
    assert.deepEqual(shape(model), [{ index: 0, line: 0, start: 0, end: 16 }]);
  });

  test('quoted line break: the record spans two lines, the next record starts on line 3', () => {
    // h0 \n1 | "2 a3 \n4 b5 "6 ,7 c8 \n9 | d10
    const model = new CsvModel('h\n"a\nb",c\nd');
    assert.deepEqual(model.errors(), []);
    assert.deepEqual(shape(model), [
      { index: 0, line: 0, start: 0, end: 1 },
      { index: 1, line: 1, start: 2, end: 9 },
      { index: 2, line: 3, start: 10, end: 11 },
    ]);
    assert.deepEqual(cells(model, 1), [quoted('a\nb', 2, 6), plain('c', 8)]);
    assert.deepEqual(cells(model, 2), [plain('d', 10)]);
  });

  test('CRLF line breaks, also inside a quoted cell', () => {
    // a0 ,1 b2 \r3 \n4 | "5 c6 \r7 \n8 d9 "10 ,11 e12 \r13 \n14 | f15 \r16 \n17
    const model = new CsvModel('a,b\r\n"c\r\nd",e\r\nf\r\n');
    assert.deepEqual(model.errors(), []);
    assert.deepEqual(shape(model), [
      { index: 0, line: 0, start: 0, end: 3 },
      { index: 1, line: 1, start: 5, end: 13 },
      { index: 2, line: 3, start: 15, end: 16 },
    ]);
    assert.deepEqual(cells(model, 1), [quoted('c\r\nd', 5, 10), plain('e', 12)]);
  });

  test('lone CR and mixed line breaks each end a record', () => {
    // a0 \r1 \n2 | b3 \n4 | c5 \r6 | d7
    const model = new CsvModel('a\r\nb\nc\rd');
    assert.deepEqual(shape(model), [
      { index: 0, line: 0, start: 0, end: 1 },
      { index: 1, line: 1, start: 3, end: 4 },
      { index: 2, line: 2, start: 5, end: 6 },
      { index: 3, line: 3, start: 7, end: 8 },
    ]);
    assert.deepEqual(valuesOf(model), [['a'], ['b'], ['c'], ['d']]);
  });

  test('byte-order mark: flagged, counted in offsets, not part of the first value', () => {
    // BOM0 n1 a2 m3 e4 ,5 e6 x7 t8 \n9 | J10 o11 ,12 1 13
    const model = new CsvModel('\uFEFFname,ext\nJo,1');
    assert.equal(model.bom, true);
    assert.deepEqual(model.errors(), []);
    assert.deepEqual(shape(model), [
      { index: 0, line: 0, start: 1, end: 9 },
      { index: 1, line: 1, start: 10, end: 14 },
    ]);
    assert.deepEqual(cells(model, 0), [plain('name', 1), plain('ext', 6)]);
    assert.deepEqual(cells(model, 1), [plain('Jo', 10), plain('1', 13)]);
  });

  test('U+FEFF at the start of a later record is data, not a byte-order mark', () => {
    // a0 \n1 | FEFF2 b3
    const model = new CsvModel('a\n\uFEFFb');
    assert.equal(model.bom, false);
    assert.deepEqual(cells(model, 1), [plain('\uFEFFb', 2)]);
  });

  test('blank lines are not records and do not shift record indexes; lines still count them', () => {
    // a0 \n1 | \n2 | \r3 \n4 | \n5 | b6 \n7 | \n8
    const model = new CsvModel('a\n\n\r\n\nb\n\n');
    assert.deepEqual(shape(model), [
      { index: 0, line: 0, start: 0, end: 1 },
      { index: 1, line: 4, start: 6, end: 7 },
    ]);
    const leading = new CsvModel('\n\nh,i');
    assert.deepEqual(shape(leading), [{ index: 0, line: 2, start: 2, end: 5 }]);
  });

  test('empty cells: in the middle, trailing, a lone comma, an empty quoted cell', () => {
    assert.deepEqual(cells(new CsvModel('a,,b'), 0), [plain('a', 0), plain('', 2), plain('b', 3)]);
    assert.deepEqual(cells(new CsvModel('a,'), 0), [plain('a', 0), plain('', 2)]);
    assert.deepEqual(cells(new CsvModel(','), 0), [plain('', 0), plain('', 1)]);
    // "0 "1 ,2 x3
    assert.deepEqual(cells(new CsvModel('"",x'), 0), [quoted('', 0, 1), plain('x', 3)]);
  });

  test('a cell the record does not have reads as empty', () => {
    const model = new CsvModel('a,b\nc\n');
    assert.equal(model.cellCount(1), 1);
    assert.equal(model.value(1, 1), '');
    assert.equal(model.content(1, 1), '');
    assert.equal(model.isEmpty(1, 1), true);
  });

  test('a line of spaces is a record, not a blank line', () => {
    assert.deepEqual(cells(new CsvModel('h\n  \n'), 1), [plain('  ', 2)]);
  });

  test('empty text and a lone byte-order mark have no records', () => {
    for (const [text, bom] of [['', false], ['\uFEFF', true], ['\n\r\n', false]] as const) {
      const model = new CsvModel(text);
      assert.equal(model.text, text);
      assert.equal(model.bom, bom);
      assert.equal(model.recordCount, 0, JSON.stringify(text));
      assert.deepEqual(model.errors(), []);
    }
  });

  test('offsets are UTF-16 indexes: accents and surrogate pairs before cells', () => {
    // é0 ,1 😀2-3 x4 \n5 | "6 ü7 "8 ,9 z10
    const model = new CsvModel('é,😀x\n"ü",z');
    assert.deepEqual(model.errors(), []);
    assert.deepEqual(cells(model, 0), [plain('é', 0), plain('😀x', 2)]);
    assert.deepEqual(shape(model)[1], { index: 1, line: 1, start: 6, end: 11 });
    assert.deepEqual(cells(model, 1), [quoted('ü', 6, 8), plain('z', 10)]);
  });

  test('a lone surrogate is kept in the value (not replaced by U+FFFD)', () => {
    const model = new CsvModel('a\uD800,b\n"\uDC00"');
    assert.deepEqual(cells(model, 0), [plain('a\uD800', 0), plain('b', 3)]);
    // "5 DC00 6 "7
    assert.deepEqual(cells(model, 1), [quoted('\uDC00', 5, 7)]);
  });

  test('a quoted JSON cell among short ones', () => {
    const json = JSON.stringify({ phones: [{ mac: '00:11', lines: ['a,b', 'c\nd'] }] });
    const escaped = json.replace(/"/g, '""');
    const text = `id,phones\n7,"${escaped}"\n8,`;
    const model = new CsvModel(text);
    assert.deepEqual(model.errors(), []);
    // i0 d1 ,2 p3..s8 \n9 | 7 10 ,11 "12, content from 13 to 13 + escaped.length, then " and \n | 8 ,
    const contentEnd = 13 + escaped.length;
    assert.deepEqual(cells(model, 1), [plain('7', 10), quoted(json, 12, contentEnd)]);
    assert.deepEqual(shape(model)[2], { index: 2, line: 2, start: contentEnd + 2, end: contentEnd + 4 });
    assert.deepEqual(cells(model, 2), [plain('8', contentEnd + 2), plain('', contentEnd + 4)]);
  });
});

describe('CsvModel: structural errors and recovery', () => {
  test('unterminated quote: error at the opening quote, cell ends at its line, later records still read', () => {
    // h0 1 ,2 h3 2 4 \n5 | a6 ,7 "8 b9 c10 \n11 | d12 ,13 e14 \n15
    const model = new CsvModel('h1,h2\na,"bc\nd,e\n');
    assert.equal(model.errors().length, 1);
    const [error] = model.errors();
    assert.equal(error.code, 'csv-unterminated-quote');
    assert.deepEqual({ start: error.start, end: error.end }, { start: 8, end: 9 });
    assert.match(error.message, /never closed/);
    assert.deepEqual(shape(model), [
      { index: 0, line: 0, start: 0, end: 5 },
      { index: 1, line: 1, start: 6, end: 11 },
      { index: 2, line: 2, start: 12, end: 15 },
    ]);
    assert.deepEqual(cells(model, 1), [plain('a', 6), { value: 'bc', start: 9, end: 11, rawStart: 8, rawEnd: 11, quoted: true }]);
    assert.deepEqual(cells(model, 2), [plain('d', 12), plain('e', 14)]);
    assert.deepEqual([model.hasErrors(0), model.hasErrors(1), model.hasErrors(2)], [false, true, false]);
    assert.deepEqual(model.recordErrors(1), model.errors());
  });

  test('unterminated quote that a later quoted cell would "close": blamed on the opening quote, not later', () => {
    // a0 ,1 "2 b3 \n4 | c5 ,6 d7 \n8 | e9 ,10 "11 f12 "13 \n14
    const model = new CsvModel('a,"b\nc,d\ne,"f"\n');
    assert.deepEqual(errorsOf(model), [['csv-unterminated-quote', 2, 3]]);
    assert.deepEqual(shape(model), [
      { index: 0, line: 0, start: 0, end: 4 },
      { index: 1, line: 1, start: 5, end: 8 },
      { index: 2, line: 2, start: 9, end: 14 },
    ]);
    assert.deepEqual(cells(model, 2), [plain('e', 9), quoted('f', 11, 13)]);
  });

  test('unterminated quote on the last line without a line break', () => {
    // a0 ,1 "2 b3
    const model = new CsvModel('a,"b');
    assert.deepEqual(errorsOf(model), [['csv-unterminated-quote', 2, 3]]);
    assert.deepEqual(cells(model, 0)[1], { value: 'b', start: 3, end: 4, rawStart: 2, rawEnd: 4, quoted: true });
  });

  test('text after a closing quote: error at the first character after it, record kept, next record read', () => {
    // a0 ,1 "2 b3 "4 c5 ,6 d7 \n8 | e9 ,10 f11
    const model = new CsvModel('a,"b"c,d\ne,f');
    assert.equal(model.errors().length, 1);
    const [error] = model.errors();
    assert.equal(error.code, 'csv-text-after-quote');
    assert.deepEqual({ start: error.start, end: error.end }, { start: 5, end: 6 });
    // The message does not echo the cell's text (it could be a password).
    assert.match(error.message, /^Unexpected text after the closing quote/);
    assert.doesNotMatch(error.message, /'c'|"c"/);
    // The value is csv-parse's with relax_quotes: the quoted part in its quotes, then the rest as written.
    assert.deepEqual(cells(model, 0), [plain('a', 0), { value: '"b"c', start: 3, end: 6, rawStart: 2, rawEnd: 6, quoted: true }, plain('d', 7)]);
    assert.deepEqual(shape(model)[1], { index: 1, line: 1, start: 9, end: 12 });
    assert.deepEqual(cells(model, 1), [plain('e', 9), plain('f', 11)]);
  });

  test('text after a closing quote: the quoted part is unescaped, the rest kept as written', () => {
    assert.deepEqual(valuesOf(new CsvModel('"a""b"c""d,e')), [['"a"b"c""d', 'e']]);
  });

  test('text after a closing quote: the error spans a whole surrogate pair; invisible characters are named', () => {
    // "0 a1 "2 😀3-4 ,5 b6
    assert.deepEqual(errorsOf(new CsvModel('"a"😀,b')), [['csv-text-after-quote', 3, 5]]);
    const tab = new CsvModel('"a"\t,b');
    assert.deepEqual(errorsOf(tab), [['csv-text-after-quote', 3, 4]]);
    assert.match(tab.errors()[0].message, /U\+0009 after the closing quote/);
  });

  test('quote inside an unquoted cell: error at that quote, value keeps it, next record read', () => {
    // a0 b1 "2 c3 ,4 d5 \n6 | e7
    const model = new CsvModel('ab"c,d\ne');
    assert.equal(model.errors().length, 1);
    const [error] = model.errors();
    assert.equal(error.code, 'csv-quote-in-unquoted-cell');
    assert.deepEqual({ start: error.start, end: error.end }, { start: 2, end: 3 });
    assert.match(error.message, /Quote inside an unquoted cell/);
    assert.deepEqual(cells(model, 0), [plain('ab"c', 0), plain('d', 5)]);
    assert.deepEqual(cells(model, 1), [plain('e', 7)]);
  });

  test('several errors in one file are all reported, in order, and every record is kept', () => {
    // h0 \n1 | "2 x3 \n4 | y5 "6 z7 \n8 | "9 p10 "11 q12 \n13 | ok14-15
    const model = new CsvModel('h\n"x\ny"z\n"p"q\nok');
    assert.deepEqual(errorsOf(model), [
      ['csv-unterminated-quote', 2, 3],
      ['csv-quote-in-unquoted-cell', 6, 7],
      ['csv-text-after-quote', 12, 13],
    ]);
    assert.deepEqual(
      dumpRecords(model).map((r, index) => [index, r.line, r.cells.map((c) => c.value)]),
      [
        [0, 0, ['h']],
        [1, 1, ['x']],
        [2, 2, ['y"z']],
        [3, 3, ['"p"q']],
        [4, 4, ['ok']],
      ],
    );
  });

  test('a valid file has no errors (the failing cases above are not false alarms)', () => {
    const model = new CsvModel('a,"b,c","d""e"\r\n"f\ng",h\n');
    assert.deepEqual(model.errors(), []);
    assert.deepEqual(valuesOf(model), [['a', 'b,c', 'd"e'], ['f\ng', 'h']]);
  });
});

describe('CsvModel: edits', () => {
  test('pasting 40 rows (more records than a new scan\'s arrays start with) gives the model of the new text', () => {
    const rows = (count: number, name: string) => Array.from({ length: count }, (_, i) => `${name}${i},x\n`).join('');
    const text = `h,v\n${rows(3, 'a')}`;
    const next = `h,v\n${rows(40, 'b')}${rows(3, 'a')}`;
    const model = new CsvModel(text);
    let replaced: [number, number] | undefined;
    const splice = model.update(next, diffTexts(text, next)!, (from, to) => (replaced = [from, to]));
    // The header is scanned again (its scan looked one character past its line break, where the paste is),
    // then the 40 pasted records; "a0" is then found where it was, moved.
    assert.deepEqual(replaced, [0, 1]);
    assert.deepEqual(splice, { from: 0, removed: 1, added: 41 });
    const fresh = new CsvModel(next);
    assert.deepEqual(dumpRecords(model), dumpRecords(fresh));
    assert.deepEqual(valuesOf(model)[40], ['b39', 'x']);
    assert.deepEqual(valuesOf(model)[41], ['a0', 'x']);
  });
});

describe('unescapeCell', () => {
  test('turns each "" into " and leaves other text alone', () => {
    assert.equal(unescapeCell('say ""hi""'), 'say "hi"');
    assert.equal(unescapeCell('""""'), '""');
    assert.equal(unescapeCell('plain'), 'plain');
    assert.equal(unescapeCell(''), '');
  });

  test('a lone quote (of a broken cell) is kept', () => {
    assert.equal(unescapeCell('a"b'), 'a"b');
    assert.equal(unescapeCell('"""'), '""');
  });
});

describe('cellAt', () => {
  // a0 ,1 "2 b3 _4 c5 "6 \n7 | d8 ,9 (empty cell at 10)
  const model = new CsvModel('a,"b c"\nd,');

  test('finds the cell around an offset, ends included', () => {
    const at = (offset: number) => {
      const found = cellAt(model, offset);
      return found && [found.record, found.column, found.cell.value];
    };
    assert.deepEqual(at(0), [0, 0, 'a']);
    assert.deepEqual(at(1), [0, 0, 'a']);
    assert.deepEqual(at(2), [0, 1, 'b c']);
    assert.deepEqual(at(4), [0, 1, 'b c']);
    assert.deepEqual(at(7), [0, 1, 'b c']);
    assert.deepEqual(at(8), [1, 0, 'd']);
    assert.deepEqual(at(10), [1, 1, '']);
  });

  test('gives the cell\'s spans with its value', () => {
    assert.deepEqual(cellAt(model, 4), { record: 0, column: 1, cell: { start: 3, end: 6, rawStart: 2, rawEnd: 7, quoted: true, value: 'b c' } });
  });

  test('undefined outside records: before the text, on blank lines, past the end', () => {
    assert.equal(cellAt(model, -1), undefined);
    assert.equal(cellAt(model, 11), undefined);
    // a0 \n1 | \n2 | b3
    assert.equal(cellAt(new CsvModel('a\n\nb'), 2), undefined);
    assert.equal(cellAt(new CsvModel(''), 0), undefined);
  });
});
