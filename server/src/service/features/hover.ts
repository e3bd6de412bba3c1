// Hover on a header or data cell: what the column is (description, type, allowed values, required or not,
// the dialect's notes); inside embedded JSON, what the key or value under the cursor is. A cell's value is
// never shown, so secrets cannot leak through a hover.
import { getLocation } from 'jsonc-parser';
import type { CompiledColumn } from '../dialects/model';
import { cut } from '../quote';
import type { Span } from '../types';
import { cellAt, type CellHit, type FeatureDocument } from './document';
import { JsonCell } from './jsonCell';
import { descriptionOf, enumOf, requiredOf, schemaAt, typeOf } from './jsonSchema';

export interface HoverResult extends Span {
  /** Markdown. */
  contents: string;
}

export function hover(fd: FeatureDocument, offset: number): HoverResult | undefined {
  if (fd.header.delimiter) return undefined;
  const hit = cellAt(fd.model, offset);
  if (!hit) return undefined;
  const column = fd.columns[hit.column];
  if (!column) return undefined;
  const span = { start: hit.cell.rawStart, end: hit.cell.rawEnd };
  if (hit.record > 0 && column.type === 'json' && column.jsonSchema && hit.cell.value.trim() !== '') {
    const inside = jsonHover(fd, hit, offset, column);
    if (inside) return inside;
  }
  const sections = [columnSummary(fd, column)];
  if (hit.record > 0 && hit.cell.value === '' && fd.dialect.emptyCellMeaning && !column.requiredReason) {
    sections.push(`_Empty cell:_ ${fd.dialect.emptyCellMeaning}`);
  }
  return { ...span, contents: sections.join('\n\n') };
}

/** The column's description, type, whether it is required, its allowed values and notes. */
export function columnSummary(fd: FeatureDocument, column: CompiledColumn): string {
  const required = column.required
    ? column.requiredInHeader
      ? 'required'
      : 'optional column, but its cell cannot be empty'
    : column.requiredInHeader
      ? 'required in the header (the cell may be empty)'
      : 'optional';
  const lines = [`**${column.name}** — ${typeText(fd, column)}, ${required}${column.secret ? ', secret' : ''}`, '', column.description];
  if (column.requiredReason) lines.push('', `Cannot be empty: ${column.requiredReason}.`);
  const when = column.requiredWhen;
  if (when?.column !== undefined) lines.push('', `Cannot be empty when ${when.column} is ${when.equals}: ${when.reason}.`);
  if (column.values.length > 0) {
    lines.push('', 'Allowed values:');
    for (const v of column.values) lines.push(`- \`${v.value}\`: ${v.description}`);
    if (column.otherValues) lines.push(`- or ${column.otherValues.description}`);
  }
  for (const note of column.notes) lines.push('', note);
  return lines.join('\n');
}

function typeText(fd: FeatureDocument, column: CompiledColumn): string {
  switch (column.type) {
    case 'boolean':
      return `boolean (\`${fd.dialect.booleans.true}\` or \`${fd.dialect.booleans.false}\`)`;
    case 'integer': {
      const bounds = [
        column.minimum !== undefined ? `≥ ${column.minimum}` : '',
        column.maximum !== undefined ? `≤ ${column.maximum}` : '',
        column.multipleOf !== undefined ? `multiple of ${column.multipleOf}` : '',
      ].filter(Boolean);
      return `whole number${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
    }
    case 'list':
      return `list separated by \`${column.list?.separator ?? ';'}\``;
    case 'languageTag':
      return 'BCP 47 language tag';
    case 'json':
      return 'JSON';
    default:
      return column.type;
  }
}

function jsonHover(fd: FeatureDocument, hit: CellHit, offset: number, column: CompiledColumn): HoverResult | undefined {
  const root = column.jsonSchema?.root;
  if (!root || offset < hit.cell.start || offset > hit.cell.end) return undefined;
  const json = new JsonCell(fd.model.text, hit.cell);
  const at = json.toJson(offset);
  const location = getLocation(json.json, at);
  const node = location.previousNode;
  if (!node || at < node.offset || at > node.offset + node.length || location.path.length === 0) return undefined;
  const schema = schemaAt(root, location.path);
  if (!schema) return undefined;
  const key = location.path[location.path.length - 1];
  const parent = schemaAt(root, location.path.slice(0, -1));
  const required = typeof key === 'string' && requiredOf(parent).includes(key);
  const lines = [`**${typeof key === 'string' ? cut(key) : `item ${key}`}** — ${typeOf(schema) ?? 'any value'}${typeof key === 'string' ? (required ? ', required' : ', optional') : ''}`];
  const description = descriptionOf(schema);
  if (description) lines.push('', description);
  const values = enumOf(schema);
  if (values.length > 0) {
    lines.push('', 'Allowed values:');
    for (const v of values) lines.push(`- \`${JSON.stringify(v.value)}\`${v.description ? `: ${v.description}` : ''}`);
  }
  return { ...json.toDocument(node.offset, node.offset + node.length), contents: lines.join('\n') };
}
