// Page-load and command-latency benchmark against the release build (a measurement, not a test).
// Usage: scripts/bench-page.sh   (builds dist/, serves it on 127.0.0.1, runs this, prints medians of 7)
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';

const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8092/';
const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const ready = [], getPods = [], heap = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE);
  await page.getByTestId('terminal-input').waitFor();
  // Navigation start → the terminal input exists (the app has rendered and is usable).
  ready.push(await page.evaluate(() => performance.now()));
  const ms = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid="terminal-input"]');
    const out = document.querySelector('[data-testid="terminal-output"]');
    const before = out.textContent.length;
    input.value = 'kubectl get pods';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const t0 = performance.now();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    while (out.textContent.length === before) await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  });
  getPods.push(ms);
  const m = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
  heap.push(m);
  await context.close();
}
await browser.close();
console.log(`navigation → ready:            median ${median(ready).toFixed(1)} ms  (runs: ${ready.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`kubectl get pods, Enter → DOM: median ${median(getPods).toFixed(1)} ms  (runs: ${getPods.map((x) => x.toFixed(1)).join(', ')})`);
console.log(`JS heap after load:            median ${(median(heap) / 1048576).toFixed(2)} MiB`);
