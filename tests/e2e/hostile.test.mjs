// Hostile input is text: markup, RTL and zero-width characters, a 100 KB line, typed and pasted
// into the terminal and the editor. Nothing runs, nothing is parsed as HTML, the app keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openApp, typeLine, paste, terminalText, SHOTS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  '\u202eevil\u202c rtl \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627',
  'zero\u200bwidth\u200d\ufeffjoin',
];

async function noInjectedNodes(page) {
  const counts = await page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    script: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    svgOnload: document.querySelectorAll('svg[onload]').length,
    alerted: window.__alerted ?? 0,
  }));
  assert.deepEqual(counts, { img: 0, script: 0, svgOnload: 0, alerted: 0 });
}

test('hostile strings typed into the terminal are shown as text', async () => {
  const { page, errors, context } = await openApp(browser);
  for (const s of HOSTILE) {
    const out = await typeLine(page, s);
    assert.ok(out.includes(s), `echoed as text: ${JSON.stringify(s)}`);
  }
  await noInjectedNodes(page);
  const out = await typeLine(page, 'kubectl version --client');
  assert.match(out, /Client Version: v1\.32/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a multi-line hostile paste types each line in order', async () => {
  const { page, errors, context } = await openApp(browser);
  await paste(page, 'terminal-input', `${HOSTILE.join('\n')}\nkubectl version --client\nleft in the input`);
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-output"]').textContent.includes('Client Version'));
  const text = await terminalText(page);
  let at = -1;
  for (const s of HOSTILE) {
    const i = text.indexOf(s, at + 1);
    assert.ok(i > at, `in order: ${JSON.stringify(s)}`);
    at = i;
  }
  assert.equal(await page.getByTestId('terminal-input').inputValue(), 'left in the input');
  await noInjectedNodes(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 100 KB line in the terminal and hostile text in the editor keep the app working', async () => {
  const { page, errors, context } = await openApp(browser);
  const long = 'x'.repeat(100 * 1024);
  await typeLine(page, long);
  const editor = page.getByTestId('editor');
  await editor.fill(`${HOSTILE.join('\n')}\n`);
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(`pasted: ${long}\n${HOSTILE[0]}`);
  assert.ok((await editor.inputValue()).includes(long));
  // The highlight overlay shows the same text, as text.
  const overlay = await page.locator('.code pre').textContent();
  assert.ok(overlay.includes(HOSTILE[0]) && overlay.includes(HOSTILE[1]));
  await noInjectedNodes(page);
  await page.getByTestId('editor-apply').click();
  const out = await typeLine(page, 'kubectl version --client');
  assert.match(out, /Client Version: v1\.32/);
  await page.screenshot({ path: path.join(SHOTS, 'hostile.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
