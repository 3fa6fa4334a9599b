// The page before the app runs: a loading notice while the wasm arrives, and a clear reason
// (never a blank page) when the app cannot start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL } from './harness.mjs';

const WASM = '**/kube-sim-web_bg.wasm';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function fresh(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return { context, page, errors };
}

test('a loading notice in both languages shows until the app replaces it', async () => {
  const { context, page, errors } = await fresh();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(WASM, async (route) => { await held; await route.continue(); });
  await page.goto(BASE_URL, { waitUntil: 'domcontentloaded' });
  const notice = page.getByTestId('boot-status');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('role'), 'status');
  assert.match(await notice.textContent(), /Loading the simulated cluster/);
  assert.match(await notice.textContent(), /正在加载模拟集群/);
  assert.equal(await page.getByTestId('terminal-input').count(), 0, 'no app before the wasm arrives');
  release();
  await page.getByTestId('terminal-input').waitFor();
  assert.equal(await page.getByTestId('boot-status').count(), 0, 'the notice is gone once the app renders');
  assert.deepEqual(errors, []);
  await context.close();
});

/// Loads the page with the wasm answered by `fulfill`, and returns the failure notice's text.
async function failedStart(fulfill, options) {
  const { context, page } = await fresh(options);
  if (fulfill) await page.route(WASM, (route) => route.fulfill(fulfill));
  await page.goto(BASE_URL);
  const notice = page.getByTestId('boot-status');
  await page.locator('[data-testid="boot-status"][role="alert"]').waitFor();
  const text = await notice.textContent();
  assert.match(text, /The playground could not start: /);
  assert.match(text, /练习场无法启动：/);
  assert.equal(await notice.getByRole('link', { name: 'Reload · 重新加载' }).count(), 1);
  assert.equal(await page.getByTestId('terminal-input').count(), 0);
  return { context, page, text };
}

test('a failed download says why and offers a reload that works once the file is back', async () => {
  const { context, page, text } = await failedStart({ status: 404, contentType: 'text/plain', body: 'not found' });
  assert.match(text, /HTTP status code is not ok/);
  await page.unroute(WASM);
  await page.getByTestId('boot-status').getByRole('link').click();
  await page.getByTestId('terminal-input').waitFor();
  await context.close();
});

test('a host that sends the wasm with the wrong MIME type still gets a working app', async () => {
  const { context, page, errors } = await fresh();
  await page.route(WASM, async (route) => {
    const real = await route.fetch();
    await route.fulfill({ response: real, headers: { ...real.headers(), 'content-type': 'application/octet-stream' } });
  });
  await page.goto(BASE_URL);
  await page.getByTestId('terminal-input').waitFor();
  assert.equal(await page.getByTestId('boot-status').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken module says why', async () => {
  const { context, text } = await failedStart({ status: 200, contentType: 'application/wasm', body: '<script>alert(1)</script>' });
  assert.match(text, /CompileError|magic word|expected/i);
  await context.close();
});

test('a browser without WebAssembly is told so', async () => {
  const { context, page } = await fresh();
  await context.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto(BASE_URL);
  await page.locator('[data-testid="boot-status"][role="alert"]').waitFor();
  assert.match(await page.getByTestId('boot-status').textContent(), /this browser has no WebAssembly/);
  await context.close();
});

test('with JavaScript off the page says what it needs', async () => {
  const { context, page } = await fresh({ javaScriptEnabled: false });
  await page.goto(BASE_URL);
  const body = await page.locator('body').innerText();
  assert.match(body, /needs JavaScript and WebAssembly/);
  assert.match(body, /需要 JavaScript 和 WebAssembly/);
  assert.equal(await page.getByTestId('boot-status').isVisible(), false, 'no endless loading notice');
  await context.close();
});
