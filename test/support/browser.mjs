// Launches the system Chromium through playwright-core. Playwright cannot
// download its own browsers here, so CHROME_PATH (or Debian's
// /usr/bin/chromium) is used; the flags keep it off the network.
import { chromium } from 'playwright-core';

export const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export function launch() {
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs });
}
