// The column JSON Schemas: present under the names the dialect files use, compilable by ajv, and
// documented everywhere (descriptions on every property, a description for every enum value).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadJsonSchema } from '../../server/src/service/json/check';

const SCHEMA_DIR = [2, 3]
  .map((up) => path.resolve(__dirname, '../'.repeat(up), 'schemas/json'))
  .find((dir) => fs.existsSync(dir)) as string;

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
      assert.equal(typeof loadJsonSchema(full), 'function');
      const schema = JSON.parse(fs.readFileSync(full, 'utf8')) as Schema;
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

  test('a missing schema file is a readable error', () => {
    assert.throws(() => loadJsonSchema(path.join(SCHEMA_DIR, 'nope.schema.json')), /^Error: cannot read the JSON Schema .*nope\.schema\.json: no such file$/);
  });
});
