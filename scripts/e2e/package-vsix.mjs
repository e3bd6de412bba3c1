// Bundles the extension with esbuild and packages it with vsce into pbx-user-csv-<version>.vsix.
// `npm run package` writes it to the repo root; the end-to-end tests pass their own output path.
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './config.mjs';
import { run } from './util.mjs';

/** Builds dist/ and the .vsix; returns its path and size. `outFile` defaults to <repo>/<name>-<version>.vsix. */
export async function packageVsix({ outFile, log = (line) => console.error(`[package] ${line}`) } = {}) {
  const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const vsix = outFile ?? path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
  await mkdir(path.dirname(vsix), { recursive: true });
  await run(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bundle.mjs')], { cwd: REPO_ROOT, log, timeoutMs: 5 * 60_000 });
  await run(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies', // dependencies are bundled into dist/ by esbuild
      '--allow-missing-repository',
      '--skip-license',
      '--no-rewrite-relative-links', // README images are relative paths in the repo; no repository URL to prefix
      '--out',
      vsix,
    ],
    { cwd: REPO_ROOT, log, timeoutMs: 5 * 60_000 },
  );
  const { size } = await stat(vsix);
  return { vsix, size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { vsix, size } = await packageVsix({ log: (line) => console.log(line) });
  console.log(`${path.relative(process.cwd(), vsix) || vsix}: ${(size / 1024).toFixed(1)} KiB`);
}
