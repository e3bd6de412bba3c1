// Names and values quoted in messages: cut when long, so that a 5 MB header cell or JSON key does not make
// a 5 MB message (and a 5 MB line in a terminal or CI log).

/** Longest value or name a message shows whole; longer ones are cut and end with "…". */
export const MAX_QUOTED = 60;

/** `text` cut to `max` characters, the last being "…" when it was longer (a surrogate pair is never split). */
export function cut(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A value or name in double quotes (JSON string syntax), cut when long. Never call it with a secret or with
 * a cell of a broken row: see ValidationRun.shown.
 */
export function quote(value: string): string {
  return JSON.stringify(cut(value));
}
