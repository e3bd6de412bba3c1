// Rule ids of the embedded-JSON checks, with one-line descriptions (README, severity overrides, quick fixes).

import { rule } from '../validation/rules';

export const jsonRules = [
  rule('json-syntax', 'error', 'A JSON cell does not parse; points at the offending character.'),
  rule('json-type', 'error', 'A JSON value has the wrong type (e.g. a string where a number is expected).'),
  rule('json-enum', 'error', 'A JSON value is not one of the allowed values.'),
  rule('json-pattern', 'error', 'A JSON string does not have the required form (time, MAC, number, door password).'),
  rule('json-range', 'error', 'A JSON number is outside its allowed range.'),
  rule('json-missing-key', 'error', 'A required key is missing from a JSON object.'),
  rule('json-unknown-key', 'warning', 'A JSON object has a key the importer does not know (ignored).'),
  rule('json-schema', 'error', 'Any other JSON Schema violation.'),
  rule('json-time-order', 'error', 'An office-hours range ends before (or when) it starts.'),
  rule('json-time-overlap', 'warning', 'Two office-hours ranges of one day overlap.'),
  rule('json-days-ignored', 'hint', 'Office hours with mode GLOBAL: the days configured in the cell are ignored.'),
  rule('json-number-required', 'error', 'A forward rule with action FORWARD_TO_NUMBER has no number.'),
  rule('json-number-ignored', 'hint', 'A forward rule sets a number that its action ignores.'),
  rule('json-duplicate-mac', 'error', 'The same phone MAC address appears twice in the file; provisioning will fail.'),
  rule('json-mac-case', 'error', 'A phone MAC address is not lowercase.'),
  rule('json-language-case', 'hint', 'A phone language is accepted but not in its canonical upper-case spelling.'),
  rule('json-unknown-value', 'warning', 'A JSON string is not one of the values the importer is known to accept.'),
  rule('json-unknown-codec', 'warning', 'A phone codec is not one of the known codecs (PCMU, PCMA, G729, G722).'),
  rule('json-too-many-blfs', 'error', 'More than 200 BLF keys in one cell.'),
  rule('json-unescaped', 'error', 'A JSON document was pasted into the CSV without doubling its quotes or wrapping the cell in quotes.'),
] as const;

/** Every rule id of the embedded-JSON checks. */
export type JsonRuleId = (typeof jsonRules)[number]['id'];

const JSON_RULE_IDS: ReadonlySet<string> = new Set(jsonRules.map((r) => r.id));

/** The rule a schema names with `x-rule` when it is one of ours (a custom schema may name anything), else `fallback`. */
export function ruleOf(schema: Record<string, unknown>, fallback: JsonRuleId): JsonRuleId {
  const named = schema['x-rule'];
  return typeof named === 'string' && JSON_RULE_IDS.has(named) ? (named as JsonRuleId) : fallback;
}
