// Turns a resolved dialect file into the form the validators use: defaults filled in, regexes compiled
// once, allowed values in Sets/Maps.
import type { CompiledColumn, Detection, Dialect, RawColumn, RawDialect, RawSignature, Signature } from './model';

export function compileDialect(raw: RawDialect, source: string, builtIn: boolean): Dialect {
  const columns = (raw.columns ?? []).map(compileColumn);
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

function compileColumn(raw: RawColumn): CompiledColumn {
  const values = raw.values ?? [];
  const required = raw.required ?? false;
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
      regex: raw.otherValues.pattern !== undefined ? new RegExp(raw.otherValues.pattern, 'u') : undefined,
      severity: raw.otherValues.severity ?? 'warning',
      description: raw.otherValues.description,
    },
    pattern: raw.pattern !== undefined ? new RegExp(raw.pattern, 'u') : undefined,
    patternDescription: raw.patternDescription,
    strictPattern: raw.strictPattern && {
      regex: new RegExp(raw.strictPattern.pattern, 'u'),
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
    formulaInjection: raw.formulaInjection ?? false,
    jsonSchemaUri: raw.jsonSchema,
    jsonIfLooksLikeJson: raw.jsonIfLooksLikeJson ?? false,
    list: raw.list,
    notes: raw.notes ?? [],
    example: raw.example,
  };
}
