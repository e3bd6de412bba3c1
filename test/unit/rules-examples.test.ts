// The example files shipped in examples/: the valid ones are clean, the mistakes files produce exactly
// the findings their rows were written to show (see examples/README.md).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSchemasDirectory } from '../../server/src/node/resources';
import { check, errorsAndWarnings, service } from '../support/validation';

// examples/ sits next to schemas/ at the repository root (found by walking up, also from out/tests/unit).
const EXAMPLES = path.join(path.dirname(findSchemasDirectory(__dirname)!), 'examples');
const read = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
const lineRules = (name: string, dialect?: string) =>
  check(read(name), dialect ? { dialect } : {})
    .map((p) => `${p.range.start.line + 1} ${p.rule}`)
    .sort();

describe('valid examples', () => {
  const cases: Array<[string, string, boolean]> = [
    ['portsip-v22-valid.csv', 'portsip-v22', false],
    ['portsip-v16-valid.csv', 'portsip-v22', true], // nothing v22-only in it: v22 is the guess
    ['xivo-valid.csv', 'xivo', false],
    ['xivo-update-valid.csv', 'xivo-update', false],
    ['wazo-valid.csv', 'wazo', false],
  ];
  for (const [file, id, guessed] of cases) {
    test(`${file} is detected as ${id} and has no errors or warnings`, () => {
      const result = service().validate(read(file));
      assert.equal(result.dialect?.id, id);
      assert.equal(result.dialect?.guessed, guessed);
      assert.deepEqual(errorsAndWarnings(result.problems), []);
    });
  }

  test('portsip-v16-valid.csv is also clean as v16', () => {
    assert.deepEqual(errorsAndWarnings(service().validate(read('portsip-v16-valid.csv'), { dialect: 'portsip-v16' }).problems), []);
  });

  test('the valid examples use every column of their dialect', () => {
    for (const [file, id] of [['portsip-v22-valid.csv', 'portsip-v22'], ['portsip-v16-valid.csv', 'portsip-v16'], ['xivo-valid.csv', 'xivo'], ['xivo-update-valid.csv', 'xivo-update'], ['wazo-valid.csv', 'wazo']]) {
      const header = read(file).split(/\r?\n/)[0].split(',');
      const columns = service().dialect!(id)!.columns.map((c) => c.name);
      assert.deepEqual(columns.filter((c) => !header.includes(c)), [], file);
    }
  });
});

describe('mistakes examples', () => {
  test('portsip-v22-mistakes.csv: one mistake per row', () => {
    assert.deepEqual(
      lineRules('portsip-v22-mistakes.csv'),
      [
        '1 header-unknown-column', // enable_dnt
        '3 value-boolean', // yes
        '4 value-boolean-case', // true
        '5 value-reserved', // admin
        '6 value-pattern', // extension 20a7
        '7 duplicate-value', // extension 201 again
        '8 value-email',
        '9 password-policy',
        '10 value-pattern', // PIN with letters
        '11 pin-policy', // 123456
        '12 value-enum', // sms SOMETIMES
        '13 value-enum-other', // custom role
        '14 value-language-tag', // en_US
        '15 formula-injection',
        '16 value-length-limit', // display name over 128
        '17 value-enum', // web_domain
        '18 json-time-order',
        '19 json-mac-case',
        '20 value-required', // empty password
        '21 json-syntax', // custom_options
        '22 row-short',
        '23 row-extra-cells',
        '24 value-pattern', // name ending with a dot
        '25 csv-unterminated-quote',
      ].sort(),
    );
  });

  test('portsip-v16-mistakes.csv (as v16): header mistakes and v22-only phone keys', () => {
    assert.deepEqual(
      lineRules('portsip-v16-mistakes.csv', 'portsip-v16'),
      [
        '1 header-missing-column', // voicemail_pin
        '1 header-ignored-column', // sms
        '1 header-empty-column',
        '1 header-ignored-column', // available_office_hours_forward_rule
        '3 json-unknown-key', // serial_number
        '3 json-unknown-key', // door_password1
        '3 json-unknown-key', // door_password2
      ].sort(),
    );
  });

  test('xivo-mistakes.csv: one mistake per row', () => {
    assert.deepEqual(
      lineRules('xivo-mistakes.csv'),
      [
        '1 file-bom',
        '1 header-unknown-column', // outgoing_callerid
        '3 value-boolean',
        '4 value-range', // ring_seconds 7
        '5 value-integer', // ring_seconds -5
        '6 value-enum', // SIP
        '7 duplicate-value', // exten@context
        '8 resource-required', // CTI without username
        '9 resource-incomplete', // incall without context
        '10 value-pattern-strict', // voicemail_password with # (an error: the importer rejects it)
        '11 value-list-item', // trailing ;
        '12 value-enum-other', // it_IT
        '13 value-enum', // english
        '14 value-required', // firstname
        '15 cell-line-break', // the row spans lines 15-16
        '17 duplicate-value', // email
        '18 value-pattern', // sip_username with a space
        '19 value-integer', // entity_id abc
        '20 not-utf8',
        '21 row-short',
        '22 resource-link', // voicemail by number@context without a name
        '23 resource-required', // an extension without line_protocol
      ].sort(),
    );
  });

  test('wazo-mistakes.csv: one mistake per row', () => {
    assert.deepEqual(
      lineRules('wazo-mistakes.csv'),
      [
        '1 header-ignored-column', // entity_id
        '3 value-required', // call_record_incoming_external_enabled empty
        '4 value-range', // subscription_type 11
        '5 value-range', // ring_seconds 20000
        '6 value-reserved', // sip_username system
        '7 resource-required', // an extension without line_protocol
        '8 value-pattern', // username j
        '9 value-boolean', // yes
      ].sort(),
    );
  });

  test('xivo-update-mistakes.csv: one mistake per row', () => {
    assert.deepEqual(
      lineRules('xivo-update-mistakes.csv'),
      [
        '1 header-duplicate-column',
        '3 value-required', // empty uuid
        '4 value-uuid',
        '5 duplicate-value',
        '6 value-enum', // webrtc
        '7 value-required', // enabled cannot be cleared
        '8 value-required', // sip_username of a SIP line cannot be cleared
        '9 value-joined', // several incoming calls
      ].sort(),
    );
  });
});
