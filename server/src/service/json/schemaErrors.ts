// ajv errors → findings with messages people understand, located at the offending value or key.
import type { AnySchemaObject, ErrorObject } from 'ajv';
import { quote } from '../quote';
import { foundText, labelOf, pointerToPath, type Finding } from './findings';
import { ruleOf } from './rules';

const typeWords: Record<string, string> = {
  string: 'a string (in double quotes)',
  integer: 'a whole number (without quotes)',
  number: 'a number (without quotes)',
  boolean: 'true or false (without quotes)',
  object: 'an object { … }',
  array: 'an array [ … ]',
  null: 'null',
};

/** `hide`: no message quotes a value of the cell (see JsonColumn.hideValues). */
export function schemaFindings(errors: ErrorObject[], root: unknown, column: string, hide = false): Finding[] {
  const findings: Finding[] = [];
  const missing = new Map<string, { path: (string | number)[]; keys: string[] }>();
  for (const error of errors) {
    const path = pointerToPath(error.instancePath, root);
    if (error.keyword === 'required') {
      // All keys missing from one object make one problem, not one per key at the same brace.
      const at = JSON.stringify(path);
      const group = missing.get(at) ?? { path, keys: [] };
      group.keys.push(String((error.params as { missingProperty: unknown }).missingProperty));
      missing.set(at, group);
      continue;
    }
    const finding = toFinding(error, path, column, hide);
    if (finding) findings.push(finding);
  }
  for (const { path, keys } of missing.values()) {
    const names = keys.map((k) => `"${k}"`).join(', ');
    findings.push({
      rule: 'json-missing-key',
      severity: 'error',
      message: `missing ${keys.length > 1 ? 'keys' : 'key'} ${names} in ${labelOf(path, column)}`,
      path,
      target: 'container',
      data: { missingKeys: keys },
    });
  }
  return findings;
}

function toFinding(error: ErrorObject, path: (string | number)[], column: string, hide: boolean): Finding | undefined {
  const schema = (error.parentSchema ?? {}) as AnySchemaObject;
  const label = labelOf(path, column);
  const found = foundText(error.data, schema, hide);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing `then` reports the real problem
    case 'type': {
      const types = ([] as string[]).concat(params.type as string | string[]);
      const words = types.map((t) => typeWords[t] ?? t).join(' or ');
      return { rule: 'json-type', severity: 'error', message: `${label} must be ${words}${found}`, path, target: 'value' };
    }
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const value = error.data;
      if (schema['x-case-insensitive'] === true && typeof value === 'string') {
        const canonical = allowed.find((a) => typeof a === 'string' && a.toUpperCase() === value.toUpperCase());
        if (typeof canonical === 'string') {
          return {
            rule: 'json-language-case',
            severity: 'hint',
            message: `${label}${hide || schema['x-secret'] === true ? '' : ` ${JSON.stringify(value)}`} is accepted; the canonical spelling is ${canonical}`,
            path,
            target: 'content',
            data: { replacement: canonical },
          };
        }
      }
      return {
        rule: 'json-enum',
        severity: 'error',
        message: `${label} must be one of ${allowed.map(String).join(', ')}${found}`,
        path,
        target: 'value',
      };
    }
    case 'pattern': {
      const shape = typeof schema.patternErrorMessage === 'string' ? schema.patternErrorMessage : `in the form ${String(params.pattern)}`;
      return { rule: 'json-pattern', severity: 'error', message: `${label} must be ${shape}${found}`, path, target: 'value' };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { minimum, maximum } = schema;
      const bounds =
        typeof minimum === 'number' && typeof maximum === 'number'
          ? `between ${minimum} and ${maximum}`
          : `${String(params.comparison)} ${String(params.limit)}`;
      return { rule: 'json-range', severity: 'error', message: `${label} must be ${bounds}${found}`, path, target: 'value' };
    }
    case 'minLength':
    case 'maxLength': {
      const side = error.keyword === 'minLength' ? 'at least' : 'at most';
      return { rule: 'json-range', severity: 'error', message: `${label} must be ${side} ${String(params.limit)} characters long`, path, target: 'value' };
    }
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const count = Array.isArray(error.data) ? error.data.length : 0;
      const rule = ruleOf(schema, 'json-range');
      const side = error.keyword === 'minItems' ? 'at least' : 'at most';
      // Point at the first entry too many (not at a possibly huge array); too few: at the array.
      const target = error.keyword === 'maxItems' ? { item: limit } : 'value';
      return { rule, severity: 'error', message: `${label} has ${count} entries; ${side} ${limit} are allowed`, path, target };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return {
        rule: 'json-unknown-key',
        severity: 'warning',
        message: `unknown key ${quote(key)} in ${label}: the importer does not know it`,
        path: [...path, key],
        target: 'key',
      };
    }
    default:
      return { rule: 'json-schema', severity: 'error', message: `${label} ${error.message ?? 'is not valid'}`, path, target: 'value' };
  }
}
