// An open document with its parsed form (its session's model seen through the dialect its validation uses):
// what every editing request works on.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument, ValidateOptions } from '../service/index';
import type { ServerState } from './state';

export interface OpenParsedDocument {
  document: TextDocument;
  parsed: ParsedDocument;
  options: ValidateOptions;
}

/** The open document `uri` and its parsed form; undefined when it is not open or not a user CSV. */
export async function parsedOpenDocument(state: ServerState, uri: string): Promise<OpenParsedDocument | undefined> {
  const document = state.documents.get(uri);
  if (!document) return undefined;
  const settings = await state.settingsFor(uri);
  const current = state.documents.get(uri);
  if (current !== document) return undefined;
  const { dialect, settings: validation } = state.validateOptions(uri, settings);
  const options = { dialect, settings: validation };
  const parsed = state.sessions.document(uri, document.getText(), options);
  return parsed && { document, parsed, options };
}
