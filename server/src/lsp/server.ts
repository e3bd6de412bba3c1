// The language server: one state, and handler modules that translate between LSP and the core. The same
// server runs in Node and in a web worker; what differs is the platform it is given.
import type { Connection } from 'vscode-languageserver';
import { registerCellHandlers } from './handlers/cells';
import { FEATURE_CAPABILITIES, registerFeatureHandlers } from './handlers/features';
import { registerDialectHandlers } from './handlers/dialects';
import { registerDocumentHandlers } from './handlers/documents';
import { registerLifecycleHandlers } from './handlers/lifecycle';
import { registerTableHandlers } from './handlers/table';
import { registerWorkspaceHandlers } from './handlers/workspace';
import type { ServerPlatform } from './platform';
import { ServerState, type ServerOptions } from './state';

export function startServer(connection: Connection, platform: ServerPlatform, options: ServerOptions = {}): ServerState {
  const state = new ServerState(connection, platform, options);
  registerDocumentHandlers(state);
  registerFeatureHandlers(state);
  registerDialectHandlers(state);
  registerCellHandlers(state);
  registerTableHandlers(state);
  const workspace = registerWorkspaceHandlers(state);
  registerLifecycleHandlers(state, workspace, FEATURE_CAPABILITIES);
  state.documents.listen(connection);
  connection.listen();
  return state;
}
