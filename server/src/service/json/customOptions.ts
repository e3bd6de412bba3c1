// custom_options is a plain string column, normally empty; "if it looks like JSON it must parse".
import type { Cell, CsvDocument, Problem } from '../types';
import { CellText } from './cellText';
import { firstSyntaxError } from './syntax';

/** A json-syntax problem when the cell starts like a JSON object or array but does not parse. */
export function checkCustomOptions(doc: CsvDocument, cell: Cell): Problem[] {
  const text = new CellText(doc.text.slice(cell.start, cell.end), cell.quoted);
  const first = text.json.trimStart()[0];
  if (first !== '{' && first !== '[') return [];
  try {
    JSON.parse(text.json);
    return [];
  } catch {
    const syntax = firstSyntaxError(text.json, text.parse().errors);
    const span = text.toRaw(syntax.start, syntax.end);
    return [
      {
        rule: 'json-syntax',
        severity: 'error',
        message: `custom_options looks like JSON but does not parse. ${syntax.message}`,
        start: span.start + cell.start,
        end: span.end + cell.start,
      },
    ];
  }
}
