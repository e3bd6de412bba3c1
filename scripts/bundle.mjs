// Bundles the client and the server with esbuild into dist/ (what the .vsix ships).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { builtInSchemasPlugin } from './built-in-schemas.mjs';

// mainFields: prefer the ESM builds; jsonc-parser's UMD build has require() calls esbuild cannot follow.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: true,
  // Whitespace and syntax only: identifiers stay readable in the stack traces a user may report.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};
// VS Code for the Web: the client runs in the browser's web-worker extension host (CommonJS, as that host
// loads extensions), the server in a worker of its own with the dialect files inside; both minified.
const browser = {
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  minify: true,
};
const entries = [
  { entryPoints: ['server/src/node/serverMain.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['client/src/node/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  {
    ...browser,
    entryPoints: ['server/src/browser/serverMain.ts'],
    outfile: 'dist/browser/server.js',
    format: 'iife',
    plugins: [builtInSchemasPlugin()],
    // csv-parse's own browser build: the Node one needs Buffer.
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
  },
  { ...browser, entryPoints: ['client/src/browser/extension.ts'], outfile: 'dist/browser/client.js', external: ['vscode'] },
  // The table preview's page (a webview): a browser script, and the stylesheet it imports as dist/table.css.
  { entryPoints: ['client/src/webview/table.ts'], outfile: 'dist/table.js', platform: 'browser', target: 'es2020', format: 'iife', minify: true },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ ...common, ...e })));
