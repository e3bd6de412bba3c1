// Editing features of the core (completion, hover, quick fixes, semantic tokens, outline): pure functions
// over a parsed document (a session's model seen through its dialect).
export { cellAt, columnIndex, type FeatureDocument, type CellHit, type CellValue } from './document';
export { complete, type CompletionEntry, type CompletionKind } from './completion';
export { hover, type HoverResult } from './hover';
export { codeActions, fixFor, type CodeActionEntry } from './codeActions';
export { semanticTokens, TOKEN_TYPES, TOKEN_MODIFIERS, type SemanticToken } from './semanticTokens';
export { documentSymbols, MAX_SYMBOLS, type RowSymbol } from './symbols';
export { applyEdits, csvField, type TextEdit } from './csvText';
