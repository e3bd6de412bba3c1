// File-level and row-shape findings: CSV syntax errors from the parser, encoding, byte-order mark,
// rows with too few or too many cells, and line breaks inside cells.
import { legacyRenames, type HeaderReading } from '../detect';
import type { Row, SourceEncoding } from '../types';
import { andList, cut, quote, type ValidationRun } from './context';

const REPLACEMENT_CHARACTER = '\uFFFD';

/** Where the first U+FFFD is (-1: none) and how many there are in [from, to); reads nothing past `to`. */
export function findReplacementCharacters(text: string, from = 0, to = text.length): { first: number; count: number } {
  let first = -1;
  let count = 0;
  if (to === text.length) {
    for (let i = text.indexOf(REPLACEMENT_CHARACTER, from); i >= 0; i = text.indexOf(REPLACEMENT_CHARACTER, i + 1)) {
      if (first < 0) first = i;
      count++;
    }
    return { first, count };
  }
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) !== 0xfffd) continue;
    if (first < 0) first = i;
    count++;
  }
  return { first, count };
}

/**
 * Not UTF-8, and a byte-order mark. A front that read the bytes says what it found (`encoding`); for a text
 * an editor decoded, U+FFFD characters mean bytes it could not decode (`replacements`: those of the whole
 * text, counted by the caller).
 */
export function checkEncoding(run: ValidationRun, replacements: { first: number; count: number }, encoding?: SourceEncoding): void {
  const { first, count } = replacements;
  if (encoding && encoding.name !== 'UTF-8') {
    const [bits, endian] = encoding.name === 'UTF-16LE' ? ['16', 'little'] : encoding.name === 'UTF-16BE' ? ['16', 'big'] : encoding.name === 'UTF-32LE' ? ['32', 'little'] : ['32', 'big'];
    run.report(
      'not-utf8',
      'error',
      { start: 0, end: Math.min(1, run.doc.text.length) },
      `The file is saved as UTF-${bits} (${endian}-endian), but the importer needs UTF-8: save it with UTF-8 encoding.`,
      { data: { encoding: encoding.name } },
    );
    return; // its byte-order mark belongs to UTF-${bits}
  }
  if (encoding) {
    const invalid = encoding.firstInvalidByte;
    if (invalid) {
      run.report(
        'not-utf8',
        'error',
        { start: invalid.textOffset, end: invalid.textOffset + 1 },
        `The file is not valid UTF-8: the byte at offset ${invalid.byteOffset} cannot be decoded (here). ` +
          'The importer needs UTF-8: re-save the file with UTF-8 encoding.',
        { data: { byteOffset: invalid.byteOffset } },
      );
    }
  } else if (first >= 0) {
    run.report(
      'not-utf8',
      'error',
      { start: first, end: first + 1 },
      `The file is not valid UTF-8: ${count} character${count === 1 ? '' : 's'} could not be decoded (the first is here). ` +
        'The importer needs UTF-8: re-save the file with UTF-8 encoding.',
      { data: { count } },
    );
  }
  if (run.doc.bom) {
    const first = run.header?.cells[0]?.value;
    const reason = run.dialect.file.bomReason;
    run.report(
      'file-bom',
      run.dialect.file.bom,
      { start: 0, end: 1 },
      `The file starts with a byte-order mark (BOM)${reason ? `: ${reason}` : ''}${first ? ` (here ${quote(first)})` : ''}. Save it as UTF-8 without BOM.`,
    );
  }
}

/**
 * A header that is one cell split by `;`, tabs or `|`: nothing else can be checked until it uses commas.
 * A header in the dialect's old format (its delimiter and old column names) says what changed.
 */
export function checkDelimiter(run: ValidationRun, header: HeaderReading): boolean {
  if (!header.delimiter) return false;
  const shown = header.delimiter === '\t' ? 'tabs' : `"${header.delimiter}"`;
  const legacy = run.dialect.legacyFormat;
  const renames = legacyRenames(header, run.dialect);
  if (legacy && renames.length > 0) {
    run.report(
      'header-legacy-format',
      'error',
      { start: run.header.start, end: run.header.end },
      `This file is in ${legacy.description} (${shown}-separated, old column names): ${legacy.change} ` +
        `(${renames.map(([old, current]) => `${old} → ${current}`).join(', ')}), so ${legacy.consequence}. Convert the file to commas and the current names.`,
      { data: { delimiter: header.delimiter, renames: Object.fromEntries(renames) } },
    );
    return true;
  }
  run.report(
    'header-delimiter',
    'error',
    { start: run.header.start, end: run.header.end },
    `The file is separated by ${shown}, but the importer needs commas: convert the file to comma-separated values.`,
    { data: { delimiter: header.delimiter } },
  );
  return true;
}

export type RowCheck = (row: Row) => void;

/** Rows with another number of cells than the header, and line breaks inside quoted cells. */
export function createRowShapeCheck(run: ValidationRun): RowCheck {
  const headerCells = run.header.cells;
  const width = headerCells.length;
  const file = run.dialect.file;
  const lineBreaks = file.lineBreakInCell;
  return (row) => {
    const cells = row.cells;
    if (cells.length < width) {
      const missing = headerCells.slice(cells.length, cells.length + 6).map((c) => cut(c.value) || '(unnamed)');
      const count = width - cells.length;
      const shown = count > 5 ? [...missing.slice(0, 5), `${count - 5} more`] : missing;
      run.report(
        'row-short',
        file.shortRow,
        { start: row.start, end: row.end },
        `Row has ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header has ${width}: missing ${andList(shown)}` +
          (file.shortRowReason ? `; ${file.shortRowReason}` : ''),
        { data: { missing: width - cells.length } },
      );
    } else if (cells.length > width) {
      const extra = cells.length - width;
      run.report(
        'row-extra-cells',
        file.extraCells,
        { start: cells[width].rawStart, end: row.end },
        `Row has ${cells.length} cells but the header has ${width}: ${extra} extra cell${extra === 1 ? '' : 's'}` +
          (file.extraCellsReason ? `; ${file.extraCellsReason}` : ''),
        { data: { extra } },
      );
    }
    if (lineBreaks !== 'off') {
      const text = run.doc.text;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i];
        if (!cell.quoted) continue;
        const value = cell.value;
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) continue;
        let at = cell.start;
        while (at < cell.end && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
        const length = text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? 2 : 1;
        const column = headerCells[i]?.value;
        run.report(
          'cell-line-break',
          lineBreaks,
          { start: at, end: at + length },
          `Line break inside the cell${column ? ` of ${cut(column)}` : ''}` + (file.lineBreakReason ? `: ${file.lineBreakReason}` : ''),
        );
      }
    }
  };
}
