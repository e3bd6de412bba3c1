// The XiVO dialects as the importer of XiVO 16.13 reads them (wazo-confd tag xivo-16.13): its columns,
// its value rules, and what an update cannot do.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, errorsAndWarnings, range, rangeOf, single } from '../support/validation';

const UUID = '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80';
const update = (header: string, row: string) => check(csv(header, row), { dialect: 'xivo-update' });

describe('XiVO import columns', () => {
  test('entity_id is optional: a file without it, or an empty cell, is accepted', () => {
    assert.deepEqual(check(csv('firstname,exten,context,line_protocol', 'John,1000,default,sip')), []);
    assert.deepEqual(check(csv('entity_id,firstname,exten,context,line_protocol', ',John,1000,default,sip')), []);
  });

  test('firstname: a missing column or an empty cell says that the importer rejects the user', () => {
    const text = csv('firstname,exten,context,line_protocol', ',1000,default,sip');
    const p = single(check(text), 'value-required');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'firstname cannot be empty: the importer rejects a user without a first name');
    assert.deepEqual(p.range, range(1, 0, 0));
  });

  test('userfield, call_record_enabled and online_call_record_enabled are known columns with their rules', () => {
    const header = 'firstname,userfield,call_record_enabled,online_call_record_enabled';
    assert.deepEqual(check(csv(header, 'John,desk 4,1,0')), []);
    const text = csv(header, `John,${'u'.repeat(129)},yes,0`);
    const length = single(check(text), 'value-length');
    assert.equal(length.message, 'userfield must be at most 128 characters long, found 129 characters');
    assert.deepEqual(length.range, rangeOf(text, 'u'.repeat(129)));
    const boolean = single(check(text), 'value-boolean');
    assert.equal(boolean.message, 'call_record_enabled must be 1 or 0, found "yes"');
    assert.deepEqual(boolean.range, rangeOf(text, 'yes'));
  });

  test('sip_username: 1 to 40 letters, digits, - or _ (a dot is rejected by this XiVO version)', () => {
    const header = 'firstname,context,line_protocol,sip_username';
    assert.deepEqual(check(csv(header, `John,default,sip,${'a'.repeat(40)}`)), []);
    const text = csv(header, 'John,default,sip,john.doe');
    const p = single(check(text), 'value-pattern');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'sip_username must be 1 to 40 letters, digits, - or _ (no dot in this XiVO version), found "john.doe"');
    assert.deepEqual(p.range, rangeOf(text, 'john.doe'));
    assert.equal(single(check(csv(header, `John,default,sip,${'a'.repeat(41)}`)), 'value-pattern').rule, 'value-pattern');
  });

  test('sip_secret: 1 to 80 printable ASCII characters, never echoed', () => {
    const header = 'firstname,context,line_protocol,sip_secret';
    assert.deepEqual(check(csv(header, 'John,default,sip,"s3cr3t !#$%&()*+-./:;<=>?@[]^_`{|}~"')), []);
    const text = csv(header, 'John,default,sip,sécret');
    const p = single(check(text), 'value-pattern');
    assert.equal(p.message, 'sip_secret must be 1 to 80 printable ASCII characters (no accented letters)');
    assert.deepEqual(p.range, rangeOf(text, 'sécret'));
    assert.equal(byRule(check(csv(header, `John,default,sip,${'x'.repeat(81)}`)), 'value-pattern').length, 1);
  });

  test('CTI username and password follow the user validator; the password is never echoed', () => {
    const header = 'firstname,cti_profile_name,username,password';
    assert.deepEqual(check(csv(header, "John,,jean.o'neil@example.com,se-cr.et~!")), []);
    const text = csv(header, 'John,,j,pa55');
    const username = single(check(text), 'value-pattern');
    assert.deepEqual(username.range, range(1, 6, 7));
    assert.equal(username.message, "username must be 2 to 254 letters, digits or - . _ ~ ! $ & ' ( ) * + , ; = % @, found \"j\"");
    const password = byRule(check(csv(header, 'John,,jdoe,pa ss')), 'value-pattern');
    assert.deepEqual(password.map((p) => p.message), ["password must be 4 to 64 letters, digits or - . _ ~ ! $ & ' ( ) * + , ; = %"]);
  });

  test('line_site and webrtc are documented but the importer does not read them: a warning on the header', () => {
    const text = csv('firstname,context,line_protocol,line_site,webrtc', 'John,default,sip,office,1');
    const problems = byRule(check(text), 'header-ignored-column');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.message, p.range]),
      [
        ['warning', 'line_site is documented but the XiVO importer does not read it: the line gets the default template; set the template in the web interface after the import', rangeOf(text, 'line_site')],
        ['warning', 'webrtc is documented but the XiVO importer does not read it: WebRTC stays off; enable it on the line in the web interface after the import', rangeOf(text, 'webrtc')],
      ],
    );
  });
});

describe('XiVO update: what an update cannot do', () => {
  test('value-required: user settings and the first name cannot be cleared', () => {
    const header = 'uuid,firstname,enabled,ring_seconds';
    assert.deepEqual(update(header, `${UUID},John,1,30`), []);
    const text = csv(header, `${UUID},John,,30`);
    const p = single(check(text, { dialect: 'xivo-update' }), 'value-required');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'enabled cannot be empty: an update cannot clear this setting: the importer rejects the row');
    assert.deepEqual(p.range, range(1, 42, 42));
    assert.equal(
      single(update(header, `${UUID},,1,30`), 'value-required').message,
      'firstname cannot be empty: an update cannot clear the first name: the importer rejects the row',
    );
    // Columns left out of the header are left alone.
    assert.deepEqual(update('uuid,lastname', `${UUID},`), []);
  });

  test('value-required: sip_username and sip_secret of a SIP line cannot be emptied', () => {
    const header = 'uuid,line_protocol,sip_username,sip_secret';
    const text = csv(header, `${UUID},sip,,`);
    const problems = byRule(check(text, { dialect: 'xivo-update' }), 'value-required');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.message, p.range]),
      [
        ['error', 'sip_username cannot be empty when line_protocol is sip: an update cannot clear the SIP username of a line, and the importer rejects the row', range(1, 41, 41)],
        ['error', 'sip_secret cannot be empty when line_protocol is sip: an update cannot clear the SIP secret of a line, and the importer rejects the row', range(1, 42, 42)],
      ],
    );
    // An SCCP line, or no line (the export leaves line_protocol empty), has no SIP username to keep.
    assert.deepEqual(update(header, `${UUID},sccp,,`), []);
    assert.deepEqual(update(header, `${UUID},,,`), []);
    assert.deepEqual(update(header, `${UUID},sip,jdoe,s3cret`), []);
  });

  test('value-maybe-required: without a line_protocol column the file cannot tell, so a warning', () => {
    const text = csv('uuid,sip_username,sip_secret', `${UUID},,`);
    const problems = check(text, { dialect: 'xivo-update' });
    assert.deepEqual(
      problems.map((p) => [p.rule, p.severity, p.message, p.range]),
      [
        [
          'value-maybe-required',
          'warning',
          "sip_username is empty: if this user's line_protocol is sip (the file has no line_protocol column to tell), an update cannot clear the SIP username of a line, and the importer rejects the row",
          range(1, 37, 37),
        ],
        [
          'value-maybe-required',
          'warning',
          "sip_secret is empty: if this user's line_protocol is sip (the file has no line_protocol column to tell), an update cannot clear the SIP secret of a line, and the importer rejects the row",
          range(1, 38, 38),
        ],
      ],
    );
    assert.deepEqual(update('uuid,sip_username', `${UUID},jdoe`), []);
  });

  test('value-joined: several incoming numbers (as the export writes them) say that the user cannot be updated', () => {
    const header = 'uuid,firstname,incall_exten,incall_context';
    const text = csv(header, `${UUID},John,1003;1004,from-extern;from-extern`);
    const problems = check(text, { dialect: 'xivo-update' });
    const p = single(problems, 'value-joined');
    assert.equal(p.severity, 'error');
    assert.equal(
      p.message,
      'incall_exten holds several values joined by ";": that is how the export writes a user with several incoming calls, and the importer cannot update such a user at all, ' +
        'whatever the columns: it rejects the row. Keep one incoming call for this user on the server, or leave the row out',
    );
    assert.deepEqual(p.range, rangeOf(text, '1003;1004'));
    assert.deepEqual(byRule(problems, 'value-pattern'), []);
    assert.deepEqual(update(header, `${UUID},John,1003,from-extern`), []);
    // In an import the same cell is just not a number.
    const imported = csv('firstname,incall_exten,incall_context', 'John,1003;1004,from-extern');
    assert.equal(single(check(imported), 'value-pattern').message.startsWith('incall_exten must be 1 to 40 digits'), true);
  });

  test('an update row with only some resource columns leaves the rest alone', () => {
    for (const [column, value] of [['exten', '1000'], ['context', 'default'], ['voicemail_number', '1001'], ['cti_profile_enabled', '1'], ['line_protocol', 'sccp'], ['incall_exten', '2050']]) {
      assert.deepEqual(errorsAndWarnings(update(`uuid,${column}`, `${UUID},${value}`)), [], column);
    }
  });
});
