// Public surface of the language-service core: the LSP server and the CLI import only from here.
import { parseCsv } from './csv/parse';
import { detectDialect, readHeader, type Detected } from './detect';
import { loadDialects } from './dialects/load';
import type { Dialect, DialectLoadError } from './dialects/model';
import type { CsvDocument, DialectId, DialectMatch, Problem, RuleInfo, ValidationResult, ValidationSettings } from './types';
import { jsonRules } from './json/check';
import { openDocumentSession, type DocumentSession } from './incremental/session';
import { RULES, validateDocument } from './validation';
import { createEditingFeatures, type CodeActionEntry, type CompletionEntry, type HoverResult, type RowSymbol, type SemanticToken } from './features';

export * from './types';
export { LineIndex } from './lineIndex';
export { RULES } from './validation';
export type { DocumentSession, DocumentUpdate, SessionOptions, TextChange } from './incremental/session';
export { DocumentSessions } from './incremental/documents';

/** Every rule id the core reports: the validation rules, then the embedded-JSON rules. */
export const ALL_RULES: readonly RuleInfo[] = [...RULES, ...jsonRules];
export type { Dialect, DialectLoadError, CompiledColumn, AllowedValue, Resource, IgnoredColumn } from './dialects/model';
export { findSchemasDirectory } from './dialects/locate';
export { dialectFileRefusal, MAX_DIALECT_FILE_BYTES } from './dialects/readFile';
export { TOKEN_TYPES, TOKEN_MODIFIERS, MAX_SYMBOLS, applyEdits } from './features';
export type { CodeActionEntry, CompletionEntry, CompletionKind, HoverResult, RowSymbol, SemanticToken, TextEdit } from './features';

export interface DialectSummary {
  id: DialectId;
  label: string;
  description: string;
}

export interface ValidateOptions {
  /** Force a dialect (`none` = not a user CSV); otherwise detected from the header. An unknown id falls back to detection. */
  dialect?: DialectId | 'none';
  settings?: Partial<ValidationSettings>;
}

export interface LanguageService {
  validate(text: string, options?: ValidateOptions): ValidationResult;
  /**
   * An editing session of one document: update() takes each edit and validates again re-checking only
   * what the edit can have changed, with results identical to validate() of the new text. Optional so
   * that fallback services written as object literals stay valid; createLanguageService provides it.
   */
  openDocument?(text: string, options?: ValidateOptions): DocumentSession;
  detect(text: string): DialectMatch | undefined;
  dialects(): DialectSummary[];
  // Optional so that fallback services written as object literals stay valid; createLanguageService provides them all.
  /** The full definition of a dialect (columns, allowed values, descriptions) for hover and completion. */
  dialect?(id: DialectId): Dialect | undefined;
  /** Problems met while loading dialect files (bad custom dialects are skipped; the built-ins still work). */
  configurationErrors?(): DialectLoadError[];
  /** Every rule id the validation can report, with a one-line description. */
  rules?(): readonly RuleInfo[];
  // Editing features (server/src/service/features); `options.dialect` picks the dialect as for validate().
  /** Completion items at a UTF-16 offset. */
  completion?(text: string, offset: number, options?: ValidateOptions): CompletionEntry[];
  hover?(text: string, offset: number, options?: ValidateOptions): HoverResult | undefined;
  /** Quick fixes for `problems` (those the editor asks about, their `data` intact); fix-alls re-validate the text. */
  codeActions?(text: string, problems: readonly Problem[], options?: ValidateOptions): CodeActionEntry[];
  semanticTokens?(text: string, options?: ValidateOptions): SemanticToken[];
  /** One symbol per data row (capped); `omitted` rows beyond the cap. */
  documentSymbols?(text: string, options?: ValidateOptions): { symbols: RowSymbol[]; omitted: number };
}

export const defaultSettings: ValidationSettings = {
  passwordPolicy: {
    minLength: 6,
    maxLength: 32,
    requireLetters: true,
    requireDigits: true,
    requireSpecial: true,
    forbidSequential: true,
    forbidRepeating: true,
    forbidAccountInfo: true,
  },
  pinPolicy: { minLength: 6, maxLength: 10, forbidRepeating: true, forbidSequential: true },
  maxProblems: 1000,
  formulaInjection: true,
  severityOverrides: {},
};

export interface LanguageServiceOptions {
  /** Paths of extra dialect files (same format as schemas/*.dialect.json). */
  customDialectFiles?: string[];
  /** Folder of the built-in dialects; by default the `schemas` folder found above this module. */
  schemasDirectory?: string;
}

/** Settings with every missing part (also inside the policies) taken from the defaults. */
export function resolveSettings(partial: Partial<ValidationSettings> = {}): ValidationSettings {
  return {
    ...defaultSettings,
    ...partial,
    passwordPolicy: { ...defaultSettings.passwordPolicy, ...partial.passwordPolicy },
    pinPolicy: { ...defaultSettings.pinPolicy, ...partial.pinPolicy },
    severityOverrides: { ...partial.severityOverrides },
  };
}

/** Open sessions whose parsed model the editing features may reuse (a few editors side by side). */
const RECENT_SESSIONS = 4;

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const loaded = loadDialects({ schemasDirectory: options.schemasDirectory, customDialectFiles: options.customDialectFiles });
  const byId = new Map(loaded.dialects.map((d) => [d.id, d]));

  // Editor requests (hover, completion, semantic tokens…) come right after the validation of the same text:
  // they reuse the model of the latest open sessions instead of parsing a 50 MB document again.
  const recentSessions: DocumentSession[] = [];
  const parsed = (text: string): CsvDocument => recentSessions.find((s) => s.text === text)?.document ?? parseCsv(text);

  // The editing features pick the dialect as validate() does: the forced one if known, else detection.
  const editing = createEditingFeatures(
    parsed,
    (doc, id) => (id !== undefined ? byId.get(id) : undefined) ?? detectDialect(doc, loaded.dialects)?.dialect,
  );

  const match = (detected: Detected): DialectMatch => ({ id: detected.dialect.id, label: detected.dialect.label, guessed: detected.guessed });

  return {
    validate(text, validateOptions = {}) {
      if (validateOptions.dialect === 'none') return { problems: [] };
      const doc = parseCsv(text);
      const forced = validateOptions.dialect !== undefined ? byId.get(validateOptions.dialect) : undefined;
      const detected: Detected | undefined = forced
        ? { dialect: forced, guessed: false, header: readHeader(doc) ?? { names: [] } }
        : detectDialect(doc, loaded.dialects);
      if (!detected) return { problems: [] };
      const problems = validateDocument(doc, detected.dialect, detected.header, resolveSettings(validateOptions.settings));
      return { dialect: match(detected), problems };
    },
    openDocument(text, sessionOptions = {}) {
      const session = openDocumentSession(text, sessionOptions, { dialects: loaded.dialects, byId, resolveSettings });
      recentSessions.unshift(session);
      recentSessions.length = Math.min(recentSessions.length, RECENT_SESSIONS);
      return session;
    },
    detect(text) {
      const detected = detectDialect(parseCsv(text), loaded.dialects);
      return detected && match(detected);
    },
    dialects() {
      return loaded.dialects.map((d) => ({ id: d.id, label: d.label, description: d.description }));
    },
    dialect(id) {
      return byId.get(id);
    },
    configurationErrors() {
      return [...loaded.errors];
    },
    rules() {
      return ALL_RULES;
    },
    completion(text, offset, featureOptions = {}) {
      return editing.completion(text, offset, featureOptions.dialect);
    },
    hover(text, offset, featureOptions = {}) {
      return editing.hover(text, offset, featureOptions.dialect);
    },
    codeActions(text, problems, featureOptions = {}) {
      // Called as service.codeActions(): `this` is the service, whose validate() the fix-alls need.
      return editing.codeActions(text, problems, () => this.validate(text, featureOptions).problems, featureOptions.dialect);
    },
    semanticTokens(text, featureOptions = {}) {
      return editing.semanticTokens(text, featureOptions.dialect);
    },
    documentSymbols(text, featureOptions = {}) {
      return editing.documentSymbols(text, featureOptions.dialect);
    },
  };
}
