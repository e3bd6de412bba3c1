// The checks of an embedded-JSON column run on a JSON text of its own (the cell opened in an editor tab of its
// own), with problems in that text's offsets. The editor's JSON support validates the text against the
// column's JSON Schema itself; what it cannot know — office hours in order, a forward rule's number, MAC and
// language spelling — comes from here, by the same semantic checks the CSV validation runs on the cell.
import type { ColumnSchema } from '../dialects/model';
import { byPosition, withOverride } from '../validation/problems';
import type { Problem, ValidationSettings } from '../types';
import { CellText } from './cellText';
import { locate, MAX_JSON_DEPTH, nestsDeeperThan, tooDeep } from './check';
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
  const semantic = semanticFindings(validation.sites, value, column.name).findings;
  const findings = options.schemaErrors && validation.errors.length > 0 ? [...schemaFindings(validation.errors, value, column.name), ...semantic] : semantic;
  return finish(findings.map((finding) => locate(finding, located)));
}
