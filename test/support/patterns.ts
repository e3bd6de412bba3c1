// The regular expressions of the built-in dialect files and JSON Schemas, found by walking their JSON
// (they are data, written by others, and may change at any time).
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface FoundPattern {
  /** Relative to the schemas folder. */
  file: string;
  where: string;
  source: string;
}

/** Strings under a `pattern` key, and the keys of `patternProperties`, anywhere in the JSON. */
export function collectPatterns(value: unknown, file: string, where: string, out: FoundPattern[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectPatterns(item, file, `${where}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'pattern' && typeof child === 'string') out.push({ file, where: `${where}.pattern`, source: child });
      if (key === 'patternProperties' && child !== null && typeof child === 'object') {
        for (const p of Object.keys(child)) out.push({ file, where: `${where}.patternProperties`, source: p });
      }
      collectPatterns(child, file, `${where}.${key}`, out);
    }
  }
}

/** The dialect files and JSON Schemas of a schemas folder. */
export function patternFiles(schemas: string): string[] {
  const top = readdirSync(schemas).filter((f) => f.endsWith('.json')).map((f) => path.join(schemas, f));
  const json = readdirSync(path.join(schemas, 'json')).filter((f) => f.endsWith('.json')).map((f) => path.join(schemas, 'json', f));
  return [...top, ...json];
}

/** Every pattern of the built-in files, once per distinct source (the first place it appears). */
export function builtInPatterns(schemas: string): { found: FoundPattern[]; distinct: FoundPattern[] } {
  const found: FoundPattern[] = [];
  for (const file of patternFiles(schemas)) collectPatterns(JSON.parse(readFileSync(file, 'utf8')), path.relative(schemas, file), '$', found);
  return { found, distinct: [...new Map(found.map((p) => [p.source, p])).values()] };
}
