// Where the time goes: a Chromium performance trace of one page load and one `kubectl get pods`,
// summarised as the main thread's time per event name (a profiling aid, not a benchmark).
// Usage: serve dist/ (see scripts/bench-page.sh), then
//   E2E_BASE_URL=http://127.0.0.1:8092/ node scripts/trace-page.mjs [out.json]
// The trace file (default target/trace-page.json) opens in Chrome's Performance panel.
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';

const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8092/';
const OUT = process.argv[2] ?? 'target/trace-page.json';
mkdirSync('target', { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
const categories = ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading', 'disabled-by-default-devtools.timeline'];
await browser.startTracing(page, { categories });
await page.evaluate(() => performance.mark('nav')).catch(() => {});
await page.goto(BASE);
await page.getByTestId('terminal-input').waitFor();
await page.waitForTimeout(800);
await page.evaluate(() => performance.mark('kube-sim-type'));
for (const line of ['kubectl get pods', 'kubectl get pods']) {
  await page.getByTestId('terminal-input').fill(line);
  await page.getByTestId('terminal-input').press('Enter');
  await page.waitForTimeout(300);
}
const buf = await browser.stopTracing();
writeFileSync(OUT, buf);
await browser.close();

// Summary: complete events ('X') on the renderer's main thread, by name, top level only.
const { traceEvents } = JSON.parse(buf.toString());
const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const evs = traceEvents.filter((e) => e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid && e.dur);
const typeMark = traceEvents.find((e) => e.name === 'kube-sim-type');
const split = typeMark?.ts ?? Infinity;
// Wall time and the main thread's CPU time (`tdur`): on a loaded machine the thread waits for a
// core, and only the CPU column says what the page itself costs.
function summarise(list, title) {
  const by = new Map();
  for (const e of list) {
    const [wall, cpu] = by.get(e.name) ?? [0, 0];
    by.set(e.name, [wall + e.dur / 1000, cpu + (e.tdur ?? 0) / 1000]);
  }
  const rows = [...by].sort((a, b) => b[1][0] - a[1][0]).slice(0, 18);
  console.log(`\n${title}  (wall ms, CPU ms)`);
  for (const [n, [ms, cpu]] of rows) console.log(`  ${ms.toFixed(1).padStart(8)} ${cpu.toFixed(1).padStart(8)}  ${n}`);
}
summarise(evs.filter((e) => e.ts < split), 'load (every event name; nested events count inside their parents too):');
summarise(evs.filter((e) => e.ts >= split), 'two `kubectl get pods`:');
console.log(`\ntrace: ${OUT}`);
