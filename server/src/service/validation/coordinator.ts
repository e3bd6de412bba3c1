// The one validation coordinator. It feeds records to the rules (per-record checks), keeps what each
// record found (offsets relative to the record, so records that move keep their findings) and the keys it
// adds to the file-wide indexes (unique values, phone MACs), and puts the result together in document
// order. A whole-file validation feeds it every record once; an editing session feeds it the records an
// edit replaced. Checking can stop and go on later, so that a front can answer other requests meanwhile.
import type { CsvModel } from '../csv/model';
import type { HeaderReading } from '../detect';
import type { Dialect } from '../dialects/model';
import { CellText } from '../json/cellText';
import { createJsonCellChecker, macGroupProblems, type JsonCellChecker, type MacPlace, type MacPlaceInRecord, type MacSighting } from '../json/check';
import { detectUnescapedJson, pastedJsonReach } from '../json/unescaped';
import type { DialectMatch, Problem, SourceEncoding, Span, ValidationResult, ValidationSettings } from '../types';
import { ValidationRun } from './context';
import { checkHeader } from './header';
import { KeyIndex } from './keyIndex';
import { byPosition, isOff, moved, ProblemSink, withOverride } from './problems';
import { cellSpan, RecordView } from './record';
import { createRowChecks, looksForPastedJson } from './rowChecks';
import { checkDelimiter, checkEncoding, type RowCheck } from './structure';
import { keyValue, lookupOf, reportDuplicate, uniqueKeys, type UniqueKey } from './uniqueness';

/** Most records find nothing: they share one empty list. */
const NONE: Problem[] = [];

/** How many records are checked between two questions to `shouldYield`. */
const CHECKS_PER_STEP = 64;

/** The U+FFFD characters of the text (the editor's mark of bytes it could not decode). */
export interface ReplacementCharacters {
  first: number;
  count: number;
}

interface PastedMemo {
  /** Relative to the record start; undefined: the record is not a pasted-JSON cascade. */
  problem: Problem | undefined;
  /** How far from the record start the detection may have read. */
  reach: number;
}

/** A MAC of a record's JSON cell, in the file-wide MAC index. */
interface MacUse {
  state: RecordState;
  sighting: MacSighting;
  /** Order of the sighting in its record. */
  order: number;
}

/** What the coordinator keeps about one record. */
class RecordState {
  checked = false;
  /** Findings of the checks before the uniqueness check, then of those after it (relative offsets). */
  before: Problem[] = NONE;
  after: Problem[] = NONE;
  /** How many of `before` and `after` the settings keep. */
  kept = 0;
  macs: MacUse[] | undefined = undefined;
  pasted: PastedMemo | undefined = undefined;
  /** Set by each result: false inside a pasted-JSON cascade (nothing of the record counts then). */
  active = true;

  constructor(
    /** Current record index. */
    public index: number,
    readonly id: number,
  ) {}
}

export interface CoordinatorSetup {
  model: CsvModel;
  dialect: Dialect;
  header: HeaderReading;
  settings: ValidationSettings;
  match: DialectMatch;
}

export class Coordinator {
  private readonly model: CsvModel;
  private readonly settings: ValidationSettings;
  private match: DialectMatch;
  private readonly run: ValidationRun;
  private readonly json: JsonCellChecker;
  private readonly mode: 'empty' | 'delimiter' | 'rows';
  private readonly headerProblems: Problem[];
  private checks: { before: RowCheck[]; after: RowCheck[] } = { before: [], after: [] };
  private keys: UniqueKey[] = [];
  private readonly keyIndex: KeyIndex;
  private readonly pasted: boolean;
  private readonly width: number;
  /** One per record, in record order (states[0] stands for the header and is never checked). */
  private states: RecordState[] = [];
  private readonly byId: Array<RecordState | undefined> = [undefined];
  private readonly freeIds: number[] = [];
  /** Records before this one are all checked. */
  private nextPending = 1;
  private readonly view = new RecordView();
  /** Reads other records (duplicates) while `view` shows the one being checked. */
  private readonly otherView = new RecordView();
  /**
   * Reads back the values the key index compares. Its own view: the index asks while a record's keys are
   * added (from `view`) or removed (from `otherView`), and a shared view would then show another record
   * under the caller's cells.
   */
  private readonly lookupView = new RecordView();
  private readonly macs = new Map<string, MacUse[]>();

  constructor(setup: CoordinatorSetup) {
    const { model, dialect, header, settings, match } = setup;
    this.model = model;
    this.settings = settings;
    this.match = match;
    this.json = createJsonCellChecker();
    this.keyIndex = new KeyIndex((id, key) => this.lookupValue(id, key));
    if (model.recordCount === 0) {
      this.mode = 'empty';
      this.run = undefined as unknown as ValidationRun;
      this.headerProblems = [];
      this.pasted = false;
      this.width = 0;
      return;
    }
    const run = new ValidationRun(model, dialect, settings, this.json);
    this.run = run;
    this.width = model.cellCount(0);
    if (checkDelimiter(run, header)) {
      this.mode = 'delimiter';
      this.pasted = false;
    } else {
      this.mode = 'rows';
      checkHeader(run);
      this.checks = createRowChecks(run);
      this.keys = uniqueKeys(run);
      this.pasted = looksForPastedJson(dialect);
    }
    this.headerProblems = run.problems.splice(0);
    for (let r = 0; r < model.recordCount; r++) this.states.push(this.newState(r));
  }

  /** The same dialect, detected with more or less certainty. */
  rename(match: DialectMatch): void {
    this.match = match;
  }

  /** True when every record is checked. */
  get done(): boolean {
    return this.mode !== 'rows' || this.nextPending >= this.states.length;
  }

  /**
   * Checks records not checked yet, in order, until all are or `shouldYield` says to stop (asked every few
   * records); returns true when all are checked.
   */
  checkPending(shouldYield?: () => boolean): boolean {
    if (this.mode !== 'rows') return true;
    const states = this.states;
    let sinceAsked = 0;
    for (let i = this.nextPending; i < states.length; i++) {
      const state = states[i];
      if (!state.checked) this.check(state);
      this.nextPending = i + 1;
      if (shouldYield && ++sinceAsked >= CHECKS_PER_STEP) {
        sinceAsked = 0;
        if (i + 1 < states.length && shouldYield()) return false;
      }
    }
    return true;
  }

  /** Records [from, to) are about to be replaced: their keys leave the indexes (the model still shows them). */
  forget(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const state = this.states[i];
      if (state.checked) this.unindex(state);
      this.byId[state.id] = undefined;
      this.freeIds.push(state.id);
    }
  }

  /**
   * The model replaced `removed` records at `from` by `added` new ones (not checked yet); the text changed
   * from offset `changedFrom` on.
   */
  spliced(from: number, removed: number, added: number, changedFrom: number): void {
    const states = this.states;
    const delta = added - removed;
    if (delta === 0) {
      // The usual edit: records replaced one for one, nothing after them moves in the list.
      for (let i = 0; i < added; i++) states[from + i] = this.newState(from + i);
    } else {
      const tail = states.length - (from + removed);
      const next: RecordState[] = new Array(states.length + delta);
      for (let i = 0; i < from; i++) next[i] = states[i];
      for (let i = 0; i < added; i++) next[from + i] = this.newState(from + i);
      for (let i = 0; i < tail; i++) {
        const state = states[from + removed + i];
        state.index += delta;
        next[from + added + i] = state;
      }
      this.states = next;
    }
    this.nextPending = Math.min(this.nextPending, Math.max(1, from));
    // A pasted-JSON finding depends on text after its record: drop those that read into the change.
    for (let i = 1; i < Math.min(from, this.states.length); i++) {
      const pasted = this.states[i].pasted;
      if (pasted && this.model.recordStart(i) + pasted.reach > changedFrom) this.states[i].pasted = undefined;
    }
  }

  /**
   * The problems of the text as the settings show them, in document order. Every record's problems lie
   * inside the record: the records in order, each with its problems sorted, give the sorted list; only the
   * problems shown (maxProblems and one more) are made, the others are counted.
   */
  result(replacements: ReplacementCharacters, encoding?: SourceEncoding): ValidationResult {
    if (this.mode === 'empty') return { dialect: this.match, problems: [] };
    const { run, settings, model } = this;
    run.problems.length = 0;
    checkEncoding(run, replacements, encoding);
    const fileProblems = run.problems.splice(0).sort(byPosition);
    const sink = new ProblemSink(settings);
    if (this.mode === 'delimiter') {
      const all = [...fileProblems, ...this.headerProblems];
      for (let r = 0; r < model.recordCount; r++) for (const error of model.recordErrors(r)) all.push({ rule: error.code, severity: 'error', message: error.message, start: error.start, end: error.end });
      sink.add(all);
      return { dialect: this.match, problems: sink.result() };
    }
    this.checkPending();
    const { cascades, suppressed } = this.markActive();
    const duplicates = this.duplicates();
    const macProblems = this.macDuplicates();
    const across = duplicates.size > 0 || macProblems.size > 0;
    let nextFile = 0;
    let nextSuppressed = 0;
    /** The record's problems while problems are still shown; past that, only their number. */
    let group: Problem[] | undefined;
    let count = 0;
    const take = (problem: Problem): void => {
      if (group) group.push(problem);
      else if (!isOff(problem.rule, settings)) count++;
    };
    for (let r = 0; r < this.states.length; r++) {
      const state = this.states[r];
      const start = model.recordStart(r);
      const end = model.recordEnd(r);
      group = sink.full ? undefined : [];
      count = 0;
      while (nextFile < fileProblems.length && fileProblems[nextFile].start < start) sink.add([fileProblems[nextFile++]]);
      for (; nextFile < fileProblems.length && fileProblems[nextFile].start <= end; nextFile++) take(fileProblems[nextFile]);
      if (r === 0) {
        for (const problem of this.headerProblems) take(problem);
      } else if (cascades.size > 0 && cascades.has(state)) {
        take(cascades.get(state)!);
      } else if (state.active) {
        if (group) for (const problem of state.before) group.push(moved(problem, start));
        if (across) for (const problem of duplicates.get(state) ?? NONE) take(problem);
        if (group) for (const problem of state.after) group.push(moved(problem, start));
        else count += state.kept;
      }
      if (model.hasErrors(r)) {
        // Except inside the text of a pasted JSON document: its cascade is explained by one finding.
        for (const error of model.recordErrors(r)) {
          while (nextSuppressed < suppressed.length && suppressed[nextSuppressed].end < error.start) nextSuppressed++;
          const span = suppressed[nextSuppressed];
          if (span && error.start >= span.start && error.start <= span.end) continue;
          take({ rule: error.code, severity: 'error', message: error.message, start: error.start, end: error.end });
        }
      }
      if (across && state.active) for (const problem of macProblems.get(state) ?? NONE) take(problem);
      if (group) {
        if (group.length > 0) sink.add(group);
      } else if (count > 0) {
        sink.count(count);
      }
    }
    while (nextFile < fileProblems.length) sink.add([fileProblems[nextFile++]]);
    return { dialect: this.match, problems: sink.result() };
  }

  // ---------------------------------------------------------------- one record

  private newState(index: number): RecordState {
    const id = this.freeIds.pop() ?? this.byId.length;
    const state = new RecordState(index, id);
    this.byId[id] = state;
    return state;
  }

  /** Runs a record's own checks and files its index keys. */
  private check(state: RecordState): void {
    const view = this.view.show(this.model, state.index, this.width);
    const out = this.run.problems;
    out.length = 0;
    // A broken record's cells may hold other columns' values: its messages quote none of them.
    this.run.rowBroken = view.broken;
    for (const check of this.checks.before) check(view);
    const before = relative(out.splice(0), view.start);
    for (const check of this.checks.after) check(view);
    const after = relative(out.splice(0), view.start);
    this.run.rowBroken = false;
    state.before = before;
    state.after = after;
    state.kept = before.length + after.length === 0 ? 0 : countKept(before, this.settings) + countKept(after, this.settings);
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k];
      const value = keyValue(key, view.cells);
      if (value !== undefined) this.keyIndex.add(k, lookupOf(key, value), state.id);
    }
    const sightings = this.json.takeSightings();
    if (sightings.length > 0) {
      state.macs = sightings.map((sighting, order) => ({ state, sighting, order }));
      for (const use of state.macs) {
        const uses = this.macs.get(use.sighting.key);
        if (uses) uses.push(use);
        else this.macs.set(use.sighting.key, [use]);
      }
    } else {
      state.macs = undefined;
    }
    state.checked = true;
  }

  /** Takes a checked record's keys out of the indexes (read from the model as it still is). */
  private unindex(state: RecordState): void {
    const view = this.otherView.show(this.model, state.index, this.width);
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k];
      const value = keyValue(key, view.cells);
      if (value !== undefined) this.keyIndex.remove(k, lookupOf(key, value), state.id);
    }
    // One pass per MAC group, however many of its uses the record had (a cell may list thousands of phones).
    const keys = new Set<string>();
    for (const use of state.macs ?? []) keys.add(use.sighting.key);
    for (const key of keys) {
      const uses = this.macs.get(key);
      if (!uses) continue;
      const kept = uses.filter((use) => use.state !== state);
      if (kept.length === 0) this.macs.delete(key);
      else this.macs.set(key, kept);
    }
    state.checked = false;
    state.macs = undefined;
  }

  /** A record's value of a unique key, in its lookup form (the index compares values it does not keep). */
  private lookupValue(id: number, key: number): string | undefined {
    const state = this.byId[id];
    if (!state) return undefined;
    const value = keyValue(this.keys[key], this.lookupView.show(this.model, state.index, this.width).cells);
    return value === undefined ? undefined : lookupOf(this.keys[key], value);
  }

  // ---------------------------------------------------------------- across records

  /**
   * Decides which records count: a JSON document pasted without CSV escaping breaks its record into a
   * cascade of CSV errors; such a record is reported once, and the records the pasted text runs over do not
   * count. Returns the cascade finding of each record that is one (current offsets), and the spans the
   * cascades cover, in order.
   */
  private markActive(): { cascades: Map<RecordState, Problem>; suppressed: Span[] } {
    const cascades = new Map<RecordState, Problem>();
    const suppressed: Span[] = [];
    const model = this.model;
    let suppressedEnd = -1;
    for (let i = 1; i < this.states.length; i++) {
      const state = this.states[i];
      const start = model.recordStart(i);
      state.active = start >= suppressedEnd;
      if (!state.active || !this.pasted) continue;
      if (model.cellCount(i) === this.width && !model.hasErrors(i)) continue;
      let memo = state.pasted;
      if (!memo) {
        const view = this.view.show(model, i, this.width);
        const found = detectUnescapedJson(model, view, this.width);
        memo = state.pasted = { problem: found && moved(found, -start), reach: pastedJsonReach(model.text, view) - start };
      }
      if (!memo.problem) continue;
      const problem = moved(memo.problem, start);
      cascades.set(state, problem);
      suppressedEnd = Math.max(model.recordEnd(i), problem.end);
      suppressed.push({ start, end: suppressedEnd });
    }
    return { cascades, suppressed };
  }

  /** The duplicate-value findings of every record that repeats a value of a unique key. */
  private duplicates(): Map<RecordState, Problem[]> {
    const found = new Map<RecordState, Problem[]>();
    if (isOff('duplicate-value', this.settings)) return found;
    const run = this.run;
    for (const { key: k, ids } of this.keyIndex.repeated()) {
      const key = this.keys[k];
      const members: RecordState[] = [];
      for (const id of ids) {
        const state = this.byId[id];
        if (state?.active) members.push(state);
      }
      if (members.length < 2) continue;
      members.sort((a, b) => a.index - b.index);
      const firstView = this.otherView.show(this.model, members[0].index, this.width);
      const firstSpan = cellSpan(firstView.cells[key.index]);
      const firstLine = firstView.line;
      for (let m = 1; m < members.length; m++) {
        const view = this.view.show(this.model, members[m].index, this.width);
        const value = keyValue(key, view.cells);
        if (value === undefined) continue;
        run.problems.length = 0;
        // Either row broken: its cell may hold another column's value, which the message must not show.
        const showValue = !view.broken && !firstView.broken;
        reportDuplicate(run, key, value, cellSpan(view.cells[key.index]), firstSpan, firstLine, showValue);
        const list = found.get(members[m]);
        if (list) for (const problem of run.problems) list.push(problem);
        else found.set(members[m], run.problems.slice());
        run.problems.length = 0;
      }
    }
    return found;
  }

  /** One MAC on two phones anywhere in the file: an error at every place, each naming the others. */
  private macDuplicates(): Map<RecordState, Problem[]> {
    const found = new Map<RecordState, Problem[]>();
    if (this.macs.size === 0 || isOff('json-duplicate-mac', this.settings)) return found;
    const lines = new RecordLines(this.model);
    for (const uses of this.macs.values()) {
      if (uses.length < 2) continue;
      const active = activeInOrder(uses);
      if (active.length < 2) continue;
      const places = active.map(this.macLocator(lines));
      const problems = macGroupProblems(places);
      active.forEach((use, i) => {
        const list = found.get(use.state);
        if (list) list.push(problems[i]);
        else found.set(use.state, [problems[i]]);
      });
    }
    return found;
  }

  /** Every phone of the checked records with MAC `key` (lowercase hex digits), in document order. */
  macPlaces(key: string): MacPlaceInRecord[] {
    const locate = this.macLocator(new RecordLines(this.model));
    return activeInOrder(this.macs.get(key) ?? []).map((use) => ({ ...locate(use), record: use.state.index, column: use.sighting.column }));
  }

  /** Finds uses in the text; one parse per cell locates all its MACs. */
  private macLocator(lines: RecordLines): (use: MacUse) => MacPlace {
    const model = this.model;
    const cells = new Map<string, CellText>();
    return (use) => {
      const r = use.state.index;
      const column = use.sighting.column;
      const cellKey = `${r}:${column}`;
      let text = cells.get(cellKey);
      if (!text) cells.set(cellKey, (text = new CellText(model.content(r, column), model.isQuoted(r, column))));
      const contentStart = model.contentStart(r, column);
      const span = text.locate(use.sighting.path, 'content');
      const start = contentStart + span.start;
      return { text: use.sighting.text, start, end: contentStart + span.end, line: lines.lineOf(r, start) };
    };
  }
}

/** The uses of records that count (not inside a pasted-JSON cascade), by record and then order in it. */
function activeInOrder(uses: readonly MacUse[]): MacUse[] {
  return uses.filter((use) => use.state.active).sort((a, b) => a.state.index - b.state.index || a.order - b.order);
}

/** Problems moved to offsets relative to their record's start (an empty list becomes the shared one). */
function relative(problems: Problem[], start: number): Problem[] {
  if (problems.length === 0) return NONE;
  return problems.map((problem) => moved(problem, -start));
}

function countKept(problems: readonly Problem[], settings: ValidationSettings): number {
  let kept = 0;
  for (const problem of problems) if (withOverride(problem, settings)) kept++;
  return kept;
}

/** 1-based lines of offsets inside records: each record's line breaks are found once, then searched. */
class RecordLines {
  private readonly breaks = new Map<number, number[]>();
  constructor(private readonly model: CsvModel) {}

  lineOf(record: number, offset: number): number {
    let breaks = this.breaks.get(record);
    if (!breaks) {
      breaks = [];
      const text = this.model.text;
      for (let i = this.model.recordStart(record); i < this.model.recordEnd(record); i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) breaks.push(i);
      }
      this.breaks.set(record, breaks);
    }
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (breaks[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return this.model.recordLine(record) + low + 1;
  }
}
