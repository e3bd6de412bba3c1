// Validation of the JSON documents held in CSV cells (office hours, forward rules, BLFs, phones).
// Each distinct cell text is checked once per checker (the same JSON repeats on thousands of rows):
// problems are cached relative to the cell start and shifted onto every cell that repeats the text.
// A checker may live as long as an editing session (incremental validation), so what it keeps never
// shares storage with a document text (see incremental/detach.ts).
import { appendAll } from '../arrays';
import type { PatternEngine } from '../dialects/patterns';
import { detach } from '../incremental/detach';
import type { Cell, CsvDocument, Problem, RelatedInformation, Row, Span, ValidationSettings } from '../types';
import { CellText } from './cellText';
import { checkCustomOptions as checkCustomOptionsText } from './customOptions';
import type { Finding, MacUse } from './findings';
import { loadJsonSchema } from './schemas';
import { schemaFindings } from './schemaErrors';
import { semanticFindings } from './semantic';
import { firstSyntaxError } from './syntax';

export { jsonRules } from './rules';
export { detectUnescapedJson } from './unescaped';
export { loadJsonSchema } from './schemas';

/** A duplicate MAC's problem names at most this many of the other places (lines in its message, related entries). */
export const MAX_SHOWN_PLACES = 10;

/** Deeper JSON is reported as one problem and not parsed: the position-aware parser recurses per level. */
export const MAX_JSON_DEPTH = 100;

/** True when brackets and braces (outside strings) nest deeper than `limit`; stops reading once they do. */
export function nestsDeeperThan(json: string, limit: number): boolean {
  if (json.length <= limit) return false; // nesting deeper than `limit` takes more than `limit` brackets
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return false;
}

/** The one problem of a JSON text nested too deeply to check, at the start of its cell; spans relative to the cell. */
function tooDeep(): Problem {
  return { rule: 'json-syntax', severity: 'error', message: `JSON nested too deeply (more than ${MAX_JSON_DEPTH} levels)`, start: 0, end: 1 };
}

/**
 * custom_options: "if it looks like JSON it must parse". JSON that does not parse and nests too deeply to
 * be located is reported as such (deep JSON that parses is fine: nothing then needs locating).
 */
export function checkCustomOptions(doc: CsvDocument, cell: Cell): Problem[] {
  const raw = doc.text.slice(cell.start, cell.end);
  const trimmed = raw.trimStart();
  if (trimmed[0] === '{' || trimmed[0] === '[') {
    const json = new CellText(raw, cell.quoted).json;
    if (nestsDeeperThan(json, MAX_JSON_DEPTH) && !parses(json)) return [shift(tooDeep(), cell.start)];
  }
  return checkCustomOptionsText(doc, cell);
}

function parses(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}

/** What the validation engine knows about an embedded-JSON column. */
export interface JsonColumn {
  /** Header name, e.g. `office_hours`. */
  name: string;
  /** Absolute path of the column's JSON Schema file (resolved by the dialect loader). */
  schemaPath: string;
  /** The engine of the schema's patterns (default native: a trusted, built-in schema). */
  engine?: PatternEngine;
  /**
   * No message quotes a value of the cell: the column is secret, or the row is broken and the cell may
   * hold another column's value (a password, say). Verdicts are kept apart from those that quote.
   */
  hideValues?: boolean;
}

/** A phone MAC address seen in a JSON cell, for the file-wide duplicate check. */
export class MacSighting {
  private located: Span | undefined;
  constructor(
    /** The cell's text (the verdict's), where the MAC is located when first asked. */
    private readonly cellText: CellText,
    private readonly use: MacUse,
    /** Document offset of the cell's content when it was checked. */
    readonly cellStart: number,
    /** The row it was seen in, when it was checked. */
    readonly row: Row,
  ) {}

  /** Lowercase hex digits without separators. */
  get key(): string {
    return this.use.key;
  }

  /** As written. */
  get text(): string {
    return this.use.text;
  }

  /** Span of the MAC's characters relative to the cell start (located once, when first asked). */
  span(): Span {
    return (this.located ??= this.cellText.locate(this.use.path, 'content'));
  }
}

/** Where a MAC sits in the document: offsets and 1-based line. */
export interface MacPlace extends Span {
  text: string;
  line: number;
}

/**
 * One per validation run, or one per editing session: caches verdicts by cell text, gathers the MACs seen
 * for the cross-row duplicate check.
 */
export interface JsonCellChecker {
  /** Problems of one non-empty JSON cell, with spans in document offsets. */
  check(doc: CsvDocument, row: Row, cell: Cell, column: JsonColumn): Problem[];
  /** Cross-row problems (e.g. one MAC on two phones) over every sighting not yet taken, once every row was checked. */
  finish(): Problem[];
  /** The MAC sightings of the cells checked since the last call (and forgets them): incremental validation keeps them per row. */
  takeSightings(): MacSighting[];
}

/** The verdict on one distinct cell text; spans are relative to the start of the cell's raw text. */
interface CellVerdict {
  problems: Problem[];
  macs: MacUse[];
  /** Kept only to locate MACs later: a verdict without MACs needs its text no more. */
  text?: CellText;
}

/**
 * The verdict of every text with nothing to report and no MAC, shared: most cells of a bulk file are
 * such, and the cache then keeps just their text as the key.
 */
const CLEAN: CellVerdict = Object.freeze({ problems: Object.freeze([]) as unknown as Problem[], macs: Object.freeze([]) as unknown as MacUse[] });

/** A long editing session would otherwise keep the verdict of every text ever typed into a JSON cell. */
const MAX_CACHED_VERDICTS = 200_000;

/**
 * Verdicts by column (schema file, then header name), by quoting, then by the cell's raw text. Nesting
 * the maps keeps the per-cell lookup key the raw text alone: a key built by concatenation would be a new
 * string to flatten and hash on every cell, which cost more than all the checking of the cached texts.
 * The raw text looked up is a slice of the document (no copy); only a missed text is copied to be kept.
 */
class VerdictCache {
  private bySchema = new Map<string, Map<string, { quoted: Map<string, CellVerdict>; unquoted: Map<string, CellVerdict> }>>();
  private size = 0;

  /** The verdicts of one column's quoted or unquoted cells. */
  of(column: JsonColumn, quoted: boolean): Map<string, CellVerdict> {
    let byName = this.bySchema.get(column.schemaPath);
    if (!byName) this.bySchema.set(column.schemaPath, (byName = new Map()));
    const name = column.hideValues ? `\u0000${column.name}` : column.name; // no header name starts with U+0000
    let maps = byName.get(name);
    if (!maps) byName.set(name, (maps = { quoted: new Map(), unquoted: new Map() }));
    return quoted ? maps.quoted : maps.unquoted;
  }

  /** Keeps a verdict (the caller checked the text is not there yet); forgets them all when full. */
  add(verdicts: Map<string, CellVerdict>, key: string, verdict: CellVerdict): void {
    if (this.size >= MAX_CACHED_VERDICTS) {
      for (const byName of this.bySchema.values()) {
        for (const maps of byName.values()) {
          maps.quoted.clear();
          maps.unquoted.clear();
        }
      }
      this.size = 0;
    }
    verdicts.set(key, verdict);
    this.size++;
  }
}

export function createJsonCellChecker(_dialectId: string, _settings: ValidationSettings): JsonCellChecker {
  const cache = new VerdictCache();
  let sightings: MacSighting[] = [];
  /** The text of the document being checked, for line numbers in finish(); dropped as soon as not needed. */
  let docText = '';
  return {
    check(doc, row, cell, column) {
      docText = doc.text;
      const raw = doc.text.slice(cell.start, cell.end);
      const verdicts = cache.of(column, cell.quoted);
      let verdict = verdicts.get(raw);
      if (!verdict) {
        const kept = detach(raw);
        verdict = judge(new CellText(kept, cell.quoted), column);
        cache.add(verdicts, kept, verdict);
      }
      const macs = verdict.macs;
      const text = verdict.text;
      if (text) for (let i = 0; i < macs.length; i++) sightings.push(new MacSighting(text, macs[i], cell.start, row));
      const problems = verdict.problems;
      return problems.length === 0 ? [] : problems.map((p) => shift(p, cell.start));
    },
    finish() {
      const groups = new Map<string, MacSighting[]>();
      for (const s of sightings) {
        const group = groups.get(s.key);
        if (group) group.push(s);
        else groups.set(s.key, [s]);
      }
      const lines = new RowLines(docText);
      sightings = [];
      docText = '';
      const places: MacPlace[][] = [];
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        places.push(
          group.map((s) => {
            const relative = s.span();
            const start = relative.start + s.cellStart;
            return { text: s.text, start, end: relative.end + s.cellStart, line: lines.lineOf(s.row, start) };
          }),
        );
      }
      return duplicateMacProblems(places);
    },
    takeSightings() {
      const taken = sightings;
      sightings = [];
      docText = '';
      return taken;
    },
  };
}

/** Syntax first (JSON.parse; the position-aware parse only to locate), then schema, then semantic checks. */
function judge(text: CellText, column: JsonColumn): CellVerdict {
  if (nestsDeeperThan(text.json, MAX_JSON_DEPTH)) {
    text.release();
    return { macs: [], problems: [tooDeep()] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.json);
  } catch {
    const syntax = firstSyntaxError(text.json, text.parse().errors);
    const span = text.toRaw(syntax.start, syntax.end);
    text.release();
    return { macs: [], problems: [{ rule: 'json-syntax', severity: 'error', message: syntax.message, ...span }] };
  }
  let validation;
  try {
    validation = loadJsonSchema(column.schemaPath, column.engine)(value);
  } catch {
    // A missing or broken schema file is the dialect loader's to report; the syntax check still stands.
    text.release();
    return CLEAN;
  }
  const hide = column.hideValues === true;
  const semantic = semanticFindings(validation.sites, value, column.name, hide);
  const errors = validation.errors;
  if (errors.length === 0 && semantic.findings.length === 0 && semantic.macs.length === 0) {
    text.release();
    return CLEAN;
  }
  const findings = errors.length === 0 ? semantic.findings : [...schemaFindings(errors, value, column.name, hide), ...semantic.findings];
  const problems = findings.map((f) => locate(f, text)).sort((a, b) => a.start - b.start || a.end - b.end);
  text.release();
  return semantic.macs.length === 0 ? { problems, macs: [] } : { problems, macs: semantic.macs, text };
}

function locate(finding: Finding, text: CellText): Problem {
  const problem: Problem = {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    ...text.locate(finding.path, finding.target),
  };
  if (finding.data) problem.data = finding.data;
  if (finding.tags) problem.tags = finding.tags;
  if (finding.related) {
    problem.related = finding.related.map((r) => ({ message: r.message, ...text.locate(r.path, r.target) }));
  }
  return problem;
}

function shift(problem: Problem, by: number): Problem {
  const shifted: Problem = { ...problem, start: problem.start + by, end: problem.end + by };
  if (problem.data) shifted.data = { ...problem.data };
  if (problem.related) shifted.related = problem.related.map((r) => ({ ...r, start: r.start + by, end: r.end + by }));
  return shifted;
}

/**
 * One MAC on two phones anywhere in the file: an error at every place, each pointing at the others.
 * `groups`: the places of each MAC seen more than once, in document order.
 */
export function duplicateMacProblems(groups: readonly MacPlace[][]): Problem[] {
  const problems: Problem[] = [];
  for (const places of groups) appendAll(problems, macGroupProblems(places));
  return problems;
}

/** The problems of one MAC's places (two or more, in document order): one per place, in the same order. */
export function macGroupProblems(places: readonly MacPlace[]): Problem[] {
  const problems: Problem[] = [];
  if (places.length >= 2) {
    // Each problem names at most MAX_SHOWN_PLACES of the other places and lines, so that a MAC copied onto
    // thousands of rows costs thousands of problems, not millions of references. A place's other lines are
    // all lines but its own when it is alone there.
    // Lines in document order with their number of places, counted once: the lines a place names are the
    // first of them (its own only when another place shares it), found without rescanning the places.
    const placesOnLine = new Map<number, number>();
    for (const place of places) placesOnLine.set(place.line, (placesOnLine.get(place.line) ?? 0) + 1);
    const firstLines: number[] = [];
    for (const line of placesOnLine.keys()) {
      if (firstLines.length > MAX_SHOWN_PLACES) break;
      firstLines.push(line);
    }
    for (const place of places) {
      const alone = placesOnLine.get(place.line) === 1;
      const otherLineCount = placesOnLine.size - (alone ? 1 : 0);
      const shownLines: number[] = [];
      for (let i = 0; i < firstLines.length && shownLines.length < Math.min(MAX_SHOWN_PLACES, otherLineCount); i++) {
        if (!(alone && firstLines[i] === place.line)) shownLines.push(firstLines[i]);
      }
      const more = otherLineCount - shownLines.length;
      const related: RelatedInformation[] = [];
      for (let i = 0; i < places.length && related.length < MAX_SHOWN_PLACES; i++) {
        const other = places[i];
        if (other !== place) related.push({ start: other.start, end: other.end, message: `the same MAC on line ${other.line}` });
      }
      problems.push({
        rule: 'json-duplicate-mac',
        severity: 'error',
        message: `MAC ${place.text} is also used on line ${shownLines.join(', ')}${more > 0 ? ` and ${more} more line${more === 1 ? '' : 's'}` : ''}: provisioning will fail`,
        start: place.start,
        end: place.end,
        related,
      });
    }
  }
  return problems;
}

/**
 * 1-based lines of offsets inside rows. Each row's line breaks are found once, then a line is a binary
 * search: thousands of MACs in one cell (or one row per MAC group) cost one scan of the row, not one each.
 * Lives for one pass over the problems (row offsets move between passes of an editing session).
 */
export class RowLines {
  private readonly breaks = new Map<Row, number[]>();

  constructor(private readonly text: string) {}

  lineOf(row: Row, offset: number): number {
    let breaks = this.breaks.get(row);
    if (!breaks) {
      breaks = [];
      const text = this.text;
      for (let i = row.start; i < row.end; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) breaks.push(i);
      }
      this.breaks.set(row, breaks);
    }
    // Line breaks before `offset`.
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (breaks[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return row.line + low + 1;
  }
}
