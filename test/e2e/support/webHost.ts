// What the browser end-to-end test reads besides the editor: which extension host runs an extension (the
// Running Extensions editor), the browser's workers (Chrome DevTools Protocol), and an output channel's text.
import type { Browser, Page } from 'playwright-core';
import { runCommand } from './workbench';

/**
 * The row text of an extension in Developer: Show Running Extensions (its name, host and activation time).
 * `beforeClose` runs while the editor shows (a screenshot); it opens as a modal, closed again with Escape.
 */
export async function runningExtensionRow(page: Page, displayName: string, beforeClose: () => Promise<unknown> = async () => {}): Promise<string> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const editor = page.locator('.runtime-extensions-editor');
  try {
    await editor.locator('.monaco-list-row').first().waitFor();
    // The list is virtual (only the rows in view exist) and sorted by activation time: scroll to the row.
    const row = editor.locator('.monaco-list-row', { hasText: displayName }).first();
    const box = await editor.boundingBox();
    for (let scrolls = 0; !(await row.isVisible()) && scrolls < 20; scrolls++) {
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 200);
      await page.waitForTimeout(100);
    }
    const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
    await row.scrollIntoViewIfNeeded();
    await beforeClose();
    return text;
  } finally {
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden' }).catch(() => {});
  }
}

/** Titles of the browser's dedicated workers; a nested worker's title is `<parent> -> <name>`. */
export async function workerTitles(browser: Browser): Promise<string[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; title: string }> };
    return targetInfos.filter((target) => target.type === 'worker').map((target) => target.title);
  } finally {
    await cdp.detach();
  }
}

/** The visible lines of an output channel (Output: Show Output Channels…, then the channel); none while it is empty. */
export async function outputChannelLines(page: Page, channel: string): Promise<string[]> {
  // Not runCommand: the command opens a second quick pick in the same widget, which therefore never hides in between.
  const widget = page.locator('.quick-input-widget');
  const row = (label: string) =>
    widget
      .locator('.monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
      .first();
  // A quick input left open (by an earlier try, or restored by a reload) would take the keys meant for a new one.
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }
  const input = widget.locator('input.input');
  try {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Output: Show Output Channels...');
    await row('Output: Show Output Channels...').click({ timeout: 10_000 });
    await row(channel).click({ timeout: 10_000 });
  } catch (error) {
    // Say what the quick input showed instead: the caller retries, and the last failure is the one reported.
    const shown = await widget.locator('.monaco-list-row .label-name').allTextContents().catch(() => []);
    const value = await input.inputValue({ timeout: 1_000 }).catch(() => '(no input)');
    await page.keyboard.press('Escape');
    throw new Error(`${String(error).split('\n')[0]} — the quick input held ${JSON.stringify(value)} and showed ${JSON.stringify(shown.slice(0, 10))}`);
  }
  await widget.waitFor({ state: 'hidden' }).catch(() => {});
  return visibleOutputLines(page);
}

/** The lines the Output panel shows now, of whichever channel (none while it is closed or empty). */
export async function visibleOutputLines(page: Page): Promise<string[]> {
  const lines = await page.locator('.part.panel .output-view .monaco-editor .view-line').allTextContents();
  // The editor renders runs of spaces as no-break spaces.
  return lines.map((line) => line.replace(/\u00a0/g, ' ')).filter((line) => line.trim() !== '');
}

/** The visible notification toasts' messages. */
export async function notificationMessages(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
}
