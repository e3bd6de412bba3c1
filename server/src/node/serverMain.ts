// Entry point of the PBX User CSV language server on Node. The transport comes from the command line
// (`--stdio`, `--node-ipc` or `--socket=<port>`), as vscode-languageserver reads it.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { logFailure } from '../lsp/safety';
import { startServer } from '../lsp/server';
import { nodePlatform } from './platform';

const connection = createConnection(ProposedFeatures.all);
const logger = { error: (message: string) => connection.console.error(message) };

// A bug anywhere must cost one validation, not the editor's diagnostics for the whole session.
process.on('uncaughtException', (error) => logFailure(logger, 'uncaught exception', error));
process.on('unhandledRejection', (reason) => logFailure(logger, 'unhandled promise', reason));

startServer(connection, nodePlatform());
