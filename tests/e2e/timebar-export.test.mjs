// The time bar drives the simulated clock; a session exported as JSON imports into a fresh browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, openApp, typeLine, terminalText, SHOTS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('skip 60 s and 10× move the simulated clock; pause stops it', async () => {
  const { page, errors, context } = await openApp(browser);
  const clock = page.getByTestId('clock');
  assert.equal(await clock.textContent(), '2024-12-10 08:00:00 UTC');
  await page.getByTestId('skip-60').click();
  assert.equal(await clock.textContent(), '2024-12-10 08:01:00 UTC');
  await page.getByTestId('speed-10').click();
  assert.equal(await page.getByTestId('speed-10').getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => document.querySelector('[data-testid="clock"]').textContent >= '2024-12-10 08:01:20 UTC');
  await page.getByTestId('speed-pause').click();
  const paused = await clock.textContent();
  await page.waitForTimeout(1500);
  assert.equal(await clock.textContent(), paused);
  assert.deepEqual(errors, []);
  await context.close();
});

test('export downloads the session as JSON and import replays it elsewhere', async () => {
  const { page, context } = await openApp(browser);
  await typeLine(page, 'kubectl version --client');
  await typeLine(page, 'echo exported');
  const original = await terminalText(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  assert.equal(download.suggestedFilename(), 'kube-sim-sandbox.json');
  const file = path.join(SHOTS, 'session-export.json');
  await download.saveAs(file);
  const json = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(json.version, 1);
  assert.deepEqual(json.commands, ['kubectl version --client', 'echo exported']);
  await context.close();

  const fresh = await openApp(browser);
  await fresh.page.getByTestId('import').setInputFiles(file);
  await fresh.page.waitForFunction((t) => document.querySelector('[data-testid="terminal-output"]').textContent === t, original);
  assert.match(await fresh.page.getByTestId('notice').textContent(), /imported/);
  await fresh.page.getByTestId('import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":7}') });
  await fresh.page.waitForFunction(() => document.querySelector('[data-testid="notice"]').textContent.includes('not a playground session'));
  assert.equal(await terminalText(fresh.page), original, 'a bad file changes nothing');
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});
