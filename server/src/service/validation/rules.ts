// Every rule id the validation engine reports, with a one-line description and its usual severity.
// The README's rules table, the severity-override setting and quick fixes key on these ids.
// Severities marked "dialect" come from the dialect file (e.g. a BOM is a warning for XiVO only).
import type { Severity } from '../types';

export type { RuleInfo } from '../types';

/** A row of a rule table; the id keeps its literal type, so that the ids are a union the compiler checks. */
export const rule = <const Id extends string, const S extends Severity | 'dialect'>(id: Id, defaultSeverity: S, description: string) => ({ id, description, defaultSeverity });

export const RULES = [
  rule('csv-unterminated-quote', 'error', 'A quoted cell is never closed.'),
  rule('csv-text-after-quote', 'error', 'Text follows the closing quote of a cell.'),
  rule('csv-quote-in-unquoted-cell', 'error', 'A quote appears inside a cell that is not quoted.'),
  rule('not-utf8', 'error', 'The file is not valid UTF-8 (undecodable bytes).'),
  rule('file-bom', 'dialect', 'The file starts with a byte-order mark the importer does not strip.'),
  rule('header-delimiter', 'error', 'The file is separated by semicolons, tabs or |; the importer needs commas.'),
  rule('header-legacy-format', 'error', 'The file is in an old format of the importer (XiVO before 15.20: | and old column names); the fix converts it.'),
  rule('header-unknown-column', 'dialect', 'A header name the dialect does not know (with "did you mean").'),
  rule('header-duplicate-column', 'error', 'A column name appears twice in the header.'),
  rule('header-empty-column', 'error', 'A header cell is empty.'),
  rule('header-missing-column', 'error', 'A required column is missing from the header.'),
  rule('header-ignored-column', 'dialect', 'A column this importer version knows but ignores.'),
  rule('row-short', 'dialect', 'A row has fewer cells than the header.'),
  rule('row-extra-cells', 'dialect', 'A row has more cells than the header.'),
  rule('cell-line-break', 'dialect', 'A quoted cell contains a line break the importer drops.'),
  rule('value-required', 'error', 'A required cell is empty (also: a value an update cannot clear, or a cell another cell of the row makes required).'),
  rule('value-maybe-required', 'dialect', 'An empty cell the importer rejects if a value the file does not show is such (e.g. an update emptying sip_username without line_protocol).'),
  rule('value-boolean', 'error', 'A boolean cell is not one of the dialect\'s boolean spellings.'),
  rule('value-boolean-case', 'warning', 'A boolean in another letter case than the canonical spelling.'),
  rule('value-enum', 'error', 'A value is not one of the allowed values.'),
  rule('value-enum-case', 'hint', 'An allowed value written in another letter case than the canonical one.'),
  rule('value-enum-other', 'warning', 'A value outside the built-in list that may still be valid (e.g. a custom role).'),
  rule('value-integer', 'error', 'An integer cell is not written with digits only.'),
  rule('value-range', 'error', 'An integer is out of range or not a multiple of the required step.'),
  rule('value-pattern', 'error', 'A value does not have the required shape.'),
  rule('value-pattern-strict', 'dialect', 'A value the documentation allows but the real importer rejects.'),
  rule('value-joined', 'dialect', 'Several values joined by a separator where the importer takes one (e.g. an exported user with several incoming calls).'),
  rule('value-length', 'error', 'A value is shorter or longer than allowed.'),
  rule('value-length-limit', 'warning', 'A value is longer than a limit some versions enforce.'),
  rule('value-reserved', 'error', 'A value is reserved and cannot be used (e.g. the user name admin).'),
  rule('value-email', 'error', 'A value is not an email address.'),
  rule('value-language-tag', 'error', 'A value is not a well-formed BCP 47 language tag.'),
  rule('value-uuid', 'error', 'A value is not a UUID.'),
  rule('value-list-item', 'error', 'A separated list has an empty item (e.g. a trailing separator).'),
  rule('duplicate-value', 'dialect', 'A value (or composite key such as exten@context) that must be unique repeats in the file.'),
  rule('resource-required', 'error', 'A resource the importer will create lacks a required field, so the import fails.'),
  rule('resource-incomplete', 'warning', 'A partly filled resource the importer will silently not create.'),
  rule('resource-link', 'warning', 'A resource named only by what the importer looks it up with (e.g. a voicemail by number@context): linked if it exists, the row is rejected if not.'),
  rule('password-policy', 'warning', 'A password does not meet the configured tenant password policy.'),
  rule('pin-policy', 'warning', 'A voicemail PIN does not meet the configured PIN policy.'),
  rule('formula-injection', 'information', 'A free-text cell starts with =, +, -, @, a tab or a carriage return and may run as a spreadsheet formula.'),
  rule('too-many-problems', 'information', 'More problems than the configured maximum; the rest are not shown.'),
] as const;

/** Every rule id of the validation rules (the embedded-JSON ones are in json/rules.ts). */
export type ValidationRuleId = (typeof RULES)[number]['id'];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
