// Shared vocabulary of the language-service core. No LSP or VS Code imports anywhere under service/.
// Positions inside the core are UTF-16 offsets into the document text (as JavaScript strings index it);
// fronts (LSP server, CLI) turn them into line/character with a LineIndex.

/** A half-open span [start, end) of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- CSV model

export interface Cell {
  /** Unescaped value: quotes removed, `""` turned into `"`. */
  value: string;
  /** Span of the cell's content: for a quoted cell, between the quotes (escapes still doubled). */
  start: number;
  end: number;
  /** Span including the surrounding quotes (equal to start/end for an unquoted cell). */
  rawStart: number;
  rawEnd: number;
  quoted: boolean;
}

export interface Row {
  /** 0 = header, 1 = first data record; blank lines are not records. */
  index: number;
  /** 0-based line of the record's first character. */
  line: number;
  /** Span of the whole record without its line break. */
  start: number;
  end: number;
  cells: Cell[];
}

export type CsvErrorCode =
  | 'csv-unterminated-quote'
  | 'csv-text-after-quote'
  | 'csv-quote-in-unquoted-cell';

export interface CsvError extends Span {
  code: CsvErrorCode;
  message: string;
}

export interface CsvDocument {
  text: string;
  /** True when the text starts with U+FEFF; offsets still count it. */
  bom: boolean;
  /** rows[0] is the header when the file is not empty. */
  rows: Row[];
  errors: CsvError[];
}

// ---------------------------------------------------------------- problems

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInformation extends Span {
  message: string;
}

export interface Problem extends Span {
  /** Stable rule id, e.g. `value-boolean`; documented in the README, keys severity overrides and quick fixes. */
  rule: string;
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
  id: string;
  description: string;
  /** The usual severity; `dialect` when the dialect file decides; absent when it varies by finding. */
  defaultSeverity?: Severity | 'dialect';
}

export interface ValidationResult {
  /** Undefined: the file is not a user CSV (or the user said `none`); problems is then empty. */
  dialect?: DialectMatch;
  problems: Problem[];
}
