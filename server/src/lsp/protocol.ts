// Custom messages between the PBX User CSV client and server. Both sides import this one file, so it depends
// only on the protocol package that vscode-languageclient and vscode-languageserver share.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { ProgressToken } from 'vscode-languageserver-protocol';

/** What the user picked for one file in the status-bar picker: a dialect id, `none`, or null for auto. */
export type DialectChoice = string | null;

export interface SetDialectParams {
  uri: string;
  /** A dialect id, `none` (not a user CSV), or null to go back to automatic detection. */
  dialect: DialectChoice;
}

/** How the dialect of a file was decided. */
export type DialectSource = 'picker' | 'setting' | 'detected';

export interface DialectStatusParams {
  uri: string;
  /** Absent when the file is not a user CSV. */
  dialect?: { id: string; label: string; guessed: boolean };
  source: DialectSource;
}

export interface DialectInfo {
  id: string;
  label: string;
  description: string;
}

/**
 * Whether the editor trusts the workspace. Untrusted: custom dialect files from workspace settings are not
 * loaded, only the user-level entries (absolute or `~/` paths) the client read with `inspect()`.
 */
export interface WorkspaceTrustParams {
  trusted: boolean;
  /** `pbxUserCsv.customDialects` from the user settings only (used while untrusted). */
  userCustomDialects?: string[];
}

/** "Validate Workspace": the server finds the files itself (settings `pbxUserCsv.validate.*`, `files.exclude`). */
export interface ValidateWorkspaceParams {
  /** Client-created token for `$/progress` (begin/report/end) while the files are checked. */
  workDoneToken?: ProgressToken;
}

export interface ValidateWorkspaceResult {
  /** Files that matched the include/exclude settings. */
  files: number;
  /** Files checked before the run ended (all of them unless cancelled). */
  checked: number;
  userCsvFiles: number;
  filesWithErrors: number;
  errors: number;
  warnings: number;
  /** Files that could not be read (permissions, too large for a string, vanished). */
  unreadable: number;
  cancelled: boolean;
  /** The summary to show, e.g. "38 files: 12 user CSVs, 4 with errors — 57 errors, 9 warnings". */
  message: string;
}

export interface TemplateParams {
  dialect: string;
}

export interface TemplateResult {
  /** Header and one example row; undefined when the dialect is unknown. */
  content?: string;
  /** Columns whose value was generated (secrets) and must be replaced. */
  generated: string[];
}

/** Initialization options the client may send. */
export interface InitializationOptions {
  /** Picker choices remembered by the client (uri → dialect id or `none`). */
  dialectOverrides?: Record<string, string>;
  /** Base address of the rules documentation; a rule's link is `<base>#<rule id>`. */
  rulesDocumentationUrl?: string;
  /** Absent: trusted (editors without workspace trust). */
  workspaceTrust?: WorkspaceTrustParams;
}

export const SetDialectNotification = new NotificationType<SetDialectParams>('pbxUserCsv/setDialect');
export const DialectStatusNotification = new NotificationType<DialectStatusParams>('pbxUserCsv/dialectStatus');
export const DialectsRequest = new RequestType0<DialectInfo[], void>('pbxUserCsv/dialects');
export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('pbxUserCsv/workspaceTrust');
export const ValidateWorkspaceRequest = new RequestType<ValidateWorkspaceParams, ValidateWorkspaceResult, void>(
  'pbxUserCsv/validateWorkspace',
);
export const TemplateRequest = new RequestType<TemplateParams, TemplateResult, void>('pbxUserCsv/template');
