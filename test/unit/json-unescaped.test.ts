// detectUnescapedJson: JSON pasted into a CSV without doubling its quotes (or without quoting the cell)
// gets one diagnostic on the JSON text instead of a cascade of structural errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvModel } from '../../server/src/service/csv/model';
import { detectUnescapedJson } from '../../server/src/service/json/unescaped';
import { LineIndex } from '../../server/src/service/index';
import { RecordView } from '../../server/src/service/validation/record';

// 36 characters with its line break, so record 1 starts at offset 36.
const HEADER = 'name,online_busy_forward_rule,email\n';

function detect(text: string, record = 1) {
  const model = new CsvModel(text);
  const width = model.cellCount(0);
  const problem = detectUnescapedJson(model, new RecordView().show(model, record, width), width);
  if (!problem) return undefined;
  const { start, end } = new LineIndex(text).rangeOf(problem);
  return { ...problem, range: [start.line, start.character, end.line, end.character] };
}

const NOT_ESCAPED = 'this cell holds JSON whose quotes are not escaped for CSV: wrap the cell in quotes and double every quote inside it';

describe('detectUnescapedJson', () => {
  test('a quoted cell whose JSON quotes were not doubled', () => {
    const problem = detect(`${HEADER}a,"{"action": "HANGUP", "timeout": 60}",x@example.com\n`);
    assert.deepEqual(problem, {
      rule: 'json-unescaped',
      severity: 'error',
      message: `${NOT_ESCAPED} (CSV split it: the row has 4 cells instead of 3)`,
      start: 39,
      end: 74,
      range: [1, 3, 1, 38],
      data: { before: 1, after: 1, replacement: '"{""action"": ""HANGUP"", ""timeout"": 60}"' },
    });
  });

  test('JSON pasted as is, neither quoted nor escaped', () => {
    const problem = detect(`${HEADER}a,{"action": "HANGUP", "timeout": 60},x@example.com\n`);
    assert.deepEqual(problem, {
      rule: 'json-unescaped',
      severity: 'error',
      message: `${NOT_ESCAPED} (CSV split it: the row has 4 cells instead of 3)`,
      start: 38,
      end: 73,
      range: [1, 2, 1, 37],
      data: { before: 0, after: 0, replacement: '"{""action"": ""HANGUP"", ""timeout"": 60}"' },
    });
  });

  test('pretty-printed JSON pasted as is runs over several records: the span covers all of it', () => {
    const problem = detect(`${HEADER}a,{\n"action": "HANGUP"\n},x@example.com\n`);
    assert.equal(problem?.message, `${NOT_ESCAPED} (CSV split it: the row has 2 cells instead of 3)`);
    assert.deepEqual(problem?.range, [1, 2, 3, 1]);
    assert.deepEqual(problem?.data, { before: 0, after: 0, replacement: '"{\n""action"": ""HANGUP""\n}"' });
  });

  test('a JSON array without quotes but with commas, not wrapped in quotes', () => {
    const problem = detect(`${HEADER}a,[1,2],x@example.com\n`);
    assert.equal(problem?.message, 'this cell holds JSON with commas that is not wrapped in quotes for CSV: wrap the cell in quotes (CSV split it: the row has 4 cells instead of 3)');
    assert.deepEqual(problem?.range, [1, 2, 1, 7]);
  });

  test('correctly escaped JSON, empty arrays and plain text are left alone', () => {
    assert.equal(detect(`${HEADER}a,"{""action"": ""HANGUP"", ""timeout"": 60}",x@example.com\n`), undefined);
    assert.equal(detect(`${HEADER}a,[],x@example.com\n`), undefined);
    assert.equal(detect(`${HEADER}a,"[1,2]",x@example.com\n`), undefined);
    assert.equal(detect(`${HEADER}a,hello,x@example.com\n`), undefined);
  });

  test('text that only starts like JSON is not taken for JSON', () => {
    assert.equal(detect(`${HEADER}a,{oops "x", y},x@example.com\n`), undefined);
  });
});
