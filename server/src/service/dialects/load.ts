// Loads the built-in and custom dialect files through the front's Resources: validates each against
// dialect.schema.json, resolves `extends`, compiles it, and loads and compiles the JSON Schema of each
// embedded-JSON column. A bad file is reported and skipped; it never takes the other dialects down.
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { createSchemaCompiler, type CompiledSchema } from '../json/schemas';
import { compileDialect } from './compile';
import type { ColumnSchema, Dialect, DialectLoadError, IgnoredColumn, RawColumn, RawDialect, Resource } from './model';
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
    const loaded = readDialectFile(resources, uri, true, validate, errors);
    if (loaded) files.push(loaded);
  }
  const ids = new Set(files.map((f) => f.raw.id));
  for (const uri of customDialects) {
    const loaded = readDialectFile(resources, uri, false, validate, errors);
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
  for (const { file, raw, builtIn } of resolveExtends(files, errors)) {
    const dialect = compileDialect(raw, file, builtIn);
    if (schemas.attach(dialect, errors)) dialects.push(dialect);
  }
  return { dialects, errors };
}

/** Loads each JSON Schema once (by URI) and gives the dialect's JSON columns their compiled schema. */
class SchemaLoader {
  private readonly compile = createSchemaCompiler();
  private readonly loaded = new Map<string, ColumnSchema | Error>();

  constructor(private readonly resources: Resources) {}

  /** False (with the errors pushed) when a column's schema cannot be loaded: the dialect is then skipped. */
  attach(dialect: Dialect, errors: DialectLoadError[]): boolean {
    let ok = true;
    dialect.columns.forEach((column, i) => {
      const uri = column.jsonSchemaUri;
      if (uri === undefined) return;
      const schema = this.load(uri);
      if (schema instanceof Error) {
        errors.push({
          file: dialect.source,
          pointer: `/columns/${i}/jsonSchema`,
          message: `the JSON Schema of column "${column.name}" (${this.resources.displayName?.(uri) ?? uri}) cannot be used: ${schema.message}`,
        });
        ok = false;
        return;
      }
      column.jsonSchema = schema;
    });
    return ok;
  }

  private load(uri: string): ColumnSchema | Error {
    let schema = this.loaded.get(uri);
    if (!schema) {
      try {
        const root: unknown = JSON.parse(this.resources.read(uri));
        if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new Error('not a JSON Schema (not a JSON object)');
        const validate: CompiledSchema = this.compile(root as AnySchemaObject);
        schema = { uri, root: root as Record<string, unknown>, validate };
      } catch (e) {
        schema = e instanceof SyntaxError ? new Error(`not valid JSON (${e.message})`) : (e as Error);
      }
      this.loaded.set(uri, schema);
    }
    return schema;
  }
}

/** Reads, parses and validates one dialect file; undefined (with errors pushed) when it is unusable. */
function readDialectFile(resources: Resources, file: string, builtIn: boolean, validate: ValidateFunction, errors: DialectLoadError[]): RawFile | undefined {
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
  checkRegexes(file, dialect, errors);
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

function checkRegexes(file: string, dialect: RawDialect, errors: DialectLoadError[]): void {
  const check = (source: string | undefined, pointer: string): void => {
    if (source === undefined) return;
    try {
      new RegExp(source, 'u');
    } catch (e) {
      errors.push({ file, pointer, message: `invalid regular expression: ${(e as Error).message}` });
    }
  };
  (dialect.columns ?? []).forEach((column, i) => {
    check(column.pattern, `/columns/${i}/pattern`);
    check(column.otherValues?.pattern, `/columns/${i}/otherValues/pattern`);
    check(column.strictPattern?.pattern, `/columns/${i}/strictPattern/pattern`);
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
  for (const column of overrides.values()) columns.push(column);
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
