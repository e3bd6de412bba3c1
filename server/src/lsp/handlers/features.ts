// Completion, hover, quick fixes, semantic tokens and the outline over LSP. The handlers only translate:
// the core does the work, on the document's session (its model and dialect, as its validation sees them).
import { CodeActionKind, type ServerCapabilities } from 'vscode-languageserver';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../service/index';
import { toCodeAction, toCompletionItem, toDocumentSymbols, toHover, toProblems, toSemanticTokens } from '../convert';
import { parsedOpenDocument } from '../parsedDocument';
import { guarded } from '../safety';
import type { ServerState } from '../state';

export const FEATURE_CAPABILITIES: ServerCapabilities = {
  completionProvider: { triggerCharacters: [',', '"', ':', '{', '['], resolveProvider: false },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  semanticTokensProvider: { legend: { tokenTypes: TOKEN_TYPES.slice(), tokenModifiers: TOKEN_MODIFIERS.slice() }, full: true },
  documentSymbolProvider: true,
};

export function registerFeatureHandlers(state: ServerState): void {
  const { connection, logger } = state;

  const parsed = (uri: string) => parsedOpenDocument(state, uri);

  connection.onCompletion(
    guarded(
      logger,
      'completion',
      async (params) => {
        const found = await parsed(params.textDocument.uri);
        if (!found) return [];
        const offset = found.document.offsetAt(params.position);
        return state.service.completion(found.parsed, offset).map((e) => toCompletionItem(found.document, e));
      },
      [],
    ),
  );

  connection.onHover(
    guarded(
      logger,
      'hover',
      async (params) => {
        const found = await parsed(params.textDocument.uri);
        if (!found) return null;
        const result = state.service.hover(found.parsed, found.document.offsetAt(params.position));
        return result ? toHover(found.document, result) : null;
      },
      null,
    ),
  );

  connection.onCodeAction(
    guarded(
      logger,
      'code action',
      async (params) => {
        const found = await parsed(params.textDocument.uri);
        if (!found) return [];
        const diagnostics = params.context.diagnostics;
        const problems = toProblems(found.document, diagnostics);
        if (problems.length === 0) return [];
        const uri = found.document.uri;
        // The fix-alls need every problem of the file: the last validation of this text, or a fresh one.
        const allProblems = () => (state.sessions.result(uri) ?? state.sessions.validate(uri, found.document.getText(), found.options))?.problems ?? [];
        return state.service.codeActions(found.parsed, problems, allProblems).map((a) => toCodeAction(found.document, a, diagnostics));
      },
      [],
    ),
  );

  connection.languages.semanticTokens.on(
    guarded(
      logger,
      'semantic tokens',
      async (params) => {
        const found = await parsed(params.textDocument.uri);
        if (!found) return { data: [] };
        return toSemanticTokens(found.document, state.service.semanticTokens(found.parsed));
      },
      { data: [] },
    ),
  );

  connection.onDocumentSymbol(
    guarded(
      logger,
      'document symbols',
      async (params) => {
        const found = await parsed(params.textDocument.uri);
        if (!found) return [];
        const { symbols, omitted } = state.service.documentSymbols(found.parsed);
        return toDocumentSymbols(found.document, symbols, omitted);
      },
      [],
    ),
  );
}
