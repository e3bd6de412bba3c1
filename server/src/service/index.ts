// Public surface of the language-service core: the fronts (LSP server, CLI) import only from here. The
// core imports nothing from Node, VS Code or LSP: files reach it through the Resources the front passes in.
import { detectDialect } from './detect';
import { CsvModel } from './csv/model';
import { loadDialects } from './dialects/load';
import type { Dialect, DialectLoadError } from './dialects/model';
import type { Resources } from './dialects/resources';
import { codeActions, complete, documentSymbols, hover, semanticTokens, type CodeActionEntry, type CompletionEntry, type HoverResult, type RowSymbol, type SemanticToken } from './features';
import { jsonRules } from './json/rules';
import { openDocumentSession, type DocumentSession, type ParsedDocument, type SessionOptions } from './session';
import { createTemplate, type Template, type TemplateOptions } from './template';
import type { DialectId, DialectMatch, Problem, RuleId, RuleInfo, ValidationResult, ValidationSettings } from './types';
import { RULES } from './validation';

export * from './types';
export { LineIndex } from './text/lineIndex';
export { applyChanges, diffTexts, mergeChanges, type ChangedRange } from './text/textChange';
export { RULES } from './validation';
export type { DocumentSession, DocumentUpdate, ParsedDocument, SessionOptions, TextChange } from './session';
export type { Dialect, DialectLoadError, CompiledColumn, AllowedValue, Resource, IgnoredColumn } from './dialects/model';
export { resolveUri, type Resources } from './dialects/resources';
export { TOKEN_TYPES, TOKEN_MODIFIERS, MAX_SYMBOLS, applyEdits, csvField } from './features';
export type { CodeActionEntry, CompletionEntry, CompletionKind, HoverResult, RowSymbol, SemanticToken, TextEdit } from './features';
export type { Template, TemplateOptions } from './template';
// Editing a JSON cell in a tab of its own, the cursor's column, and the table preview.
export { compactJson, isJsonColumn, jsonCellAtOffset, jsonCellTarget, jsonCellWrite, prettyJson, startingValue } from './features/cellJson';
export type { JsonCellLookup, JsonCellOrigin, JsonCellTarget, JsonCellWrite } from './features/cellJson';
export { MASK, cellDisplay, type CellDisplay } from './features/cellDisplay';
export { cursorCell, rowCells, type CursorCell, type RowCell } from './features/cursor';
export { ProblemIndex, filterRecords, tableColumns, tableRows } from './features/table';
export type { TableCell, TableColumn, TableFilter, TableRow } from './features/table';
export { checkJsonText, type JsonTextCheckOptions, type MacContext } from './json/textCheck';
export type { MacPlaceInRecord } from './json/check';

/** Every rule id the core reports: the validation rules, then the embedded-JSON rules. */
export const ALL_RULES: readonly RuleInfo[] = [...RULES, ...jsonRules];
const ALL_RULE_IDS: ReadonlySet<unknown> = new Set(ALL_RULES.map((r) => r.id));

/** Whether a value (say, a diagnostic's code sent back by an editor) is one of the core's rule ids. */
export function isRuleId(value: unknown): value is RuleId {
  return ALL_RULE_IDS.has(value);
}

export interface DialectSummary {
  id: DialectId;
  label: string;
  description: string;
}

export type ValidateOptions = SessionOptions;

export interface LanguageService {
  /** A whole-file validation: a session fed the text once. */
  validate(text: string, options?: ValidateOptions): ValidationResult;
  /**
   * An editing session of one document: told each edit, it checks again only what the edit can have
   * changed; every result is identical to validate() of the current text.
   */
  openDocument(text: string, options?: ValidateOptions): DocumentSession;
  /** The document the editing features work on, for a text that is not kept in a session (tests, tools). */
  parse(text: string, options?: ValidateOptions): ParsedDocument | undefined;
  detect(text: string): DialectMatch | undefined;
  dialects(): DialectSummary[];
  /** The full definition of a dialect (columns, allowed values, descriptions) for hover and completion. */
  dialect(id: DialectId): Dialect | undefined;
  /** Problems met while loading dialect files (bad custom dialects are skipped; the built-ins still work). */
  configurationErrors(): DialectLoadError[];
  /** Every rule id the validation can report, with a one-line description. */
  rules(): readonly RuleInfo[];
  /** Completion items at a UTF-16 offset. */
  completion(document: ParsedDocument, offset: number): CompletionEntry[];
  hover(document: ParsedDocument, offset: number): HoverResult | undefined;
  /** Quick fixes for `problems` (those the editor asks about, their `data` intact); `allProblems` feeds the fix-alls. */
  codeActions(document: ParsedDocument, problems: readonly Problem[], allProblems: () => readonly Problem[]): CodeActionEntry[];
  semanticTokens(document: ParsedDocument): SemanticToken[];
  /** One symbol per data row (capped); `omitted` rows beyond the cap. */
  documentSymbols(document: ParsedDocument): { symbols: RowSymbol[]; omitted: number };
  /** A header and one example row of a dialect that validate clean. */
  template(id: DialectId, options?: Partial<TemplateOptions>): Template | undefined;
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
  /** Where dialect files and JSON Schemas are read. */
  resources: Resources;
  /** URIs of extra dialect files (same format as the built-in ones). */
  customDialects?: readonly string[];
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

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const loaded = loadDialects(options.resources, options.customDialects);
  const byId = new Map(loaded.dialects.map((d) => [d.id, d]));
  const environment = { dialects: loaded.dialects, byId, resolveSettings };
  const match = (dialect: Dialect, guessed: boolean): DialectMatch => ({ id: dialect.id, label: dialect.label, guessed });

  return {
    validate(text, validateOptions = {}) {
      return openDocumentSession(text, validateOptions, environment).validate()!;
    },
    openDocument(text, sessionOptions = {}) {
      return openDocumentSession(text, sessionOptions, environment);
    },
    parse(text, parseOptions = {}) {
      return openDocumentSession(text, parseOptions, environment).document();
    },
    detect(text) {
      const detected = detectDialect(new CsvModel(text), loaded.dialects);
      return detected && match(detected.dialect, detected.guessed);
    },
    dialects() {
      return loaded.dialects.map((d) => ({ id: d.id, label: d.label, description: d.description }));
    },
    dialect(id) {
      return byId.get(id);
    },
    configurationErrors() {
      return loaded.errors.slice();
    },
    rules() {
      return ALL_RULES;
    },
    completion: complete,
    hover,
    codeActions,
    semanticTokens,
    documentSymbols: (document) => documentSymbols(document),
    template(id, templateOptions = {}) {
      const dialect = byId.get(id);
      return dialect && createTemplate(dialect, { passwordPolicy: defaultSettings.passwordPolicy, pinPolicy: defaultSettings.pinPolicy, ...templateOptions });
    },
  };
}

/** A core that knows no dialect: every text is "not a user CSV". Stands in when no core could be made. */
export const NULL_LANGUAGE_SERVICE: LanguageService = createLanguageService({
  resources: {
    builtInDialects: [],
    dialectSchema: 'null:dialect.schema.json',
    read: () => '{}',
  },
});
