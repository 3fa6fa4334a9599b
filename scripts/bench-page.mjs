// Page-load and command-latency benchmark against the release build (a measurement, not a test).
// Usage: scripts/bench-page.sh   (builds dist/, serves it on 127.0.0.1, runs this, prints medians of 7)
//
// Measures, per run, on a fresh browser context:
// - navigation → first contentful paint (the page's loading notice, since session 7);
// - navigation → ready: navigation start until the terminal input exists;
// - the warm-up that follows the first render (src/warm.rs), from the page's performance timeline;
// - `kubectl get pods`: Enter until the output is in the DOM, the first time and again;
// - apply of a 5-object manifest from the editor: the Apply click until the terminal shows the
//   last `created` line and the graph has drawn the new pod;
// - a 100,000-line output (`seq 100000`): Enter until the last line is in the DOM, Enter until
//   the next keystroke (typed right after Enter) is echoed in the input, and the lines the
//   terminal then holds (its scrollback is capped: it must not hold 100,000);
// - memory after the MySQL lesson is opened: the JS heap after a GC plus the wasm memory.
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';

const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8092/';
const RUNS = Number(process.env.RUNS ?? 7);
// BENCH_ONLY=ready: only navigation → ready and the boot milestones (for builds without the
// simulator, or a floor page; see BENCHMARKS.md, session 6). Unset: every measure.
const ONLY_READY = process.env.BENCH_ONLY === 'ready';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Five objects: a PV, a claim, a ConfigMap, a Secret and a pod that mounts all three.
const MANIFEST = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: bench-pv
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  storageClassName: nfs
  nfs:
    path: /data/nfs
    server: 172.19.0.4
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: bench-pvc
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
  storageClassName: nfs
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: bench-cm
data:
  a.conf: "x=1"
---
apiVersion: v1
kind: Secret
metadata:
  name: bench-secret
stringData:
  password: hunter2
---
apiVersion: v1
kind: Pod
metadata:
  name: bench-pod
spec:
  containers:
    - name: app
      image: busybox
      command: [sleep, "3600"]
      volumeMounts:
        - { name: data, mountPath: /data }
        - { name: conf, mountPath: /etc/app }
        - { name: pw, mountPath: /etc/pw }
  volumes:
    - name: data
      persistentVolumeClaim: { claimName: bench-pvc }
    - name: conf
      configMap: { name: bench-cm }
    - name: pw
      secret: { secretName: bench-secret }
`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

// In the page: resolves with the ms from `act()` until `done()` holds (checked after every DOM change).
async function timed(page, act, done, arg) {
  return page.evaluate(async ([actSrc, doneSrc, a]) => {
    const act = new Function('a', actSrc);
    const done = new Function('a', doneSrc);
    return new Promise((resolve) => {
      let t0;
      const obs = new MutationObserver(() => {
        if (done(a)) { obs.disconnect(); resolve(performance.now() - t0); }
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      t0 = performance.now();
      act(a);
    });
  }, [act, done, arg]);
}

const ready = [], firstPaint = [], warm = [], getPods = [], getPodsWarm = [], apply5 = [], heap = [], wasmMem = [];
const MARKS = ['kube-sim-boot', 'kube-sim-start', 'kube-sim-lab', 'kube-sim-rendered'];
const milestones = MARKS.map(() => []);
const hugeOut = [], hugeEcho = [], hugeLines = [], getPodsFull = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  // Navigation start → the terminal input is in the DOM (the app has rendered and is usable),
  // noted by a MutationObserver the moment it appears.
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="terminal-input"]')) { window.__ready = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(BASE);
  await page.getByTestId('terminal-input').waitFor();
  ready.push(await page.evaluate(() => window.__ready));
  firstPaint.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
  // Boot milestones (ms from navigation start): boot.js runs, the wasm's main starts, the lab
  // is built, the first render is committed.
  const marks = await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN), MARKS);
  marks.forEach((t, j) => milestones[j].push(t));
  if (ONLY_READY) {
    await context.close();
    continue;
  }
  // The warm-up (src/warm.rs) runs after the first paint; record how long it took.
  await page.waitForFunction(() => performance.getEntriesByName('kube-sim-warm-up').length > 0, null, { timeout: 10000 })
    .catch(() => {});
  warm.push(await page.evaluate(() => performance.getEntriesByName('kube-sim-warm-up')[0]?.duration ?? NaN));
  await page.evaluate(() => {
    window.__out = () => document.querySelector('[data-testid="terminal-output"]').textContent;
    window.__before = window.__out().length;
    const input = document.querySelector('[data-testid="terminal-input"]');
    input.value = 'kubectl get pods';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  getPods.push(await timed(page,
    `document.querySelector('[data-testid="terminal-input"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));`,
    'return window.__out().length > window.__before;'));

  // The same line again: the code it runs is compiled by now (wasm is compiled lazily, function
  // by function, on first call).
  await page.evaluate(() => {
    window.__before = window.__out().length;
    const input = document.querySelector('[data-testid="terminal-input"]');
    input.value = 'kubectl get pods';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  getPodsWarm.push(await timed(page,
    `document.querySelector('[data-testid="terminal-input"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));`,
    'return window.__out().length > window.__before;'));

  await page.getByTestId('editor').fill(MANIFEST);
  apply5.push(await timed(page,
    `document.querySelector('[data-testid="editor-apply"]').click();`,
    `return window.__out().includes('pod/bench-pod created') && !!document.querySelector('[data-testid="obj-pod-default-bench-pod"]');`));

  await page.getByTestId('lesson-select').selectOption('07-mysql');
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-select"]').value === '07-mysql'
    && document.querySelector('[data-testid="terminal-input"]'));
  await page.waitForTimeout(300);
  const m = await page.evaluate(async () => {
    if (window.gc) window.gc();
    const mod = await import(new URL('kube-sim-web.js', document.baseURI).href);
    const wasm = await mod.default();
    return { heap: performance.memory ? performance.memory.usedJSHeapSize : 0, wasm: wasm.memory.buffer.byteLength };
  });
  heap.push(m.heap);
  wasmMem.push(m.wasm);
  // After the memory figure: a huge output, then a keystroke typed at once (how long the page
  // is unresponsive).
  await page.getByTestId('terminal-input').fill('seq 100000');
  await page.evaluate(() => {
    const input = document.querySelector('[data-testid="terminal-input"]');
    window.__huge = {};
    // On the window, capturing: before the app's own (delegated) listener runs.
    window.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !window.__huge.t0) window.__huge.t0 = performance.now(); }, { capture: true });
    input.addEventListener('input', () => { if (input.value === 'x') window.__huge.echo = performance.now(); });
    const out = document.querySelector('[data-testid="terminal-output"]');
    new MutationObserver((_, obs) => {
      if (out.textContent.endsWith('\n100000\n')) { window.__huge.out = performance.now(); obs.disconnect(); }
    }).observe(out, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId('terminal-input').press('Enter');
  await page.keyboard.type('x');
  await page.waitForFunction(() => window.__huge.out && window.__huge.echo, null, { timeout: 60000 });
  const h = await page.evaluate(() => ({
    out: window.__huge.out - window.__huge.t0,
    echo: window.__huge.echo - window.__huge.t0,
    lines: document.querySelector('[data-testid="terminal-output"]').textContent.split('\n').length - 1,
  }));
  hugeOut.push(h.out);
  hugeEcho.push(h.echo);
  hugeLines.push(h.lines);
  await page.getByTestId('terminal-input').fill('');
  // `kubectl get pods` once the scrollback is full (5,000 lines): a typed line must not cost
  // more with a long scrollback.
  await page.waitForTimeout(200);
  await page.evaluate(() => {
    window.__before = window.__out().length;
    const input = document.querySelector('[data-testid="terminal-input"]');
    input.value = 'kubectl get pods';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  getPodsFull.push(await timed(page,
    `document.querySelector('[data-testid="terminal-input"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));`,
    'const t = window.__out(); return t.lastIndexOf("$ kubectl get pods") > t.lastIndexOf("$ seq 100000");'));

  await context.close();
}
await browser.close();
const ms = (xs) => `${xs.map((x) => x.toFixed(1)).join(', ')}; fastest ${Math.min(...xs).toFixed(1)}`;
const mib = (x) => (x / 1048576).toFixed(2);
console.log(`navigation → first paint:        median ${median(firstPaint).toFixed(1)} ms  (runs: ${ms(firstPaint)})`);
console.log(`navigation → ready:              median ${median(ready).toFixed(1)} ms  (runs: ${ms(ready)})`);
console.log(`  milestones (median ms from navigation): ${MARKS.map((n, j) => `${n.replace('kube-sim-', '')} ${median(milestones[j]).toFixed(1)}`).join(', ')}`);
if (ONLY_READY) {
  MARKS.forEach((n, j) => console.log(`  ${n}: ${ms(milestones[j])}`));
  process.exit(0);
}
console.log(`warm-up after the first paint:   median ${median(warm).toFixed(1)} ms  (runs: ${ms(warm)})`);
console.log(`kubectl get pods, Enter → DOM:   median ${median(getPods).toFixed(1)} ms  (runs: ${ms(getPods)})`);
console.log(`the same line again:             median ${median(getPodsWarm).toFixed(1)} ms  (runs: ${ms(getPodsWarm)})`);
console.log(`apply 5 objects, click → graph:  median ${median(apply5).toFixed(1)} ms  (runs: ${ms(apply5)})`);
console.log(`seq 100000, Enter → last line:  median ${median(hugeOut).toFixed(1)} ms  (runs: ${ms(hugeOut)})`);
console.log(`seq 100000, Enter → next key:    median ${median(hugeEcho).toFixed(1)} ms  (runs: ${ms(hugeEcho)}); the terminal holds ${Math.max(...hugeLines)} lines`);
console.log(`get pods, full scrollback:        median ${median(getPodsFull).toFixed(1)} ms  (runs: ${ms(getPodsFull)})`);
const total = heap.map((h, i) => h + wasmMem[i]);
console.log(`memory after the MySQL lesson:   median ${mib(median(total))} MiB (JS heap ${mib(median(heap))} MiB + wasm memory ${mib(median(wasmMem))} MiB)`);
