// Sessions: autosave survives a reload; a permalink replays the same terminal in a fresh browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openApp, typeLine, terminalText, BASE_URL, SHOTS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a reload keeps the terminal, the editor and the lesson (autosave + replay)', async () => {
  const { page, errors, context } = await openApp(browser);
  await page.getByTestId('lesson-select').selectOption({ index: 1 });
  await page.getByTestId('editor').fill('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n');
  await page.getByTestId('editor-apply').click();
  await typeLine(page, 'kubectl version --client');
  await typeLine(page, 'echo one');
  const lessonTitle = await page.locator('.lesson-title').textContent();
  const before = await terminalText(page);
  const clock = await page.getByTestId('clock').textContent();
  await page.reload();
  await page.getByTestId('terminal-input').waitFor();
  await page.waitForFunction((t) => document.querySelector('[data-testid="terminal-output"]').textContent === t, before);
  assert.equal(await terminalText(page), before);
  assert.equal(await page.getByTestId('editor').inputValue(), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n');
  assert.equal(await page.locator('.lesson-title').textContent(), lessonTitle);
  assert.equal(await page.getByTestId('clock').textContent(), clock);
  // History came back too.
  await page.getByTestId('terminal-input').press('ArrowUp');
  assert.equal(await page.getByTestId('terminal-input').inputValue(), 'echo one');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload right after typing keeps every line (the autosave writes on pagehide, not only when idle)', async () => {
  const { page, errors, context } = await openApp(browser);
  const lines = ['echo a', 'echo b', 'touch kept.txt', 'ls'];
  for (const line of lines) await typeLine(page, line);
  const before = await terminalText(page);
  // At once: the last line may not be written yet (the page was not idle); the reload's
  // pagehide writes it.
  await page.reload();
  await page.getByTestId('terminal-input').waitFor();
  await page.waitForFunction((t) => document.querySelector('[data-testid="terminal-output"]').textContent === t, before);
  assert.match(await typeLine(page, 'ls'), /kept\.txt/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a corrupt autosave is kept aside and the app starts clean', async () => {
  const { page, context } = await openApp(browser);
  // The app's own first save (after an idle moment) comes first; the junk replaces it.
  await page.waitForFunction(() => localStorage.getItem('kube-sim.session') !== null);
  await page.evaluate(() => localStorage.setItem('kube-sim.session', '{"version":99,"junk":true}'));
  await page.reload();
  await page.getByTestId('terminal-input').waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem('kube-sim.session.corrupt')), '{"version":99,"junk":true}');
  await typeLine(page, 'kubectl version --client');
  await context.close();
});

test('a session whose replay crashed last time is kept aside instead of crashing again', async () => {
  const { page, context } = await openApp(browser);
  await typeLine(page, 'echo fine');
  // The autosave writes once the page is idle.
  await page.waitForFunction(() => (localStorage.getItem('kube-sim.session') ?? '').includes('echo fine'));
  const saved = await page.evaluate(() => localStorage.getItem('kube-sim.session'));
  await page.evaluate(() => localStorage.setItem('kube-sim.loading', '1'));
  await page.reload();
  await page.getByTestId('terminal-input').waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem('kube-sim.session.corrupt')), saved);
  assert.equal(await page.evaluate(() => localStorage.getItem('kube-sim.loading')), null);
  await context.close();
});

test('a permalink opened in a fresh browser context replays the same terminal output', async () => {
  const { page, context } = await openApp(browser);
  await page.getByTestId('editor').fill('kind: Pod\nmetadata:\n  name: shared\n');
  await page.getByTestId('editor-apply').click();
  await typeLine(page, 'kubectl version --client');
  await page.getByTestId('skip-60').click();
  await typeLine(page, 'echo <b>not bold</b>');
  const original = await terminalText(page);
  const clock = await page.getByTestId('clock').textContent();
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.ok(link.startsWith(BASE_URL) && link.includes('#s=v1.'), link);
  await context.close();

  const fresh = await openApp(browser, { url: link });
  await fresh.page.waitForFunction((t) => document.querySelector('[data-testid="terminal-output"]').textContent === t, original);
  assert.equal(await terminalText(fresh.page), original);
  assert.equal(await fresh.page.getByTestId('clock').textContent(), clock);
  assert.equal(await fresh.page.getByTestId('editor').inputValue(), 'kind: Pod\nmetadata:\n  name: shared\n');
  assert.match(await fresh.page.getByTestId('notice').textContent(), /replayed/);
  assert.ok(!fresh.page.url().includes('#s='), 'the fragment is dropped once loaded');
  await fresh.page.screenshot({ path: path.join(SHOTS, 'permalink-replayed.png') });
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});

test('a link holding a Secret warns; a damaged link is an error message, not a crash', async () => {
  const { page, context } = await openApp(browser);
  await typeLine(page, 'kubectl create secret generic db --from-literal=password=hunter2');
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  await context.close();
  const shared = await openApp(browser, { url: link });
  await shared.page.getByTestId('secrets-warning').waitFor();
  await shared.context.close();
  const broken = await openApp(browser, { url: `${BASE_URL}#s=v1.AAAA____garbage` });
  assert.match(await broken.page.getByTestId('notice').textContent(), /could not be read/);
  await typeLine(broken.page, 'kubectl version --client');
  assert.deepEqual(broken.errors, []);
  await broken.context.close();
});
