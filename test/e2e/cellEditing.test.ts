// End-to-end: cell editing (issue 13) in a real VS Code (code-server + headless Chromium), with the packaged
// .vsix: the column in the status bar, a JSON cell edited as JSON and saved back into the CSV, the table
// preview (a problem cell tinted, a click selecting it in the editor), and a 40,000-row file opening in the
// table — its time is measured and written down (test-results/, and bench/RESULTS.md with
// PBX_UPDATE_SCREENSHOTS=1). Expected texts are worked out by hand from the fixture and the JSON Schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { bigPortsipFile } from './support/bigUsers';
import { median } from './support/fixtures';
import { REPO_ROOT } from './support/scripts';
import { openSession, withServerOutput } from './support/session';
import type { Session } from './support/session';
import {
  activeEditor,
  eventually,
  fileOnDisk,
  goTo,
  hoverText,
  openFile,
  problemsPanelRows,
  runCommand,
  saveScreenshot,
  statusBarEntries,
  suggestions,
  waitForWorkbench,
} from './support/workbench';

/** Two PortSIP v22 users with JSON cells; row 2's forward rule lacks the number its action needs. */
const CELLS = 'portsip-v22-cells.csv';
const CELLS_TEXT = readFileSync(path.join(REPO_ROOT, 'test', 'e2e', 'fixtures', CELLS), 'utf8');
const CELLS_LINES = CELLS_TEXT.split('\n');
const CELLS_SECRETS = ['Qm4#tW8$zK', 'Lp6!vX3%nB', 'Zr7&kN2@wD', 'Tg5*hJ9^mC', '946025', '381749'];

const BIG = 'portsip-v22-40000-rows.csv';
const BIG_ROWS = 40_000;

/** 1-based column of the first character of `needle` on a 1-based line of the fixture. */
function columnOf(line: number, needle: string): number {
  const index = CELLS_LINES[line - 1].indexOf(needle);
  assert.ok(index >= 0, `${needle} not on line ${line}`);
  return index + 1;
}

const COLUMN_ITEM = 'pbx-user-csv.pbx-user-csv.pbxUserCsv.column';

async function columnStatus(page: Page, expected: string): Promise<string> {
  return eventually(`"${expected}" in the status bar`, async () => {
    const entry = (await statusBarEntries(page)).find((e) => e.id === COLUMN_ITEM);
    return entry?.text === expected ? entry.text : undefined;
  });
}

/** The table preview's page: the webview's content frame inside the workbench's webview frame. */
function tableFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Selection shown in the status bar, e.g. `Ln 3, Col 97 (33 selected)`. */
async function selectionStatus(page: Page, expected: string): Promise<void> {
  await page.locator('[id="status.editor.selection"]', { hasText: expected }).waitFor();
}

interface Opening {
  /** Command run in the extension host → first rows drawn in the page (both clocks are this machine's). */
  internal: number;
  /** When the page started, after the command ran (VS Code's webview machinery). */
  pageStarted: number;
  /** The page's script started → first rows drawn (the extension's own part in the page). */
  page: number;
  /** Click on the command → first row seen by the test (Playwright's polling of the frames included). */
  external: number;
}

/** Writes the measured openings of the big file into test-results/, and into bench/RESULTS.md when asked to. */
async function recordTableOpenings(openings: Opening[], bytes: number, rowsInDom: number): Promise<void> {
  const date = new Date().toISOString().slice(0, 10);
  const [load1] = os.loadavg();
  const cell = (pick: (o: Opening) => number) => `${openings.map(pick).join(', ')} (median ${median(openings.map(pick))})`;
  const section = [
    '<!-- table-open: written by test/e2e/cellEditing.test.ts (npm run test:e2e with PBX_UPDATE_SCREENSHOTS=1) -->',
    '## Table preview: a 40,000-row file',
    '',
    `Measured by the end-to-end test in code-server and headless Chromium (${date}; ${os.cpus().length} cores, load average ${load1.toFixed(1)} when it ran).`,
    `A PortSIP v22 file of ${BIG_ROWS.toLocaleString('en')} rows and 32 columns (${(bytes / 1024 / 1024).toFixed(1)} MiB, JSON cells on every row) is open and checked;`,
    `**PBX User CSV: Preview as Table** is run from the command palette ${openings.length} times, the preview closed in between.`,
    '',
    '| what | ms, each opening |',
    '|---|---|',
    `| command run → first rows drawn in the table | ${cell((o) => o.internal)} |`,
    `| of which VS Code making the webview, until its page starts | ${cell((o) => o.pageStarted)} |`,
    `| the page's script started → first rows drawn | ${cell((o) => o.page)} |`,
    `| click on the command → first row seen by the test | ${cell((o) => o.external)} |`,
    '',
    `Rows in the page's DOM: ${rowsInDom} (the visible ones and a few more). The columns and first rows are asked for`,
    'while VS Code makes the webview and go into the page with its script; further rows are fetched from the',
    'language server as the table scrolls, 100 at a time, so the size of the file hardly matters. Most of the time is',
    'VS Code making the webview, which grows with the load of the machine. The last row adds the command palette',
    "closing, the command reaching the extension host and the test's polling of the nested frames.",
    '<!-- /table-open -->',
  ].join('\n');
  const out = path.join(REPO_ROOT, 'test-results');
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'table-open.md'), `${section}\n`);
  if (!process.env.PBX_UPDATE_SCREENSHOTS) return;
  const results = path.join(REPO_ROOT, 'bench', 'RESULTS.md');
  const text = await readFile(results, 'utf8');
  const start = text.indexOf('<!-- table-open:');
  const endMark = '<!-- /table-open -->';
  const end = text.indexOf(endMark);
  const updated = start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + endMark.length) : `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(results, updated);
}

describe('cell editing in a real VS Code (code-server + Chromium)', { timeout: 40 * 60_000 }, () => {
  let session: Session;
  let bigBytes = 0;

  before(
    async () => {
      session = await openSession({
        maxLifetimeMs: 35 * 60_000,
        // Typed JSON stays as typed (no closing quote or bracket added).
        settings: {
          'editor.autoClosingBrackets': 'never',
          'editor.autoClosingQuotes': 'never',
          'editor.autoSurround': 'never',
          'editor.autoIndent': 'none',
          // The browser's editor asks before opening a file over 10 MB; the 40,000-row file is about 32 MB.
          'workbench.editorLargeFileConfirmation': 1024,
        },
        prepareWorkspace: async (workspace) => {
          const text = bigPortsipFile(BIG_ROWS);
          bigBytes = Buffer.byteLength(text);
          await writeFile(path.join(workspace, BIG), text);
        },
      });
      await waitForWorkbench(session.page, CELLS);
    },
    { timeout: 30 * 60_000 },
  );

  after(async () => {
    await session?.close();
  });

  const step = withServerOutput(() => session);

  test('the status bar shows the column under the cursor, inside JSON its path; its picker jumps to a column', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await openFile(page, CELLS, 'name,office_hours');
    await goTo(page, 2, columnOf(2, 'TRUE'));
    // The header has 11 columns; enabled is the 4th.
    await columnStatus(page, 'enabled · 4/11');
    await goTo(page, 2, columnOf(2, 'GLOBAL'));
    await columnStatus(page, 'office_hours › mode');
    await page.locator(`[id="${COLUMN_ITEM}"]`).click();
    const picker = page.locator('.quick-input-widget');
    await picker.locator('input.input').fill('email');
    await picker.locator('.monaco-list-row', { hasText: 'email' }).first().click();
    // jim1@example.com, 16 characters, is the 8th cell of line 2.
    await selectionStatus(page, `Ln 2, Col ${columnOf(2, 'jim1@') + 16} (16 selected)`);
    await columnStatus(page, 'email · 8/11');
  }));

  test('Edit Cell as JSON: the cell in a JSON tab with the schema\'s completion and the semantic checks; saved back into the CSV', { timeout: 5 * 60_000 }, step(async () => {
    const page = session.page;
    await openFile(page, CELLS, 'name,office_hours');
    await goTo(page, 2, columnOf(2, 'GLOBAL'));
    await runCommand(page, 'PBX User CSV: Edit Cell as JSON');
    const tabName = `${CELLS} · row 1 · office_hours.json`;
    await page.locator(`.tabs-container .tab.active[data-resource-name="${tabName}"]`).waitFor();
    const lines = await eventually('the pretty JSON of the cell', async () => {
      const text = await activeEditor(page).locator('.view-lines').innerText();
      const found = text.split('\n').map((l) => l.replace(/\u00a0/g, ' '));
      return found.length === 3 ? found : undefined;
    });
    assert.deepEqual(lines, ['{', '  "mode": "GLOBAL"', '}']);

    // VS Code's JSON support completes from the column's schema: office_hours.mode is GLOBAL or CUSTOM.
    await goTo(page, 2, 12);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Delete');
    const labels = await suggestions(page);
    assert.deepEqual(labels.map((l) => l.replace(/^"(.*)"$/, '$1')).sort(), ['CUSTOM', 'GLOBAL']);
    await page.keyboard.press('Escape');

    // A Monday range that ends before it starts: JSON Schema cannot tell, the extension's check does.
    const json = '{"mode": "CUSTOM", "monday": {"enabled": true, "ranges": [{"from": "18:00", "to": "09:00"}]}}';
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(json);
    const rows = await eventually('the time-order error in the Problems panel', async () => {
      const r = await problemsPanelRows(page);
      return r.some((row) => row.includes('must be later than')) ? r : undefined;
    });
    // At the "to" value: "09:00" with its quotes, on line 1.
    const timeOrder = rows.find((row) => row.includes('must be later than'));
    assert.equal(timeOrder, `Error: "to" (09:00) must be later than "from" (18:00) at line 1 and character ${json.indexOf('"09:00"') + 1}. generated by pbx-user-csv`);
    await page.keyboard.press('Control+J'); // the Problems panel has the focus: hide it
    await runCommand(page, 'View: Focus Active Editor Group');
    // Formatted by VS Code's JSON support, the error follows its value.
    await runCommand(page, 'Format Document');
    await activeEditor(page).locator('.view-line', { hasText: '"to": "09:00"' }).waitFor();
    const hover = await hoverText(page, activeEditor(page).locator('.squiggly-error').first());
    assert.match(hover, /must be later than "from" \(18:00\)/);
    await page.keyboard.press('Escape');
    // The screenshot: no side bar, the Problems panel listing the error under the whole JSON.
    await page.keyboard.press('Control+B');
    await problemsPanelRows(page);
    await saveScreenshot(page, 'edit-cell-as-json', { parkMouse: true });
    await page.keyboard.press('Control+J');
    await runCommand(page, 'View: Focus Active Editor Group');
    await page.keyboard.press('Control+B');

    await page.keyboard.press('Control+S');
    await page.locator(`.tabs-container .tab.active[data-resource-name="${tabName}"]:not(.dirty)`).waitFor();
    // The CSV now holds the JSON (unsaved, like any edit): save it and read the file.
    await page.locator(`.tabs-container .tab.dirty[data-resource-name="${CELLS}"]`).click();
    await page.keyboard.press('Control+S');
    const cell = '"{""mode"":""CUSTOM"",""monday"":{""enabled"":true,""ranges"":[{""from"":""18:00"",""to"":""09:00""}]}}"';
    const expected = CELLS_TEXT.replace('"{""mode"":""GLOBAL""}"', cell);
    const saved = await fileOnDisk(path.join(session.workspace, CELLS), expected, 'the CSV on disk with the new cell');
    assert.equal(saved, expected);
  }));

  test('Preview as Table: problem cells tinted, secrets masked; a click and Enter select the cell in the editor; it follows an edit', { timeout: 5 * 60_000 }, step(async () => {
    const page = session.page;
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, CELLS, 'name,office_hours');
    await runCommand(page, 'PBX User CSV: Preview as Table');
    const frame = tableFrame(page);
    const grid = frame.locator('#grid[role="grid"]');
    await grid.waitFor();
    // Errors: row 1's office hours (the range saved above ends before it starts), row 2's forward rule.
    const tinted = await eventually('two error cells', async () => {
      // The page's own window reads the computed style (the tests are compiled without DOM types).
      const cells = await frame.locator('.cell.severity-error').evaluateAll((els) =>
        els.map((e) => [Number(e.getAttribute('data-row')), Number(e.getAttribute('data-column')), (globalThis as unknown as { getComputedStyle(el: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor]),
      );
      return cells.length === 2 ? cells : undefined;
    });
    assert.deepEqual(tinted.map(([row, column]) => [row, column]), [[0, 1], [1, 2]]);
    for (const [, , background] of tinted) assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the cell has a tint');
    const shown = await grid.innerText();
    for (const secret of CELLS_SECRETS) assert.ok(!shown.includes(secret), 'a secret shows in the table');
    assert.equal(await grid.getAttribute('aria-rowcount'), '3');
    await page.keyboard.press('Control+B');
    await saveScreenshot(page, 'table-preview', { parkMouse: true });
    await page.keyboard.press('Control+B');

    // The forward rule of row 2 (line 3): its content between the quotes is selected.
    const rule = '{""action"":""FORWARD_TO_NUMBER""}';
    await frame.locator('.cell[data-row="1"][data-column="2"]').click();
    await selectionStatus(page, `Ln 3, Col ${columnOf(3, rule) + rule.length} (${rule.length} selected)`);
    // From the keyboard: up a row, Enter: row 1's forward rule.
    const voicemail = '{""action"":""FORWARD_TO_VOICEMAIL""}';
    // Back to the table (the click gave the editor the focus): a click on its summary, then the grid.
    await frame.locator('#summary').click();
    await grid.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    // Line 2 as saved by the test before (its office hours changed).
    const line2 = (await readFile(path.join(session.workspace, CELLS), 'utf8')).split('\n')[1];
    await selectionStatus(page, `Ln 2, Col ${line2.indexOf(voicemail) + 1 + voicemail.length} (${voicemail.length} selected)`);
    // The table follows an edit of the text: the selected rule typed over.
    await page.keyboard.insertText('{""action"":""HANGUP""}');
    await frame.locator('.cell[data-row="0"][data-column="2"]', { hasText: /^\{"action":"HANGUP"\}$/ }).waitFor();
    await runCommand(page, 'File: Revert File');
  }));

  test('a 40,000-row file opens in the table in under a second, only its visible rows in the DOM', { timeout: 10 * 60_000 }, step(async () => {
    const page = session.page;
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, BIG, 'name,enabled,password');
    // Checked: the dialect in the status bar comes after the diagnostics.
    await eventually('the big file checked', async () => (await statusBarEntries(page)).find((e) => e.text === 'PortSIP PBX v22.x'), 5 * 60_000);
    const frame = tableFrame(page);
    const openings: Opening[] = [];
    let rowsInDom = 0;
    for (let i = 0; i < 5; i++) {
      if (i > 0) {
        await runCommand(page, 'View: Close Editor'); // the preview, which has the focus
        await frame.locator('#grid').waitFor({ state: 'detached' });
      }
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input.input').fill('>PBX User CSV: Preview as Table');
      const command = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^PBX User CSV: Preview as Table$/ }) }).first();
      await command.waitFor();
      const clicked = Date.now();
      await command.click();
      await frame.locator('.cell', { hasText: /^user0$/ }).waitFor({ timeout: 60_000 });
      const external = Date.now() - clicked;
      const timings = JSON.parse((await frame.locator('#grid').getAttribute('data-timings')) ?? '{}') as { pageStarted: number; scriptStarted: number; drawn: number };
      openings.push({ internal: timings.drawn, pageStarted: timings.pageStarted, page: timings.drawn - timings.scriptStarted, external });
      rowsInDom = await frame.locator('.row').count();
    }
    await recordTableOpenings(openings, bigBytes, rowsInDom);
    assert.equal(await frame.locator('#grid').getAttribute('aria-rowcount'), String(BIG_ROWS + 1));
    assert.ok(rowsInDom < 100, `${rowsInDom} rows in the DOM`);
    // The best of five: the machine's other work (2 cores) only ever adds to it.
    const best = Math.min(...openings.map((o) => o.internal)); // spread-ok: five numbers
    assert.ok(best > 0 && best < 1000, `the first rows took ${openings.map((o) => o.internal).join(', ')} ms after the command`);

    // The last row is fetched when scrolled to; row 40,000 is user39999, and every 500th row has an error.
    await frame.locator('#grid').focus();
    await page.keyboard.press('Control+End');
    await frame.locator('.row-header', { hasText: /^40000$/ }).waitFor();
    const last = frame.locator('.row-header.severity-error', { hasText: /^40000$/ });
    assert.equal(await last.count(), 1);
    assert.match((await last.getAttribute('title')) ?? '', /^Row 40000: user39999 — line 40001\b/);

    // Filters: the 80 rows with `enabled` = yes (every 500th), then those of them whose values hold "user3999".
    await frame.locator('#problems-only').check();
    await frame.locator('#grid[aria-rowcount="81"]').waitFor();
    assert.equal(await frame.locator('#summary').innerText(), 'PortSIP PBX v22.x · 80 of 40,000 rows · 80 with problems');
    await frame.locator('#grid').focus();
    await page.keyboard.press('Control+Home'); // back to the first columns: name, enabled
    await frame.locator('.row-header', { hasText: /^500$/ }).waitFor();
    await frame.locator('.cell.severity-error[data-row="0"][data-column="1"]', { hasText: /^yes$/ }).waitFor();
    await page.keyboard.press('Control+B');
    await saveScreenshot(page, 'table-preview-filtered', { parkMouse: true });
    await page.keyboard.press('Control+B');
    await frame.locator('#text-filter').fill('user3999');
    // Of user3999 and user39990–user39999, the rows with an error: user3999 (i = 3999, row 4000) and user39999.
    await frame.locator('#grid[aria-rowcount="3"]').waitFor();
    assert.deepEqual(await frame.locator('.row-header').allInnerTexts(), ['4000', '40000']);
  }));

  test('a window reload brings the table back, with its filters', { timeout: 5 * 60_000 }, step(async () => {
    const page = session.page;
    const frame = tableFrame(page);
    // The filters of the test before: rows with problems whose values hold "user3999".
    await frame.locator('#grid[aria-rowcount="3"]').waitFor();
    await page.waitForTimeout(500); // the page keeps its state 200 ms after the last change
    await runCommand(page, 'Developer: Reload Window');
    await waitForWorkbench(page, CELLS);
    await frame.locator('#grid[aria-rowcount="3"]').waitFor({ timeout: 120_000 });
    assert.deepEqual(await frame.locator('.row-header').allInnerTexts(), ['4000', '40000']);
    assert.equal(await frame.locator('#text-filter').inputValue(), 'user3999');
    assert.ok(await frame.locator('#problems-only').isChecked(), 'only rows with problems');
    await page.locator('.tabs-container .tab', { hasText: `Table: ${BIG}` }).waitFor();
  }));
});
