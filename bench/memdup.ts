import { readFileSync } from 'node:fs';
import { parseCsv } from '../server/src/service/csv/parse';
const doc = parseCsv(readFileSync(process.argv[2], 'utf8'));
let total = 0, long = 0, longBytes = 0; const distinct = new Map<string, number>();
for (const row of doc.rows) for (const c of row.cells) { total++; if (c.value.length >= 13) { long++; longBytes += c.value.length; distinct.set(c.value, (distinct.get(c.value) ?? 0) + 1); } }
let dBytes = 0; for (const k of distinct.keys()) dBytes += k.length;
console.log({ total, long, longBytes, distinctLong: distinct.size, distinctBytes: dBytes });
