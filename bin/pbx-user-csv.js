#!/usr/bin/env node
// Command-line validator: `pbx-user-csv validate [paths|globs…]`. The code is bundled into dist/cli.js.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`pbx-user-csv: ${cli} is missing; run \`npm run build\` first.\n`);
  process.exit(2);
}
require(cli).run();
