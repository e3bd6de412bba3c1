// "Edit Cell as JSON": a JSON cell taken out of the CSV as a JSON text of its own (pretty-printed, quotes no
// longer doubled), and written back into exactly that cell — compact, CSV-escaped, quoted — only when the
// cell is still what was taken out. Pure functions over a parsed document; the front keeps the editor tab.
import { applyEdits, createScanner, format, SyntaxKind } from 'jsonc-parser';
import type { CompiledColumn } from '../dialects/model';
import { firstSyntaxError } from '../json/syntax';
import { CellText } from '../json/cellText';
import { escapeQuotes } from './csvText';
import { enumOf, propertiesOf, requiredOf, typeOf, type SchemaNode } from './jsonSchema';
import type { FeatureDocument } from './document';
import { rowName } from './rowName';

/** A JSON cell as the editor tab shows it. */
export interface JsonCellTarget {
  /** Record index (0 = header, so the first user is record 1: the "row" the user is told). */
  record: number;
  /** Header position of the cell. */
  column: number;
  columnName: string;
  /** The row's name (`jim.keeny`), or `Row N`. */
  rowName: string;
  /** The whole cell in the document, quotes included. */
  rawStart: number;
  rawEnd: number;
  /** The cell as written in the document: what a write-back expects to find there. */
  raw: string;
  /** The JSON to edit: the cell's value pretty-printed, or a starting value from the schema when empty. */
  json: string;
  /** True when the cell was empty and `json` is the schema's starting value. */
  empty: boolean;
  /** URI of the column's JSON Schema. */
  schemaUri: string;
}

export type JsonCellLookup = { target: JsonCellTarget; refused?: undefined } | { target?: undefined; refused: string };

/** Whether a column's cells can be edited as JSON: a JSON column with a JSON Schema. */
export function isJsonColumn(column: CompiledColumn | undefined): column is CompiledColumn & { jsonSchema: NonNullable<CompiledColumn['jsonSchema']> } {
  return column?.type === 'json' && column.jsonSchema !== undefined;
}

/** The JSON cell at record `record`, header position `column`; `refused` says why a cell cannot be edited as JSON. */
export function jsonCellTarget(fd: FeatureDocument, record: number, column: number): JsonCellLookup {
  const model = fd.model;
  if (fd.header.delimiter) return { refused: 'the file is not separated by commas' };
  if (record <= 0 || record >= model.recordCount) return { refused: 'the cursor is not in a data row' };
  const definition = fd.columns[column];
  const name = fd.header.names[column];
  if (!isJsonColumn(definition)) return { refused: name === undefined ? 'the cell is outside the header' : `${name} is not a JSON column` };
  if (model.isBroken(record)) return { refused: `the cells of row ${record} do not line up with the header; mend the row first` };
  const span = model.cellSpan(record, column);
  const value = model.value(record, column);
  const empty = value.trim() === '';
  return {
    target: {
      record,
      column,
      columnName: definition.name,
      rowName: rowName(fd, record),
      rawStart: span.rawStart,
      rawEnd: span.rawEnd,
      raw: model.text.slice(span.rawStart, span.rawEnd),
      json: empty ? prettyJson(JSON.stringify(startingValue(definition.jsonSchema.root, definition.jsonSchema.validate))) : prettyJson(value),
      empty,
      schemaUri: definition.jsonSchema.uri,
    },
  };
}

/** The JSON cell at a document offset (the cursor). */
export function jsonCellAtOffset(fd: FeatureDocument, offset: number): JsonCellLookup {
  const record = fd.model.recordAt(offset);
  const column = record < 0 ? -1 : fd.model.columnAt(record, offset);
  if (column < 0) return { refused: 'the cursor is not in a cell' };
  return jsonCellTarget(fd, record, column);
}

// ---------------------------------------------------------------- formatting

/** The JSON text indented by two spaces, its tokens kept as written (numbers such as 1.50 stay so). */
export function prettyJson(text: string): string {
  return applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }));
}

/** The JSON text without white space between its tokens, each token kept as written. */
export function compactJson(text: string): string {
  const scanner = createScanner(text, false);
  let compact = '';
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia) continue;
    compact += text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
  }
  return compact;
}

// ---------------------------------------------------------------- a starting value

/**
 * The value an empty cell opens with: the schema's own `default` when it has one, else the smallest value
 * its `required` keys make (each with its default or first allowed value).
 */
export function startingValue(root: SchemaNode, validate?: (value: unknown) => { errors: unknown[] }): unknown {
  if (root.default !== undefined && (!validate || validate(root.default).errors.length === 0)) return root.default;
  return minimalValue(root, 0);
}

function minimalValue(schema: SchemaNode | undefined, depth: number): unknown {
  if (schema?.default !== undefined) return schema.default;
  const values = enumOf(schema);
  if (values.length > 0) return values[0].value;
  switch (typeOf(schema)) {
    case 'object': {
      const value: Record<string, unknown> = {};
      if (depth > 6) return value;
      const properties = propertiesOf(schema);
      for (const key of requiredOf(schema)) value[key] = minimalValue(properties[key], depth + 1);
      return value;
    }
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return typeof schema?.minimum === 'number' ? schema.minimum : 0;
    case 'string':
      return '';
    default:
      return null;
  }
}

// ---------------------------------------------------------------- writing back

/** Where the JSON was taken from: the cell's start, its header position and its text as written then. */
export interface JsonCellOrigin {
  rawStart: number;
  column: number;
  raw: string;
}

export type JsonCellWrite =
  | { cellText: string; refused?: undefined }
  | { cellText?: undefined; refused: 'changed' | 'syntax'; message: string; line?: number; character?: number };

/**
 * The text that replaces the cell [origin.rawStart, origin.rawStart + origin.raw.length) so that it holds
 * `json`: compact, quotes doubled, in quotes (a blank text empties the cell). Refused when the document no
 * longer has that cell there as it was (`changed`), or when `json` does not parse (`syntax`, with the 0-based
 * line and character of the error in `json`). Messages never quote the JSON (it may hold a password).
 */
export function jsonCellWrite(fd: FeatureDocument, origin: JsonCellOrigin, json: string): JsonCellWrite {
  const model = fd.model;
  const record = model.recordAt(origin.rawStart);
  const stillThere =
    record > 0 &&
    !model.isBroken(record) &&
    origin.column < model.cellCount(record) &&
    model.rawStart(record, origin.column) === origin.rawStart &&
    model.rawEnd(record, origin.column) === origin.rawStart + origin.raw.length &&
    model.text.startsWith(origin.raw, origin.rawStart) &&
    isJsonColumn(fd.columns[origin.column]);
  if (!stillThere) return { refused: 'changed', message: 'the cell changed in the CSV since it was opened' };
  if (json.trim() === '') return { cellText: '' };
  try {
    JSON.parse(json);
  } catch {
    const error = firstSyntaxError(json, new CellText(json, false).parse().errors);
    const { line, character } = lineAndCharacter(json, error.start);
    return { refused: 'syntax', message: `line ${line + 1}, column ${character + 1}: ${error.message}`, line, character };
  }
  return { cellText: `"${escapeQuotes(compactJson(json))}"` };
}

/** 0-based line and character of an offset (CR, LF and CRLF end lines). */
function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
