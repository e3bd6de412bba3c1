// One real-editor session for an end-to-end test file: the packaged extension installed into code-server,
// code-server serving a temp copy of examples/, and headless Chromium showing its workbench.
// close() always tears everything down (process groups), and a watchdog bounds the session's lifetime.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadScripts, REPO_ROOT } from './scripts';
import type { CodeServer, E2eScripts, Profile, Tools } from './scripts';

export const EXTENSION_ID = 'pbx-user-csv.pbx-user-csv';
export const HARNESS_ID = 'pbx-user-csv.pbx-user-csv-test-harness';

export interface SessionOptions {
  /** Install the web-only build (no `main`): code-server can then only run it in the browser's web worker. */
  web?: boolean;
  /** Extra .vsix files to install next to ours (the test harness). */
  extraVsix?: (scripts: E2eScripts, tempDir: string) => Promise<string[]>;
  /** Environment of code-server, which reaches the extension host. */
  env?: (tempDir: string) => Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Adds files to the workspace before code-server opens it. */
  prepareWorkspace?: (workspace: string) => Promise<void>;
  /** Kill everything after this long, whatever the tests are doing. */
  maxLifetimeMs?: number;
}

export interface Session {
  scripts: E2eScripts;
  tools: Tools;
  profile: Profile;
  tempDir: string;
  workspace: string;
  workspaceFiles: string[];
  vsix: { path: string; size: number };
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** code-server's output so far (for failure messages). */
  log(): string;
  close(): Promise<void>;
}

const log = (line: string) => {
  if (process.env.PBX_E2E_VERBOSE) console.error(`  [e2e] ${line}`);
};

export async function openSession(options: SessionOptions = {}): Promise<Session> {
  const scripts = await loadScripts();
  const tempDir = await mkdtemp(path.join(tmpdir(), 'pbx-user-csv-e2e-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let closed = false;

  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(watchdog);
    process.off('exit', killNow);
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    await rm(tempDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
  };
  // Synchronous last resort when the test process exits without close() (a crash or a runner timeout).
  const killNow = () => {
    if (server) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  process.on('exit', killNow);
  const watchdog = setTimeout(() => {
    console.error(`[e2e] session exceeded ${options.maxLifetimeMs} ms; killing code-server and chromium`);
    void close();
  }, options.maxLifetimeMs ?? 20 * 60_000);
  watchdog.unref();

  try {
    const tools = await scripts.ensureTools({ log: (line) => console.error(`  [e2e-tools] ${line}`) });
    const { vsix, size } = await scripts.packageVsix({ outFile: path.join(tempDir, 'pbx-user-csv.vsix'), web: options.web, log });
    const extra = options.extraVsix ? await options.extraVsix(scripts, tempDir) : [];
    const workspace = path.join(tempDir, 'workspace');
    const workspaceFiles = await scripts.makeWorkspace(workspace);
    await options.prepareWorkspace?.(workspace);
    const profile = await scripts.prepareProfile(path.join(tempDir, 'profile'), options.settings);
    await scripts.installExtensions(tools, profile, [vsix, ...extra], { log });
    server = await scripts.startCodeServer(tools, profile, { folder: workspace, env: options.env?.(tempDir), log });
    browser = await scripts.launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(server.folderUrl(workspace), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const liveServer = server;
    return {
      scripts,
      tools,
      profile,
      tempDir,
      workspace,
      workspaceFiles,
      vsix: { path: vsix, size },
      server: liveServer,
      browser,
      page,
      log: () => liveServer.output(),
      close,
    };
  } catch (err) {
    const output = server?.output();
    await close();
    if (output && err instanceof Error) err.message += `\n--- code-server output ---\n${output}`;
    throw err;
  }
}

/** Wraps a test body: a failure gets the tail of code-server's output, so that a broken extension host explains itself. */
export function withServerOutput(session: () => Session | undefined): (fn: () => Promise<void>) => () => Promise<void> {
  return (fn) => async () => {
    try {
      await fn();
    } catch (err) {
      if (err instanceof Error) err.message += `\n--- code-server output (tail) ---\n${session()?.log().slice(-4000) ?? ''}`;
      throw err;
    }
  };
}

/**
 * Where screenshots go: docs/screenshots (the README's) with PBX_UPDATE_SCREENSHOTS=1, otherwise the
 * git-ignored test-results/screenshots, so that ordinary test runs do not rewrite tracked images.
 */
export const SCREENSHOTS_DIR = process.env.PBX_UPDATE_SCREENSHOTS
  ? path.join(REPO_ROOT, 'docs', 'screenshots')
  : path.join(REPO_ROOT, 'test-results', 'screenshots');
