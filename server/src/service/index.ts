// Public surface of the language-service core: the LSP server and the CLI import only from here.
// STUB: replaced by the real implementation (validation helper). Keep the exported names stable.
import type { DialectId, DialectMatch, ValidationResult, ValidationSettings } from './types';

export * from './types';
export { LineIndex } from './lineIndex';

export interface DialectSummary {
  id: DialectId;
  label: string;
  description: string;
}

export interface ValidateOptions {
  /** Force a dialect (`none` = not a user CSV); otherwise detected from the header. */
  dialect?: DialectId | 'none';
  settings?: Partial<ValidationSettings>;
}

export interface LanguageService {
  validate(text: string, options?: ValidateOptions): ValidationResult;
  detect(text: string): DialectMatch | undefined;
  dialects(): DialectSummary[];
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
}

export function createLanguageService(_options: LanguageServiceOptions = {}): LanguageService {
  return {
    validate: () => ({ problems: [] }),
    detect: () => undefined,
    dialects: () => [],
  };
}
