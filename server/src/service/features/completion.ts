// Completion: allowed values in a cell of an enum or boolean column, unused column names in the header,
// and inside an embedded-JSON cell the keys, values and snippets its JSON Schema allows. Every edit keeps
// the CSV correct: quotes are doubled inside a quoted cell, and a cell that needs quotes gets them.
import { findNodeAtLocation, getLocation, parseTree, type Node } from 'jsonc-parser';
import type { CompiledColumn } from '../dialects/model';
import type { CellSpan as Cell } from '../csv/model';
import { cellAt, type CellHit, type FeatureDocument } from './document';
import { cellEdits, type TextEdit } from './csvText';
import { JsonCell } from './jsonCell';
import {
  descriptionOf,
  enumOf,
  propertiesOf,
  requiredOf,
  schemaAt,
  skeletonSnippet,
  typeOf,
  type SchemaNode,
} from './jsonSchema';

export type CompletionKind = 'value' | 'column' | 'property' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line shown next to the label. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText?: string;
  /** What the editor matches the typed text against (the text as it will appear in the file). */
  filterText?: string;
  /** Replaces the cell or token under the cursor. */
  edit: TextEdit;
  /** Edits elsewhere in the same cell (quotes wrapping a cell that now needs them). */
  additionalEdits?: TextEdit[];
  /** True when `edit.newText` uses LSP snippet syntax (tab stops). */
  snippet?: boolean;
}

export function complete(fd: FeatureDocument, offset: number): CompletionEntry[] {
  if (fd.header.delimiter) return []; // nothing lines up until the file uses commas
  const hit = cellAt(fd.model, offset);
  if (!hit) return [];
  if (hit.record === 0) return headerCompletion(fd, hit);
  const column = fd.columns[hit.column];
  if (!column) return [];
  if (column.type === 'json' && column.jsonSchema) return jsonCompletion(fd, hit, offset, column.jsonSchema.root);
  return valueCompletion(fd, hit, column);
}

// ---------------------------------------------------------------- header and plain cells

function headerCompletion(fd: FeatureDocument, hit: CellHit): CompletionEntry[] {
  const used = new Set(fd.header.names.filter((_, i) => i !== hit.column));
  const entries: CompletionEntry[] = [];
  fd.dialect.columns.forEach((column, position) => {
    if (used.has(column.name)) return;
    const required = column.requiredInHeader || column.required;
    entries.push({
      label: column.name,
      kind: 'column',
      detail: `${required ? 'required' : 'optional'} ${column.type} column`,
      documentation: columnDocumentation(column),
      // Required columns first, then the dialect's order.
      sortText: `${required ? 0 : 1}${String(position).padStart(4, '0')}`,
      ...wholeCellEdit(fd.model.text, hit.cell, column.name),
    });
  });
  return entries;
}

function valueCompletion(fd: FeatureDocument, hit: CellHit, column: CompiledColumn): CompletionEntry[] {
  const values =
    column.type === 'boolean'
      ? [
          { value: fd.dialect.booleans.true, description: 'true' },
          { value: fd.dialect.booleans.false, description: 'false' },
        ]
      : column.values;
  return values.map((allowed, position) => ({
    label: allowed.value,
    kind: 'value',
    detail: allowed.description,
    documentation: `**${column.name}** = \`${allowed.value}\`: ${allowed.description}`,
    sortText: String(position).padStart(4, '0'),
    ...wholeCellEdit(fd.model.text, hit.cell, allowed.value),
  }));
}

/** The edit that makes the whole cell `value`, keeping its quotes if it has them. */
function wholeCellEdit(text: string, cell: Cell, value: string): Pick<CompletionEntry, 'edit' | 'filterText' | 'additionalEdits'> {
  const { main, additional } = cellEdits(text, cell, cell.rawStart, cell.rawEnd, value);
  if (cell.quoted) {
    // The range starts at the opening quote, so the text the editor filters on starts with it too.
    const newText = `"${main.newText}"`;
    return { edit: { ...main, newText }, filterText: newText };
  }
  return { edit: main, filterText: value, ...(additional.length ? { additionalEdits: additional } : {}) };
}

export function columnDocumentation(column: CompiledColumn): string {
  const lines = [column.description];
  if (column.values.length > 0) {
    lines.push('');
    for (const v of column.values) lines.push(`- \`${v.value}\`: ${v.description}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- inside embedded JSON

const WORD = /[A-Za-z0-9_.+\-]/;

function jsonCompletion(fd: FeatureDocument, hit: CellHit, offset: number, root: SchemaNode): CompletionEntry[] {
  if (!root) return [];
  const text = fd.model.text;
  const cell = hit.cell;
  // Outside the content of a quoted cell (on a quote) there is nothing to complete.
  if (offset < cell.start || offset > cell.end) return [];
  const json = new JsonCell(text, cell);
  const at = json.toJson(offset);
  const location = getLocation(json.json, at);
  const previous = location.previousNode;
  const token =
    previous && previous.offset <= at && at <= previous.offset + previous.length && previous.type !== 'object' && previous.type !== 'array'
      ? { start: previous.offset, end: previous.offset + previous.length }
      : wordAround(json.json, at);

  const replace = (value: string): Pick<CompletionEntry, 'edit' | 'filterText' | 'additionalEdits'> => {
    const span = json.toDocument(token.start, token.end);
    const { main, additional } = cellEdits(text, cell, span.start, span.end, value);
    return { edit: main, filterText: main.newText, ...(additional.length ? { additionalEdits: additional } : {}) };
  };

  if (location.isAtPropertyKey) {
    const objectPath = location.path.slice(0, -1);
    const objectSchema = schemaAt(root, objectPath);
    const present = presentKeys(json.json, objectPath);
    const colonFollows = /^\s*:/.test(json.json.slice(token.end));
    const required = new Set(requiredOf(objectSchema));
    return Object.entries(propertiesOf(objectSchema))
      .filter(([key]) => !present.has(key) || key === location.path[location.path.length - 1])
      .map(([key, schema], position): CompletionEntry => {
        const keyText = JSON.stringify(key);
        const value = colonFollows ? keyText : `${keyText}:${skeletonSnippet(schema)}`;
        return {
          label: key,
          kind: 'property',
          detail: typeOf(schema) ?? 'any value',
          documentation: descriptionOf(schema),
          sortText: `${required.has(key) ? 0 : 1}${String(position).padStart(4, '0')}`,
          snippet: !colonFollows,
          ...replace(value),
        };
      });
  }

  const schema = schemaAt(root, location.path);
  if (!schema) return [];
  const entries: CompletionEntry[] = [];
  enumOf(schema).forEach((allowed, position) => {
    const literal = JSON.stringify(allowed.value);
    entries.push({
      label: literal,
      kind: 'value',
      detail: allowed.description,
      documentation: allowed.description,
      sortText: String(position).padStart(4, '0'),
      ...replace(literal),
    });
  });
  const type = typeOf(schema);
  if (type === 'boolean' && entries.length === 0) {
    for (const literal of ['true', 'false']) entries.push({ label: literal, kind: 'value', detail: descriptionOf(schema), ...replace(literal) });
  }
  if (type === 'object' || type === 'array') {
    const what = typeof schema.title === 'string' ? schema.title : descriptionOf(schema) ?? (type === 'object' ? 'object' : 'array');
    entries.push({
      label: `${type === 'object' ? '{…}' : '[…]'} ${what}`,
      kind: 'snippet',
      detail: `a complete ${type === 'object' ? 'object' : 'array'}`,
      documentation: descriptionOf(schema),
      sortText: '9999',
      snippet: true,
      ...replace(skeletonSnippet(schema)),
    });
  }
  return entries;
}

function wordAround(json: string, at: number): { start: number; end: number } {
  let start = at;
  let end = at;
  while (start > 0 && WORD.test(json[start - 1])) start--;
  while (end < json.length && WORD.test(json[end])) end++;
  return { start, end };
}

/** Keys already written in the object at `path`. */
function presentKeys(json: string, path: Array<string | number>): Set<string> {
  const root = parseTree(json);
  const node: Node | undefined = root && (path.length === 0 ? root : findNodeAtLocation(root, path));
  const keys = new Set<string>();
  if (node?.type === 'object') {
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (key && typeof key.value === 'string') keys.add(key.value);
    }
  }
  return keys;
}
