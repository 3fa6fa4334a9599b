// The first screen: regions present, the terminal runs kubectl through the core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openApp, typeLine, SHOTS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('kubectl version --client prints the client version computed by the core', async () => {
  const { page, errors, context } = await openApp(browser);
  for (const id of ['lesson', 'editor', 'editor-apply', 'cluster-graph', 'terminal-input', 'terminal-output', 'lang-toggle']) {
    assert.equal(await page.getByTestId(id).count(), 1, `one element with data-testid=${id}`);
  }
  const out = await typeLine(page, 'kubectl version --client');
  assert.match(out, /Client Version: v1\.32\.\d+/);
  await page.screenshot({ path: path.join(SHOTS, 'first-screen-en.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language toggle switches the interface to Chinese and back', async () => {
  const { page, context } = await openApp(browser, { locale: 'en-US' });
  const toggle = page.getByTestId('lang-toggle');
  const english = await page.locator('h1').textContent();
  await toggle.click();
  const chinese = await page.locator('h1').textContent();
  assert.notEqual(chinese, english);
  assert.match(chinese, /[\u4e00-\u9fff]/, 'the title is in Chinese');
  await page.screenshot({ path: path.join(SHOTS, 'first-screen-zh.png') });
  await toggle.click();
  assert.equal(await page.locator('h1').textContent(), english);
  await context.close();
});

test('a Chinese browser gets the Chinese interface by default', async () => {
  const { page, context } = await openApp(browser, { locale: 'zh-CN' });
  assert.match(await page.locator('h1').textContent(), /[\u4e00-\u9fff]/);
  await context.close();
});
