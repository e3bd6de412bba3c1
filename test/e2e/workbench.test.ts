// End-to-end: the packaged .vsix in a real VS Code (code-server's workbench and extension host), driven
// through headless Chromium like a user. Expectations are worked out by hand from the spec
// (shared/spec/dialects.md) and the files (examples/, test/e2e/fixtures/), never taken from running the
// extension. The tests run in order in one session; the quick fix edits the fixture, so it comes last.
// Screenshots of the moments a user sees land in docs/screenshots/ (the README shows them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cellColumn, rowAt } from './support/cells';
import { FIXTURE, FIXTURE_TEXT, MISTAKES, MISTAKES_TEXT, PACKAGE_VERSION } from './support/fixtures';
import { REPO_ROOT } from './support/scripts';
import { EXTENSION_ID, openSession, withServerOutput } from './support/session';
import type { Session } from './support/session';
import {
  activeEditor,
  eventually,
  fileOnDisk,
  goTo,
  hoverText,
  openFile,
  problemCounts,
  problemsPanelRows,
  quickFixes,
  runCommand,
  saveScreenshot,
  statusBarEntries,
  suggestions,
  waitForWorkbench,
} from './support/workbench';

const FIXTURE_SECRETS = ['Kx7#mQ2$vL', 'Rw4%tZ8!pN', 'Hd5&wP9@rT', 'Jm3*eV6^sY', '740293', '815274'];

const MISTAKES_SECRETS = ['Vt9#qLm2$w', 'Hq7!xR4pz%', '493817'];

describe('PBX User CSV in a real VS Code (code-server + Chromium)', { timeout: 40 * 60_000 }, () => {
  let session: Session;

  before(
    async () => {
      session = await openSession({ maxLifetimeMs: 35 * 60_000 });
      await waitForWorkbench(session.page, MISTAKES);
    },
    { timeout: 30 * 60_000 }, // the first run on a fresh machine installs Node 24 and code-server
  );

  after(async () => {
    await session?.close();
  });

  const step = withServerOutput(() => session);

  test('the .vsix is small and installs into code-server', { timeout: 3 * 60_000 }, async () => {
    assert.ok(session.vsix.size < 1024 * 1024, `.vsix is ${session.vsix.size} bytes; it should stay under 1 MiB`);
    const installed = await session.scripts.listExtensions(session.tools, session.profile);
    assert.ok(installed.includes(`${EXTENSION_ID}@${PACKAGE_VERSION}`), `installed extensions: ${installed.join(', ')}`);
  });

  test('the status bar shows the dialect of the opened example', { timeout: 3 * 60_000 }, step(async () => {
    await openFile(session.page, MISTAKES, 'name,enabled,password');
    // The header has the v22-only `sms` column: the dialect is decided, not guessed (spec: Detection).
    const entry = await eventually('"PortSIP PBX v22.x" in the status bar', async () =>
      (await statusBarEntries(session.page)).find((e) => e.text === 'PortSIP PBX v22.x'),
    );
    assert.match(entry.label, /PortSIP PBX v22\.x/);
    await saveScreenshot(session.page, 'status-bar-dialect', { parkMouse: true });
  }));

  test('the Problems panel lists the mistakes of the example', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    const rows = await eventually('the example\'s problems in the Problems panel', async () => {
      const r = await problemsPanelRows(page);
      return r.some((row) => row.startsWith('Error:')) ? r : undefined;
    });
    // Line 3: `enabled` = yes is not a boolean (TRUE/FALSE).
    const yes = rowAt(rows, 3, cellColumn(MISTAKES_TEXT, 3, 'enabled'));
    assert.ok(yes, `no problem on line 3 under enabled in ${JSON.stringify(rows)}`);
    assert.match(yes, /^Error: .*"yes"/);
    assert.match(yes, /TRUE/);
    assert.match(yes, /FALSE/);
    // Line 5: the user name `admin` is reserved.
    const admin = rowAt(rows, 5, 1);
    assert.ok(admin, `no problem on line 5 under name in ${JSON.stringify(rows)}`);
    assert.match(admin, /^Error: .*admin/);
    // Line 7: extension 201 is already used on line 2 (the row points at the first use).
    const duplicate = rowAt(rows, 7, cellColumn(MISTAKES_TEXT, 7, 'extension_number'));
    assert.ok(duplicate, `no problem on line 7 under extension_number in ${JSON.stringify(rows)}`);
    assert.match(duplicate, /^Error: .*201/);
    assert.ok(rows.some((r) => r.includes(`at line 2 and character ${cellColumn(MISTAKES_TEXT, 2, 'extension_number')} in ${MISTAKES}`)), 'no related location on line 2');
    for (const secret of MISTAKES_SECRETS) assert.ok(!rows.some((r) => r.includes(secret)), 'a secret cell value appears in the Problems panel');
    await saveScreenshot(page, 'problems-panel', { parkMouse: true });
  }));

  test('hovering the misspelt header shows the near miss', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    // `enable_dnt` is not a PortSIP column; `enable_dnd` is one letter away (spec: "did you mean").
    const squiggle = activeEditor(page).locator('.squiggly-warning').first();
    await squiggle.waitFor();
    const text = await hoverText(page, squiggle);
    assert.match(text, /enable_dnt/);
    assert.match(text, /enable_dnd/);
    await saveScreenshot(page, 'hover-unknown-column');
  }));

  test('a small file shows exact counts, messages and hovers, and no secrets', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    // Close the example first: a closed file's problems go away, so the counts are the fixture's alone.
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, FIXTURE, 'name,enabled,password');
    // Line 3: `enabled` = yes (error), `sms` = ALOW (error), `enable_dnd` = true in the wrong case (warning).
    const counts = await eventually('2 errors and 1 warning in the status bar', async () => {
      const c = await problemCounts(page);
      return c.errors === 2 && c.warnings === 1 ? c : undefined;
    }).catch(async (err: Error) => {
      err.message += `; the status bar says ${JSON.stringify(await problemCounts(page))}`;
      throw err;
    });
    assert.deepEqual(counts, { errors: 2, warnings: 1 });
    const rows = await problemsPanelRows(page);
    assert.ok(rows.includes(`3 problems in file ${FIXTURE} of folder .`), `rows: ${JSON.stringify(rows)}`);
    const enabled = rowAt(rows, 3, cellColumn(FIXTURE_TEXT, 3, 'enabled'));
    const dnd = rowAt(rows, 3, cellColumn(FIXTURE_TEXT, 3, 'enable_dnd'));
    const sms = rowAt(rows, 3, cellColumn(FIXTURE_TEXT, 3, 'sms'));
    assert.ok(enabled && dnd && sms, `expected problems under enabled, enable_dnd and sms on line 3 in ${JSON.stringify(rows)}`);
    assert.match(enabled, /^Error: .*TRUE.*FALSE|^Error: .*FALSE.*TRUE/);
    assert.match(dnd, /^Warning: .*TRUE/);
    assert.match(sms, /^Error: .*ALLOW/);
    for (const secret of FIXTURE_SECRETS) assert.ok(!rows.some((r) => r.includes(secret)), 'a secret cell value appears in the Problems panel');

    const hover = await hoverText(page, activeEditor(page).locator('.squiggly-error').first());
    // The first error squiggle is `yes` under `enabled`.
    assert.match(hover, /TRUE/);
    assert.match(hover, /FALSE/);
    for (const secret of FIXTURE_SECRETS) assert.ok(!hover.includes(secret), 'a secret cell value appears in a hover');
    await saveScreenshot(page, 'hover-squiggle');
  }));

  test('the suggest widget offers the allowed values of an enum cell', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await openFile(page, FIXTURE, 'name,enabled,password');
    await goTo(page, 3, cellColumn(FIXTURE_TEXT, 3, 'sms'));
    const labels = await suggestions(page);
    // spec: sms is DISABLE, ALLOW_WITH_SENDER_ID or ALLOW.
    assert.deepEqual([...labels].sort(), ['ALLOW', 'ALLOW_WITH_SENDER_ID', 'DISABLE']);
    await saveScreenshot(page, 'completion-enum');
    await page.keyboard.press('Escape');
  }));

  test('the suggest widget offers values inside a JSON cell', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await openFile(page, MISTAKES, 'name,enabled,password');
    // Line 2's office_hours cell is "{""mode"":""GLOBAL""}": put the cursor at the start of GLOBAL.
    const cell = cellColumn(MISTAKES_TEXT, 2, 'office_hours');
    await goTo(page, 2, cell + '"{""mode"":""'.length);
    // Inside JSON the items are JSON strings: "GLOBAL" with its quotes.
    const labels = (await suggestions(page)).map((l) => l.replace(/^"(.*)"$/, '$1'));
    // spec: office_hours.mode is GLOBAL or CUSTOM.
    assert.ok(labels.includes('GLOBAL') && labels.includes('CUSTOM'), `suggestions: ${labels.join(', ')}`);
    await saveScreenshot(page, 'completion-json');
    await page.keyboard.press('Escape');
  }));

  test('a quick fix rewrites the cell and the file saves with it', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await openFile(page, FIXTURE, 'name,enabled,password');
    const column = cellColumn(FIXTURE_TEXT, 3, 'enable_dnd');
    await goTo(page, 3, column);
    const titles = await quickFixes(page);
    const fix = titles.find((t) => t.includes('TRUE'));
    assert.ok(fix, `no quick fix to TRUE among ${JSON.stringify(titles)}`);
    await saveScreenshot(page, 'quick-fix');
    await page.locator('.action-widget .monaco-list-row.action', { hasText: fix }).first().click();
    await page.keyboard.press('Control+S');
    // Only that cell changes: `true` becomes `TRUE`.
    const lines = FIXTURE_TEXT.split('\n');
    lines[2] = lines[2].slice(0, column - 1) + 'TRUE' + lines[2].slice(column - 1 + 'true'.length);
    const expected = lines.join('\n');
    const saved = await fileOnDisk(path.join(session.workspace, FIXTURE), expected, 'the fixed file on disk');
    assert.equal(saved, expected);
  }));

  test('Validate Workspace reports a file that was never opened', { timeout: 3 * 60_000 }, step(async () => {
    const page = session.page;
    await runCommand(page, 'PBX User CSV: Validate Workspace');
    // Narrow the Problems panel to the XiVO example (its list is virtual: only visible rows exist).
    await problemsPanelRows(page);
    const filter = page.locator('.viewpane-filter [aria-label="Filter Problems"]').first();
    await filter.fill('**/xivo-mistakes.csv');
    const rows = await eventually('xivo-mistakes.csv in the Problems panel', async () => {
      const r = await page.locator('.markers-panel .monaco-list-row').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
      return r.some((row) => / in file xivo-mistakes\.csv /.test(row)) ? r : undefined;
    });
    // Line 3 of xivo-mistakes.csv has enabled = true: XiVO booleans are exactly 0 or 1 (spec).
    const xivoText = readFileSync(path.join(REPO_ROOT, 'examples', 'xivo-mistakes.csv'), 'utf8');
    const enabled = rowAt(rows, 3, cellColumn(xivoText, 3, 'enabled'));
    assert.ok(enabled, `no problem on line 3 under enabled in ${JSON.stringify(rows)}`);
    assert.match(enabled, /^Error: .*"true"/);
    await saveScreenshot(page, 'validate-workspace', { parkMouse: true });
    await filter.fill('');
  }));
});
