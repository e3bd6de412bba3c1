// Quick fixes for the problems the validator reports, driven by the rule id and the problem's `data`
// payload (which round-trips through the editor): a near-miss value → the closest allowed one, wrong
// case → the canonical spelling, pasted JSON → an escaped cell, missing/duplicate columns, a file split by
// `;`, tabs or `|` → commas (and an old format's column names → the current ones). Each fix changes only
// what its title says; a fix-all is offered where it is safe.
import { parse } from 'csv-parse/sync';
import { getLocation } from 'jsonc-parser';
import { OTHER_DELIMITERS, type Delimiter } from '../detect';
import { suggestClosest } from './closest';
import { cellAt, type FeatureDocument } from './document';
import { csvField, replaceInCell, type TextEdit } from './csvText';
import { JsonCell } from './jsonCell';
import { enumOf, readSchema, schemaAt } from './jsonSchema';
import type { Problem } from '../types';

export interface CodeActionEntry {
  title: string;
  kind: 'quickfix';
  /** The fix the editor applies with its "auto fix" shortcut. */
  isPreferred?: boolean;
  edits: TextEdit[];
  /** The problems the fix resolves. */
  problems: Problem[];
}

/** Rules whose fix is certain (a given replacement), so that fixing every occurrence at once is safe. */
const SAFE_FIX_ALL = new Set([
  'value-boolean-case',
  'value-boolean',
  'value-enum-case',
  'value-enum',
  'value-language-tag',
  'json-mac-case',
  'json-language-case',
  'json-unescaped',
  'header-missing-column',
]);

/**
 * Fixes for `problems` (those at the cursor or selection). `allProblems` gives every problem of the file,
 * asked for only when a fix-all is worth offering.
 */
export function codeActions(fd: FeatureDocument, problems: readonly Problem[], allProblems: () => readonly Problem[]): CodeActionEntry[] {
  const actions: CodeActionEntry[] = [];
  const fixAllRules = new Set<string>();
  for (const problem of problems) {
    const fix = fixFor(fd, problem);
    if (fix) actions.push(fix);
    if (fix && SAFE_FIX_ALL.has(problem.rule) && isCertain(problem)) fixAllRules.add(problem.rule);
  }
  if (fixAllRules.size > 0) {
    const everything = allProblems();
    for (const rule of fixAllRules) {
      const fixAll = rule === 'header-missing-column' ? addMissingColumnsFix(fd, everything) : fixAllOf(fd, rule, everything);
      if (fixAll) actions.push(fixAll);
    }
  }
  return actions;
}

function isCertain(problem: Problem): boolean {
  if (problem.rule === 'json-unescaped' || problem.rule === 'header-missing-column') return true;
  return typeof problem.data?.replacement === 'string';
}

/** The single fix of one problem, if it has one. */
export function fixFor(fd: FeatureDocument, problem: Problem): CodeActionEntry | undefined {
  const data = problem.data ?? {};
  switch (problem.rule) {
    case 'value-boolean-case':
    case 'value-boolean':
    case 'value-enum-case':
    case 'value-enum':
    case 'value-enum-other':
    case 'value-language-tag': {
      const certain = typeof data.replacement === 'string';
      const replacement = certain ? (data.replacement as string) : closestAllowed(fd, problem, data.allowed);
      return replacement === undefined ? undefined : replaceCellFix(fd, problem, replacement);
    }
    case 'json-mac-case':
    case 'json-language-case':
      return typeof data.replacement === 'string' ? replaceJsonContentFix(fd, problem, data.replacement) : undefined;
    case 'json-enum':
      return jsonEnumFix(fd, problem);
    case 'json-unescaped':
      return unescapedJsonFix(fd, problem);
    case 'header-unknown-column':
      return typeof data.suggestion === 'string' ? renameColumnFix(fd, problem, data.suggestion) : undefined;
    case 'header-missing-column':
      return typeof data.column === 'string' ? addColumnsFix(fd, [data.column], [problem]) : undefined;
    case 'header-duplicate-column':
      return removeColumnFix(fd, problem);
    case 'header-delimiter':
      return isDelimiter(data.delimiter) ? convertDelimiterFix(fd, problem, data.delimiter) : undefined;
    case 'header-legacy-format':
      return isDelimiter(data.delimiter) && isRenames(data.renames) ? convertDelimiterFix(fd, problem, data.delimiter, data.renames) : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- values

/** The allowed value the problem's cell is a near miss of (compared without case), if any. */
function closestAllowed(fd: FeatureDocument, problem: Problem, allowed: unknown): string | undefined {
  const hit = cellAt(fd.doc, problem.start);
  if (!hit || !Array.isArray(allowed)) return undefined;
  return suggestClosest(hit.cell.value, allowed.filter((a): a is string => typeof a === 'string'));
}

/** Replaces the whole value of the cell the problem is on. */
function replaceCellFix(fd: FeatureDocument, problem: Problem, replacement: string): CodeActionEntry | undefined {
  const hit = cellAt(fd.doc, problem.start);
  if (!hit || hit.cell.value === replacement) return undefined;
  const cell = hit.cell;
  return {
    title: `Change to "${replacement}"`,
    kind: 'quickfix',
    isPreferred: true,
    edits: replaceInCell(fd.doc.text, cell, cell.start, cell.end, replacement),
    problems: [problem],
  };
}

/** Replaces the characters of a JSON string (the problem's span) inside a cell. */
function replaceJsonContentFix(fd: FeatureDocument, problem: Problem, replacement: string): CodeActionEntry | undefined {
  const hit = cellAt(fd.doc, problem.start);
  if (!hit || problem.end > hit.cell.end) return undefined;
  const content = JSON.stringify(replacement).slice(1, -1);
  return {
    title: `Change to "${replacement}"`,
    kind: 'quickfix',
    isPreferred: true,
    edits: replaceInCell(fd.doc.text, hit.cell, problem.start, problem.end, content),
    problems: [problem],
  };
}

/** A JSON value that is not in its enum: the closest allowed value, from the column's JSON Schema. */
function jsonEnumFix(fd: FeatureDocument, problem: Problem): CodeActionEntry | undefined {
  const hit = cellAt(fd.doc, problem.start);
  const schemaPath = hit && fd.columns[hit.column]?.jsonSchemaPath;
  if (!hit || !schemaPath || problem.end > hit.cell.end) return undefined;
  const json = new JsonCell(fd.doc.text, hit.cell);
  const start = json.toJson(problem.start);
  const location = getLocation(json.json, start + 1);
  const node = location.previousNode;
  if (!node || node.offset !== start || typeof node.value !== 'string') return undefined;
  const allowed = enumOf(schemaAt(readSchema(schemaPath), location.path))
    .map((e) => e.value)
    .filter((v): v is string => typeof v === 'string');
  const best = suggestClosest(node.value, allowed);
  if (best === undefined) return undefined;
  const span = json.toDocument(node.offset, node.offset + node.length);
  return {
    title: `Change to "${best}"`,
    kind: 'quickfix',
    isPreferred: true,
    edits: replaceInCell(fd.doc.text, hit.cell, span.start, span.end, JSON.stringify(best)),
    problems: [problem],
  };
}

function unescapedJsonFix(fd: FeatureDocument, problem: Problem): CodeActionEntry | undefined {
  const { start, end, replacement } = problem.data ?? {};
  if (typeof start !== 'number' || typeof end !== 'number' || typeof replacement !== 'string') return undefined;
  if (start < 0 || end > fd.doc.text.length || start > end) return undefined;
  return {
    title: 'Quote the cell and double the quotes of its JSON',
    kind: 'quickfix',
    isPreferred: true,
    edits: [{ start, end, newText: replacement }],
    problems: [problem],
  };
}

// ---------------------------------------------------------------- columns

function renameColumnFix(fd: FeatureDocument, problem: Problem, suggestion: string): CodeActionEntry | undefined {
  const hit = cellAt(fd.doc, problem.start);
  if (!hit || hit.row.index !== 0) return undefined;
  return {
    title: `Rename the column to "${suggestion}"`,
    kind: 'quickfix',
    isPreferred: true,
    edits: [{ start: hit.cell.rawStart, end: hit.cell.rawEnd, newText: csvField(suggestion) }],
    problems: [problem],
  };
}

/** Adds columns at the end of the header, and an empty cell for each in every record (before any extra cells). */
function addColumnsFix(fd: FeatureDocument, names: string[], problems: Problem[]): CodeActionEntry | undefined {
  const header = fd.doc.rows[0];
  if (!header || fd.header.delimiter || names.length === 0) return undefined;
  const width = header.cells.length;
  const edits: TextEdit[] = [{ start: header.end, end: header.end, newText: names.map((n) => `,${csvField(n)}`).join('') }];
  const empties = ','.repeat(names.length);
  for (let r = 1; r < fd.doc.rows.length; r++) {
    const cells = fd.doc.rows[r].cells;
    // After the cell under the header's last column, so that extra cells stay extra.
    const at = cells[Math.min(width, cells.length) - 1].rawEnd;
    edits.push({ start: at, end: at, newText: empties });
  }
  const title =
    names.length === 1
      ? `Add the missing column "${names[0]}" (with an empty cell in every row)`
      : `Add the ${names.length} missing required columns (with empty cells in every row)`;
  return { title, kind: 'quickfix', isPreferred: names.length === 1, edits, problems };
}

function addMissingColumnsFix(fd: FeatureDocument, everything: readonly Problem[]): CodeActionEntry | undefined {
  const missing = everything.filter((p) => p.rule === 'header-missing-column' && typeof p.data?.column === 'string');
  if (missing.length < 2) return undefined;
  return addColumnsFix(fd, missing.map((p) => p.data!.column as string), missing);
}

/** Removes the header cell the problem is on, and that cell from every record. */
function removeColumnFix(fd: FeatureDocument, problem: Problem): CodeActionEntry | undefined {
  const hit = cellAt(fd.doc, problem.start);
  if (!hit || hit.row.index !== 0 || hit.column === 0) return undefined;
  const index = hit.column;
  const edits: TextEdit[] = [];
  for (const row of fd.doc.rows) {
    const cell = row.cells[index];
    // The cell together with the comma before it.
    if (cell) edits.push({ start: row.cells[index - 1].rawEnd, end: cell.rawEnd, newText: '' });
  }
  return {
    title: `Remove the duplicate column "${hit.cell.value}" (column ${index + 1}) and its cells`,
    kind: 'quickfix',
    isPreferred: true,
    edits,
    problems: [problem],
  };
}

const DELIMITER_NAMES: Record<Delimiter, string> = { ';': 'semicolons', '\t': 'tabs', '|': '"|"' };

function isDelimiter(value: unknown): value is Delimiter {
  return (OTHER_DELIMITERS as readonly unknown[]).includes(value);
}

function isRenames(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

/**
 * Re-writes a file separated by `;`, tabs or `|` with commas, quoting the cells that then need it; with
 * `renames` (an old format), the header's old column names become the current ones.
 */
function convertDelimiterFix(fd: FeatureDocument, problem: Problem, delimiter: Delimiter, renames?: Record<string, string>): CodeActionEntry | undefined {
  const text = fd.doc.text;
  const start = fd.doc.bom ? 1 : 0;
  let records: string[][];
  try {
    records = parse(text.slice(start), {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][];
  } catch {
    return undefined; // an unterminated quote: converting could lose data, so no fix
  }
  if (renames && records[0]) {
    records[0] = records[0].map((name) => (Object.prototype.hasOwnProperty.call(renames, name) ? renames[name] : name));
  }
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const endsWithBreak = /(\r\n|\n|\r)$/.test(text);
  const converted = records.map((record) => record.map(csvField).join(',')).join(eol) + (endsWithBreak ? eol : '');
  return {
    title: renames
      ? `Convert the file from ${DELIMITER_NAMES[delimiter]} to commas and rename its old columns (${Object.entries(renames)
          .map(([old, current]) => `${old} → ${current}`)
          .join(', ')})`
      : `Convert the file from ${DELIMITER_NAMES[delimiter]} to commas`,
    kind: 'quickfix',
    isPreferred: true,
    edits: [{ start, end: text.length, newText: converted }],
    problems: [problem],
  };
}

// ---------------------------------------------------------------- fix all

function fixAllOf(fd: FeatureDocument, rule: string, everything: readonly Problem[]): CodeActionEntry | undefined {
  const fixes: CodeActionEntry[] = [];
  let lastEnd = -1;
  for (const problem of [...everything].filter((p) => p.rule === rule && isCertain(p)).sort((a, b) => a.start - b.start)) {
    const fix = fixFor(fd, problem);
    if (!fix || fix.edits.length === 0) continue;
    const first = fix.edits.reduce((min, e) => Math.min(min, e.start), Infinity);
    if (first < lastEnd) continue; // would overlap the previous fix: left for a single fix
    lastEnd = fix.edits.reduce((max, e) => Math.max(max, e.end), -1);
    fixes.push(fix);
  }
  if (fixes.length < 2) return undefined;
  return {
    title: `Fix all ${fixes.length} ${rule} problems in the file`,
    kind: 'quickfix',
    edits: fixes.flatMap((f) => f.edits),
    problems: fixes.flatMap((f) => f.problems),
  };
}
