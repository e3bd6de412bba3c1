import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, range, rangeOf, single } from '../support/validation';
import { PORTSIP_HEADER, portsipRow, XIVO_HEADER, xivoRow } from '../support/headers';

const portsip = (overrides: Record<string, string>) => csv(PORTSIP_HEADER, portsipRow(1, overrides));
const xivo = (overrides: Record<string, string>) => csv(XIVO_HEADER, xivoRow(1, overrides));

describe('value-required', () => {
  test('an empty required cell is an error on the empty cell', () => {
    const text = portsip({ email: '' });
    const p = single(check(text), 'value-required');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'email is required but the cell is empty');
    // name,enabled,password,extension_number,extension_password,email: "user1,TRUE,Vt9#qLm2$w,101,Hq7!xR4pz%," is 37 characters
    assert.deepEqual(p.range, range(1, 37, 37));
  });

  test('a quoted empty cell is underlined with its quotes; a filled cell passes', () => {
    const text = csv('entity_id,firstname,exten,context,line_protocol', '1,"",1000,default,sip');
    assert.deepEqual(single(check(text), 'value-required').range, range(1, 2, 4));
    assert.deepEqual(byRule(check(xivo({})), 'value-required'), []);
  });
});

describe('booleans', () => {
  test('value-boolean: PortSIP TRUE/FALSE, with a replacement guessed for "yes"', () => {
    const text = portsip({ enabled: 'yes' });
    const p = single(check(text), 'value-boolean');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'enabled must be TRUE or FALSE, found "yes"');
    assert.deepEqual(p.range, rangeOf(text, 'yes'));
    assert.deepEqual(p.data, { allowed: ['TRUE', 'FALSE'], replacement: 'TRUE' });
  });

  test('value-boolean: XiVO is exactly 0 or 1, any other case is an error', () => {
    const text = xivo({ enabled: 'true' });
    const p = single(check(text), 'value-boolean');
    assert.equal(p.message, 'enabled must be 1 or 0, found "true"');
    assert.deepEqual(p.range, rangeOf(text, 'true'));
    assert.deepEqual(p.data, { allowed: ['1', '0'], replacement: '1' });
  });

  test('value-boolean-case: PortSIP lower-case is a warning with the canonical spelling as fix', () => {
    const text = portsip({ enabled: 'false' });
    const p = single(check(text), 'value-boolean-case');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'enabled should be written FALSE, found "false"');
    assert.deepEqual(p.range, rangeOf(text, 'false'));
    assert.deepEqual(p.data, { replacement: 'FALSE' });
  });

  test('canonical booleans pass', () => {
    assert.deepEqual(check(portsip({ enabled: 'FALSE' })), []);
    assert.deepEqual(check(xivo({ enabled: '0' })), []);
  });
});

describe('enums', () => {
  test('value-enum lists the allowed values', () => {
    const text = portsip({ sms: 'SOMETIMES' });
    const p = single(check(text), 'value-enum');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'sms must be DISABLE, ALLOW_WITH_SENDER_ID or ALLOW, found "SOMETIMES"');
    assert.deepEqual(p.range, rangeOf(text, 'SOMETIMES'));
    assert.deepEqual(p.data, { allowed: ['DISABLE', 'ALLOW_WITH_SENDER_ID', 'ALLOW'] });
  });

  test('value-enum: XiVO line_protocol is case-sensitive, with the right spelling as fix', () => {
    const text = xivo({ line_protocol: 'SIP' });
    const p = single(check(text), 'value-enum');
    assert.equal(p.message, 'line_protocol must be sip in exactly this letter case, found "SIP"');
    assert.deepEqual(p.range, rangeOf(text, 'SIP'));
    assert.deepEqual(p.data, { allowed: ['sip', 'sccp'], replacement: 'sip' });
  });

  test('voicemail_play_datetime accepts the API values and the seed\'s TRUE/FALSE', () => {
    const header = PORTSIP_HEADER + ',voicemail_play_datetime';
    for (const value of ['DISABLE', '12_HOUR_CLOCK', '24_HOUR_CLOCK', 'TRUE', 'FALSE']) {
      assert.deepEqual(check(csv(header, portsipRow(1) + ',' + value)), [], value);
    }
  });

  test('value-enum-other: a custom PortSIP role is a warning', () => {
    const text = portsip({ role: 'Sales' });
    const p = single(check(text), 'value-enum-other');
    assert.equal(p.severity, 'warning');
    assert.equal(
      p.message,
      'role "Sales" is not one of StandardUser, StandardInternationalUser, QueueManager or Admin: it must be the name (1 to 64 characters) of a custom role defined on the PBX',
    );
    assert.deepEqual(p.range, rangeOf(text, 'Sales'));
  });

  test('value-enum-other: XiVO language of another xx_YY shape is a warning; another shape is an error', () => {
    const other = xivo({ language: 'it_IT' });
    const warning = single(check(other), 'value-enum-other');
    assert.equal(warning.severity, 'warning');
    assert.deepEqual(warning.range, rangeOf(other, 'it_IT'));
    const wrong = xivo({ language: 'italian' });
    const error = single(check(wrong), 'value-enum');
    assert.equal(
      error.message,
      'language must be de_DE, en_US, es_ES, fr_FR or fr_CA, or a language_COUNTRY code such as it_IT; the importer accepts the shape but the language may not be installed, found "italian"',
    );
  });

  test('listed values pass', () => {
    assert.deepEqual(check(portsip({ role: 'QueueManager', sms: 'ALLOW' })), []);
    assert.deepEqual(check(xivo({ language: 'fr_CA', line_protocol: 'sccp' })), []);
  });
});

describe('integers', () => {
  test('value-integer: digits only', () => {
    const text = xivo({ ring_seconds: '-5' });
    const p = single(check(text), 'value-integer');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'ring_seconds must be a whole number written with digits only, found "-5"');
    assert.deepEqual(p.range, rangeOf(text, '-5'));
  });

  test('value-range: ring_seconds is a multiple of 5 between 0 and 60', () => {
    const text = xivo({ ring_seconds: '65' });
    const p = single(check(text), 'value-range');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'ring_seconds must be a multiple of 5 between 0 and 60, found "65"');
    assert.deepEqual(p.range, rangeOf(text, '65'));
    assert.equal(single(check(xivo({ ring_seconds: '7' })), 'value-range').message, 'ring_seconds must be a multiple of 5 between 0 and 60, found "7"');
  });

  test('value-range: simultaneous_calls is between 1 and 20', () => {
    const text = xivo({ simultaneous_calls: '0' });
    const p = single(check(text), 'value-range');
    assert.equal(p.message, 'simultaneous_calls must be between 1 and 20, found "0"');
  });

  test('integers in range pass', () => {
    assert.deepEqual(check(xivo({ ring_seconds: '0', simultaneous_calls: '20' })), []);
  });
});

describe('text shape', () => {
  test('value-pattern: extension_number is digits only', () => {
    const text = portsip({ extension_number: '10a1' });
    const p = single(check(text), 'value-pattern');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'extension_number must be digits only, found "10a1"');
    assert.deepEqual(p.range, rangeOf(text, '10a1'));
  });

  test('value-pattern: a name must not end with a dot', () => {
    const text = portsip({ name: 'bob.' });
    const p = single(check(text), 'value-pattern');
    assert.equal(p.message, 'name must be letters, digits, _ - \' or . and must not start or end with a dot, found "bob."');
    assert.deepEqual(p.range, range(1, 0, 4));
  });

  test('value-pattern on a secret never shows the value', () => {
    const text = portsip({ voicemail_pin: '12ab56' });
    const p = single(check(text), 'value-pattern');
    assert.equal(p.message, 'voicemail_pin must be digits only');
    assert.deepEqual(p.range, rangeOf(text, '12ab56'));
  });

  test('value-pattern-strict: XiVO voicemail_password with # is an error (the documentation allows it, the importer rejects it)', () => {
    const text = xivo({ voicemail_name: 'VM', voicemail_number: '1001', voicemail_context: 'default', voicemail_password: '12#4' });
    const p = single(check(text), 'value-pattern-strict');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'voicemail_password must be digits only: the documentation allows # but the importer rejects it');
    assert.deepEqual(p.range, rangeOf(text, '12#4'));
    const digits = xivo({ voicemail_name: 'VM', voicemail_number: '1001', voicemail_context: 'default', voicemail_password: '1234' });
    assert.deepEqual(check(digits), []);
    const letters = xivo({ voicemail_name: 'VM', voicemail_number: '1001', voicemail_context: 'default', voicemail_password: 'invalid' });
    assert.equal(single(check(letters), 'value-pattern').message, 'voicemail_password must be 1 to 80 digits');
  });

  test('value-length: extension_number needs 3 to 64 digits', () => {
    const text = portsip({ extension_number: '12' });
    const p = single(check(text), 'value-length');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'extension_number must be 3 to 64 characters long, found 2 characters');
    assert.deepEqual(p.range, range(1, 22, 24));
  });

  test('value-length: counts characters, not UTF-16 units', () => {
    const name = '😀'.repeat(64);
    assert.deepEqual(byRule(check(portsip({ name })), 'value-length'), []);
    const p = single(check(portsip({ name: name + '😀' })), 'value-length');
    assert.equal(p.message, 'name must be 1 to 64 characters long, found 65 characters');
    assert.deepEqual(p.range, range(1, 0, 130));
  });

  test('value-length-limit: display_name over 128 characters is a warning', () => {
    const long = 'x'.repeat(129);
    const text = portsip({ display_name: long });
    const p = single(check(text), 'value-length-limit');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'display_name is longer than 128 characters (found 129): PortSIP v22.6 and later limit display names to 128 characters');
    assert.deepEqual(p.range, rangeOf(text, long));
    assert.deepEqual(check(portsip({ display_name: 'x'.repeat(128) })), []);
  });

  test('value-reserved: reserved PortSIP user names in any case', () => {
    const text = portsip({ name: 'Admin' });
    const p = single(check(text), 'value-reserved');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'name cannot be "Admin": it is reserved');
    assert.deepEqual(p.range, range(1, 0, 5));
    assert.deepEqual(check(portsip({ name: 'administration' })), []);
  });

  test('value-email', () => {
    const text = portsip({ email: 'jim(at)example.com' });
    const p = single(check(text), 'value-email');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'email must be an email address such as name@example.com, found "jim(at)example.com"');
    assert.deepEqual(p.range, rangeOf(text, 'jim(at)example.com'));
    assert.deepEqual(check(portsip({ email: 'jim.keeny+pbx@mail.example.co.uk' })), []);
  });

  test('value-language-tag: BCP 47, with the dashed form as fix for en_US', () => {
    const header = PORTSIP_HEADER + ',voicemail_prompt';
    const text = csv(header, portsipRow(1) + ',en_US');
    const p = single(check(text), 'value-language-tag');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'voicemail_prompt must be a BCP 47 language tag such as en-US, found "en_US"');
    assert.deepEqual(p.range, rangeOf(text, 'en_US'));
    assert.deepEqual(p.data, { replacement: 'en-US' });
    for (const tag of ['en-US', 'zh-Hant-TW', 'fr']) assert.deepEqual(check(csv(header, portsipRow(1) + ',' + tag)), [], tag);
  });

  test('value-uuid', () => {
    const text = csv('uuid,firstname,exten,context,line_protocol', '6d5b1c2e-8f3a-4b7d-9e21,John,1000,default,sip');
    const p = single(check(text), 'value-uuid');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'uuid must be a UUID such as 123e4567-e89b-42d3-a456-426614174000, found "6d5b1c2e-8f3a-4b7d-9e21"');
    assert.deepEqual(p.range, range(1, 0, 23));
  });

  test('value-list-item: a trailing ; in call_permissions points at the separator', () => {
    const text = xivo({ call_permissions: 'internal;' });
    const p = single(check(text), 'value-list-item');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'call_permissions has an empty item: items are separated by ";" with nothing before, between or after them');
    assert.deepEqual(p.range, rangeOf(text, ';'));
    assert.deepEqual(check(xivo({ call_permissions: 'internal;national' })), []);
  });

  test('custom_options: JSON that does not parse is reported, other text passes', () => {
    const header = PORTSIP_HEADER + ',custom_options';
    const bad = csv(header, portsipRow(1) + ',"{""a"": 1,}"');
    assert.equal(single(check(bad), 'json-syntax').severity, 'error');
    assert.deepEqual(check(csv(header, portsipRow(1) + ',anything')), []);
  });
});
