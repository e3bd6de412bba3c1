import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, rangeOf, single } from '../support/validation';
import { XIVO_HEADER, xivoRow } from '../support/headers';

describe('resource-required', () => {
  test('cti_profile_enabled=1 requires username, password and cti_profile_name', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { cti_profile_enabled: '1', password: 'Cti-pass-77' }));
    const p = single(check(text), 'resource-required');
    assert.equal(p.severity, 'error');
    assert.equal(
      p.message,
      'CTI profile: username and cti_profile_name are empty, but cti_profile_enabled is 1, so the importer requires username, password and cti_profile_name and rejects this row',
    );
    // The cti_profile_enabled cell: "1,First1,Last1,user1@example.com,en_US,,1,5,30," is 47 characters.
    assert.deepEqual(p.range, { start: { line: 1, character: 47 }, end: { line: 1, character: 48 } });
    assert.deepEqual(p.data, { resource: 'cti', missing: ['username', 'cti_profile_name'] });
  });

  test('a complete CTI profile, or none, passes', () => {
    const full = xivoRow(1, { cti_profile_enabled: '1', username: 'jdoe', password: 'Cti-pass-77', cti_profile_name: 'Client' });
    assert.deepEqual(check(csv(XIVO_HEADER, full)), []);
    assert.deepEqual(check(csv(XIVO_HEADER, xivoRow(1, { cti_profile_enabled: '0' }))), []);
  });

  test('a voicemail number makes name and context required', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { voicemail_number: '8001' }));
    const p = single(check(text), 'resource-required');
    assert.equal(
      p.message,
      'Voicemail: voicemail_name and voicemail_context are empty, but voicemail_number is filled, so the importer requires voicemail_name, voicemail_number and voicemail_context and rejects this row',
    );
    assert.deepEqual(p.range, rangeOf(text, '8001'));
  });

  test('exten and context make line_protocol required', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { line_protocol: '' }));
    const p = single(check(text), 'resource-required');
    assert.equal(
      p.message,
      'Phone line: line_protocol is empty, but exten and context are filled, so the importer requires exten, context and line_protocol and rejects this row',
    );
    assert.deepEqual(p.range, rangeOf(text, '1001'));
  });
});

describe('resource-incomplete', () => {
  test('an incoming call without its context is a warning on the first filled cell', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { incall_exten: '5145550100' }));
    const p = single(check(text), 'resource-incomplete');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'Incomplete incoming call: incall_context is empty, so no incoming call will be created for this user (it needs incall_exten and incall_context)');
    assert.deepEqual(p.range, rangeOf(text, '5145550100'));
  });

  test('a line with only a SIP username is a warning: nothing will be created', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { exten: '', context: '', line_protocol: '', sip_username: 'lonely' }));
    const p = single(check(text), 'resource-incomplete');
    assert.equal(p.message, 'Incomplete phone line: exten, context and line_protocol are empty, so no phone line will be created for this user (it needs exten, context and line_protocol)');
    assert.deepEqual(p.range, rangeOf(text, 'lonely'));
  });

  test('a complete incoming call passes', () => {
    assert.deepEqual(check(csv(XIVO_HEADER, xivoRow(1, { incall_exten: '5145550100', incall_context: 'from-extern' }))), []);
  });

  test('update: columns absent from the header are unchanged, not empty', () => {
    const text = csv('uuid,voicemail_number', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,8001');
    assert.deepEqual(byRule(check(text, { dialect: 'xivo-update' }), 'resource-required'), []);
    const emptied = csv('uuid,voicemail_number,voicemail_name', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,8001,');
    assert.equal(single(check(emptied, { dialect: 'xivo-update' }), 'resource-required').data?.resource, 'voicemail');
  });
});
