// Password and voicemail PIN policies (settings.passwordPolicy / settings.pinPolicy). The file does not
// say which policy the tenant really has, so findings are warnings by default. Values never appear in
// messages.
import type { PasswordPolicy, PinPolicy, Row } from '../types';
import { cellSpan, type ValidationRun } from './context';
import type { RowCheck } from './structure';

const LETTER = /\p{L}/u;
const DIGIT = /[0-9]/;
const SPECIAL = /[^\p{L}\p{N}]/u;
const DIGITS_ONLY = /^[0-9]+$/;
/** Shortest run that counts as "sequential" (abc, 123, 987) or "repeating" (aaa, 111). */
const RUN = 3;

/** Three characters in a row that step up or down by one within letters or within digits. */
export function hasSequentialRun(value: string): boolean {
  const lower = value.toLowerCase();
  for (let i = 0; i + RUN <= lower.length; i++) {
    const a = lower.charCodeAt(i);
    const b = lower.charCodeAt(i + 1);
    const c = lower.charCodeAt(i + 2);
    const sameClass = (isDigit(a) && isDigit(b) && isDigit(c)) || (isLetter(a) && isLetter(b) && isLetter(c));
    if (sameClass && ((b === a + 1 && c === b + 1) || (b === a - 1 && c === b - 1))) return true;
  }
  return false;
}

export function hasRepeatingRun(value: string): boolean {
  for (let i = 0; i + RUN <= value.length; i++) {
    if (value[i] === value[i + 1] && value[i] === value[i + 2]) return true;
  }
  return false;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => c >= 97 && c <= 122;

/** Number of code points (as `[...value].length`, a lone surrogate counting as one) without an array per value. */
function codePointCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** What a password breaks in the policy, in words; empty when it complies. */
export function passwordFailures(password: string, policy: PasswordPolicy, accountValues: string[]): string[] {
  const failures: string[] = [];
  const length = codePointCount(password);
  if (length < policy.minLength || length > policy.maxLength) failures.push(`be ${policy.minLength} to ${policy.maxLength} characters long`);
  if (policy.requireLetters && !LETTER.test(password)) failures.push('contain a letter');
  if (policy.requireDigits && !DIGIT.test(password)) failures.push('contain a digit');
  if (policy.requireSpecial && !SPECIAL.test(password)) failures.push('contain a special character');
  if (policy.forbidSequential && hasSequentialRun(password)) failures.push('not contain 3 sequential characters such as abc or 123');
  if (policy.forbidRepeating && hasRepeatingRun(password)) failures.push('not repeat a character 3 times in a row');
  if (policy.forbidAccountInfo) {
    const lower = password.toLowerCase();
    if (accountValues.some((v) => v.length >= RUN && lower.includes(v.toLowerCase()))) failures.push('not contain the user name or extension number');
  }
  return failures;
}

/** What a digits-only PIN breaks in the policy, in words; empty when it complies. */
export function pinFailures(pin: string, policy: PinPolicy): string[] {
  const failures: string[] = [];
  if (pin.length < policy.minLength || pin.length > policy.maxLength) failures.push(`be ${policy.minLength} to ${policy.maxLength} digits long`);
  if (policy.forbidRepeating && hasRepeatingRun(pin)) failures.push('not repeat a digit 3 times in a row (such as 111)');
  if (policy.forbidSequential && hasSequentialRun(pin)) failures.push('not contain 3 consecutive digits (such as 012 or 987)');
  return failures;
}

export function createPolicyCheck(run: ValidationRun): RowCheck | undefined {
  const checks: Array<(row: Row) => void> = [];
  for (const { column, index } of run.bindings) {
    const policy = column.policy;
    if (!policy) continue;
    const name = column.name;
    if (policy.kind === 'password') {
      const accountIndexes = policy.accountColumns.map((c) => run.indexByName.get(c)).filter((i): i is number => i !== undefined);
      checks.push((row) => {
        const cell = row.cells[index];
        if (!cell || cell.value === '') return;
        const accountValues = accountIndexes.map((i) => row.cells[i]?.value ?? '');
        const failures = passwordFailures(cell.value, run.settings.passwordPolicy, accountValues);
        if (failures.length === 0) return;
        run.report(
          'password-policy',
          'warning',
          cellSpan(cell),
          `${name} does not meet the password policy: it must ${failures.join(', ')} (the tenant's own policy may differ)`,
          { data: { failures } },
        );
      });
    } else {
      checks.push((row) => {
        const cell = row.cells[index];
        // A PIN with other characters than digits is a value-pattern error already.
        if (!cell || !DIGITS_ONLY.test(cell.value)) return;
        const failures = pinFailures(cell.value, run.settings.pinPolicy);
        if (failures.length === 0) return;
        run.report(
          'pin-policy',
          'warning',
          cellSpan(cell),
          `${name} does not meet the voicemail PIN policy: it must ${failures.join(', ')} (the tenant's own policy may differ)`,
          { data: { failures } },
        );
      });
    }
  }
  if (checks.length === 0) return undefined;
  return (row) => {
    for (const check of checks) check(row);
  };
}
