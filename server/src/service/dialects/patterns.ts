// Regular expressions of dialect files and their JSON Schemas. The built-in ones are JavaScript RegExps,
// checked free of catastrophic backtracking by a test (test/unit/patterns-redos.test.ts). A custom dialect's
// own patterns come from a file anyone may write: a pattern such as ^(a+)+$ would hang a backtracking
// engine on a 40-character cell, so they run on RE2's linear-time engine (re2js, pure JavaScript: it also
// runs in a browser). RE2 has no lookaround or backreferences: such a pattern is refused when the file loads.
import { RE2JS } from 're2js';

/** Which engine runs a pattern: native RegExp for trusted (built-in) patterns, RE2 for the others. */
export type PatternEngine = 'native' | 'linear';

/** What the validators need of a compiled pattern. */
export interface Pattern {
  test(value: string): boolean;
  /** The pattern as written in the file. */
  readonly source: string;
}

/** Compiles a pattern as a JavaScript regular expression with the unicode flag would read it; throws when it is invalid or, for the linear engine, unsupported. */
export function compilePattern(source: string, engine: PatternEngine): Pattern {
  const native = new RegExp(source, 'u'); // the file format's syntax: invalid here is invalid everywhere
  if (engine === 'native') return native;
  const linear = RE2JS.compile(RE2JS.translateRegExp(source));
  const pattern: Pattern = { source, test: (value) => linear.test(value) };
  pattern.toString = () => `/${source}/u`; // ajv keys the patterns of a schema by it
  return pattern;
}

/**
 * Why `source` cannot run on the linear-time engine, or undefined when it can (or is no valid
 * JavaScript regular expression at all, which is reported as such).
 */
export function linearEngineRefusal(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
  } catch {
    return undefined;
  }
  try {
    RE2JS.compile(RE2JS.translateRegExp(source));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The RegExp engine ajv uses for the `pattern` keywords of untrusted JSON Schemas. */
export const linearRegExpEngine = Object.assign((source: string) => compilePattern(source, 'linear'), { code: 'linearRegExp' });
