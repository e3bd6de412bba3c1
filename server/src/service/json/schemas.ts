// Loading and compiling the column JSON Schemas with ajv: each schema file is compiled once per process.
// Besides standard JSON Schema, the files use annotations (descriptions for completion, messages) and one
// keyword of ours, `x-check`, which marks where a semantic check applies (see semantic.ts).
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';

/** A place in the validated value where an `x-check` keyword applies. */
export interface CheckSite {
  kind: string;
  /** JSON pointer of the value, as ajv reports it. */
  instancePath: string;
  data: unknown;
  schema: AnySchemaObject;
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

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
ajv.addVocabulary(annotations);
ajv.addKeyword({
  keyword: 'x-check',
  schemaType: 'string',
  errors: false,
  validate: (kind: string, data: unknown, parentSchema?: AnySchemaObject, cxt?: { instancePath: string }) => {
    collecting?.push({ kind, data, instancePath: cxt?.instancePath ?? '', schema: parentSchema ?? {} });
    return true;
  },
});

const compiled = new Map<string, CompiledSchema>();

/** Reads and compiles the schema file once; throws a readable error when it is missing or invalid. */
export function loadJsonSchema(schemaPath: string): CompiledSchema {
  let schema = compiled.get(schemaPath);
  if (!schema) {
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as AnySchemaObject);
    } catch (e) {
      throw new Error(`Cannot load JSON Schema ${schemaPath}: ${(e as Error).message}`);
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
    compiled.set(schemaPath, schema);
  }
  return schema;
}
