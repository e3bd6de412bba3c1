// Which dialect a CSV is, from its header (spec: "Detection"). A file whose header matches no dialect is
// not a user CSV and gets no diagnostics at all.
import type { Dialect } from './dialects/model';
import type { CsvDocument } from './types';

export interface HeaderReading {
  /** Column names as the importer would read them. */
  names: string[];
  /** Set when the header is not comma-separated but uses this delimiter (spreadsheet locales). */
  delimiter?: ';' | '\t';
}

export interface Detected {
  dialect: Dialect;
  /** True when the header fits several dialects of a family and none showed a sign: the family default was taken. */
  guessed: boolean;
  header: HeaderReading;
}

/** The header's column names; a header with no comma but `;` or tabs is split on that delimiter. */
export function readHeader(doc: CsvDocument): HeaderReading | undefined {
  const header = doc.rows[0];
  if (!header) return undefined;
  if (header.cells.length === 1) {
    const raw = doc.text.slice(header.start, header.end);
    for (const delimiter of [';', '\t'] as const) {
      if (raw.includes(delimiter)) return { names: raw.split(delimiter).map(unquote), delimiter };
    }
  }
  return { names: header.cells.map((c) => c.value) };
}

function unquote(name: string): string {
  const trimmed = name.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"') : trimmed;
}

/** How well a header fits a dialect's signature: undefined when it does not match at all. */
export function signatureScore(names: ReadonlySet<string>, dialect: Dialect): number | undefined {
  const d = dialect.detection;
  if (!d.allOf.every((n) => names.has(n))) return undefined;
  if (d.noneOf.some((n) => names.has(n))) return undefined;
  let any = 0;
  for (const n of d.anyOf) if (names.has(n)) any++;
  if (any < d.minAnyOf) return undefined;
  if (d.allOf.length === 0 && d.anyOf.length === 0) return undefined; // a dialect without signature is never detected
  return d.allOf.length + any;
}

/** Number of signs (sign columns, sign keys inside JSON cells) of a dialect the file shows. */
function countSigns(doc: CsvDocument, header: HeaderReading, names: ReadonlySet<string>, dialect: Dialect): number {
  let signs = 0;
  for (const column of dialect.detection.signColumns) if (names.has(column)) signs++;
  for (const { column, keys } of dialect.detection.signJsonKeys) {
    const index = header.names.indexOf(column);
    if (index < 0 || header.delimiter) continue;
    const quotedKeys = keys.map((k) => JSON.stringify(k));
    const found = new Set<string>();
    for (let r = 1; r < doc.rows.length && found.size < quotedKeys.length; r++) {
      const value = doc.rows[r].cells[index]?.value;
      if (!value) continue;
      for (const key of quotedKeys) if (value.includes(key)) found.add(key);
    }
    signs += found.size;
  }
  return signs;
}

export function detectDialect(doc: CsvDocument, dialects: readonly Dialect[]): Detected | undefined {
  const header = readHeader(doc);
  if (!header) return undefined;
  const names = new Set(header.names);
  const candidates: Array<{ dialect: Dialect; score: number }> = [];
  for (const dialect of dialects) {
    if (!dialect.detection.auto) continue;
    const score = signatureScore(names, dialect);
    if (score !== undefined) candidates.push({ dialect, score });
  }
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  const family = candidates.filter((c) => c.dialect.detection.family === best.dialect.detection.family);
  if (family.length === 1) return { dialect: family[0].dialect, guessed: false, header };

  let signed: { dialect: Dialect; signs: number; score: number } | undefined;
  for (const c of family) {
    const signs = countSigns(doc, header, names, c.dialect);
    if (signs > 0 && (!signed || signs > signed.signs || (signs === signed.signs && c.score > signed.score))) {
      signed = { ...c, signs };
    }
  }
  if (signed) return { dialect: signed.dialect, guessed: false, header };
  const fallback = family.find((c) => c.dialect.detection.default) ?? best;
  return { dialect: fallback.dialect, guessed: true, header };
}
