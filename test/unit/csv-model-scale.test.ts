// Bigger files: errors sprinkled among many records (each reported where it is, the records around it
// intact), the cost relative to csv-parse alone, and linear time on error-heavy input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { CsvModel } from '../../server/src/service/csv/model';
import { dumpRecords } from '../support/csvModel';

/** A JSON cell value and how a CSV file writes it (quoted, quotes doubled). */
function jsonCell(i: number): { json: string; raw: string } {
  const json = JSON.stringify({ ext: i, phones: [{ mac: `00:11:22:${i}`, label: 'Zoë 😀', lines: ['a,b'] }] });
  return { json, raw: `"${json.replace(/"/g, '""')}"` };
}

test('errors sprinkled in 300 records: each reported where it is, every other record intact', () => {
  const broken: Record<number, string> = {
    50: '50,"no closing quote,tail50', // unterminated: the next quote is on record 51
    100: '100,"q"x,tail100', // text after a closing quote
    150: '150,ab"c,tail150', // quote inside an unquoted cell
    299: '299,"never closed', // unterminated, at the end of the file
  };
  const lines = ['id,phones,note'];
  const json: string[] = [];
  for (let i = 0; i < 300; i++) {
    const cell = jsonCell(i);
    json.push(cell.json);
    lines.push(broken[i] ?? `${i},${cell.raw},tail${i}`);
  }
  const text = lines.join('\r\n') + '\r\n';
  const model = new CsvModel(text);

  const startOf = (i: number) => text.indexOf(`\r\n${i},`) + 2;
  assert.deepEqual(
    model.errors().map((e) => [e.code, e.start, e.end]),
    [
      ['csv-unterminated-quote', startOf(50) + 3, startOf(50) + 4],
      ['csv-text-after-quote', startOf(100) + 7, startOf(100) + 8],
      ['csv-quote-in-unquoted-cell', startOf(150) + 6, startOf(150) + 7],
      ['csv-unterminated-quote', startOf(299) + 4, startOf(299) + 5],
    ],
  );
  const records = dumpRecords(model);
  assert.equal(records.length, 301);
  records.slice(1).forEach((record, i) => {
    assert.equal(record.line, i + 1);
    assert.equal(record.start, startOf(i));
    assert.equal(record.cells[0].value, String(i));
    assert.equal(model.hasErrors(i + 1), broken[i] !== undefined, `errors of record ${i + 1}`);
    if (broken[i]) return;
    assert.deepEqual(record.cells.map((c) => c.value), [String(i), json[i], `tail${i}`]);
    assert.equal(record.end, record.start + lines[i + 1].length);
  });
  assert.deepEqual(records[51].cells.map((c) => c.value), ['50', 'no closing quote,tail50']);
  // Read as csv-parse reads it with relax_quotes: the quoted part in its quotes, then the rest.
  assert.deepEqual(records[101].cells.map((c) => c.value), ['100', '"q"x', 'tail100']);
  assert.deepEqual(records[151].cells.map((c) => c.value), ['150', 'ab"c', 'tail150']);
  assert.deepEqual(records[300].cells.map((c) => c.value), ['299', 'never closed']);
});

function bestOf(runs: number, f: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Reads every record and value of the model, as a validation does. */
function readAll(text: string): number {
  const model = new CsvModel(text);
  let length = 0;
  for (let r = 0; r < model.recordCount; r++) for (let c = 0; c < model.cellCount(r); c++) length += model.value(r, c).length;
  return length;
}

/** A PortSIP-like row: a few short cells and a JSON array of phones of about 1 KB. */
function portsipRow(i: number): string {
  const phones = Array.from({ length: 5 }, (_, k) => ({ mac: `00:11:22:33:${k}:${i % 10}`, model: 'T54W', serial_number: `SN${i}-${k}`, lines: [{ ext: i, label: `Ligne ${k} Zoë` }] }));
  return `${1000 + i},User ${i},user${i}@example.com,"${JSON.stringify(phones).replace(/"/g, '""')}",note ${i}`;
}

test('the model and its values cost little more than csv-parse alone on rows with quoted JSON cells', () => {
  const text = ['extension_number,name,email,phones,note', ...Array.from({ length: 2000 }, (_, i) => portsipRow(i))].join('\r\n') + '\r\n';
  readAll(text); // warm up the JIT before timing
  const csvParse = bestOf(5, () => parse(text, { relax_column_count: true }));
  const ours = bestOf(5, () => readAll(text));
  // The bound leaves room for a loaded machine, not for reading the text twice over.
  assert.ok(ours < 2.5 * csvParse, `CsvModel ${ours.toFixed(1)} ms vs csv-parse ${csvParse.toFixed(1)} ms`);
});

test('error-heavy files take linear time: a small multiple of csv-parse alone, never a power of the size', () => {
  const rowsOf: Record<string, (i: number) => string> = {
    'stray opening quote on every row': (i) => `${i},"abc,def`,
    'text after quote on every row': (i) => `${i},"a""b"x,c`,
    'stray quote, then quoted cells': (i) => (i % 2 ? `${i},"abc,def` : `${i},"{""a"":[1,2]}",x`),
    'no quotes at all, LF only': (i) => `${i},plain,cells`,
  };
  for (const [name, row] of Object.entries(rowsOf)) {
    const text = 'h1,h2,h3\n' + Array.from({ length: 10000 }, (_, i) => row(i)).join('\n') + '\n';
    readAll(text); // warm up the JIT before timing
    // Relaxed, so that csv-parse reads the whole file like the model does instead of stopping at the first
    // error; it may still throw at the very end (a quote left open on the last row).
    const csvParse = bestOf(3, () => {
      try {
        parse(text, { relax_quotes: true, relax_column_count: true });
      } catch {
        // the whole file was read
      }
    });
    const ours = bestOf(3, () => readAll(text));
    // Linear work stays a small multiple of csv-parse's; anything quadratic is hundreds of times at this size.
    assert.ok(ours < 15 * csvParse, `${name}: CsvModel ${ours.toFixed(0)} ms vs csv-parse ${csvParse.toFixed(0)} ms`);
  }
});
