// Renders images/icon.svg into images/icon.png, the 128×128 icon of the .vsix (the Marketplace takes no SVG),
// with Debian's Chromium through playwright-core. Run it after editing the SVG and commit both files.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from './e2e/browser.mjs';
import { REPO_ROOT } from './e2e/config.mjs';

const SIZE = 128;
const svg = await readFile(path.join(REPO_ROOT, 'images', 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  await writeFile(path.join(REPO_ROOT, 'images', 'icon.png'), png);
  console.log(`images/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
} finally {
  await browser.close();
}
