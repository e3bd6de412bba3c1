// The core's editing results (UTF-16 offsets) as LSP structures (line/character ranges) of one document.
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SemanticTokensBuilder,
  SymbolKind,
} from 'vscode-languageserver';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Range,
  SemanticTokens,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isRuleId } from '../service/index';
import type {
  CodeActionEntry,
  CompletionEntry,
  HoverResult,
  Problem,
  RowSymbol,
  SemanticToken,
  Severity,
  Span,
  TextEdit,
} from '../service/index';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

function rangeOf(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

function editOf(document: TextDocument, edit: TextEdit): LspTextEdit {
  return { range: rangeOf(document, edit), newText: edit.newText };
}

const COMPLETION_KINDS: Record<CompletionEntry['kind'], CompletionItemKind> = {
  value: CompletionItemKind.EnumMember,
  column: CompletionItemKind.Field,
  property: CompletionItemKind.Property,
  snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(document: TextDocument, entry: CompletionEntry): CompletionItem {
  const item: CompletionItem = {
    label: entry.label,
    kind: COMPLETION_KINDS[entry.kind],
    textEdit: editOf(document, entry.edit),
    insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (entry.detail) item.detail = entry.detail;
  if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
  if (entry.sortText) item.sortText = entry.sortText;
  if (entry.filterText) item.filterText = entry.filterText;
  if (entry.additionalEdits?.length) item.additionalTextEdits = entry.additionalEdits.map((e) => editOf(document, e));
  return item;
}

export function toHover(document: TextDocument, result: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: rangeOf(document, result) };
}

const SEVERITY_OF: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/** Our diagnostics (as the editor sends them back in a code-action request) as core problems. */
export function toProblems(document: TextDocument, diagnostics: readonly Diagnostic[]): Problem[] {
  const problems: Problem[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || !isRuleId(d.code)) continue;
    const problem: Problem = {
      rule: d.code,
      severity: SEVERITY_OF[d.severity ?? 1] ?? 'error',
      message: d.message,
      start: document.offsetAt(d.range.start),
      end: document.offsetAt(d.range.end),
    };
    if (d.data !== null && typeof d.data === 'object' && !Array.isArray(d.data)) problem.data = d.data as Record<string, unknown>;
    problems.push(problem);
  }
  return problems;
}

export function toCodeAction(document: TextDocument, entry: CodeActionEntry, diagnostics: readonly Diagnostic[]): CodeAction {
  const fixed = diagnostics.filter((d) =>
    entry.problems.some(
      (p) => String(d.code) === p.rule && d.message === p.message && document.offsetAt(d.range.start) === p.start && document.offsetAt(d.range.end) === p.end,
    ),
  );
  const action: CodeAction = {
    title: entry.title,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [document.uri]: entry.edits.map((e) => editOf(document, e)) } },
  };
  if (fixed.length > 0) action.diagnostics = fixed;
  if (entry.isPreferred) action.isPreferred = true;
  return action;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Relative-encoded tokens; a token that spans lines (a cell with line breaks) is split at each break. */
export function toSemanticTokens(document: TextDocument, tokens: readonly SemanticToken[]): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const text = document.getText();
  const sorted = [...tokens].sort((a, b) => a.start - b.start);
  for (const token of sorted) {
    let from = token.start;
    const piece = text.slice(token.start, token.end);
    LINE_BREAK.lastIndex = 0;
    for (let m = LINE_BREAK.exec(piece); m; m = LINE_BREAK.exec(piece)) {
      push(builder, document, from, token.start + m.index, token);
      from = token.start + m.index + m[0].length;
    }
    push(builder, document, from, token.end, token);
  }
  return builder.build();
}

function push(builder: SemanticTokensBuilder, document: TextDocument, start: number, end: number, token: SemanticToken): void {
  if (end <= start) return;
  const position = document.positionAt(start);
  builder.push(position.line, position.character, end - start, token.type, token.modifiers);
}

export function toDocumentSymbols(document: TextDocument, symbols: readonly RowSymbol[], omitted: number): DocumentSymbol[] {
  const result: DocumentSymbol[] = symbols.map((s) => {
    const symbol: DocumentSymbol = {
      name: s.name,
      kind: SymbolKind.Object,
      range: rangeOf(document, s),
      selectionRange: rangeOf(document, { start: s.selectionStart, end: s.selectionEnd }),
    };
    if (s.detail) symbol.detail = s.detail;
    return symbol;
  });
  const last = symbols[symbols.length - 1];
  if (omitted > 0 && last) {
    // Points at the end of the last listed row: the outline says how much it does not show.
    const at = rangeOf(document, { start: last.end, end: last.end });
    result.push({ name: `… ${omitted} more row${omitted === 1 ? '' : 's'}`, kind: SymbolKind.Null, range: at, selectionRange: at });
  }
  return result;
}
