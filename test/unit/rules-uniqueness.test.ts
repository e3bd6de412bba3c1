import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/service/index';
import { byRule, check, csv, range, rangeOf, single } from '../support/validation';
import { PORTSIP_HEADER, portsipRow, XIVO_HEADER, xivoRow } from '../support/headers';

describe('duplicate-value', () => {
  test('a duplicate extension_number is an error on the later cell, related to the first', () => {
    const text = csv(PORTSIP_HEADER, portsipRow(1), portsipRow(2), portsipRow(3, { extension_number: '101' }));
    const p = single(check(text), 'duplicate-value');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'Duplicate extension_number "101": already used on line 2; two users cannot share an extension');
    assert.deepEqual(p.range, rangeOf(text, '101', 1));
    const index = new LineIndex(text);
    assert.equal(p.related?.length, 1);
    assert.deepEqual(index.rangeOf(p.related![0]), rangeOf(text, '101', 0));
    assert.deepEqual(p.data, { column: 'extension_number', firstLine: 2 });
  });

  test('PortSIP names are compared ignoring case', () => {
    const text = csv(PORTSIP_HEADER, portsipRow(1, { name: 'Jim' }), portsipRow(2, { name: 'jim' }));
    const p = single(check(text), 'duplicate-value');
    assert.equal(p.message, 'Duplicate name "jim": already used on line 2; the importer rejects a second user with the same name');
    assert.deepEqual(p.range, range(2, 0, 3));
  });

  test('a duplicate email is only a warning', () => {
    const text = csv(PORTSIP_HEADER, portsipRow(1, { email: 'team@example.com' }), portsipRow(2, { email: 'Team@Example.com' }));
    const p = single(check(text), 'duplicate-value');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'Duplicate email "Team@Example.com": already used on line 2; notifications for both users go to one mailbox');
    assert.deepEqual(p.range, rangeOf(text, 'Team@Example.com'));
  });

  test('XiVO exten@context: the same exten in another context passes, in the same context fails', () => {
    const ok = csv(XIVO_HEADER, xivoRow(1, { exten: '1000' }), xivoRow(2, { exten: '1000', context: 'paris' }));
    assert.deepEqual(byRule(check(ok), 'duplicate-value'), []);
    const text = csv(XIVO_HEADER, xivoRow(1, { exten: '1000' }), xivoRow(2, { exten: '1000' }));
    const p = single(check(text), 'duplicate-value');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'Duplicate exten@context "1000@default": already used on line 2; an extension exists once per context');
    assert.deepEqual(p.range, rangeOf(text, '1000', 1));
  });

  test('XiVO voicemail_number@voicemail_context and sip_username', () => {
    const vm = { voicemail_name: 'VM', voicemail_number: '8000', voicemail_context: 'default' };
    const text = csv(XIVO_HEADER, xivoRow(1, { ...vm, sip_username: 'abc' }), xivoRow(2, { ...vm, sip_username: 'abc' }));
    const problems = byRule(check(text), 'duplicate-value');
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        'Duplicate sip_username "abc": already used on line 2; SIP usernames are unique among SIP endpoints',
        'Duplicate voicemail_number@voicemail_context "8000@default": already used on line 2; a voicemail number exists once per context',
      ],
    );
  });

  test('empty cells are never duplicates', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { email: '' }), xivoRow(2, { email: '' }));
    assert.deepEqual(check(text), []);
  });

  test('many rows: each duplicate found once (Map-based, no pairwise reports)', () => {
    const rows = [XIVO_HEADER];
    for (let i = 0; i < 2000; i++) rows.push(xivoRow(i, { exten: String(1000 + (i % 1000)) }));
    assert.equal(byRule(check(csv(...rows)), 'duplicate-value').length, 1000);
  });
});
