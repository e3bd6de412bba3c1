// Embedded-JSON checker: every schema with a valid value (the seed's own examples) and a failing value per
// rule, asserting message, severity and the exact range inside the cell — through CSV's "" escaping,
// across line breaks inside cells, and in CRLF files. Expected ranges are counted by hand from the inputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvModel } from '../../server/src/service/csv/model';
import { checkCustomOptions, createJsonCellChecker, jsonRules, type JsonColumn } from '../../server/src/service/json/check';
import { LineIndex, type Problem } from '../../server/src/service/index';
import { RecordView } from '../../server/src/service/validation/record';
import { service } from '../support/validation';

const SCHEMA_OF: Record<string, string> = {
  office_hours: 'portsip-office-hours',
  online_no_answer_forward_rule: 'portsip-forward-rule-with-timeout',
  online_busy_forward_rule: 'portsip-forward-rule-busy',
  offline_office_hours_forward_rule: 'portsip-forward-rule',
  offline_non_office_hours_forward_rule: 'portsip-forward-rule',
  custom_forward_rules: 'portsip-custom-forward-rules',
  blfs: 'portsip-blfs',
};

type Dialect = 'portsip-v22' | 'portsip-v16';

/** The column as the dialect compiles it; its JSON Schema is the file the spec names for it. */
function columnFor(name: string, dialect: Dialect): JsonColumn {
  const base = name === 'phones' ? (dialect === 'portsip-v22' ? 'portsip-phones-v22' : 'portsip-phones-v16') : SCHEMA_OF[name];
  const schema = service().dialect(dialect)?.columnsByName.get(name)?.jsonSchema;
  assert.ok(schema, `${dialect} has a JSON Schema for ${name}`);
  assert.ok(schema.uri.endsWith(`/schemas/json/${base}.schema.json`), `${name} is checked against ${base}: ${schema.uri}`);
  return { name, schema };
}

/** A JSON text as a CSV cell: wrapped in quotes, every quote doubled. */
function q(json: string): string {
  return `"${json.replace(/"/g, '""')}"`;
}

interface Seen {
  rule: string;
  severity: string;
  message: string;
  /** [startLine, startCharacter, endLine, endCharacter], 0-based. */
  range: [number, number, number, number];
  data?: Record<string, unknown>;
  tags?: string[];
  related?: Array<{ message: string; range: [number, number, number, number] }>;
}

function seen(problem: Problem, index: LineIndex): Seen {
  const r = (s: { start: number; end: number }): [number, number, number, number] => {
    const { start, end } = index.rangeOf(s);
    return [start.line, start.character, end.line, end.character];
  };
  const out: Seen = { rule: problem.rule, severity: problem.severity, message: problem.message, range: r(problem) };
  if (problem.data) out.data = problem.data;
  if (problem.tags) out.tags = problem.tags;
  if (problem.related) out.related = problem.related.map((x) => ({ message: x.message, range: r(x) }));
  return out;
}

/** A file `name,<column>` with one record `a,<cell>` per cell (a quoted cell's content starts at character 3 of its line, an unquoted one at 2). */
function fileOf(column: string, cells: string[], eol = '\n'): string {
  return `name,${column}${eol}${cells.map((c) => `a,${c}`).join(eol)}${eol}`;
}

/** The problems the checker finds in every cell of the file `fileOf(column, cells)`, and the MACs it noted. */
function run(column: string, cells: string[], options: { dialect?: Dialect; eol?: string } = {}): { problems: Seen[]; macs: string[] } {
  const text = fileOf(column, cells, options.eol);
  const model = new CsvModel(text);
  assert.deepEqual(model.errors(), [], 'the test input is well-formed CSV');
  assert.equal(model.recordCount, cells.length + 1);
  const index = new LineIndex(text);
  const checker = createJsonCellChecker();
  const col = columnFor(column, options.dialect ?? 'portsip-v22');
  const view = new RecordView();
  const problems: Problem[] = [];
  for (let r = 1; r < model.recordCount; r++) {
    const row = view.show(model, r, model.cellCount(0));
    problems.push(...checker.check(model, row, row.cells[1], col));
  }
  const macs = checker.takeSightings().map((s) => `${s.column}:${s.key}:${s.text}`);
  return { problems: problems.map((p) => seen(p, index)), macs };
}

function one(column: string, cell: string, options: { dialect?: Dialect; eol?: string } = {}): Seen[] {
  return run(column, [cell], options).problems;
}

/** The problems of one rule that a whole-file validation (`portsip-v22`) of `fileOf(column, cells)` reports. */
function validated(rule: string, column: string, cells: string[]): Seen[] {
  const text = fileOf(column, cells);
  const index = new LineIndex(text);
  return service()
    .validate(text, { dialect: 'portsip-v22' })
    .problems.filter((p) => p.rule === rule)
    .map((p) => seen(p, index));
}

const BASE_PHONE: Record<string, unknown> = {
  mac: '0c:38:3e:63:fe:e8',
  filename: 'fanvil.ph.xml',
  vendor: 'Fanvil',
  model: 'V62 Pro',
  password: 'pw',
  language: 'ENGLISH',
  transfer: 'BLIND',
  timezone: 'GMT',
  codecs: ['PCMU'],
  interface: 'WEB_DOMAIN',
  preferred_transport: 'UDP',
};

/** A phones array of one valid phone; `first` keys come first (so their positions are easy to count). */
function phones(first: Record<string, unknown> = {}, without: string[] = []): string {
  const phone: Record<string, unknown> = { ...first };
  for (const [k, v] of Object.entries(BASE_PHONE)) if (!(k in phone) && !without.includes(k)) phone[k] = v;
  return JSON.stringify([phone]).replace(/":/g, '": ').replace(/,"/g, ', "');
}

// Verbatim from the seed (shared/seeds/portsip-kb-bulk-import.txt), tabs included.
const OFFICE_HOURS_CUSTOM = `{
\t"mode": "CUSTOM",
\t"monday": {
\t\t"enabled": true,
\t\t"ranges": [{
\t\t\t"from": "09:00",
\t\t\t"to": "11:00"
\t\t}, {
\t\t\t"from": "12:00",
\t\t\t"to": "17:00"
\t\t}]
\t},
\t"tuesday": {
\t\t"enabled": true,
\t\t"ranges": [{
\t\t\t"from": "09:00",
\t\t\t"to": "17:00"
\t\t}]
\t},
\t"wednesday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"thursday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"friday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"saturday": {
\t\t"enabled": false,
\t\t"ranges": []
\t},
\t"sunday": {
\t\t"enabled": false,
\t\t"ranges": []
\t}
}`;

const OFFICE_HOURS_GLOBAL = `{
\t"mode": "GLOBAL",
\t"monday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"tuesday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"wednesday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"thursday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"friday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"saturday": {
\t\t"enabled": true,
\t\t"ranges": []
\t},
\t"sunday": {
\t\t"enabled": true,
\t\t"ranges": []
\t}
}`;

const NO_ANSWER_RULE = `{
\t"action": "FORWARD_TO_VOICEMAIL",
\t"timeout": 60,
\t"number": ""
}`;

const BUSY_RULE = `{
\t"action": "RING_ANYWAY",
\t"timeout": 60,
\t"number": ""
}`;

const OFFLINE_RULE = `{
\t"action": "HANGUP",
\t"timeout": 60,
\t"number": ""
}`;

const OFFLINE_NON_OFFICE_RULE = `{
\t"action": "FORWARD_TO_NUMBER",
\t"timeout": 60,
\t"number": "123456"
}`;

const PHONES_V22 = `[
  {
    "mac": "0c:38:3e:63:fe:e8",
    "rps": true,
    "https": false,
    "model": "V62 Pro",
    "codecs": [
      "PCMU",
      "PCMA",
      "G729",
      "G722"
    ],
    "vendor": "Fanvil",
    "filename": "fanvil.ph.xml",
    "language": "English",
    "password": "63FEE8",
    "powerled": "Both (Voicemail and Missed calls)",
    "ringtone": "Default",
    "timezone": "GMT+8 China(Beijing)",
    "transfer": "BLIND",
    "backlight": "30 seconds",
    "interface": "WEB_DOMAIN",
    "pc_port_id": 254,
    "date_format": "15 JAN MON",
    "enable_lldp": false,
    "screensaver": "",
    "time_format": "24-hour clock",
    "wan_port_id": 256,
    "serial_number": "",
    "door_password1": "",
    "door_password2": "",
    "queue_ringtone": "Ring 1",
    "pc_port_priority": 0,
    "wan_port_priority": 0,
    "enable_vlan_pc_port": false,
    "preferred_transport": "UDP",
    "enable_vlan_wan_port": false
  }
]`;

const PHONES_V16 = `[{
\t"mac": "cc:5e:f8:41:b7:95",
\t"filename": "yealinkT3x.ph.xml",
\t"vendor": "Yealink",
\t"interface": "PRIVATE_IPV4",
\t"preferred_transport": "UDP",
\t"model": "SIP-T32G",
\t"password": "365894258",
\t"language": "English",
\t"timezone": "GMT-5:00 US Eastern Time, New York",
\t"transfer": "BLIND",
\t"ringtone": "",
\t"queue_ringtone": "Ring 1",
\t"date_format": "",
\t"time_format": "",
\t"powerled": "",
\t"backlight": "",
\t"screensaver": "",
\t"rps": false,
\t"https": false,
\t"codecs": ["PCMU", "PCMA", "G729", "G722"],
\t"enable_lldp": false,
\t"enable_vlan_wan_port": false,
\t"wan_port_id": 1,
\t"wan_port_priority": 0,
\t"enable_vlan_pc_port": false,
\t"pc_port_id": 1,
\t"pc_port_priority": 0
}]`;


describe('office_hours', () => {
  for (const dialect of ['portsip-v22', 'portsip-v16'] as const) {
    test(`the seed's CUSTOM and GLOBAL examples are valid (${dialect})`, () => {
      assert.deepEqual(one('office_hours', q(OFFICE_HOURS_CUSTOM), { dialect }), []);
      assert.deepEqual(one('office_hours', q(OFFICE_HOURS_GLOBAL), { dialect }), []);
    });
  }

  test('a range that ends before it starts: error at "to", across lines of the cell', () => {
    const json = '{"mode": "CUSTOM",\n"monday": {"enabled": true, "ranges": [\n{"from": "17:00", "to": "09:00"}]}}';
    assert.deepEqual(one('office_hours', q(json)), [
      { rule: 'json-time-order', severity: 'error', message: '"to" (09:00) must be later than "from" (17:00)', range: [3, 30, 3, 39] },
    ]);
  });

  test('the same in a CRLF file with CRLF inside the cell', () => {
    const json = '{"mode": "CUSTOM",\r\n"monday": {"enabled": true, "ranges": [\r\n{"from": "17:00", "to": "09:00"}]}}';
    assert.deepEqual(one('office_hours', q(json), { eol: '\r\n' }), [
      { rule: 'json-time-order', severity: 'error', message: '"to" (09:00) must be later than "from" (17:00)', range: [3, 30, 3, 39] },
    ]);
  });

  test('00:00–00:00 means closed and is accepted', () => {
    assert.deepEqual(one('office_hours', q('{"mode": "CUSTOM", "monday": {"enabled": true, "ranges": [{"from": "00:00", "to": "00:00"}]}}')), []);
  });

  test('overlapping ranges: warning at the later range, related information at the earlier one', () => {
    const json = '{"mode": "CUSTOM", "monday": {"enabled": true, "ranges": [\n{"from": "08:00", "to": "10:00"},\n{"from": "09:30", "to": "11:00"}]}}';
    assert.deepEqual(one('office_hours', q(json)), [
      {
        rule: 'json-time-overlap',
        severity: 'warning',
        message: 'monday: 09:30–11:00 overlaps 08:00–10:00',
        range: [3, 0, 3, 40],
        related: [{ message: 'the overlapping range 08:00–10:00', range: [2, 0, 2, 40] }],
      },
    ]);
  });

  test('ranges that only touch do not overlap', () => {
    const json = '{"mode": "CUSTOM", "monday": {"enabled": true, "ranges": [{"from": "12:00", "to": "17:00"}, {"from": "09:00", "to": "12:00"}]}}';
    assert.deepEqual(one('office_hours', q(json)), []);
  });

  test('times outside 00:00–23:59: error at each value', () => {
    const json = '{"mode": "CUSTOM", "friday": {"enabled": true, "ranges": [{"from": "24:00", "to": "25:00"}]}}';
    assert.deepEqual(one('office_hours', q(json)), [
      { rule: 'json-pattern', severity: 'error', message: 'friday.ranges[0].from must be HH:MM in 24-hour time, 00:00–23:59 — found "24:00"', range: [1, 82, 1, 91] },
      { rule: 'json-pattern', severity: 'error', message: 'friday.ranges[0].to must be HH:MM in 24-hour time, 00:00–23:59 — found "25:00"', range: [1, 101, 1, 110] },
    ]);
  });

  test('a day without "ranges": error at the day\'s key', () => {
    assert.deepEqual(one('office_hours', q('{"mode": "CUSTOM", "monday": {"enabled": true}}')), [
      { rule: 'json-missing-key', severity: 'error', message: 'missing key "ranges" in monday', range: [1, 26, 1, 36], data: { missingKeys: ['ranges'] } },
    ]);
  });

  test('no "mode": error at the opening brace of the document', () => {
    assert.deepEqual(one('office_hours', q('{"monday": {"enabled": true, "ranges": []}}')), [
      { rule: 'json-missing-key', severity: 'error', message: 'missing key "mode" in office_hours', range: [1, 3, 1, 4], data: { missingKeys: ['mode'] } },
    ]);
  });

  test('a mode that is not GLOBAL/CUSTOM', () => {
    assert.deepEqual(one('office_hours', q('{"mode": "custom"}')), [
      { rule: 'json-enum', severity: 'error', message: 'mode must be one of GLOBAL, CUSTOM — found "custom"', range: [1, 14, 1, 24] },
    ]);
  });

  test('"enabled" written as a string', () => {
    assert.deepEqual(one('office_hours', q('{"mode": "CUSTOM", "sunday": {"enabled": "no", "ranges": []}}')), [
      { rule: 'json-type', severity: 'error', message: 'sunday.enabled must be true or false (without quotes) — found "no"', range: [1, 52, 1, 58] },
    ]);
  });

  test('mode GLOBAL with a configured day: hint that the day is ignored', () => {
    assert.deepEqual(one('office_hours', q('{"mode": "GLOBAL", "saturday": {"enabled": false, "ranges": []}}')), [
      {
        rule: 'json-days-ignored',
        severity: 'hint',
        message: "saturday is ignored: mode is GLOBAL, so the tenant's office hours apply",
        range: [1, 26, 1, 38],
        tags: ['unnecessary'],
      },
    ]);
  });

  test('an unknown key: warning at the key', () => {
    assert.deepEqual(one('office_hours', q('{"mode": "GLOBAL", "holiday": true}')), [
      { rule: 'json-unknown-key', severity: 'warning', message: 'unknown key "holiday" in office_hours: the importer does not know it', range: [1, 26, 1, 37] },
    ]);
  });
});

describe('JSON syntax errors point at the character', () => {
  test('a trailing comma: at the comma', () => {
    assert.deepEqual(one('office_hours', q('{"mode": "GLOBAL",}')), [
      { rule: 'json-syntax', severity: 'error', message: "Invalid JSON: trailing comma before '}'; remove it", range: [1, 24, 1, 25] },
    ]);
  });

  test('single quotes, in an unquoted cell', () => {
    assert.deepEqual(one('office_hours', "{'mode': 'GLOBAL'}"), [
      { rule: 'json-syntax', severity: 'error', message: 'Invalid JSON: strings and keys need double quotes ("), not single quotes', range: [1, 3, 1, 4] },
    ]);
  });

  test('an unquoted word: the whole word, without echoing it (it may be a secret)', () => {
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": HANGUP}')), [
      { rule: 'json-syntax', severity: 'error', message: 'Invalid JSON: unquoted text; strings must be in double quotes', range: [1, 16, 1, 22] },
    ]);
    assert.deepEqual(one('phones', q('[{"password": "a" b}]')), [
      { rule: 'json-syntax', severity: 'error', message: 'Invalid JSON: unquoted text; strings must be in double quotes', range: [1, 25, 1, 26] },
    ]);
  });

  test('a line break inside a string: at the line break (LF and CRLF)', () => {
    const message = 'Invalid JSON: line break inside a string (write it as \\n)';
    assert.deepEqual(one('office_hours', q('{"mode": "GLO\nBAL"}')), [{ rule: 'json-syntax', severity: 'error', message, range: [1, 19, 2, 0] }]);
    assert.deepEqual(one('office_hours', q('{"mode": "GLO\r\nBAL"}'), { eol: '\r\n' }), [{ rule: 'json-syntax', severity: 'error', message, range: [1, 19, 2, 0] }]);
  });

  test('an object that is never closed: at its last character (the closing quote, doubled in the raw text)', () => {
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "HANGUP"')), [
      { rule: 'json-syntax', severity: 'error', message: "Invalid JSON: the object is not closed: '}' is missing at the end", range: [1, 24, 1, 26] },
    ]);
  });

  test('a missing comma, after a multi-byte character (offsets count UTF-16 units)', () => {
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "😀" "number": ""}')), [
      { rule: 'json-syntax', severity: 'error', message: "Invalid JSON: expected ',' before '\"'", range: [1, 23, 1, 25] },
    ]);
  });
});

describe('forward rules', () => {
  for (const dialect of ['portsip-v22', 'portsip-v16'] as const) {
    test(`the seed's four examples are valid, each in its column (${dialect})`, () => {
      assert.deepEqual(one('online_no_answer_forward_rule', q(NO_ANSWER_RULE), { dialect }), []);
      assert.deepEqual(one('online_busy_forward_rule', q(BUSY_RULE), { dialect }), []);
      assert.deepEqual(one('offline_office_hours_forward_rule', q(OFFLINE_RULE), { dialect }), []);
      assert.deepEqual(one('offline_non_office_hours_forward_rule', q(OFFLINE_NON_OFFICE_RULE), { dialect }), []);
    });
  }

  test('an unknown action: error at the value, listing the allowed ones', () => {
    assert.deepEqual(one('offline_office_hours_forward_rule', q('{"action": "FORWARD_TO_VM"}')), [
      {
        rule: 'json-enum',
        severity: 'error',
        message: 'action must be one of FORWARD_TO_NUMBER, FORWARD_TO_VOICEMAIL, HANGUP — found "FORWARD_TO_VM"',
        range: [1, 16, 1, 33],
      },
    ]);
  });

  test('RING_ANYWAY: only the busy rule allows it', () => {
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "RING_ANYWAY"}')), []);
    assert.deepEqual(one('offline_office_hours_forward_rule', q('{"action": "RING_ANYWAY"}')), [
      {
        rule: 'json-enum',
        severity: 'error',
        message: 'action must be one of FORWARD_TO_NUMBER, FORWARD_TO_VOICEMAIL, HANGUP — found "RING_ANYWAY"',
        range: [1, 16, 1, 31],
      },
    ]);
  });

  test('timeout must be an integer ≥ 0 where it counts', () => {
    assert.deepEqual(one('online_no_answer_forward_rule', q('{"action": "HANGUP", "timeout": "60"}')), [
      { rule: 'json-type', severity: 'error', message: 'timeout must be a whole number (without quotes) — found "60"', range: [1, 41, 1, 47] },
    ]);
    assert.deepEqual(one('online_no_answer_forward_rule', q('{"action": "HANGUP", "timeout": -1}')), [
      { rule: 'json-range', severity: 'error', message: 'timeout must be >= 0 — found -1', range: [1, 41, 1, 43] },
    ]);
  });

  test('timeout is ignored by the other rules', () => {
    assert.deepEqual(one('offline_office_hours_forward_rule', q('{"action": "HANGUP", "timeout": "whatever"}')), []);
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "HANGUP", "timeout": -5}')), []);
  });

  test('FORWARD_TO_NUMBER with an empty number: error at the number', () => {
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "FORWARD_TO_NUMBER", "number": ""}')), [
      { rule: 'json-number-required', severity: 'error', message: 'number is required when action is FORWARD_TO_NUMBER', range: [1, 51, 1, 55] },
    ]);
  });

  test('FORWARD_TO_NUMBER without a number key: error at the action', () => {
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "FORWARD_TO_NUMBER"}')), [
      { rule: 'json-number-required', severity: 'error', message: 'number is required when action is FORWARD_TO_NUMBER', range: [1, 16, 1, 37] },
    ]);
  });

  test('a number that the action ignores: hint', () => {
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "HANGUP", "number": "123"}')), [
      {
        rule: 'json-number-ignored',
        severity: 'hint',
        message: 'number is ignored: action is HANGUP, not FORWARD_TO_NUMBER',
        range: [1, 40, 1, 47],
        tags: ['unnecessary'],
      },
    ]);
  });

  test('a number that is not an extension or +digits', () => {
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "FORWARD_TO_NUMBER", "number": "+4930123"}')), []);
    assert.deepEqual(one('online_busy_forward_rule', q('{"action": "FORWARD_TO_NUMBER", "number": "12a"}')), [
      {
        rule: 'json-pattern',
        severity: 'error',
        message: 'number must be an extension number or digits with an optional leading + — found "12a"',
        range: [1, 51, 1, 58],
      },
    ]);
  });

  test('the same text on two rows: checked once, reported on both rows at their own place', () => {
    const cell = q('{"action": "FORWARD_TO_VM"}');
    const { problems } = run('offline_office_hours_forward_rule', [cell, cell]);
    assert.deepEqual(
      problems.map((p) => p.range),
      [
        [1, 16, 1, 33],
        [2, 16, 2, 33],
      ],
    );
    assert.equal(problems[0].message, problems[1].message);
  });
});

describe('custom_forward_rules', () => {
  test('empty and complete rules are valid', () => {
    assert.deepEqual(one('custom_forward_rules', '[]'), []);
    const rule = '[{"action": "FORWARD_TO_NUMBER", "number": "+15551234", "caller_id": "100", "type": "SPECIFIC_HOURS", "hours": {"monday": {"enabled": true, "ranges": [{"from": "09:00", "to": "12:00"}]}}}]';
    assert.deepEqual(one('custom_forward_rules', q(rule)), []);
  });

  test('SPECIFIC_HOURS without hours: error at the rule\'s opening brace', () => {
    assert.deepEqual(one('custom_forward_rules', q('[{"action": "HANGUP", "type": "SPECIFIC_HOURS"}]')), [
      { rule: 'json-missing-key', severity: 'error', message: 'missing key "hours" in custom_forward_rules[0]', range: [1, 4, 1, 5], data: { missingKeys: ['hours'] } },
    ]);
  });

  test('an unknown type', () => {
    assert.deepEqual(one('custom_forward_rules', q('[{"action": "HANGUP", "type": "ALWAYS"}]')), [
      {
        rule: 'json-enum',
        severity: 'error',
        message: 'custom_forward_rules[0].type must be one of ALL_HOURS, SPECIFIC_HOURS, OUTSIDE_SPECIFIC_HOURS — found "ALWAYS"',
        range: [1, 39, 1, 49],
      },
    ]);
  });

  test('hours with a range in the wrong order', () => {
    const rule = '[{"action": "HANGUP", "type": "ALL_HOURS", "hours": {"monday": {"enabled": true, "ranges": [{"from": "12:00", "to": "08:00"}]}}}]';
    assert.deepEqual(one('custom_forward_rules', q(rule)), [
      { rule: 'json-time-order', severity: 'error', message: '"to" (08:00) must be later than "from" (12:00)', range: [1, 141, 1, 150] },
    ]);
  });

  test('FORWARD_TO_NUMBER without a number', () => {
    assert.deepEqual(one('custom_forward_rules', q('[{"action": "FORWARD_TO_NUMBER", "type": "ALL_HOURS"}]')), [
      {
        rule: 'json-number-required',
        severity: 'error',
        message: 'custom_forward_rules[0].number is required when action is FORWARD_TO_NUMBER',
        range: [1, 17, 1, 38],
      },
    ]);
  });
});

describe('blfs', () => {
  const entry = '{"key": "1", "value": "101"}';
  test('empty, full and 200 entries are valid', () => {
    assert.deepEqual(one('blfs', '[]'), []);
    assert.deepEqual(one('blfs', q('[{"key": "1", "value": "101", "first_name": "Ann", "last_name": "Lee"}]')), []);
    assert.deepEqual(one('blfs', q(`[${Array(200).fill(entry).join(',')}]`)), []);
  });

  test('201 entries: error at the first entry too many', () => {
    // Each escaped entry is 36 characters plus a comma; entry 200 starts after "[" and 200 of them.
    const start = 3 + 1 + 200 * 37;
    assert.deepEqual(one('blfs', q(`[${Array(201).fill(entry).join(',')}]`)), [
      { rule: 'json-too-many-blfs', severity: 'error', message: 'blfs has 201 entries; at most 200 are allowed', range: [1, start, 1, start + 36] },
    ]);
  });

  test('a value that is a number', () => {
    assert.deepEqual(one('blfs', q('[{"key": "1", "value": 101}]')), [
      { rule: 'json-type', severity: 'error', message: 'blfs[0].value must be a string (in double quotes) — found 101', range: [1, 32, 1, 35] },
    ]);
  });

  test('an entry without value', () => {
    assert.deepEqual(one('blfs', q('[{"key": "1"}]')), [
      { rule: 'json-missing-key', severity: 'error', message: 'missing key "value" in blfs[0]', range: [1, 4, 1, 5], data: { missingKeys: ['value'] } },
    ]);
  });
});

describe('phones', () => {
  const englishHint = (line: number, character: number): Seen => ({
    rule: 'json-language-case',
    severity: 'hint',
    message: 'phones[0].language "English" is accepted; the canonical spelling is ENGLISH',
    range: [line, character, line, character + 7],
    data: { replacement: 'ENGLISH' },
  });

  test("the seed's v22 example in v22: only the hint on \"English\"", () => {
    assert.deepEqual(one('phones', q(PHONES_V22), { dialect: 'portsip-v22' }), [englishHint(15, 20)]);
  });

  test("the seed's v16 example in v16: only the hint on \"English\"", () => {
    assert.deepEqual(one('phones', q(PHONES_V16), { dialect: 'portsip-v16' }), [englishHint(9, 17)]);
  });

  test("the seed's v22 example in v16: its v22-only keys are unknown", () => {
    const unknown = (key: string, line: number): Seen => ({
      rule: 'json-unknown-key',
      severity: 'warning',
      message: `unknown key "${key}" in phones[0]: the importer does not know it`,
      range: [line, 4, line, 4 + key.length + 4],
    });
    assert.deepEqual(one('phones', q(PHONES_V22), { dialect: 'portsip-v16' }), [
      englishHint(15, 20),
      unknown('serial_number', 29),
      unknown('door_password1', 30),
      unknown('door_password2', 31),
    ]);
  });

  test('an upper-case MAC: error with the lower-case replacement', () => {
    assert.deepEqual(one('phones', q(phones({ mac: '0C:38:3E:63:FE:E8' }))), [
      {
        rule: 'json-mac-case',
        severity: 'error',
        message: 'phones[0].mac must be lowercase: 0c:38:3e:63:fe:e8',
        range: [1, 16, 1, 33],
        data: { replacement: '0c:38:3e:63:fe:e8' },
      },
    ]);
  });

  test('a MAC with five pairs', () => {
    assert.deepEqual(one('phones', q(phones({ mac: '0c:38:3e:63:fe' }))), [
      {
        rule: 'json-pattern',
        severity: 'error',
        message: 'phones[0].mac must be six hex pairs separated by ":" or "-", e.g. 0c:38:3e:63:fe:e8 — found "0c:38:3e:63:fe"',
        range: [1, 14, 1, 32],
      },
    ]);
  });

  test('one MAC on two rows (any separator): error at both, each pointing at the other', () => {
    const cells = [q(phones({ mac: '0c:38:3e:63:fe:e8' })), q(phones({ mac: '0c-38-3e-63-fe-e8' }))];
    const { problems, macs } = run('phones', cells);
    assert.deepEqual(problems, []);
    // The checker notes each MAC (with its column) for the file-wide check; the coordinator pairs them up.
    assert.deepEqual(macs, ['1:0c383e63fee8:0c:38:3e:63:fe:e8', '1:0c383e63fee8:0c-38-3e-63-fe-e8']);
    assert.deepEqual(validated('json-duplicate-mac', 'phones', cells), [
      {
        rule: 'json-duplicate-mac',
        severity: 'error',
        message: 'MAC 0c:38:3e:63:fe:e8 is also used on line 3: provisioning will fail',
        range: [1, 16, 1, 33],
        related: [{ message: 'the same MAC on line 3', range: [2, 16, 2, 33] }],
      },
      {
        rule: 'json-duplicate-mac',
        severity: 'error',
        message: 'MAC 0c-38-3e-63-fe-e8 is also used on line 2: provisioning will fail',
        range: [2, 16, 2, 33],
        related: [{ message: 'the same MAC on line 2', range: [1, 16, 1, 33] }],
      },
    ]);
  });

  test('different MACs on two rows are fine', () => {
    const cells = [q(phones({ mac: '0c:38:3e:63:fe:e8' })), q(phones({ mac: 'cc:5e:f8:41:b7:95' }))];
    assert.deepEqual(run('phones', cells).macs, ['1:0c383e63fee8:0c:38:3e:63:fe:e8', '1:cc5ef841b795:cc:5e:f8:41:b7:95']);
    assert.deepEqual(validated('json-duplicate-mac', 'phones', cells), []);
  });

  test('a language that does not exist', () => {
    assert.deepEqual(one('phones', q(phones({ language: 'KLINGON' }))), [
      {
        rule: 'json-enum',
        severity: 'error',
        message:
          'phones[0].language must be one of ENGLISH, CHINESE, DUTCH, FRENCH, GERMAN, GREEK, ITALIAN, JAPANESE, POLISH, RUSSIAN, SPANISH, SWEDISH, UKRAINIAN, BULGARIAN — found "KLINGON"',
        range: [1, 19, 1, 30],
      },
    ]);
  });

  test('a lower-case language: hint with the canonical spelling', () => {
    assert.deepEqual(one('phones', q(phones({ language: 'english' }))), [
      {
        rule: 'json-language-case',
        severity: 'hint',
        message: 'phones[0].language "english" is accepted; the canonical spelling is ENGLISH',
        range: [1, 21, 1, 28],
        data: { replacement: 'ENGLISH' },
      },
    ]);
  });

  test('an unknown codec: warning', () => {
    assert.deepEqual(one('phones', q(phones({ codecs: ['PCMU', 'OPUS'] }))), [
      {
        rule: 'json-unknown-codec',
        severity: 'warning',
        message: 'phones[0].codecs[1] "OPUS" is not one of the known values PCMU, PCMA, G729, G722',
        range: [1, 28, 1, 36],
      },
    ]);
  });

  test('a VLAN id out of range', () => {
    assert.deepEqual(one('phones', q(phones({ wan_port_id: 5000 }))), [
      { rule: 'json-range', severity: 'error', message: 'phones[0].wan_port_id must be between 1 and 4094 — found 5000', range: [1, 22, 1, 26] },
    ]);
  });

  test('a boolean written as a string', () => {
    assert.deepEqual(one('phones', q(phones({ rps: 'true' }))), [
      { rule: 'json-type', severity: 'error', message: 'phones[0].rps must be true or false (without quotes) — found "true"', range: [1, 14, 1, 22] },
    ]);
  });

  test('missing required keys: one error at the phone\'s opening brace', () => {
    assert.deepEqual(one('phones', q(phones({}, ['vendor', 'model']))), [
      {
        rule: 'json-missing-key',
        severity: 'error',
        message: 'missing keys "vendor", "model" in phones[0]',
        range: [1, 4, 1, 5],
        data: { missingKeys: ['vendor', 'model'] },
      },
    ]);
  });

  test('phones as an object instead of an array', () => {
    assert.deepEqual(one('phones', '{}'), [
      { rule: 'json-type', severity: 'error', message: 'phones must be an array [ … ] — found an object', range: [1, 2, 1, 4] },
    ]);
  });

  test('secrets are never echoed: phone password and door passwords', () => {
    assert.deepEqual(one('phones', q(phones({ password: 123456 }))), [
      { rule: 'json-type', severity: 'error', message: 'phones[0].password must be a string (in double quotes)', range: [1, 19, 1, 25] },
    ]);
    assert.deepEqual(one('phones', q(phones({ door_password1: '12ab' }))), [
      { rule: 'json-pattern', severity: 'error', message: 'phones[0].door_password1 must be 4–8 digits, or empty', range: [1, 25, 1, 33] },
    ]);
  });
});

describe('custom_options', () => {
  function check(cell: string): Seen[] {
    const text = `name,custom_options\na,${cell}\n`;
    const model = new CsvModel(text);
    const index = new LineIndex(text);
    return checkCustomOptions(model, new RecordView().show(model, 1, model.cellCount(0)).cells[1]).map((p) => seen(p, index));
  }

  test('plain text, and JSON that parses, are fine', () => {
    assert.deepEqual(check('hello world'), []);
    assert.deepEqual(check(q('{"a": 1}')), []);
  });

  test('text that looks like JSON but does not parse', () => {
    assert.deepEqual(check(q('{"a": 1')), [
      {
        rule: 'json-syntax',
        severity: 'error',
        message: "custom_options looks like JSON but does not parse. Invalid JSON: the object is not closed: '}' is missing at the end",
        range: [1, 11, 1, 12],
      },
    ]);
  });
});

describe('rule ids', () => {
  test('every id of the brief is documented once, with a description', () => {
    const ids: readonly string[] = jsonRules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of [
      'json-syntax', 'json-enum', 'json-type', 'json-unknown-key', 'json-missing-key', 'json-range', 'json-time-order',
      'json-time-overlap', 'json-number-required', 'json-number-ignored', 'json-duplicate-mac', 'json-mac-case',
      'json-language-case', 'json-unknown-codec', 'json-too-many-blfs', 'json-unescaped',
    ]) {
      assert.ok(ids.includes(id), id);
    }
    for (const rule of jsonRules) assert.ok(rule.description.length > 10, rule.id);
  });
});
