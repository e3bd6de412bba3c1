// Validation of the JSON documents held in CSV cells (office hours, forward rules, BLFs, phones).
// Each distinct cell text is checked once per checker (the same JSON repeats on thousands of rows):
// problems are cached relative to the cell start and shifted onto every cell that repeats the text.
// A checker may live as long as an editing session (incremental validation), so what it keeps never
// shares storage with a document text (see incremental/detach.ts).
import { detach } from '../text/detach';
import type { Cell, CsvDocument, Problem, RelatedInformation, Row, Span } from '../types';
import { CellText } from './cellText';
import { checkCustomOptions as checkCustomOptionsText } from './customOptions';
import type { Finding, MacUse } from './findings';
import type { ColumnSchema } from '../dialects/model';
import { schemaFindings } from './schemaErrors';
import { semanticFindings } from './semantic';
import { firstSyntaxError } from './syntax';

export { jsonRules } from './rules';
export { detectUnescapedJson } from './unescaped';

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

/** The one problem of a JSON text nested too deeply to check, at its start; spans relative to the text. */
export function tooDeep(): Problem {
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
  schema: ColumnSchema;
  /**
   * No message quotes a value of the cell: the column is secret, or the row is broken and the cell may
   * hold another column's value (a password, say). Verdicts are kept apart from those that quote.
   */
  hideValues?: boolean;
}

/** A phone MAC address seen in a JSON cell, for the file-wide duplicate check. */
export interface MacSighting extends MacUse {
  /** Header position of the cell's column. */
  column: number;
}

/** Where a MAC sits in the document: offsets and 1-based line. */
export interface MacPlace extends Span {
  text: string;
  line: number;
}

/** A MAC's place, with the record and the column of its cell. */
export interface MacPlaceInRecord extends MacPlace {
  record: number;
  column: number;
}

/**
 * One per validation (an editing session keeps its own): caches verdicts by cell text and notes the MACs
 * seen for the cross-record duplicate check.
 */
export interface JsonCellChecker {
  /** Problems of one non-empty JSON cell, with spans in document offsets. */
  check(doc: CsvDocument, row: Row, cell: Cell, column: JsonColumn): Problem[];
  /** The MAC sightings of the cells checked since the last call (and forgets them). */
  takeSightings(): MacSighting[];
}

/** The verdict on one distinct cell text; spans are relative to the start of the cell's raw text. */
interface CellVerdict {
  problems: Problem[];
  macs: MacUse[];
}

/**
 * The verdict of every text with nothing to report and no MAC, shared: most cells of a bulk file are
 * such, and the cache then keeps just their text as the key.
 */
const CLEAN: CellVerdict = Object.freeze({ problems: Object.freeze([]) as unknown as Problem[], macs: Object.freeze([]) as unknown as MacUse[] });

/**
 * The cache forgets every verdict past this many characters of kept cell texts: texts that repeat (office
 * hours, forward rules) are judged again after that, texts seen once (a phone with its own MAC) do not
 * pile up for the life of an editing session.
 */
const MAX_CACHED_CHARACTERS = 4_000_000;

/** After this many cells of a column, a column whose texts rarely repeat is no longer cached. */
const SAMPLE_CELLS = 512;
const MIN_HIT_RATE = 1 / 8;

/** The verdicts of one column's quoted or unquoted cells, and how often they were of use. */
interface ColumnVerdicts {
  verdicts: Map<string, CellVerdict>;
  lookups: number;
  hits: number;
  /** Set once the column's texts proved unique (each phone its own MAC): looking up costs more than it saves. */
  bypass: boolean;
}

/**
 * Verdicts by column (schema, then header name), by quoting, then by the cell's raw text. Nesting the maps
 * keeps the per-cell lookup key the raw text alone: a key built by concatenation would be a new string to
 * flatten and hash on every cell. The raw text looked up is a slice of the document (no copy); only a
 * missed text is copied to be kept.
 */
class VerdictCache {
  private bySchema = new Map<string, Map<string, { quoted: ColumnVerdicts; unquoted: ColumnVerdicts }>>();
  private characters = 0;

  of(column: JsonColumn, quoted: boolean): ColumnVerdicts {
    let byName = this.bySchema.get(column.schema.uri);
    if (!byName) this.bySchema.set(column.schema.uri, (byName = new Map()));
    const name = column.hideValues ? `\u0000${column.name}` : column.name; // no header name starts with U+0000
    let maps = byName.get(name);
    if (!maps) byName.set(name, (maps = { quoted: newColumn(), unquoted: newColumn() }));
    return quoted ? maps.quoted : maps.unquoted;
  }

  /** The verdict on a text: from the cache, or judged (and kept, unless the column's texts do not repeat). */
  verdict(entry: ColumnVerdicts, raw: string, quoted: boolean, column: JsonColumn): CellVerdict {
    if (entry.bypass) return judge(new CellText(raw, quoted), column);
    entry.lookups++;
    const cached = entry.verdicts.get(raw);
    if (cached) {
      entry.hits++;
      return cached;
    }
    const kept = detach(raw);
    const verdict = judge(new CellText(kept, quoted), column);
    if (entry.lookups >= SAMPLE_CELLS && entry.hits < entry.lookups * MIN_HIT_RATE) {
      entry.bypass = true;
      this.characters -= [...entry.verdicts.keys()].reduce((sum, key) => sum + key.length, 0);
      entry.verdicts.clear();
      return verdict;
    }
    this.add(entry, kept, verdict);
    return verdict;
  }

  /** Keeps a verdict; forgets them all when full. */
  private add(entry: ColumnVerdicts, key: string, verdict: CellVerdict): void {
    if (this.characters + key.length > MAX_CACHED_CHARACTERS) {
      for (const byName of this.bySchema.values()) {
        for (const maps of byName.values()) {
          maps.quoted.verdicts.clear();
          maps.unquoted.verdicts.clear();
        }
      }
      this.characters = 0;
    }
    entry.verdicts.set(key, verdict);
    this.characters += key.length;
  }
}

function newColumn(): ColumnVerdicts {
  return { verdicts: new Map(), lookups: 0, hits: 0, bypass: false };
}

export function createJsonCellChecker(): JsonCellChecker {
  const cache = new VerdictCache();
  let sightings: MacSighting[] = [];
  return {
    check(doc, _row, cell, column) {
      const raw = doc.text.slice(cell.start, cell.end);
      const verdict = cache.verdict(cache.of(column, cell.quoted), raw, cell.quoted, column);
      const macs = verdict.macs;
      for (let i = 0; i < macs.length; i++) sightings.push({ ...macs[i], column: cell.column });
      const problems = verdict.problems;
      return problems.length === 0 ? [] : problems.map((p) => shift(p, cell.start));
    },
    takeSightings() {
      const taken = sightings;
      sightings = [];
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
  const validation = column.schema.validate(value);
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
  return { problems, macs: semantic.macs };
}

/** A finding as a problem at its place in the text (spans relative to the start of its raw text). */
export function locate(finding: Finding, text: CellText): Problem {
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
