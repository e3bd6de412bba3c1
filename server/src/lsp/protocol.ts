// Custom messages between the PBX User CSV client and server (the client keeps a copy of these names in
// client/src/protocol.ts: the two projects compile separately).
import { NotificationType, RequestType0 } from 'vscode-languageserver';

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

/** Initialization options the client may send. */
export interface InitializationOptions {
  /** Picker choices remembered by the client (uri → dialect id or `none`). */
  dialectOverrides?: Record<string, string>;
  /** Base address of the rules documentation; a rule's link is `<base>#<rule id>`. */
  rulesDocumentationUrl?: string;
}

export const SetDialectNotification = new NotificationType<SetDialectParams>('pbxUserCsv/setDialect');
export const DialectStatusNotification = new NotificationType<DialectStatusParams>('pbxUserCsv/dialectStatus');
export const DialectsRequest = new RequestType0<DialectInfo[], void>('pbxUserCsv/dialects');
