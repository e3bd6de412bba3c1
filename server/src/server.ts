// Entry point of the PBX User CSV language server. The transport comes from the command line
// (`--stdio`, `--node-ipc` or `--socket=<port>`), as vscode-languageserver reads it.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { EDITING_CAPABILITIES, registerEditingFeatures } from './lsp/features';
import { startLanguageServer } from './lsp/languageServer';
import { logFailure } from './lsp/safety';

const connection = createConnection(ProposedFeatures.all);
const logger = { error: (message: string) => connection.console.error(message) };

// A bug anywhere must cost one validation, not the editor's diagnostics for the whole session.
process.on('uncaughtException', (error) => logFailure(logger, 'uncaught exception', error));
process.on('unhandledRejection', (reason) => logFailure(logger, 'unhandled promise', reason));

startLanguageServer(connection, {
  // Completion, hover, quick fixes, semantic tokens and the outline use the adapter's documents, core and
  // dialect choices.
  features: [
    (context) => {
      registerEditingFeatures(context.connection, context);
      return EDITING_CAPABILITIES;
    },
  ],
});
