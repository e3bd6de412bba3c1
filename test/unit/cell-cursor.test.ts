// The column under the cursor (the status bar), the cells of its row (the column picker), and the checks of a
// JSON cell opened in a tab of its own: the semantic ones at the right key, the schema's only on request.
// Expected values are worked out by hand from the input texts and the dialect and JSON Schema files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, checkJsonText, cursorCell, rowCells } from '../../server/src/service/index';
import { parsed } from '../support/validation';

const HEADER = 'name,enabled,password,office_hours,nickname';
const ROW = 'jim1,TRUE,Qm4#tW8$zK,"{""mode"":""CUSTOM"",""monday"":{""enabled"":true,""ranges"":[{""from"":""09:00"",""to"":""12:00""}]}}",Jimmy';
const TEXT = `${HEADER}\n${ROW}\n`;
const fd = () => parsed(TEXT, 'portsip-v22');
const at = (needle: string, delta = 0) => {
  const index = TEXT.indexOf(needle);
  assert.ok(index >= 0, needle);
  return index + delta;
};

describe('the cell under the cursor', () => {
  test('a plain cell: its column, its place among the header\'s five, and the row\'s name', () => {
    assert.deepEqual(cursorCell(fd(), at('TRUE', 2)), {
      record: 1,
      column: 1,
      columnCount: 5,
      name: 'enabled',
      known: true,
      editableAsJson: false,
      rowName: 'jim1',
    });
  });

  test('inside a JSON cell: the JSON path of the key or value at the cursor', () => {
    assert.equal(cursorCell(fd(), at('""mode""', 3))?.jsonPath, 'mode');
    assert.equal(cursorCell(fd(), at('""09:00""', 4))?.jsonPath, 'monday.ranges[0].from');
    assert.equal(cursorCell(fd(), at('""12:00""', 4))?.jsonPath, 'monday.ranges[0].to');
    const cell = cursorCell(fd(), at('""enabled""', 3));
    assert.deepEqual({ ...cell, jsonPath: cell?.jsonPath }, {
      record: 1,
      column: 3,
      columnCount: 5,
      name: 'office_hours',
      known: true,
      editableAsJson: true,
      rowName: 'jim1',
      jsonPath: 'monday.enabled',
    });
  });

  test('on the opening quote of a JSON cell: the column, no path', () => {
    assert.equal(cursorCell(fd(), at('"{'))?.jsonPath, undefined);
  });

  test('a header cell, and a column the dialect does not know', () => {
    const header = cursorCell(fd(), 1);
    assert.deepEqual([header?.record, header?.name, header?.rowName], [0, 'name', 'header']);
    const nickname = cursorCell(fd(), at('Jimmy'));
    assert.deepEqual([nickname?.column, nickname?.name, nickname?.known], [4, 'nickname', false]);
  });

  test('no cell after the last line', () => {
    assert.equal(cursorCell(fd(), TEXT.length), undefined);
  });
});

describe('the cells of a row for the column picker', () => {
  test('names, places, what they show (the password masked, JSON compact), and content spans', () => {
    const cells = rowCells(fd(), 1);
    assert.deepEqual(
      cells.map((c) => [c.column, c.name, c.text, c.masked ?? false]),
      [
        [0, 'name', 'jim1', false],
        [1, 'enabled', 'TRUE', false],
        [2, 'password', MASK, true],
        [3, 'office_hours', '{"mode":"CUSTOM","monday":{"enabled":true,"ranges":[{"from":"09:00","to":"12:00"}]}}'.slice(0, 79) + '…', false],
        [4, 'nickname', 'Jimmy', false],
      ],
    );
    // The JSON cell's content span lies between its quotes.
    assert.deepEqual([cells[3].start, cells[3].end], [at('"{') + 1, at('}}",') + 2]);
    for (const cell of cells) assert.ok(!JSON.stringify(cell).includes('Qm4#tW8$zK'), 'the password never shows');
  });
});

describe('a JSON cell\'s text checked on its own', () => {
  const column = () => {
    const office = fd().columns[3];
    assert.ok(office?.jsonSchema);
    return { name: office.name, schema: office.jsonSchema };
  };
  const semanticOnly = { schemaErrors: false, syntaxErrors: false };

  test('a range that ends before it starts: json-time-order on the "to" value, in the text\'s offsets', () => {
    const json = '{\n  "mode": "CUSTOM",\n  "monday": {"enabled": true, "ranges": [{"from": "18:00", "to": "09:00"}]}\n}';
    const problems = checkJsonText(json, column(), semanticOnly);
    assert.deepEqual(
      problems.map((p) => [p.rule, p.severity, json.slice(p.start, p.end), p.message]),
      [['json-time-order', 'error', '"09:00"', '"to" (09:00) must be later than "from" (18:00)']],
    );
    assert.equal(problems[0].start, json.lastIndexOf('"09:00"'));
  });

  test('what the schema finds only when asked (the editor validates with the schema itself)', () => {
    const json = '{"mode": "SOMETIMES"}';
    assert.deepEqual(checkJsonText(json, column(), semanticOnly), []);
    const withSchema = checkJsonText(json, column(), { schemaErrors: true, syntaxErrors: false });
    assert.deepEqual(withSchema.map((p) => [p.rule, json.slice(p.start, p.end)]), [['json-enum', '"SOMETIMES"']]);
  });

  test('a syntax error only when asked; a blank text has no problem (it empties the cell)', () => {
    assert.deepEqual(checkJsonText('{"mode": ', column(), semanticOnly), []);
    assert.deepEqual(checkJsonText('{"mode": ', column(), { schemaErrors: false, syntaxErrors: true }).map((p) => p.rule), ['json-syntax']);
    assert.deepEqual(checkJsonText(' \n', column(), { schemaErrors: true, syntaxErrors: true }), []);
  });

  test('severity overrides apply as in the CSV', () => {
    const json = '{"mode": "CUSTOM", "monday": {"enabled": true, "ranges": [{"from": "18:00", "to": "09:00"}]}}';
    assert.deepEqual(checkJsonText(json, column(), { ...semanticOnly, severityOverrides: { 'json-time-order': 'off' } }), []);
    assert.deepEqual(
      checkJsonText(json, column(), { ...semanticOnly, severityOverrides: { 'json-time-order': 'warning' } }).map((p) => p.severity),
      ['warning'],
    );
  });
});

describe('a JSON tab\'s MACs against the rest of the file', () => {
  const phones = () => {
    const column = parsed('name,phones\n', 'portsip-v22').columns[1];
    assert.ok(column?.jsonSchema);
    return { name: column.name, schema: column.jsonSchema };
  };
  // The tab's cell is on line 2; another row's phone on line 3 has 0c:38:3e:63:fe:e8 (offsets in the CSV, unused here).
  const elsewhere = (key: string) => (key === '0c383e63fee8' ? [{ text: '0c:38:3e:63:fe:e8', start: 100, end: 117, line: 3 }] : []);
  const semanticOnly = { schemaErrors: false, syntaxErrors: false };
  const json = '[\n  {"mac": "0c-38-3e-63-fe-e8"},\n  {"mac": "cc:5e:f8:41:b7:95"}\n]';

  test('a MAC another row uses (written with other separators): an error at the MAC, naming that row\'s line', () => {
    const problems = checkJsonText(json, phones(), { ...semanticOnly, macs: { line: 2, elsewhere } });
    assert.deepEqual(problems, [
      {
        rule: 'json-duplicate-mac',
        severity: 'error',
        message: 'MAC 0c-38-3e-63-fe-e8 is also used on line 3: provisioning will fail',
        start: json.indexOf('0c-38'),
        end: json.indexOf('0c-38') + '0c-38-3e-63-fe-e8'.length,
      },
    ]);
  });

  test('one MAC on two phones of the tab: an error at each, naming the cell\'s own line, as in the CSV', () => {
    const twice = '[{"mac": "cc:5e:f8:41:b7:95"}, {"mac": "CC:5E:F8:41:B7:95"}]';
    const problems = checkJsonText(twice, phones(), { ...semanticOnly, macs: { line: 2, elsewhere } });
    assert.deepEqual(
      problems.filter((p) => p.rule === 'json-duplicate-mac').map((p) => [p.message, twice.slice(p.start, p.end)]),
      [
        ['MAC cc:5e:f8:41:b7:95 is also used on line 2: provisioning will fail', 'cc:5e:f8:41:b7:95'],
        ['MAC CC:5E:F8:41:B7:95 is also used on line 2: provisioning will fail', 'CC:5E:F8:41:B7:95'],
      ],
    );
  });

  test('MACs no other phone has, no file to compare with, or the rule turned off: no duplicate', () => {
    assert.deepEqual(checkJsonText(json, phones(), { ...semanticOnly, macs: { line: 2, elsewhere: () => [] } }), []);
    assert.deepEqual(checkJsonText(json, phones(), semanticOnly), []);
    const off = { ...semanticOnly, macs: { line: 2, elsewhere }, severityOverrides: { 'json-duplicate-mac': 'off' as const } };
    assert.deepEqual(checkJsonText(json, phones(), off), []);
  });
});
