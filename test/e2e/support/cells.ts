// Where the end-to-end tests expect things: a cell's column in VS Code's terms, the Problems panel's row at a
// line and column, and its rows narrowed by the filter box.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, problemsPanelRows } from './workbench';

/**
 * VS Code's 1-based column of a cell, computed from the file text. Only for lines whose cells before it
 * hold no commas (true of the lines used here).
 */
export function cellColumn(text: string, line: number, column: string): number {
  const lines = text.split('\n');
  const index = lines[0].split(',').indexOf(column);
  assert.ok(index >= 0, `no column ${column}`);
  return 1 + lines[line - 1].split(',').slice(0, index).reduce((sum, cell) => sum + cell.length + 1, 0);
}

/** The problem row of the Problems panel at a line and column, if rendered. */
export const rowAt = (rows: string[], line: number, column: number) => rows.find((r) => r.includes(` at line ${line} and character ${column}.`));

/**
 * The Problems panel's rows once narrowed by its filter box to `filter` (its list is virtual: only the rows in
 * view exist), as soon as one of them satisfies `wanted`; the filter is cleared again afterwards.
 */
export async function filteredProblemRows(page: Page, filter: string, wanted: (row: string) => boolean, what: string): Promise<string[]> {
  await problemsPanelRows(page);
  const box = page.locator('.viewpane-filter [aria-label="Filter Problems"]').first();
  await box.fill(filter);
  try {
    return await eventually(what, async () => {
      const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
      return rows.some(wanted) ? rows : undefined;
    });
  } finally {
    await box.fill('');
  }
}
