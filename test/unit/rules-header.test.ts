import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, range, rangeOf, single } from '../support/validation';
import { PORTSIP_HEADER, portsipRow } from '../support/headers';

const XIVO_MIN = 'entity_id,firstname,lastname,exten,context,line_protocol';
const ROW = '1,John,Doe,1000,default,sip';

describe('header-unknown-column', () => {
  test('a near miss gets "did you mean" and the suggestion as data', () => {
    const text = csv(XIVO_MIN + ',Email', ROW + ',john@example.com');
    const p = single(check(text), 'header-unknown-column');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'Unknown column "Email" (did you mean "email"?): the XiVO importer silently ignores columns it does not know');
    assert.deepEqual(p.range, rangeOf(text, 'Email'));
    assert.deepEqual(p.data, { column: 'Email', suggestion: 'email' });
  });

  test('an unrelated name has no suggestion', () => {
    const text = csv(XIVO_MIN + ',department', ROW + ',Sales');
    const p = single(check(text), 'header-unknown-column');
    assert.equal(p.message, 'Unknown column "department": the XiVO importer silently ignores columns it does not know');
    assert.deepEqual(p.range, range(0, 57, 67));
    assert.deepEqual(p.data, { column: 'department' });
  });

  test('known columns pass', () => {
    assert.deepEqual(byRule(check(csv(XIVO_MIN + ',email', ROW + ',john@example.com')), 'header-unknown-column'), []);
  });
});

describe('header-duplicate-column', () => {
  test('the second occurrence is an error pointing at the first', () => {
    const text = csv('entity_id,firstname,exten,context,line_protocol,firstname', '1,John,1000,default,sip,John');
    const p = single(check(text), 'header-duplicate-column');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'Duplicate column "firstname": it is already column 2');
    assert.deepEqual(p.range, range(0, 48, 57));
    assert.equal(p.related?.length, 1);
    assert.deepEqual({ start: p.related![0].start, end: p.related![0].end }, { start: 10, end: 19 });
  });

  test('distinct names pass', () => {
    assert.deepEqual(byRule(check(csv(XIVO_MIN, ROW)), 'header-duplicate-column'), []);
  });
});

describe('header-empty-column', () => {
  test('an empty header cell is an error on that cell', () => {
    const text = csv('entity_id,firstname,"",exten,context,line_protocol', '1,John,x,1000,default,sip');
    const p = single(check(text), 'header-empty-column');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'Header cell 3 is empty: every column needs a name');
    assert.deepEqual(p.range, range(0, 20, 22)); // the two quotes
  });

  test('named header cells pass', () => {
    assert.deepEqual(byRule(check(csv(XIVO_MIN, ROW)), 'header-empty-column'), []);
  });
});

describe('header-missing-column', () => {
  test('a missing required column is an error on the whole header row', () => {
    const header = PORTSIP_HEADER.replace(',voicemail_pin', '');
    const row = portsipRow(1).replace(',493817', '');
    const text = csv(header, row);
    const p = single(check(text), 'header-missing-column');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'Missing required column voicemail_pin');
    assert.deepEqual(p.range, range(0, 0, header.length));
    assert.deepEqual(p.data, { column: 'voicemail_pin' });
  });

  test('XiVO update needs uuid but not the import\'s required columns', () => {
    const update = check(csv('uuid,exten,context,line_protocol', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,1000,default,sip'), { dialect: 'xivo-update' });
    assert.deepEqual(byRule(update, 'header-missing-column'), []);
    const noUuid = check(csv('exten,context,line_protocol', '1000,default,sip'), { dialect: 'xivo-update' });
    assert.equal(single(noUuid, 'header-missing-column').message, 'Missing required column uuid');
  });
});

describe('header-ignored-column', () => {
  test('PortSIP v16: the v22-only sms column is a warning', () => {
    const text = csv(PORTSIP_HEADER, portsipRow(1));
    const p = single(check(text, { dialect: 'portsip-v16' }), 'header-ignored-column');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'sms is only applicable to PortSIP v22.0 and higher; v16 ignores it');
    assert.deepEqual(p.range, rangeOf(text, 'sms'));
  });

  test('PortSIP v22 knows sms', () => {
    assert.deepEqual(check(csv(PORTSIP_HEADER, portsipRow(1)), { dialect: 'portsip-v22' }), []);
  });

  test('XiVO export\'s provisioning_code is known and silently ignored in an update', () => {
    const text = csv('uuid,firstname,exten,context,line_protocol,provisioning_code', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,John,1000,default,sip,123456');
    assert.deepEqual(check(text), []);
  });
});
