// Plugs the editing features into the language server without changing its adapter: a view of the
// connection that (1) adds the editing capabilities to the initialize result, (2) keeps its own copy of the
// open documents from the same sync notifications, and (3) remembers the dialect each validation used
// (from the dialect-status notification), so that completion and the rest follow the picker and settings.
// The service is the adapter's own, captured through its `createService` option.
import type { Connection, InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../service/index';
import type { LanguageService, LanguageServiceOptions as CoreOptions } from '../../service/index';
import { EDITING_CAPABILITIES, registerEditingFeatures } from './register';

const DIALECT_STATUS = 'pbxUserCsv/dialectStatus';

interface DialectStatusParams {
  uri?: unknown;
  dialect?: { id?: unknown };
  source?: unknown;
}

export interface EditingBridge {
  /** Pass this to startLanguageServer instead of the raw connection. */
  connection: Connection;
  /** Pass this as the createService option: the features then use the adapter's service. */
  createService: (options: CoreOptions) => LanguageService;
}

type Handler = (...args: never[]) => unknown;

export function bridgeEditingFeatures(connection: Connection): EditingBridge {
  const documents = new Map<string, TextDocument>();
  const dialects = new Map<string, string | undefined>();
  let service: LanguageService | undefined;

  const createService = (options: CoreOptions): LanguageService => {
    const created = createLanguageService(options);
    service = created;
    return created;
  };

  const wrappers: Record<string, (register: (handler: Handler) => unknown) => (handler: Handler) => unknown> = {
    onInitialize: (register) => (handler) =>
      register((async (...args: never[]) => {
        const result = (await (handler as (...a: never[]) => unknown)(...args)) as InitializeResult | undefined;
        if (result && typeof result === 'object' && result.capabilities) result.capabilities = { ...result.capabilities, ...EDITING_CAPABILITIES };
        return result;
      }) as Handler),
    onDidOpenTextDocument: (register) => (handler) =>
      register(((params: { textDocument: { uri: string; languageId: string; version: number; text: string } }) => {
        const t = params.textDocument;
        documents.set(t.uri, TextDocument.create(t.uri, t.languageId, t.version, t.text));
        return (handler as (p: unknown) => unknown)(params);
      }) as Handler),
    onDidChangeTextDocument: (register) => (handler) =>
      register(((params: { textDocument: { uri: string; version: number }; contentChanges: [] }) => {
        const document = documents.get(params.textDocument.uri);
        if (document) documents.set(document.uri, TextDocument.update(document, params.contentChanges, params.textDocument.version));
        return (handler as (p: unknown) => unknown)(params);
      }) as Handler),
    onDidCloseTextDocument: (register) => (handler) =>
      register(((params: { textDocument: { uri: string } }) => {
        documents.delete(params.textDocument.uri);
        dialects.delete(params.textDocument.uri);
        return (handler as (p: unknown) => unknown)(params);
      }) as Handler),
  };

  const view = new Proxy(connection, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      const bound = (value as Handler).bind(target) as (handler: Handler) => unknown;
      if (property in wrappers) return wrappers[property](bound);
      if (property === 'sendNotification') {
        return (type: unknown, ...rest: unknown[]) => {
          const method = typeof type === 'string' ? type : (type as { method?: unknown } | undefined)?.method;
          if (method === DIALECT_STATUS) remember(rest[0] as DialectStatusParams | undefined);
          return (value as (...a: unknown[]) => unknown).call(target, type, ...rest);
        };
      }
      return bound;
    },
  });

  function remember(status: DialectStatusParams | undefined): void {
    if (!status || typeof status.uri !== 'string') return;
    const id = typeof status.dialect?.id === 'string' ? status.dialect.id : undefined;
    // Detected dialects are detected again from the current text; a chosen one (picker, setting) is kept.
    if (status.source === 'detected') dialects.delete(status.uri);
    else dialects.set(status.uri, id ?? 'none');
  }

  registerEditingFeatures(connection, {
    document: (uri) => documents.get(uri),
    service: () => (service ??= createLanguageService({})),
    dialectOf: (uri) => dialects.get(uri),
  });

  return { connection: view, createService };
}

