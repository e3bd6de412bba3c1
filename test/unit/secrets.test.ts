// Secrets in broken rows: a stray opening quote makes one cell of a whole line, an unquoted comma or a lost
// one shifts the cells, and a password lands in a column whose messages quote the value. A message about a
// row with a structural problem never quotes a cell, and symbol names never carry secrets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, type Problem } from '../../server/src/service/index';
import { editorOf, service, typed } from '../support/validation';
import { DAMAGES, leakedSecrets, secretsFile } from '../support/secrets';

const DIALECTS = ['portsip-v22', 'portsip-v16', 'xivo', 'xivo-update'];

function problemText(problems: readonly Problem[]): string {
  return JSON.stringify(problems.map((p) => [p.message, p.related?.map((r) => r.message), p.data]));
}

describe('secrets in broken rows', () => {
  for (const id of DIALECTS) {
    for (const damage of DAMAGES) {
      for (const kind of ['password', 'digits'] as const) {
        test(`${id}, ${damage}, ${kind} secrets: no problem, hover or symbol shows one`, () => {
          const dialect = service().dialect(id)!;
          const file = secretsFile(dialect, damage, kind);
          assert.ok(file.secrets.length > 0 || id === 'xivo-update', `${id} has secret columns`);
          const options = { dialect: id };
          const problems = service().validate(file.text, options).problems;
          if (damage !== 'intact') assert.ok(problems.length > 0, 'the damaged row has findings');
          assert.deepEqual(leakedSecrets(problemText(problems), file.secrets), [], problemText(problems));
          // The editing session: the damaged row typed into a file that had only the clean one.
          const edited = typed(file.text.slice(0, file.rowStart), file.rowStart, file.text.slice(file.rowStart), options);
          assert.deepEqual(edited, problems, 'the session finds what validate() finds');
          const editor = editorOf(file.text, options);
          const symbols = editor.symbols();
          assert.deepEqual(leakedSecrets(JSON.stringify(symbols), file.secrets), [], JSON.stringify(symbols));
          for (let offset = file.rowStart; offset <= file.rowEnd; offset++) {
            const hover = editor.hover(offset);
            if (hover) assert.deepEqual(leakedSecrets(hover.contents, file.secrets), [], `hover at ${offset}`);
          }
        });
      }
    }
  }

  const HEADER = 'name,enabled,password,extension_number,extension_password,email,display_name,voicemail_pin,sms,role';
  const CLEAN = 'bob,TRUE,Vt9#qLm2$w,102,Hq7!xR4pz%,bob@example.com,Bob,493817,DISABLE,StandardUser';

  test('an unquoted comma: the shifted cells are named without their values', () => {
    const row = 'Lopez, Maria,TRUE,Zq8!Sec#w1,101,Hq7!xR4pz%,maria@example.com,Maria,730261,DISABLE,StandardUser';
    const text = `${HEADER}\n${CLEAN}\n${row}\n`;
    const index = new LineIndex(text);
    const cell = (value: string) => {
      const start = text.indexOf(value, HEADER.length + CLEAN.length + 2);
      return index.rangeOf({ start, end: start + value.length });
    };
    const problems = service().validate(text).problems.map((p) => ({ rule: p.rule, severity: p.severity, message: p.message, range: index.rangeOf(p) }));
    const byRule = (rule: string) => problems.filter((p) => p.rule === rule);
    assert.deepEqual(byRule('value-boolean'), [
      { rule: 'value-boolean', severity: 'error', message: 'enabled must be TRUE or FALSE, found a value that may belong to another column', range: cell(' Maria') },
    ]);
    assert.deepEqual(byRule('value-pattern').filter((p) => p.message.startsWith('extension_number')), [
      { rule: 'value-pattern', severity: 'error', message: 'extension_number must be digits only, found a value that may belong to another column', range: cell('Zq8!Sec#w1') },
    ]);
    assert.deepEqual(byRule('value-enum'), [
      { rule: 'value-enum', severity: 'error', message: 'sms must be DISABLE, ALLOW_WITH_SENDER_ID or ALLOW, found a value that may belong to another column', range: cell('730261') },
    ]);
    assert.deepEqual(byRule('value-enum-other'), [
      {
        rule: 'value-enum-other',
        severity: 'warning',
        message: 'role is not one of StandardUser, StandardInternationalUser, QueueManager or Admin: it must be the name (1 to 64 characters) of a custom role defined on the PBX',
        range: cell('DISABLE'),
      },
    ]);
    assert.equal(byRule('row-extra-cells').length, 1);
    const symbols = editorOf(text).symbols().symbols;
    assert.deepEqual(symbols[1], { name: 'Row 2', detail: 'cells do not match the header', start: text.indexOf('Lopez'), end: text.length - 1, selectionStart: text.indexOf('Lopez'), selectionEnd: text.indexOf('Lopez') });
    assert.equal(symbols[0].name, 'bob', 'an intact row is still named after its user');
  });

  test('a stray opening quote: the one long cell is named without its value', () => {
    const row = '"jim,TRUE,Zq8!Sec#w1,101,Hq7!xR4pz%,jim@example.com,Jim,730261,DISABLE,StandardUser';
    const text = `${HEADER}\n${CLEAN}\n${row}\n`;
    const rowStart = HEADER.length + CLEAN.length + 2;
    const index = new LineIndex(text);
    const problems = service().validate(text).problems.map((p) => ({ rule: p.rule, message: p.message, range: index.rangeOf(p) }));
    assert.deepEqual(problems.map((p) => p.rule), ['csv-unterminated-quote', 'row-short', 'value-length']);
    assert.deepEqual(problems[2], { rule: 'value-length', message: `name must be 1 to 64 characters long, found ${row.length - 1} characters`, range: index.rangeOf({ start: rowStart + 1, end: rowStart + row.length }) });
    assert.deepEqual(editorOf(text).symbols().symbols[1].name, 'Row 2');
  });

  test('a PIN shifted into a JSON column is not quoted there; the same text in an intact row still is', () => {
    const header = 'name,enabled,password,extension_number,extension_password,email,display_name,voicemail_pin,office_hours';
    const broken = 'Lopez, Maria,TRUE,Vt9#qLm2$w,101,Hq7!xR4pz%,maria@example.com,Maria,730261,';
    const intact = 'bob,TRUE,Vt9#qLm2$w,102,Hq7!xR4pz%,bob@example.com,Bob,493817,730261';
    const jsonType = (text: string) => service().validate(text).problems.filter((p) => p.rule === 'json-type').map((p) => [p.severity, p.message, p.start, p.end]);
    const brokenText = `${header}\n${broken}\n`;
    const at = brokenText.lastIndexOf('730261');
    assert.deepEqual(jsonType(brokenText), [['error', 'office_hours must be an object { … }', at, at + 6]]);
    // The verdict cache keeps quoting and quiet verdicts of one text apart, whichever comes first.
    const both = `${header}\n${broken}\n${intact}\n`;
    const second = both.lastIndexOf('730261');
    assert.deepEqual(jsonType(both), [
      ['error', 'office_hours must be an object { … }', at, at + 6],
      ['error', 'office_hours must be an object { … } — found 730261', second, second + 6],
    ]);
  });

  test('a duplicate in a broken row is reported without the value, on both sides', () => {
    // The shifted password (digits only) lands in extension_number, where the clean row has the same text.
    const clean = 'bob,TRUE,Vt9#qLm2$w,730261,Hq7!xR4pz%,bob@example.com,Bob,493817,DISABLE,StandardUser';
    const row = 'Lopez, Maria,TRUE,730261,101,Hq7!xR4pz%,maria@example.com,Maria,493817,DISABLE,StandardUser';
    const text = `${HEADER}\n${clean}\n${row}\n`;
    for (const problems of [service().validate(text).problems, typed('', 0, text)]) {
      const duplicate = problems.find((p) => p.rule === 'duplicate-value');
      assert.ok(duplicate, JSON.stringify(problems.map((p) => p.rule)));
      assert.equal(duplicate.message, 'Duplicate extension_number: already used on line 2; two users cannot share an extension');
      assert.deepEqual(duplicate.related?.map((r) => r.message), ['first use of extension_number']);
    }
  });
});
