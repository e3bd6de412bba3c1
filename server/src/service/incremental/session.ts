// An editing session of one document: the CSV model and the validation follow the edits, so that a
// keystroke in a 50 MB file costs the records it touched, not the file. Every result is identical to
// validate() of the current text (test/unit/incremental-properties.test.ts checks it on random edits).
import type { Dialect } from '../dialects/model';
import type { CsvDocument, DialectId, ValidationResult, ValidationSettings } from '../types';
import { IncrementalCsv } from './csvModel';
import { applyChanges, diffTexts, mergeChanges, type ChangedRange, type TextChange } from './textChange';
import { IncrementalValidator, RecordMemo, type ValidationChoice } from './validation';

export type { TextChange } from './textChange';

/**
 * How the text changed: the whole new text (compared with the current one to find what changed), the
 * edits (each counted in the text the previous one left), or both — the new text and the edits that made
 * it, which spares building the text again (an editor front already has it).
 */
export type DocumentUpdate = string | readonly TextChange[] | { text: string; changes: readonly TextChange[] };

export interface SessionOptions {
  /** Force a dialect (`none` = not a user CSV); otherwise detected from the header. An unknown id falls back to detection. */
  dialect?: DialectId | 'none';
  settings?: Partial<ValidationSettings>;
}

export interface DocumentSession {
  /** The current text. */
  readonly text: string;
  /** The validation of the current text: identical to validate(text, options). */
  readonly result: ValidationResult;
  /**
   * The CSV model of the current text, as parseCsv gives it. The session updates it in place: read it
   * after an update, don't keep parts of it across updates.
   */
  readonly document: CsvDocument;
  /**
   * Applies an update and validates again, re-checking only what the edit can have changed. `options`:
   * omitted, the session's options stay; given, they replace them (other settings or dialect: every
   * record is checked again).
   */
  update(update: DocumentUpdate, options?: SessionOptions): ValidationResult;
  /**
   * Lets go of the text and its model (the document closed): the session then holds an empty text, so a
   * reference kept elsewhere (the core's list of recent sessions) no longer pins a 50 MB model.
   */
  close?(): void;
}

export interface SessionEnvironment {
  dialects: readonly Dialect[];
  byId: ReadonlyMap<string, Dialect>;
  resolveSettings(partial?: Partial<ValidationSettings>): ValidationSettings;
}

export function openDocumentSession(text: string, options: SessionOptions, environment: SessionEnvironment): DocumentSession {
  return new Session(text, options, environment);
}

class Session implements DocumentSession {
  private model: IncrementalCsv<RecordMemo>;
  /** Made when first needed: a document the user said is not a user CSV is only parsed. */
  private validator: IncrementalValidator | undefined;
  private none: boolean;
  private choice: ValidationChoice;
  private current: ValidationResult;

  constructor(
    text: string,
    options: SessionOptions,
    private readonly environment: SessionEnvironment,
  ) {
    this.model = new IncrementalCsv(text, () => new RecordMemo());
    this.none = options.dialect === 'none';
    this.choice = this.choose(options);
    this.current = this.validateNow();
  }

  get text(): string {
    return this.model.text;
  }

  get result(): ValidationResult {
    return this.current;
  }

  get document(): CsvDocument {
    return this.model.document();
  }

  update(update: DocumentUpdate, options?: SessionOptions): ValidationResult {
    const before = this.model.text;
    const { text, range } = this.resolve(before, update);
    if (range) {
      const splice = this.model.update(text, range);
      this.validator?.updated(splice, range, before);
    }
    if (options) {
      this.none = options.dialect === 'none';
      const choice = this.choose(options);
      if (choice.forced !== this.choice.forced || choice.settingsKey !== this.choice.settingsKey) {
        this.choice = choice;
        this.validator?.setChoice(choice);
      }
    }
    this.current = this.validateNow();
    return this.current;
  }

  close(): void {
    this.model = new IncrementalCsv('', () => new RecordMemo());
    this.validator = undefined;
    this.current = { problems: [] };
  }

  private validateNow(): ValidationResult {
    if (this.none) return { problems: [] };
    this.validator ??= new IncrementalValidator(this.model, this.environment.dialects, this.choice);
    return this.validator.validate();
  }

  private choose(options: SessionOptions): ValidationChoice {
    const forced = options.dialect !== undefined && options.dialect !== 'none' ? this.environment.byId.get(options.dialect) : undefined;
    const settings = this.environment.resolveSettings(options.settings);
    return { forced, settings, settingsKey: JSON.stringify(settings) };
  }

  /** The new text and the range where it differs from `before`. */
  private resolve(before: string, update: DocumentUpdate): { text: string; range: ChangedRange | undefined } {
    if (typeof update === 'string') return { text: update, range: diffTexts(before, update) };
    if (Array.isArray(update)) {
      const changes = update as readonly TextChange[];
      return { text: applyChanges(before, changes), range: mergeChanges(changes, before.length) };
    }
    const { text, changes } = update as { text: string; changes: readonly TextChange[] };
    let range: ChangedRange | undefined;
    try {
      range = mergeChanges(changes, before.length);
    } catch {
      range = undefined;
    }
    // Edits that do not lead to the given text (a front that lost one): compare the texts instead.
    if (!range ? text.length !== before.length : text.length !== before.length + (range.newEnd - range.oldEnd)) {
      return { text, range: diffTexts(before, text) };
    }
    if (!range && text !== before) return { text, range: diffTexts(before, text) };
    return { text, range };
  }
}
