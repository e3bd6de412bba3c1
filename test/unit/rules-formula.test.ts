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

describe('formula-injection in every free-text column', () => {
  const message = (column: string, start: string) => `${column} starts with ${JSON.stringify(start)}: a spreadsheet may run it as a formula when the file is opened`;

  test('e-mails, contexts and caller ids, without a formulaInjection flag in the dialect', () => {
    const cases: Array<[string, string, string]> = [
      ['email', '=cmd@example.com', '='],
      ['context', '@SUM(1+1)', '@'],
      ['voicemail_email', '-cmd@example.com', '-'],
    ];
    for (const [column, value, start] of cases) {
      const inHeader = XIVO_HEADER.split(',').includes(column);
      const text = inHeader ? csv(XIVO_HEADER, xivoRow(1, { [column]: value })) : csv(`${XIVO_HEADER},${column}`, `${xivoRow(1)},${value}`);
      const p = single(check(text), 'formula-injection');
      assert.equal(p.message, message(column, start));
      assert.equal(p.severity, 'information');
      assert.deepEqual(p.range, rangeOf(text, value));
    }
    const portsip = csv(PORTSIP_HEADER, portsipRow(1, { email: '+cmd@example.com' }));
    assert.equal(single(check(portsip), 'formula-injection').message, message('email', '+'));
  });

  test('a leading tab or carriage return (OWASP), in a quoted cell', () => {
    for (const start of ['\t', '\r']) {
      const text = csv(XIVO_HEADER, xivoRow(1, { lastname: `"${start}=1+1"` }));
      const p = single(check(text), 'formula-injection');
      assert.equal(p.message, message('lastname', start));
      assert.deepEqual(p.data, { character: start });
    }
  });

  test('a signed number alone is no formula; passwords are never reported', () => {
    const header = `${XIVO_HEADER},outgoing_caller_id`;
    assert.deepEqual(byRule(check(csv(header, `${xivoRow(1)},+15145550100`)), 'formula-injection'), []);
    assert.equal(single(check(csv(header, `${xivoRow(1)},+1+1`)), 'formula-injection').message, message('outgoing_caller_id', '+'));
    const secrets = csv(XIVO_HEADER, xivoRow(1, { sip_username: 'jdoe', sip_secret: '=Sx7!kQ2#w', password: '-Px7!kQ2#w', username: 'jdoe', cti_profile_enabled: '1' }));
    assert.deepEqual(byRule(check(secrets), 'formula-injection'), []);
  });
});
