import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/service/index';
import { findSchemasDirectory } from '../../server/src/node/resources';

const schemas = findSchemasDirectory();
assert.ok(schemas, 'the schemas folder is found above the test');
const repoRoot = path.dirname(schemas);
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

test('the README documents every rule id with an anchor the diagnostics can link to', () => {
  const missing = ALL_RULES.filter((rule) => !readme.includes(`<a id="${rule.id}"></a>\`${rule.id}\``)).map((r) => r.id);
  assert.deepEqual(missing, [], 'run `npm run build && node scripts/rules-table.mjs` to regenerate the table');
});

test('the README links only screenshots that exist', () => {
  const links = [...readme.matchAll(/\]\((docs\/screenshots\/[^)]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length >= 4, 'the README shows screenshots');
  for (const link of links) {
    assert.doesNotThrow(() => readFileSync(path.join(repoRoot, link)), `${link} exists`);
  }
});

test('the README and the setting say that verbose tracing logs whole documents, secrets included', () => {
  const row = readme.split('\n').find((line) => line.startsWith('| `pbxUserCsv.trace.server` |'));
  assert.ok(row, 'the settings table lists pbxUserCsv.trace.server');
  assert.match(row, /`verbose` also logs their content, which includes the \*\*whole text of every opened and edited document, secrets included\*\*/);
  assert.match(readme, /`pbxUserCsv\.trace\.server` set to `verbose` logs the whole protocol traffic,\s+document texts included, secrets and all/);
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const setting = manifest.contributes.configuration.properties['pbxUserCsv.trace.server'];
  assert.match(setting.markdownDescription, /`verbose` logs the content of every message, including the \*\*whole text of every opened and edited document, secrets included\*\*/);
});
