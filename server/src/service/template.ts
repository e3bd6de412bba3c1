// A starter file for a dialect: its header and one example row, built from the dialect's own data (each
// column's `example`), so that adding a dialect file is enough to get its template.
import { appendAll } from './arrays';
import type { CompiledColumn, Dialect } from './dialects/model';
import type { PasswordPolicy, PinPolicy } from './types';
import { passwordFailures, pinFailures } from './validation/policy';

export interface TemplateOptions {
  /** The policies generated secrets must satisfy (the user's settings). */
  passwordPolicy: PasswordPolicy;
  pinPolicy: PinPolicy;
  /** Uniform random integer in [0, max); injectable for tests. Defaults to a cryptographic source. */
  randomInt?: (max: number) => number;
}

export interface Template {
  /** Header line, example row, each ending with a line break. */
  text: string;
  /** The columns of the header, in order. */
  columns: string[];
  /** Columns whose example value was generated (required secrets); the user must replace them. */
  generated: string[];
}

/** Tries before giving up on a secret that satisfies the policy (each try is independent and usually passes). */
const SECRET_ATTEMPTS = 200;
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SPECIALS = '#$%@!*+=?';

/**
 * The columns the header needs and the columns that have an example, in the dialect's order; a resource
 * (XiVO voicemail, incoming call, …) whose required fields the example row cannot fill is left out, so that
 * the row does not describe half a resource.
 */
export function createTemplate(dialect: Dialect, options: TemplateOptions): Template {
  const pick = options.randomInt ?? secureRandomInt;
  const values = new Map<string, string>();
  const generated: string[] = [];
  for (const column of dialect.columns) {
    if (column.example !== undefined) values.set(column.name, column.example);
    else if (column.requiredInHeader) {
      const secret = column.secret ? generateSecret(column, values, options, pick) : undefined;
      values.set(column.name, secret ?? '');
      if (secret !== undefined) generated.push(column.name);
    }
  }
  for (const resource of dialect.resources) {
    const complete = resource.requires.every((name) => (values.get(name) ?? '') !== '');
    if (complete) continue;
    for (const name of resource.columns) {
      if (!dialect.columnsByName.get(name)?.required) values.delete(name);
    }
  }
  const columns = dialect.columns.map((c) => c.name).filter((name) => values.has(name));
  const text = `${columns.map(csvCell).join(',')}\n${columns.map((name) => csvCell(values.get(name) ?? '')).join(',')}\n`;
  return { text, columns, generated };
}

/** RFC 4180 quoting, only where needed. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A random value for a required secret that passes its policy, or undefined when the policy cannot be met. */
function generateSecret(
  column: CompiledColumn,
  known: ReadonlyMap<string, string>,
  options: TemplateOptions,
  pick: (max: number) => number,
): string | undefined {
  const randomFrom = (alphabet: string, length: number): string =>
    Array.from({ length }, () => alphabet[pick(alphabet.length)]).join('');
  if (column.policy?.kind === 'pin') {
    const policy = options.pinPolicy;
    const length = clamp(8, policy.minLength, policy.maxLength);
    for (let i = 0; i < SECRET_ATTEMPTS; i++) {
      const pin = randomFrom(DIGITS, length);
      if (pinFailures(pin, policy).length === 0) return pin;
    }
    return undefined;
  }
  const policy = options.passwordPolicy;
  const accountValues = (column.policy?.accountColumns ?? []).map((name) => known.get(name) ?? '').filter(Boolean);
  const length = clamp(14, policy.minLength, policy.maxLength);
  for (let i = 0; i < SECRET_ATTEMPTS; i++) {
    // One character of each class first (shuffled in below), so the requirement checks pass by construction.
    const chars = [...randomFrom(LETTERS, 1), ...randomFrom(DIGITS, 1), ...randomFrom(SPECIALS, 1)];
    appendAll(chars, randomFrom(LETTERS + DIGITS + SPECIALS, Math.max(0, length - chars.length)));
    for (let k = chars.length - 1; k > 0; k--) {
      const j = pick(k + 1);
      [chars[k], chars[j]] = [chars[j], chars[k]];
    }
    const password = chars.slice(0, length).join('');
    if (passwordFailures(password, policy, accountValues).length === 0) return password;
  }
  return undefined;
}

function clamp(preferred: number, min: number, max: number): number {
  return Math.max(min, Math.min(preferred, max));
}

/** Uniform random integer in [0, max) from the platform's cryptographic source (Web Crypto, in Node and browsers). */
function secureRandomInt(max: number): number {
  // Rejection sampling: values from the last incomplete multiple of `max` would favour small results.
  const limit = Math.floor(0x100000000 / max) * max;
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    if (word[0] < limit) return word[0] % max;
  }
}
