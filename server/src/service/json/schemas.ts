// Compiling the column JSON Schemas with ajv.
// Besides standard JSON Schema, the files use annotations (descriptions for completion, messages) and one
// keyword of ours, `x-check`, which marks where a semantic check applies (see semantic.ts).
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { linearRegExpEngine, type PatternEngine } from '../dialects/patterns';

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

/**
 * A compiler of column JSON Schemas, owned by one language service (a changed custom schema is compiled
 * again by the next service, never served from a process-wide cache). Throws ajv's error when the schema
 * is not a valid JSON Schema (or, for the linear engine, has a pattern RE2 cannot run).
 */
export function createSchemaCompiler(): (schema: AnySchemaObject, engine: PatternEngine) => CompiledSchema {
  const ajvs: Partial<Record<PatternEngine, Ajv>> = {};
  return (schema, engine) => {
    const validate: ValidateFunction = (ajvs[engine] ??= createAjv(engine)).compile(schema);
    return (value) => {
      const sites: CheckSite[] = [];
      collecting = sites;
      try {
        validate(value);
      } finally {
        collecting = undefined;
      }
      return { errors: validate.errors ? validate.errors.slice() : [], sites };
    };
  };
}
