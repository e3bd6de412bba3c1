// Property: for random user files and every quick fix offered for their problems, the text outside the
// fix's edits is unchanged, and the file still parses with the same number of records and — except for
// the fixes that add, remove or re-split columns — the same number of cells in every record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsvModel } from '../../server/src/service/csv/model';
import { applyEdits, codeActions, csvField, type TextEdit } from '../../server/src/service/features/index';
import { parsed, service } from '../support/validation';

const COLUMN_FIXES = new Set(['header-missing-column', 'header-duplicate-column', 'header-delimiter']);

const portsipColumns = ['name', 'enabled', 'email', 'role', 'sms', 'office_hours', 'online_no_answer_forward_rule', 'phones', 'enabeld', 'email'];
const xivoColumns = ['entity_id', 'firstname', 'lastname', 'enabled', 'language', 'line_protocol', 'webrtc', 'exten'];

const values = fc.oneof(
  fc.constantFrom('TRUE', 'true', 'yes', 'no', 'False', '1', '0', 'Admn', 'Admin', 'ALOW', 'en_US', 'en-us', 'sip', 'SIP', ''),
  fc.constantFrom(
    '{"mode":"GLOBAL"}',
    '{"action":"FORWARD_TO_VOICEMIAL"}',
    '{"action":"HANGUP","timeout":30}',
    '[{"mac":"0C:38:3E:63:FE:E8"}]',
    '{"mode":"CUSTOM","monday":{"enabled":true,"ranges":[]}}',
  ),
  fc.string({ maxLength: 6 }),
);

/** A cell as written in the file: escaped properly, or (sometimes) pasted raw. */
const cellText = fc.tuple(values, fc.boolean()).map(([value, raw]) => (raw && value.startsWith('{') ? value : csvField(value)));

const documents = fc
  .tuple(fc.boolean(), fc.constantFrom(',', ',', ';', '\t'), fc.integer({ min: 1, max: 4 }))
  .chain(([portsip, delimiter, rowCount]) =>
    fc
      .subarray(portsip ? portsipColumns : xivoColumns, { minLength: 2 })
      .chain((columns) =>
        fc.tuple(
          fc.constant(columns),
          fc.array(fc.array(cellText, { minLength: columns.length - 1, maxLength: columns.length + 1 }), { minLength: rowCount, maxLength: rowCount }),
        ),
      )
      .map(([columns, rows]) => ({
        dialect: portsip ? 'portsip-v22' : 'xivo',
        text: [columns.join(delimiter), ...rows.map((r) => r.join(delimiter === ',' ? ',' : delimiter))].join('\n') + '\n',
      })),
  );

function cellCounts(model: CsvModel): number[] {
  return Array.from({ length: model.recordCount }, (_, r) => model.cellCount(r));
}

/** The original text between the edits must appear, in order, between the edits' new texts. */
function assertOutsideUnchanged(original: string, edits: readonly TextEdit[], result: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let from = 0;
  let cursor = 0;
  for (const edit of sorted) {
    const kept = original.slice(from, edit.start);
    assert.equal(result.slice(cursor, cursor + kept.length), kept);
    cursor += kept.length + edit.newText.length;
    from = edit.end;
  }
  assert.equal(result.slice(cursor), original.slice(from));
}

test('quick fixes change only their edit ranges and keep the records (and cells, for value fixes)', () => {
  fc.assert(
    fc.property(documents, ({ dialect, text }) => {
      const problems = service().validate(text, { dialect }).problems;
      const fd = parsed(text, dialect);
      const before = fd.model;
      for (const problem of problems) {
        for (const action of codeActions(fd, [problem], () => problems)) {
          const result = applyEdits(text, action.edits);
          assertOutsideUnchanged(text, action.edits, result);
          const after = new CsvModel(result);
          assert.equal(after.recordCount, before.recordCount, `${action.title}: records\n${text}\n→\n${result}`);
          const rules = new Set(action.problems.map((p) => p.rule));
          if ([...rules].some((r) => COLUMN_FIXES.has(r))) continue;
          const counts = cellCounts(after);
          const expected = cellCounts(before);
          if (rules.has('json-unescaped')) {
            // Escaping pasted JSON joins the cells CSV had split it into: fewer cells, never more.
            counts.forEach((count, i) => assert.ok(count <= expected[i], `${action.title}: cells of record ${i}`));
            continue;
          }
          assert.deepEqual(counts, expected, `${action.title}: cells\n${text}\n→\n${result}`);
        }
      }
    }),
    { seed: 20261126, numRuns: 300 },
  );
});
