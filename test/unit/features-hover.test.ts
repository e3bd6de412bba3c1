// Hover: the column's description, type, allowed values and whether it is required; inside JSON the key's
// description; update-file notes (empty cell clears, line_protocol cannot change); never a secret value.
// Expected texts are written from the dialect and JSON Schema files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../../server/src/service/features/index';
import { parsed } from '../support/validation';

function hoverAt(dialectId: string, text: string, offset: number) {
  return hover(parsed(text, dialectId), offset);
}

function at(text: string, needle: string, delta = 0): number {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in text`);
  return index + delta;
}

describe('hover on columns', () => {
  const text = 'name,enabled,sms,password,nickname\nalice,TRUE,ALLOW,S3cret!Pass,al\n';

  test('a boolean header: description, type with the dialect booleans, optional; range = the header cell', () => {
    assert.deepEqual(hoverAt('portsip-v22', text, at(text, 'enabled', 3)), {
      start: 5,
      end: 12,
      contents:
        '**enabled** — boolean (`TRUE` or `FALSE`), optional\n\n' +
        'Whether the user account is active; a disabled user cannot sign in or make calls.',
    });
  });

  test('an enum data cell: the column with its allowed values and their descriptions', () => {
    const result = hoverAt('portsip-v22', text, at(text, 'ALLOW', 1));
    assert.ok(result);
    assert.deepEqual({ start: result.start, end: result.end }, { start: at(text, 'ALLOW'), end: at(text, 'ALLOW') + 5 });
    assert.equal(
      result.contents,
      '**sms** — enum, optional\n\n' +
        'Whether the user may send SMS and WhatsApp messages, and with which sender. PortSIP v22.0 and later.\n\n' +
        'Allowed values:\n' +
        '- `DISABLE`: The user cannot send SMS or WhatsApp messages.\n' +
        '- `ALLOW_WITH_SENDER_ID`: The user can send messages, only from the sender IDs assigned to them.\n' +
        '- `ALLOW`: The user can send messages.',
    );
  });

  test('a secret cell says it is required and secret, and never shows its value', () => {
    const result = hoverAt('portsip-v22', text, at(text, 'S3cret', 2));
    assert.ok(result);
    assert.ok(result.contents.startsWith('**password** — string, required, secret\n'));
    assert.ok(!result.contents.includes('S3cret!Pass'));
  });

  test('XiVO integer bounds are part of the type', () => {
    const xivo = 'entity_id,firstname,ring_seconds\n1,John,30\n';
    assert.equal(
      hoverAt('xivo', xivo, at(xivo, 'ring_seconds', 1))?.contents,
      '**ring_seconds** — whole number (≥ 0, ≤ 60, multiple of 5), optional\n\nHow long a call rings before giving up, in seconds: a multiple of 5.',
    );
  });

  test('an unknown column and a position outside any record have no hover', () => {
    assert.equal(hoverAt('portsip-v22', text, at(text, 'nickname', 1)), undefined);
    assert.equal(hoverAt('portsip-v22', `${text}\n\n`, text.length + 1), undefined);
  });
});

describe('hover in a XiVO update file', () => {
  const text = 'uuid,firstname,lastname,line_protocol\n2f8a1b9c-3d4e-4f50-8a6b-7c8d9e0f1a2b,,,sip\n';

  test('an empty cell says that it clears the value', () => {
    const result = hoverAt('xivo-update', text, at(text, ',,', 2));
    assert.ok(result);
    assert.ok(
      result.contents.endsWith(
        '_Empty cell:_ In an update an empty cell clears the value (sets it to null); columns absent from the header are left unchanged.',
      ),
    );
    assert.deepEqual({ start: result.start, end: result.end }, { start: at(text, ',,', 2), end: at(text, ',,', 2) });
  });

  test('a column an update cannot clear says so instead', () => {
    assert.equal(
      hoverAt('xivo-update', text, at(text, ',,', 1))?.contents,
      '**firstname** — string, optional column, but its cell cannot be empty\n\nFirst name of the user; the only name XiVO requires.\n\n' +
        'Cannot be empty: an update cannot clear the first name: the importer rejects the row.',
    );
  });

  test('sip_username says when an update cannot empty it', () => {
    const update = 'uuid,sip_username\n2f8a1b9c-3d4e-4f50-8a6b-7c8d9e0f1a2b,jdoe\n';
    assert.match(
      hoverAt('xivo-update', update, at(update, 'jdoe', 1))?.contents ?? '',
      /\n\nCannot be empty when line_protocol is sip: an update cannot clear the SIP username of a line, and the importer rejects the row\.$/,
    );
  });

  test('a filled cell does not mention clearing; line_protocol says it cannot change', () => {
    const result = hoverAt('xivo-update', text, at(text, 'sip', 1));
    assert.ok(result);
    assert.ok(!result.contents.includes('Empty cell'));
    assert.ok(result.contents.includes("A line's protocol cannot be changed by an update (sip stays sip, sccp stays sccp)."));
  });

  test('entity_id in an import says where a user without it goes', () => {
    const xivo = 'entity_id,firstname\n,John\n';
    assert.equal(
      hoverAt('xivo', xivo, at(xivo, 'entity_id', 0))?.contents,
      '**entity_id** — whole number, optional\n\nId of the entity (Configuration > Management > Entities) the user belongs to.\n\n' +
        'Optional, although the documentation marks it required: without it (column absent or cell empty) the importer puts the user into the default entity. When given, the entity must exist on the server.',
    );
  });

  test('in a XiVO import file the same empty cell has no clearing note', () => {
    const xivo = 'entity_id,firstname,lastname\n1,John,\n';
    const result = hoverAt('xivo', xivo, xivo.length - 1);
    assert.ok(result);
    assert.ok(!result.contents.includes('Empty cell'));
  });
});

describe('hover inside embedded JSON', () => {
  const text = 'name,online_no_answer_forward_rule,phones\nalice,"{""action"":""HANGUP"",""timeout"":30}","[{""password"":""Hidden#42""}]"\n';

  test('a key: its description from the schema, required, range = the key with its doubled quotes', () => {
    const result = hoverAt('portsip-v22', text, at(text, 'action', 2));
    assert.ok(result);
    const key = at(text, '""action""');
    assert.deepEqual({ start: result.start, end: result.end }, { start: key, end: key + 10 });
    assert.equal(
      result.contents,
      '**action** — string, required\n\nWhat happens to the call.\n\nAllowed values:\n' +
        '- `"FORWARD_TO_NUMBER"`: Forward the call to the number in "number".\n' +
        '- `"FORWARD_TO_VOICEMAIL"`: Send the call to the user\'s voicemail.\n' +
        '- `"HANGUP"`: Hang up the call.',
    );
  });

  test('an optional number key', () => {
    const result = hoverAt('portsip-v22', text, at(text, 'timeout', 1));
    assert.equal(
      result?.contents,
      '**timeout** — integer, optional\n\nSeconds the call rings unanswered before the action is taken (integer ≥ 0).',
    );
  });

  test('a secret JSON value shows the key description, never the value', () => {
    const result = hoverAt('portsip-v22', text, at(text, 'Hidden', 2));
    assert.ok(result);
    assert.equal(result.contents, "**password** — string, required\n\nPassword of the phone's web interface.");
  });
});
