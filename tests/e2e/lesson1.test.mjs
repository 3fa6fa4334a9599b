// Lesson 1 (emptyDir), completed through the UI only: pick it, open its manifest and apply it
// from the editor, then click each step's commands into the terminal and press Enter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openApp, SHOTS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function run(page) {
  const out = page.getByTestId('terminal-output');
  const before = ((await out.textContent()) ?? '').length;
  await page.getByTestId('terminal-input').press('Enter');
  await page.waitForFunction((n) => document.querySelector('[data-testid="terminal-output"]').textContent.length > n, before);
}

test('lesson 1 can be completed with clicks, the editor and Enter', async () => {
  const { page, context, errors } = await openApp(browser);
  await page.getByTestId('lesson-select').selectOption('01-emptydir');
  const steps = await page.locator('li[data-testid^="step-"]').count();
  assert.ok(steps >= 5, `lesson 1 has its steps (${steps})`);
  // Step 1: the manifest is applied from the editor, then time passes until the pod runs.
  await page.getByTestId('step-0').getByTestId('open-file').click();
  await page.getByTestId('editor-apply').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-output"]').textContent.includes('pod/producer-consumer created'));
  await page.getByTestId('skip-60').click();
  await page.waitForSelector('[data-testid="step-0"].done');
  // The other steps: click each of the step's commands, then Enter.
  for (let i = 1; i < steps; i++) {
    const step = page.getByTestId(`step-${i}`);
    const commands = step.getByTestId('lesson-command');
    const n = await commands.count();
    for (let j = 0; j < n; j++) {
      await commands.nth(j).click();
      await run(page);
    }
    await page.waitForSelector(`[data-testid="step-${i}"].done`);
  }
  await page.getByTestId('outro').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'lesson1-complete.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
