// Loads the built-in dialects (schemas/*.dialect.json) and custom dialect files: validates each file
// against dialect.schema.json, resolves `extends`, and compiles the result. A bad file is reported and
// skipped; it never takes the other dialects down with it.
import { appendAll } from '../arrays';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { loadJsonSchema } from '../json/schemas';
import { compileDialect, type TrustedParts } from './compile';
import { linearEngineRefusal } from './patterns';
import { describeReadError, readRegularFile } from './readFile';
import { DIALECT_SCHEMA_FILE, findSchemasDirectory } from './locate';
import type { Dialect, DialectLoadError, IgnoredColumn, RawColumn, RawDialect, Resource } from './model';

export interface LoadOptions {
  /** Folder holding dialect.schema.json and the built-in dialects; found by walking up from this module when omitted. */
  schemasDirectory?: string;
  customDialectFiles?: string[];
}

export interface LoadedDialects {
  dialects: Dialect[];
  errors: DialectLoadError[];
  schemasDirectory?: string;
}

interface RawFile {
  file: string;
  builtIn: boolean;
  raw: RawDialect;
}

const validators = new Map<string, ValidateFunction>();
const builtInCache = new Map<string, { files: RawFile[]; errors: DialectLoadError[] }>();

export function loadDialects(options: LoadOptions = {}): LoadedDialects {
  const schemasDirectory = options.schemasDirectory ?? findSchemasDirectory();
  if (!schemasDirectory) {
    return {
      dialects: [],
      errors: [{ file: __dirname, pointer: '', message: `no "schemas" folder with ${DIALECT_SCHEMA_FILE} found above ${__dirname}` }],
    };
  }
  const validate = schemaValidator(schemasDirectory);
  const builtIn = loadBuiltInFiles(schemasDirectory, validate);
  const errors = [...builtIn.errors];
  const files = [...builtIn.files];
  const ids = new Set(files.map((f) => f.raw.id));
  const trusted = trustedParts(builtIn.files);
  for (const file of options.customDialectFiles ?? []) {
    const absolute = path.resolve(file);
    const loaded = readDialectFile(absolute, false, validate, errors, trusted);
    if (!loaded) continue;
    if (ids.has(loaded.raw.id)) {
      errors.push({ file: absolute, pointer: '/id', message: `dialect id "${loaded.raw.id}" is already used by another dialect; choose another id` });
      continue;
    }
    ids.add(loaded.raw.id);
    files.push(loaded);
  }
  const dialects = resolveAndCompile(files, errors, trusted);
  return { dialects, errors, schemasDirectory };
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

function schemaValidator(schemasDirectory: string): ValidateFunction {
  let validate = validators.get(schemasDirectory);
  if (!validate) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemasDirectory, DIALECT_SCHEMA_FILE), 'utf8')) as object;
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validators.set(schemasDirectory, validate);
  }
  return validate;
}

function loadBuiltInFiles(schemasDirectory: string, validate: ValidateFunction): { files: RawFile[]; errors: DialectLoadError[] } {
  let cached = builtInCache.get(schemasDirectory);
  if (!cached) {
    const errors: DialectLoadError[] = [];
    const files: RawFile[] = [];
    const names = fs.readdirSync(schemasDirectory).filter((n) => n.endsWith('.dialect.json')).sort();
    for (const name of names) {
      const loaded = readDialectFile(path.join(schemasDirectory, name), true, validate, errors, undefined);
      if (loaded) files.push(loaded);
    }
    cached = { files, errors };
    builtInCache.set(schemasDirectory, cached);
  }
  return cached;
}

/**
 * Reads, parses and validates one dialect file; undefined (with errors pushed) when it is unusable.
 * `trusted`: for a custom file, what the built-in files use (undefined for a built-in file).
 */
function readDialectFile(
  file: string,
  builtIn: boolean,
  validate: ValidateFunction,
  errors: DialectLoadError[],
  trusted: TrustedParts | undefined,
): RawFile | undefined {
  let text: string;
  try {
    text = readRegularFile(file);
  } catch (e) {
    errors.push({ file, pointer: '', message: `cannot read the dialect file: ${describeReadError(e)}` });
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
  const before = errors.length;
  checkRegexes(file, raw as RawDialect, errors, trusted);
  const dialect = withAbsoluteSchemaPaths(raw as RawDialect, path.dirname(file));
  checkJsonSchemas(file, dialect, errors, trusted);
  if (errors.length > before) return undefined;
  return { file, builtIn, raw: dialect };
}

/**
 * Every JSON Schema the file names must load: a missing or broken one would silently turn the checks of
 * its column off. A custom file's own schemas compile with the linear-time pattern engine.
 */
function checkJsonSchemas(file: string, dialect: RawDialect, errors: DialectLoadError[], trusted: TrustedParts | undefined): void {
  (dialect.columns ?? []).forEach((column, i) => {
    if (column.jsonSchema === undefined) return;
    const engine = !trusted || trusted.jsonSchemas.has(column.jsonSchema) ? 'native' : 'linear';
    try {
      loadJsonSchema(column.jsonSchema, engine);
    } catch (e) {
      errors.push({ file, pointer: `/columns/${i}/jsonSchema`, message: `column "${column.name}": ${(e as Error).message}` });
    }
  });
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

/** JSON Schema paths are relative to the file that names them; make them absolute before files are merged. */
function withAbsoluteSchemaPaths(dialect: RawDialect, directory: string): RawDialect {
  if (!dialect.columns) return dialect;
  return {
    ...dialect,
    columns: dialect.columns.map((c) => (c.jsonSchema ? { ...c, jsonSchema: path.resolve(directory, c.jsonSchema) } : c)),
  };
}

function resolveAndCompile(files: RawFile[], errors: DialectLoadError[], trusted: TrustedParts): Dialect[] {
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

  const dialects: Dialect[] = [];
  for (const file of files) {
    const raw = resolve(file);
    if (raw) dialects.push(compileDialect(raw, file.file, file.builtIn, trusted));
  }
  return dialects;
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
