// Messages cut long echoed names and values with "…": a 5 MB header cell once made a 5 MB message (and a
// 5 MB line in a terminal or CI log).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, csv, single } from '../support/validation';
import { PORTSIP_HEADER, portsipRow } from '../support/headers';

const HUGE = 'x'.repeat(5 * 1024 * 1024);
/** What a message shows of a long text: its first 59 characters, then "…" (60 in all). */
const cutHuge = `${'x'.repeat(59)}…`;

describe('long names and values in messages are cut', () => {
  test('an unknown column of 5 MB', () => {
    const text = csv(`${PORTSIP_HEADER},${HUGE}`, `${portsipRow(1)},a`);
    const problem = single(check(text), 'header-unknown-column');
    assert.equal(problem.message, `Unknown column "${cutHuge}": the PortSIP importer does not use columns it does not know`);
    assert.deepEqual([problem.start, problem.end], [PORTSIP_HEADER.length + 1, PORTSIP_HEADER.length + 1 + HUGE.length]);
  });

  test('a duplicate column and the missing cells of a short row', () => {
    const text = csv(`${PORTSIP_HEADER},${HUGE},${HUGE}`, portsipRow(1));
    const duplicate = single(check(text), 'header-duplicate-column');
    assert.equal(duplicate.message, `Duplicate column "${cutHuge}": it is already column 11`);
    assert.deepEqual(duplicate.related?.map((r) => r.message), [`first "${cutHuge}" column`]);
    assert.equal(
      single(check(text), 'row-short').message,
      `Row has 10 cells but the header has 12: missing ${cutHuge} and ${cutHuge}; the missing cells are imported as empty values`,
    );
  });

  test('a value quoted after "found"', () => {
    const text = csv(PORTSIP_HEADER, portsipRow(1, { role: 'y'.repeat(100) }));
    assert.equal(
      single(check(text), 'value-enum').message,
      `role must be StandardUser, StandardInternationalUser, QueueManager or Admin, or the name (1 to 64 characters) of a custom role defined on the PBX, found "${'y'.repeat(59)}…"`,
    );
  });

  test('an unknown JSON key of 1 MB in an office_hours cell', () => {
    const key = 'k'.repeat(1024 * 1024);
    const cell = `"{""mode"":""GLOBAL"",""${key}"":1}"`;
    const text = csv(`${PORTSIP_HEADER},office_hours`, `${portsipRow(1)},${cell}`);
    const problem = single(check(text), 'json-unknown-key');
    assert.equal(problem.message, `unknown key "${'k'.repeat(59)}…" in office_hours: the importer does not know it`);
  });
});
