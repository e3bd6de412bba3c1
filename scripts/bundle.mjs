// Bundles the client and the server with esbuild into dist/ (what the .vsix ships).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// mainFields: prefer the ESM builds; jsonc-parser's UMD build has require() calls esbuild cannot follow.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: true,
  logLevel: 'warning',
};
const entries = [
  { entryPoints: ['server/src/node/serverMain.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The table preview's page (a webview): a browser script, and the stylesheet it imports as dist/table.css.
  { entryPoints: ['client/src/webview/table.ts'], outfile: 'dist/table.js', platform: 'browser', target: 'es2020', format: 'iife', minify: true },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ ...common, ...e })));
