// A document session: the CSV model of a text, its dialect, and the coordinator that checks its records.
// A whole-file validation is a session fed the text once; an editing session is told each edit and checks
// again only the records the edit replaced. Scanning and checking can stop when the front has other work
// and go on at the next call, so a 50 MB file never blocks the answer to a hover elsewhere.
import { CsvModel } from './csv/model';
import { detectDialect, readHeader, signKeyProbes, type Detected, type HeaderReading } from './detect';
import type { CompiledColumn, Dialect } from './dialects/model';
import type { MacPlaceInRecord } from './json/check';
import { applyChanges, diffTexts, mergeChanges, type ChangedRange, type TextChange } from './text/textChange';
import type { DialectId, DialectMatch, SourceEncoding, ValidationResult, ValidationSettings } from './types';
import { Coordinator, findReplacementCharacters, type ReplacementCharacters } from './validation';

export type { TextChange } from './text/textChange';

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
  /** What the front that read the file's bytes found out about its encoding. */
  encoding?: SourceEncoding;
}

/** A document the editing features work on: its model, seen through its dialect. */
export interface ParsedDocument {
  model: CsvModel;
  dialect: Dialect;
  header: HeaderReading;
  /** The dialect's column at every header position (undefined: unknown, ignored or a repeated name). */
  columns: Array<CompiledColumn | undefined>;
}

export interface DocumentSession {
  /** The current text. */
  readonly text: string;
  /** The result of the last validation that ran to its end, if it is of the current text. */
  readonly result: ValidationResult | undefined;
  /**
   * Takes an update (and, given, other options). Cheap: records are scanned again only around the edit,
   * and nothing is checked until validate().
   */
  update(update: DocumentUpdate, options?: SessionOptions): void;
  /**
   * Scans and checks what is not yet, then puts the result together: identical to a whole-file validation of
   * the current text. `shouldYield` is asked every few records; when it says yes, validate() stops and
   * returns undefined, and the next call goes on from there.
   */
  validate(shouldYield?: () => boolean): ValidationResult | undefined;
  /** The document for the editing features (scanned to the end), or undefined when it is not a user CSV. */
  document(): ParsedDocument | undefined;
  /**
   * The phones of the records checked so far whose MAC is `key` (lowercase hex digits), in document order, with
   * their place in the text: what a JSON tab compares its own MACs with.
   */
  macPlaces(key: string): MacPlaceInRecord[];
  /** Lets go of the text and the model (the document closed). */
  close(): void;
}

export interface SessionEnvironment {
  dialects: readonly Dialect[];
  byId: ReadonlyMap<string, Dialect>;
  resolveSettings(partial?: Partial<ValidationSettings>): ValidationSettings;
}

/** Records scanned between two questions to `shouldYield` during a first scan. */
const SCAN_STEP = 2000;

interface Choice {
  none: boolean;
  /** A known dialect forced by the user; undefined: detect. */
  forced?: Dialect;
  settings: ValidationSettings;
  /** Identifies `settings`: equal keys mean equal settings. */
  settingsKey: string;
  encoding?: SourceEncoding;
}

export function openDocumentSession(text: string, options: SessionOptions, environment: SessionEnvironment): DocumentSession {
  return new Session(text, options, environment);
}

/**
 * Counts, per probe, the data records whose cell holds a JSON key that tells two dialects of a family apart.
 * Counted when detection first asks (most headers decide without reading the data), then kept current.
 */
class SignKeyCounts {
  private counts: number[] | undefined;
  constructor(
    private readonly model: CsvModel,
    private readonly probes: ReadonlyArray<{ index: number; quotedKey: string }>,
  ) {}

  present(index: number, quotedKey: string): boolean {
    if (!this.counts) {
      this.counts = this.probes.map(() => 0);
      this.count(1, this.model.recordCount, 1);
    }
    const p = this.probes.findIndex((probe) => probe.index === index && probe.quotedKey === quotedKey);
    return p >= 0 && this.counts[p] > 0;
  }

  /** Adds (sign 1) or takes away (-1) the records [from, to) of the model as it is now. */
  count(from: number, to: number, sign: 1 | -1): void {
    const counts = this.counts;
    if (!counts) return;
    for (let r = Math.max(1, from); r < to; r++) {
      for (let p = 0; p < this.probes.length; p++) {
        const probe = this.probes[p];
        // The cell as written: a quoted JSON cell writes "key" as ""key"", which holds "key" too.
        if (this.model.content(r, probe.index).includes(probe.quotedKey)) counts[p] += sign;
      }
    }
  }
}

class Session implements DocumentSession {
  private model: CsvModel;
  private choice: Choice;
  private detected: Detected | undefined;
  /** False until the dialect is chosen for the current header and choice. */
  private configured = false;
  private signKeys: SignKeyCounts | undefined;
  private coordinator: Coordinator | undefined;
  private headerKey: string | undefined;
  private replacements: ReplacementCharacters | undefined;
  private last: ValidationResult | undefined;

  constructor(
    text: string,
    options: SessionOptions,
    private readonly environment: SessionEnvironment,
  ) {
    this.model = new CsvModel(text, false);
    this.choice = this.choose(options);
  }

  get text(): string {
    return this.model.text;
  }

  get result(): ValidationResult | undefined {
    return this.last;
  }

  update(update: DocumentUpdate, options?: SessionOptions): void {
    const before = this.model.text;
    const { text, range } = resolve(before, update);
    if (range) {
      this.last = undefined;
      if (!this.model.complete) {
        // Edited during the first scan: scan the new text from the start.
        this.model.reset(text);
        this.unconfigure();
        this.replacements = undefined;
      } else {
        this.edit(text, range, before);
      }
    }
    if (options) {
      const choice = this.choose(options);
      if (choice.none !== this.choice.none || choice.forced !== this.choice.forced || choice.settingsKey !== this.choice.settingsKey) {
        this.choice = choice;
        this.last = undefined;
        this.unconfigure();
      } else if (JSON.stringify(choice.encoding) !== JSON.stringify(this.choice.encoding)) {
        this.choice = choice;
        this.last = undefined;
      }
    }
  }

  validate(shouldYield?: () => boolean): ValidationResult | undefined {
    if (this.last) return this.last;
    if (this.choice.none) return (this.last = { problems: [] });
    while (!this.model.complete) {
      this.model.scanSome(SCAN_STEP);
      if (!this.model.complete && shouldYield?.()) return undefined;
    }
    if (!this.configure()) return (this.last = { problems: [] });
    if (!this.coordinator!.checkPending(shouldYield)) return undefined;
    this.replacements ??= findReplacementCharacters(this.model.text);
    return (this.last = this.coordinator!.result(this.replacements, this.choice.encoding));
  }

  document(): ParsedDocument | undefined {
    if (this.choice.none) return undefined;
    this.model.scan();
    if (!this.configure()) return undefined;
    return parsedDocument(this.model, this.detected!.dialect, this.detected!.header);
  }

  macPlaces(key: string): MacPlaceInRecord[] {
    return this.coordinator?.macPlaces(key) ?? [];
  }

  close(): void {
    this.model = new CsvModel('');
    this.unconfigure();
    this.last = { problems: [] };
  }

  // ---------------------------------------------------------------- edits

  private edit(text: string, range: ChangedRange, before: string): void {
    if (this.replacements) this.replacements = countReplacements(this.replacements, range, before, text);
    const splice = this.model.update(text, range, (from, to) => {
      this.coordinator?.forget(from, to);
      this.signKeys?.count(from, to, -1);
    });
    this.signKeys?.count(splice.from, splice.from + splice.added, 1);
    if (!this.configured) return;
    if (this.readHeaderKey() !== this.headerKey) {
      this.unconfigure();
      return;
    }
    this.coordinator?.spliced(splice.from, splice.removed, splice.added, range.start);
    // The JSON keys of the data records may tip detection to another dialect of the family.
    if (this.signKeys && !this.choice.forced) {
      const detected = this.detect();
      if (detected?.dialect !== this.detected?.dialect) this.unconfigure();
      else if (detected && this.detected && detected.guessed !== this.detected.guessed) this.configure(detected);
    }
  }

  // ---------------------------------------------------------------- dialect and coordinator

  private choose(options: SessionOptions): Choice {
    const none = options.dialect === 'none';
    const forced = options.dialect !== undefined && !none ? this.environment.byId.get(options.dialect) : undefined;
    const settings = this.environment.resolveSettings(options.settings);
    return { none, forced, settings, settingsKey: JSON.stringify(settings), encoding: options.encoding };
  }

  private unconfigure(): void {
    this.configured = false;
    this.detected = undefined;
    this.coordinator = undefined;
    this.signKeys = undefined;
  }

  /** Chooses the dialect (once per header and choice) and sets up the coordinator; false: not a user CSV. */
  private configure(redetected?: Detected): boolean {
    if (this.configured && !redetected) return this.detected !== undefined;
    const model = this.model;
    this.configured = true;
    this.headerKey = this.readHeaderKey();
    if (!redetected) {
      const header = readHeader(model);
      const probes = header && !this.choice.forced ? signKeyProbes(header, this.environment.dialects) : [];
      this.signKeys = probes.length > 0 ? new SignKeyCounts(model, probes) : undefined;
    }
    const detected = redetected ?? this.detect();
    this.detected = detected;
    if (!detected) {
      this.coordinator = undefined;
      return false;
    }
    const match: DialectMatch = { id: detected.dialect.id, label: detected.dialect.label, guessed: detected.guessed };
    if (redetected && this.coordinator) {
      this.coordinator.rename(match);
      return true;
    }
    this.coordinator = new Coordinator({ model, dialect: detected.dialect, header: detected.header, settings: this.choice.settings, match });
    return true;
  }

  private detect(): Detected | undefined {
    const model = this.model;
    const forced = this.choice.forced;
    if (forced) return model.recordCount === 0 ? { dialect: forced, guessed: false, header: { names: [] } } : { dialect: forced, guessed: false, header: readHeader(model) ?? { names: [] } };
    const signKeys = this.signKeys;
    return detectDialect(model, this.environment.dialects, signKeys && ((index, key) => signKeys.present(index, key)));
  }

  private readHeaderKey(): string | undefined {
    const model = this.model;
    if (model.recordCount === 0) return undefined;
    return `${model.bom ? 'bom' : ''}\u0000${model.recordStart(0)}\u0000${model.text.slice(model.recordStart(0), model.recordEnd(0))}`;
  }
}

/** The model seen through a dialect, for the editing features. */
export function parsedDocument(model: CsvModel, dialect: Dialect, header: HeaderReading): ParsedDocument {
  const seen = new Set<string>();
  const columns = header.names.map((name) => {
    if (header.delimiter || seen.has(name)) return undefined; // like the validator: the first of a repeated name counts
    seen.add(name);
    return dialect.columnsByName.get(name);
  });
  return { model, dialect, header, columns };
}

/** The U+FFFD count after an edit, from the count before it and the changed stretch. */
function countReplacements(before: ReplacementCharacters, range: ChangedRange, oldText: string, text: string): ReplacementCharacters {
  const removed = findReplacementCharacters(oldText, range.start, range.oldEnd).count;
  const added = findReplacementCharacters(text, range.start, range.newEnd).count;
  const count = before.count - removed + added;
  let first = before.first;
  // No U+FFFD lies before the old first one: when that was at or after the edit, the new first is too.
  if (count === 0) first = -1;
  else if (first < 0 || first >= range.start) first = text.indexOf('\uFFFD', range.start);
  return { first, count };
}

/** The new text and the range where it differs from `before`. */
function resolve(before: string, update: DocumentUpdate): { text: string; range: ChangedRange | undefined } {
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
