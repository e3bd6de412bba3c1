// The one state of the language server, shared by its handler modules (handlers/): the open documents and
// their sessions, the settings, the workspace folders, the dialect choices, the current core.
import { DidChangeConfigurationNotification, TextDocuments } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NULL_LANGUAGE_SERVICE, type LanguageService, type ValidateOptions } from '../service/index';
import { dialectFromAssociations } from './dialectAssociations';
import { DocumentSessions } from './documentSessions';
import type { ServerPlatform } from './platform';
import type { DialectSource } from './protocol';
import { logFailure, type Logger } from './safety';
import { DiagnosticsPublisher, ValidationScheduler } from './scheduling';
import { SETTINGS_SECTION, defaultClientSettings, parseClientSettings, toValidationSettings, type ClientSettings } from './settings';
import { TRUSTED, effectiveCustomDialects, type TrustState } from './trust';
import { WorkspaceFolderSet } from './workspaceFolders';

/** The longest pause after an edit before validating (the scheduler adapts it to the document's cost). */
export const DEBOUNCE_MS = 150;

export interface ServerOptions {
  /** Pause after the last edit before validating, in milliseconds. */
  debounceMs?: number;
}

export class ServerState {
  readonly logger: Logger;
  /** Open documents, in sync with the editor; every edit also reaches the document's session. */
  readonly documents: TextDocuments<TextDocument>;
  readonly sessions: DocumentSessions;
  readonly folders = new WorkspaceFolderSet();
  readonly publisher: DiagnosticsPublisher;
  /** Validation runs per document; set by the documents handler. */
  scheduler!: ValidationScheduler;

  /** Replaced by the real core during initialize (the earliest a warning may be shown to the user). */
  service: LanguageService = NULL_LANGUAGE_SERVICE;
  /** Picker choices per document URI: a dialect id or `none`. */
  overrides = new Map<string, string>();
  /** Per open document, the dialect its last validation was told to use (picker or setting). */
  readonly chosenDialects = new Map<string, string>();
  rulesDocumentationUrl: string | undefined;
  trust: TrustState = TRUSTED;

  canPullConfiguration = false;
  canRegisterConfigurationChange = false;
  hasWorkspaceFolders = false;
  /** Settings pushed with didChangeConfiguration, used when the client cannot be asked for them. */
  pushedSettings: ClientSettings = defaultClientSettings;
  private readonly settingsCache = new Map<string, Promise<ClientSettings>>();

  /** The custom dialect URIs the current core was made with. */
  private customDialectKey = JSON.stringify([]);
  /** The dialect file errors last shown as a warning, so that a file still broken after a save is not shown again. */
  private shownDialectErrors = '';
  /** The custom dialect entries last logged as ignored for lack of trust. */
  private loggedIgnoredDialects = '[]';
  /** Called after the core was made again (custom dialects changed): everything shown is checked again. */
  onServiceReplaced: () => void = () => undefined;
  /** Called when an open document closed (a workspace file shows its disk content again). */
  onDocumentClosed: (uri: string) => void = () => undefined;

  constructor(
    readonly connection: Connection,
    readonly platform: ServerPlatform,
    readonly options: ServerOptions = {},
  ) {
    this.logger = { error: (message) => connection.console.error(message) };
    const sessions = new DocumentSessions(() => this.service);
    this.sessions = sessions;
    this.documents = new TextDocuments<TextDocument>({
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
    this.publisher = new DiagnosticsPublisher((params) => void connection.sendDiagnostics(params));
  }

  // ---------------------------------------------------------------- settings

  settingsFor(uri: string): Promise<ClientSettings> {
    if (!this.canPullConfiguration) return Promise.resolve(this.pushedSettings);
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(parseClientSettings, (error: unknown) => {
        logFailure(this.logger, 'reading settings', error);
        return this.pushedSettings;
      });
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  forgetSettings(uri?: string): void {
    if (uri === undefined) this.settingsCache.clear();
    else this.settingsCache.delete(uri);
  }

  async registerForConfigurationChanges(): Promise<void> {
    if (this.canRegisterConfigurationChange) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }

  // ---------------------------------------------------------------- dialects of documents

  chooseDialect(uri: string, settings: ClientSettings): { dialect?: string; source: DialectSource } {
    const picked = this.overrides.get(uri);
    if (picked) return { dialect: picked, source: 'picker' };
    const associated = dialectFromAssociations(settings.dialects, this.folders.locate(uri));
    if (associated) return { dialect: associated, source: 'setting' };
    return { source: 'detected' };
  }

  /** What a validation of the document is told: its dialect choice and the settings. */
  validateOptions(uri: string, settings: ClientSettings): ValidateOptions & { source: DialectSource } {
    const { dialect, source } = this.chooseDialect(uri, settings);
    return { dialect, settings: toValidationSettings(settings), source };
  }

  /** Validates every open document again. */
  revalidateAll(): void {
    for (const document of this.documents.all()) this.scheduler.schedule(document.uri);
  }

  // ---------------------------------------------------------------- the core

  /**
   * Makes the core again when the custom dialect files changed (or, with `reload`, always: one changed
   * on its disk); true when it did.
   */
  async refreshCustomDialects(reload = false): Promise<boolean> {
    const configured = this.canPullConfiguration
      ? parseClientSettings(await this.connection.workspace.getConfiguration(SETTINGS_SECTION)).customDialects
      : this.pushedSettings.customDialects;
    const { entries, ignored } = effectiveCustomDialects(this.trust, configured);
    const uris = this.platform.resolveCustomDialects(entries, this.folders.uris);
    const ignoredKey = JSON.stringify(ignored);
    if (ignoredKey !== this.loggedIgnoredDialects && ignored.length > 0) {
      this.connection.console.warn(
        `[pbx-user-csv] the workspace is not trusted: custom dialects not loaded: ${ignored.join(', ')} ` +
          '(only absolute or ~/ paths from the user settings are loaded until the workspace is trusted)',
      );
    }
    this.loggedIgnoredDialects = ignoredKey;
    const key = JSON.stringify(uris);
    if (key === this.customDialectKey && !reload) return false;
    this.customDialectKey = key;
    if (this.platform.prepareService) {
      try {
        await this.platform.prepareService(uris);
      } catch (error) {
        logFailure(this.logger, 'reading custom dialects', error); // createService reports what it cannot read
      }
      if (this.customDialectKey !== key) return false; // other custom dialects were asked for meanwhile
    }
    this.service = this.createService(uris);
    return true;
  }

  /** The core with these custom dialects; on failure the built-in dialects, at worst a core that finds nothing. */
  createService(customDialects: readonly string[]): LanguageService {
    try {
      const created = this.platform.createService(customDialects);
      this.reportDialectErrors(created.service);
      this.platform.watchFiles(created.customFiles, () => void this.reloadCustomDialects());
      return created.service;
    } catch (error) {
      logFailure(this.logger, 'creating the language service', error);
    }
    if (customDialects.length > 0) {
      void this.connection.window.showWarningMessage('PBX User CSV: the custom dialect files could not be loaded; only the built-in dialects are used.');
      return this.createService([]);
    }
    return NULL_LANGUAGE_SERVICE;
  }

  private async reloadCustomDialects(): Promise<void> {
    try {
      await this.refreshCustomDialects(true);
      this.onServiceReplaced();
    } catch (error) {
      logFailure(this.logger, 'reloading custom dialects', error);
    }
  }

  /**
   * Tells the user which dialect files the core skipped, and why (dialect files hold no user data): every
   * time in the output channel, once as a warning for the same set of errors.
   */
  private reportDialectErrors(created: LanguageService): void {
    const errors = created.configurationErrors();
    const lines = errors.map((e) => `${this.platform.displayName(e.file)}${e.pointer ? ` (at ${e.pointer})` : ''}: ${e.message}`);
    const key = JSON.stringify(lines);
    const alreadyShown = key === this.shownDialectErrors;
    this.shownDialectErrors = key;
    if (errors.length === 0) return;
    for (const line of lines) this.connection.console.warn(`[pbx-user-csv] dialect file skipped: ${line}`);
    if (alreadyShown) return;
    const more = lines.length > 1 ? ` (and ${lines.length - 1} more, see the output channel)` : '';
    void this.connection.window.showWarningMessage(`PBX User CSV: a dialect file was skipped: ${lines[0]}${more}`);
  }
}
