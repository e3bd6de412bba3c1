// The wazo dialect: a data file that extends xivo with the differences of the current Wazo importer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, range, rangeOf, service, single } from '../support/validation';

describe('wazo detection', () => {
  test('detected only from Wazo-only columns, also next to uuid', () => {
    assert.equal(service().detect(csv('firstname,lastname,subscription_type', 'Ann,Lee,1'))?.id, 'wazo');
    assert.equal(service().detect(csv('firstname,exten,context,line_protocol,call_record_incoming_external_enabled', 'Ann,1000,default,sip,1'))?.id, 'wazo');
    assert.equal(service().detect(csv('uuid,firstname,call_record_outgoing_internal_enabled', '6d5b1c2e-8f3a-4b7d-9e21-0a4c5d6e7f80,Ann,0'))?.id, 'wazo');
    // A XiVO header stays XiVO: a Wazo file without Wazo-only columns is chosen with the setting or the picker.
    assert.equal(service().detect(csv('firstname,exten,context,line_protocol', 'Ann,1000,default,webrtc'))?.id, 'xivo');
  });
});

describe('wazo rules', () => {
  test('webrtc lines and ring times up to 10800 seconds', () => {
    const text = csv('firstname,context,line_protocol,ring_seconds,subscription_type', 'Ann,default,webrtc,3600,1');
    assert.deepEqual(check(text), []);
    const long = csv('firstname,context,line_protocol,ring_seconds,subscription_type', 'Ann,default,sip,10801,1');
    const p = single(check(long), 'value-range');
    assert.equal(p.message, 'ring_seconds must be between 0 and 10800, found "10801"');
    assert.deepEqual(p.range, rangeOf(long, '10801'));
  });

  test('the Wazo-only columns cannot be empty when present', () => {
    const text = csv('firstname,subscription_type,call_record_incoming_internal_enabled', 'Ann,,1');
    const p = single(check(text), 'value-required');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'subscription_type cannot be empty: the Wazo importer rejects an empty cell here (leave the column out to keep the default)');
    assert.deepEqual(p.range, range(1, 4, 4));
  });

  test('XiVO columns Wazo ignores are warnings on the header', () => {
    const text = csv('entity_id,firstname,cti_profile_enabled,cti_profile_name,call_record_enabled,subscription_type', '1,Ann,1,Client,1,0');
    assert.deepEqual(
      byRule(check(text), 'header-ignored-column').map((p) => [p.severity, p.message, p.range]),
      [
        ['warning', 'entity_id is a XiVO column: the Wazo importer ignores it and creates the user in the tenant of the import', rangeOf(text, 'entity_id')],
        ['warning', 'cti_profile_enabled is a XiVO column: Wazo has no CTI profiles and ignores it', rangeOf(text, 'cti_profile_enabled')],
        ['warning', 'cti_profile_name is a XiVO column: Wazo has no CTI profiles and ignores it', rangeOf(text, 'cti_profile_name')],
        [
          'warning',
          'call_record_enabled is a XiVO column: the Wazo importer ignores it; use call_record_outgoing_external_enabled, call_record_outgoing_internal_enabled, ' +
            'call_record_incoming_external_enabled and call_record_incoming_internal_enabled',
          rangeOf(text, 'call_record_enabled'),
        ],
      ],
    );
    // The CTI profile resource is gone with its columns: a CTI login alone is the Wazo login.
    assert.deepEqual(service().dialect!('wazo')!.resources.map((r) => r.id).includes('cti'), false);
  });

  test('an extension without line_protocol is rejected by Wazo', () => {
    const text = csv('firstname,exten,context,subscription_type', 'Ann,1000,default,0');
    const p = single(check(text), 'resource-required');
    assert.equal(p.message, 'Extension: line_protocol is empty, but exten and context are filled, so the importer requires exten, context and line_protocol and rejects this row');
    assert.deepEqual(p.range, rangeOf(text, '1000'));
  });

  test('SIP usernames may hold a dot but not be a reserved name; secrets up to 4092 characters', () => {
    const header = 'firstname,context,line_protocol,sip_username,sip_secret,subscription_type';
    assert.deepEqual(check(csv(header, `Ann,default,sip,ann.lee,${'s'.repeat(4092)},0`)), []);
    const text = csv(header, 'Ann,default,sip,global,x,0');
    assert.equal(single(check(text), 'value-reserved').message, 'sip_username cannot be "global": it is reserved');
    assert.equal(single(check(csv(header, `Ann,default,sip,ann,${'s'.repeat(4093)},0`)), 'value-pattern').message, 'sip_secret must be 1 to 4092 characters');
  });

  test('an empty uuid is rejected on import', () => {
    const text = csv('uuid,firstname,subscription_type', ',Ann,0');
    assert.equal(single(check(text), 'value-required').message, 'uuid cannot be empty: the Wazo importer rejects an empty uuid (leave the column out to get a new uuid)');
  });
});
