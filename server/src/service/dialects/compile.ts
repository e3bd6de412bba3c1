// Turns a resolved dialect file into the form the validators use: defaults filled in, regexes compiled
// once, allowed values in Sets/Maps.
import type { CompiledColumn, Detection, Dialect, RawColumn, RawDialect, RawSignature, Signature } from './model';
import { compilePattern, type Pattern, type PatternEngine } from './patterns';

/** What the built-in dialect files use: their patterns and JSON Schemas are trusted (see patterns.ts). */
export interface TrustedParts {
  patterns: ReadonlySet<string>;
  jsonSchemas: ReadonlySet<string>;
}

export const NOTHING_TRUSTED: TrustedParts = { patterns: new Set(), jsonSchemas: new Set() };

export function compileDialect(raw: RawDialect, source: string, builtIn: boolean, trusted: TrustedParts = NOTHING_TRUSTED): Dialect {
  // A pattern or schema of a built-in file stays trusted in a custom dialect that inherits or repeats it.
  const pattern = (text: string): Pattern => compilePattern(text, builtIn || trusted.patterns.has(text) ? 'native' : 'linear');
  const schemaEngine = (path: string): PatternEngine => (builtIn || trusted.jsonSchemas.has(path) ? 'native' : 'linear');
  const columns = (raw.columns ?? []).map((column) => compileColumn(column, pattern, schemaEngine));
  const d = raw.detection ?? {};
  const detection: Detection = {
    family: d.family ?? raw.id,
    default: d.default ?? false,
    auto: d.auto ?? true,
    signatures: [d, ...(d.alternatives ?? [])].map(compileSignature).filter((s) => s.allOf.length > 0 || s.anyOf.length > 0),
    noneOf: d.noneOf ?? [],
    signColumns: d.signs?.columns ?? [],
    signJsonKeys: d.signs?.jsonKeys ?? [],
  };
  const file = raw.file ?? {};
  return {
    id: raw.id,
    label: raw.label,
    description: raw.description,
    source,
    builtIn,
    detection,
    booleans: {
      true: raw.booleans?.true ?? 'TRUE',
      false: raw.booleans?.false ?? 'FALSE',
      caseInsensitive: raw.booleans?.caseInsensitive ?? false,
    },
    file: {
      ...file,
      bom: file.bom ?? 'off',
      lineBreakInCell: file.lineBreakInCell ?? 'off',
      shortRow: file.shortRow ?? 'error',
      extraCells: file.extraCells ?? 'warning',
      unknownColumn: file.unknownColumn ?? 'warning',
    },
    legacyFormat: raw.legacyFormat && { ...raw.legacyFormat, renames: new Map(Object.entries(raw.legacyFormat.renames)) },
    emptyCellMeaning: raw.emptyCellMeaning,
    outline: raw.outline,
    absentColumnsUnchanged: raw.absentColumnsUnchanged ?? false,
    columns,
    columnsByName: new Map(columns.map((c) => [c.name, c])),
    ignoredColumns: new Map((raw.ignoredColumns ?? []).map((c) => [c.name, c])),
    resources: raw.resources ?? [],
  };
}

function compileSignature(raw: RawSignature): Signature {
  return {
    allOf: raw.allOf ?? [],
    anyOf: raw.anyOf ?? [],
    minAnyOf: raw.minAnyOf ?? (raw.anyOf && raw.anyOf.length > 0 ? 1 : 0),
  };
}

/** What a spreadsheet may run as a formula at the start of a value (OWASP: tab and CR too). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/**
 * Whether formula injection is looked for in a column the dialect file says nothing about: free text
 * (string, email, list) that is not secret and whose pattern, if any, lets a formula through. A pattern
 * that allows only numbers (+15145550100, -5) keeps the column out: a number is no formula.
 */
function holdsFreeText(raw: RawColumn, compiled: Pattern | undefined): boolean {
  const type = raw.type ?? 'string';
  if (raw.secret || (type !== 'string' && type !== 'email' && type !== 'list')) return false;
  if (!compiled) return true;
  return FORMULA_TRIGGERS.some((trigger) => compiled.test(`${trigger}cmd`) || compiled.test(`${trigger}A1`));
}

function compileColumn(raw: RawColumn, pattern: (text: string) => Pattern, schemaEngine: (path: string) => PatternEngine): CompiledColumn {
  const values = raw.values ?? [];
  const required = raw.required ?? false;
  const compiledPattern = raw.pattern !== undefined ? pattern(raw.pattern) : undefined;
  return {
    name: raw.name,
    description: raw.description ?? '',
    type: raw.type ?? 'string',
    required,
    requiredReason: raw.requiredReason,
    requiredWhen: raw.requiredWhen,
    joinedValues: raw.joinedValues && { ...raw.joinedValues, severity: raw.joinedValues.severity ?? 'error' },
    requiredInHeader: raw.requiredInHeader ?? required,
    values,
    valueSet: new Set(values.map((v) => v.value)),
    valueByLowerCase: new Map(values.map((v) => [v.value.toLowerCase(), v.value])),
    caseInsensitive: raw.caseInsensitive ?? false,
    otherValues: raw.otherValues && {
      regex: raw.otherValues.pattern !== undefined ? pattern(raw.otherValues.pattern) : undefined,
      severity: raw.otherValues.severity ?? 'warning',
      description: raw.otherValues.description,
    },
    pattern: compiledPattern,
    patternDescription: raw.patternDescription,
    strictPattern: raw.strictPattern && {
      regex: pattern(raw.strictPattern.pattern),
      description: raw.strictPattern.description,
      reason: raw.strictPattern.reason,
      severity: raw.strictPattern.severity ?? 'warning',
    },
    reserved: raw.reserved && {
      caseInsensitive: raw.reserved.caseInsensitive ?? false,
      set: new Set(raw.reserved.caseInsensitive ? raw.reserved.values.map((v) => v.toLowerCase()) : raw.reserved.values),
    },
    minLength: raw.minLength,
    maxLength: raw.maxLength,
    lengthWarning: raw.lengthWarning,
    minimum: raw.minimum,
    maximum: raw.maximum,
    multipleOf: raw.multipleOf === 1 ? undefined : raw.multipleOf, // every integer is a multiple of 1 (how a dialect drops an inherited step)
    unique: raw.unique && {
      severity: raw.unique.severity,
      with: raw.unique.with ?? [],
      caseInsensitive: raw.unique.caseInsensitive ?? false,
      reason: raw.unique.reason,
    },
    secret: raw.secret ?? false,
    policy: raw.policy && { kind: raw.policy.kind, accountColumns: raw.policy.accountColumns ?? [] },
    resource: raw.resource,
    formulaInjection: raw.formulaInjection ?? holdsFreeText(raw, compiledPattern),
    jsonSchemaUri: raw.jsonSchema,
    jsonSchemaEngine: raw.jsonSchema !== undefined ? schemaEngine(raw.jsonSchema) : 'native',
    jsonIfLooksLikeJson: raw.jsonIfLooksLikeJson ?? false,
    list: raw.list,
    notes: raw.notes ?? [],
    example: raw.example,
  };
}
