#!/usr/bin/env node
// Starts the PBX User CSV language server. Editors pass the transport (`--stdio`, `--node-ipc`,
// `--socket=<port>`); with none given, stdio is used, which is what most LSP clients expect.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const transports = ['--stdio', '--node-ipc'];
if (!process.argv.some((arg) => transports.includes(arg) || arg.startsWith('--socket=') || arg.startsWith('--pipe='))) {
  process.argv.push('--stdio');
}

const server = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(server)) {
  process.stderr.write(`pbx-user-csv-language-server: ${server} is missing; run \`npm run build\` first.\n`);
  process.exit(1);
}
require(server);
