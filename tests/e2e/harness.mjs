// Shared set-up for the end-to-end tests: Debian's Chromium through playwright-core (no browser
// download), against the release build in dist/ served on 127.0.0.1 by scripts/test.sh.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8091/';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(ROOT, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/// A fresh page on the app, ready when the terminal input exists. Page errors fail the test.
export async function openApp(browser, { locale = 'en-US', bypassCSP = false, url = BASE_URL, colorScheme = 'light', viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport, bypassCSP, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())); });
  page.on('dialog', (d) => { errors.push(new Error(`unexpected dialog: ${d.message()}`)); d.dismiss(); });
  await page.goto(url);
  await page.getByTestId('terminal-input').waitFor();
  return { context, page, errors };
}

/// Types a line into the terminal and waits until its output block has appeared.
export async function typeLine(page, line) {
  const out = page.getByTestId('terminal-output');
  const before = (await out.textContent()) ?? '';
  await page.getByTestId('terminal-input').fill(line);
  await page.getByTestId('terminal-input').press('Enter');
  await page.waitForFunction(
    ([prev]) => (document.querySelector('[data-testid="terminal-output"]')?.textContent ?? '').length > prev,
    [before.length],
  );
  return ((await out.textContent()) ?? '').slice(before.length);
}

/// Pastes `text` into the element with data-testid `testid` as a browser paste does.
export async function paste(page, testid, text) {
  await page.getByTestId(testid).focus();
  await page.evaluate(([id, t]) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    document.querySelector(`[data-testid="${id}"]`).dispatchEvent(ev);
  }, [testid, text]);
}

/// The terminal's whole text.
export async function terminalText(page) {
  return (await page.getByTestId('terminal-output').textContent()) ?? '';
}
