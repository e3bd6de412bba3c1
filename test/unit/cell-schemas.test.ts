// The JSON tabs of "Edit Cell as JSON" get their column's JSON Schema from VS Code's JSON support through
// package.json's `jsonValidation`: one entry per JSON Schema of the built-in dialects, matching the tabs whose
// address starts with that schema's folder. And every JSON column's starting value (an empty cell) is clean.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { checkJsonText, startingValue, type CompiledColumn } from '../../server/src/service/index';
import { findSchemasDirectory } from '../../server/src/node/resources';
import { service } from '../support/validation';

const root = path.dirname(findSchemasDirectory()!);
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> };
};

/** Every JSON column of the built-in dialects with its schema's file name (without `.schema.json`). */
function jsonColumns() {
  const found: Array<{ dialect: string; name: string; schema: string; column: CompiledColumn }> = [];
  for (const summary of service().dialects()) {
    const dialect = service().dialect(summary.id)!;
    for (const column of dialect.columns) {
      if (column.type !== 'json' || !column.jsonSchema) continue;
      found.push({ dialect: dialect.id, name: column.name, schema: path.basename(column.jsonSchema.uri).replace(/\.schema\.json$/, ''), column });
    }
  }
  return found;
}

describe('the JSON Schemas of the JSON tabs', () => {
  test('each built-in JSON Schema has one jsonValidation entry for its folder of tabs', () => {
    const schemas = [...new Set(jsonColumns().map((c) => c.schema))].sort();
    assert.ok(schemas.includes('portsip-office-hours') && schemas.includes('portsip-phones-v16'), schemas.join(', '));
    const entries = manifest.contributes.jsonValidation.filter((e) => e.fileMatch.startsWith('pbx-user-csv-cell:'));
    const byUrl = (a: string[], b: string[]) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    assert.deepEqual(
      entries.map((e) => [e.fileMatch, e.url]).sort(byUrl),
      schemas.map((s) => [`pbx-user-csv-cell:/${s}/**/*.json`, `./schemas/json/${s}.schema.json`]).sort(byUrl),
    );
  });

  test('an entry matches its tabs, as the JSON language server reads it (`**/` before the pattern), and no other', () => {
    // A tab's address as the JSON language server sees it: query dropped, not percent-encoded.
    const tab = 'pbx-user-csv-cell:/portsip-office-hours/home/me/imports/users.csv · row 12 · office_hours.json';
    const matches = (fileMatch: string, uri: string) => picomatch(`**/${fileMatch}`, { dot: true })(uri);
    const office = manifest.contributes.jsonValidation.find((e) => e.url === './schemas/json/portsip-office-hours.schema.json')!;
    assert.equal(matches(office.fileMatch, tab), true);
    const busy = manifest.contributes.jsonValidation.find((e) => e.url === './schemas/json/portsip-forward-rule-busy.schema.json')!;
    assert.equal(matches(busy.fileMatch, tab), false);
    const plain = manifest.contributes.jsonValidation.find((e) => e.url === './schemas/json/portsip-forward-rule.schema.json')!;
    assert.equal(matches(plain.fileMatch, 'pbx-user-csv-cell:/portsip-forward-rule-busy/users.csv · row 1 · online_busy_forward_rule.json'), false);
    assert.equal(matches(office.fileMatch, 'file:///home/me/portsip-office-hours/notes.json'), false, 'a file of the disk');
  });

  test('every JSON column\'s starting value passes its schema and its semantic checks', () => {
    for (const { dialect, name, column } of jsonColumns()) {
      const value = JSON.stringify(startingValue(column.jsonSchema!.root, column.jsonSchema!.validate));
      assert.deepEqual(checkJsonText(value, { name, schema: column.jsonSchema! }, { schemaErrors: true, syntaxErrors: true }), [], `${dialect} ${name}: ${value}`);
    }
  });
});
