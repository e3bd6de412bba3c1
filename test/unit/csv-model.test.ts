// The CSV model: positions of records and cells, values, structural errors, and edits (an updated model is
// the model of the new text, whatever the edit).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsvModel } from '../../server/src/service/csv/model';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { diffTexts } from '../../server/src/service/text/textChange';
import { dumpRecords, valuesOf } from '../support/csvModel';

const isLineBreak = (c: string) => c === '\n' || c === '\r';

/** Invariants that hold for any input, valid or not. */
function checkInvariants(text: string, model: CsvModel): void {
  assert.equal(model.text, text);
  assert.equal(model.bom, text.startsWith('\uFEFF'));
  const lines = new LineIndex(text);
  let covered = model.bom ? 1 : 0; // everything before this offset belongs to a record, a line break or the BOM
  dumpRecords(model).forEach((record, r) => {
    assert.ok(record.start >= covered && record.end >= record.start && record.end <= text.length, 'record inside the text, in order');
    for (let k = covered; k < record.start; k++) assert.ok(isLineBreak(text[k]), `only line breaks before record ${r}`);
    assert.equal(record.line, lines.positionAt(record.start).line, 'line of the record start');
    assert.ok(record.cells.length > 0);
    assert.equal(record.cells[0].rawStart, record.start);
    assert.equal(record.cells[record.cells.length - 1].rawEnd, record.end);
    record.cells.forEach((cell, c) => {
      assert.ok(cell.rawStart <= cell.start && cell.start <= cell.end && cell.end <= cell.rawEnd, 'spans nested');
      if (c > 0) {
        assert.equal(cell.rawStart, record.cells[c - 1].rawEnd + 1, 'cells in order, one comma apart');
        assert.equal(text[record.cells[c - 1].rawEnd], ',');
      }
      assert.equal(cell.quoted, text[cell.rawStart] === '"');
      if (cell.quoted) assert.equal(cell.start, cell.rawStart + 1);
      assert.equal(model.recordAt(cell.start), r, 'recordAt finds the record of each cell');
      assert.equal(model.columnAt(r, cell.rawStart), c, 'columnAt finds each cell by its start');
    });
    assert.ok(record.end === text.length || isLineBreak(text[record.end]), 'a record ends at a line break or the end');
    covered = record.end;
  });
  for (let k = covered; k < text.length; k++) assert.ok(isLineBreak(text[k]), 'only line breaks after the last record');
  let previous = -1;
  for (const error of model.errors()) {
    assert.ok(error.start >= 0 && error.start < error.end && error.end <= text.length, 'error span inside the text');
    assert.ok(error.start > previous, 'errors in document order');
    previous = error.start;
  }
}

describe('positions and values', () => {
  test('records, cells, quoted spans and values', () => {
    const text = 'name,"a ""b"", c"\r\n\r\nx,\n';
    const model = new CsvModel(text);
    assert.deepEqual(dumpRecords(model), [
      {
        start: 0,
        end: 17,
        line: 0,
        cells: [
          { rawStart: 0, rawEnd: 4, start: 0, end: 4, quoted: false, value: 'name' },
          { rawStart: 5, rawEnd: 17, start: 6, end: 16, quoted: true, value: 'a "b", c' },
        ],
      },
      {
        start: 21,
        end: 23,
        line: 2,
        cells: [
          { rawStart: 21, rawEnd: 22, start: 21, end: 22, quoted: false, value: 'x' },
          { rawStart: 23, rawEnd: 23, start: 23, end: 23, quoted: false, value: '' },
        ],
      },
    ]);
    assert.deepEqual(model.errors(), []);
  });

  test('a byte-order mark is not part of the first cell; offsets count it', () => {
    const model = new CsvModel('\uFEFFa,b\n');
    assert.equal(model.bom, true);
    assert.deepEqual(dumpRecords(model)[0].cells[0], { rawStart: 1, rawEnd: 2, start: 1, end: 2, quoted: false, value: 'a' });
  });

  test('an unterminated quote is reported at the quote and ends its cell at the end of the line', () => {
    const text = 'a,"b,c\nd,e\n';
    const model = new CsvModel(text);
    assert.deepEqual(valuesOf(model), [['a', 'b,c'], ['d', 'e']]);
    const [error] = model.errors();
    assert.equal(error.code, 'csv-unterminated-quote');
    assert.deepEqual([error.start, error.end], [2, 3]);
    assert.equal(model.hasErrors(0), true);
    assert.equal(model.hasErrors(1), false);
  });

  test('text after a closing quote and a quote in an unquoted cell are located at the offending character', () => {
    const text = '"ab"c,x"y\n';
    const model = new CsvModel(text);
    assert.deepEqual(
      model.errors().map((e) => [e.code, e.start, e.end]),
      [
        ['csv-text-after-quote', 4, 5],
        ['csv-quote-in-unquoted-cell', 7, 8],
      ],
    );
    assert.match(model.errors()[0].message, /^Unexpected text after the closing quote/);
  });
});

const pieces = ['"', '""', ',', '\n', '\r', '\r\n', '\uFEFF', 'a', 'b', 'é', '😀', '\uD83D', ' ', '\t'];
const csvish = (maxLength: number) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
const runs = (n: number) => ({ numRuns: Number(process.env.CSV_PROPERTY_RUNS ?? n), seed: 20261202 });

test('any CSV-ish text: spans inside the text and in order, nothing lost', () => {
  fc.assert(fc.property(csvish(60), (text) => checkInvariants(text, new CsvModel(text))), runs(3000));
});

test('long CSV-ish texts: the same invariants over many records and errors', () => {
  fc.assert(fc.property(csvish(400), (text) => checkInvariants(text, new CsvModel(text))), runs(500));
});

/** Independent RFC 4180 reader (character by character) for valid input: records of values, blank lines skipped. */
function referenceRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  const endRecord = () => {
    if (fieldStarted || record.length > 0) records.push([...record, field]);
    record = [];
    field = '';
    fieldStarted = false;
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"') {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  endRecord();
  return records;
}

test('any CSV-ish text without structural errors: values are the unescaped spans and match a reference reader', () => {
  let valid = 0;
  fc.assert(
    fc.property(csvish(40), (text) => {
      const model = new CsvModel(text);
      if (model.errors().length > 0) return;
      valid++;
      for (const record of dumpRecords(model)) {
        for (const cell of record.cells) assert.equal(cell.value, text.slice(cell.start, cell.end).replace(/""/g, '"'));
      }
      assert.deepEqual(valuesOf(model), referenceRecords(text));
    }),
    runs(3000),
  );
  assert.ok(valid > 0, 'some generated texts are valid CSV');
});

// Tables written the way a spreadsheet writes them; reading them back must give the same values, and each
// cell's span must hold exactly the written (escaped) value.
const valueArb = fc.array(fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '\r\n', 'é', '😀', '{"k":[1]}'), { maxLength: 6 }).map((p) => p.join(''));
const tableArb = fc.array(fc.array(valueArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });

test('written tables read back: same values, spans over the written text, no errors', () => {
  fc.assert(
    fc.property(tableArb, fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (table, bom, eol, finalEol) => {
      const needsQuotes = (v: string) => /[",\r\n]/.test(v);
      const written = table.map((row) => row.map((v) => (needsQuotes(v) || (row.length === 1 && v === '') ? `"${v.replace(/"/g, '""')}"` : v)));
      const text = (bom ? '\uFEFF' : '') + written.map((row) => row.join(',')).join(eol) + (finalEol ? eol : '');
      const model = new CsvModel(text);
      assert.deepEqual(model.errors(), []);
      assert.deepEqual(valuesOf(model), table);
      dumpRecords(model).forEach((record, r) =>
        record.cells.forEach((cell, c) => {
          const raw = written[r][c];
          assert.equal(text.slice(cell.rawStart, cell.rawEnd), raw);
          assert.equal(text.slice(cell.start, cell.end), cell.quoted ? raw.slice(1, -1) : raw);
          assert.equal(model.content(r, c), cell.quoted ? raw.slice(1, -1) : raw);
        }),
      );
      checkInvariants(text, model);
    }),
    runs(1500),
  );
});

describe('long records', () => {
  test('cells past 64K characters into a record keep their exact positions, also after edits', () => {
    const long = 'x'.repeat(70_000);
    const text = `a,b,c\n${long},"${long}",z\nshort,1,2\n`;
    const model = new CsvModel(text);
    const cell = (r: number, c: number) => model.cellSpan(r, c);
    assert.deepEqual(cell(1, 2), { rawStart: 6 + 70_001 + 70_003, rawEnd: 6 + 70_001 + 70_003 + 1, start: 6 + 70_001 + 70_003, end: 6 + 70_001 + 70_003 + 1, quoted: false });
    assert.equal(model.value(1, 1), long);
    assert.equal(model.value(2, 0), 'short');

    // An edit in the short record after it, then one that makes the long record short.
    const edited = text.replace('short', 'shorter');
    model.update(edited, diffTexts(text, edited)!);
    assert.deepEqual(dumpRecords(model), dumpRecords(new CsvModel(edited)));
    const shortened = edited.replace(`${long},`, 'x,');
    model.update(shortened, diffTexts(edited, shortened)!);
    assert.deepEqual(dumpRecords(model), dumpRecords(new CsvModel(shortened)));
    assert.deepEqual(valuesOf(model)[1], ['x', long, 'z']);
  });

  test('a long record appearing by an edit is read exactly', () => {
    const text = 'a,b\n1,2\n3,4\n';
    const model = new CsvModel(text);
    const grown = text.replace('1,2', `1,${'y'.repeat(80_000)}`);
    model.update(grown, diffTexts(text, grown)!);
    assert.deepEqual(dumpRecords(model), dumpRecords(new CsvModel(grown)));
    assert.equal(model.value(2, 1), '4');
  });
});

describe('edits', () => {
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: csvish(6) });

  test('after any sequence of edits the model is the model of the new text', () => {
    fc.assert(
      fc.property(csvish(80), fc.array(edit, { minLength: 1, maxLength: 6 }), (initial, edits) => {
        const model = new CsvModel(initial);
        let text = initial;
        for (const e of edits) {
          const at = text.length === 0 ? 0 : e.at % (text.length + 1);
          const next = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          const range = { start: at, oldEnd: Math.min(text.length, at + e.remove), newEnd: at + e.insert.length };
          model.update(next, range);
          text = next;
          const fresh = new CsvModel(text);
          assert.deepEqual(dumpRecords(model), dumpRecords(fresh));
          assert.deepEqual(model.errors(), fresh.errors());
        }
        checkInvariants(text, model);
      }),
      runs(2000),
    );
  });

  test('a one-cell edit scans one record; the records after it are moved, not scanned', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `user${i},${i},"x,y"`);
    const text = rows.join('\n') + '\n';
    const model = new CsvModel(text);
    const at = text.indexOf('user500,') + 'user500,'.length;
    const next = `${text.slice(0, at)}12345${text.slice(at + 3)}`;
    let replaced: [number, number] | undefined;
    const splice = model.update(next, diffTexts(text, next)!, (from, to) => (replaced = [from, to]));
    assert.deepEqual(replaced, [500, 501]);
    assert.deepEqual(splice, { from: 500, removed: 1, added: 1 });
    assert.deepEqual(valuesOf(model)[500], ['user500', '12345', 'x,y']);
    assert.equal(model.recordStart(999), next.indexOf('user999,'));
  });

  test('opening a quote re-reads the records it swallows, closing it gives them back', () => {
    const text = 'a,b\nc,d\ne,f\n';
    const model = new CsvModel(text);
    const opened = 'a,"b\nc,d\ne,f\n';
    model.update(opened, diffTexts(text, opened)!);
    assert.deepEqual(valuesOf(model), valuesOf(new CsvModel(opened)));
    const closed = 'a,"b"\nc,d\ne,f\n';
    model.update(closed, diffTexts(opened, closed)!);
    assert.deepEqual(valuesOf(model), [['a', 'b'], ['c', 'd'], ['e', 'f']]);
  });

  test('a stepwise first scan gives the same model', () => {
    fc.assert(
      fc.property(csvish(200), fc.integer({ min: 1, max: 5 }), (text, step) => {
        const model = new CsvModel(text, false);
        while (!model.complete) model.scanSome(step);
        assert.deepEqual(dumpRecords(model), dumpRecords(new CsvModel(text)));
      }),
      runs(500),
    );
  });
});
