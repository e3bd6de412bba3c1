// Validation of the JSON documents held in CSV cells (office hours, forward rules, BLFs, phones).
// Each distinct cell text is checked once per checker (the same JSON repeats on thousands of rows):
// problems are cached relative to the cell start and shifted onto every cell that repeats the text.
import type { Cell, CsvDocument, Problem, Row, ValidationSettings } from '../types';
import { CellText } from './cellText';
import type { Finding, MacUse } from './findings';
import { loadJsonSchema } from './schemas';
import { schemaFindings } from './schemaErrors';
import { semanticFindings } from './semantic';
import { firstSyntaxError } from './syntax';

export { jsonRules, type JsonRuleInfo } from './rules';
export { detectUnescapedJson } from './unescaped';
export { loadJsonSchema } from './schemas';
export { checkCustomOptions } from './customOptions';

/** What the validation engine knows about an embedded-JSON column. */
export interface JsonColumn {
  /** Header name, e.g. `office_hours`. */
  name: string;
  /** Absolute path of the column's JSON Schema file (resolved by the dialect loader). */
  schemaPath: string;
}

/** One per validation run of one document: caches by cell text, gathers cross-row facts (MACs). */
export interface JsonCellChecker {
  /** Problems of one non-empty JSON cell, with spans in document offsets. */
  check(doc: CsvDocument, row: Row, cell: Cell, column: JsonColumn): Problem[];
  /** Cross-row problems (e.g. one MAC on two phones), once every row was checked. */
  finish(): Problem[];
}

/** The verdict on one distinct cell text; spans are relative to the start of the cell's raw text. */
interface CellVerdict {
  text: CellText;
  problems: Problem[];
  macs: MacUse[];
}

interface MacSighting {
  use: MacUse;
  verdict: CellVerdict;
  cellStart: number;
  row: Row;
  docText: string;
}

export function createJsonCellChecker(_dialectId: string, _settings: ValidationSettings): JsonCellChecker {
  const verdicts = new Map<string, CellVerdict>();
  const sightings: MacSighting[] = [];
  return {
    check(doc, row, cell, column) {
      const raw = doc.text.slice(cell.start, cell.end);
      const key = `${column.schemaPath}\u0000${column.name}\u0000${cell.quoted ? 'q' : 'u'}\u0000${raw}`;
      let verdict = verdicts.get(key);
      if (!verdict) {
        verdict = judge(new CellText(raw, cell.quoted), column);
        verdicts.set(key, verdict);
      }
      for (const use of verdict.macs) sightings.push({ use, verdict, cellStart: cell.start, row, docText: doc.text });
      return verdict.problems.map((p) => shift(p, cell.start));
    },
    finish() {
      return duplicateMacs(sightings);
    },
  };
}

/** Syntax first (JSON.parse; the position-aware parse only to locate), then schema, then semantic checks. */
function judge(text: CellText, column: JsonColumn): CellVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text.json);
  } catch {
    const syntax = firstSyntaxError(text.json, text.parse().errors);
    const span = text.toRaw(syntax.start, syntax.end);
    text.release();
    return { text, macs: [], problems: [{ rule: 'json-syntax', severity: 'error', message: syntax.message, ...span }] };
  }
  let validation;
  try {
    validation = loadJsonSchema(column.schemaPath)(value);
  } catch {
    // A missing or broken schema file is the dialect loader's to report; the syntax check still stands.
    return { text, macs: [], problems: [] };
  }
  const semantic = semanticFindings(validation.sites, value, column.name);
  const findings = [...schemaFindings(validation.errors, value, column.name), ...semantic.findings];
  const problems = findings.map((f) => locate(f, text)).sort((a, b) => a.start - b.start || a.end - b.end);
  text.release();
  return { text, problems, macs: semantic.macs };
}

function locate(finding: Finding, text: CellText): Problem {
  const problem: Problem = {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    ...text.locate(finding.path, finding.target),
  };
  if (finding.data) problem.data = finding.data;
  if (finding.tags) problem.tags = finding.tags;
  if (finding.related) {
    problem.related = finding.related.map((r) => ({ message: r.message, ...text.locate(r.path, r.target) }));
  }
  return problem;
}

function shift(problem: Problem, by: number): Problem {
  const shifted: Problem = { ...problem, start: problem.start + by, end: problem.end + by };
  if (problem.data) shifted.data = { ...problem.data };
  if (problem.related) shifted.related = problem.related.map((r) => ({ ...r, start: r.start + by, end: r.end + by }));
  return shifted;
}

/** One MAC on two phones anywhere in the file: an error at every place, each pointing at the others. */
function duplicateMacs(sightings: MacSighting[]): Problem[] {
  const byMac = new Map<string, MacSighting[]>();
  for (const s of sightings) {
    const group = byMac.get(s.use.key);
    if (group) group.push(s);
    else byMac.set(s.use.key, [s]);
  }
  const problems: Problem[] = [];
  for (const group of byMac.values()) {
    if (group.length < 2) continue;
    const places = group.map((s) => {
      const relative = s.verdict.text.locate(s.use.path, 'content');
      const start = relative.start + s.cellStart;
      return { sighting: s, start, end: relative.end + s.cellStart, line: lineOf(s.docText, s.row, start) };
    });
    for (const place of places) {
      const others = places.filter((p) => p !== place);
      const lines = [...new Set(others.map((o) => o.line))];
      problems.push({
        rule: 'json-duplicate-mac',
        severity: 'error',
        message: `MAC ${place.sighting.use.text} is also used on line ${lines.join(', ')}: provisioning will fail`,
        start: place.start,
        end: place.end,
        related: others.map((o) => ({ start: o.start, end: o.end, message: `the same MAC on line ${o.line}` })),
      });
    }
  }
  return problems;
}

/** 1-based line of `offset`, counted from the start of its row. */
function lineOf(text: string, row: Row, offset: number): number {
  let line = row.line;
  for (let i = row.start; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line + 1;
}
