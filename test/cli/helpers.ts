// Shared by the CLI tests: run the real `bin/pbx-user-csv.js` (which needs `npm run build`) in temporary folders.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'pbx-user-csv') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pbx-user-csv package.json above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);
const bin = path.join(repoRoot, 'bin', 'pbx-user-csv.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `timeoutMs`: a run still going then is killed and the test fails (a hang must not stall the suite). */
export function runCli(args: string[], cwd: string, timeoutMs = 170_000): CliRun {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` before the CLI tests');
  }
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder holding `files` (path → text or bytes); removed when the process exits. */
export function makeTree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pbx-user-csv-cli-'));
  createdFolders.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

const createdFolders: string[] = [];
process.on('exit', () => {
  for (const folder of createdFolders) fs.rmSync(folder, { recursive: true, force: true });
});

export function lines(output: string): string[] {
  return output.split('\n').filter((line) => line !== '');
}

/** ajv (with formats: uri, uri-reference, date-time…) compiled against the official SARIF 2.1.0 schema. */
export function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

// ---------------------------------------------------------------- user CSVs written from the spec

/** PortSIP v22 columns: every required one (name, password, extension_number, extension_password, email,
 * voicemail_pin) plus enabled and display_name. No v22-only column, so the dialect is a guessed v22. */
export const PORTSIP_HEADER = 'name,enabled,password,extension_number,extension_password,email,display_name,voicemail_pin';

/** A row that breaks no rule: policy-conforming passwords (6–32, letters, digits, specials, no runs, not
 * containing the name or extension) and PIN (6–10 digits, no repeats or runs). */
export function portsipRow(name: string, extension: string, overrides: { enabled?: string; displayName?: string } = {}): string {
  const enabled = overrides.enabled ?? 'TRUE';
  const displayName = overrides.displayName ?? 'Pat Doe';
  return `${name},${enabled},Kx7#mQ2!vR,${extension},Tz4$pW9&nL,${name}@example.com,${displayName},739164`;
}

export const XIVO_HEADER = 'entity_id,firstname,lastname';
export const XIVO_ROW = '1,Alice,Smith';
