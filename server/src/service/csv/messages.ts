// Messages of the structural CSV errors, written for the administrator who prepares the import file.

function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || code === 0xfeff) return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${char}'`;
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
