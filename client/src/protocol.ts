// Custom messages shared with the server (mirror of server/src/lsp/protocol.ts; keep the two in step).
import { NotificationType, RequestType0 } from 'vscode-languageclient';

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

export interface InitializationOptions {
  dialectOverrides?: Record<string, string>;
  rulesDocumentationUrl?: string;
}

export const SetDialectNotification = new NotificationType<SetDialectParams>('pbxUserCsv/setDialect');
export const DialectStatusNotification = new NotificationType<DialectStatusParams>('pbxUserCsv/dialectStatus');
export const DialectsRequest = new RequestType0<DialectInfo[], void>('pbxUserCsv/dialects');
