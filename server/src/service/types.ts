// Shared vocabulary of the language-service core. No LSP or VS Code imports anywhere under service/.
// Positions inside the core are UTF-16 offsets into the document text (as JavaScript strings index it);
// fronts (LSP server, CLI) turn them into line/character with a LineIndex.
import type { JsonRuleId } from './json/rules';
import type { ValidationRuleId } from './validation/rules';

/** A half-open span [start, end) of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}


// ---------------------------------------------------------------- CSV model

/** The CSV model of a text (csv/model.ts): records and cells with exact spans, values made on demand. */
export type { CsvModel as CsvDocument, CsvError, CsvErrorCode, CellSpan } from './csv/model';
/** One record and its cells as the rules read them while checking it (validation/record.ts). */
export type { RecordView as Row, CellRef as Cell } from './validation/record';

// ---------------------------------------------------------------- problems

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInformation extends Span {
  message: string;
}

/** Every rule id the core reports: a union derived from the rule tables, so a misspelt id does not compile. */
export type RuleId = ValidationRuleId | JsonRuleId;

export interface Problem extends Span {
  /** Stable rule id, e.g. `value-boolean`; documented in the README, keys severity overrides and quick fixes. */
  rule: RuleId;
  severity: Severity;
  message: string;
  related?: RelatedInformation[];
  /** Machine-readable payload for quick fixes (e.g. `{ replacement: "TRUE" }`). */
  data?: Record<string, unknown>;
  /** Hint tags the editor understands. */
  tags?: Array<'unnecessary' | 'deprecated'>;
}

// ---------------------------------------------------------------- settings

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  requireLetters: boolean;
  requireDigits: boolean;
  requireSpecial: boolean;
  forbidSequential: boolean;
  forbidRepeating: boolean;
  forbidAccountInfo: boolean;
}

export interface PinPolicy {
  minLength: number;
  maxLength: number;
  forbidRepeating: boolean;
  forbidSequential: boolean;
}

export type SeverityOverride = Severity | 'off';

export interface ValidationSettings {
  passwordPolicy: PasswordPolicy;
  pinPolicy: PinPolicy;
  maxProblems: number;
  formulaInjection: boolean;
  /** Keyed by rule id. */
  severityOverrides: Record<string, SeverityOverride>;
}

/** Dialect ids of the built-in dialects, or the id of a custom dialect file. */
export type DialectId = string;

export interface DialectMatch {
  id: DialectId;
  label: string;
  /** True when the header did not decide between two dialects and a default was taken. */
  guessed: boolean;
}

/** A rule id the core reports, with a one-line description (README rules table, severity overrides, quick fixes). */
export interface RuleInfo {
  id: RuleId;
  description: string;
  /** The usual severity; `dialect` when the dialect file decides; absent when it varies by finding. */
  defaultSeverity?: Severity | 'dialect';
}

/** What a front that read the file's bytes knows of its encoding (an editor's text has no such note). */
export type SourceEncoding =
  | { name: 'UTF-8'; firstInvalidByte?: { byteOffset: number; textOffset: number } }
  | { name: 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE' };

export interface ValidationResult {
  /** Undefined: the file is not a user CSV (or the user said `none`); problems is then empty. */
  dialect?: DialectMatch;
  problems: Problem[];
}
