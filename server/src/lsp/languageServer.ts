// The LSP adapter: keeps open CSV documents in sync, runs the core's validation on them and publishes the
// results. All CSV knowledge lives in the core (../service); this file only translates and schedules.
import {
  CancellationToken,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  WorkDoneProgress,
} from 'vscode-languageserver';
import type {
  Connection,
  DidChangeConfigurationParams,
  DidChangeWatchedFilesParams,
  InitializeParams,
  InitializeResult,
  ServerCapabilities,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
  WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, DocumentSessions } from '../service/index';
import type { LanguageService, LanguageServiceOptions, ValidationResult } from '../service/index';
// Not re-exported by service/index.ts yet (owned by the dialects engineer); the module is part of the core.
import { createTemplate } from '../service/template';
import { resolveCustomDialectPaths } from './customDialects';
import { dialectFromAssociations } from './dialectAssociations';
import { CHECK_FAILED, toDiagnostic } from './diagnostics';
import { DialectFileWatcher } from './dialectWatcher';
import {
  DialectStatusNotification,
  DialectsRequest,
  SetDialectNotification,
  TemplateRequest,
  ValidateWorkspaceRequest,
  WorkspaceTrustNotification,
} from './protocol';
import type { DialectInfo, DialectSource, InitializationOptions, TemplateResult, ValidateWorkspaceResult } from './protocol';
import { guarded, logFailure } from './safety';
import type { Logger } from './safety';
import { DiagnosticsPublisher, ValidationScheduler } from './scheduling';
import type { StaleCheck } from './scheduling';
import { SETTINGS_SECTION, defaultClientSettings, parseClientSettings, toValidationSettings } from './settings';
import type { ClientSettings } from './settings';
import { TRUSTED, effectiveCustomDialects, readTrust } from './trust';
import type { TrustState } from './trust';
import { FolderFilter, localPath } from './workspaceFiles';
import { WorkspaceValidator } from './workspaceValidation';
import type { CheckedText } from './workspaceValidation';
import { WorkspaceFolderSet } from './workspaceFolders';

/** The longest pause after an edit before validating (the scheduler adapts it to the document's cost). */
const DEBOUNCE_MS = 150;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Progress of "Validate Workspace" is reported at most this often. */
const PROGRESS_INTERVAL_MS = 100;

function readInitializationOptions(raw: unknown): {
  overrides: Map<string, string>;
  rulesDocumentationUrl?: string;
  trust: TrustState;
} {
  const options: InitializationOptions = isRecord(raw) ? raw : {};
  const overrides = new Map<string, string>();
  if (isRecord(options.dialectOverrides)) {
    for (const [uri, dialect] of Object.entries(options.dialectOverrides)) {
      if (typeof dialect === 'string' && dialect) overrides.set(uri, dialect);
    }
  }
  const url = typeof options.rulesDocumentationUrl === 'string' ? options.rulesDocumentationUrl : undefined;
  return { overrides, rulesDocumentationUrl: url || undefined, trust: readTrust(options.workspaceTrust) };
}

/** What the adapter shares with feature modules (completion, hover, …) that plug into it. */
export interface ServerContext {
  connection: Connection;
  /** The open document, in sync with the editor. */
  document(uri: string): TextDocument | undefined;
  /** The current core (re-created when the custom dialects change). */
  service(): LanguageService;
  /** The dialect chosen for the document by the picker or a setting (`none` included); undefined: detect. */
  dialectOf(uri: string): string | undefined;
  logger: Logger;
}

/** Registers a feature's handlers and returns the capabilities it adds to the initialize result. */
export type ServerFeature = (context: ServerContext) => ServerCapabilities | void;

export interface LanguageServerOptions {
  /** The core to use; tests pass a fake. */
  createService?: (options: LanguageServiceOptions) => LanguageService;
  /** Pause after the last edit before validating, in milliseconds. */
  debounceMs?: number;
  /** Pause after the last change of a custom dialect file before reloading, in milliseconds. */
  dialectReloadDelayMs?: number;
  features?: ServerFeature[];
}

/** Stands in for a core that could not be created: it finds nothing, so nothing wrong is reported. */
const INERT_SERVICE: LanguageService = { validate: () => ({ problems: [] }), detect: () => undefined, dialects: () => [] };

export function startLanguageServer(connection: Connection, options: LanguageServerOptions = {}): void {
  const createService = options.createService ?? createLanguageService;
  const logger: Logger = { error: (message) => connection.console.error(message) };
  /** One incremental validation session per open document, told every edit (offsets before the edit). */
  const sessions = new DocumentSessions(() => service);
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update(document, changes, version) {
      for (const change of changes) {
        if ('range' in change) {
          const start = document.offsetAt(change.range.start);
          sessions.changed(document.uri, { start, end: document.offsetAt(change.range.end), text: change.text });
        } else {
          sessions.replaced(document.uri);
        }
        TextDocument.update(document, [change], version);
      }
      return document;
    },
  });
  const folders = new WorkspaceFolderSet();
  /** Picker choices per document URI: a dialect id or `none`. */
  let overrides = new Map<string, string>();
  let rulesDocumentationUrl: string | undefined;

  let canPullConfiguration = false;
  let canRegisterConfigurationChange = false;
  let hasWorkspaceFolders = false;
  /** Settings pushed with didChangeConfiguration, used when the client cannot be asked for them. */
  let pushedSettings: ClientSettings = defaultClientSettings;
  const settingsCache = new Map<string, Promise<ClientSettings>>();

  /** Capabilities added by options.features (completion, hover, …). */
  let featureCapabilities: ServerCapabilities = {};
  /** Replaced by the real core during initialize (the earliest a warning may be shown to the user). */
  let service: LanguageService = INERT_SERVICE;
  let customDialectKey = JSON.stringify([]);
  /** Trust as the client reported it (initializationOptions, then pbxUserCsv/workspaceTrust). */
  let trust: TrustState = TRUSTED;
  /** The dialect file errors last shown as a warning, so that a file still broken after a save is not shown again. */
  let shownDialectErrors = '';
  /** The custom dialect entries last logged as ignored for lack of trust. */
  let loggedIgnoredDialects = '[]';

  const publisher = new DiagnosticsPublisher((params) => void connection.sendDiagnostics(params));
  const scheduler = new ValidationScheduler(options.debounceMs ?? DEBOUNCE_MS, (uri, token) =>
    guarded(logger, 'validation', () => validate(uri, token), undefined)(),
  );

  /**
   * Tells the user which dialect files the core skipped, and why (dialect files hold no user data): every
   * time in the output channel, once as a warning for the same set of errors.
   */
  function reportDialectErrors(created: LanguageService): void {
    const errors = created.configurationErrors?.() ?? [];
    const lines = errors.map((e) => `${e.file}${e.pointer ? ` (at ${e.pointer})` : ''}: ${e.message}`);
    const key = JSON.stringify(lines);
    const alreadyShown = key === shownDialectErrors;
    shownDialectErrors = key;
    if (errors.length === 0) return;
    for (const line of lines) connection.console.warn(`[pbx-user-csv] dialect file skipped: ${line}`);
    if (alreadyShown) return;
    const more = lines.length > 1 ? ` (and ${lines.length - 1} more, see the output channel)` : '';
    void connection.window.showWarningMessage(`PBX User CSV: a dialect file was skipped: ${lines[0]}${more}`);
  }

  /** The core with the given options; on failure the built-in dialects, or at worst a core that finds nothing. */
  function createServiceSafely(serviceOptions: LanguageServiceOptions): LanguageService {
    try {
      const created = createService(serviceOptions);
      reportDialectErrors(created);
      return created;
    } catch (error) {
      logFailure(logger, 'creating the language service', error);
    }
    if (serviceOptions.customDialectFiles?.length) {
      void connection.window.showWarningMessage(
        'PBX User CSV: the custom dialect files could not be loaded; only the built-in dialects are used.',
      );
      return createServiceSafely({});
    }
    return INERT_SERVICE;
  }

  function settingsFor(uri: string): Promise<ClientSettings> {
    if (!canPullConfiguration) return Promise.resolve(pushedSettings);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(parseClientSettings, (error: unknown) => {
          logFailure(logger, 'reading settings', error);
          return pushedSettings;
        });
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  function chooseDialect(uri: string, settings: ClientSettings): { dialect?: string; source: DialectSource } {
    const picked = overrides.get(uri);
    if (picked) return { dialect: picked, source: 'picker' };
    const associated = dialectFromAssociations(settings.dialects, folders.locate(uri));
    if (associated) return { dialect: associated, source: 'setting' };
    return { source: 'detected' };
  }

  /** Per open document, the dialect its last validation was told to use (picker or setting). */
  const chosenDialects = new Map<string, string>();

  /** The core's verdict on a text and its diagnostics; a core failure counts as nothing found, and says so. */
  function checkDocument(document: TextDocument, settings: ClientSettings, dialect: string | undefined, incremental = false): CheckedText {
    let result: ValidationResult;
    try {
      const validateOptions = { dialect, settings: toValidationSettings(settings) };
      result = incremental
        ? sessions.validate(document.uri, document.getText(), validateOptions)
        : service.validate(document.getText(), validateOptions);
    } catch (error) {
      // Diagnostics of an earlier version would point at the wrong places now: replace them with one that
      // says the file was not checked (an empty list would make it look clean).
      logFailure(logger, `validating ${document.uri}`, error);
      return { result: { problems: [] }, diagnostics: [CHECK_FAILED] };
    }
    const diagnostics = result.problems.map((problem) => toDiagnostic(document, problem, { rulesDocumentationUrl }));
    return { result, diagnostics };
  }

  async function validate(uri: string, token: StaleCheck): Promise<void> {
    const scheduled = documents.get(uri);
    if (!scheduled) return;
    const settings = await settingsFor(uri);
    const document = documents.get(uri);
    // While the settings were fetched the document may have changed or closed: newer work owns it then.
    if (token.isStale || !document || document.version !== scheduled.version) return;

    const { dialect, source } = chooseDialect(uri, settings);
    if (dialect) chosenDialects.set(uri, dialect);
    else chosenDialects.delete(uri);
    const { result, diagnostics } = checkDocument(document, settings, dialect, true);
    if (!publisher.publish(uri, document.version, diagnostics)) return;
    const match = result.dialect;
    void connection.sendNotification(DialectStatusNotification, {
      uri,
      dialect: match ? { id: match.id, label: match.label, guessed: match.guessed } : undefined,
      source,
    });
  }

  function revalidateAll(): void {
    for (const document of documents.all()) scheduler.schedule(document.uri);
  }

  /** `pbxUserCsv.validate.include/exclude` and `files.exclude` of one workspace folder. */
  async function folderFilter(folderUri: string): Promise<FolderFilter> {
    const settings = await settingsFor(folderUri);
    let filesExclude: unknown;
    if (canPullConfiguration) {
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

  /** The open document of a local file, whatever the spelling of its URI. */
  function openDocumentUri(filePath: string): string | undefined {
    for (const document of documents.all()) {
      if (localPath(document.uri) === filePath) return document.uri;
    }
    return undefined;
  }

  const workspace = new WorkspaceValidator({
    folders: () => folders.uris,
    filterFor: folderFilter,
    openDocumentUri,
    async checkOpenDocument(uri) {
      const document = documents.get(uri);
      if (!document) return undefined;
      const settings = await settingsFor(uri);
      // Through the document's editing session: a second full parse of a 50 MB open file would double the memory.
      return checkDocument(document, settings, chooseDialect(uri, settings).dialect, true).result;
    },
    async checkText(uri, text, folderUri) {
      const settings = await settingsFor(folderUri);
      return checkDocument(TextDocument.create(uri, 'csv', 0, text), settings, chooseDialect(uri, settings).dialect);
    },
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    logger,
  });

  /**
   * Re-creates the core when the list of custom dialect files changed (or, with `reload`, always: a file
   * changed on disk); true when it did.
   */
  async function refreshCustomDialects(reload = false): Promise<boolean> {
    const configured = canPullConfiguration
      ? parseClientSettings(await connection.workspace.getConfiguration(SETTINGS_SECTION)).customDialects
      : pushedSettings.customDialects;
    const { entries, ignored } = effectiveCustomDialects(trust, configured);
    const files = resolveCustomDialectPaths(entries, folders.uris);
    const ignoredKey = JSON.stringify(ignored);
    if (ignoredKey !== loggedIgnoredDialects && ignored.length > 0) {
      connection.console.warn(
        `[pbx-user-csv] the workspace is not trusted: custom dialects not loaded: ${ignored.join(', ')} ` +
          '(only absolute or ~/ paths from the user settings are loaded until the workspace is trusted)',
      );
    }
    loggedIgnoredDialects = ignoredKey;
    const key = JSON.stringify(files);
    if (key === customDialectKey && !reload) return false;
    customDialectKey = key;
    service = createServiceSafely({ customDialectFiles: files });
    dialectWatcher.watch(files);
    return true;
  }

  /** A custom dialect file changed on disk: reload it and check everything shown again. */
  const dialectWatcher = new DialectFileWatcher(
    () =>
      void guarded(
        logger,
        'reloading custom dialects',
        async () => {
          await refreshCustomDialects(true);
          revalidateAll();
          workspace.recheckAll();
        },
        undefined,
      )(),
    options.dialectReloadDelayMs,
  );

  connection.onInitialize(
    (params: InitializeParams): InitializeResult => {
      const capabilities = params.capabilities ?? {};
      canPullConfiguration = capabilities.workspace?.configuration === true;
      canRegisterConfigurationChange = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
      hasWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
      service = createServiceSafely({});
      try {
        const folderList: WorkspaceFolder[] = params.workspaceFolders ?? [];
        folders.set(folderList.map((f) => f.uri).filter((uri): uri is string => typeof uri === 'string'));
        if (folderList.length === 0 && typeof params.rootUri === 'string') folders.set([params.rootUri]);
        const options = readInitializationOptions(params.initializationOptions);
        overrides = options.overrides;
        rulesDocumentationUrl = options.rulesDocumentationUrl;
        trust = options.trust;
      } catch (error) {
        logFailure(logger, 'initialize', error);
      }
      return {
        capabilities: {
          ...featureCapabilities,
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          workspace: hasWorkspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : {},
        },
        serverInfo: { name: 'pbx-user-csv-language-server' },
      };
    },
  );

  connection.onInitialized(
    guarded(
      logger,
      'initialized',
      async () => {
        if (canRegisterConfigurationChange) {
          await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
        }
        if (hasWorkspaceFolders) {
          connection.workspace.onDidChangeWorkspaceFolders(
            guarded(
              logger,
              'workspace folder change',
              async (event) => {
                folders.remove(event.removed.map((f) => f.uri));
                folders.add(event.added.map((f) => f.uri));
                workspace.foldersRemoved(event.removed.map((f) => f.uri));
                settingsCache.clear();
                await refreshCustomDialects();
                revalidateAll();
              },
              undefined,
            ),
          );
        }
        // Documents opened meanwhile were validated with the built-in dialects only.
        if (await refreshCustomDialects()) revalidateAll();
      },
      undefined,
    ),
  );

  connection.onDidChangeConfiguration(
    guarded(
      logger,
      'configuration change',
      async (params: DidChangeConfigurationParams) => {
        settingsCache.clear();
        if (!canPullConfiguration) {
          pushedSettings = parseClientSettings(isRecord(params?.settings) ? params.settings[SETTINGS_SECTION] : undefined);
        }
        try {
          await refreshCustomDialects();
        } finally {
          revalidateAll();
          workspace.recheckAll();
        }
      },
      undefined,
    ),
  );

  connection.onNotification(
    SetDialectNotification,
    guarded(
      logger,
      'setDialect',
      (params) => {
        if (!isRecord(params) || typeof params.uri !== 'string') return;
        const dialect = params.dialect;
        if (typeof dialect === 'string' && dialect) overrides.set(params.uri, dialect);
        else overrides.delete(params.uri);
        if (documents.get(params.uri)) scheduler.schedule(params.uri, 0);
      },
      undefined,
    ),
  );

  connection.onRequest(
    DialectsRequest,
    guarded(
      logger,
      'dialects request',
      (): DialectInfo[] => service.dialects().map(({ id, label, description }) => ({ id, label, description })),
      [],
    ),
  );

  documents.onDidChangeContent(
    guarded(logger, 'document change', (event) => scheduler.schedule(event.document.uri), undefined),
  );

  documents.onDidClose(
    guarded(
      logger,
      'document close',
      (event) => {
        const uri = event.document.uri;
        scheduler.forget(uri);
        sessions.close(uri);
        settingsCache.delete(uri);
        chosenDialects.delete(uri);
        publisher.clear(uri);
        // A file of the checked workspace set shows its disk content again.
        workspace.documentClosed(uri);
      },
      undefined,
    ),
  );

  connection.onNotification(
    WorkspaceTrustNotification,
    guarded(
      logger,
      'workspace trust',
      async (params) => {
        trust = readTrust(params);
        if (await refreshCustomDialects()) {
          revalidateAll();
          workspace.recheckAll();
        }
      },
      undefined,
    ),
  );

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

  connection.onRequest(
    TemplateRequest,
    guarded(
      logger,
      'template request',
      async (params): Promise<TemplateResult> => {
        const dialect = isRecord(params) && typeof params.dialect === 'string' ? service.dialect?.(params.dialect) : undefined;
        if (!dialect) return { generated: [] };
        const settings = toValidationSettings(
          canPullConfiguration
            ? parseClientSettings(await connection.workspace.getConfiguration(SETTINGS_SECTION))
            : pushedSettings,
        );
        const template = createTemplate(dialect, { passwordPolicy: settings.passwordPolicy, pinPolicy: settings.pinPolicy });
        return { content: template.text, generated: template.generated };
      },
      { generated: [] },
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

  connection.onShutdown(() => {
    scheduler.dispose();
    dialectWatcher.dispose();
  });

  const context: ServerContext = {
    connection,
    document: (uri) => documents.get(uri),
    service: () => service,
    dialectOf: (uri) => chosenDialects.get(uri),
    logger,
  };
  for (const feature of options.features ?? []) {
    try {
      featureCapabilities = { ...featureCapabilities, ...(feature(context) ?? {}) };
    } catch (error) {
      logFailure(logger, 'registering a feature', error);
    }
  }

  documents.listen(connection);
  connection.listen();
}
