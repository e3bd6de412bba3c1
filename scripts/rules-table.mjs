// Prints the README's rules table from the rule list the core exports (run after `npm run build`).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ALL_RULES } = require('../out/server/src/service/index.js');

const severity = (rule) => (rule.defaultSeverity === 'dialect' ? 'per dialect' : rule.defaultSeverity ?? 'varies');
console.log('| rule id | default severity | what it finds |');
console.log('|---|---|---|');
for (const rule of ALL_RULES) console.log(`| \`${rule.id}\` | ${severity(rule)} | ${rule.description.replace(/\|/g, '\\|')} |`);
