import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/service/text/lineIndex';

test('LineIndex maps offsets across LF, CRLF and lone CR', () => {
  const index = new LineIndex('a\nbc\r\nd\re');
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(3), { line: 1, character: 1 });
  assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(8), { line: 3, character: 0 });
  assert.equal(index.offsetAt({ line: 1, character: 2 }), 4);
  assert.equal(index.lineCount, 4);
});
