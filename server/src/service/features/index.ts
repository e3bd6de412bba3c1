// Editing features of the core (completion, hover, quick fixes, semantic tokens, outline): pure functions
// over a parsed document and its dialect. The fronts reach them through the LanguageService.
import type { Dialect } from '../dialects/model';
import type { CsvDocument, Problem } from '../types';
import { codeActions, type CodeActionEntry } from './codeActions';
import { complete, type CompletionEntry } from './completion';
import { prepareDocument, type FeatureDocument } from './document';
import { hover, type HoverResult } from './hover';
import { semanticTokens, type SemanticToken } from './semanticTokens';
import { documentSymbols, type RowSymbol } from './symbols';

export { prepareDocument, cellAt, type FeatureDocument, type CellHit } from './document';
export { complete, type CompletionEntry, type CompletionKind } from './completion';
export { hover, type HoverResult } from './hover';
export { codeActions, fixFor, type CodeActionEntry } from './codeActions';
export { semanticTokens, TOKEN_TYPES, TOKEN_MODIFIERS, type SemanticToken } from './semanticTokens';
export { documentSymbols, MAX_SYMBOLS, type RowSymbol } from './symbols';
export { applyEdits, csvField, type TextEdit } from './csvText';

/** The editing features over raw text, for a LanguageService: `dialectOf` picks the dialect as validation does. */
export interface EditingFeatures {
  completion(text: string, offset: number, dialect?: string): CompletionEntry[];
  hover(text: string, offset: number, dialect?: string): HoverResult | undefined;
  /** `problems`: the ones the editor asks fixes for; `allProblems`: the file's problems, for fix-alls. */
  codeActions(text: string, problems: readonly Problem[], allProblems: () => readonly Problem[], dialect?: string): CodeActionEntry[];
  semanticTokens(text: string, dialect?: string): SemanticToken[];
  documentSymbols(text: string, dialect?: string): { symbols: RowSymbol[]; omitted: number };
}

/** `parse`: the document model of a text (the caller may hand out one it already has). */
export function createEditingFeatures(
  parse: (text: string) => CsvDocument,
  dialectOf: (doc: CsvDocument, dialect: string | undefined) => Dialect | undefined,
): EditingFeatures {
  // The same text is asked about again and again while the cursor moves: keep the last one parsed.
  let last: { text: string; dialect: string | undefined; fd: FeatureDocument | undefined } | undefined;
  const prepare = (text: string, dialect: string | undefined): FeatureDocument | undefined => {
    if (dialect === 'none') return undefined;
    if (!last || last.text !== text || last.dialect !== dialect) {
      const doc = parse(text);
      const found = dialectOf(doc, dialect);
      last = { text, dialect, fd: found && prepareDocument(doc, found) };
    }
    return last.fd;
  };
  return {
    completion: (text, offset, dialect) => {
      const fd = prepare(text, dialect);
      return fd ? complete(fd, offset) : [];
    },
    hover: (text, offset, dialect) => {
      const fd = prepare(text, dialect);
      return fd ? hover(fd, offset) : undefined;
    },
    codeActions: (text, problems, allProblems, dialect) => {
      const fd = prepare(text, dialect);
      return fd ? codeActions(fd, problems, allProblems) : [];
    },
    semanticTokens: (text, dialect) => {
      const fd = prepare(text, dialect);
      return fd ? semanticTokens(fd) : [];
    },
    documentSymbols: (text, dialect) => {
      const fd = prepare(text, dialect);
      return fd ? documentSymbols(fd) : { symbols: [], omitted: 0 };
    },
  };
}
