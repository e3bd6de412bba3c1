// Validate Workspace: every CSV of the workspace folders, opened or not, with progress and cancellation;
// afterwards watched-file events keep the set current.
import { CancellationToken, WorkDoneProgress } from 'vscode-languageserver';
import type { DidChangeWatchedFilesParams, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeBytes } from '../../common/decode';
import { FolderFilter } from '../../common/filter';
import { CHECK_FAILED, toDiagnostic } from '../diagnostics';
import { ValidateWorkspaceRequest, type ValidateWorkspaceResult } from '../protocol';
import { guarded, logFailure } from '../safety';
import type { ServerState } from '../state';
import { WorkspaceValidator } from '../workspaceValidation';
import { checkOpenDocument } from './documents';

/** Progress is reported at most this often. */
const PROGRESS_INTERVAL_MS = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function registerWorkspaceHandlers(state: ServerState): WorkspaceValidator {
  const { connection, logger, platform } = state;

  /** `pbxUserCsv.validate.include/exclude` and `files.exclude` of one workspace folder. */
  async function folderFilter(folderUri: string): Promise<FolderFilter> {
    const settings = await state.settingsFor(folderUri);
    let filesExclude: unknown;
    if (state.canPullConfiguration) {
      try {
        [filesExclude] = await connection.workspace.getConfiguration([{ scopeUri: folderUri, section: 'files.exclude' }]);
      } catch (error) {
        logFailure(logger, 'reading files.exclude', error);
      }
    }
    return new FolderFilter({
      include: settings.validate.include,
      exclude: settings.validate.exclude,
      filesExclude: isRecord(filesExclude) ? filesExclude : undefined,
    });
  }

  const workspace = new WorkspaceValidator({
    folders: () => state.folders.uris,
    filterFor: folderFilter,
    files: platform.files,
    openDocumentUri(fileUri) {
      const key = platform.files.canonical(fileUri);
      for (const document of state.documents.all()) if (platform.files.canonical(document.uri) === key) return document.uri;
      return undefined;
    },
    checkOpenDocument: (uri) => checkOpenDocument(state, uri),
    async checkFile(uri, bytes, folderUri) {
      const settings = await state.settingsFor(folderUri);
      const { text, encoding } = decodeBytes(bytes);
      const { dialect, settings: validation } = state.validateOptions(uri, settings);
      let result;
      try {
        result = state.service.validate(text, { dialect, settings: validation, encoding });
      } catch (error) {
        // An empty list would make the file look clean: one diagnostic says it was not checked.
        logFailure(logger, `validating ${uri}`, error);
        return { result: { problems: [] }, diagnostics: [CHECK_FAILED] };
      }
      const document = TextDocument.create(uri, 'csv', 0, text);
      return { result, diagnostics: result.problems.map((p) => toDiagnostic(document, p, { rulesDocumentationUrl: state.rulesDocumentationUrl })) };
    },
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    yieldToEventLoop: () => platform.yieldToEventLoop(),
    logger,
  });
  state.onDocumentClosed = (uri) => workspace.documentClosed(uri);

  connection.onRequest(
    ValidateWorkspaceRequest,
    guarded(
      logger,
      'validate workspace',
      async (params, token): Promise<ValidateWorkspaceResult> => {
        const rawToken: unknown = isRecord(params) ? params.workDoneToken : undefined;
        const progressToken = typeof rawToken === 'string' || typeof rawToken === 'number' ? rawToken : undefined;
        const report = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
          if (progressToken !== undefined) void connection.sendProgress(WorkDoneProgress.type, progressToken, value);
        };
        report({ kind: 'begin', title: 'Validating CSV files', cancellable: true, message: 'Looking for CSV files…' });
        let lastReport = 0;
        // A client that passes extra positional parameters leaves no token in this place.
        const cancellation = CancellationToken.is(token) ? token : CancellationToken.None;
        const result = await workspace.run(cancellation, (done, total) => {
          const now = Date.now();
          if (done !== total && done !== 0 && now - lastReport < PROGRESS_INTERVAL_MS) return;
          lastReport = now;
          const percentage = total === 0 ? 100 : Math.floor((done / total) * 100);
          report({ kind: 'report', message: `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files`, percentage });
        });
        report({ kind: 'end', message: result.message });
        return result;
      },
      {
        files: 0,
        checked: 0,
        userCsvFiles: 0,
        filesWithErrors: 0,
        errors: 0,
        warnings: 0,
        unreadable: 0,
        cancelled: false,
        message: 'The workspace could not be validated (see the output channel)',
      },
    ),
  );

  connection.onDidChangeWatchedFiles(
    guarded(
      logger,
      'watched files',
      (params: DidChangeWatchedFilesParams) => workspace.filesChanged(Array.isArray(params?.changes) ? params.changes : []),
      undefined,
    ),
  );
  return workspace;
}
