// The server's life: initialize (capabilities, folders, initialization options), settings, workspace
// folders and trust changes (which may change the custom dialects, and so the core), shutdown.
import { TextDocumentSyncKind } from 'vscode-languageserver';
import type { DidChangeConfigurationParams, InitializeParams, InitializeResult, ServerCapabilities, WorkspaceFolder } from 'vscode-languageserver';
import { WorkspaceTrustNotification, type InitializationOptions } from '../protocol';
import { guarded, logFailure } from '../safety';
import { SETTINGS_SECTION, parseClientSettings } from '../settings';
import type { ServerState } from '../state';
import { readTrust } from '../trust';
import type { WorkspaceValidator } from '../workspaceValidation';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readInitializationOptions(state: ServerState, raw: unknown): void {
  const options: InitializationOptions = isRecord(raw) ? raw : {};
  const overrides = new Map<string, string>();
  if (isRecord(options.dialectOverrides)) {
    for (const [uri, dialect] of Object.entries(options.dialectOverrides)) {
      if (typeof dialect === 'string' && dialect) overrides.set(uri, dialect);
    }
  }
  state.overrides = overrides;
  const url = typeof options.rulesDocumentationUrl === 'string' ? options.rulesDocumentationUrl : undefined;
  state.rulesDocumentationUrl = url || undefined;
  state.trust = readTrust(options.workspaceTrust);
}

export function registerLifecycleHandlers(state: ServerState, workspace: WorkspaceValidator, capabilities: ServerCapabilities): void {
  const { connection, logger } = state;
  const recheckEverything = (): void => {
    state.revalidateAll();
    workspace.recheckAll();
  };
  state.onServiceReplaced = recheckEverything;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const client = params.capabilities ?? {};
    state.canPullConfiguration = client.workspace?.configuration === true;
    state.canRegisterConfigurationChange = client.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    state.hasWorkspaceFolders = client.workspace?.workspaceFolders === true;
    try {
      const folderList: WorkspaceFolder[] = params.workspaceFolders ?? [];
      state.folders.set(folderList.map((f) => f.uri).filter((uri): uri is string => typeof uri === 'string'));
      if (folderList.length === 0 && typeof params.rootUri === 'string') state.folders.set([params.rootUri]);
      readInitializationOptions(state, params.initializationOptions);
    } catch (error) {
      logFailure(logger, 'initialize', error);
    }
    state.service = state.createService([]);
    return {
      capabilities: {
        ...capabilities,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: state.hasWorkspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : {},
      },
      serverInfo: { name: 'pbx-user-csv-language-server' },
    };
  });

  connection.onInitialized(
    guarded(
      logger,
      'initialized',
      async () => {
        await state.registerForConfigurationChanges();
        if (state.hasWorkspaceFolders) {
          connection.workspace.onDidChangeWorkspaceFolders(
            guarded(
              logger,
              'workspace folder change',
              async (event) => {
                state.folders.remove(event.removed.map((f) => f.uri));
                state.folders.add(event.added.map((f) => f.uri));
                workspace.foldersRemoved(event.removed.map((f) => f.uri));
                state.forgetSettings();
                await state.refreshCustomDialects();
                state.revalidateAll();
              },
              undefined,
            ),
          );
        }
        // Documents opened meanwhile were validated with the built-in dialects only.
        if (await state.refreshCustomDialects()) state.revalidateAll();
      },
      undefined,
    ),
  );

  connection.onDidChangeConfiguration(
    guarded(
      logger,
      'configuration change',
      async (params: DidChangeConfigurationParams) => {
        state.forgetSettings();
        if (!state.canPullConfiguration) {
          state.pushedSettings = parseClientSettings(isRecord(params?.settings) ? params.settings[SETTINGS_SECTION] : undefined);
        }
        try {
          await state.refreshCustomDialects();
        } finally {
          recheckEverything();
        }
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
        state.trust = readTrust(params);
        if (await state.refreshCustomDialects()) recheckEverything();
      },
      undefined,
    ),
  );

  connection.onShutdown(() => {
    state.scheduler.dispose();
    state.platform.dispose();
  });
}
