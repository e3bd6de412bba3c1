// Open documents: every edit goes to the document's session; a validation runs after a pause that adapts
// to the document's cost, in slices that let other requests through (a hover in another file is answered
// while a 50 MB file is checked), and its diagnostics are published unless newer ones are out already.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidationResult } from '../../service/index';
import { CHECK_FAILED, toDiagnostic } from '../diagnostics';
import { DialectStatusNotification } from '../protocol';
import { guarded, logFailure } from '../safety';
import { ValidationScheduler, type StaleCheck } from '../scheduling';
import { DEBOUNCE_MS, type ServerState } from '../state';

/** How long one slice of a validation may run before other messages get their turn. */
const SLICE_MS = 20;

/** Documents this long leave a text of this size behind at every edit: the memory is freed soon after. */
const BIG_DOCUMENT = 8 * 1024 * 1024;

export function registerDocumentHandlers(state: ServerState): void {
  const { documents, logger } = state;
  state.scheduler = new ValidationScheduler(state.options.debounceMs ?? DEBOUNCE_MS, (uri, token) =>
    guarded(logger, 'validation', () => validateOpenDocument(state, uri, token), undefined)(),
  );

  documents.onDidChangeContent(guarded(logger, 'document change', (event) => state.scheduler.schedule(event.document.uri), undefined));

  documents.onDidClose(
    guarded(
      logger,
      'document close',
      (event) => {
        const uri = event.document.uri;
        state.scheduler.forget(uri);
        state.sessions.close(uri);
        state.forgetSettings(uri);
        state.chosenDialects.delete(uri);
        state.publisher.clear(uri);
        state.onDocumentClosed(uri);
      },
      undefined,
    ),
  );
}

/** The result of a validation the core failed on (logged without its message, which may quote a cell). */
const FAILED: ValidationResult = Object.freeze({ problems: [] });

/** Validates an open document to the end (Validate Workspace counts it); undefined when it is not open. */
export async function checkOpenDocument(state: ServerState, uri: string): Promise<ValidationResult | undefined> {
  const document = state.documents.get(uri);
  if (!document) return undefined;
  const settings = await state.settingsFor(uri);
  return validateInSlices(state, document, state.validateOptions(uri, settings), { isStale: false });
}

async function validateOpenDocument(state: ServerState, uri: string, token: StaleCheck): Promise<void> {
  const scheduled = state.documents.get(uri);
  if (!scheduled) return;
  const settings = await state.settingsFor(uri);
  const document = state.documents.get(uri);
  // While the settings were fetched the document may have changed or closed: newer work owns it then.
  if (token.isStale || !document || document.version !== scheduled.version) return;
  const options = state.validateOptions(uri, settings);
  if (options.dialect) state.chosenDialects.set(uri, options.dialect);
  else state.chosenDialects.delete(uri);
  const result = await validateInSlices(state, document, options, token);
  if (!result || token.isStale || state.documents.get(uri)?.version !== document.version) return;
  // A core failure: diagnostics of an earlier version would point at the wrong places now, and an empty
  // list would make the file look clean; one diagnostic says it was not checked.
  const diagnostics =
    result === FAILED ? [CHECK_FAILED] : result.problems.map((problem) => toDiagnostic(document, problem, { rulesDocumentationUrl: state.rulesDocumentationUrl }));
  if (!state.publisher.publish(uri, document.version, diagnostics)) return;
  const length = document.getText().length;
  // After the diagnostics went out: the former texts of a big document are collected before they pile up.
  if (length >= BIG_DOCUMENT && state.platform.releaseMemory) void state.platform.yieldToEventLoop().then(() => state.platform.releaseMemory?.(2 * length));
  const match = result.dialect;
  void state.connection.sendNotification(DialectStatusNotification, {
    uri,
    dialect: match ? { id: match.id, label: match.label, guessed: match.guessed } : undefined,
    source: options.source,
  });
}

/** Runs the document's validation slice by slice; undefined when newer work made it stale, FAILED when the core failed. */
async function validateInSlices(
  state: ServerState,
  document: TextDocument,
  options: ReturnType<ServerState['validateOptions']>,
  token: StaleCheck,
): Promise<ValidationResult | undefined> {
  const { dialect, settings } = options;
  for (;;) {
    if (token.isStale || state.documents.get(document.uri) !== document) return undefined;
    const version = document.version;
    const deadline = performance.now() + SLICE_MS;
    let result: ValidationResult | undefined;
    try {
      result = state.sessions.validate(document.uri, document.getText(), { dialect, settings }, () => token.isStale || performance.now() > deadline);
    } catch (error) {
      logFailure(state.logger, `validating ${document.uri}`, error);
      return FAILED;
    }
    if (result && document.version === version) return result;
    await state.platform.yieldToEventLoop();
  }
}

