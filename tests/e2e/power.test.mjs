// The graph's power button: a Deployment's pod survives its node being switched off (the
// node turns NotReady after the grace period, the pod is evicted after its 300 s toleration
// and the ReplicaSet's new pod runs on the other worker), driven only through the time bar's
// "skip to next event" and 10×. Screenshots of the graph in English and Chinese; the session
// is exported as a bash script for a real cluster.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launch, openApp, SHOTS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
`;

const POD = '[data-testid^="obj-pod-default-web-"]';

/// The node whose group holds a live (not Terminating) web pod in `phase`, or null.
async function nodeOfWebPod(page, phase) {
  return page.evaluate(([sel, ph]) => {
    const pod = [...document.querySelectorAll(sel)].find((p) => p.getAttribute('data-phase') === ph);
    return pod?.closest('[data-node]')?.getAttribute('data-node') ?? null;
  }, [POD, phase]);
}

async function skipNext(page) {
  const before = await page.getByTestId('clock').textContent();
  await page.getByTestId('skip-next').click();
  await page.waitForFunction((b) => document.querySelector('[data-testid="clock"]').textContent !== b, before);
}

test('a node powered off in the graph: its pod is evicted and runs again on the other worker', async () => {
  const { page, context, errors } = await openApp(browser);
  assert.equal(await page.getByTestId('wait-note').textContent(), 'Nothing waits on time');
  assert.equal(await page.getByTestId('skip-next').isDisabled(), true);
  await page.getByTestId('editor').fill(DEPLOYMENT);
  await page.getByTestId('editor-apply').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-output"]').textContent.includes('deployment.apps/web created'));
  // The image pull is a timer too: skip to it until the pod runs.
  for (let i = 0; i < 10 && !(await nodeOfWebPod(page, 'Running')); i++) {
    if (await page.getByTestId('skip-next').isDisabled()) await page.getByTestId('skip-60').click();
    else await skipNext(page);
  }
  const first = await nodeOfWebPod(page, 'Running');
  assert.ok(first === 'worker-1' || first === 'worker-2', `runs on a worker: ${first}`);
  const other = first === 'worker-1' ? 'worker-2' : 'worker-1';

  // The power button: a labelled switch, reachable with the keyboard.
  const power = page.getByTestId(`power-${first}`);
  assert.equal(await power.getAttribute('role'), 'switch');
  assert.equal(await power.getAttribute('aria-checked'), 'true');
  assert.equal(await power.getAttribute('aria-label'), `Power off ${first}`);
  await power.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector(`[data-testid="obj-node-_-${n}"]`).getAttribute('data-power') === 'off', first);
  assert.equal(await power.getAttribute('aria-checked'), 'false');
  assert.equal(await power.getAttribute('aria-label'), `Power on ${first}`);
  assert.equal(await page.getByTestId(`obj-node-_-${other}`).getAttribute('data-power'), 'on');

  // The core says what waits: NotReady after the 50 s grace period, then the eviction.
  assert.match(await page.getByTestId('wait-note').textContent(), new RegExp(`^Next: NotReady of node ${first} in \\d+ s$`));
  await skipNext(page);
  assert.equal(await page.getByTestId(`obj-node-_-${first}`).getAttribute('data-phase'), 'NotReady');
  assert.match(await page.getByTestId('wait-note').textContent(), /^Next: eviction of default\/web-[a-z0-9]+-[a-z0-9]+ in 5 m 0 s$/);
  await page.screenshot({ path: path.join(SHOTS, 'power-off-waiting.png') });
  await skipNext(page);

  // The ReplicaSet's new pod: scheduled on the other worker; 10× lets its image pull finish.
  await page.getByTestId('speed-10').click();
  await page.waitForFunction(([sel, n]) => [...document.querySelectorAll(`[data-node="${n}"] ${sel}`)]
    .some((p) => p.getAttribute('data-phase') === 'Running'), [POD, other], { timeout: 20_000 });
  await page.getByTestId('speed-pause').click();
  assert.equal(await nodeOfWebPod(page, 'Running'), other);
  const onDead = await page.locator(`[data-node="${first}"] ${POD}`).getAttribute('data-phase');
  assert.equal(onDead, 'Terminating', 'the old pod waits for its kubelet, which is off');

  // The graph in both languages.
  const graph = page.getByTestId('cluster-graph');
  await graph.screenshot({ path: path.join(SHOTS, 'graph-power-en.png') });
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await power.getAttribute('aria-label'), `开机 ${first}`);
  await graph.screenshot({ path: path.join(SHOTS, 'graph-power-zh.png') });
  await page.screenshot({ path: path.join(SHOTS, 'power-zh.png') });
  await page.getByTestId('lang-toggle').click();

  // Autosave replays the power change on reload.
  await page.reload();
  await page.getByTestId('terminal-input').waitFor();
  await page.waitForFunction((n) => document.querySelector(`[data-testid="obj-node-_-${n}"]`)?.getAttribute('data-power') === 'off', first);
  assert.equal(await nodeOfWebPod(page, 'Running'), other);

  // Export for a real cluster: a bash script holding the manifest and the power change.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cluster').click()]);
  assert.equal(download.suggestedFilename(), 'kube-sim-sandbox.sh');
  const file = path.join(SHOTS, 'export-cluster.sh');
  await download.saveAs(file);
  const script = await readFile(file, 'utf8');
  assert.match(script, /^#!\/usr\/bin\/env bash\n/);
  assert.match(script, /cat > 'manifest.yaml' <<'KUBE_SIM_EOF'\napiVersion: apps\/v1\nkind: Deployment\n/);
  assert.match(script, /\nkubectl apply -f manifest.yaml\n/);
  assert.match(script, new RegExp(`# The graph's power button switched ${first} off here.`));
  execFileSync('bash', ['-n', file]);
  assert.deepEqual(errors, []);
  await context.close();
});
