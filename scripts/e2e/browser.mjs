// Launches Debian's Chromium headless through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { access } from 'node:fs/promises';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './config.mjs';

export async function launchChromium({ headless = true } = {}) {
  try {
    await access(CHROMIUM_PATH);
  } catch {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run scripts/install-system-deps.sh (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless, args: CHROMIUM_ARGS, timeout: 60_000 });
}
