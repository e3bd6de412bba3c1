// Loading and compiling the column JSON Schemas with ajv: each schema file is compiled once per process.
// Besides standard JSON Schema, the files use annotations (descriptions for completion, messages) and one
// keyword of ours, `x-check`, which marks where a semantic check applies (see semantic.ts).
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { linearRegExpEngine, type PatternEngine } from '../dialects/patterns';
import { describeReadError, readRegularFile } from '../dialects/readFile';

/** A place in the validated value where an `x-check` keyword applies. */
export interface CheckSite {
  kind: string;
  /** JSON pointer of the value, as ajv reports it. */
  instancePath: string;
  data: unknown;
  schema: AnySchemaObject;
  /** The engine of the schema's patterns, for checks that test them again (see semantic.ts). */
  engine: PatternEngine;
}

export interface SchemaValidation {
  errors: ErrorObject[];
  sites: CheckSite[];
}

export type CompiledSchema = (value: unknown) => SchemaValidation;

/** Annotation keywords: ajv ignores them, completion and our messages read them. */
const annotations = [
  'enumDescriptions',
  'markdownEnumDescriptions',
  'markdownDescription',
  'patternErrorMessage',
  'x-secret',
  'x-rule',
  'x-case-insensitive',
  'x-known-values',
];

// ajv calls keyword functions synchronously during validate(); sites are gathered into this list.
let collecting: CheckSite[] | undefined;

/** One ajv per engine: the built-in schemas' patterns run as RegExps, a custom dialect's own schemas' in linear time. */
function createAjv(engine: PatternEngine): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    ...(engine === 'linear' ? { code: { regExp: linearRegExpEngine } } : {}),
  });
  ajv.addVocabulary(annotations);
  ajv.addKeyword({
    keyword: 'x-check',
    schemaType: 'string',
    errors: false,
    validate: (kind: string, data: unknown, parentSchema?: AnySchemaObject, cxt?: { instancePath: string }) => {
      collecting?.push({ kind, data, instancePath: cxt?.instancePath ?? '', schema: parentSchema ?? {}, engine });
      return true;
    },
  });
  return ajv;
}

const ajvs: Partial<Record<PatternEngine, Ajv>> = {};
const compiled = new Map<string, CompiledSchema>();

/**
 * Reads and compiles the schema file once per engine; throws an error saying why when it is missing, not
 * a regular file of reasonable size, not JSON, or not a valid schema (or, for the linear engine, has a
 * pattern RE2 cannot run).
 */
export function loadJsonSchema(schemaPath: string, engine: PatternEngine = 'native'): CompiledSchema {
  const key = `${engine}\u0000${schemaPath}`;
  let schema = compiled.get(key);
  if (!schema) {
    let text: string;
    try {
      text = readRegularFile(schemaPath);
    } catch (e) {
      throw new Error(`cannot read the JSON Schema ${schemaPath}: ${describeReadError(e)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new Error(`the JSON Schema ${schemaPath} is not valid JSON: ${(e as Error).message}`);
    }
    let validate: ValidateFunction;
    try {
      validate = (ajvs[engine] ??= createAjv(engine)).compile(parsed as AnySchemaObject);
    } catch (e) {
      throw new Error(`the JSON Schema ${schemaPath} is not a valid schema: ${(e as Error).message}`);
    }
    schema = (value) => {
      const sites: CheckSite[] = [];
      collecting = sites;
      try {
        validate(value);
      } finally {
        collecting = undefined;
      }
      return { errors: validate.errors ? [...validate.errors] : [], sites };
    };
    compiled.set(key, schema);
  }
  return schema;
}
