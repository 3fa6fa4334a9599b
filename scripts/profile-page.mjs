// Where the time goes, by function: a CDP sampling profile (100 µs) of one page load up to the
// first render, and of `kubectl get pods` and an apply, summarised as total ("inclusive") time
// per function. Wasm function names need a build that keeps them (no wasm-opt, wasm-bindgen
// --keep-debug: add `data-keep-debug data-wasm-opt="0"` to index.html's rust link in a copy
// and `trunk build --release true --dist DIR COPY.html`). A profiling aid, not a benchmark.
// Usage: E2E_BASE_URL=http://127.0.0.1:PORT/ node scripts/profile-page.mjs
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';

const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8092/';
const TOP = Number(process.env.TOP ?? 30);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

function summarise(profile, title) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map(), total = new Map();
  const dts = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const dt = (dts[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id).callFrame.functionName || '(anon)';
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n).callFrame.functionName || '(anon)';
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + dt);
    }
  });
  // FOCUS=name: the callees of the functions whose name contains it, by inclusive time.
  if (process.env.FOCUS) {
    const under = new Map();
    profile.samples.forEach((id, i) => {
      const dt = (dts[i + 1] ?? 0) / 1000;
      const chain = [];
      for (let n = id; n !== undefined; n = parent.get(n)) chain.push(byId.get(n).callFrame.functionName);
      const at = chain.findLastIndex((f) => f.includes(process.env.FOCUS));
      if (at > 0) under.set(chain[at - 1], (under.get(chain[at - 1]) ?? 0) + dt);
      else if (at === 0) under.set('(self)', (under.get('(self)') ?? 0) + dt);
    });
    console.log(`-- under ${process.env.FOCUS}:`);
    [...under].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([n, t]) => console.log(`${t.toFixed(1).padStart(8)}  ${n.slice(0, 140)}`));
  }
  const clean = (s) => s.replace(/::h[0-9a-f]{16}$/, '').slice(0, 150);
  console.log(`\n== ${title}: inclusive ms (self ms)`);
  [...total].filter(([n]) => !['(root)', '(program)', '(anon)'].includes(n)).sort((a, b) => b[1] - a[1]).slice(0, TOP)
    .forEach(([n, t]) => console.log(`${t.toFixed(1).padStart(8)} (${(self.get(n) ?? 0).toFixed(1).padStart(6)})  ${clean(n)}`));
}

await cdp.send('Profiler.start');
await page.goto(BASE);
await page.getByTestId('terminal-input').waitFor();
summarise((await cdp.send('Profiler.stop')).profile, 'load until the terminal input exists');
await page.waitForTimeout(1500);
for (const [title, act] of [
  ['kubectl get pods (first)', async () => { await page.getByTestId('terminal-input').fill('kubectl get pods'); await page.getByTestId('terminal-input').press('Enter'); }],
  ['kubectl get pods ×5 (again)', async () => { for (let i = 0; i < 5; i++) { await page.getByTestId('terminal-input').fill('kubectl get pods'); await page.getByTestId('terminal-input').press('Enter'); } }],
  ['apply from the editor', async () => { await page.getByTestId('editor').fill('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata: {a: b}\n'); await page.getByTestId('editor-apply').click(); }],
  ['seq 100000', async () => { await page.getByTestId('terminal-input').fill('seq 100000'); await page.getByTestId('terminal-input').press('Enter'); await page.waitForTimeout(500); }],
]) {
  await cdp.send('Profiler.start');
  await act();
  await page.waitForTimeout(100);
  summarise((await cdp.send('Profiler.stop')).profile, title);
}
await browser.close();
