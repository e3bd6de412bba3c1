// Runs code-server (the real VS Code workbench and extension host) for tests and `npm start`:
// installs .vsix files into private dirs, starts it on a free loopback port, and stops its whole
// process group.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { killGroup, run, sleep } from './util.mjs';

/** Settings that keep the workbench quiet and deterministic (no welcome page, tips, trust or update prompts). */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 200,
  'files.autoSave': 'off',
};

/**
 * Creates the user-data and extensions dirs under `root`, code-server's config file (so that it does not
 * write one into ~/.config) and the user settings.
 */
export async function prepareProfile(root, settings = {}) {
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const configFile = path.join(root, 'config.yaml');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(configFile, 'auth: none\ncert: false\n');
  await writeFile(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2) + '\n',
  );
  return { userDataDir, extensionsDir, configFile };
}

const cli = (tools, profile) => [
  tools.codeServerEntry,
  '--config', profile.configFile,
  '--user-data-dir', profile.userDataDir,
  '--extensions-dir', profile.extensionsDir,
];

/** Installs packaged extensions with code-server's own CLI (the same path a user takes). */
export async function installExtensions(tools, profile, vsixFiles, { log = () => {} } = {}) {
  for (const vsix of vsixFiles) {
    await run(tools.nodeBin, [...cli(tools, profile), '--force', '--install-extension', vsix], { log, timeoutMs: 3 * 60_000 });
  }
}

/** Lists installed extensions as `publisher.name@version`. */
export async function listExtensions(tools, profile) {
  const out = await run(tools.nodeBin, [...cli(tools, profile), '--list-extensions', '--show-versions'], { timeoutMs: 2 * 60_000 });
  return out.split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server bound to 127.0.0.1 on a free port (or `port`) with no auth and waits until it
 * answers. `env` reaches the extension host. Returns `{ port, baseUrl, folderUrl(folder), output(), stop() }`.
 */
export async function startCodeServer(tools, profile, { folder, port, env = {}, log = () => {}, readyTimeoutMs = 120_000 } = {}) {
  port ??= await freePort();
  const args = [
    ...cli(tools, profile),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(folder ? [folder] : []),
  ];
  const child = spawn(tools.nodeBin, args, {
    detached: true, // own process group: stop() kills the extension host and the language server with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    killGroup(child.pid, 'SIGTERM');
    const done = await Promise.race([exitPromise, sleep(5000).then(() => null)]);
    if (!done) killGroup(child.pid, 'SIGKILL');
    killGroup(child.pid, 'SIGKILL'); // children that ignored SIGTERM (extension host, language server)
    await Promise.race([exitPromise, sleep(5000)]);
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${baseUrl} within ${readyTimeoutMs} ms:\n${output}`);
    }
    await sleep(300);
  }
  return {
    port,
    pid: child.pid,
    baseUrl,
    folderUrl: (dir) => `${baseUrl}/?folder=${encodeURIComponent(dir)}`,
    output: () => output,
    stop,
  };
}
