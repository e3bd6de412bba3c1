// What a user does and sees in the VS Code workbench, expressed with playwright-core against code-server's DOM.
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS_DIR } from './session';

/** Waits until the workbench is rendered and the explorer lists the workspace. */
export async function waitForWorkbench(page: Page, expectFile: string): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
  await explorerItem(page, expectFile).waitFor({ timeout: 60_000 });
}

export function explorerItem(page: Page, name: string): Locator {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Opens a quick input with `shortcut`, types `text` and clicks the row labelled exactly `rowLabel` (or presses Enter). */
async function quickInput(page: Page, shortcut: string, text: string, rowLabel?: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await page.keyboard.press(shortcut);
  const input = widget.locator('input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  if (rowLabel) {
    // Click the exact row: Enter would take whichever row is highlighted while results are still loading.
    await widget
      .locator('.monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: exactly(rowLabel) }) })
      .first()
      .click();
  } else {
    await page.keyboard.press('Enter');
  }
  await widget.waitFor({ state: 'hidden' }).catch(() => {});
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab and its first line. */
export async function openFile(page: Page, name: string, firstLineStart: string): Promise<void> {
  await quickInput(page, 'Control+P', name, name);
  await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor();
  await activeEditor(page).locator('.view-line', { hasText: firstLineStart }).first().waitFor();
}

/** Runs a command from the Command Palette by its title (with its category, e.g. "View: Focus Problems"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await quickInput(page, 'F1', `>${title}`, title);
}

/** Puts the cursor at a 1-based line and column with Go to Line (Ctrl+G) and checks the status bar agrees. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.mouse.move(24, 500); // park the mouse on the empty activity bar, so that no hover covers the editor
  await quickInput(page, 'Control+G', `:${line}:${column}`);
  await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
}

/** Triggers suggestions (Ctrl+Space) at the cursor and returns the labels the suggest widget shows. */
export async function suggestions(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+Space');
  const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
  await rows.first().waitFor();
  return rows.locator('.label-name').allTextContents();
}

/** Opens the quick-fix menu (Ctrl+.) at the cursor and returns its action titles. */
export async function quickFixes(page: Page): Promise<string[]> {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  // Asked before the cell's diagnostics and code actions are in, the editor says "No code actions available"
  // and opens nothing: ask again.
  await eventually('the quick-fix menu', async () => {
    await page.keyboard.press('Control+.');
    try {
      await rows.first().waitFor({ timeout: 5_000 });
      return true;
    } catch (error) {
      await page.keyboard.press('Escape');
      throw error;
    }
  });
  return (await rows.allTextContents()).map((t) => t.trim());
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Status-bar entries as `{ id, text, label }` (id is VS Code's entry id, e.g. `status.problems`). */
export async function statusBarEntries(page: Page): Promise<Array<{ id: string; text: string; label: string }>> {
  return page.locator('#workbench\\.parts\\.statusbar .statusbar-item').evaluateAll((items) =>
    items.map((item) => ({
      id: item.id,
      text: (item.textContent ?? '').trim(),
      label: item.getAttribute('aria-label') ?? '',
    })),
  );
}

/** Error and warning counts from the status bar's problems entry (`status.problems`). */
export async function problemCounts(page: Page): Promise<{ errors: number; warnings: number }> {
  const label = (await page.locator('[id="status.problems"]').getAttribute('aria-label')) ?? '';
  // "No Problems" or e.g. "Errors: 3, Warnings: 2" / "Warnings: 1".
  const count = (kind: string) => Number(new RegExp(`${kind}: (\\d+)`).exec(label)?.[1] ?? 0);
  return { errors: count('Errors'), warnings: count('Warnings') };
}

/**
 * Opens the Problems panel and returns the aria-labels of its rendered rows: a file row ("N problems in file
 * F ..."), then problem rows ("Error: <message> at line L and character C. generated by pbx-user-csv") and
 * related-information rows. The list is virtual: only the rows that fit the panel are rendered.
 */
export async function problemsPanelRows(page: Page): Promise<string[]> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.first().waitFor();
  return rows.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? item.textContent ?? ''));
}

/** Moves the mouse onto a squiggle (it lies under the text layer, so it cannot be "hovered" as an element) and returns the hover's text. */
export async function hoverText(page: Page, target: Locator): Promise<string> {
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  return eventually('a hover', async () => {
    const box = await target.boundingBox();
    if (!box) return undefined;
    await page.mouse.move(box.x + box.width / 2 + 2, box.y + box.height / 2 + 1);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await hover.waitFor({ state: 'visible', timeout: 3000 });
    const text = (await hover.innerText()).trim();
    return text.length > 0 ? text : undefined;
  }, 30_000);
}

/** Saves a screenshot <name>.png (see SCREENSHOTS_DIR); `parkMouse` first moves the mouse off tabs and text. */
export async function saveScreenshot(page: Page, name: string, { parkMouse = false } = {}): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  if (parkMouse) await page.mouse.move(24, 500);
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Polls `probe` until it returns a value that is not undefined; the failure names what was awaited. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until `file` on disk reads `expected` and returns it; the failure shows what the file holds. */
export async function fileOnDisk(file: string, expected: string, what: string): Promise<string> {
  return eventually(what, async () => {
    const text = await readFile(file, 'utf8');
    return text === expected ? text : undefined;
  }, 20_000).catch(async (err: Error) => {
    err.message += `\n--- file on disk ---\n${await readFile(file, 'utf8')}`;
    throw err;
  });
}
