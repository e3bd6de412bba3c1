// Messages of the structural CSV errors, written for the administrator who prepares the import file.
// They never quote the cell's text: the parser does not know which columns hold passwords.

/** Names an invisible character (control, space, byte-order mark...) by its code; visible text is not echoed. */
function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const invisible = code <= 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xfeff || (code >= 0x2000 && code <= 0x200f);
  return invisible ? `character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : 'text';
}

export const csvMessages = {
  unterminatedQuote:
    'Unterminated quoted cell: this opening quote is never closed. Add the closing quote at the end of the value ' +
    '(a quote inside a value is written as two quotes "").',
  textAfterQuote: (char: string): string =>
    `Unexpected ${describe(char)} after the closing quote: a quoted cell must end at a comma or a line break. ` +
    'Put the whole value inside the quotes (a quote inside a value is written as two quotes "").',
  quoteInUnquoted:
    'Quote inside an unquoted cell: put the whole cell in quotes and write each quote inside it as two quotes, ' +
    'e.g. "say ""hi""".',
};
