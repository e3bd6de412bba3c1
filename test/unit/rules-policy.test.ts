import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, rangeOf, single } from '../support/validation';
import { PORTSIP_HEADER, portsipRow, XIVO_HEADER, xivoRow } from '../support/headers';

const portsip = (overrides: Record<string, string>) => csv(PORTSIP_HEADER, portsipRow(1, overrides));

describe('password-policy', () => {
  test('a compliant password passes', () => {
    assert.deepEqual(byRule(check(portsip({ password: 'Kp4#vZ9!mQ' })), 'password-policy'), []);
  });

  test('each broken requirement is named, the value never shown', () => {
    const text = portsip({ password: 'abcaaa' });
    const p = single(check(text), 'password-policy');
    assert.equal(p.severity, 'warning');
    assert.equal(
      p.message,
      'password does not meet the password policy: it must contain a digit, contain a special character, not contain 3 sequential characters such as abc or 123, not repeat a character 3 times in a row (the tenant\'s own policy may differ)',
    );
    assert.deepEqual(p.range, rangeOf(text, 'abcaaa'));
    assert.ok(!p.message.includes('abcaaa'));
  });

  test('length and account information (user name or extension) on extension_password', () => {
    const text = portsip({ extension_password: 'X!101' });
    const p = single(check(text), 'password-policy');
    assert.equal(
      p.message,
      'extension_password does not meet the password policy: it must be 6 to 32 characters long, not contain the user name or extension number (the tenant\'s own policy may differ)',
    );
    assert.deepEqual(p.range, rangeOf(text, 'X!101'));
  });

  test('descending runs count as sequential; the policy is configurable', () => {
    const text = portsip({ password: 'Zy!9cba' });
    assert.match(single(check(text), 'password-policy').message, /not contain 3 sequential characters/);
    const relaxed = check(text, { settings: { passwordPolicy: { forbidSequential: false } as never } });
    assert.deepEqual(byRule(relaxed, 'password-policy'), []);
  });
});

describe('pin-policy', () => {
  test('a compliant PIN passes', () => {
    assert.deepEqual(byRule(check(portsip({ voicemail_pin: '493817' })), 'pin-policy'), []);
  });

  test('repeated and consecutive digits and the length are warnings, the PIN never shown', () => {
    const text = portsip({ voicemail_pin: '1112' });
    const p = single(check(text), 'pin-policy');
    assert.equal(p.severity, 'warning');
    assert.equal(
      p.message,
      'voicemail_pin does not meet the voicemail PIN policy: it must be 6 to 10 digits long, not repeat a digit 3 times in a row (such as 111) (the tenant\'s own policy may differ)',
    );
    assert.deepEqual(p.range, rangeOf(text, '1112'));
  });

  test('987 is a consecutive run', () => {
    const text = portsip({ voicemail_pin: '409875' });
    assert.equal(
      single(check(text), 'pin-policy').message,
      'voicemail_pin does not meet the voicemail PIN policy: it must not contain 3 consecutive digits (such as 012 or 987) (the tenant\'s own policy may differ)',
    );
  });

  test('a PIN with letters is a pattern error only (no policy finding on top)', () => {
    const problems = check(portsip({ voicemail_pin: 'abc123' }));
    assert.deepEqual(problems.map((p) => p.rule), ['value-pattern']);
  });
});

describe('secrets', () => {
  test('no message ever contains a secret value', () => {
    const secrets = ['Zz1!SECRETa', 'Q!SECRETb', '12SECRETc', 'SECRET-sip', 'SECRET-vm#', 'SECRET-cti'];
    const portsipText = csv(
      PORTSIP_HEADER,
      portsipRow(1, { password: secrets[0], extension_password: secrets[1], voicemail_pin: secrets[2] }),
      portsipRow(2, { password: secrets[0], extension_password: secrets[1], voicemail_pin: secrets[2] }),
    );
    const xivoText = csv(
      XIVO_HEADER,
      xivoRow(1, { sip_secret: secrets[3], voicemail_password: secrets[4], password: secrets[5], cti_profile_enabled: '1' }),
    );
    const problems = [...check(portsipText), ...check(xivoText)];
    assert.ok(problems.length >= 4, 'the rows have findings on their secret cells');
    for (const p of problems) {
      for (const s of secrets) assert.ok(!p.message.includes('SECRET'), `${p.rule} shows a secret: ${p.message} (${s})`);
    }
  });
});
