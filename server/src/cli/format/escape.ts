// Text output goes to terminals and CI logs, which act on what they read: ESC sequences rewrite the
// screen, a line starting with `::` is a GitHub Actions command, a line break inside a header name starts
// such a line, bidi controls reorder what is shown. Everything printed that comes from a file (names,
// keys, values, messages quoting them, paths) goes through escapeControls first.

/** C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every unsafe character as a visible escape: `\n`, `\x1b`, `\u202e`. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A path to start a line with: escaped, and `./`-prefixed when it would start like a CI command (`::`). */
export function linePath(displayPath: string): string {
  const escaped = escapeControls(displayPath);
  return escaped.startsWith('::') ? `./${escaped}` : escaped;
}
