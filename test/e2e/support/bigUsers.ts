// A big PortSIP v22 file for the table preview's timing: rows made from two users of the valid example (their
// first 32 columns, JSON cells included), each with its own name, extension and e-mail; every 500th row has
// `enabled` = yes, an error, so that the file has problems to show.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from './scripts';

const COLUMNS = 32;

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function bigPortsipFile(rows: number): string {
  const records = parse(readFileSync(path.join(REPO_ROOT, 'examples', 'portsip-v22-valid.csv'), 'utf8')) as string[][];
  const header = records[0].slice(0, COLUMNS);
  const column = (name: string) => header.indexOf(name);
  // maria_lopez and chen.wei: office hours GLOBAL and a custom week, forward rules with and without numbers.
  const templates = [records[2], records[4]].map((record) => record.slice(0, COLUMNS));
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const row = templates[i % templates.length].slice();
    row[column('name')] = `user${i}`;
    row[column('extension_number')] = String(100000 + i);
    row[column('email')] = `user${i}@example.com`;
    row[column('display_name')] = `User ${i}`;
    if (i % 500 === 499) row[column('enabled')] = 'yes';
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
