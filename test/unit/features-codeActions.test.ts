// Quick fixes: each fix applied to a document and compared with the text written by hand. The problems
// come from the real validation, as the editor would hand them back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, codeActions, type CodeActionEntry } from '../../server/src/service/features/index';
import type { Problem } from '../../server/src/service/index';
import { parsed, service } from '../support/validation';

function actionsFor(dialectId: string, text: string, rule: string, which = 0): { actions: CodeActionEntry[]; problems: Problem[] } {
  const problems = service().validate(text, { dialect: dialectId }).problems;
  const ofRule = problems.filter((p) => p.rule === rule);
  assert.ok(ofRule.length > which, `no ${rule} among ${problems.map((p) => p.rule).join(', ')}`);
  const fd = parsed(text, dialectId);
  return { actions: codeActions(fd, [ofRule[which]], () => problems), problems };
}

function only(actions: CodeActionEntry[], title: string): CodeActionEntry {
  const found = actions.filter((a) => a.title === title);
  assert.equal(found.length, 1, `expected "${title}" in ${JSON.stringify(actions.map((a) => a.title))}`);
  return found[0];
}

// A complete, clean PortSIP user line (see test/protocol/diagnostics.test.ts for why each value is valid).
const HEAD = 'name,enabled,password,extension_number,extension_password,email,voicemail_pin';
const user = (name: string, enabled: string, ext: string) => `${name},${enabled},Xk9#mPq2!z,${ext},Rt7$wLn4@v,${name}@example.com,482915`;

describe('value fixes', () => {
  test('PortSIP enabled=true → TRUE (preferred)', () => {
    const text = `${HEAD}\n${user('alice', 'true', '1001')}\n`;
    const { actions } = actionsFor('portsip-v22', text, 'value-boolean-case');
    const fix = only(actions, 'Change to "TRUE"');
    assert.equal(fix.isPreferred, true);
    assert.equal(applyEdits(text, fix.edits), `${HEAD}\n${user('alice', 'TRUE', '1001')}\n`);
  });

  test('PortSIP enabled=yes → TRUE; XiVO enabled=yes → 1', () => {
    const text = `${HEAD}\n${user('alice', 'yes', '1001')}\n`;
    const portsip = only(actionsFor('portsip-v22', text, 'value-boolean').actions, 'Change to "TRUE"');
    assert.equal(applyEdits(text, portsip.edits), `${HEAD}\n${user('alice', 'TRUE', '1001')}\n`);
    const xivo = 'entity_id,firstname,enabled\n1,John,yes\n';
    const fix = only(actionsFor('xivo', xivo, 'value-boolean').actions, 'Change to "1"');
    assert.equal(applyEdits(xivo, fix.edits), 'entity_id,firstname,enabled\n1,John,1\n');
  });

  test('a boolean that is no known word gets no fix', () => {
    const text = `${HEAD}\n${user('alice', 'maybe', '1001')}\n`;
    assert.deepEqual(actionsFor('portsip-v22', text, 'value-boolean').actions, []);
  });

  test('a near-miss enum (role Admn) → Admin; a far miss (sms XYZ) gets no fix', () => {
    const text = 'name,role,sms\nalice,Admn,XYZ\n';
    const fix = only(actionsFor('portsip-v22', text, 'value-enum-other').actions, 'Change to "Admin"');
    assert.equal(applyEdits(text, fix.edits), 'name,role,sms\nalice,Admin,XYZ\n');
    assert.deepEqual(actionsFor('portsip-v22', text, 'value-enum').actions, []);
  });

  test('a near-miss JSON enum inside a ""-escaped cell: FORWARD_TO_VOICEMIAL → FORWARD_TO_VOICEMAIL', () => {
    const text = 'name,online_no_answer_forward_rule\nalice,"{""action"":""FORWARD_TO_VOICEMIAL"",""timeout"":30}"\n';
    const fix = only(actionsFor('portsip-v22', text, 'json-enum').actions, 'Change to "FORWARD_TO_VOICEMAIL"');
    assert.equal(fix.isPreferred, true);
    assert.equal(
      applyEdits(text, fix.edits),
      'name,online_no_answer_forward_rule\nalice,"{""action"":""FORWARD_TO_VOICEMAIL"",""timeout"":30}"\n',
    );
  });

  test('an uppercase phone MAC → lowercase, only the MAC changes', () => {
    const text = 'name,phones\nalice,"[{""mac"":""0C:38:3E:63:FE:E8"",""vendor"":""Fanvil""}]"\n';
    const fix = only(actionsFor('portsip-v22', text, 'json-mac-case').actions, 'Change to "0c:38:3e:63:fe:e8"');
    assert.equal(applyEdits(text, fix.edits), 'name,phones\nalice,"[{""mac"":""0c:38:3e:63:fe:e8"",""vendor"":""Fanvil""}]"\n');
  });

  test('JSON pasted without CSV escaping is quoted and its quotes doubled', () => {
    const text = 'name,office_hours,enabled\nalice,{"mode":"GLOBAL"},TRUE\n';
    const fix = only(actionsFor('portsip-v22', text, 'json-unescaped').actions, 'Quote the cell and double the quotes of its JSON');
    assert.equal(applyEdits(text, fix.edits), 'name,office_hours,enabled\nalice,"{""mode"":""GLOBAL""}",TRUE\n');
  });
});

describe('column fixes', () => {
  test('a missing required column is added to the header with an empty cell in every row, before extra cells', () => {
    const head = 'name,enabled,password,extension_number,extension_password,email';
    const text = `${head}\nalice,TRUE,Xk9#mPq2!z,1001,Rt7$wLn4@v,alice@example.com\nbob,TRUE,Xk9#mPq2!z,1002,Rt7$wLn4@v,bob@example.com,extra\n`;
    const fix = only(actionsFor('portsip-v22', text, 'header-missing-column').actions, 'Add the missing column "voicemail_pin" (with an empty cell in every row)');
    assert.equal(
      applyEdits(text, fix.edits),
      `${head},voicemail_pin\nalice,TRUE,Xk9#mPq2!z,1001,Rt7$wLn4@v,alice@example.com,\nbob,TRUE,Xk9#mPq2!z,1002,Rt7$wLn4@v,bob@example.com,,extra\n`,
    );
  });

  test('several missing columns can be added at once', () => {
    const text = 'name,enabled\nalice,TRUE\n';
    const { actions } = actionsFor('portsip-v22', text, 'header-missing-column');
    const all = only(actions, 'Add the 5 missing required columns (with empty cells in every row)');
    assert.notEqual(all.isPreferred, true);
    assert.equal(
      applyEdits(text, all.edits),
      'name,enabled,password,extension_number,extension_password,email,voicemail_pin\nalice,TRUE,,,,,\n',
    );
  });

  test('a duplicate column is removed with its cell in every row', () => {
    const text = 'name,email,enabled,email\nalice,a@example.com,TRUE,b@example.com\nbob,c@example.com,FALSE\n';
    const fix = only(actionsFor('portsip-v22', text, 'header-duplicate-column').actions, 'Remove the duplicate column "email" (column 4) and its cells');
    assert.equal(applyEdits(text, fix.edits), 'name,email,enabled\nalice,a@example.com,TRUE\nbob,c@example.com,FALSE\n');
  });

  test('an unknown column close to a known one is renamed', () => {
    const text = 'name,enabeld\nalice,TRUE\n';
    const fix = only(actionsFor('portsip-v22', text, 'header-unknown-column').actions, 'Rename the column to "enabled"');
    assert.equal(applyEdits(text, fix.edits), 'name,enabled\nalice,TRUE\n');
  });

  test('a semicolon file becomes comma-separated, quoting cells with commas and quotes', () => {
    const text = 'entity_id;firstname;lastname;outgoing_caller_id\r\n1;John;Doe, Jr;"""John"" <100>"\r\n';
    const fix = only(actionsFor('xivo', text, 'header-delimiter').actions, 'Convert the file from semicolons to commas');
    assert.equal(
      applyEdits(text, fix.edits),
      'entity_id,firstname,lastname,outgoing_caller_id\r\n1,John,"Doe, Jr","""John"" <100>"\r\n',
    );
  });

  test('a tab-separated file becomes comma-separated', () => {
    const text = 'entity_id\tfirstname\tlastname\n1\tJohn\tDoe\n2\tJane\t\n';
    const fix = only(actionsFor('xivo', text, 'header-delimiter').actions, 'Convert the file from tabs to commas');
    assert.equal(applyEdits(text, fix.edits), 'entity_id,firstname,lastname\n1,John,Doe\n2,Jane,\n');
  });
});

describe('old formats', () => {
  test('a XiVO file from before 15.20 becomes comma-separated with the current column names (through the language service)', () => {
    const text = 'entityid|firstname|lastname|phonenumber|context|protocol\r\n1|John|Doe, Jr|1000|default|sip\r\n';
    const problems = service().validate(text).problems;
    const actions = service().codeActions(service().parse(text)!, problems.filter((p) => p.rule === 'header-legacy-format'), () => problems);
    const fix = only(
      actions,
      'Convert the file from "|" to commas and rename its old columns (entityid → entity_id, phonenumber → exten, protocol → line_protocol)',
    );
    assert.equal(fix.isPreferred, true);
    const converted = applyEdits(text, fix.edits);
    assert.equal(converted, 'entity_id,firstname,lastname,exten,context,line_protocol\r\n1,John,"Doe, Jr",1000,default,sip\r\n');
    assert.deepEqual(service().validate(converted).problems, []);
  });

  test('a "|" file with the current names is only converted', () => {
    const text = 'firstname|exten|context|line_protocol\nJohn|1000|default|sip\n';
    const fix = only(actionsFor('xivo', text, 'header-delimiter').actions, 'Convert the file from "|" to commas');
    assert.equal(applyEdits(text, fix.edits), 'firstname,exten,context,line_protocol\nJohn,1000,default,sip\n');
  });
});

describe('fix all', () => {
  test('all boolean case problems of the file at once, and only those cells', () => {
    const text = `${HEAD}\n${user('alice', 'true', '1001')}\n${user('bob', 'false', '1002')}\n${user('carol', 'True', '1003')}\n`;
    const { actions } = actionsFor('portsip-v22', text, 'value-boolean-case');
    const all = only(actions, 'Fix all 3 value-boolean-case problems in the file');
    assert.notEqual(all.isPreferred, true);
    assert.equal(all.problems.length, 3);
    assert.equal(
      applyEdits(text, all.edits),
      `${HEAD}\n${user('alice', 'TRUE', '1001')}\n${user('bob', 'FALSE', '1002')}\n${user('carol', 'TRUE', '1003')}\n`,
    );
  });

  test('no fix-all for a single occurrence, nor for guesses (near-miss enums)', () => {
    const one = `${HEAD}\n${user('alice', 'true', '1001')}\n`;
    assert.deepEqual(actionsFor('portsip-v22', one, 'value-boolean-case').actions.map((a) => a.title), ['Change to "TRUE"']);
    const roles = 'name,role\nalice,Admn\nbob,Admn\n';
    assert.deepEqual(actionsFor('portsip-v22', roles, 'value-enum-other').actions.map((a) => a.title), ['Change to "Admin"']);
  });
});
