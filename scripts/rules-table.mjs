// Writes the README's rules table (between <!-- rules --> markers) from the rule list the core exports.
// Run after `npm run build`: node scripts/rules-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ALL_RULES } = require('../out/server/src/service/index.js');
const readmePath = new URL('../README.md', import.meta.url);

const severity = (rule) => (rule.defaultSeverity === 'dialect' ? 'per dialect' : rule.defaultSeverity ?? 'varies');
const rows = ALL_RULES.map(
  (rule) => `| <a id="${rule.id}"></a>\`${rule.id}\` | ${severity(rule)} | ${rule.description.replace(/\|/g, '\\|')} |`,
);
const table = ['| rule id | default severity | what it finds |', '|---|---|---|', ...rows].join('\n');

const readme = readFileSync(readmePath, 'utf8');
const updated = readme.replace(/<!-- rules -->[\s\S]*<!-- \/rules -->/, `<!-- rules -->\n${table}\n<!-- /rules -->`);
writeFileSync(readmePath, updated);
console.log(`${ALL_RULES.length} rules written to README.md`);
