// Bundles the extension with esbuild and packages it with vsce into pbx-user-csv-<version>.vsix.
// `npm run package` writes it to the repo root; the end-to-end tests pass their own output path.
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './config.mjs';
import { run } from './util.mjs';

/**
 * What the extension ships: the client and the server bundles (their libraries inside) for Node (`main`) and
 * for the browser (`browser`, the dialect files inside the server worker's bundle), the dialect files and
 * JSON Schemas the Node server loads, the grammar, and what the Marketplace shows. package.json's own `files`
 * is the npm package's (the CLI instead of the client), and vsce refuses a .vscodeignore next to `files`, so
 * the .vsix is packed from a folder holding these alone, with this list as its manifest's `files`.
 */
export const NODE_BUNDLES = ['dist/client.js', 'dist/server.js'];
export const BROWSER_BUNDLES = ['dist/browser/client.js', 'dist/browser/server.js'];
/** The table preview's page (a webview), the same on the desktop and in a browser. */
export const WEBVIEW_FILES = ['dist/table.js', 'dist/table.css'];
export const VSIX_FILES = [...NODE_BUNDLES, ...BROWSER_BUNDLES, ...WEBVIEW_FILES, 'schemas/', 'syntaxes/', 'images/icon.png', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/**
 * Builds dist/ and the .vsix, failing on any vsce warning; returns its path and size. `outFile` defaults to
 * <repo>/<name>-<version>.vsix. `web`: a web-only build (no `main`, no Node bundles), which a VS Code server
 * can only run in the browser's web-worker extension host (what the browser end-to-end test installs).
 */
export async function packageVsix({ outFile, web = false, log = (line) => console.error(`[package] ${line}`) } = {}) {
  const { main, ...webManifest } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const manifest = web ? webManifest : { main, ...webManifest };
  const files = web ? VSIX_FILES.filter((file) => !NODE_BUNDLES.includes(file)) : VSIX_FILES;
  const vsix = path.resolve(outFile ?? path.join(REPO_ROOT, `${manifest.name}-${manifest.version}${web ? '-web' : ''}.vsix`));
  await mkdir(path.dirname(vsix), { recursive: true });
  await run(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bundle.mjs')], { cwd: REPO_ROOT, log, timeoutMs: 5 * 60_000 });
  const stage = await mkdtemp(path.join(os.tmpdir(), 'pbx-user-csv-vsix-'));
  try {
    for (const file of files) await cp(path.join(REPO_ROOT, file), path.join(stage, file), { recursive: true });
    await writeFile(path.join(stage, 'package.json'), `${JSON.stringify({ ...manifest, files }, null, 2)}\n`);
    const output = [];
    await run(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
        'package',
        '--no-dependencies', // dependencies are bundled into dist/ by esbuild
        '--out',
        vsix,
      ],
      { cwd: stage, log: (line) => (output.push(line), log(line)), timeoutMs: 5 * 60_000 },
    );
    // vsce packages despite warnings (no licence, repository or icon…); the Marketplace should see none.
    const warnings = output.filter((line) => /^\W*WARNING\b/.test(line));
    if (warnings.length > 0) throw new Error(`vsce package warned:\n${warnings.join('\n')}`);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  const { size } = await stat(vsix);
  return { vsix, size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { vsix, size } = await packageVsix({ web: process.argv.includes('--web'), log: (line) => console.log(line) });
  console.log(`${path.relative(process.cwd(), vsix) || vsix}: ${(size / 1024).toFixed(1)} KiB`);
}
