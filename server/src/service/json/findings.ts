// A finding is a problem inside a JSON value, addressed by JSON path; check.ts turns it into a document span.
import type { AnySchemaObject } from 'ajv';
import type { Problem, Severity } from '../types';
import type { JsonRuleId } from './rules';
import { cut } from '../quote';
import type { JsonPath, Target } from './cellText';

export interface Finding {
  rule: JsonRuleId;
  severity: Severity;
  message: string;
  path: JsonPath;
  target: Target;
  data?: Record<string, unknown>;
  tags?: Problem['tags'];
  related?: Array<{ path: JsonPath; target: Target; message: string }>;
}

/** A phone MAC seen in a cell, for the file-wide duplicate check. */
export interface MacUse {
  /** Lowercase hex digits without separators. */
  key: string;
  /** As written. */
  text: string;
  path: JsonPath;
}

/** Human name of the value at `path`: `action`, `monday.ranges[0].to`, `phones[0].mac`; the column for the root. */
export function labelOf(path: JsonPath, column: string): string {
  let label = path.length === 0 || typeof path[0] === 'number' ? column : '';
  for (const segment of path) {
    if (typeof segment === 'number') label += `[${segment}]`;
    else label += (label ? '.' : '') + cut(segment); // a key may be megabytes long
  }
  return label;
}

/** How a value is shown after "found": short, and never for secret values nor when `hide` says the cell's values must not be shown. */
export function foundText(value: unknown, schema?: AnySchemaObject, hide = false): string {
  if (hide || schema?.['x-secret'] === true) return '';
  let shown: string;
  if (value === null) shown = 'null';
  else if (Array.isArray(value)) shown = 'an array';
  else if (typeof value === 'object') shown = 'an object';
  else if (typeof value === 'string') shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  else shown = String(value);
  return ` — found ${shown}`;
}

/** ajv's instancePath (a JSON pointer) as a path of keys and array indexes, using the value to tell them apart. */
export function pointerToPath(pointer: string, root: unknown): JsonPath {
  if (!pointer) return [];
  const path: JsonPath = [];
  let value: unknown = root;
  // Segments between the slashes, read in place (no array of segments per pointer).
  for (let from = 1; from <= pointer.length; ) {
    let to = pointer.indexOf('/', from);
    if (to < 0) to = pointer.length;
    const escaped = pointer.slice(from, to);
    from = to + 1;
    const key = escaped.indexOf('~') < 0 ? escaped : escaped.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = Number(key);
      path.push(index);
      value = value[index];
    } else {
      path.push(key);
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
