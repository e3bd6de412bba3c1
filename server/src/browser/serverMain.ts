// Entry point of the PBX User CSV language server in a web worker (VS Code for the Web): messages come
// and go through the worker's own port, files through the client (see platform.ts).
import builtInFiles from 'pbx-user-csv:built-in-schemas';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { logFailure } from '../lsp/safety';
import { startServer } from '../lsp/server';
import { browserPlatform } from './platform';

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const logger = { error: (message: string) => connection.console.error(message) };

// A bug anywhere must cost one validation, not the editor's diagnostics for the whole session.
self.addEventListener('error', (event) => logFailure(logger, 'uncaught exception', event.error ?? event.message));
self.addEventListener('unhandledrejection', (event) => logFailure(logger, 'unhandled promise', event.reason));

startServer(connection, browserPlatform(connection, { builtInFiles: new Map(Object.entries(builtInFiles)) }));
