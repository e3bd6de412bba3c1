import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCsv, cellAt } from '../../server/src/service/csv/parse';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import type { CsvDocument } from '../../server/src/service/types';

// Pieces that stress the parser: quotes, delimiters, every line break, BOM, accents, a surrogate pair and
// lone surrogates (which csv-parse would turn into U+FFFD), spaces, a tab and NUL.
const pieces = ['"', '""', ',', '\n', '\r', '\r\n', '\uFEFF', 'a', 'b', 'é', '😀', '\uD83D', '\uDE00', ' ', '\t', '\0'];
const csvishOf = (maxLength: number) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
const csvish = csvishOf(40);
/** Longer texts: many records, so csv-parse and the scan fall out of step and realign several times. */
const longCsvish = csvishOf(400);

const isLineBreak = (c: string) => c === '\n' || c === '\r';

/** Invariants that hold for any input, valid or not. */
function checkInvariants(text: string, doc: CsvDocument): void {
  assert.equal(doc.text, text);
  assert.equal(doc.bom, text.startsWith('\uFEFF'));
  const lines = new LineIndex(text);
  let covered = doc.bom ? 1 : 0; // everything before this offset belongs to a row, a line break or the BOM
  doc.rows.forEach((row, i) => {
    assert.equal(row.index, i);
    assert.ok(row.start >= covered && row.end >= row.start && row.end <= text.length, 'row inside the text, in order');
    // Between records there are only line breaks (blank lines): nothing is lost.
    for (let k = covered; k < row.start; k++) assert.ok(isLineBreak(text[k]), `only line breaks before row ${i}`);
    assert.equal(row.line, lines.positionAt(row.start).line, 'line of the record start');
    assert.ok(row.cells.length > 0);
    assert.equal(row.cells[0].rawStart, row.start);
    assert.equal(row.cells[row.cells.length - 1].rawEnd, row.end);
    row.cells.forEach((cell, c) => {
      assert.ok(cell.rawStart <= cell.start && cell.start <= cell.end && cell.end <= cell.rawEnd, 'spans nested');
      if (c > 0) {
        const previous = row.cells[c - 1];
        assert.equal(cell.rawStart, previous.rawEnd + 1, 'cells in order, one comma apart');
        assert.equal(text[previous.rawEnd], ',');
      }
      assert.equal(cell.quoted, text[cell.rawStart] === '"');
      if (cell.quoted) assert.equal(cell.start, cell.rawStart + 1);
      const found = cellAt(doc, cell.start);
      assert.ok(found && found.row === row, 'cellAt finds the row of each cell');
    });
    // A record ends at a line break or at the end of the text.
    assert.ok(row.end === text.length || isLineBreak(text[row.end]));
    covered = row.end;
  });
  for (let k = covered; k < text.length; k++) assert.ok(isLineBreak(text[k]), 'only line breaks after the last row');
  let previousError = -1;
  for (const error of doc.errors) {
    assert.ok(error.start >= 0 && error.start < error.end && error.end <= text.length, 'error span inside the text');
    assert.ok(error.start > previousError, 'errors in document order');
    assert.ok(error.message.length > 0);
    previousError = error.start;
  }
}

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

test('any CSV-ish text: never throws, spans inside the text and in order, nothing lost', () => {
  fc.assert(
    fc.property(csvish, (text) => {
      checkInvariants(text, parseCsv(text));
    }),
    { numRuns: Number(process.env.CSV_PROPERTY_RUNS ?? 3000) },
  );
});

test('long CSV-ish texts: the same invariants over many records and errors', () => {
  fc.assert(
    fc.property(longCsvish, (text) => {
      checkInvariants(text, parseCsv(text));
    }),
    { numRuns: Number(process.env.CSV_PROPERTY_RUNS ?? 500) },
  );
});

test('any CSV-ish text without structural errors: values are the unescaped spans and match a reference reader', () => {
  fc.assert(
    fc.property(csvish, (text) => {
      const doc = parseCsv(text);
      if (doc.errors.length > 0) return;
      for (const row of doc.rows) {
        for (const cell of row.cells) {
          assert.equal(cell.value, text.slice(cell.start, cell.end).replace(/""/g, '"'));
        }
      }
      assert.deepEqual(
        doc.rows.map((r) => r.cells.map((c) => c.value)),
        referenceRecords(text),
      );
    }),
    { numRuns: Number(process.env.CSV_PROPERTY_RUNS ?? 3000) },
  );
});

// Tables written the way a spreadsheet writes them; reading them back must give the same values, and
// each cell's span must hold exactly the written (escaped) value.
const valueArb = fc.array(fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '\r\n', 'é', '😀', '{"k":[1]}'), { maxLength: 6 }).map((p) => p.join(''));
const tableArb = fc.array(fc.array(valueArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });

test('written tables read back: same values, spans over the written text, no errors', () => {
  fc.assert(
    fc.property(tableArb, fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (table, bom, eol, finalEol) => {
      const needsQuotes = (v: string) => /[",\r\n]/.test(v);
      const written = table.map((row) =>
        row.map((v) => (needsQuotes(v) || (row.length === 1 && v === '') ? `"${v.replace(/"/g, '""')}"` : v)),
      );
      const text = (bom ? '\uFEFF' : '') + written.map((row) => row.join(',')).join(eol) + (finalEol ? eol : '');
      const doc = parseCsv(text);
      assert.deepEqual(doc.errors, []);
      assert.deepEqual(
        doc.rows.map((r) => r.cells.map((c) => c.value)),
        table,
      );
      doc.rows.forEach((row, r) =>
        row.cells.forEach((cell, c) => {
          const raw = written[r][c];
          assert.equal(text.slice(cell.rawStart, cell.rawEnd), raw);
          assert.equal(text.slice(cell.start, cell.end), cell.quoted ? raw.slice(1, -1) : raw);
        }),
      );
      checkInvariants(text, doc);
    }),
    { numRuns: Number(process.env.CSV_PROPERTY_RUNS ?? 1500) },
  );
});
