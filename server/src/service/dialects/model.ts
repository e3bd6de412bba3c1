// The dialect file format (schemas/dialect.schema.json) as TypeScript types, and the compiled form the
// validators use (regexes built once, lookups as Maps/Sets, every default filled in).
import type { Delimiter } from '../detect';
import type { CompiledSchema } from '../json/schemas';
import type { Severity, SeverityOverride } from '../types';
import type { Pattern, PatternEngine } from './patterns';

export type ColumnType = 'string' | 'boolean' | 'integer' | 'enum' | 'email' | 'json' | 'languageTag' | 'uuid' | 'list';

// ---------------------------------------------------------------- the file format

export interface AllowedValue {
  value: string;
  description: string;
}

export interface RawColumn {
  name: string;
  description?: string;
  type?: ColumnType;
  required?: boolean;
  requiredReason?: string;
  requiredWhen?: RequiredWhen;
  joinedValues?: { separator: string; reason: string; severity?: SeverityOverride };
  requiredInHeader?: boolean;
  values?: AllowedValue[];
  caseInsensitive?: boolean;
  otherValues?: { pattern?: string; severity?: SeverityOverride; description: string };
  pattern?: string;
  patternDescription?: string;
  strictPattern?: { pattern: string; description: string; reason: string; severity?: SeverityOverride };
  reserved?: { values: string[]; caseInsensitive?: boolean };
  minLength?: number;
  maxLength?: number;
  lengthWarning?: { max: number; reason: string };
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  unique?: { severity: SeverityOverride; with?: string[]; caseInsensitive?: boolean; reason?: string };
  secret?: boolean;
  policy?: { kind: 'password' | 'pin'; accountColumns?: string[] };
  resource?: string;
  formulaInjection?: boolean;
  jsonSchema?: string;
  jsonIfLooksLikeJson?: boolean;
  list?: { separator: string; itemDescription?: string };
  notes?: string[];
  example?: string;
}

export interface RawSignature {
  allOf?: string[];
  anyOf?: string[];
  minAnyOf?: number;
}

export interface RawDetection extends RawSignature {
  family?: string;
  default?: boolean;
  auto?: boolean;
  alternatives?: RawSignature[];
  noneOf?: string[];
  signs?: { columns?: string[]; jsonKeys?: Array<{ column: string; keys: string[] }> };
}

export interface FilePolicies {
  bom?: SeverityOverride;
  bomReason?: string;
  lineBreakInCell?: SeverityOverride;
  lineBreakReason?: string;
  shortRow?: SeverityOverride;
  shortRowReason?: string;
  extraCells?: SeverityOverride;
  extraCellsReason?: string;
  unknownColumn?: SeverityOverride;
  unknownColumnReason?: string;
}

export interface IgnoredColumn {
  name: string;
  description: string;
  severity?: SeverityOverride;
  message?: string;
}

export interface ResourceCondition {
  anyOf?: string[];
  allOf?: string[];
  column?: string;
  equals?: string;
}

/** A cell that is required only when a condition holds in its row. */
export interface RequiredWhen extends ResourceCondition {
  reason: string;
  /** Severity when `column` is not in the header (the file cannot tell). */
  ifColumnAbsent?: SeverityOverride;
}

export interface Resource {
  id: string;
  label: string;
  description?: string;
  columns: string[];
  requires: string[];
  enforcedWhen?: ResourceCondition;
  enforcedConsequence?: string;
  lookupBy?: string[];
  warnWhenPartial?: boolean;
}

/** An older file format of the importer: another delimiter and other column names. */
export interface LegacyFormat {
  delimiter: Delimiter;
  description: string;
  change: string;
  consequence: string;
  renames: Record<string, string>;
}

/** How the outline names a data row: `name` columns joined by a space, `detail` shown beside. */
export interface Outline {
  name: string[];
  detail?: string;
}

export interface RawDialect {
  id: string;
  label: string;
  description: string;
  extends?: string;
  detection?: RawDetection;
  booleans?: { true: string; false: string; caseInsensitive?: boolean };
  file?: FilePolicies;
  legacyFormat?: LegacyFormat;
  emptyCellMeaning?: string;
  outline?: Outline;
  absentColumnsUnchanged?: boolean;
  removeColumns?: string[];
  removeResources?: string[];
  ignoredColumns?: IgnoredColumn[];
  resources?: Resource[];
  columns?: RawColumn[];
}

// ---------------------------------------------------------------- compiled form

export interface CompiledColumn {
  name: string;
  description: string;
  type: ColumnType;
  required: boolean;
  requiredReason?: string;
  requiredWhen?: RequiredWhen;
  joinedValues?: { separator: string; reason: string; severity: SeverityOverride };
  requiredInHeader: boolean;
  values: AllowedValue[];
  /** Exact allowed values. */
  valueSet: ReadonlySet<string>;
  /** Lower-cased allowed value -> canonical spelling. */
  valueByLowerCase: ReadonlyMap<string, string>;
  caseInsensitive: boolean;
  otherValues?: { regex?: Pattern; severity: SeverityOverride; description: string };
  pattern?: Pattern;
  patternDescription?: string;
  strictPattern?: { regex: Pattern; description: string; reason: string; severity: SeverityOverride };
  reserved?: { set: ReadonlySet<string>; caseInsensitive: boolean };
  minLength?: number;
  maxLength?: number;
  lengthWarning?: { max: number; reason: string };
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  unique?: { severity: SeverityOverride; with: string[]; caseInsensitive: boolean; reason?: string };
  secret: boolean;
  policy?: { kind: 'password' | 'pin'; accountColumns: string[] };
  resource?: string;
  formulaInjection: boolean;
  /** The JSON Schema of a json column, loaded and compiled with the dialect. */
  jsonSchema?: ColumnSchema;
  /** URI of that JSON Schema, resolved against the dialect file (the loader loads it). */
  jsonSchemaUri?: string;
  /** The engine of its `pattern` keywords: a custom dialect's own schema runs them in linear time (see patterns.ts). */
  jsonSchemaEngine: PatternEngine;
  jsonIfLooksLikeJson: boolean;
  list?: { separator: string; itemDescription?: string };
  notes: string[];
  example?: string;
}

/** A JSON Schema of an embedded-JSON column: the document (for completion and hover) and its validator. */
export interface ColumnSchema {
  uri: string;
  root: Record<string, unknown>;
  validate: CompiledSchema;
}

export interface Signature {
  allOf: string[];
  anyOf: string[];
  minAnyOf: number;
}

export interface Detection {
  family: string;
  default: boolean;
  auto: boolean;
  /** The header must match one of them; none: the dialect is never detected. */
  signatures: Signature[];
  noneOf: string[];
  signColumns: string[];
  signJsonKeys: Array<{ column: string; keys: string[] }>;
}

export interface Dialect {
  id: string;
  label: string;
  description: string;
  /** Absolute path of the file that defined the dialect. */
  source: string;
  builtIn: boolean;
  detection: Detection;
  booleans: { true: string; false: string; caseInsensitive: boolean };
  file: Required<Pick<FilePolicies, 'bom' | 'lineBreakInCell' | 'shortRow' | 'extraCells' | 'unknownColumn'>> & FilePolicies;
  legacyFormat?: Omit<LegacyFormat, 'renames'> & { renames: ReadonlyMap<string, string> };
  emptyCellMeaning?: string;
  outline?: Outline;
  absentColumnsUnchanged: boolean;
  columns: CompiledColumn[];
  columnsByName: ReadonlyMap<string, CompiledColumn>;
  ignoredColumns: ReadonlyMap<string, IgnoredColumn>;
  resources: Resource[];
}

/** A problem found while loading a dialect file; the file is then skipped. */
export interface DialectLoadError {
  /** URI of the dialect file (or of the JSON Schema it names). */
  file: string;
  /** JSON pointer into the file ('' = the whole file). */
  pointer: string;
  message: string;
}

export type { Severity };
