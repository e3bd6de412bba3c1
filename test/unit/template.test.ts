// The "New File from Template" content: header + one example row built from a dialect's columns.
// Expected headers are read off the dialect files by hand (schemas/*.dialect.json: required columns and
// columns with an `example`, in file order), not taken from running the generator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../server/src/service/index';
import { createNodeLanguageService } from '../../server/src/node/resources';
import type { Dialect, PasswordPolicy } from '../../server/src/service/index';
import { createTemplate, csvCell } from '../../server/src/service/template';
import { hasRepeatingRun, hasSequentialRun } from '../../server/src/service/validation/policy';

const service = createNodeLanguageService();
const dialect = (id: string): Dialect => {
  const found = service.dialect(id);
  assert.ok(found, `dialect ${id} is built in`);
  return found;
};
const POLICIES = { passwordPolicy: defaultSettings.passwordPolicy, pinPolicy: defaultSettings.pinPolicy };

/** A deterministic stand-in for the random source: a linear congruential sequence. */
function seededRandom(seed: number): (max: number) => number {
  let state = seed;
  return (max) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % max;
  };
}

describe('createTemplate', () => {
  test('XiVO: required columns and columns with an example, in the dialect order, one example row', () => {
    const template = createTemplate(dialect('xivo'), POLICIES);
    assert.equal(
      template.text,
      'entity_id,firstname,lastname,email,language,mobile_phone_number,simultaneous_calls,ring_seconds,exten,context,line_protocol\n' +
        '1,John,Doe,john.doe@example.com,en_US,+15145550100,5,30,1000,default,sip\n',
    );
    assert.deepEqual(template.generated, []);
  });

  test('XiVO: a resource whose required fields have no example is left out (incall_context, voicemail_context)', () => {
    // Both columns have an example ("from-extern", "default") but incall_exten / voicemail_name and
    // voicemail_number have none: a row with only the context would be a partly filled resource.
    const { columns } = createTemplate(dialect('xivo'), POLICIES);
    assert.equal(columns.includes('incall_context'), false);
    assert.equal(columns.includes('voicemail_context'), false);
    // The phone line's three required fields all have examples, so it stays.
    assert.deepEqual(columns.filter((c) => ['exten', 'context', 'line_protocol'].includes(c)), ['exten', 'context', 'line_protocol']);
  });

  test('XiVO update: uuid (required, with an example) comes after the inherited import columns', () => {
    const template = createTemplate(dialect('xivo-update'), POLICIES);
    const [header, row] = template.text.split('\n');
    assert.equal(header.split(',').at(-1), 'uuid');
    assert.equal(row.split(',').at(-1), '2f8a1b9c-3d4e-4f50-8a6b-7c8d9e0f1a2b');
  });

  test('PortSIP v22: JSON examples are quoted with doubled quotes; required secrets are generated', () => {
    const template = createTemplate(dialect('portsip-v22'), { ...POLICIES, randomInt: seededRandom(7) });
    const [header, row] = template.text.split('\n');
    assert.deepEqual(header.split(',').slice(0, 6), ['name', 'enabled', 'password', 'extension_number', 'extension_password', 'email']);
    assert.ok(row.startsWith('jim.keeny,TRUE,'), row);
    assert.ok(
      row.includes(',"{""action"":""FORWARD_TO_VOICEMAIL"",""timeout"":60,""number"":""""}",'),
      'online_no_answer_forward_rule is one quoted cell',
    );
    assert.deepEqual(template.generated, ['password', 'extension_password', 'voicemail_pin']);
    // Columns without example that are not required (office_hours, custom_options, enable_dnd) are left out.
    for (const absent of ['office_hours', 'custom_options', 'enable_dnd']) assert.equal(template.columns.includes(absent), false, absent);
  });

  test('PortSIP v16: the columns v16 removes (sms, the v22 API forward rules) are not in its template', () => {
    const { columns } = createTemplate(dialect('portsip-v16'), POLICIES);
    assert.equal(columns.includes('sms'), false);
    assert.equal(columns.includes('busy_no_answer_forward_rule'), false);
    assert.equal(columns.includes('online_busy_forward_rule'), true);
  });

  test('generated secrets satisfy the policy they were generated for, and differ between sources', () => {
    const strict: PasswordPolicy = { ...defaultSettings.passwordPolicy, minLength: 20, maxLength: 24 };
    const pinPolicy = { ...defaultSettings.pinPolicy, minLength: 9, maxLength: 9 };
    const cells = (seed: number) => {
      const template = createTemplate(dialect('portsip-v22'), { passwordPolicy: strict, pinPolicy, randomInt: seededRandom(seed) });
      const [header, row] = template.text.split('\n');
      const names = header.split(',');
      // The secret cells precede the first quoted (JSON) cell, so a plain split is safe for them.
      const values = row.split(',');
      return { password: values[names.indexOf('password')], pin: values[names.indexOf('voicemail_pin')] };
    };
    const first = cells(1);
    const second = cells(2);
    assert.notEqual(first.password, second.password);
    for (const { password, pin } of [first, second]) {
      assert.ok(password.length >= 20 && password.length <= 24, `length ${password.length}`);
      assert.match(password, /[A-Za-z]/);
      assert.match(password, /[0-9]/);
      assert.match(password, /[^A-Za-z0-9]/);
      assert.equal(hasSequentialRun(password) || hasRepeatingRun(password), false);
      assert.match(pin, /^[0-9]{9}$/);
      assert.equal(hasSequentialRun(pin) || hasRepeatingRun(pin), false);
    }
  });

  test('a policy nobody can meet leaves the secret empty instead of looping', () => {
    const impossible: PasswordPolicy = { ...defaultSettings.passwordPolicy, minLength: 10, maxLength: 4 };
    const template = createTemplate(dialect('portsip-v22'), { ...POLICIES, passwordPolicy: impossible });
    assert.deepEqual(template.generated, ['voicemail_pin']);
    assert.ok(template.text.split('\n')[1].startsWith('jim.keeny,TRUE,,101,,jim@example.com,'));
  });

  for (const id of ['portsip-v22', 'portsip-v16', 'xivo', 'xivo-update', 'wazo']) {
    test(`the ${id} template validates with no problem at all in its dialect`, () => {
      for (const seed of [1, 2, 3]) {
        const template = createTemplate(dialect(id), { ...POLICIES, randomInt: seededRandom(seed) });
        const result = service.validate(template.text, { dialect: id });
        assert.equal(result.dialect?.id, id);
        assert.deepEqual(result.problems.map((p) => `${p.severity} ${p.rule}: ${p.message}`), []);
      }
    });
  }

  test('a failing case for the check above: a template row with its required name emptied has an error', () => {
    const template = createTemplate(dialect('portsip-v22'), POLICIES);
    const broken = template.text.replace('\njim.keeny,', '\n,');
    const errors = service.validate(broken, { dialect: 'portsip-v22' }).problems.filter((p) => p.severity === 'error');
    assert.ok(errors.length > 0);
  });
});

describe('LanguageService.template', () => {
  test('is createTemplate with the default policies; an unknown dialect has none', () => {
    assert.equal(service.template('xivo')?.text, createTemplate(dialect('xivo'), POLICIES).text);
    assert.equal(service.template('no-such-dialect'), undefined);
  });
});

describe('csvCell', () => {
  test('quotes only cells with a comma, a quote, a line break or surrounding spaces', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell(''), '');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(' padded'), '" padded"');
  });
});
