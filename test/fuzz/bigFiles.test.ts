// Big and pathological files through the core: a 5 MB cell, 10,000 columns, an unterminated quote at the start of
// a 40k-row file. Nothing throws, spans stay inside the text, and the findings land where they belong.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvModel } from '../../server/src/service/csv/model';
import { parseChecked, service, validateEverywhere } from './coreHarness';
import { PORTSIP_HEADER, XIVO_HEADER, assertDocumentSpans, assertProblemSpans, portsipRow, xivoFile } from './fuzzSupport';

describe('big and pathological files', () => {
  test('a 5 MB display_name cell is one error on exactly that cell', () => {
    const header = PORTSIP_HEADER;
    const row = portsipRow(1);
    const cellStart = header.length + 1 + row.split(',', 6).join(',').length + 1; // display_name is the 7th cell
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const text = `${header}\n${row.replace(',Jim Keeny,', `,${huge},`)}\n`;
    assert.equal(text.slice(cellStart, cellStart + 3), 'xxx');
    parseChecked(text);
    validateEverywhere(text, [undefined]);
    const problems = service.validate(text, { dialect: 'portsip-v22' }).problems;
    assertProblemSpans(problems, text);
    // Spec: display_name max 1024 characters is an error.
    const onCell = problems.filter((p) => p.start === cellStart && p.end === cellStart + huge.length);
    assert.equal(onCell.length, 1, `one problem on the display_name cell, got ${JSON.stringify(problems.map((p) => [p.rule, p.start, p.end]))}`);
    assert.equal(onCell[0].severity, 'error');
  });

  test('a 5 MB quoted cell full of escaped quotes and line breaks', () => {
    const huge = 'say ""hi""\r\n,'.repeat(400_000); // 5.2 MB between the quotes
    const text = `${PORTSIP_HEADER}\n${portsipRow(1).replace(',StandardUser,', `,StandardUser,"${huge}`).replace(/,"\[\{.*$/, '"')}\n`;
    parseChecked(text);
    validateEverywhere(text, [undefined]);
  });

  test('10,000 columns in the header and in a row', () => {
    const extra = Array.from({ length: 10_000 - 32 }, (_, i) => `column_${i}`);
    const text = `${PORTSIP_HEADER},${extra.join(',')}\n${portsipRow(1)},${extra.map((_, i) => String(i)).join(',')}\n`;
    assert.equal(new CsvModel(text).cellCount(0), 10_000);
    parseChecked(text);
    validateEverywhere(text, [undefined, 'xivo']);
  });

  test('an unterminated quote at the start of a 40k-row file is reported where it starts', () => {
    const body = xivoFile(40_000);
    const atFileStart = '"' + body;
    const atFirstRecord = body.replace('\n1,', '\n"1,');
    // At the file start the header itself is swallowed, so auto-detection sees no user CSV: force XiVO there.
    for (const [text, quoteAt, dialect] of [[atFileStart, 0, 'xivo'], [atFirstRecord, XIVO_HEADER.length + 1, undefined]] as const) {
      const doc = new CsvModel(text);
      assertDocumentSpans(doc, text);
      const unterminated = doc.errors().filter((e) => e.code === 'csv-unterminated-quote');
      assert.equal(unterminated.length, 1);
      assert.equal(unterminated[0].start, quoteAt);
      validateEverywhere(text, [dialect]);
    }
  });
});

