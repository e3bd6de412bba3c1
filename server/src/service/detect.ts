// Which dialect a CSV is, from its header (spec: "Detection"). A file whose header matches no dialect is
// not a user CSV and gets no diagnostics at all.
import type { Dialect } from './dialects/model';
import type { CsvDocument } from './types';

/** Delimiters a header may use instead of commas (spreadsheet locales, old formats). */
export const OTHER_DELIMITERS = [';', '\t', '|'] as const;
export type Delimiter = (typeof OTHER_DELIMITERS)[number];

export interface HeaderReading {
  /** Column names as the importer would read them. */
  names: string[];
  /** Set when the header is not comma-separated but uses this delimiter. */
  delimiter?: Delimiter;
}

export interface Detected {
  dialect: Dialect;
  /** True when the header fits several dialects of a family and none showed a sign: the family default was taken. */
  guessed: boolean;
  header: HeaderReading;
}

/** The header's column names; a header with no comma but `;`, tabs or `|` is split on that delimiter. */
export function readHeader(doc: CsvDocument): HeaderReading | undefined {
  if (doc.recordCount === 0) return undefined;
  const count = doc.cellCount(0);
  if (count === 1) {
    const raw = doc.text.slice(doc.recordStart(0), doc.recordEnd(0));
    for (const delimiter of OTHER_DELIMITERS) {
      if (raw.includes(delimiter)) return { names: raw.split(delimiter).map(unquote), delimiter };
    }
  }
  const names: string[] = [];
  for (let c = 0; c < count; c++) names.push(doc.value(0, c));
  return { names };
}

function unquote(name: string): string {
  const trimmed = name.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"') : trimmed;
}

/** The renames of the dialect's old format that apply to a header in that format (old name → current name). */
export function legacyRenames(header: HeaderReading, dialect: Dialect): Array<[string, string]> {
  const legacy = dialect.legacyFormat;
  if (!legacy || header.delimiter !== legacy.delimiter) return [];
  return header.names.flatMap((name) => {
    const current = legacy.renames.get(name);
    return current !== undefined && current !== name ? [[name, current] as [string, string]] : [];
  });
}

/** The header's names as the dialect reads them: a header in its old format, renamed. */
function namesFor(header: HeaderReading, names: ReadonlySet<string>, dialect: Dialect): ReadonlySet<string> {
  const renames = legacyRenames(header, dialect);
  if (renames.length === 0) return names;
  const renamed = new Map(renames);
  return new Set(header.names.map((name) => renamed.get(name) ?? name));
}

/** How well a header fits a dialect's signature: undefined when it does not match at all. */
export function signatureScore(names: ReadonlySet<string>, dialect: Dialect): number | undefined {
  const d = dialect.detection;
  if (d.noneOf.some((n) => names.has(n))) return undefined;
  let best: number | undefined;
  for (const signature of d.signatures) {
    if (!signature.allOf.every((n) => names.has(n))) continue;
    let any = 0;
    for (const n of signature.anyOf) if (names.has(n)) any++;
    if (any < signature.minAnyOf) continue;
    const score = signature.allOf.length + any;
    if (best === undefined || score > best) best = score;
  }
  return best;
}

/**
 * Whether some data row's cell in column `index` contains `quotedKey` (a JSON key with its quotes).
 * Incremental validation answers from counts it keeps per row instead of reading every row again.
 */
export type JsonKeyPresence = (index: number, quotedKey: string) => boolean;

/** The JSON keys that detection may look for in the data rows under this header, by column index. */
export function signKeyProbes(header: HeaderReading, dialects: readonly Dialect[]): Array<{ index: number; quotedKey: string }> {
  const probes: Array<{ index: number; quotedKey: string }> = [];
  if (header.delimiter) return probes;
  for (const dialect of dialects) {
    if (!dialect.detection.auto) continue;
    for (const { column, keys } of dialect.detection.signJsonKeys) {
      const index = header.names.indexOf(column);
      if (index < 0) continue;
      for (const key of keys) {
        const quotedKey = JSON.stringify(key);
        if (!probes.some((p) => p.index === index && p.quotedKey === quotedKey)) probes.push({ index, quotedKey });
      }
    }
  }
  return probes;
}

/** Number of the dialect's sign columns in the header. */
function countSignColumns(names: ReadonlySet<string>, dialect: Dialect): number {
  let signs = 0;
  for (const column of dialect.detection.signColumns) if (names.has(column)) signs++;
  return signs;
}

/** Most sign keys the file could show for a dialect: its distinct keys of JSON columns in the header. */
function possibleSignKeys(header: HeaderReading, dialect: Dialect): number {
  if (header.delimiter) return 0;
  let possible = 0;
  for (const { column, keys } of dialect.detection.signJsonKeys) {
    if (header.names.indexOf(column) >= 0) possible += new Set(keys.map((k) => JSON.stringify(k))).size;
  }
  return possible;
}

/** Number of sign keys of a dialect found inside the JSON cells of the data rows. */
function countSignKeys(doc: CsvDocument, header: HeaderReading, dialect: Dialect, present?: JsonKeyPresence): number {
  let signs = 0;
  for (const { column, keys } of dialect.detection.signJsonKeys) {
    const index = header.names.indexOf(column);
    if (index < 0 || header.delimiter) continue;
    const quotedKeys = keys.map((k) => JSON.stringify(k));
    if (present) {
      signs += new Set(quotedKeys.filter((key) => present(index, key))).size;
      continue;
    }
    const found = new Set<string>();
    for (let r = 1; r < doc.recordCount && found.size < quotedKeys.length; r++) {
      // The cell's text as written: a quoted JSON cell writes "key" as ""key"", which holds "key" too.
      const written = doc.content(r, index);
      if (!written) continue;
      for (const key of quotedKeys) if (written.includes(key)) found.add(key);
    }
    signs += found.size;
  }
  return signs;
}

/**
 * The candidate whose sign columns alone outnumber every other candidate's most possible signs: it wins
 * whatever the data rows hold, so they need not be read (a 40k-row file would be searched for keys).
 */
function winnerByColumns(
  family: ReadonlyArray<{ dialect: Dialect; score: number }>,
  header: HeaderReading,
  names: ReadonlySet<string>,
): Dialect | undefined {
  const columnSigns = family.map((c) => countSignColumns(names, c.dialect));
  const possible = family.map((c, i) => columnSigns[i] + possibleSignKeys(header, c.dialect));
  for (let a = 0; a < family.length; a++) {
    if (family.every((_, b) => b === a || possible[b] < columnSigns[a])) return family[a].dialect;
  }
  return undefined;
}

export function detectDialect(doc: CsvDocument, dialects: readonly Dialect[], present?: JsonKeyPresence): Detected | undefined {
  const header = readHeader(doc);
  if (!header) return undefined;
  const names = new Set(header.names);
  const candidates: Array<{ dialect: Dialect; score: number }> = [];
  for (const dialect of dialects) {
    if (!dialect.detection.auto) continue;
    const score = signatureScore(namesFor(header, names, dialect), dialect);
    if (score !== undefined) candidates.push({ dialect, score });
  }
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  const family = candidates.filter((c) => c.dialect.detection.family === best.dialect.detection.family);
  if (family.length === 1) return { dialect: family[0].dialect, guessed: false, header };

  const sure = winnerByColumns(family, header, names);
  if (sure) return { dialect: sure, guessed: false, header };
  let signed: { dialect: Dialect; signs: number; score: number } | undefined;
  for (const c of family) {
    const signs = countSignColumns(names, c.dialect) + countSignKeys(doc, header, c.dialect, present);
    if (signs > 0 && (!signed || signs > signed.signs || (signs === signed.signs && c.score > signed.score))) {
      signed = { ...c, signs };
    }
  }
  if (signed) return { dialect: signed.dialect, guessed: false, header };
  const fallback = family.find((c) => c.dialect.detection.default) ?? best;
  return { dialect: fallback.dialect, guessed: true, header };
}
