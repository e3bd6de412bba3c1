// Completion: allowed values in enum and boolean cells, unused column names in the header, keys, values
// and snippets inside embedded JSON — with edits that keep the CSV correct. Expectations come from the spec
// and the dialect/JSON Schema files, never from running the code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvModel } from '../../server/src/service/csv/model';
import { complete, applyEdits, type CompletionEntry } from '../../server/src/service/features/index';
import { parsed, service } from '../support/validation';

function completeAt(dialectId: string, text: string, offset: number): CompletionEntry[] {
  return complete(parsed(text, dialectId), offset);
}

/** Offset of the `occurrence`-th `needle` in `text`, plus `delta`. */
function at(text: string, needle: string, delta = 0, occurrence = 1): number {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not in text`);
  return index + delta;
}

/** A snippet with every tab stop replaced by its default (first choice, or placeholder text). */
function expandSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\\([\\$}])/g, '$1');
}

function byLabel(entries: CompletionEntry[], label: string): CompletionEntry {
  const entry = entries.find((e) => e.label === label);
  assert.ok(entry, `no completion ${label} in ${entries.map((e) => e.label).join(', ')}`);
  return entry;
}

const PORTSIP_HEAD = 'name,enabled,role,sms\n';

describe('completion in enum and boolean cells', () => {
  test('a role cell offers the four roles of the spec, described, replacing exactly the cell', () => {
    const text = `${PORTSIP_HEAD}alice,TRUE,Adm,ALLOW\n`;
    const entries = completeAt('portsip-v22', text, at(text, 'Adm', 2));
    assert.deepEqual(
      entries.map((e) => e.label),
      ['StandardUser', 'StandardInternationalUser', 'QueueManager', 'Admin'],
    );
    const admin = byLabel(entries, 'Admin');
    assert.equal(admin.detail, 'A tenant administrator.');
    const start = at(text, 'Adm');
    assert.deepEqual(admin.edit, { start, end: start + 3, newText: 'Admin' });
    assert.equal(admin.filterText, 'Admin');
  });

  test('a PortSIP boolean cell offers TRUE and FALSE; a XiVO one offers 1 and 0', () => {
    const portsip = `${PORTSIP_HEAD}alice,,StandardUser,ALLOW\n`;
    assert.deepEqual(
      completeAt('portsip-v22', portsip, at(portsip, 'alice,', 6)).map((e) => e.edit.newText),
      ['TRUE', 'FALSE'],
    );
    const xivo = 'entity_id,firstname,enabled\n1,John,x\n';
    const entries = completeAt('xivo', xivo, at(xivo, ',x', 2));
    assert.deepEqual(entries.map((e) => e.label), ['1', '0']);
    assert.deepEqual(entries[0].edit, { start: at(xivo, ',x', 1), end: at(xivo, ',x', 2), newText: '1' });
  });

  test('XiVO language offers the five languages of the spec', () => {
    const text = 'entity_id,firstname,language\n1,John,fr\n';
    assert.deepEqual(
      completeAt('xivo', text, at(text, 'fr', 2)).map((e) => e.label),
      ['de_DE', 'en_US', 'es_ES', 'fr_FR', 'fr_CA'],
    );
  });

  test('in a quoted cell the value keeps its quotes and the filter text starts with the quote', () => {
    const text = `${PORTSIP_HEAD}alice,TRUE,"Que",ALLOW\n`;
    const entry = byLabel(completeAt('portsip-v22', text, at(text, '"Que"', 3)), 'QueueManager');
    const start = at(text, '"Que"');
    assert.deepEqual(entry.edit, { start, end: start + 5, newText: '"QueueManager"' });
    assert.equal(entry.filterText, '"QueueManager"');
  });

  test('a free-text cell (name) and an unknown column offer nothing', () => {
    const text = 'name,enabled,nickname\nalice,TRUE,al\n';
    assert.deepEqual(completeAt('portsip-v22', text, at(text, 'alice', 2)), []);
    assert.deepEqual(completeAt('portsip-v22', text, at(text, ',al', 2)), []);
  });
});

describe('completion in the header', () => {
  test('offers the columns not used yet, the required ones first in dialect order', () => {
    const text = 'name,enabled,em\nalice,TRUE,\n';
    const entries = completeAt('portsip-v22', text, at(text, 'em', 2));
    const labels = entries.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((e) => e.label);
    // Required PortSIP columns (spec): name, password, extension_number, extension_password, email, voicemail_pin.
    assert.deepEqual(labels.slice(0, 5), ['password', 'extension_number', 'extension_password', 'email', 'voicemail_pin']);
    assert.ok(!labels.includes('name') && !labels.includes('enabled'), 'used columns are not offered');
    assert.ok(labels.includes('display_name') && labels.includes('phones'));
    const email = byLabel(entries, 'email');
    assert.deepEqual(email.edit, { start: at(text, 'em'), end: at(text, 'em') + 2, newText: 'email' });
  });

  test('the column under the cursor may be offered again (to replace itself)', () => {
    const text = 'name,enabled\n';
    const labels = completeAt('portsip-v22', text, 7).map((e) => e.label);
    assert.ok(labels.includes('enabled'));
    assert.ok(!labels.includes('name'));
  });
});

describe('completion inside embedded JSON', () => {
  const RULE_HEAD = 'name,online_no_answer_forward_rule,office_hours\n';

  test('a JSON value inside a ""-escaped cell: the actions of the schema, with quotes doubled', () => {
    const text = `${RULE_HEAD}alice,"{""action"":""FOR""}",\n`;
    const entries = completeAt('portsip-v22', text, at(text, 'FOR', 3));
    assert.deepEqual(entries.map((e) => e.label), ['"FORWARD_TO_NUMBER"', '"FORWARD_TO_VOICEMAIL"', '"HANGUP"']);
    const voicemail = entries[1];
    assert.equal(voicemail.detail, "Send the call to the user's voicemail.");
    const start = at(text, '""FOR""');
    assert.deepEqual(voicemail.edit, { start, end: start + 7, newText: '""FORWARD_TO_VOICEMAIL""' });
    assert.equal(voicemail.filterText, '""FORWARD_TO_VOICEMAIL""');
    assert.equal(
      applyEdits(text, [voicemail.edit]),
      `${RULE_HEAD}alice,"{""action"":""FORWARD_TO_VOICEMAIL""}",\n`,
    );
  });

  test('a JSON key followed by a colon: the keys not yet present, replacing the key only', () => {
    const text = `${RULE_HEAD}alice,,"{""mode"":""CUSTOM"",""mon"":{}}"\n`;
    const entries = completeAt('portsip-v22', text, at(text, 'mon', 3));
    assert.deepEqual(
      entries.map((e) => e.label),
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    );
    const monday = entries[0];
    const start = at(text, '""mon""');
    assert.deepEqual(monday.edit, { start, end: start + 7, newText: '""monday""' });
    assert.equal(monday.snippet, false);
  });

  test('a key without a colon yet gets the key and a skeleton value as a snippet', () => {
    const text = `${RULE_HEAD}alice,"{""act""}",\n`;
    const action = byLabel(completeAt('portsip-v22', text, at(text, 'act', 3)), 'action');
    assert.equal(action.snippet, true);
    assert.equal(action.edit.newText, '""action"":""${1|FORWARD_TO_NUMBER,FORWARD_TO_VOICEMAIL,HANGUP|}""');
  });

  test('in an unquoted cell the edit leaves the key alone and the cell is wrapped in quotes', () => {
    const text = `${RULE_HEAD}alice,{},\n`;
    const cellStart = at(text, '{}');
    const entries = completeAt('portsip-v22', text, cellStart + 1);
    const timeout = byLabel(entries, 'timeout');
    assert.deepEqual(timeout.edit, { start: cellStart + 1, end: cellStart + 1, newText: '""timeout"":${1:60}' });
    assert.deepEqual(timeout.additionalEdits, [
      { start: cellStart, end: cellStart, newText: '"' },
      { start: cellStart + 2, end: cellStart + 2, newText: '"' },
    ]);
    const applied = applyEdits(text, [timeout.edit, ...timeout.additionalEdits!]);
    assert.equal(expandSnippet(applied), `${RULE_HEAD}alice,"{""timeout"":60}",\n`);
  });

  test('an empty forward-rule cell offers the complete rule as a quoted snippet', () => {
    const text = `${RULE_HEAD}alice,,\n`;
    const offset = at(text, 'alice,', 6);
    const entries = completeAt('portsip-v22', text, offset);
    const snippet = entries.find((e) => e.kind === 'snippet');
    assert.ok(snippet);
    assert.equal(
      snippet.edit.newText,
      // action (enum), timeout (integer, default 60), number (string, example 123456) — from the schema file.
      '"{""action"":""${1|FORWARD_TO_NUMBER,FORWARD_TO_VOICEMAIL,HANGUP|}"",""timeout"":${2:60},""number"":""${3:123456}""}"',
    );
    assert.deepEqual([snippet.edit.start, snippet.edit.end], [offset, offset]);
  });

  /** Inserts the snippet offered at an empty cell of `column`, with its defaults, and validates the result. */
  function snippetProblems(column: string, severities = ['error', 'warning', 'information', 'hint']): { inserted: string; problems: string[] } {
    const text = `name,${column}\nalice,\n`;
    const snippet = completeAt('portsip-v22', text, text.length - 1).find((e) => e.kind === 'snippet');
    assert.ok(snippet, `no snippet for ${column}`);
    const inserted = expandSnippet(applyEdits(text, [snippet.edit]));
    const problems = service()
      .validate(inserted, { dialect: 'portsip-v22' })
      .problems.filter((p) => (p.rule.startsWith('json-') || p.rule.startsWith('csv-')) && severities.includes(p.severity))
      .map((p) => `${p.rule}: ${p.message}`);
    return { inserted, problems };
  }

  test('the office_hours snippet has mode and the seven days, and no error or warning with its defaults', () => {
    const { inserted, problems } = snippetProblems('office_hours', ['error', 'warning']);
    assert.deepEqual(problems, []);
    const value = JSON.parse(new CsvModel(inserted).value(1, 1)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['mode', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
    assert.deepEqual(value.monday, { enabled: true, ranges: [{ from: '09:00', to: '17:00' }] });
  });

  for (const column of ['online_no_answer_forward_rule', 'online_busy_forward_rule', 'custom_forward_rules', 'blfs']) {
    test(`the ${column} snippet, with its defaults, is valid JSON for its schema in correct CSV`, () => {
      const { inserted, problems } = snippetProblems(column);
      assert.deepEqual(problems, []);
      assert.equal(new CsvModel(inserted).cellCount(1), 2);
    });
  }

  test('the phone snippet has every required phone key (spec) inside an array', () => {
    const { inserted } = snippetProblems('phones');
    const value = JSON.parse(new CsvModel(inserted).value(1, 1)) as Array<Record<string, unknown>>;
    assert.equal(value.length, 1);
    for (const key of ['mac', 'filename', 'vendor', 'model', 'password', 'language', 'transfer', 'timezone', 'codecs', 'interface', 'preferred_transport']) {
      assert.ok(key in value[0], `phone snippet lacks ${key}`);
    }
    assert.equal(value[0].language, 'ENGLISH');
  });

  test('inside an array of BLFs a new element is offered as an object snippet', () => {
    const text = 'name,blfs\nalice,"[{""key"":""1"",""value"":""101""}, ]"\n';
    const entries = completeAt('portsip-v22', text, at(text, ', ]', 2));
    const snippet = entries.find((e) => e.kind === 'snippet');
    assert.ok(snippet);
    assert.equal(snippet.edit.newText, '{""key"":""${1:}"",""value"":""${2:}"",""first_name"":""${3:}"",""last_name"":""${4:}""}');
  });

  test('a JSON boolean value offers true and false', () => {
    const text = 'name,office_hours\nalice,"{""mode"":""CUSTOM"",""monday"":{""enabled"":t}}"\n';
    const entries = completeAt('portsip-v22', text, at(text, ':t}', 2));
    assert.deepEqual(entries.map((e) => e.label), ['true', 'false']);
    assert.deepEqual(entries[0].edit, { start: at(text, ':t}', 1), end: at(text, ':t}', 2), newText: 'true' });
  });
});

describe('snippet skeletons', () => {
  test("a schema default becomes the first choice; without one the schema's order stays", async () => {
    const { skeletonSnippet } = await import('../../server/src/service/features/jsonSchema');
    const mode = { type: 'string', enum: ['GLOBAL', 'CUSTOM'] };
    assert.equal(skeletonSnippet({ type: 'object', properties: { mode } }), '{"mode":"${1|GLOBAL,CUSTOM|}"}');
    assert.equal(skeletonSnippet({ type: 'object', properties: { mode: { ...mode, default: 'CUSTOM' } } }), '{"mode":"${1|CUSTOM,GLOBAL|}"}');
  });
});
