// The `pbxUserCsv` settings section as the client sends it, and its translation into the core's
// ValidationSettings. Whatever arrives over the wire is untrusted: wrong types fall back to defaults.
import { defaultSettings } from '../service/index';
import type { PasswordPolicy, PinPolicy, SeverityOverride, ValidationSettings } from '../service/index';

export const SETTINGS_SECTION = 'pbxUserCsv';

/** The settings this server reads, after sanitising. */
export interface ClientSettings {
  /** Glob → dialect id or `none`, like yaml.schemas. */
  dialects: Record<string, string>;
  passwordPolicy: PasswordPolicy;
  voicemailPinPolicy: PinPolicy;
  maxNumberOfProblems: number;
  rules: Record<string, SeverityOverride>;
  formulaInjection: { enabled: boolean };
  validate: { include: string[]; exclude: string[] };
  customDialects: string[];
}

export const defaultClientSettings: ClientSettings = {
  dialects: {},
  passwordPolicy: { ...defaultSettings.passwordPolicy },
  voicemailPinPolicy: { ...defaultSettings.pinPolicy },
  maxNumberOfProblems: defaultSettings.maxProblems,
  rules: {},
  formulaInjection: { enabled: defaultSettings.formulaInjection },
  validate: { include: ['**/*.csv'], exclude: ['**/node_modules/**'] },
  customDialects: [],
};

const SEVERITY_OVERRIDES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Takes the keys of `defaults` whose value in `raw` has the same primitive type. */
function mergeSameTypes<T extends object>(defaults: T, raw: unknown): T {
  const merged = { ...defaults };
  if (!isRecord(raw)) return merged;
  for (const key of Object.keys(defaults) as Array<keyof T>) {
    const value = raw[key as string];
    if (typeof value !== typeof defaults[key]) continue;
    if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) continue;
    merged[key] = value as T[keyof T];
  }
  return merged;
}

function stringRecord(raw: unknown, accept: (value: string) => boolean = () => true): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && accept(value)) out[key] = value;
  }
  return out;
}

function stringArray(raw: unknown, fallback: string[]): string[] {
  return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : [...fallback];
}

/** Sanitises the raw `pbxUserCsv` section (null/undefined → all defaults). */
export function parseClientSettings(raw: unknown): ClientSettings {
  const section = isRecord(raw) ? raw : {};
  const maxProblems = section.maxNumberOfProblems;
  const formulaInjection = isRecord(section.formulaInjection) ? section.formulaInjection : {};
  const validate = isRecord(section.validate) ? section.validate : {};
  return {
    dialects: stringRecord(section.dialects),
    passwordPolicy: mergeSameTypes(defaultClientSettings.passwordPolicy, section.passwordPolicy),
    voicemailPinPolicy: mergeSameTypes(defaultClientSettings.voicemailPinPolicy, section.voicemailPinPolicy),
    maxNumberOfProblems:
      typeof maxProblems === 'number' && Number.isInteger(maxProblems) && maxProblems >= 0
        ? maxProblems
        : defaultClientSettings.maxNumberOfProblems,
    rules: stringRecord(section.rules, (value) => SEVERITY_OVERRIDES.has(value)) as Record<string, SeverityOverride>,
    formulaInjection: {
      enabled:
        typeof formulaInjection.enabled === 'boolean'
          ? formulaInjection.enabled
          : defaultClientSettings.formulaInjection.enabled,
    },
    validate: {
      include: stringArray(validate.include, defaultClientSettings.validate.include),
      exclude: stringArray(validate.exclude, defaultClientSettings.validate.exclude),
    },
    customDialects: stringArray(section.customDialects, defaultClientSettings.customDialects),
  };
}

export function toValidationSettings(settings: ClientSettings): ValidationSettings {
  return {
    passwordPolicy: settings.passwordPolicy,
    pinPolicy: settings.voicemailPinPolicy,
    maxProblems: settings.maxNumberOfProblems,
    formulaInjection: settings.formulaInjection.enabled,
    severityOverrides: settings.rules,
  };
}
