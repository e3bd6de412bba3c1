// Cell values against their column's rules: required, type (boolean, integer, enum, email, language tag,
// uuid, list), length, pattern, reserved values. One checker function is built per header column up
// front, so the per-cell work is a switch-free call with precompiled regexes.
import type { CompiledColumn } from '../dialects/model';
import { checkCustomOptions } from '../json/check';
import type { Cell, Row } from '../types';
import { cellSpan, conditionHolds, orList, quote, type ValidationRun } from './context';

type CellCheck = (cell: Cell, row: Row) => void;

const DIGITS = /^[0-9]+$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', '0']);

/**
 * `, found "x"`; nothing for a secret column, whose value never appears in a message; in a broken row
 * (cells may be shifted) no value at all, since the cell may hold another column's value, a password too.
 */
function found(run: ValidationRun, column: CompiledColumn, value: string): string {
  if (column.secret) return '';
  return run.rowBroken ? ', found a value that may belong to another column' : `, found ${quote(value)}`;
}

/** Number of characters (code points) in a value. */
function characterCount(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) count--;
  }
  return count;
}

export function createCellCheck(run: ValidationRun): (row: Row) => void {
  const checks: Array<{ index: number; check: CellCheck }> = [];
  for (const { column, index } of run.bindings) {
    const typeCheck = valueCheck(run, column);
    const name = column.name;
    const required = column.required;
    const requiredMessage = column.requiredReason ? `${name} cannot be empty: ${column.requiredReason}` : `${name} is required but the cell is empty`;
    const emptyCheck = column.requiredWhen ? requiredWhenCheck(run, column) : undefined;
    checks.push({
      index,
      check: (cell, row) => {
        // An empty cell needs no value; a JSON cell's value is never made here (its checker reads the text).
        if (cell.empty || (required && cell.value.trim() === '')) {
          if (required) run.report('value-required', 'error', cellSpan(cell), requiredMessage);
          else emptyCheck?.(cell, row);
          return;
        }
        typeCheck(cell, row);
      },
    });
  }
  return (row) => {
    const cells = row.cells;
    for (let i = 0; i < checks.length; i++) {
      const cell = cells[checks[i].index];
      if (cell) checks[i].check(cell, row);
    }
  };
}

/** An empty cell that its row makes required; or, when the header lacks the column that would say, maybe required. */
function requiredWhenCheck(run: ValidationRun, column: CompiledColumn): CellCheck {
  const when = column.requiredWhen!;
  const unknown = when.column !== undefined && !run.indexByName.has(when.column) ? when.ifColumnAbsent ?? 'off' : 'off';
  return (cell, row) => {
    if (unknown !== 'off') {
      run.report(
        'value-maybe-required',
        unknown,
        cellSpan(cell),
        `${column.name} is empty: if this user's ${when.column} is ${when.equals} (the file has no ${when.column} column to tell), ${when.reason}`,
      );
      return;
    }
    const holds = conditionHolds(when, row, run.filledCell);
    if (holds) run.report('value-required', 'error', cellSpan(cell), `${column.name} cannot be empty when ${holds.because}: ${when.reason}`);
  };
}

/** The check of a non-empty cell of `column`. */
function valueCheck(run: ValidationRun, column: CompiledColumn): CellCheck {
  switch (column.type) {
    case 'boolean':
      return booleanCheck(run, column);
    case 'integer':
      return integerCheck(run, column);
    case 'enum':
      return enumCheck(run, column);
    case 'email':
      return withText(run, column, (cell) => {
        if (!EMAIL.test(cell.value)) {
          run.report('value-email', 'error', cellSpan(cell), `${column.name} must be an email address such as name@example.com${found(run, column, cell.value)}`);
        }
      });
    case 'languageTag':
      return languageTagCheck(run, column);
    case 'uuid':
      return (cell) => {
        if (!UUID.test(cell.value)) {
          run.report('value-uuid', 'error', cellSpan(cell), `${column.name} must be a UUID such as 123e4567-e89b-42d3-a456-426614174000${found(run, column, cell.value)}`);
        }
      };
    case 'list':
      return listCheck(run, column);
    case 'json':
      return jsonCheck(run, column);
    case 'string':
    default:
      return withText(run, column, column.jsonIfLooksLikeJson ? looksLikeJsonCheck(run) : undefined);
  }
}

function booleanCheck(run: ValidationRun, column: CompiledColumn): CellCheck {
  const { true: yes, false: no, caseInsensitive } = run.dialect.booleans;
  const yesLower = yes.toLowerCase();
  const noLower = no.toLowerCase();
  return (cell) => {
    const value = cell.value;
    if (value === yes || value === no) return;
    const lower = value.toLowerCase();
    if (caseInsensitive && (lower === yesLower || lower === noLower)) {
      const replacement = lower === yesLower ? yes : no;
      run.report('value-boolean-case', 'warning', cellSpan(cell), `${column.name} should be written ${replacement}${found(run, column, value)}`, {
        data: { replacement },
      });
      return;
    }
    const guess = TRUE_WORDS.has(lower.trim()) ? yes : FALSE_WORDS.has(lower.trim()) ? no : undefined;
    run.report('value-boolean', 'error', cellSpan(cell), `${column.name} must be ${yes} or ${no}${found(run, column, value)}`, {
      data: guess ? { allowed: [yes, no], replacement: guess } : { allowed: [yes, no] },
    });
  };
}

function integerCheck(run: ValidationRun, column: CompiledColumn): CellCheck {
  const { minimum, maximum, multipleOf } = column;
  const bounds =
    minimum !== undefined && maximum !== undefined
      ? `between ${minimum} and ${maximum}`
      : minimum !== undefined
        ? `at least ${minimum}`
        : maximum !== undefined
          ? `at most ${maximum}`
          : '';
  const expectation = multipleOf !== undefined ? `a multiple of ${multipleOf}${bounds ? ` ${bounds}` : ''}` : bounds;
  return (cell) => {
    const value = cell.value;
    if (!DIGITS.test(value)) {
      run.report('value-integer', 'error', cellSpan(cell), `${column.name} must be a whole number written with digits only${found(run, column, value)}`);
      return;
    }
    const n = Number(value);
    if ((minimum !== undefined && n < minimum) || (maximum !== undefined && n > maximum) || (multipleOf !== undefined && n % multipleOf !== 0)) {
      run.report('value-range', 'error', cellSpan(cell), `${column.name} must be ${expectation}${found(run, column, value)}`);
    }
  };
}

function enumCheck(run: ValidationRun, column: CompiledColumn): CellCheck {
  const allowed = column.values.map((v) => v.value);
  const allowedText = orList(allowed);
  const other = column.otherValues;
  return (cell) => {
    const value = cell.value;
    if (column.valueSet.has(value)) return;
    const canonical = column.valueByLowerCase.get(value.toLowerCase());
    if (canonical !== undefined) {
      if (column.caseInsensitive) {
        run.report('value-enum-case', 'hint', cellSpan(cell), `${column.name} is usually written ${canonical}${found(run, column, value)}`, {
          data: { replacement: canonical },
        });
      } else {
        run.report('value-enum', 'error', cellSpan(cell), `${column.name} must be ${canonical} in exactly this letter case${found(run, column, value)}`, {
          data: { allowed, replacement: canonical },
        });
      }
      return;
    }
    if (other && (!other.regex || other.regex.test(value))) {
      const shown = run.shown(column, value);
      run.report('value-enum-other', other.severity, cellSpan(cell), `${column.name}${shown ? ` ${shown}` : ''} is not one of ${allowedText}: it must be ${other.description}`, {
        data: { allowed },
      });
      return;
    }
    const otherText = other ? `, or ${other.description}` : '';
    run.report('value-enum', 'error', cellSpan(cell), `${column.name} must be ${allowedText}${otherText}${found(run, column, value)}`, { data: { allowed } });
  };
}

function languageTagCheck(run: ValidationRun, column: CompiledColumn): CellCheck {
  const wellFormed = new Map<string, boolean>();
  const isWellFormed = (tag: string): boolean => {
    let result = wellFormed.get(tag);
    if (result === undefined) {
      try {
        result = Intl.getCanonicalLocales(tag).length === 1;
      } catch {
        result = false;
      }
      wellFormed.set(tag, result);
    }
    return result;
  };
  return (cell) => {
    const value = cell.value;
    if (isWellFormed(value)) return;
    const dashed = value.replace(/_/g, '-');
    const replacement = dashed !== value && isWellFormed(dashed) ? dashed : undefined;
    run.report('value-language-tag', 'error', cellSpan(cell), `${column.name} must be a BCP 47 language tag such as en-US${found(run, column, value)}`, {
      data: replacement ? { replacement } : undefined,
    });
  };
}

function listCheck(run: ValidationRun, column: CompiledColumn): CellCheck {
  const separator = column.list?.separator ?? ';';
  return (cell) => {
    const text = run.doc.text; // read per cell: an editing session changes the document's text
    const items = cell.value.split(separator);
    const emptyAt = items.findIndex((item) => item === '');
    if (emptyAt < 0) return;
    // Point at the separator next to the empty item when the cell's text is its value (no "" escapes).
    let span = cellSpan(cell);
    if (cell.end - cell.start === cell.value.length && text.slice(cell.start, cell.end) === cell.value) {
      let offset = 0;
      for (let i = 0; i < emptyAt; i++) offset += items[i].length + separator.length;
      const at = emptyAt === 0 ? cell.start : cell.start + offset - separator.length;
      span = { start: at, end: at + separator.length };
    }
    run.report('value-list-item', 'error', span, `${column.name} has an empty item: items are separated by "${separator}" with nothing before, between or after them`);
  };
}

function jsonCheck(run: ValidationRun, column: CompiledColumn): CellCheck {
  const schema = column.jsonSchema;
  if (!schema || !run.json) return () => undefined;
  const json = run.json;
  const target = { name: column.name, schema, hideValues: column.secret };
  const quietTarget = { ...target, hideValues: true };
  return (cell, row) => {
    let problems;
    try {
      problems = json.check(run.doc, row, cell, run.rowBroken ? quietTarget : target);
    } catch {
      // A cell that breaks the JSON checker (e.g. nesting deeper than the stack) must not take the
      // whole validation down; the other cells and rows are still checked.
      return;
    }
    for (const problem of problems) run.problems.push(problem);
  };
}

/** A text column that must parse when it looks like JSON (custom_options); located by the JSON checker. */
function looksLikeJsonCheck(run: ValidationRun): CellCheck {
  return (cell) => {
    let problems;
    try {
      problems = checkCustomOptions(run.doc, cell);
    } catch {
      return; // see jsonCheck
    }
    for (const problem of problems) run.problems.push(problem);
  };
}

/** Length, pattern and reserved-value checks shared by text-like columns, then `next`. */
function withText(run: ValidationRun, column: CompiledColumn, next?: CellCheck): CellCheck {
  const { minLength, maxLength, lengthWarning, pattern, strictPattern, reserved, name } = column;
  const lengthText =
    minLength !== undefined && maxLength !== undefined
      ? `${minLength} to ${maxLength} characters long`
      : minLength !== undefined
        ? `at least ${minLength} characters long`
        : `at most ${maxLength} characters long`;
  const patternText = column.patternDescription ?? `in the expected format (${pattern?.source ?? ''})`;
  const joined = column.joinedValues;
  return (cell, row) => {
    const value = cell.value; // the span is made only for a problem: most cells have none
    if (joined && value.includes(joined.separator)) {
      run.report('value-joined', joined.severity, cellSpan(cell), `${name} holds several values joined by "${joined.separator}": ${joined.reason}`);
      return;
    }
    if (minLength !== undefined || maxLength !== undefined || lengthWarning) {
      // Surrogate pairs only ever make the UTF-16 length too large, so recount only then.
      let length = value.length;
      if ((maxLength !== undefined && length > maxLength) || (lengthWarning && length > lengthWarning.max)) length = characterCount(value);
      if ((minLength !== undefined && length < minLength) || (maxLength !== undefined && length > maxLength)) {
        run.report('value-length', 'error', cellSpan(cell), `${name} must be ${lengthText}, found ${length} character${length === 1 ? '' : 's'}`);
        return;
      }
      if (lengthWarning && length > lengthWarning.max) {
        run.report('value-length-limit', 'warning', cellSpan(cell), `${name} is longer than ${lengthWarning.max} characters (found ${length}): ${lengthWarning.reason}`);
      }
    }
    if (pattern && !pattern.test(value)) {
      run.report('value-pattern', 'error', cellSpan(cell), `${name} must be ${patternText}${found(run, column, value)}`);
      return;
    }
    if (strictPattern && !strictPattern.regex.test(value)) {
      const must = strictPattern.severity === 'error' ? 'must' : 'should';
      run.report('value-pattern-strict', strictPattern.severity, cellSpan(cell), `${name} ${must} be ${strictPattern.description}: ${strictPattern.reason}${found(run, column, value)}`);
    }
    if (reserved && reserved.set.has(reserved.caseInsensitive ? value.toLowerCase() : value)) {
      run.report('value-reserved', 'error', cellSpan(cell), `${name} cannot be ${run.shown(column, value) ?? 'this value'}: it is reserved`);
      return;
    }
    next?.(cell, row);
  };
}
