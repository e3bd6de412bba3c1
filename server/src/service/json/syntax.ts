// The first JSON syntax error of a text, as a message and the exact character(s) it is about.
// Only the first error is reported: the ones after it are usually its echo.
import { ParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Span } from '../types';

export interface SyntaxProblem extends Span {
  message: string;
}

const PREFIX = 'Invalid JSON: ';

export function firstSyntaxError(json: string, errors: ParseError[]): SyntaxProblem {
  const error = errors[0];
  if (!error) return { start: 0, end: json.length, message: `${PREFIX}the text is not a JSON value` };
  const { offset, length } = error;
  const at = (start: number, message: string, end = start + 1): SyntaxProblem => ({ start, end, message: PREFIX + message });
  const previous = lastNonSpaceBefore(json, offset);

  switch (error.error) {
    case ParseErrorCode.InvalidSymbol:
      if (json[offset] === "'") return at(offset, 'strings and keys need double quotes ("), not single quotes');
      if (/[\p{L}\p{N}]/u.test(json[offset])) return at(offset, 'unquoted text; strings must be in double quotes', offset + Math.max(1, length));
      return at(offset, `unexpected ${describe(json, offset)}; strings must be in double quotes`);
    case ParseErrorCode.PropertyNameExpected:
    case ParseErrorCode.ValueExpected:
      if (previous >= 0 && json[previous] === ',' && (json[offset] === '}' || json[offset] === ']')) {
        return at(previous, `trailing comma before '${json[offset]}'; remove it`);
      }
      if (offset >= json.length) return endOfText(json, 'the text ends where a value is expected');
      return error.error === ParseErrorCode.PropertyNameExpected
        ? at(offset, `expected a key in double quotes, found ${describe(json, offset)}`)
        : at(offset, `expected a value, found ${describe(json, offset)}`);
    case ParseErrorCode.ColonExpected:
      if (offset >= json.length) return endOfText(json, "the text ends where ':' is expected");
      return at(offset, `expected ':' after the key, found ${describe(json, offset)}`);
    case ParseErrorCode.CommaExpected:
      return at(offset, `expected ',' before ${describe(json, offset)}`);
    case ParseErrorCode.CloseBraceExpected:
      if (offset >= json.length) return endOfText(json, "the object is not closed: '}' is missing at the end");
      return at(offset, `expected ',' or '}', found ${describe(json, offset)}`);
    case ParseErrorCode.CloseBracketExpected:
      if (offset >= json.length) return endOfText(json, "the array is not closed: ']' is missing at the end");
      return at(offset, `expected ',' or ']', found ${describe(json, offset)}`);
    case ParseErrorCode.EndOfFileExpected:
      return at(offset, `unexpected ${describe(json, offset)} after the end of the JSON value`);
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return at(offset, 'comments are not allowed in JSON', offset + Math.max(1, length));
    case ParseErrorCode.UnexpectedEndOfString: {
      const end = offset + length;
      if (json[end] === '\n' || json[end] === '\r') {
        const width = json[end] === '\r' && json[end + 1] === '\n' ? 2 : 1;
        return at(end, 'line break inside a string (write it as \\n)', end + width);
      }
      return at(offset, 'this string is never closed');
    }
    case ParseErrorCode.InvalidCharacter: {
      const control = firstControlCharacter(json, offset + 1, offset + length);
      return at(control ?? offset, `control character ${describe(json, control ?? offset)} inside a string (write it escaped, e.g. \\t)`);
    }
    case ParseErrorCode.InvalidEscapeCharacter: {
      const slash = json.indexOf('\\', offset);
      const start = slash >= 0 && slash < offset + length ? slash : offset;
      return at(start, 'invalid escape in a string (a backslash is written \\\\)', start + 2);
    }
    case ParseErrorCode.InvalidUnicode:
      return at(offset, 'invalid \\u escape (it needs four hex digits)', offset + Math.max(1, length));
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return at(offset, 'invalid number', offset + Math.max(1, length));
    default:
      return at(offset, 'unexpected text', offset + Math.max(1, length));
  }
}

/** Points at the last character of the text for errors found at its very end. */
function endOfText(json: string, message: string): SyntaxProblem {
  const last = lastNonSpaceBefore(json, json.length);
  const start = Math.max(0, last);
  return { start, end: Math.min(json.length, start + 1), message: PREFIX + message };
}

function lastNonSpaceBefore(text: string, offset: number): number {
  let i = Math.min(offset, text.length) - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

function firstControlCharacter(text: string, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) < 0x20) return i;
  return undefined;
}

/** One character, quoted, or its code for invisible ones. Letters and digits are not shown: values may be secret. */
function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the text';
  const code = text.codePointAt(offset) ?? 0;
  if (/[\p{L}\p{N}]/u.test(String.fromCodePoint(code))) return 'text';
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(code)}'`;
}
