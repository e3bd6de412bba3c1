// Builds the throw-away workspace the end-to-end tests and `npm start` open: a copy of examples/
// (what a user would open) plus the test-only fixtures, so that tests may edit and save files freely.
import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './config.mjs';
import { exists } from './util.mjs';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const E2E_FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'fixtures');

/** Copies examples/ (and, with `fixtures`, test/e2e/fixtures/) into `dir`; returns the names copied. */
export async function makeWorkspace(dir, { fixtures = true } = {}) {
  await mkdir(dir, { recursive: true });
  const copied = [];
  for (const source of fixtures ? [EXAMPLES_DIR, E2E_FIXTURES_DIR] : [EXAMPLES_DIR]) {
    if (!(await exists(source))) continue;
    for (const name of await readdir(source)) {
      await cp(path.join(source, name), path.join(dir, name), { recursive: true });
      copied.push(name);
    }
  }
  return copied.sort();
}
