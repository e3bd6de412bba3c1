// csv-parse is the reference reader: every generated or mutated text is read by both, and they must agree
// on which texts are broken, on every record and value of a text csv-parse accepts, and on the records
// before the first broken one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, type Options } from 'csv-parse/sync';
import { CsvModel } from '../../server/src/service/csv/model';
import { valuesOf } from '../support/csvModel';

const OPTIONS: Options = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

/** csv-parse's records (values made well-formed: it reads a string as UTF-8, lone surrogates become U+FFFD). */
function reference(text: string, relaxQuotes: boolean): { records: string[][]; failed: boolean } {
  const records: string[][] = [];
  try {
    parse(text, {
      ...OPTIONS,
      relax_quotes: relaxQuotes,
      on_record: (record: string[]) => {
        records.push(record);
        return null;
      },
    });
    return { records, failed: false };
  } catch {
    return { records, failed: true };
  }
}

/** Lone surrogates replaced by U+FFFD, as csv-parse's UTF-8 round trip does. */
function wellFormedString(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
const wellFormed = (records: string[][]): string[][] => records.map((r) => r.map(wellFormedString));

/** The first record of the model with a structural error, or the record count. */
function firstBroken(model: CsvModel): number {
  for (let r = 0; r < model.recordCount; r++) if (model.hasErrors(r)) return r;
  return model.recordCount;
}

function compare(text: string): void {
  // csv-parse takes a NUL byte right after a closing quote for the end of its input (`!nextChr`) and
  // accepts the quote as closed; every other reader, and the model, sees text after the quote.
  if (text.includes('"\0')) return;
  const model = new CsvModel(text);
  const ours = wellFormed(valuesOf(model));
  const strict = reference(text, false);
  const broken = firstBroken(model);
  if (!strict.failed) {
    assert.deepEqual(model.errors(), [], 'csv-parse accepts the text: no structural error');
    assert.deepEqual(ours, wellFormed(strict.records), 'same records and values as csv-parse');
  } else {
    assert.ok(model.errors().length > 0, 'csv-parse rejects the text: a structural error is reported');
    assert.deepEqual(ours.slice(0, broken), wellFormed(strict.records), 'same records before the first broken one');
  }
  const relaxed = reference(text, true);
  const unterminated = model.errors().some((e) => e.code === 'csv-unterminated-quote');
  if (!relaxed.failed && !unterminated) {
    // A stray quote or text after a closing quote: read as csv-parse reads it with relax_quotes.
    assert.deepEqual(ours, wellFormed(relaxed.records), 'same records and values as csv-parse with relax_quotes');
  }
}

// Pieces that stress a CSV reader: quotes, delimiters, every line break, BOM, accents, a surrogate pair and
// lone surrogates, spaces, a tab and NUL.
const pieces = ['"', '""', ',', '\n', '\r', '\r\n', '\uFEFF', 'a', 'b', 'é', '😀', '\uD83D', '\uDE00', ' ', '\t', '\0'];
const csvish = (maxLength: number) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));

// Tables written the way a spreadsheet writes them, then damaged at random places.
const valueArb = fc.array(fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '\r\n', 'é', '😀', '{"k":[1]}'), { maxLength: 6 }).map((p) => p.join(''));
const tableArb = fc.array(fc.array(valueArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
const writtenArb = fc
  .tuple(tableArb, fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([table, bom, eol, finalEol]) => {
    const needsQuotes = (v: string) => /[",\r\n]/.test(v);
    const rows = table.map((row) => row.map((v) => (needsQuotes(v) || (row.length === 1 && v === '') ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
    return (bom ? '\uFEFF' : '') + rows.join(eol) + (finalEol ? eol : '');
  });
const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.constantFrom('', '"', '""', ',', '\n', '\r', '\r\n', 'x', '\n\n') });
const mutatedArb = fc.tuple(writtenArb, fc.array(mutation, { maxLength: 3 })).map(([text, mutations]) => {
  let result = text;
  for (const m of mutations) {
    const at = result.length === 0 ? 0 : m.at % (result.length + 1);
    result = result.slice(0, at) + m.insert + result.slice(at + m.remove);
  }
  return result;
});

const runs = (n: number) => ({ numRuns: Number(process.env.CSV_PROPERTY_RUNS ?? n), seed: 20261202 });

test('CSV-ish texts: the model and csv-parse agree', () => {
  fc.assert(fc.property(csvish(40), compare), runs(4000));
});

test('long CSV-ish texts: the model and csv-parse agree over many records', () => {
  fc.assert(fc.property(csvish(400), compare), runs(500));
});

test('written tables: read back exactly as csv-parse reads them', () => {
  fc.assert(fc.property(writtenArb, compare), runs(1500));
});

test('written tables damaged at random: the model and csv-parse agree', () => {
  fc.assert(fc.property(mutatedArb, compare), runs(3000));
});

test('known cases', () => {
  for (const text of ['a"b,c\n', '"ab"c,d\n', '"a""b"c,d', '"ab" ,d', 'x""y,z', '"ab"c"d",e', 'a,b\r\n\r\nc', '\uFEFFa,b\n\uFEFFc', '"ab\n', '""\n,\n']) compare(text);
});
