// The column JSON Schemas: present under the names the dialect files use, compilable by ajv, and
// documented everywhere (descriptions on every property, a description for every enum value). The dialect
// loader loads and compiles them with their dialect; one that cannot be loaded is reported, not thrown.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNodeLanguageService, findSchemasDirectory } from '../../server/src/node/resources';
import { createSchemaCompiler } from '../../server/src/service/json/schemas';
import { service } from '../support/validation';

// Found by walking up, so the test also works compiled (out/tests/unit).
const SCHEMA_DIR = path.join(findSchemasDirectory(__dirname)!, 'json');

const FILES = [
  'portsip-office-hours.schema.json',
  'portsip-forward-rule.schema.json',
  'portsip-forward-rule-with-timeout.schema.json',
  'portsip-forward-rule-busy.schema.json',
  'portsip-custom-forward-rules.schema.json',
  'portsip-blfs.schema.json',
  'portsip-phones-v22.schema.json',
  'portsip-phones-v16.schema.json',
];

type Schema = Record<string, unknown>;

/** Every place in a schema that lacks documentation, as a readable path. */
function undocumented(schema: Schema, at: string): string[] {
  const gaps: string[] = [];
  if (Array.isArray(schema.enum)) {
    for (const key of ['enumDescriptions', 'markdownEnumDescriptions']) {
      const list = schema[key];
      const complete = Array.isArray(list) && list.length === schema.enum.length && list.every((d) => typeof d === 'string' && d.length > 0);
      if (!complete && !at.includes('/if/')) gaps.push(`${at} ${key}`);
    }
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, property] of Object.entries(properties)) {
    if (typeof property.description !== 'string' || property.description === '') gaps.push(`${at}/${name} description`);
    gaps.push(...undocumented(property, `${at}/${name}`));
  }
  for (const key of ['items', 'if', 'then']) {
    const sub = schema[key];
    if (sub && typeof sub === 'object') gaps.push(...undocumented(sub as Schema, `${at}/${key}`));
  }
  return gaps;
}

describe('column JSON Schemas', () => {
  for (const file of FILES) {
    test(`${file}: compiles, and documents every property and enum value`, () => {
      const full = path.join(SCHEMA_DIR, file);
      const schema = JSON.parse(fs.readFileSync(full, 'utf8')) as Schema;
      assert.equal(typeof createSchemaCompiler()(schema, 'native'), 'function');
      assert.equal(typeof schema.description, 'string');
      assert.deepEqual(undocumented(schema, ''), []);
    });
  }

  test('the documentation check finds a missing description', () => {
    assert.deepEqual(undocumented({ properties: { a: { type: 'string' } } }, ''), ['/a description']);
    assert.deepEqual(undocumented({ properties: { a: { description: 'x', enum: ['A'] } } }, ''), ['/a enumDescriptions', '/a markdownEnumDescriptions']);
  });

  test('v22 phones have serial_number and door passwords, v16 phones do not', () => {
    const keys = (file: string): string[] => {
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as { items: { properties: Schema } };
      return Object.keys(schema.items.properties);
    };
    const v22 = keys('portsip-phones-v22.schema.json');
    const v16 = keys('portsip-phones-v16.schema.json');
    assert.deepEqual(v22.filter((k) => !v16.includes(k)), ['serial_number', 'door_password1', 'door_password2']);
    assert.deepEqual(v16.filter((k) => !v22.includes(k)), []);
  });

  test('the built-in dialects use every schema file, each loaded and compiled once', () => {
    const used = new Map<string, unknown>();
    for (const summary of service().dialects()) {
      for (const column of service().dialect(summary.id)!.columns) {
        if (column.type !== 'json' || !column.jsonSchemaUri) continue;
        assert.ok(column.jsonSchema, `${summary.id}.${column.name} has its compiled schema`);
        const seen = used.get(column.jsonSchema.uri);
        if (seen) assert.equal(column.jsonSchema, seen, `${column.jsonSchema.uri} compiled once`);
        used.set(column.jsonSchema.uri, column.jsonSchema);
      }
    }
    assert.deepEqual([...used.keys()].sort(), FILES.map((f) => pathToFileURL(path.join(SCHEMA_DIR, f)).href).sort());
  });

  test('a missing schema file is a readable error naming it; the dialect is skipped, the others load', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbx-schema-'));
    const file = path.join(dir, 'nope.dialect.json');
    const dialect = { id: 'nope', label: 'Nope', description: 'd', columns: [{ name: 'x', type: 'json', jsonSchema: 'nope.schema.json' }] };
    fs.writeFileSync(file, JSON.stringify(dialect));
    const ls = createNodeLanguageService({ customDialectFiles: [file] });
    // Named as the front shows it (a local path on Node).
    const schemaFile = path.join(dir, 'nope.schema.json');
    assert.deepEqual(ls.configurationErrors(), [
      {
        file: pathToFileURL(file).href,
        pointer: '/columns/0/jsonSchema',
        message: `column "x": cannot read the JSON Schema ${schemaFile}: no such file`,
      },
    ]);
    assert.equal(ls.dialect('nope'), undefined);
    assert.deepEqual(ls.dialects().map((d) => d.id).sort(), ['portsip-v16', 'portsip-v22', 'wazo', 'xivo', 'xivo-update']);
  });
});
