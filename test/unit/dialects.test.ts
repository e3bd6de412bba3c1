import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LineIndex, type CompiledColumn } from '../../server/src/service/index';
import { createNodeLanguageService, displayUri, findSchemasDirectory } from '../../server/src/node/resources';
import { service } from '../support/validation';

// Found by walking up, so the test also works compiled (out/tests/unit).
const REPO_SCHEMAS = findSchemasDirectory(__dirname)!;

/** The file name of a JSON column's schema (its URI's last segment). */
function schemaFile(column: CompiledColumn): string {
  assert.ok(column.jsonSchema, `${column.name} has a JSON Schema`);
  return path.basename(fileURLToPath(column.jsonSchema.uri));
}

function tempDialect(name: string, content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbx-dialect-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

describe('built-in dialects', () => {
  test('load without errors, every column described', () => {
    assert.deepEqual(service().configurationErrors(), []);
    assert.deepEqual(service().dialects().map((d) => d.id).sort(), ['portsip-v16', 'portsip-v22', 'wazo', 'xivo', 'xivo-update']);
    for (const summary of service().dialects()) {
      const dialect = service().dialect(summary.id);
      assert.ok(dialect);
      for (const column of dialect.columns) assert.ok(column.description.length > 10, `${summary.id}.${column.name} has a description`);
      for (const column of dialect.columns.filter((c) => c.type === 'enum')) {
        for (const v of column.values) assert.ok(v.description.length > 3, `${column.name}=${v.value} described`);
      }
    }
  });

  test('v16 extends v22 without sms and the v22 API forward rules, with the v16 phones schema', () => {
    const v16 = service().dialect('portsip-v16');
    const v22 = service().dialect('portsip-v22');
    assert.ok(v16 && v22);
    assert.equal(v16.columnsByName.has('sms'), false);
    assert.equal(v16.columnsByName.has('busy_no_answer_forward_rule'), false);
    assert.equal(v16.columnsByName.has('offline_office_hours_forward_rule'), true);
    assert.equal(v16.columns.length, v22.columns.length - 15);
    assert.equal(schemaFile(v16.columnsByName.get('phones')!), 'portsip-phones-v16.schema.json');
    assert.equal(schemaFile(v22.columnsByName.get('phones')!), 'portsip-phones-v22.schema.json');
  });

  test('forward-rule columns map to the right JSON schema', () => {
    const v22 = service().dialect('portsip-v22');
    const schemaOf = (name: string) => schemaFile(v22!.columnsByName.get(name)!);
    assert.equal(schemaOf('online_no_answer_forward_rule'), 'portsip-forward-rule-with-timeout.schema.json');
    assert.equal(schemaOf('available_no_answer_forward_rule'), 'portsip-forward-rule-with-timeout.schema.json');
    assert.equal(schemaOf('busy_no_answer_forward_rule'), 'portsip-forward-rule-with-timeout.schema.json');
    assert.equal(schemaOf('online_busy_forward_rule'), 'portsip-forward-rule-busy.schema.json');
    assert.equal(schemaOf('available_office_hours_forward_rule'), 'portsip-forward-rule-busy.schema.json');
    assert.equal(schemaOf('busy_non_office_hours_forward_rule'), 'portsip-forward-rule-busy.schema.json');
    assert.equal(schemaOf('offline_office_hours_forward_rule'), 'portsip-forward-rule.schema.json');
    assert.equal(schemaOf('lunch_non_office_hours_forward_rule'), 'portsip-forward-rule.schema.json');
    assert.equal(schemaOf('custom_forward_rules'), 'portsip-custom-forward-rules.schema.json');
    assert.equal(schemaOf('blfs'), 'portsip-blfs.schema.json');
    assert.equal(schemaOf('office_hours'), 'portsip-office-hours.schema.json');
    for (const column of v22!.columns.filter((c) => c.type === 'json')) {
      // Loaded and compiled with the dialect, from the file of the repository's schemas folder.
      assert.ok(column.jsonSchema, `${column.name} has its JSON Schema`);
      assert.equal(typeof column.jsonSchema.validate, 'function');
      assert.equal(column.jsonSchema.uri, column.jsonSchemaUri);
      assert.equal(fileURLToPath(column.jsonSchema.uri), path.join(REPO_SCHEMAS, 'json', schemaFile(column)));
    }
  });

  test('xivo-update adds a required unique uuid and makes the import\'s required columns optional in the header', () => {
    const update = service().dialect('xivo-update');
    assert.ok(update);
    assert.equal(update.columnsByName.get('uuid')?.required, true);
    assert.equal(update.columnsByName.get('firstname')?.requiredInHeader, false);
    assert.equal(update.columnsByName.get('firstname')?.required, true);
    assert.ok(update.ignoredColumns.has('provisioning_code'));
    assert.match(update.columnsByName.get('line_protocol')!.notes[0], /cannot be changed/);
  });

  test('the pbxUserCsv.dialects setting offers every built-in dialect, each described', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_SCHEMAS, '..', 'package.json'), 'utf8'));
    const choice = manifest.contributes.configuration.properties['pbxUserCsv.dialects'].additionalProperties.anyOf[0];
    assert.deepEqual(choice.enum, [...service().dialects().map((d) => d.id).sort(), 'none']);
    assert.equal(choice.markdownEnumDescriptions.length, choice.enum.length);
  });

  test('formula injection is looked for in the free-text columns: never secret, number or patterned-number ones', () => {
    for (const summary of service().dialects()) {
      for (const column of service().dialect(summary.id)!.columns) {
        if (column.formulaInjection) assert.ok(!column.secret && ['string', 'email', 'list'].includes(column.type), `${summary.id}.${column.name}`);
      }
    }
    const eligible = (id: string) => service().dialect!(id)!.columns.filter((c) => c.formulaInjection).map((c) => c.name);
    for (const name of ['email', 'display_name', 'name']) assert.ok(eligible('portsip-v22').includes(name), `portsip-v22.${name}`);
    for (const name of ['email', 'context', 'outgoing_caller_id', 'voicemail_email']) assert.ok(eligible('xivo').includes(name), `xivo.${name}`);
    for (const name of ['mobile_phone_number', 'exten', 'password', 'sip_secret', 'entity_id']) assert.ok(!eligible('xivo').includes(name), `xivo.${name}`);
  });
});

describe('dialect.schema.json', () => {
  test('every property has a description (directly or on the definition it refers to)', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_SCHEMAS, 'dialect.schema.json'), 'utf8'));
    const resolve = (node: { $ref?: string }) => (node.$ref ? schema.definitions[node.$ref.replace('#/definitions/', '')] : node);
    const missing: string[] = [];
    const walk = (node: Record<string, unknown>, where: string): void => {
      if (!node || typeof node !== 'object') return;
      const properties = node.properties as Record<string, { description?: string; $ref?: string }> | undefined;
      for (const [name, property] of Object.entries(properties ?? {})) {
        if (!property.description && !resolve(property)?.description) missing.push(`${where}.${name}`);
        walk(property as Record<string, unknown>, `${where}.${name}`);
      }
      if (node.items) walk(node.items as Record<string, unknown>, `${where}[]`);
    };
    walk(schema, '$');
    for (const [name, definition] of Object.entries(schema.definitions)) walk(definition as Record<string, unknown>, `#${name}`);
    assert.deepEqual(missing, []);
  });
});

describe('locating the schemas folder', () => {
  test('walks up from a nested build folder (out/server/..., dist/)', () => {
    assert.equal(findSchemasDirectory(path.join(REPO_SCHEMAS, '..', 'out', 'server', 'src', 'service', 'dialects')), REPO_SCHEMAS);
    assert.equal(findSchemasDirectory(path.join(REPO_SCHEMAS, '..', 'dist')), REPO_SCHEMAS);
    assert.equal(findSchemasDirectory(os.tmpdir()), undefined);
  });
});

describe('custom dialects', () => {
  const custom = {
    id: 'acme-portsip',
    label: 'ACME PortSIP',
    description: 'PortSIP v22 with a department column and a case-insensitive enum.',
    extends: 'portsip-v22',
    detection: { signs: { columns: ['department'] } },
    removeColumns: ['sms'],
    columns: [
      {
        name: 'department',
        description: 'Department of the user.',
        type: 'enum',
        caseInsensitive: true,
        values: [
          { value: 'Sales', description: 'Sales team.' },
          { value: 'Support', description: 'Support team.' },
        ],
      },
      { name: 'display_name', required: true },
    ],
  };

  test('a custom dialect extends a built-in, is detected by its sign, and reports value-enum-case', () => {
    const file = tempDialect('acme.dialect.json', custom);
    const ls = createNodeLanguageService({ customDialectFiles: [file] });
    assert.deepEqual(ls.configurationErrors(), []);
    const text = 'name,password,extension_number,extension_password,email,voicemail_pin,display_name,department\n' +
      'jim,Vt9#qLm2$w,101,Hq7!xR4pz%,jim@example.com,493817,Jim,sales\n';
    const result = ls.validate(text);
    assert.deepEqual(result.dialect, { id: 'acme-portsip', label: 'ACME PortSIP', guessed: false });
    assert.equal(result.problems.length, 1);
    const p = result.problems[0];
    assert.equal(p.rule, 'value-enum-case');
    assert.equal(p.severity, 'hint');
    assert.equal(p.message, 'department is usually written Sales, found "sales"');
    assert.deepEqual(new LineIndex(text).rangeOf(p), { start: { line: 1, character: 57 }, end: { line: 1, character: 62 } });
    assert.deepEqual(p.data, { replacement: 'Sales' });
    // The override made display_name required, the inherited rules still apply.
    const empty = ls.validate(text.replace(',Jim,', ',,'));
    assert.equal(empty.problems.find((x) => x.rule === 'value-required')?.message, 'display_name is required but the cell is empty');
    // Detection of the built-ins is unchanged.
    assert.equal(ls.detect('name,password,extension_number,extension_password,email,voicemail_pin,sms\n')?.id, 'portsip-v22');
  });

  test('detection alternatives: either signature recognises a custom dialect, noneOf still rules it out', () => {
    const file = tempDialect('crm.dialect.json', {
      id: 'crm',
      label: 'CRM',
      description: 'A CRM export.',
      detection: { allOf: ['login'], anyOf: ['team', 'desk'], alternatives: [{ anyOf: ['team', 'desk', 'badge'], minAnyOf: 3 }], noneOf: ['sku'] },
      columns: [{ name: 'login' }, { name: 'team' }, { name: 'desk' }, { name: 'badge' }],
    });
    const ls = createNodeLanguageService({ customDialectFiles: [file] });
    assert.deepEqual(ls.configurationErrors(), []);
    assert.equal(ls.detect('login,desk\n')?.id, 'crm');
    assert.equal(ls.detect('team,desk,badge\n')?.id, 'crm');
    assert.equal(ls.detect('team,desk\n'), undefined);
    assert.equal(ls.detect('login,desk,sku\n'), undefined);
  });

  test('a dialect file that breaks the schema is reported with file and JSON pointer, the built-ins still load', () => {
    const file = tempDialect('bad.dialect.json', { ...custom, columns: [{ name: 'x', type: 'number', colour: 'red' }] });
    const ls = createNodeLanguageService({ customDialectFiles: [file] });
    const errors = ls.configurationErrors();
    assert.deepEqual(
      errors.map((e) => [e.file, e.pointer, e.message]),
      [
        [pathToFileURL(file).href, '/columns/0', 'unknown property "colour"'],
        [pathToFileURL(file).href, '/columns/0/type', 'must be equal to one of the allowed values: string, boolean, integer, enum, email, json, languageTag, uuid, list'],
      ],
    );
    assert.deepEqual(ls.dialects().map((d) => d.id).sort(), ['portsip-v16', 'portsip-v22', 'wazo', 'xivo', 'xivo-update']);
  });

  test('invalid JSON, a bad regular expression, an unknown parent, a taken id, a missing file', () => {
    const syntax = tempDialect('syntax.dialect.json', '{\n  "id": "x",\n  "label": \n}');
    const regex = tempDialect('regex.dialect.json', { id: 'r', label: 'R', description: 'd', columns: [{ name: 'a', pattern: '([a-z' }] });
    const orphan = tempDialect('orphan.dialect.json', { id: 'o', label: 'O', description: 'd', extends: 'nothing' });
    const taken = tempDialect('taken.dialect.json', { id: 'xivo', label: 'X', description: 'd' });
    const missing = path.join(os.tmpdir(), 'no-such-dir', 'missing.dialect.json');
    const ls = createNodeLanguageService({ customDialectFiles: [syntax, regex, orphan, taken, missing] });
    const errors = ls.configurationErrors();
    assert.deepEqual(
      errors.map((e) => [path.basename(displayUri(e.file)), e.pointer]),
      [
        ['syntax.dialect.json', ''],
        ['regex.dialect.json', '/columns/0/pattern'],
        ['taken.dialect.json', '/id'],
        ['missing.dialect.json', ''],
        ['orphan.dialect.json', '/extends'],
      ],
    );
    assert.match(errors[0].message, /^invalid JSON at line 4, column 1: ValueExpected$/);
    assert.match(errors[1].message, /^invalid regular expression/);
    assert.equal(errors[4].message, 'extends unknown dialect "nothing"');
    assert.equal(ls.dialects().length, 5);
  });

  test('an extends cycle is reported', () => {
    const a = tempDialect('a.dialect.json', { id: 'cycle-a', label: 'A', description: 'd', extends: 'cycle-b' });
    const b = tempDialect('b.dialect.json', { id: 'cycle-b', label: 'B', description: 'd', extends: 'cycle-a' });
    const ls = createNodeLanguageService({ customDialectFiles: [a, b] });
    assert.ok(ls.configurationErrors().some((e) => /cycle/.test(e.message)));
    assert.equal(ls.dialects().length, 5);
  });
});

describe('a custom dialect of 200,000 columns', () => {
  test('extending a built-in, it loads and its last column is known', () => {
    // Merging its columns onto the parent's once spread them into push(): a RangeError past ~125,000.
    const columns = Array.from({ length: 200_000 }, (_, i) => ({ name: `c${i}` }));
    // Written compact: 3.8 MB, under the 5 MB limit of dialect files.
    const file = tempDialect('wide.dialect.json', JSON.stringify({ id: 'wide', label: 'Wide', description: 'd', extends: 'xivo', columns }));
    const ls = createNodeLanguageService({ customDialectFiles: [file] });
    assert.deepEqual(ls.configurationErrors(), []);
    assert.equal(ls.dialect('wide')?.columns.length, (ls.dialect('xivo')?.columns.length ?? 0) + 200_000);
    const result = ls.validate('entity_id,firstname,c199999\n1,Jim,a\n', { dialect: 'wide' });
    assert.deepEqual(result.problems, []);
  });
});

describe('patterns of custom dialects run in linear time', () => {
  const evil = { id: 'evil', label: 'Evil', description: 'd', extends: 'xivo', columns: [{ name: 'code', pattern: '^(a+)+$', patternDescription: 'a run of a' }] };

  test('a pattern with catastrophic backtracking loads and checks a 40-character cell', () => {
    const ls = createNodeLanguageService({ customDialectFiles: [tempDialect('evil.dialect.json', evil)] });
    assert.deepEqual(ls.configurationErrors(), []);
    const text = `entity_id,firstname,code\n1,Jim,${'a'.repeat(40)}!\n1,Bob,${'a'.repeat(40)}\n`;
    const problems = ls.validate(text, { dialect: 'evil' }).problems;
    assert.deepEqual(
      problems.map((p) => [p.rule, p.severity, p.message, p.start, p.end]),
      [['value-pattern', 'error', `code must be a run of a, found "${'a'.repeat(40)}!"`, text.indexOf('a!') - 39, text.indexOf('a!') + 2]],
    );
  });

  test('a pattern the linear engine cannot run (lookahead, backreference) is refused with the file and the column', () => {
    const file = tempDialect('look.dialect.json', {
      ...evil,
      columns: [
        { name: 'code', pattern: '^(?=[a-z])[a-z0-9]+$' },
        { name: 'pair', strictPattern: { pattern: '^(a)\\1$', description: 'd', reason: 'r' } },
      ],
    });
    const ls = createNodeLanguageService({ customDialectFiles: [file] });
    assert.deepEqual(ls.configurationErrors(), [
      {
        file: pathToFileURL(file).href,
        pointer: '/columns/0/pattern',
        message:
          'column "code": the pattern cannot be used: patterns of custom dialects run on a linear-time engine (RE2 syntax), which has no lookahead, ' +
          'lookbehind or backreferences, so no pattern can hang the validation (error parsing regexp: invalid or unsupported Perl syntax: `(?=`)',
      },
      {
        file: pathToFileURL(file).href,
        pointer: '/columns/1/strictPattern/pattern',
        message:
          'column "pair": the pattern cannot be used: patterns of custom dialects run on a linear-time engine (RE2 syntax), which has no lookahead, ' +
          'lookbehind or backreferences, so no pattern can hang the validation (error parsing regexp: invalid escape sequence: `\\1`)',
      },
    ]);
    assert.equal(ls.dialect('evil'), undefined);
  });

  test('a custom JSON Schema with a catastrophic pattern checks a JSON cell; one the engine cannot run is a load error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbx-dialect-'));
    fs.writeFileSync(path.join(dir, 'codes.schema.json'), JSON.stringify({ type: 'array', items: { type: 'string', pattern: '^(a+)+$' } }));
    fs.writeFileSync(path.join(dir, 'ahead.schema.json'), JSON.stringify({ type: 'string', pattern: '^(?!x)' }));
    const dialect = { id: 'codes', label: 'Codes', description: 'd', extends: 'xivo', columns: [{ name: 'codes', type: 'json', jsonSchema: 'codes.schema.json' }] };
    fs.writeFileSync(path.join(dir, 'codes.dialect.json'), JSON.stringify(dialect));
    fs.writeFileSync(path.join(dir, 'ahead.dialect.json'), JSON.stringify({ ...dialect, id: 'ahead', columns: [{ name: 'codes', type: 'json', jsonSchema: 'ahead.schema.json' }] }));
    const ls = createNodeLanguageService({ customDialectFiles: [path.join(dir, 'codes.dialect.json'), path.join(dir, 'ahead.dialect.json')] });
    const errors = ls.configurationErrors() ?? [];
    assert.deepEqual(errors.map((e) => [path.basename(displayUri(e.file)), e.pointer]), [['ahead.dialect.json', '/columns/0/jsonSchema']]);
    assert.equal(
      errors[0].message,
      `column "codes": the JSON Schema ${path.join(dir, 'ahead.schema.json')} is not a valid schema: error parsing regexp: invalid or unsupported Perl syntax: \`(?!\``,
    );
    const cell = `"[""${'a'.repeat(40)}!""]"`;
    const text = `entity_id,firstname,codes\n1,Jim,${cell}\n`;
    const problems = ls.validate(text, { dialect: 'codes' }).problems;
    const at = text.indexOf('""a'); // the JSON string with its quotes, each written "" in the cell
    assert.deepEqual(
      problems.map((p) => [p.rule, p.message, p.start, p.end]),
      [['json-pattern', `codes[0] must be in the form ^(a+)+$ — found "${'a'.repeat(39)}…"`, at, at + 2 + 41 + 2]],
    );
  });
});
