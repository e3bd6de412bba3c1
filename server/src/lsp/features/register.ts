// Completion, hover, quick fixes, semantic tokens and the outline over LSP. The handlers only translate:
// the core (service/features) does the work, with the dialect the document is validated with.
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../service/index';
import type { LanguageService } from '../../service/index';
import { guarded } from '../safety';
import type { Logger } from '../safety';
import { toCodeAction, toCompletionItem, toDocumentSymbols, toHover, toProblems, toSemanticTokens } from './convert';

export interface EditingContext {
  document(uri: string): TextDocument | undefined;
  service(): LanguageService;
  /** The dialect id to use for the document (a picker or setting choice, or `none`); undefined: detect. */
  dialectOf(uri: string): string | undefined;
}

export const EDITING_CAPABILITIES: ServerCapabilities = {
  completionProvider: { triggerCharacters: [',', '"', ':', '{', '['], resolveProvider: false },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
  documentSymbolProvider: true,
};

export function registerEditingFeatures(connection: Connection, context: EditingContext): void {
  const logger: Logger = { error: (message) => connection.console.error(message) };
  const options = (uri: string) => ({ dialect: context.dialectOf(uri) });

  connection.onCompletion(
    guarded(
      logger,
      'completion',
      (params) => {
        const document = context.document(params.textDocument.uri);
        const service = context.service();
        if (!document || !service.completion) return [];
        const offset = document.offsetAt(params.position);
        return service.completion(document.getText(), offset, options(document.uri)).map((e) => toCompletionItem(document, e));
      },
      [],
    ),
  );

  connection.onHover(
    guarded(
      logger,
      'hover',
      (params) => {
        const document = context.document(params.textDocument.uri);
        const service = context.service();
        if (!document || !service.hover) return null;
        const result = service.hover(document.getText(), document.offsetAt(params.position), options(document.uri));
        return result ? toHover(document, result) : null;
      },
      null,
    ),
  );

  connection.onCodeAction(
    guarded(
      logger,
      'code action',
      (params) => {
        const document = context.document(params.textDocument.uri);
        const service = context.service();
        if (!document || !service.codeActions) return [];
        const diagnostics = params.context.diagnostics;
        const problems = toProblems(document, diagnostics);
        if (problems.length === 0) return [];
        return service.codeActions(document.getText(), problems, options(document.uri)).map((a) => toCodeAction(document, a, diagnostics));
      },
      [],
    ),
  );

  connection.languages.semanticTokens.on(
    guarded(
      logger,
      'semantic tokens',
      (params) => {
        const document = context.document(params.textDocument.uri);
        const service = context.service();
        if (!document || !service.semanticTokens) return { data: [] };
        return toSemanticTokens(document, service.semanticTokens(document.getText(), options(document.uri)));
      },
      { data: [] },
    ),
  );

  connection.onDocumentSymbol(
    guarded(
      logger,
      'document symbols',
      (params) => {
        const document = context.document(params.textDocument.uri);
        const service = context.service();
        if (!document || !service.documentSymbols) return [];
        const { symbols, omitted } = service.documentSymbols(document.getText(), options(document.uri));
        return toDocumentSymbols(document, symbols, omitted);
      },
      [],
    ),
  );
}
