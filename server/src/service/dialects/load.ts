// Loads the built-in and custom dialect files through the front's Resources: validates each against
// dialect.schema.json, resolves `extends`, compiles it, and loads and compiles the JSON Schema of each
// embedded-JSON column. A bad file is reported and skipped; it never takes the other dialects down.
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { appendAll } from '../arrays';
import { createSchemaCompiler, type CompiledSchema } from '../json/schemas';
import { compileDialect, type TrustedParts } from './compile';
import type { ColumnSchema, Dialect, DialectLoadError, IgnoredColumn, RawColumn, RawDialect, Resource } from './model';
import { linearEngineRefusal, type PatternEngine } from './patterns';
import { resolveUri, type Resources } from './resources';

export interface LoadedDialects {
  dialects: Dialect[];
  errors: DialectLoadError[];
}

interface RawFile {
  file: string;
  builtIn: boolean;
  raw: RawDialect;
}

export function loadDialects(resources: Resources, customDialects: readonly string[] = []): LoadedDialects {
  const errors: DialectLoadError[] = [];
  let validate: ValidateFunction;
  try {
    validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(resources.read(resources.dialectSchema)) as AnySchemaObject);
  } catch (e) {
    return { dialects: [], errors: [{ file: resources.dialectSchema, pointer: '', message: `cannot load the dialect file schema: ${(e as Error).message}` }] };
  }
  const files: RawFile[] = [];
  for (const uri of resources.builtInDialects) {
    const loaded = readDialectFile(resources, uri, true, validate, errors, undefined);
    if (loaded) files.push(loaded);
  }
  const ids = new Set(files.map((f) => f.raw.id));
  const trusted = trustedParts(files);
  for (const uri of customDialects) {
    const loaded = readDialectFile(resources, uri, false, validate, errors, trusted);
    if (!loaded) continue;
    if (ids.has(loaded.raw.id)) {
      errors.push({ file: uri, pointer: '/id', message: `dialect id "${loaded.raw.id}" is already used by another dialect; choose another id` });
      continue;
    }
    ids.add(loaded.raw.id);
    files.push(loaded);
  }
  const schemas = new SchemaLoader(resources);
  const dialects: Dialect[] = [];
  const ownColumns = new Map(files.map((f) => [f.file, f.raw.columns ?? []]));
  for (const { file, raw, builtIn } of resolveExtends(files, errors)) {
    const dialect = compileDialect(raw, file, builtIn, trusted);
    if (schemas.attach(dialect, ownColumns.get(file) ?? [], errors)) dialects.push(dialect);
  }
  return { dialects, errors };
}

/** The patterns and JSON Schemas of the built-in files: they run on the native engine wherever they are used. */
function trustedParts(builtIn: readonly RawFile[]): TrustedParts {
  const patterns = new Set<string>();
  const jsonSchemas = new Set<string>();
  for (const { raw } of builtIn) {
    for (const column of raw.columns ?? []) {
      for (const pattern of [column.pattern, column.otherValues?.pattern, column.strictPattern?.pattern]) if (pattern !== undefined) patterns.add(pattern);
      if (column.jsonSchema !== undefined) jsonSchemas.add(column.jsonSchema);
    }
  }
  return { patterns, jsonSchemas };
}

/**
 * Loads each JSON Schema once (by URI and engine) and gives the dialect's JSON columns their compiled
 * schema. Every schema a dialect names must load: a missing or broken one would silently turn the checks
 * of its column off, so it is a load error, and the dialect is skipped.
 */
class SchemaLoader {
  private readonly compile = createSchemaCompiler();
  private readonly loaded = new Map<string, ColumnSchema | Error>();

  constructor(private readonly resources: Resources) {}

  /**
   * False (with the errors pushed) when a column's schema cannot be loaded. `own`: the columns the dialect's
   * file itself lists (an error points into the file; an inherited column's is its parent's to report).
   */
  attach(dialect: Dialect, own: readonly RawColumn[], errors: DialectLoadError[]): boolean {
    let ok = true;
    for (const column of dialect.columns) {
      const uri = column.jsonSchemaUri;
      if (uri === undefined) continue;
      const schema = this.load(uri, column.jsonSchemaEngine);
      if (schema instanceof Error) {
        const index = own.findIndex((c) => c.name === column.name);
        const pointer = index >= 0 ? `/columns/${index}/jsonSchema` : '/extends';
        errors.push({ file: dialect.source, pointer, message: `column "${column.name}": ${schema.message}` });
        ok = false;
        continue;
      }
      column.jsonSchema = schema;
    }
    return ok;
  }

  private load(uri: string, engine: PatternEngine): ColumnSchema | Error {
    const key = `${engine}\u0000${uri}`;
    let schema = this.loaded.get(key);
    if (!schema) {
      schema = this.read(uri, engine);
      this.loaded.set(key, schema);
    }
    return schema;
  }

  private read(uri: string, engine: PatternEngine): ColumnSchema | Error {
    const shown = this.resources.displayName?.(uri) ?? uri;
    let text: string;
    try {
      text = this.resources.read(uri);
    } catch (e) {
      return new Error(`cannot read the JSON Schema ${shown}: ${(e as Error).message}`);
    }
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch (e) {
      return new Error(`the JSON Schema ${shown} is not valid JSON: ${(e as Error).message}`);
    }
    if (root === null || typeof root !== 'object' || Array.isArray(root)) return new Error(`the JSON Schema ${shown} is not a valid schema: not a JSON object`);
    let validate: CompiledSchema;
    try {
      validate = this.compile(root as AnySchemaObject, engine);
    } catch (e) {
      return new Error(`the JSON Schema ${shown} is not a valid schema: ${(e as Error).message}`);
    }
    return { uri, root: root as Record<string, unknown>, validate };
  }
}

/**
 * Reads, parses and validates one dialect file; undefined (with errors pushed) when it is unusable.
 * `trusted`: for a custom file, what the built-in files use (undefined for a built-in file).
 */
function readDialectFile(
  resources: Resources,
  file: string,
  builtIn: boolean,
  validate: ValidateFunction,
  errors: DialectLoadError[],
  trusted: TrustedParts | undefined,
): RawFile | undefined {
  let text: string;
  try {
    text = resources.read(file);
  } catch (e) {
    errors.push({ file, pointer: '', message: `cannot read the dialect file: ${(e as Error).message}` });
    return undefined;
  }
  const parseErrors: ParseError[] = [];
  const raw = parseJsonc(text, parseErrors, { allowTrailingComma: true }) as unknown;
  if (parseErrors.length > 0) {
    const first = parseErrors[0];
    const { line, character } = lineAndCharacter(text, first.offset);
    errors.push({ file, pointer: '', message: `invalid JSON at line ${line + 1}, column ${character + 1}: ${printParseErrorCode(first.error)}` });
    return undefined;
  }
  if (!validate(raw)) {
    for (const error of validate.errors ?? []) errors.push({ file, pointer: error.instancePath, message: describeAjvError(error) });
    return undefined;
  }
  const dialect = raw as RawDialect;
  const before = errors.length;
  checkRegexes(file, dialect, errors, trusted);
  if (errors.length > before) return undefined;
  return { file, builtIn, raw: withResolvedSchemaUris(dialect, file) };
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `unknown property "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${error.message ?? 'invalid value'}: ${(params.allowedValues as unknown[]).join(', ')}`;
  return error.message ?? 'invalid value';
}

function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Every pattern must be a valid JavaScript regular expression; a custom file's own ones must run on the linear-time engine. */
function checkRegexes(file: string, dialect: RawDialect, errors: DialectLoadError[], trusted: TrustedParts | undefined): void {
  const check = (column: RawColumn, source: string | undefined, pointer: string): void => {
    if (source === undefined) return;
    try {
      new RegExp(source, 'u');
    } catch (e) {
      errors.push({ file, pointer, message: `invalid regular expression: ${(e as Error).message}` });
      return;
    }
    if (!trusted || trusted.patterns.has(source)) return;
    const refusal = linearEngineRefusal(source);
    if (refusal !== undefined) {
      errors.push({
        file,
        pointer,
        message:
          `column "${column.name}": the pattern cannot be used: patterns of custom dialects run on a linear-time engine (RE2 syntax), ` +
          `which has no lookahead, lookbehind or backreferences, so no pattern can hang the validation (${refusal})`,
      });
    }
  };
  (dialect.columns ?? []).forEach((column, i) => {
    check(column, column.pattern, `/columns/${i}/pattern`);
    check(column, column.otherValues?.pattern, `/columns/${i}/otherValues/pattern`);
    check(column, column.strictPattern?.pattern, `/columns/${i}/strictPattern/pattern`);
  });
}

/** JSON Schema references are relative to the file that names them; resolve them before files are merged. */
function withResolvedSchemaUris(dialect: RawDialect, file: string): RawDialect {
  if (!dialect.columns) return dialect;
  return {
    ...dialect,
    columns: dialect.columns.map((c) => (c.jsonSchema ? { ...c, jsonSchema: resolveUri(file, c.jsonSchema) } : c)),
  };
}

/** Every file whose `extends` chain resolves, with its parents merged in; the others are reported. */
function resolveExtends(files: RawFile[], errors: DialectLoadError[]): RawFile[] {
  const byId = new Map(files.map((f) => [f.raw.id, f]));
  const resolved = new Map<string, RawDialect | null>(); // null = failed
  const resolving = new Set<string>();

  const resolve = (file: RawFile): RawDialect | null => {
    const id = file.raw.id;
    const done = resolved.get(id);
    if (done !== undefined) return done;
    let result: RawDialect | null = file.raw;
    if (file.raw.extends !== undefined) {
      const parentFile = byId.get(file.raw.extends);
      if (!parentFile) {
        errors.push({ file: file.file, pointer: '/extends', message: `extends unknown dialect "${file.raw.extends}"` });
        result = null;
      } else if (parentFile.raw.id === id || resolving.has(parentFile.raw.id)) {
        errors.push({ file: file.file, pointer: '/extends', message: `"extends" forms a cycle through "${parentFile.raw.id}"` });
        result = null;
      } else {
        resolving.add(id);
        const parent = resolve(parentFile);
        resolving.delete(id);
        if (!parent) {
          errors.push({ file: file.file, pointer: '/extends', message: `the dialect it extends, "${file.raw.extends}", could not be loaded` });
          result = null;
        } else {
          result = mergeDialects(parent, file.raw);
        }
      }
    }
    resolved.set(id, result);
    return result;
  };

  const out: RawFile[] = [];
  for (const file of files) {
    const raw = resolve(file);
    if (raw) out.push({ ...file, raw });
  }
  return out;
}

/** Applies a child dialect on top of its parent (see `extends` in dialect.schema.json). */
export function mergeDialects(parent: RawDialect, child: RawDialect): RawDialect {
  const removed = new Set(child.removeColumns ?? []);
  const overrides = new Map((child.columns ?? []).map((c) => [c.name, c]));
  const columns: RawColumn[] = [];
  for (const column of parent.columns ?? []) {
    if (removed.has(column.name)) continue;
    const override = overrides.get(column.name);
    columns.push(override ? { ...column, ...override } : column);
    overrides.delete(column.name);
  }
  appendAll(columns, overrides.values());
  return {
    id: child.id,
    label: child.label,
    description: child.description,
    detection: { ...parent.detection, default: undefined, ...child.detection },
    booleans: child.booleans || parent.booleans ? ({ ...parent.booleans, ...child.booleans } as RawDialect['booleans']) : undefined,
    file: { ...parent.file, ...child.file },
    legacyFormat: child.legacyFormat ?? parent.legacyFormat,
    emptyCellMeaning: child.emptyCellMeaning ?? parent.emptyCellMeaning,
    outline: child.outline ?? parent.outline,
    absentColumnsUnchanged: child.absentColumnsUnchanged ?? parent.absentColumnsUnchanged,
    ignoredColumns: mergeByKey<IgnoredColumn>(parent.ignoredColumns, child.ignoredColumns, (c) => c.name),
    resources: mergeByKey<Resource>(parent.resources, child.resources, (r) => r.id).filter((r) => !child.removeResources?.includes(r.id)),
    columns,
  };
}

function mergeByKey<T>(parent: T[] | undefined, child: T[] | undefined, key: (item: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const item of parent ?? []) merged.set(key(item), item);
  for (const item of child ?? []) merged.set(key(item), item);
  return [...merged.values()];
}
