// Reading the column JSON Schemas for editing: the sub-schema at a JSON path, its enum values with their
// descriptions, and a complete skeleton of a value (the snippets). Everything comes from the schema files.
import type { JsonPath } from '../json/cellText';

export type SchemaNode = Record<string, unknown>;

function isNode(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function propertiesOf(schema: SchemaNode | undefined): Record<string, SchemaNode> {
  const properties = schema?.properties;
  if (!isNode(properties)) return {};
  const result: Record<string, SchemaNode> = {};
  for (const [key, value] of Object.entries(properties)) if (isNode(value)) result[key] = value;
  return result;
}

export function requiredOf(schema: SchemaNode | undefined): string[] {
  const required = schema?.required;
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : [];
}

/** The schema of the value at `path` (keys through `properties`, indexes through `items`). */
export function schemaAt(root: SchemaNode | undefined, path: JsonPath): SchemaNode | undefined {
  let schema = root;
  for (const segment of path) {
    if (!schema) return undefined;
    if (typeof segment === 'number') {
      const items = schema.items;
      schema = Array.isArray(items) ? (isNode(items[segment]) ? items[segment] : undefined) : isNode(items) ? items : undefined;
    } else {
      schema = propertiesOf(schema)[segment];
    }
  }
  return schema;
}

export function typeOf(schema: SchemaNode | undefined): string | undefined {
  const type = schema?.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type) && typeof type[0] === 'string') return type[0];
  if (Array.isArray(schema?.enum)) return 'string';
  return undefined;
}

export function descriptionOf(schema: SchemaNode | undefined): string | undefined {
  const text = schema?.markdownDescription ?? schema?.description;
  return typeof text === 'string' ? text : undefined;
}

export interface EnumValue {
  value: string | number | boolean | null;
  description?: string;
}

export function enumOf(schema: SchemaNode | undefined): EnumValue[] {
  const values = schema?.enum;
  if (!Array.isArray(values)) return [];
  const descriptions = Array.isArray(schema?.enumDescriptions) ? schema.enumDescriptions : [];
  return values
    .filter((v): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    .map((value, i) => ({ value, description: typeof descriptions[i] === 'string' ? descriptions[i] : undefined }));
}

/** True when the schema marks its value as secret (never shown). */
export function isSecret(schema: SchemaNode | undefined): boolean {
  return schema?.['x-secret'] === true;
}

// ---------------------------------------------------------------- skeletons (snippets)

/** Objects with at most this many properties get all of them in a skeleton; larger ones only the required. */
const ALL_PROPERTIES_UP_TO = 8;

/** Escapes literal text for LSP snippet syntax. */
function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

class SkeletonWriter {
  private stop = 0;

  placeholder(text: string): string {
    return `\${${++this.stop}:${snippetText(text)}}`;
  }

  choice(options: string[]): string {
    // Choice elements escape `,` and `|` too.
    const escaped = options.map((o) => snippetText(o).replace(/[,|]/g, (c) => `\\${c}`));
    return `\${${++this.stop}|${escaped.join(',')}|}`;
  }

  value(schema: SchemaNode | undefined, depth: number): string {
    const enums = enumOf(schema);
    if (enums.length > 0) {
      // The schema's default, if it names one of the values, is the first (pre-selected) choice.
      const first = enums.findIndex((e) => e.value === schema?.default);
      if (first > 0) enums.unshift(enums.splice(first, 1)[0]);
      const options = enums.map((e) => JSON.stringify(e.value));
      const allStrings = enums.every((e) => typeof e.value === 'string');
      // Keep the quotes outside the choice so that picking an option stays a string.
      return allStrings ? `"${this.choice(enums.map((e) => String(e.value)))}"` : this.choice(options);
    }
    const examples = Array.isArray(schema?.examples) ? schema.examples : [];
    const fallback = schema?.default !== undefined ? schema.default : examples[0];
    switch (typeOf(schema)) {
      case 'object':
        return depth > 6 ? '{}' : this.object(schema, depth + 1);
      case 'array': {
        const items = isNode(schema?.items) ? schema.items : undefined;
        if (typeOf(items) === 'object' && depth <= 6) return `[${this.object(items, depth + 1)}]`;
        const itemExamples = Array.isArray(items?.examples) ? items.examples : [];
        if (itemExamples.length > 0) return `[${this.placeholder(itemExamples.map((e) => JSON.stringify(e)).join(','))}]`;
        return `[${this.placeholder('')}]`;
      }
      case 'boolean':
        return this.choice(['true', 'false']);
      case 'integer':
      case 'number': {
        const minimum = typeof schema?.minimum === 'number' ? schema.minimum : 0;
        return this.placeholder(String(typeof fallback === 'number' ? fallback : minimum));
      }
      case 'string':
        return `"${this.placeholder(typeof fallback === 'string' ? fallback : '')}"`;
      default:
        return this.placeholder('null');
    }
  }

  object(schema: SchemaNode | undefined, depth: number): string {
    const properties = propertiesOf(schema);
    const names = Object.keys(properties);
    const required = new Set(requiredOf(schema));
    // Untyped properties are ones the importer ignores (e.g. `timeout` of a plain forward rule): left out.
    const chosen = names.filter((n) => required.has(n) || (names.length <= ALL_PROPERTIES_UP_TO && typeOf(properties[n]) !== undefined));
    return `{${chosen.map((n) => `${JSON.stringify(n)}:${this.value(properties[n], depth)}`).join(',')}}`;
  }
}

/** A snippet (LSP snippet syntax) of a complete value of `schema`, in compact JSON. */
export function skeletonSnippet(schema: SchemaNode): string {
  return new SkeletonWriter().value(schema, 0);
}
