// `npm start`: opens examples/ with the extension loaded. With desktop VS Code on PATH (`code`) it runs
// `code --extensionDevelopmentPath=<repo> examples`; otherwise it serves the packaged .vsix in code-server on
// 127.0.0.1 and prints the URL to open. Ctrl+C stops code-server. PBX_START_WEB=1 runs the web build instead
// (the browser entry in VS Code's web worker extension host).
import { spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_DIR, REPO_ROOT } from './config.mjs';
import { installExtensions, prepareProfile, startCodeServer } from './code-server.mjs';
import { ensureTools } from './ensure-tools.mjs';
import { packageVsix } from './package-vsix.mjs';
import { EXAMPLES_DIR } from './workspace.mjs';

const hasDesktopCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;

if (hasDesktopCode && !process.env.PBX_START_CODE_SERVER) {
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bundle.mjs')], { stdio: 'inherit', cwd: REPO_ROOT });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const web = process.env.PBX_START_WEB ? ['--extensionDevelopmentKind=web'] : [];
  const code = spawn('code', [`--extensionDevelopmentPath=${REPO_ROOT}`, ...web, EXAMPLES_DIR], { stdio: 'inherit' });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  const log = (line) => console.log(line);
  const tools = await ensureTools();
  const web = Boolean(process.env.PBX_START_WEB);
  const root = path.join(CACHE_DIR, web ? 'start-web' : 'start');
  await mkdir(root, { recursive: true });
  const { vsix } = await packageVsix({ outFile: path.join(root, 'pbx-user-csv.vsix'), web, log: () => {} });
  const profile = await prepareProfile(root); // kept between runs: settings and UI state survive a restart
  await installExtensions(tools, profile, [vsix], { log });
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer(tools, profile, { folder: EXAMPLES_DIR, port, log: () => {} });
  console.log(`\nPBX User CSV in code-server (VS Code in the browser), examples/ open:\n\n  ${server.folderUrl(EXAMPLES_DIR)}\n`);
  console.log('Press Ctrl+C to stop.');
  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
