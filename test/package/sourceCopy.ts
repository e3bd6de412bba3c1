// A copy of the repository as a fresh clone has it (no dist/, no out/), for packaging tests: packing there
// proves the package builds itself, and never rewrites the dist/ that other tests are running.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repositoryRoot } from '../protocol/lspTestClient';

export const repoRoot = repositoryRoot();

/** Build output, caches and local artefacts: none of them is in a clone. node_modules is linked instead. */
const NOT_IN_A_CLONE = new Set(['node_modules', 'out', 'dist', '.cache', '.git', 'test-results', 'docs']);

const temporaryFolders: string[] = [];
process.on('exit', () => {
  for (const folder of temporaryFolders) fs.rmSync(folder, { recursive: true, force: true });
});

export function temporaryFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryFolders.push(folder);
  return folder;
}

export function copyOfSources(): string {
  const copy = temporaryFolder('pbx-user-csv-source-');
  fs.cpSync(repoRoot, copy, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(repoRoot, source);
      return !NOT_IN_A_CLONE.has(relative.split(path.sep)[0]) && !/\.(vsix|tgz)$/.test(relative);
    },
  });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

/**
 * The environment for a nested npm: without the variables `npm test` exports (npm_config_local_prefix would
 * point it back at this repository) and without the repository's node_modules/.bin on the PATH.
 */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('npm_') && key !== 'INIT_CWD') env[key] = value;
  }
  const pathEntries = (process.env.PATH ?? '').split(path.delimiter).filter((entry) => entry && !entry.includes('node_modules'));
  env.PATH = [path.dirname(process.execPath), ...pathEntries].join(path.delimiter);
  return env;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd: string, timeoutMs = 5 * 60_000): Run {
  const result = spawnSync(command, args, { cwd, env: cleanEnvironment(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed; its output is in the error otherwise. */
export function runOk(command: string, args: string[], cwd: string, timeoutMs?: number): Run {
  const result = run(command, args, cwd, timeoutMs);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** Every file below `folder`, as forward-slash paths relative to it. */
export function filesBelow(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
    .sort();
}
