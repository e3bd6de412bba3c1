// Typed access from the compiled (CommonJS) tests to the plain-Node tooling in scripts/e2e/*.mjs.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root: the nearest folder above this file whose package.json is ours (works from out/ and from test/). */
export const REPO_ROOT = ((): string => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'pbx-user-csv') return dir;
  }
  throw new Error(`no pbx-user-csv package.json above ${__dirname}`);
})();

// TypeScript compiles `import()` to `require()` under module=commonjs, which cannot load .mjs files;
// a Function body keeps the real dynamic import.
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
const load = <T>(name: string): Promise<T> => importEsm(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'e2e', name)).href) as Promise<T>;

export interface Tools {
  nodeDir: string;
  nodeBin: string;
  codeServerDir: string;
  codeServerEntry: string;
}
export interface Profile {
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
}
export interface CodeServer {
  port: number;
  pid: number;
  baseUrl: string;
  folderUrl(dir: string): string;
  output(): string;
  stop(): Promise<void>;
}
type Log = (line: string) => void;

export interface E2eScripts {
  ensureTools(options?: { log?: Log }): Promise<Tools>;
  ensureSystemDeps(options?: { log?: Log }): Promise<void>;
  packageVsix(options?: { outFile?: string; web?: boolean; log?: Log }): Promise<{ vsix: string; size: number }>;
  makeWorkspace(dir: string, options?: { fixtures?: boolean }): Promise<string[]>;
  prepareProfile(root: string, settings?: Record<string, unknown>): Promise<Profile>;
  installExtensions(tools: Tools, profile: Profile, vsixFiles: string[], options?: { log?: Log }): Promise<void>;
  listExtensions(tools: Tools, profile: Profile): Promise<string[]>;
  startCodeServer(
    tools: Tools,
    profile: Profile,
    options?: { folder?: string; port?: number; env?: Record<string, string>; log?: Log; readyTimeoutMs?: number },
  ): Promise<CodeServer>;
  run(command: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; log?: Log }): Promise<string>;
  launchChromium(options?: { headless?: boolean }): Promise<import('playwright-core').Browser>;
  compileVscodeSuite(options?: { log?: Log }): Promise<string>;
  packageHarness(outFile: string, options?: { log?: Log }): Promise<string>;
}

/** Loads every scripts/e2e module and merges their exports. */
export async function loadScripts(): Promise<E2eScripts> {
  const modules = await Promise.all(
    ['ensure-tools.mjs', 'package-vsix.mjs', 'workspace.mjs', 'code-server.mjs', 'util.mjs', 'browser.mjs', 'harness.mjs'].map((m) => load<object>(m)),
  );
  return Object.assign({}, ...modules) as E2eScripts;
}
