import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { csv, service } from '../support/validation';
import { PORTSIP_HEADER, portsipRow, XIVO_HEADER, xivoRow } from '../support/headers';

const detect = (text: string) => service().detect(text);

describe('detection', () => {
  test('an unrelated CSV is not a user CSV: no dialect and no problems at all', () => {
    const contacts = csv('name,email,phone', 'Jim,not-an-email,"unterminated', 'admin,,');
    assert.equal(detect(contacts), undefined);
    assert.deepEqual(service().validate(contacts), { problems: [] });
  });

  test('a lone PortSIP-like column is not enough (name,extension_number,email)', () => {
    assert.equal(detect(csv('name,extension_number,email', 'Jim,101,jim@example.com')), undefined);
  });

  test('empty text is not a user CSV', () => {
    assert.equal(detect(''), undefined);
    assert.deepEqual(service().validate(''), { problems: [] });
  });

  test('PortSIP with the v22-only sms column is v22, not guessed', () => {
    assert.deepEqual(detect(csv(PORTSIP_HEADER, portsipRow(1))), { id: 'portsip-v22', label: 'PortSIP PBX v22.x', guessed: false });
  });

  test('PortSIP with a v22 REST API forward-rule column is v22, not guessed', () => {
    const text = csv('name,password,extension_number,extension_password,email,voicemail_pin,dnd_office_hours_forward_rule', 'a,b,101,c,d@e.fr,493817,');
    assert.deepEqual(detect(text), { id: 'portsip-v22', label: 'PortSIP PBX v22.x', guessed: false });
  });

  test('PortSIP with v22-only phone keys inside the phones cells is v22, not guessed', () => {
    const header = 'name,password,extension_number,extension_password,email,voicemail_pin,phones';
    const text = csv(header, 'a,b,101,c,d@e.fr,493817,[]', 'a2,b,102,c,d2@e.fr,493817,"[{""mac"":""0c:38:3e:63:fe:e8"",""serial_number"":""""}]"');
    assert.deepEqual(detect(text), { id: 'portsip-v22', label: 'PortSIP PBX v22.x', guessed: false });
  });

  test('PortSIP without any v22-only sign defaults to v22, marked as guessed', () => {
    const header = 'name,password,extension_number,extension_password,email,voicemail_pin,phones';
    const text = csv(header, 'a,b,101,c,d@e.fr,493817,"[{""mac"":""0c:38:3e:63:fe:e8""}]"');
    assert.deepEqual(detect(text), { id: 'portsip-v22', label: 'PortSIP PBX v22.x', guessed: true });
    assert.equal(service().validate(text).dialect?.guessed, true);
  });

  test('XiVO: firstname plus one XiVO-specific column', () => {
    assert.deepEqual(detect(csv(XIVO_HEADER, xivoRow(1))), { id: 'xivo', label: 'XiVO users import', guessed: false });
    assert.deepEqual(detect(csv('entity_id,firstname,lastname', '1,John,Doe'))?.id, 'xivo');
    // Files of the importer's own test suite, rejected for their content: they must be recognised.
    assert.equal(detect(csv('firstname,supervision_enabled', 'invalidbool,yeah'))?.id, 'xivo');
    assert.equal(detect(csv('firstname,voicemail_name,voicemail_number,voicemail_context', 'Joey,Joey VM,%%%$,default'))?.id, 'xivo');
    assert.equal(detect(csv('firstname,userfield', 'John,desk 4'))?.id, 'xivo');
  });

  test('XiVO: two XiVO-specific columns without firstname (so that its absence is reported)', () => {
    const text = csv('lastname,entity_id,exten,context,line_protocol', 'Doe,1,1000,default,sip');
    assert.equal(detect(text)?.id, 'xivo');
    assert.deepEqual(
      service().validate(text).problems.map((p) => [p.rule, p.message]),
      [['header-missing-column', 'Missing required column firstname: the importer rejects a user without a first name']],
    );
    assert.equal(detect(csv('lastname,exten', 'Doe,1000')), undefined); // one XiVO-specific column is not enough
  });

  test('generic columns alone stay silent: a contacts list is not a XiVO file', () => {
    assert.equal(detect(csv('firstname,lastname,email', 'John,Doe,j@example.com')), undefined);
    assert.equal(detect(csv('firstname,lastname,email,username,password,language,enabled', 'John,Doe,j@example.com,jd,pw,en_US,1')), undefined);
  });

  test('XiVO with a uuid column is an update, even with generic columns only', () => {
    const text = csv('uuid,' + XIVO_HEADER, '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,' + xivoRow(1));
    assert.deepEqual(detect(text), { id: 'xivo-update', label: 'XiVO users update', guessed: false });
    assert.equal(detect(csv('uuid,firstname', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,John'))?.id, 'xivo-update');
    assert.equal(detect(csv('uuid,call_permissions', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,internal'))?.id, 'xivo-update');
    assert.equal(detect(csv('uuid,name', 'x,John')), undefined);
  });

  test('a semicolon-separated user file is still recognised (to say it needs commas)', () => {
    assert.equal(detect(csv('entity_id;firstname;exten;context;line_protocol', '1;John;1000;default;sip'))?.id, 'xivo');
  });

  test('the dialect option forces a dialect, or none', () => {
    const text = csv(PORTSIP_HEADER, portsipRow(1, { enabled: 'yes' }));
    assert.deepEqual(service().validate(text, { dialect: 'none' }), { problems: [] });
    const forced = service().validate(text, { dialect: 'portsip-v16' });
    assert.deepEqual(forced.dialect, { id: 'portsip-v16', label: 'PortSIP PBX v16.x', guessed: false });
    assert.ok(forced.problems.some((p) => p.rule === 'header-ignored-column'));
    // Forcing applies even to a file detection would ignore.
    const contacts = service().validate(csv('name,email', 'Jim,jim@example.com'), { dialect: 'portsip-v22' });
    assert.equal(contacts.dialect?.id, 'portsip-v22');
    assert.ok(contacts.problems.some((p) => p.rule === 'header-missing-column'));
  });

  test('an unknown forced dialect falls back to detection', () => {
    const result = service().validate(csv(XIVO_HEADER, xivoRow(1)), { dialect: 'no-such-dialect' });
    assert.equal(result.dialect?.id, 'xivo');
  });
});
