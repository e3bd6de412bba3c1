// Semantic tokens: every column gets its own colour (token types cycled by column position), and the JSON
// inside embedded-JSON cells is coloured as JSON (keys, strings, numbers, keywords).
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { CellSpan } from '../csv/model';
import type { FeatureDocument } from './document';
import { JsonCell } from './jsonCell';

/** Token types cycled over the columns: standard types, so that every theme colours them. */
export const COLUMN_TOKEN_TYPES = ['variable', 'parameter', 'type', 'function', 'enumMember', 'macro', 'namespace', 'class'] as const;
export const JSON_TOKEN_TYPES = ['property', 'string', 'number', 'keyword'] as const;
export const TOKEN_TYPES: readonly string[] = [...COLUMN_TOKEN_TYPES, ...JSON_TOKEN_TYPES];
/** `declaration`: a header cell; `readonly`: every second round of the cycle, so columns 1 and 9 differ. */
export const TOKEN_MODIFIERS: readonly string[] = ['declaration', 'readonly'];

export interface SemanticToken {
  start: number;
  end: number;
  /** Index into TOKEN_TYPES. */
  type: number;
  /** Bit set over TOKEN_MODIFIERS. */
  modifiers: number;
}

const DECLARATION = 1;
const SECOND_ROUND = 2;

export function semanticTokens(fd: FeatureDocument): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  if (fd.header.delimiter) return tokens;
  const model = fd.model;
  const cycle = COLUMN_TOKEN_TYPES.length;
  for (let r = 0; r < model.recordCount; r++) {
    const count = model.cellCount(r);
    for (let index = 0; index < count; index++) {
      const cell = model.cellSpan(r, index);
      if (cell.start === cell.end) continue;
      const column = fd.columns[index];
      if (r > 0 && column?.type === 'json' && jsonTokens(model.text, cell, tokens)) continue;
      const modifiers = (r === 0 ? DECLARATION : 0) | (Math.floor(index / cycle) % 2 === 1 ? SECOND_ROUND : 0);
      tokens.push({ start: cell.start, end: cell.end, type: index % cycle, modifiers });
    }
  }
  return tokens;
}

const JSON_TYPE = {
  property: COLUMN_TOKEN_TYPES.length,
  string: COLUMN_TOKEN_TYPES.length + 1,
  number: COLUMN_TOKEN_TYPES.length + 2,
  keyword: COLUMN_TOKEN_TYPES.length + 3,
};

/** Tokens of the JSON in a cell; false (nothing added) when the cell does not hold JSON. */
function jsonTokens(text: string, cell: CellSpan, tokens: SemanticToken[]): boolean {
  let first = cell.start;
  while (first < cell.end && /\s/.test(text[first])) first++;
  if (text[first] !== '{' && text[first] !== '[') return false;
  const json = new JsonCell(text, cell);
  const scanner = createScanner(json.json, false);
  // A string right before a colon is a key.
  const found: Array<{ start: number; end: number; type: number }> = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    switch (kind) {
      case SyntaxKind.StringLiteral:
        found.push({ start, end, type: JSON_TYPE.string });
        break;
      case SyntaxKind.NumericLiteral:
        found.push({ start, end, type: JSON_TYPE.number });
        break;
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
        found.push({ start, end, type: JSON_TYPE.keyword });
        break;
      case SyntaxKind.ColonToken: {
        const last = found[found.length - 1];
        if (last?.type === JSON_TYPE.string) last.type = JSON_TYPE.property;
        break;
      }
      default:
        break;
    }
  }
  for (const token of found) tokens.push({ ...json.toDocument(token.start, token.end), type: token.type, modifiers: 0 });
  return true;
}
