// End-to-end in VS Code for the Web: the web-only build of the extension (no `main`, only `browser`)
// installed into code-server, which can then run it only in the browser's web-worker extension host; the
// language server runs in a web worker of its own. Driven through headless Chromium like a user: diagnostics
// in the Problems panel, completion in an enum cell, Validate Workspace over files never opened; and the time
// from activation to first diagnostics, measured and written to test-results/ (and to bench/RESULTS.md with
// PBX_UPDATE_RESULTS=1). Expectations are worked out by hand from the spec and the files, or, for the
// Validate Workspace totals, taken from the command line (the Node front) on the same folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readZip } from '../support/zip';
import { cellColumn, filteredProblemRows, rowAt } from './support/cells';
import { FIXTURE, FIXTURE_TEXT, MISTAKES, MISTAKES_TEXT, PACKAGE_VERSION, median } from './support/fixtures';
import { REPO_ROOT } from './support/scripts';
import { EXTENSION_ID, openSession, withServerOutput } from './support/session';
import type { Session } from './support/session';
import { notificationMessages, outputChannelLines, runningExtensionRow, visibleOutputLines, workerTitles } from './support/webHost';
import {
  activeEditor,
  eventually,
  explorerItem,
  goTo,
  openFile,
  problemCounts,
  problemsPanelRows,
  runCommand,
  saveScreenshot,
  statusBarEntries,
  suggestions,
  waitForWorkbench,
} from './support/workbench';


/** How many times the window is reloaded to time the start. */
const START_SAMPLES = 3;

describe('PBX User CSV in VS Code for the Web (web-only build, code-server\'s web worker extension host, Chromium)', { timeout: 30 * 60_000 }, () => {
  let session: Session;

  before(
    async () => {
      session = await openSession({ web: true, maxLifetimeMs: 25 * 60_000 });
      await waitForWorkbench(session.page, MISTAKES);
    },
    { timeout: 20 * 60_000 },
  );

  after(async () => {
    await session?.close();
  });

  const step = withServerOutput(() => session);

  test('the web-only .vsix has no Node entry and installs into code-server', { timeout: 3 * 60_000 }, async () => {
    const entries = readZip(readFileSync(session.vsix.path));
    const packaged = JSON.parse(entries.find((e) => e.name === 'extension/package.json')!.read().toString('utf8')) as Record<string, unknown>;
    assert.equal(packaged.main, undefined);
    assert.equal(packaged.browser, './dist/browser/client.js');
    const names = entries.map((e) => e.name);
    assert.ok(names.includes('extension/dist/browser/server.js'));
    assert.ok(!names.includes('extension/dist/server.js') && !names.includes('extension/dist/client.js'), `entries: ${names.join(', ')}`);
    const installed = await session.scripts.listExtensions(session.tools, session.profile);
    assert.ok(installed.includes(`${EXTENSION_ID}@${PACKAGE_VERSION}`), `installed extensions: ${installed.join(', ')}`);
  });

  test('VS Code runs the extension in the web worker extension host, and the server in a worker of its own', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    const row = await runningExtensionRow(page, 'PBX User CSV', () => saveScreenshot(page, 'web-running-extensions', { parkMouse: true }));
    // The row names the host: "web worker" (an extension in the VS Code server's Node host shows the server's address).
    assert.match(row, /^PBX User CSV .*web worker/i);
    // A worker started by a worker of the extension host is titled after both.
    const workers = await workerTitles(session.browser);
    assert.ok(workers.includes('ExtensionHostWorker -> PBX User CSV language server'), `workers: ${JSON.stringify(workers)}`);
  }));

  test('the Problems panel lists the mistakes of the example, and the status bar its dialect', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await openFile(page, MISTAKES, 'name,enabled,password');
    await eventually('"PortSIP PBX v22.x" in the status bar', async () => (await statusBarEntries(page)).find((e) => e.text === 'PortSIP PBX v22.x'));
    const rows = await eventually('the example\'s problems in the Problems panel', async () => {
      const r = await problemsPanelRows(page);
      return r.some((row) => row.startsWith('Error:')) ? r : undefined;
    });
    // Line 3: `enabled` = yes is not a boolean (TRUE/FALSE); line 5: the user name admin is reserved.
    const yes = rowAt(rows, 3, cellColumn(MISTAKES_TEXT, 3, 'enabled'));
    assert.ok(yes, `no problem on line 3 under enabled in ${JSON.stringify(rows)}`);
    assert.match(yes, /^Error: .*"yes"/);
    const admin = rowAt(rows, 5, 1);
    assert.ok(admin, `no problem on line 5 under name in ${JSON.stringify(rows)}`);
    assert.match(admin, /^Error: .*admin/);
    assert.ok(await activeEditor(page).locator('.squiggly-error').count() > 0, 'squiggles in the editor');
    await saveScreenshot(page, 'web-problems-panel', { parkMouse: true });
    // Line 18's office hours end before they start: found through the column's JSON Schema, which ajv compiles
    // in the worker with new Function (the web worker extension host's CSP allows 'unsafe-eval').
    const filtered = await filteredProblemRows(page, 'must be later than', (row) => row.includes(' at line 18 '), 'the office-hours problem');
    // The problem points at the "to" value, `""09:00""` as written in the cell.
    const toValue = MISTAKES_TEXT.split('\n')[17].indexOf('""09:00""') + 1;
    assert.ok(toValue > cellColumn(MISTAKES_TEXT, 18, 'office_hours'), 'the "to" value is inside the office_hours cell');
    const order = rowAt(filtered, 18, toValue);
    assert.ok(order, `no problem at line 18, character ${toValue} in ${JSON.stringify(filtered)}`);
    assert.match(order, /^Error: "to" \(09:00\) must be later than "from" \(17:00\)/);
  }));

  test('the suggest widget offers the allowed values of an enum cell', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await openFile(page, FIXTURE, 'name,enabled,password');
    await goTo(page, 3, cellColumn(FIXTURE_TEXT, 3, 'sms'));
    const labels = await suggestions(page);
    // spec: sms is DISABLE, ALLOW_WITH_SENDER_ID or ALLOW.
    assert.deepEqual([...labels].sort(), ['ALLOW', 'ALLOW_WITH_SENDER_ID', 'DISABLE']);
    await page.keyboard.press('Escape');
  }));

  test('Validate Workspace reads files never opened through the editor and sums them up as the command line does', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await runCommand(page, 'View: Close All Editors');
    // The examples' workspace settings make portsip-v16-*.csv files PortSIP v16 (v16 files look like v22 files
    // without v22's columns); the command line is told the same with --dialect.
    const settings = readFileSync(path.join(session.workspace, '.vscode', 'settings.json'), 'utf8');
    assert.match(settings, /"portsip-v16-\*\.csv": "portsip-v16"/);
    const csvFiles = readdirSync(session.workspace).filter((name) => name.endsWith('.csv'));
    const v16 = csvFiles.filter((name) => name.startsWith('portsip-v16-'));
    const summary = sumSummaries([
      commandLineSummary(v16.map((name) => path.join(session.workspace, name)), ['--dialect', 'portsip-v16']),
      commandLineSummary(csvFiles.filter((name) => !v16.includes(name)).map((name) => path.join(session.workspace, name))),
    ]);
    assert.ok(summary.files === csvFiles.length && v16.length === 2 && summary.filesWithErrors > 0, `the command line's summary: ${JSON.stringify(summary)}`);
    const expected =
      `PBX User CSV: ${summary.files} files: ${summary.userCsvFiles} user CSVs, ${summary.filesWithErrors} with errors — ` +
      `${summary.errors} errors, ${summary.warnings} warnings`;

    await runCommand(page, 'PBX User CSV: Validate Workspace');
    const message = await eventually('the Validate Workspace summary', async () => (await notificationMessages(page)).find((m) => m.startsWith('PBX User CSV: ') && m.includes(' files: ')));
    assert.equal(message, expected);

    // xivo-mistakes.csv was never opened: line 3 has enabled = true, and XiVO booleans are exactly 0 or 1 (spec).
    const rows = await filteredProblemRows(page, '**/xivo-mistakes.csv', (row) => / in file xivo-mistakes\.csv /.test(row), 'xivo-mistakes.csv in the Problems panel');
    const xivoText = readFileSync(path.join(REPO_ROOT, 'examples', 'xivo-mistakes.csv'), 'utf8');
    const enabled = rowAt(rows, 3, cellColumn(xivoText, 3, 'enabled'));
    assert.ok(enabled, `no problem on line 3 under enabled in ${JSON.stringify(rows)}`);
    assert.match(enabled, /^Error: .*"true"/);
    await saveScreenshot(page, 'web-validate-workspace', { parkMouse: true });
  }));

  test('a custom dialect named in the workspace settings is read through the editor and reloaded when it changes', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await runCommand(page, 'View: Close All Editors');
    // acme_id must be a whole number; the first data row's is "abc" (line 2, column 1).
    const acme = (idType: string) =>
      JSON.stringify({ id: 'acme', label: 'ACME PBX', description: 'Test dialect', detection: { allOf: ['acme_id'] }, columns: [{ name: 'acme_id', type: idType, required: true }, { name: 'label' }] });
    mkdirSync(path.join(session.workspace, 'dialects'), { recursive: true });
    writeFileSync(path.join(session.workspace, 'dialects', 'acme.dialect.json'), acme('integer'));
    writeFileSync(path.join(session.workspace, 'acme-users.csv'), 'acme_id,label\nabc,Desk\n');
    writeFileSync(
      path.join(session.workspace, '.vscode', 'settings.json'),
      `${JSON.stringify({ 'pbxUserCsv.dialects': { 'portsip-v16-*.csv': 'portsip-v16' }, 'pbxUserCsv.customDialects': ['dialects/acme.dialect.json'] }, null, 2)}\n`,
    );
    // Opened from the explorer once it shows the new file: Quick Open may still search a list cached before it.
    await explorerItem(page, 'acme-users.csv').click({ timeout: 60_000 });
    await page.locator('.tabs-container .tab.active[data-resource-name="acme-users.csv"]').waitFor();
    await activeEditor(page).locator('.view-line', { hasText: 'acme_id,label' }).first().waitFor();
    await eventually('"ACME PBX" in the status bar', async () => (await statusBarEntries(page)).find((e) => e.text === 'ACME PBX'));
    const rows = await eventually('the acme_id problem', async () => {
      const r = await problemsPanelRows(page);
      return r.some((row) => row.includes(' at line 2 and character 1.')) ? r : undefined;
    });
    assert.match(rowAt(rows, 2, 1)!, /^Error: acme_id must be a whole number written with digits only, found "abc"/);

    // acme_id becomes text: the editor's file watcher tells the server, which reads the file again.
    writeFileSync(path.join(session.workspace, 'dialects', 'acme.dialect.json'), acme('string'));
    await eventually('no problem left in acme-users.csv', async () => ((await activeEditor(page).locator('.squiggly-error').count()) === 0 ? true : undefined));
    // Still an ACME file: the dialect was reloaded, not lost (a file of no dialect would show no problem either).
    assert.ok((await statusBarEntries(page)).some((e) => e.text === 'ACME PBX'), 'the status bar still says ACME PBX');
    await runCommand(page, 'View: Close All Editors');
  }));

  test('start-up: activation → first diagnostics, measured over window reloads with the example open', { timeout: 6 * 60_000 }, step(async () => {
    const page = session.page;
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, MISTAKES, 'name,enabled,password');
    const samples: Array<{ activationMs: number; reloadMs: number }> = [];
    for (let i = 0; i < START_SAMPLES; i++) {
      const started = Date.now();
      await runCommand(page, 'Developer: Reload Window');
      await waitForWorkbench(page, MISTAKES);
      await eventually('errors in the status bar after the reload', async () => ((await problemCounts(page)).errors > 0 ? true : undefined));
      const reloadMs = Date.now() - started;
      // The client's own measurement (client/src/client.ts), from the start of activate() to the first publish.
      // A reload restores the Output panel with the channel it showed: read it there first, through the Command
      // Palette only when it does not show the line.
      const startUpLine = (lines: string[]) => lines.reverse().find((l) => /first diagnostics \d+ ms after activation/.test(l));
      const line = await eventually('the start-up line in the output channel', async () =>
        startUpLine(await visibleOutputLines(page)) ?? startUpLine(await outputChannelLines(page, 'PBX User CSV')),
      );
      samples.push({ activationMs: Number(/first diagnostics (\d+) ms/.exec(line)![1]), reloadMs });
    }
    assert.equal(samples.length, START_SAMPLES);
    for (const sample of samples) assert.ok(Number.isFinite(sample.activationMs) && sample.activationMs > 0, JSON.stringify(sample));
    writeStartupResults(session, samples);
  }));
});

interface CliSummary {
  files: number;
  userCsvFiles: number;
  filesWithErrors: number;
  errors: number;
  warnings: number;
}

/** The command line's (Node's) summary of these files. */
function commandLineSummary(files: string[], options: string[] = []): CliSummary {
  const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'pbx-user-csv.js'), 'validate', ...files, ...options, '--format', 'json'], { encoding: 'utf8' });
  return (JSON.parse(cli.stdout) as { summary: CliSummary }).summary;
}

function sumSummaries(summaries: CliSummary[]): CliSummary {
  const total: CliSummary = { files: 0, userCsvFiles: 0, filesWithErrors: 0, errors: 0, warnings: 0 };
  for (const summary of summaries) for (const key of Object.keys(total) as Array<keyof CliSummary>) total[key] += summary[key];
  return total;
}

/** test-results/web-startup.md always; the block in bench/RESULTS.md with PBX_UPDATE_RESULTS=1. */
function writeStartupResults(session: Session, samples: Array<{ activationMs: number; reloadMs: number }>): void {
  const bundle = readZip(readFileSync(session.vsix.path)).find((e) => e.name === 'extension/dist/browser/server.js')!.read().length;
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown';
  const block = [
    '<!-- web-startup: written by test/e2e/web.test.ts (PBX_UPDATE_RESULTS=1 npm run test:e2e) -->',
    '## VS Code for the Web: start-up in the browser',
    `Measured by the end-to-end test on ${new Date().toISOString()}, commit ${commit}: the web-only .vsix (${(session.vsix.size / 1024).toFixed(0)} KiB) in`,
    `code-server 4.139.1's web worker extension host, headless Chromium, ${samples.length} window reloads with ${MISTAKES} open.`,
    `Worker bundle (dist/browser/server.js, minified, dialect files inside): ${(bundle / 1024).toFixed(0)} KiB (target < 1 MB).`,
    '',
    '| reload | activation → first diagnostics ms (the client\'s clock) | reload → errors in the status bar ms (workbench start included) |',
    '|---:|---:|---:|',
    ...samples.map((s, i) => `| ${i + 1} | ${s.activationMs} | ${s.reloadMs} |`),
    `| median | ${median(samples.map((s) => s.activationMs))} | ${median(samples.map((s) => s.reloadMs))} |`,
    '<!-- /web-startup -->',
  ].join('\n');
  const out = path.join(REPO_ROOT, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'web-startup.md'), `${block}\n`);
  console.error(block);
  if (!process.env.PBX_UPDATE_RESULTS) return;
  const results = path.join(REPO_ROOT, 'bench', 'RESULTS.md');
  const text = readFileSync(results, 'utf8');
  const start = text.indexOf('<!-- web-startup:');
  const end = text.indexOf('<!-- /web-startup -->');
  assert.ok(start >= 0 && end > start, 'bench/RESULTS.md has the web-startup block');
  writeFileSync(results, text.slice(0, start) + block + text.slice(end + '<!-- /web-startup -->'.length));
}
