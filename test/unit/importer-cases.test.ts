// The verdicts of the real importers, turned into fixtures (test/fixtures/importer/<version>/*.cases):
// a row the importer accepts gets no error, a row it rejects for its content gets an error on the
// cell it rejects, an export is clean. The format is described at the top of each file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSchemasDirectory } from '../../server/src/node/resources';
import type { Problem } from '../../server/src/service/index';
import { service } from '../support/validation';

const ROOT = path.join(path.dirname(findSchemasDirectory(__dirname)!), 'test', 'fixtures', 'importer');

interface ImporterCase {
  name: string;
  dialect: string;
  /** The header is generic: detection stays silent and the user chooses the dialect. */
  chosen: boolean;
  verdict: 'accepted' | 'rejected' | 'warned' | 'exported';
  columns: string[];
  text: string;
}

function readCases(file: string): ImporterCase[] {
  const cases: ImporterCase[] = [];
  const blocks = fs.readFileSync(file, 'utf8').split(/^=== /m).slice(1);
  for (const block of blocks) {
    const [name, ...lines] = block.split('\n');
    const csvLines: string[] = [];
    let dialect = '';
    let chosen = false;
    let expect: string[] = [];
    let eol = '\n';
    for (const line of lines) {
      if (line.startsWith('#')) continue;
      if (line.startsWith('@dialect ')) [dialect, chosen] = [line.split(' ')[1], line.endsWith(' chosen')];
      else if (line.startsWith('@expect ')) expect = line.split(' ').slice(1);
      else if (line === '@line-ends crlf') eol = '\r\n';
      else if (line !== '') csvLines.push(line);
    }
    const verdict = expect[0] as ImporterCase['verdict'];
    assert.ok(dialect && ['accepted', 'rejected', 'warned', 'exported'].includes(verdict), `${file}: case "${name}" has @dialect and @expect`);
    cases.push({ name, dialect, chosen, verdict, columns: expect.slice(1), text: csvLines.join(eol) + eol });
  }
  return cases;
}

/** Each line's cells as [start, end) offsets in the text, quotes included (the fixtures have no line break inside a cell). */
function cellSpans(text: string): Array<Array<[number, number]>> {
  const rows: Array<Array<[number, number]>> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const end = at + line.replace(/\r$/, '').length;
    if (at === end) break;
    const cells: Array<[number, number]> = [];
    let start = at;
    let quoted = false;
    for (let i = at; i <= end; i++) {
      if (i < end && text[i] === '"') quoted = !quoted;
      else if (i === end || (text[i] === ',' && !quoted)) {
        cells.push([start, i]);
        start = i + 1;
      }
    }
    rows.push(cells);
    at = line.length + 1 + at;
  }
  return rows;
}

const describeProblem = (p: Problem) => `${p.severity} ${p.rule} [${p.start},${p.end}): ${p.message}`;

function checkVerdict(c: ImporterCase, problems: Problem[]): void {
  const spans = cellSpans(c.text);
  const header = c.text.split(/\r?\n/)[0].split(',');
  const errors = problems.filter((p) => p.severity === 'error');
  const shown = problems.map(describeProblem).join('\n');
  const onCell = (severity: string, row: number, column: string) => {
    const index = header.indexOf(column);
    if (index < 0) return problems.some((p) => p.severity === severity && p.start < spans[0][spans[0].length - 1][1] && p.data?.column === column);
    const [start, end] = spans[row][index];
    return problems.some((p) => p.severity === severity && p.start >= start && p.end <= end);
  };
  switch (c.verdict) {
    case 'accepted':
      assert.deepEqual(errors.map(describeProblem), [], 'the importer accepts every row: no error');
      break;
    case 'exported':
      assert.deepEqual(problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map(describeProblem), [], 'an export is clean');
      break;
    case 'rejected':
      for (let row = 1; row < spans.length; row++) {
        for (const column of c.columns) assert.ok(onCell('error', row, column), `line ${row + 1}: an error on ${column}\n${shown}`);
      }
      break;
    case 'warned':
      assert.deepEqual(errors.map(describeProblem), [], 'accepted for some users: no error');
      for (let row = 1; row < spans.length; row++) {
        for (const column of c.columns) assert.ok(onCell('warning', row, column), `line ${row + 1}: a warning on ${column}\n${shown}`);
      }
      break;
  }
}

for (const version of fs.readdirSync(ROOT).filter((name) => fs.statSync(path.join(ROOT, name)).isDirectory())) {
  for (const file of fs.readdirSync(path.join(ROOT, version)).filter((name) => name.endsWith('.cases'))) {
    describe(`${version}/${file}`, () => {
      for (const c of readCases(path.join(ROOT, version, file))) {
        test(c.name, () => {
          const detected = service().validate(c.text);
          if (c.chosen) assert.equal(detected.dialect, undefined, 'a generic header: detection stays silent');
          else assert.equal(detected.dialect?.id, c.dialect, 'detected from the header');
          checkVerdict(c, c.chosen ? service().validate(c.text, { dialect: c.dialect }).problems : detected.problems);
        });
      }
    });
  }
}
