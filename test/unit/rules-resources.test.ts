import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, errorsAndWarnings, rangeOf, single } from '../support/validation';
import { XIVO_HEADER, xivoRow } from '../support/headers';

describe('resource-required', () => {
  test('cti_profile_enabled=1 with a profile name needs the CTI login and password', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { cti_profile_enabled: '1', password: 'Cti-pass-77', cti_profile_name: 'Client' }));
    const p = single(check(text), 'resource-required');
    assert.equal(p.severity, 'error');
    assert.equal(
      p.message,
      'CTI profile: username is empty, but cti_profile_enabled is 1 and cti_profile_name is filled, so the importer cannot enable a CTI profile for a user without a CTI login and password, and rejects this row',
    );
    // The cti_profile_enabled cell: "1,First1,Last1,user1@example.com,en_US,,1,5,30," is 47 characters.
    assert.deepEqual(p.range, { start: { line: 1, character: 47 }, end: { line: 1, character: 48 } });
    assert.deepEqual(p.data, { resource: 'cti', missing: ['username'] });
  });

  test('cti_profile_enabled=1 without a profile name gives no profile and is accepted; a complete CTI profile passes', () => {
    assert.deepEqual(check(csv(XIVO_HEADER, xivoRow(1, { cti_profile_enabled: '1' }))), []);
    const full = xivoRow(1, { cti_profile_enabled: '1', username: 'jdoe', password: 'Cti-pass-77', cti_profile_name: 'Client' });
    assert.deepEqual(check(csv(XIVO_HEADER, full)), []);
    // A profile name alone is associated (not enabled): accepted.
    assert.deepEqual(check(csv(XIVO_HEADER, xivoRow(1, { cti_profile_enabled: '', cti_profile_name: 'Client' }))), []);
  });

  test('a voicemail number without its context: nothing to look up, and creating needs all three', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { voicemail_number: '8001' }));
    const p = single(check(text), 'resource-required');
    assert.equal(
      p.message,
      'Voicemail: voicemail_name and voicemail_context are empty, but voicemail_number is filled, so the importer has no number@context to look an existing voicemail up with, ' +
        'and creating one needs voicemail_name, voicemail_number and voicemail_context: it rejects this row',
    );
    assert.deepEqual(p.range, rangeOf(text, '8001'));
  });

  test('exten and context without line_protocol: an extension attached to no line (one error, no second warning for the line)', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { line_protocol: '' }));
    const problems = check(text);
    const p = single(problems, 'resource-required');
    assert.equal(
      p.message,
      'Extension: line_protocol is empty, but exten and context are filled, so the importer creates the extension without a phone line to attach it to (a line needs line_protocol): nobody can call the user on it',
    );
    assert.deepEqual(p.range, rangeOf(text, '1001'));
    assert.deepEqual(byRule(problems, 'resource-incomplete'), []);
  });
});

describe('resource-link', () => {
  test('a voicemail given by number and context without a name: linked if it exists, else rejected', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { voicemail_number: '8001', voicemail_context: 'default' }));
    const p = single(check(text), 'resource-link');
    assert.equal(p.severity, 'warning');
    assert.equal(
      p.message,
      'Voicemail: voicemail_name is empty, so the importer links the existing voicemail 8001@default; if there is none, it rejects this row, because a new voicemail needs voicemail_name, voicemail_number and voicemail_context',
    );
    assert.deepEqual(p.range, rangeOf(text, '8001'));
    assert.deepEqual(p.data, { resource: 'voicemail', missing: ['voicemail_name'] });
    assert.equal(errorsAndWarnings(check(text)).length, 1);
  });

  test('without a voicemail_name column too', () => {
    const text = csv('firstname,voicemail_number,voicemail_context', 'Joey,8001,default');
    assert.equal(single(check(text), 'resource-link').data?.resource, 'voicemail');
  });

  test('with a name the voicemail is complete', () => {
    assert.deepEqual(check(csv(XIVO_HEADER, xivoRow(1, { voicemail_name: 'VM', voicemail_number: '8001', voicemail_context: 'default' }))), []);
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
    assert.equal(p.message, 'Incomplete phone line: context and line_protocol are empty, so no phone line will be created for this user (it needs context and line_protocol)');
    assert.deepEqual(p.range, rangeOf(text, 'lonely'));
  });

  test('line_protocol without context: no line; a voicemail name alone: no voicemail', () => {
    const line = csv('firstname,context,line_protocol', 'Ann,,sip');
    const p = single(check(line), 'resource-incomplete');
    assert.equal(p.message, 'Incomplete phone line: context is empty, so no phone line will be created for this user (it needs context and line_protocol)');
    assert.deepEqual(p.range, rangeOf(line, 'sip'));
    const voicemail = csv('firstname,voicemail_name,voicemail_number,voicemail_context', 'Ann,Ann VM,,');
    assert.equal(
      single(check(voicemail), 'resource-incomplete').message,
      'Incomplete voicemail: voicemail_number and voicemail_context are empty, so no voicemail will be created for this user (it needs voicemail_name, voicemail_number and voicemail_context)',
    );
  });

  test('exten without context: no extension', () => {
    const text = csv('firstname,exten,context,line_protocol', 'Ann,1000,,');
    const p = single(check(text), 'resource-incomplete');
    assert.equal(p.message, 'Incomplete extension: context and line_protocol are empty, so no extension will be created for this user (it needs exten, context and line_protocol)');
    assert.deepEqual(p.range, rangeOf(text, '1000'));
  });

  test('a line without an extension (context and line_protocol, no exten) is a complete line: nothing to say', () => {
    assert.deepEqual(check(csv(XIVO_HEADER, xivoRow(1, { exten: '' }))), []);
    assert.deepEqual(check(csv('firstname,line_protocol,context', 'Charles,sccp,default')), []);
  });

  test('a complete incoming call passes', () => {
    assert.deepEqual(check(csv(XIVO_HEADER, xivoRow(1, { incall_exten: '5145550100', incall_context: 'from-extern' }))), []);
  });

  test('update: columns absent from the header are unchanged, not empty', () => {
    const text = csv('uuid,voicemail_number', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,8001');
    assert.deepEqual(errorsAndWarnings(check(text, { dialect: 'xivo-update' })), []);
    const emptied = csv('uuid,voicemail_number,voicemail_context', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,8001,');
    assert.equal(single(check(emptied, { dialect: 'xivo-update' }), 'resource-required').data?.resource, 'voicemail');
  });
});
