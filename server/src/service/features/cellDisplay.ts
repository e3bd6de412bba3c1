// How a cell's value is shown outside the text (the table preview, the column picker): on one line and
// short, JSON compact with the whole document pretty-printed beside it, secrets masked — secret columns,
// `x-secret` keys inside JSON, and every cell of a row whose cells may be shifted (one may hold a password).
import type { CompiledColumn } from '../dialects/model';
import { cut } from '../quote';
import type { FeatureDocument } from './document';
import { isSecret, propertiesOf, schemaAt, type SchemaNode } from './jsonSchema';

/** What a masked value shows. */
export const MASK = '••••••';

/** Longest text shown for a cell on one line; longer ones are cut and end with "…". */
export const SHORT_LENGTH = 80;

/** Longest text shown whole (a hover); longer ones are cut. */
export const FULL_LENGTH = 10_000;

export interface CellDisplay {
  /** The value on one line, cut; '' for an empty cell. */
  text: string;
  /** The whole value when `text` does not show all of it (pretty JSON for a JSON cell). */
  full?: string;
  /** True when the value is hidden (a secret, or a cell of a broken row). */
  masked?: boolean;
}

/** The display of the cell at record `record`, header position `column`. */
export function cellDisplay(fd: FeatureDocument, record: number, column: number): CellDisplay {
  const model = fd.model;
  const value = model.value(record, column);
  if (value === '') return { text: '' };
  const definition = record > 0 ? fd.columns[column] : undefined;
  if (record > 0 && (model.isBroken(record) || definition?.secret)) return { text: MASK, masked: true };
  if (definition?.type === 'json' && definition.jsonSchema) return jsonDisplay(value, definition);
  const flat = oneLineText(value);
  const text = cut(flat, SHORT_LENGTH);
  return text === value ? { text } : { text, full: cut(value, FULL_LENGTH) };
}

/** Line breaks shown as ↵, so that a value stays on one line. */
function oneLineText(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '↵');
}

function jsonDisplay(value: string, column: CompiledColumn): CellDisplay {
  const root = column.jsonSchema!.root;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // Not JSON: its text cannot be masked key by key, so a column with secret keys hides it whole.
    if (hasSecretKeys(root)) return { text: MASK, masked: true, full: 'Not valid JSON (hidden: this column holds secret values).' };
    const text = cut(oneLineText(value), SHORT_LENGTH);
    return text === value ? { text } : { text, full: cut(value, FULL_LENGTH) };
  }
  const masked = maskSecrets(parsed, root);
  const compact = JSON.stringify(masked);
  return { text: cut(compact, SHORT_LENGTH), full: cut(JSON.stringify(masked, null, 2), FULL_LENGTH) };
}

/** The value with every value whose schema says `x-secret` replaced by MASK. */
export function maskSecrets(value: unknown, schema: SchemaNode | undefined): unknown {
  if (isSecret(schema)) return MASK;
  if (Array.isArray(value)) return value.map((item, i) => maskSecrets(item, schemaAt(schema, [i])));
  if (value !== null && typeof value === 'object') {
    const masked: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) masked[key] = maskSecrets(item, schemaAt(schema, [key]));
    return masked;
  }
  return value;
}

const secretKeys = new WeakMap<SchemaNode, boolean>();

/** True when some value of the schema is `x-secret` (looked up through properties and items). */
export function hasSecretKeys(schema: SchemaNode): boolean {
  let found = secretKeys.get(schema);
  if (found === undefined) {
    found = searchSecret(schema, 0);
    secretKeys.set(schema, found);
  }
  return found;
}

function searchSecret(schema: SchemaNode | undefined, depth: number): boolean {
  if (!schema || depth > 32) return false;
  if (isSecret(schema)) return true;
  for (const property of Object.values(propertiesOf(schema))) if (searchSecret(property, depth + 1)) return true;
  const items = schema.items;
  if (Array.isArray(items)) return items.some((item) => searchSecret(item as SchemaNode, depth + 1));
  return items !== null && typeof items === 'object' && searchSecret(items as SchemaNode, depth + 1);
}
