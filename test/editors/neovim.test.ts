// Neovim as a second real LSP client: Debian's nvim, headless, runs the README's Neovim configuration as it is
// (the lua block after the `neovim-config` marker). That configuration starts pbx-user-csv-language-server
// --stdio (this repository's bin, put on the PATH as `npm install --global` would), and the probe script
// opens the PortSIP mistakes example and records the diagnostics, the K hover and the <C-x><C-o> completion.
// Expected values come from examples/README.md, the example file and the dialect file, not from the server.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadScripts } from '../e2e/support/scripts';
import { repositoryRoot } from '../protocol/lspTestClient';

const repoRoot = repositoryRoot();
const EXAMPLE = 'portsip-v22-mistakes.csv';
const exampleLines = fs.readFileSync(path.join(repoRoot, 'examples', EXAMPLE), 'utf8').split(/\r?\n/);

/** The Neovim configuration the README shows. */
function readmeNeovimConfig(): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /<!-- neovim-config\b[^>]*-->\n```lua\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(block, 'the README has a lua block after <!-- neovim-config … -->');
  return block[1];
}

/** `line` (1-based, as the editor shows it) and rule id of every mistake examples/README.md lists for the file. */
function documentedMistakes(): Array<[number, string]> {
  const doc = fs.readFileSync(path.join(repoRoot, 'examples', 'README.md'), 'utf8');
  const section = doc.split(/^## /m).find((part) => part.startsWith(`\`${EXAMPLE}\``));
  assert.ok(section, `examples/README.md has a section for ${EXAMPLE}`);
  return [...section.matchAll(/^\| (\d+) \| `([a-z0-9-]+)` \|/gm)].map((m): [number, string] => [Number(m[1]), m[2]]);
}

interface DialectColumn {
  name: string;
  description: string;
  values?: Array<{ value: string; description: string }>;
}
const smsColumn: DialectColumn = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'portsip-v22.dialect.json'), 'utf8')).columns.find(
  (column: DialectColumn) => column.name === 'sms',
);
const smsValues = smsColumn.values!;

// Line 12 of the example: `sms` is SOMETIMES. Line 3: `enabled` is yes. Line 15: a display name starting with =.
const SMS_LINE = 11;
const SMS_COLUMN = exampleLines[SMS_LINE].indexOf(',SOMETIMES,') + 1;
const YES_LINE = 2;
const YES_COLUMN = exampleLines[YES_LINE].indexOf(',yes,') + 1;
const FORMULA_LINE = 14;
const FORMULA_START = exampleLines[FORMULA_LINE].indexOf('"=HYPERLINK') + 1; // inside the cell's quotes
const FORMULA_END = exampleLines[FORMULA_LINE].indexOf('",FALSE', FORMULA_START);
const TYPED = 'ALL';

// vim.diagnostic.severity
const ERROR = 1;
const WARN = 2;

interface NeovimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  code: string;
  source: string;
  message: string;
}
/** An error of ours covering `cell`, which starts at `column` of `line`, as vim.diagnostic.get gives it. */
function errorOnCell(line: number, column: number, cell: string, code: string, message: string): NeovimDiagnostic {
  return { lnum: line, col: column, end_lnum: line, end_col: column + cell.length, severity: ERROR, code, source: 'pbx-user-csv', message };
}

interface ProbeResult {
  version: { major: number; minor: number; patch: number };
  errors: string[];
  filetype: string;
  settled: boolean;
  diagnostics: NeovimDiagnostic[];
  hover?: string[];
  completion?: string[];
  completionLine?: string;
}

function installedNeovim(): { major: number; minor: number; patch: number } {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    assert.fail(`nvim could not be started (${probe.error.message}): install Debian's neovim package (scripts/install-system-deps.sh does, as root)`);
  }
  const version = /^NVIM v(\d+)\.(\d+)\.(\d+)/.exec(probe.stdout);
  assert.ok(version, `unexpected nvim --version output: ${probe.stdout}`);
  return { major: Number(version[1]), minor: Number(version[2]), patch: Number(version[3]) };
}

describe('Neovim with the README configuration', { timeout: 20 * 60_000 }, () => {
  let installed: { major: number; minor: number; patch: number };
  let result: ProbeResult;

  before(async () => {
    await (await loadScripts()).ensureSystemDeps();
    installed = installedNeovim();

    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pbx-user-csv-neovim-'));
    process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    const workspace = path.join(root, 'workspace');
    const shims = path.join(root, 'bin');
    fs.mkdirSync(workspace);
    fs.mkdirSync(shims);
    fs.copyFileSync(path.join(repoRoot, 'examples', EXAMPLE), path.join(workspace, EXAMPLE));
    fs.symlinkSync(path.join(repoRoot, 'bin', 'pbx-user-csv-language-server.js'), path.join(shims, 'pbx-user-csv-language-server'));
    const config = path.join(root, 'pbx-user-csv.lua');
    fs.writeFileSync(config, readmeNeovimConfig());
    const resultFile = path.join(root, 'result.json');

    const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', 'lua dofile(os.getenv("PBX_NVIM_PROBE"))'], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        PATH: [shims, path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
        // Neovim's log, state and caches stay in the temporary folder.
        XDG_CONFIG_HOME: path.join(root, 'config'),
        XDG_DATA_HOME: path.join(root, 'data'),
        XDG_STATE_HOME: path.join(root, 'state'),
        XDG_CACHE_HOME: path.join(root, 'cache'),
        PBX_NVIM_PROBE: path.join(repoRoot, 'test', 'editors', 'neovim-probe.lua'),
        PBX_NVIM_CONFIG: config,
        PBX_NVIM_CSV: EXAMPLE,
        PBX_NVIM_RESULT: resultFile,
        PBX_NVIM_HOVER_LINE: String(SMS_LINE),
        PBX_NVIM_HOVER_COLUMN: String(SMS_COLUMN + 2),
        PBX_NVIM_COMPLETION_LINE: String(SMS_LINE),
        PBX_NVIM_COMPLETION_COLUMN: String(SMS_COLUMN),
        PBX_NVIM_COMPLETION_TYPED: TYPED,
      },
    });
    assert.ok(fs.existsSync(resultFile), `Neovim wrote no result (exit ${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
    result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  });

  test('Debian\'s Neovim is 0.7 or later and ran the configuration to the end', () => {
    assert.ok(installed.major > 0 || installed.minor >= 7, `Neovim ${installed.major}.${installed.minor}.${installed.patch}`);
    assert.deepEqual([result.version.major, result.version.minor, result.version.patch], [installed.major, installed.minor, installed.patch]);
    assert.deepEqual(result.errors, []);
    assert.equal(result.filetype, 'csv');
    assert.equal(result.settled, true, 'the server reported the dialect of the opened file');
  });

  test('vim.diagnostic.get has one diagnostic per documented mistake, on its line, with its rule', () => {
    const found = result.diagnostics.map((d): [number, string] => [d.lnum + 1, d.code]);
    const byLine = (a: [number, string], b: [number, string]) => a[0] - b[0] || a[1].localeCompare(b[1]);
    assert.deepEqual(found.sort(byLine), documentedMistakes().sort(byLine));
    assert.ok(result.diagnostics.every((d) => d.source === 'pbx-user-csv'));
  });

  test('a wrong boolean is an error on exactly its cell', () => {
    const yes = result.diagnostics.find((d) => d.code === 'value-boolean');
    assert.deepEqual(yes, errorOnCell(YES_LINE, YES_COLUMN, 'yes', 'value-boolean', 'enabled must be TRUE or FALSE, found "yes"'));
  });

  test('a value outside the enum is an error naming the allowed values from the dialect file', () => {
    const allowed = smsValues.map((v) => v.value);
    const sms = result.diagnostics.find((d) => d.lnum === SMS_LINE && d.code === 'value-enum');
    const message = `sms must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, found "SOMETIMES"`;
    assert.deepEqual(sms, errorOnCell(SMS_LINE, SMS_COLUMN, 'SOMETIMES', 'value-enum', message));
  });

  test('the settings in the configuration reach the server: formula injection is raised to a warning', () => {
    const formula = result.diagnostics.find((d) => d.code === 'formula-injection');
    assert.ok(formula, 'the formula-injection diagnostic');
    // Its default severity is information (README's rules table); the configuration asks for a warning.
    assert.deepEqual(
      [formula.lnum, formula.col, formula.end_lnum, formula.end_col, formula.severity],
      [FORMULA_LINE, FORMULA_START, FORMULA_LINE, FORMULA_END, WARN],
    );
  });

  test('K on an enum cell shows the column, its description and its allowed values', () => {
    assert.deepEqual(result.hover, [
      '**sms** — enum, optional',
      '',
      smsColumn.description,
      '',
      'Allowed values:',
      ...smsValues.map((v) => `- \`${v.value}\`: ${v.description}`),
    ]);
  });

  test('<C-x><C-o> after typing the start of a value offers the allowed values that start with it', () => {
    const offered = smsValues.map((v) => v.value).filter((value) => value.startsWith(TYPED));
    assert.deepEqual(result.completion, offered);
    // Vim inserts the first match in place of what was typed, inside the same cell.
    assert.equal(result.completionLine, exampleLines[SMS_LINE].replace(',SOMETIMES,', `,${offered[0]},`));
  });
});
