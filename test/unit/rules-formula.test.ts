import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, rangeOf, single } from '../support/validation';
import { PORTSIP_HEADER, portsipRow, XIVO_HEADER, xivoRow } from '../support/headers';

describe('formula-injection', () => {
  test('a free-text cell starting with = is information', () => {
    const text = csv(PORTSIP_HEADER, portsipRow(1, { display_name: '"=HYPERLINK(""http://x"")"' }));
    const p = single(check(text), 'formula-injection');
    assert.equal(p.severity, 'information');
    assert.equal(p.message, 'display_name starts with "=": a spreadsheet may run it as a formula when the file is opened');
    assert.deepEqual(p.range, rangeOf(text, '=HYPERLINK(""http://x"")'));
  });

  test('+, - and @ too', () => {
    for (const start of ['+', '-', '@']) {
      const text = csv(XIVO_HEADER, xivoRow(1, { lastname: `${start}cmd` }));
      assert.equal(single(check(text), 'formula-injection').message, `lastname starts with "${start}": a spreadsheet may run it as a formula when the file is opened`);
    }
  });

  test('number columns are never reported (a mobile number starts with +)', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { mobile_phone_number: '+15145550100' }));
    assert.deepEqual(check(text), []);
  });

  test('plain text passes, and the setting turns the rule off', () => {
    assert.deepEqual(check(csv(XIVO_HEADER, xivoRow(1, { lastname: 'O\'Brien' }))), []);
    const text = csv(XIVO_HEADER, xivoRow(1, { lastname: '=1+1' }));
    assert.deepEqual(byRule(check(text, { settings: { formulaInjection: false } }), 'formula-injection'), []);
  });
});
