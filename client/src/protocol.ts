// Custom messages shared with the server (mirror of server/src/lsp/protocol.ts; keep the two in step).
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageclient';
import type { ProgressToken } from 'vscode-languageclient';

export interface SetDialectParams {
  uri: string;
  /** A dialect id, `none` (not a user CSV), or null for automatic detection. */
  dialect: string | null;
}

export interface DialectStatusParams {
  uri: string;
  dialect?: { id: string; label: string; guessed: boolean };
  source: 'picker' | 'setting' | 'detected';
}

export interface DialectInfo {
  id: string;
  label: string;
  description: string;
}

export interface WorkspaceTrustParams {
  trusted: boolean;
  /** `pbxUserCsv.customDialects` from the user settings only (the server uses these while untrusted). */
  userCustomDialects?: string[];
}

export interface ValidateWorkspaceParams {
  workDoneToken?: ProgressToken;
}

export interface ValidateWorkspaceResult {
  files: number;
  checked: number;
  userCsvFiles: number;
  filesWithErrors: number;
  errors: number;
  warnings: number;
  unreadable: number;
  cancelled: boolean;
  /** The summary to show, composed by the server. */
  message: string;
}

export interface TemplateParams {
  dialect: string;
}

export interface TemplateResult {
  content?: string;
  generated: string[];
}

export interface InitializationOptions {
  dialectOverrides?: Record<string, string>;
  rulesDocumentationUrl?: string;
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
