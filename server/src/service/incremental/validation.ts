// Validation that follows the edits of one document: every record keeps what its own checks found
// (offsets as of the record's start then) and the keys it adds to the file-wide indexes (unique values,
// phone MACs, the JSON keys dialect detection looks for). After an edit only new records are checked;
// the result is put together from the kept findings in one pass over the records, in the order of a
// full validation (validation/index.ts), so that it is identical to validate() of the new text.
import { appendAll, spliceAll } from '../arrays';
import { detectDialect, readHeader, signKeyProbes, type Detected } from '../detect';
import type { Dialect } from '../dialects/model';
import { createJsonCellChecker, detectUnescapedJson, macGroupProblems, RowLines, type JsonCellChecker, type MacPlace, type MacSighting } from '../json/check';
import type { CsvError, DialectMatch, Problem, Span, ValidationResult, ValidationSettings } from '../types';
import {
  applySettings,
  byPosition,
  capProblems,
  checkCsvSyntax,
  checkDelimiter,
  checkEncoding,
  checkHeader,
  createRowChecks,
  findReplacementCharacters,
  isOff,
  keyValue,
  looksForPastedJson,
  lookupOf,
  reportDuplicate,
  uniqueKeys,
  ValidationRun,
  type RowCheck,
  type UniqueKey,
} from '../validation';
import { cellSpan } from '../validation/context';
import type { IncrementalCsv, RecordState, Splice } from './csvModel';
import { detach } from './detach';
import { pastedJsonReach } from './pastedJson';
import { copy, orNone, ProblemSink, shifted } from './problemList';
import type { ChangedRange } from './textChange';

/** What validation keeps about one record (a class: every record's memo has the same shape, which keeps the pass fast). */
export class RecordMemo {
  /** Its findings and index keys, once checked. */
  checked: CheckedRecord | undefined = undefined;
  /** Set on every pass: false when the record is inside a pasted-JSON cascade (then nothing of it counts). */
  active = false;
  /** Set on every pass: the pasted-JSON finding when this record is one (at current offsets). */
  cascade: Problem | undefined = undefined;
  /** For a broken record (wrong cell count or CSV error): the pasted-JSON finding, if looked for. */
  pasted: PastedMemo | undefined = undefined;
  /** Indexes of the detection probes whose key this record's cell contains. */
  probeHits: number[] | undefined = undefined;
}

type State = RecordState<RecordMemo>;

interface CheckedRecord {
  /** row.start when checked: the findings' offsets are as of then. */
  base: number;
  /** Findings of the checks before the uniqueness check, then of those after it. */
  before: Problem[];
  after: Problem[];
  /** How many of `before` and `after` the settings keep (for counting problems not shown). */
  kept: number;
  uniques: UniqueUse[];
  macs: MacUse[];
}

interface UniqueUse {
  key: number;
  value: string;
  lookup: string;
  /** The cell's span as of CheckedRecord.base. */
  span: Span;
  state: State;
  /** Every use of the same value, in document order. */
  group: UniqueUse[];
}

interface MacUse {
  sighting: MacSighting;
  /** Cell content start, from row.start. */
  cellOffset: number;
  state: State;
  /** Order of the sighting in its record. */
  order: number;
  group: MacUse[];
}

interface PastedMemo {
  /** As of `base`; undefined: the record is not a pasted-JSON cascade. */
  problem: Problem | undefined;
  base: number;
  /** How far (from row.start) the detection may have read. */
  reach: number;
}

/** Everything the header, the dialect and the settings decide; rebuilt when one of them changes. */
interface Config {
  match: DialectMatch;
  detected: Detected;
  settings: ValidationSettings;
  run: ValidationRun;
  mode: 'empty' | 'delimiter' | 'rows';
  /** Header findings (the header never moves without a rebuild). */
  headerProblems: Problem[];
  /** How many of them the settings keep. */
  headerKept: number;
  before: RowCheck[];
  after: RowCheck[];
  keys: UniqueKey[];
  pasted: boolean;
  width: number;
}

export interface ValidationChoice {
  /** A known dialect forced by the user; undefined: detect. */
  forced?: Dialect;
  settings: ValidationSettings;
  /** Identifies `settings`: equal keys mean equal settings. */
  settingsKey: string;
}

export class IncrementalValidator {
  private config: Config | undefined;
  private json: JsonCellChecker | undefined;
  /** Identifies what the JSON checker's verdicts were made for. */
  private jsonKey = '';
  private headerKey: string | undefined;
  private probes: Array<{ index: number; quotedKey: string }> = [];
  private probeCounts: number[] = [];
  private uniqueGroups: Array<Map<string, UniqueUse[]>> = [];
  private macGroups = new Map<string, MacUse[]>();
  /** The MAC groups with two or more uses. */
  private repeatedMacs = new Set<MacUse[]>();
  private replacements: { first: number; count: number };

  constructor(
    private readonly model: IncrementalCsv<RecordMemo>,
    private readonly dialects: readonly Dialect[],
    private choice: ValidationChoice,
  ) {
    this.replacements = findReplacementCharacters(model.text);
    this.rebuild(true);
  }

  /** Other settings or dialect choice: everything is checked again (the CSV model stays). */
  setChoice(choice: ValidationChoice): void {
    this.choice = choice;
    this.rebuild(false);
  }

  /** Takes note of an update of the model (`range` in the text before and after it). */
  updated(splice: Splice<RecordMemo>, range: ChangedRange, oldText: string): void {
    this.countReplacements(range, oldText);
    const header = this.readHeaderKey();
    if (header !== this.headerKey) {
      this.rebuild(true);
      return;
    }
    this.forget(splice.removed);
    for (const state of splice.added) this.countProbes(state, 1);
    // A pasted-JSON finding depends on text after its record: drop those that read into the change.
    const states = this.model.states;
    for (let i = 0; i < splice.from; i++) {
      const memo = states[i].memo;
      if (memo.pasted && states[i].row.start + memo.pasted.reach > range.start) memo.pasted = undefined;
    }
    if (!this.choice.forced && this.probes.length > 0) this.redetect();
  }

  /**
   * The result, identical to applySettings() of a full validation's problems. Those are sorted by position,
   * and every record's problems lie inside the record: so the records, in order, each with its problems
   * sorted, give the sorted list. Only the problems shown (maxProblems and one more) are made; the others
   * are counted.
   */
  validate(): ValidationResult {
    const config = this.config;
    if (!config) return { problems: [] };
    if (config.mode === 'empty') return { dialect: config.match, problems: [] };
    const { run, settings } = config;
    const states = this.model.states;
    run.problems.length = 0;
    checkEncoding(run, this.replacements);
    const encoding = run.problems.splice(0);
    if (config.mode === 'delimiter') {
      const errors: CsvError[] = [];
      for (const state of states) addErrors(state, errors);
      appendAll(run.problems, encoding);
      for (const problem of config.headerProblems) run.problems.push(copy(problem, 0));
      checkCsvSyntax(run, [], errors);
      const problems = applySettings(run.problems, settings);
      run.problems.length = 0;
      return { dialect: config.match, problems };
    }

    encoding.sort(byPosition); // merged into the records by position below
    const suppressed = this.markActive(config);
    const macs = this.activeRepeatedMacs();
    const sink = new ProblemSink(settings);
    const duplicateOff = isOff('duplicate-value', settings);
    const macOff = isOff('json-duplicate-mac', settings);
    let lines: RowLines | undefined; // made when the first MAC problem is, for this pass's offsets
    let nextEncoding = 0;
    let nextSuppressed = 0;
    for (let i = 0; i < states.length; i++) {
      const state = states[i];
      const row = state.row;
      const memo = state.memo;
      while (nextEncoding < encoding.length && encoding[nextEncoding].start < row.start) sink.add([encoding[nextEncoding++]]);
      // Made only while problems are still shown; otherwise counted.
      const group: Problem[] | undefined = sink.full ? undefined : [];
      let count = 0;
      for (; nextEncoding < encoding.length && encoding[nextEncoding].start <= row.end; nextEncoding++) {
        if (group) group.push(encoding[nextEncoding]);
        else if (!isOff(encoding[nextEncoding].rule, settings)) count++;
      }

      if (i === 0) {
        if (group) for (const problem of config.headerProblems) group.push(copy(problem, 0));
        else count += config.headerKept;
      } else if (memo.cascade) {
        if (group) group.push(memo.cascade);
        else if (!isOff(memo.cascade.rule, settings)) count++;
      } else if (memo.active && memo.checked) {
        const checked = memo.checked;
        const by = row.start - checked.base;
        if (group) for (const problem of checked.before) group.push(copy(problem, by));
        for (const use of checked.uniques) {
          if (use.group.length < 2) continue; // the usual case: the value is used once
          const first = firstActive(use.group);
          if (first === use) continue;
          if (!group) {
            if (!duplicateOff) count++;
            continue;
          }
          const firstBy = first.state.row.start - (first.state.memo.checked?.base ?? 0);
          const showValue = !isBroken(state, config) && !isBroken(first.state, config);
          reportDuplicate(run, config.keys[use.key], use.value, shifted(use.span, by), shifted(first.span, firstBy), first.state.row.line, showValue);
          appendAll(group, run.problems.splice(0));
        }
        if (group) for (const problem of checked.after) group.push(copy(problem, by));
        else count += checked.kept;
      }

      // The record's CSV errors, except inside the span of a pasted JSON document (explained there).
      if (state.errors.length > 0) {
        const by = row.start - state.base;
        for (const error of state.errors) {
          const start = error.start + by;
          while (nextSuppressed < suppressed.length && suppressed[nextSuppressed].end < start) nextSuppressed++;
          const span = suppressed[nextSuppressed];
          if (span && start >= span.start && start <= span.end) continue;
          if (group) group.push({ rule: error.code, severity: 'error', message: error.message, start, end: error.end + by });
          else if (!isOff(error.code, settings)) count++;
        }
      }

      if (memo.active && memo.checked) {
        for (const use of memo.checked.macs) {
          const repeated = macs.get(use.group);
          if (!repeated) continue;
          if (!group) {
            if (!macOff) count++;
            continue;
          }
          repeated.problems ??= this.macProblems(repeated.uses, (lines ??= new RowLines(this.model.text)));
          const problem = repeated.problems.get(use);
          if (problem) group.push(problem);
        }
      }

      if (group) sink.add(group);
      else sink.count(count);
    }
    while (nextEncoding < encoding.length) sink.add([encoding[nextEncoding++]]);
    return { dialect: config.match, problems: capProblems(sink.kept, sink.total, settings) };
  }

  /**
   * Decides which records count (a pasted JSON document hides the records it runs over) and checks the
   * records that count and were not checked yet. Returns the spans of the pasted documents, in order.
   */
  private markActive(config: Config): Span[] {
    const states = this.model.states;
    const suppressed: Span[] = [];
    let suppressedEnd = -1;
    for (let i = 1; i < states.length; i++) {
      const state = states[i];
      const row = state.row;
      const memo = state.memo;
      memo.cascade = undefined;
      memo.active = false;
      if (suppressed.length > 0 && row.start < suppressedEnd) continue;
      if (config.pasted && (row.cells.length !== config.width || state.errors.length > 0)) {
        const cascade = this.pastedJson(state, config);
        if (cascade) {
          memo.cascade = cascade;
          suppressedEnd = Math.max(row.end, cascade.end);
          suppressed.push({ start: row.start, end: suppressedEnd });
          continue;
        }
      }
      memo.active = true;
      if (!memo.checked) this.check(state, config);
    }
    return suppressed;
  }

  /** The MAC groups used by two or more records that count, with those uses in document order. */
  private activeRepeatedMacs(): Map<MacUse[], RepeatedMac> {
    const repeated = new Map<MacUse[], RepeatedMac>();
    for (const group of this.repeatedMacs) {
      const uses = group.filter((use) => use.state.memo.active);
      if (uses.length > 1) repeated.set(group, { uses });
    }
    return repeated;
  }

  /** The duplicate-MAC problem of each use of one MAC. */
  private macProblems(uses: MacUse[], lines: RowLines): Map<MacUse, Problem> {
    const places = uses.map((use): MacPlace => {
      const row = use.state.row;
      const span = use.sighting.span();
      const cellStart = row.start + use.cellOffset;
      const start = cellStart + span.start;
      return { text: use.sighting.text, start, end: cellStart + span.end, line: lines.lineOf(row, start) };
    });
    const problems = macGroupProblems(places);
    return new Map(uses.map((use, i) => [use, problems[i]]));
  }

  // ------------------------------------------------------------------ configuration

  private readHeaderKey(): string | undefined {
    const header = this.model.states[0]?.row;
    if (!header) return undefined;
    return `${this.model.bom ? 'bom' : ''}\u0000${header.start}\u0000${this.model.text.slice(header.start, header.end)}`;
  }

  /** Checks everything again; with `header`, the header changed too (detection probes are recounted). */
  private rebuild(header: boolean): void {
    const states = this.model.states;
    if (header) {
      const key = this.readHeaderKey();
      this.headerKey = key === undefined ? undefined : detach(key);
      const doc = this.model.document();
      const reading = readHeader(doc);
      this.probes = reading ? signKeyProbes(reading, this.dialects) : [];
      this.probeCounts = this.probes.map(() => 0);
      for (const state of states) state.memo.probeHits = undefined;
      for (let i = 1; i < states.length; i++) this.countProbes(states[i], 1);
    }
    for (const state of states) {
      state.memo.checked = undefined;
      state.memo.pasted = undefined;
    }
    this.uniqueGroups = [];
    this.macGroups.clear();
    this.repeatedMacs.clear();
    this.configure(this.detect());
  }

  private detect(): Detected | undefined {
    // Detection reads the header and the text; the other rows' offsets need not be up to date.
    const doc = this.model.documentForChecks();
    const forced = this.choice.forced;
    if (forced) return { dialect: forced, guessed: false, header: readHeader(doc) ?? { names: [] } };
    return detectDialect(doc, this.dialects, (index, quotedKey) => this.probeCounts[this.probeIndex(index, quotedKey)] > 0);
  }

  private probeIndex(index: number, quotedKey: string): number {
    return this.probes.findIndex((p) => p.index === index && p.quotedKey === quotedKey);
  }

  /** After an edit the JSON keys of the data rows may tip detection to another dialect of the family. */
  private redetect(): void {
    const detected = this.detect();
    const current = this.config?.detected;
    if (detected?.dialect.id !== current?.dialect.id) {
      this.rebuild(false);
    } else if (detected && this.config && detected.guessed !== current?.guessed) {
      this.config.detected = detected;
      this.config.match = { id: detected.dialect.id, label: detected.dialect.label, guessed: detected.guessed };
    }
  }

  private configure(detected: Detected | undefined): void {
    this.config = undefined;
    if (!detected) return;
    const { dialect } = detected;
    const { settings, settingsKey } = this.choice;
    const jsonKey = `${dialect.id}\u0000${settingsKey}`;
    if (!this.json || jsonKey !== this.jsonKey) {
      this.json = createJsonCellChecker(dialect.id, settings);
      this.jsonKey = jsonKey;
    }
    const doc = this.model.document();
    const run = new ValidationRun(this.model.documentForChecks(), dialect, settings, this.json);
    const config: Config = {
      match: { id: dialect.id, label: dialect.label, guessed: detected.guessed },
      detected,
      settings,
      run,
      mode: 'rows',
      headerProblems: [],
      headerKept: 0,
      before: [],
      after: [],
      keys: [],
      pasted: false,
      width: 0,
    };
    this.config = config;
    if (doc.rows.length === 0) {
      config.mode = 'empty';
      return;
    }
    if (checkDelimiter(run, detected.header)) {
      config.mode = 'delimiter';
    } else {
      checkHeader(run);
      Object.assign(config, createRowChecks(run));
      config.keys = uniqueKeys(run);
      config.pasted = looksForPastedJson(dialect);
      config.width = run.header.cells.length;
      this.uniqueGroups = config.keys.map(() => new Map());
    }
    config.headerProblems = run.problems.splice(0);
    config.headerKept = config.headerProblems.filter((p) => !isOff(p.rule, settings)).length;
  }

  // ------------------------------------------------------------------ per record

  /** Runs a record's own checks and files its index keys. */
  private check(state: State, config: Config): CheckedRecord {
    this.model.freshen(state);
    const row = state.row;
    const out = config.run.problems;
    const mark = out.length;
    config.run.rowBroken = isBroken(state, config);
    for (const check of config.before) check(row);
    const before = out.splice(mark);
    for (const check of config.after) check(row);
    const after = out.splice(mark);
    config.run.rowBroken = false;
    const kept = before.length + after.length === 0 ? 0 : [...before, ...after].filter((p) => !isOff(p.rule, config.settings)).length;
    const checked: CheckedRecord = { base: row.start, before: orNone(before), after: orNone(after), kept, uniques: [], macs: [] };
    config.keys.forEach((key, k) => {
      const value = keyValue(key, row.cells);
      if (value === undefined) return;
      const lookup = lookupOf(key, value);
      const groups = this.uniqueGroups[k];
      let group = groups.get(lookup);
      if (!group) groups.set(lookup, (group = []));
      const use: UniqueUse = { key: k, value, lookup, span: cellSpan(row.cells[key.index]), state, group };
      insertInOrder(group, use, 0);
      checked.uniques.push(use);
    });
    // The record's uses of each MAC go into its group together: one search and one splice per MAC, not per use
    // (a cell may list the same MAC thousands of times).
    const added = new Map<MacUse[], MacUse[]>();
    this.json?.takeSightings().forEach((sighting, order) => {
      let group = this.macGroups.get(sighting.key);
      if (!group) this.macGroups.set(sighting.key, (group = []));
      const use: MacUse = { sighting, cellOffset: sighting.cellStart - row.start, state, order, group };
      const uses = added.get(group);
      if (uses) uses.push(use);
      else added.set(group, [use]);
      checked.macs.push(use);
    });
    for (const [group, uses] of added) {
      spliceAll(group, insertionPoint(group, row.start), 0, uses);
      if (group.length > 1) this.repeatedMacs.add(group);
    }
    state.memo.checked = checked;
    return checked;
  }

  /**
   * Records that are gone: their index keys leave the indexes. Each group they used is filtered once, so
   * that removing many uses of one value (a block of rows, a cell listing one MAC thousands of times) stays
   * linear; removing them one by one (indexOf, splice) would be quadratic.
   */
  private forget(states: readonly State[]): void {
    const gone = new Set<State>();
    const uniqueGroups = new Map<UniqueUse[], UniqueUse>();
    const macGroups = new Map<MacUse[], string>();
    for (const state of states) {
      this.countProbes(state, -1);
      const checked = state.memo.checked;
      if (!checked) continue;
      gone.add(state);
      for (const use of checked.uniques) uniqueGroups.set(use.group, use);
      for (const use of checked.macs) macGroups.set(use.group, use.sighting.key);
    }
    for (const [group, use] of uniqueGroups) {
      keepOnly(group, (other) => !gone.has(other.state));
      if (group.length === 0) this.uniqueGroups[use.key]?.delete(use.lookup);
    }
    for (const [group, key] of macGroups) {
      keepOnly(group, (use) => !gone.has(use.state));
      if (group.length < 2) this.repeatedMacs.delete(group);
      if (group.length === 0) this.macGroups.delete(key);
    }
  }

  private countProbes(state: State, sign: 1 | -1): void {
    if (this.probes.length === 0 || state.row.index === 0) return;
    const memo = state.memo;
    if (sign > 0) {
      const cells = state.row.cells;
      memo.probeHits = [];
      this.probes.forEach((probe, i) => {
        const value = cells[probe.index]?.value;
        if (value && value.includes(probe.quotedKey)) memo.probeHits!.push(i);
      });
    }
    for (const i of memo.probeHits ?? []) this.probeCounts[i] += sign;
  }

  /** The pasted-JSON finding of a broken record (kept until an edit reaches what it read), shifted to where the record is. */
  private pastedJson(state: State, config: Config): Problem | undefined {
    const memo = state.memo;
    let pasted = memo.pasted;
    if (!pasted) {
      this.model.freshen(state);
      const text = this.model.text;
      const found = detectUnescapedJson(this.model.documentForChecks(), state.row, config.width);
      if (found?.data && typeof found.data.replacement === 'string') found.data.replacement = detach(found.data.replacement);
      pasted = memo.pasted = { problem: found, base: state.row.start, reach: pastedJsonReach(text, state.row) - state.row.start };
    }
    return pasted.problem && copy(pasted.problem, state.row.start - pasted.base, true);
  }

  // ------------------------------------------------------------------ file-wide

  private countReplacements(range: ChangedRange, oldText: string): void {
    const text = this.model.text;
    const removed = findReplacementCharacters(oldText.slice(range.start, range.oldEnd)).count;
    const added = findReplacementCharacters(text.slice(range.start, range.newEnd)).count;
    const count = this.replacements.count - removed + added;
    let first = this.replacements.first;
    if (count === 0) first = -1;
    else if (first < 0 || first >= range.start) first = text.indexOf('\uFFFD', range.start);
    this.replacements = { first, count };
  }
}

/** One MAC used by two or more records that count, and (made when first shown) the problem of each use. */
interface RepeatedMac {
  uses: MacUse[];
  problems?: Map<MacUse, Problem>;
}

/** A record with a CSV error or another number of cells than the header (as validation/structure.ts brokenRowTest). */
function isBroken(state: State, config: Config): boolean {
  return state.errors.length > 0 || state.row.cells.length !== config.width;
}

/** The first use whose record counts (not inside a pasted-JSON cascade). */
function firstActive(group: UniqueUse[]): UniqueUse {
  for (const use of group) if (use.state.memo.active) return use;
  return group[0];
}

/** Where the uses of a record starting at `start` go in a group sorted by record start: after those of earlier records. */
function insertionPoint(group: readonly MacUse[], start: number): number {
  let low = 0;
  let high = group.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (group[mid].state.row.start < start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Inserts in document order: by record start, then by `order` inside the record (a binary search). */
function insertInOrder<T extends { state: State; order?: number }>(group: T[], item: T, order: number): void {
  const start = item.state.row.start;
  let low = 0;
  let high = group.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = group[mid];
    const otherStart = other.state.row.start;
    if (otherStart < start || (otherStart === start && (other.order ?? 0) <= order)) low = mid + 1;
    else high = mid;
  }
  group.splice(low, 0, item);
}

/** Keeps the items `keep` accepts, in order, in place. */
function keepOnly<T>(group: T[], keep: (item: T) => boolean): void {
  let kept = 0;
  for (let i = 0; i < group.length; i++) if (keep(group[i])) group[kept++] = group[i];
  group.length = kept;
}

/** A record's CSV errors with current offsets. */
function addErrors(state: State, errors: CsvError[]): void {
  const by = state.row.start - state.base;
  for (const error of state.errors) errors.push(by === 0 ? error : { ...error, start: error.start + by, end: error.end + by });
}
