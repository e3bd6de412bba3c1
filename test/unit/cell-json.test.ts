// "Edit Cell as JSON" in the core: a JSON cell taken out as pretty JSON, written back compact, CSV-escaped and
// quoted into exactly that cell, and the refusals (the cell changed, the JSON does not parse). Expected texts
// are written by hand from the CSV rules (quotes doubled, cell in quotes) and the JSON Schema files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compactJson,
  jsonCellAtOffset,
  jsonCellTarget,
  jsonCellWrite,
  prettyJson,
  startingValue,
  type ParsedDocument,
} from '../../server/src/service/index';
import { applyEdits } from '../../server/src/service/features/csvText';
import { followSpan } from '../../server/src/service/text/followSpan';
import { parsed } from '../support/validation';

const HEADER = 'name,enabled,password,extension_number,office_hours,online_busy_forward_rule,phones';
const ROW1 = 'jim1,TRUE,Qm4#tW8$zK,2001,"{""mode"":""GLOBAL""}","{""action"":""FORWARD_TO_VOICEMAIL""}",';
const ROW2 = 'ann2,TRUE,Zr7&kN2@wD,2002,,,';
const TEXT = `${HEADER}\n${ROW1}\n${ROW2}\n`;
const OFFICE_HOURS = 4;
const BUSY_RULE = 5;
const PHONES = 6;

const document = (text = TEXT): ParsedDocument => parsed(text, 'portsip-v22');

/** Where the office_hours cell of row 1 starts: after the first four cells of line 2. */
const officeHoursStart = HEADER.length + 1 + 'jim1,TRUE,Qm4#tW8$zK,2001,'.length;
const OFFICE_HOURS_RAW = '"{""mode"":""GLOBAL""}"';

describe('a JSON cell taken out of the CSV', () => {
  test('the office_hours cell of row 1: its place, its text as written, and its JSON pretty-printed', () => {
    const { target, refused } = jsonCellTarget(document(), 1, OFFICE_HOURS);
    assert.equal(refused, undefined);
    assert.deepEqual(target, {
      record: 1,
      column: OFFICE_HOURS,
      columnName: 'office_hours',
      rowName: 'jim1',
      rawStart: officeHoursStart,
      rawEnd: officeHoursStart + OFFICE_HOURS_RAW.length,
      raw: OFFICE_HOURS_RAW,
      json: '{\n  "mode": "GLOBAL"\n}',
      empty: false,
      schemaUri: target?.schemaUri,
    });
    assert.match(target!.schemaUri, /\/schemas\/json\/portsip-office-hours\.schema\.json$/);
  });

  test('the cursor anywhere in the cell, its quotes included, finds the same cell', () => {
    for (const offset of [officeHoursStart, officeHoursStart + 5, officeHoursStart + OFFICE_HOURS_RAW.length]) {
      assert.equal(jsonCellAtOffset(document(), offset).target?.raw, OFFICE_HOURS_RAW, `offset ${offset}`);
    }
  });

  test('an empty cell opens with a valid starting value from the column\'s schema', () => {
    const fd = document();
    assert.deepEqual(
      [OFFICE_HOURS, BUSY_RULE, PHONES].map((column) => {
        const { target } = jsonCellTarget(fd, 2, column);
        return [target?.json, target?.empty, target?.raw];
      }),
      [
        ['{\n  "mode": "GLOBAL"\n}', true, ''],
        ['{\n  "action": "FORWARD_TO_VOICEMAIL"\n}', true, ''],
        ['[]', true, ''],
      ],
    );
  });

  test('a schema without a default starts from its required keys, each with its default or first allowed value', () => {
    const schema = {
      type: 'object',
      required: ['action', 'count', 'tags', 'on'],
      properties: {
        action: { enum: ['HANGUP', 'RING'] },
        count: { type: 'integer', minimum: 3 },
        tags: { type: 'array' },
        on: { type: 'boolean', default: true },
        ignored: { type: 'string' },
      },
    };
    assert.deepEqual(startingValue(schema), { action: 'HANGUP', count: 3, tags: [], on: true });
  });

  test('cells that cannot be edited as JSON say why', () => {
    const fd = document();
    assert.deepEqual(jsonCellTarget(fd, 0, OFFICE_HOURS), { refused: 'the cursor is not in a data row' });
    assert.deepEqual(jsonCellTarget(fd, 1, 0), { refused: 'name is not a JSON column' });
    assert.deepEqual(jsonCellTarget(fd, 3, OFFICE_HOURS), { refused: 'the cursor is not in a data row' });
    // A row with one cell too many: its cells may be shifted, so its JSON is not offered.
    const broken = document(`${HEADER}\n${ROW1},extra\n`);
    assert.deepEqual(jsonCellTarget(broken, 1, OFFICE_HOURS), { refused: 'the cells of row 1 do not line up with the header; mend the row first' });
  });
});

describe('pretty and compact JSON keep every token as written', () => {
  test('pretty: two spaces a level, one key a line', () => {
    assert.equal(
      prettyJson('{"mode":"CUSTOM","monday":{"enabled":true,"ranges":[{"from":"09:00","to":"12:30"}]}}'),
      '{\n  "mode": "CUSTOM",\n  "monday": {\n    "enabled": true,\n    "ranges": [\n      {\n        "from": "09:00",\n        "to": "12:30"\n      }\n    ]\n  }\n}',
    );
  });

  test('compact: no white space between tokens; numbers, escapes and spaces inside strings unchanged', () => {
    assert.equal(compactJson('{\n  "a": 1.50,\n  "b" : [ "x y\\u00e9" , true ],\r\n\t"c": null\n}'), '{"a":1.50,"b":["x y\\u00e9",true],"c":null}');
  });
});

describe('the JSON written back into its cell', () => {
  const origin = { rawStart: officeHoursStart, column: OFFICE_HOURS, raw: OFFICE_HOURS_RAW };

  test('compact, every quote doubled, in quotes; the document then reads the JSON back from the cell', () => {
    const json = '{\n  "mode": "CUSTOM",\n  "monday": {"enabled": true, "ranges": []}\n}';
    const write = jsonCellWrite(document(), origin, json);
    assert.deepEqual(write, { cellText: '"{""mode"":""CUSTOM"",""monday"":{""enabled"":true,""ranges"":[]}}"' });
    const text = applyEdits(TEXT, [{ start: officeHoursStart, end: officeHoursStart + OFFICE_HOURS_RAW.length, newText: write.cellText! }]);
    assert.equal(text.split('\n')[1], 'jim1,TRUE,Qm4#tW8$zK,2001,"{""mode"":""CUSTOM"",""monday"":{""enabled"":true,""ranges"":[]}}","{""action"":""FORWARD_TO_VOICEMAIL""}",');
    assert.equal(document(text).model.value(1, OFFICE_HOURS), '{"mode":"CUSTOM","monday":{"enabled":true,"ranges":[]}}');
  });

  test('quotes escaped inside a JSON string are doubled like every other quote', () => {
    const write = jsonCellWrite(document(), origin, '{"mode": "GLOBAL", "note": "say \\"hi\\""}');
    assert.equal(write.cellText, '"{""mode"":""GLOBAL"",""note"":""say \\""hi\\""""}"');
  });

  test('a blank text empties the cell', () => {
    assert.deepEqual(jsonCellWrite(document(), origin, '  \n'), { cellText: '' });
  });

  test('an empty cell is written where it is', () => {
    const start = TEXT.indexOf(ROW2) + 'ann2,TRUE,Zr7&kN2@wD,2002,'.length;
    const write = jsonCellWrite(document(), { rawStart: start, column: OFFICE_HOURS, raw: '' }, '{"mode": "GLOBAL"}');
    assert.deepEqual(write, { cellText: '"{""mode"":""GLOBAL""}"' });
  });

  test('JSON that does not parse is refused with the line and column of the error', () => {
    // Line 2 is `  "mode": "CUSTOM",`: the comma before `}` is its 19th character.
    assert.deepEqual(jsonCellWrite(document(), origin, '{\n  "mode": "CUSTOM",\n}'), {
      refused: 'syntax',
      message: "line 2, column 19: Invalid JSON: trailing comma before '}'; remove it",
      line: 1,
      character: 18,
    });
  });

  test('refused when the cell is not there as it was', () => {
    const changed = { refused: 'changed', message: 'the cell changed in the CSV since it was opened' };
    const edited = TEXT.replace('GLOBAL', 'CUSTOM');
    assert.deepEqual(jsonCellWrite(document(edited), origin, '{}'), changed, 'its text changed');
    const rowAbove = TEXT.replace('\n', `\n${ROW2.replace('ann2', 'bob3')}\n`);
    assert.deepEqual(jsonCellWrite(document(rowAbove), origin, '{}'), changed, 'a row was added above and the offset not followed');
    assert.deepEqual(jsonCellWrite(document(), { ...origin, column: BUSY_RULE }, '{}'), changed, 'another column');
    assert.deepEqual(jsonCellWrite(document(`${HEADER}\n${ROW1},extra\n`), origin, '{}'), changed, 'the row no longer lines up with the header');
  });

  test('the JSON is never quoted in a refusal (it may hold a password)', () => {
    const secret = 'Pw!d00r#Secret';
    const write = jsonCellWrite(document(), origin, `{"door": "${secret}",}`);
    assert.equal(write.refused, 'syntax');
    assert.ok(!write.message?.includes(secret), write.message);
  });
});

describe('an open cell followed through edits elsewhere', () => {
  const span = { start: 100, length: 20 };

  test('an edit wholly before the cell moves it by the edit\'s length difference', () => {
    assert.deepEqual(followSpan(span, 10, 10, 35), { start: 135, length: 20 }, 'a row inserted above');
    assert.deepEqual(followSpan(span, 10, 50, 0), { start: 60, length: 20 }, 'rows deleted above');
    assert.deepEqual(followSpan(span, 98, 99, 3), { start: 102, length: 20 }, 'the cell before it edited');
  });

  test('an edit wholly after the cell leaves it where it is', () => {
    assert.deepEqual(followSpan(span, 121, 125, 0), span);
  });

  test('an edit inside the cell, over it, or right at its ends touches it', () => {
    for (const [start, end] of [
      [105, 106],
      [90, 130],
      [100, 100], // typed before its opening quote
      [120, 120], // typed after its closing quote
      [99, 100], // the comma before it deleted: two cells merge
    ]) {
      assert.equal(followSpan(span, start, end, 1), undefined, `edit [${start}, ${end})`);
    }
  });
});
