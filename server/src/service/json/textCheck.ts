// The checks of an embedded-JSON column run on a JSON text of its own (the cell opened in an editor tab of its
// own), with problems in that text's offsets. The editor's JSON support validates the text against the
// column's JSON Schema itself; what it cannot know — office hours in order, a forward rule's number, MAC and
// language spelling — comes from here, by the same semantic checks the CSV validation runs on the cell.
import type { ColumnSchema } from '../dialects/model';
import { byPosition, withOverride } from '../validation/problems';
import type { Problem, ValidationSettings } from '../types';
import { CellText } from './cellText';
import { locate, macGroupProblems, MAX_JSON_DEPTH, nestsDeeperThan, tooDeep, type MacPlace } from './check';
import type { MacUse } from './findings';
import { schemaFindings } from './schemaErrors';
import { semanticFindings } from './semantic';
import { firstSyntaxError } from './syntax';

export interface JsonTextCheckOptions {
  /**
   * Also report what the JSON Schema finds (types, enums, patterns, missing keys), for an editor that does not
   * validate the text against the schema itself.
   */
  schemaErrors: boolean;
  /** Also report a syntax error (an editor with JSON support reports its own). */
  syntaxErrors: boolean;
  /** Severity overrides by rule id, as in the CSV. */
  severityOverrides?: ValidationSettings['severityOverrides'];
  /** The rest of the file's phones, for the duplicate-MAC check the CSV makes (none given: no such check). */
  macs?: MacContext;
}

/** Where the text's cell sits in the CSV, and the MACs of the file outside that cell. */
export interface MacContext {
  /** 1-based line of the cell in the CSV: what the messages of the other places call it. */
  line: number;
  /** The places outside the cell of a MAC (lowercase hex digits), in document order. */
  elsewhere(key: string): readonly MacPlace[];
}

/** The problems of `text` as the JSON of column `column`; an empty (blank) text has none (the cell is emptied). */
export function checkJsonText(text: string, column: { name: string; schema: ColumnSchema }, options: JsonTextCheckOptions): Problem[] {
  if (text.trim() === '') return [];
  const settings = { severityOverrides: options.severityOverrides ?? {} } as ValidationSettings;
  const finish = (problems: Problem[]): Problem[] => {
    const shown: Problem[] = [];
    for (const problem of problems) {
      const overridden = withOverride(problem, settings);
      if (overridden) shown.push(overridden);
    }
    return shown.sort(byPosition);
  };
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return options.syntaxErrors ? finish([tooDeep()]) : [];
  const located = new CellText(text, false);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!options.syntaxErrors) return [];
    const syntax = firstSyntaxError(text, located.parse().errors);
    return finish([{ rule: 'json-syntax', severity: 'error', message: syntax.message, start: syntax.start, end: syntax.end }]);
  }
  const validation = column.schema.validate(value);
  const semantic = semanticFindings(validation.sites, value, column.name);
  const findings = options.schemaErrors && validation.errors.length > 0 ? [...schemaFindings(validation.errors, value, column.name), ...semantic.findings] : semantic.findings;
  const problems = findings.map((finding) => locate(finding, located));
  if (options.macs) for (const problem of duplicateMacs(semantic.macs, located, options.macs)) problems.push(problem);
  return finish(problems);
}

/** The text's MACs that another phone of the file (or of the text) has too, named as the CSV names them. */
function duplicateMacs(uses: readonly MacUse[], located: CellText, context: MacContext): Problem[] {
  const byKey = new Map<string, MacUse[]>();
  for (const use of uses) {
    const same = byKey.get(use.key);
    if (same) same.push(use);
    else byKey.set(use.key, [use]);
  }
  const problems: Problem[] = [];
  for (const [key, own] of byKey) {
    const elsewhere = context.elsewhere(key);
    if (own.length + elsewhere.length < 2) continue;
    const ownPlaces = own.map((use): MacPlace => ({ ...located.locate(use.path, 'content'), text: use.text, line: context.line }));
    // In line order, as the CSV lists them; the text's own places among them at the cell's line.
    const places = [...elsewhere, ...ownPlaces].sort((a, b) => a.line - b.line);
    const named = macGroupProblems(places);
    const inText = new Set(ownPlaces);
    for (let i = 0; i < places.length; i++) {
      if (!inText.has(places[i])) continue;
      // Related places are in the CSV, not in this text: the message names their lines.
      const { related: _inCsv, ...problem } = named[i];
      problems.push(problem);
    }
  }
  return problems;
}
