// Accessibility: axe-core finds no serious or critical violations, in both themes, with a lesson
// open; screenshots of a lesson in English and Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, openApp, typeLine, SHOTS } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function seriousViolations(page) {
  // axe is injected as an inline script: the test context bypasses the page's CSP for it.
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const colorScheme of ['light', 'dark']) {
  test(`no serious or critical axe violations (${colorScheme})`, async () => {
    const { page, context } = await openApp(browser, { bypassCSP: true, colorScheme });
    await page.getByTestId('lesson-select').selectOption({ index: 1 });
    await page.getByTestId('show-hint').click();
    await typeLine(page, 'kubectl version --client');
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], JSON.stringify(found, null, 2));
    await page.screenshot({ path: path.join(SHOTS, `lesson-${colorScheme}.png`) });
    await context.close();
  });
}

test('the lesson pane in English and Chinese, switched live', async () => {
  const { page, errors, context } = await openApp(browser);
  await page.getByTestId('lesson-select').selectOption({ index: 1 });
  await page.getByTestId('lesson-command').first().click();
  const english = await page.locator('.lesson-title').textContent();
  await page.screenshot({ path: path.join(SHOTS, 'lesson-en.png') });
  await page.getByTestId('lang-toggle').click();
  const chinese = await page.locator('.lesson-title').textContent();
  assert.notEqual(chinese, english);
  assert.match(chinese, /[\u4e00-\u9fff]/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.screenshot({ path: path.join(SHOTS, 'lesson-zh.png') });
  await page.getByTestId('lang-toggle').click();
  assert.equal(await page.locator('.lesson-title').textContent(), english);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the regions stack on a narrow screen and every control is reachable by keyboard', async () => {
  const { page, context } = await openApp(browser, { viewport: { width: 420, height: 900 } });
  const boxes = await Promise.all(['lesson', 'editor', 'terminal-output'].map((id) => page.getByTestId(id).boundingBox()));
  assert.ok(boxes[0].y < boxes[1].y && boxes[1].y < boxes[2].y, 'stacked vertically');
  await page.screenshot({ path: path.join(SHOTS, 'narrow.png'), fullPage: true });
  const reached = new Set();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (id) reached.add(id);
  }
  for (const id of ['lang-toggle', 'lesson-select', 'editor', 'editor-apply', 'terminal-input']) {
    assert.ok(reached.has(id), `${id} is reachable with Tab (reached: ${[...reached].join(', ')})`);
  }
  await context.close();
});
