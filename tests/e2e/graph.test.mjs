// The cluster graph: the article's NFS PV and PVC, pasted into the editor and applied, turn
// Bound in the graph; clicking an object shows `kubectl describe` for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openApp, typeLine, SHOTS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PV_AND_PVC = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: mypv1
spec:
  capacity:
    storage: 1Gi
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Recycle
  storageClassName: nfs
  nfs:
    path: /data/nfs
    server: 172.19.0.4
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: mypvc1
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
  storageClassName: nfs
`;

test('an applied PV and PVC turn Bound in the graph, and a click describes them', async () => {
  const { page, context, errors } = await openApp(browser);
  for (const node of ['control-plane', 'worker-1', 'worker-2']) {
    assert.equal(await page.getByTestId(`obj-node-_-${node}`).getAttribute('data-phase'), 'Ready');
  }
  await page.getByTestId('editor').fill(PV_AND_PVC);
  await page.getByTestId('editor-apply').click();
  const out = page.getByTestId('terminal-output');
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-output"]').textContent.includes('persistentvolumeclaim/mypvc1 created'));
  assert.match(await out.textContent(), /persistentvolume\/mypv1 created/);
  // The controller binds on its next pass: one more line typed is one more simulated second.
  await typeLine(page, 'kubectl get pvc');
  const pv = page.getByTestId('obj-persistentvolume-_-mypv1');
  const pvc = page.getByTestId('obj-persistentvolumeclaim-default-mypvc1');
  assert.equal(await pv.getAttribute('data-phase'), 'Bound');
  assert.equal(await pvc.getAttribute('data-phase'), 'Bound');
  assert.equal(await page.getByTestId('obj-nfs-_-172.19.0.4:/data/nfs').count(), 1, 'the NFS export backs the PV');
  await pvc.click();
  const details = page.getByTestId('graph-details');
  assert.match(await details.textContent(), /Name:\s+mypvc1[\s\S]*Status:\s+Bound[\s\S]*Volume:\s+mypv1/);
  await page.screenshot({ path: path.join(SHOTS, 'graph-bound.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

// Three nodes with pods, claims, volumes and their NFS exports, with names and phases of
// every length the labs use.
function busyManifest() {
  let y = '';
  for (let i = 1; i <= 4; i++) y += `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: nfs-pv-${i}\nspec:\n  capacity:\n    storage: ${i}Gi\n  accessModes: [ReadWriteMany]\n  persistentVolumeReclaimPolicy: Retain\n  storageClassName: nfs\n  nfs:\n    path: /data/nfs-export-${i}\n    server: 172.19.0.4\n---\n`;
  for (let i = 1; i <= 3; i++) y += `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: mysql-data-claim-${i}\nspec:\n  accessModes: [ReadWriteMany]\n  resources:\n    requests:\n      storage: ${i}Gi\n  storageClassName: nfs\n---\n`;
  for (let i = 1; i <= 3; i++) y += `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-with-a-rather-long-name-${i}\nspec:\n  containers:\n  - name: web\n    image: nginx\n    volumeMounts: [{name: d, mountPath: /usr/share/nginx/html}]\n  volumes:\n  - name: d\n    persistentVolumeClaim: {claimName: mysql-data-claim-${i}}\n---\n`;
  return y;
}

// In the page: how the graph is drawn. Its scale (CSS px per layout unit), and every label
// that sticks out of its box or box that overlaps another (a pod may only sit in its node).
function graphProblems() {
  const svg = document.querySelector('[data-testid="cluster-graph"]');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const problems = [];
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const objs = [...svg.querySelectorAll('g.graph-obj')];
  for (const g of objs) {
    const box = g.querySelector('rect').getBoundingClientRect();
    const labels = [g.querySelector('text')];
    // The phase is drawn next to the button: right after it, or after a node's power switch.
    let sib = g.nextElementSibling;
    if (sib?.classList.contains('power-switch')) sib = sib.nextElementSibling;
    if (sib?.classList.contains('graph-phase')) labels.push(sib);
    const prev = g.previousElementSibling;
    if (g.classList.contains('graph-node') && prev?.classList.contains('graph-phase')) labels.push(prev);
    for (const t of labels) {
      if (t.textContent && !inside(t.getBoundingClientRect(), box)) problems.push(`${g.dataset.testid}: "${t.textContent}" sticks out`);
    }
  }
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (let i = 0; i < objs.length; i++) {
    for (let j = i + 1; j < objs.length; j++) {
      const [a, b] = [objs[i], objs[j]];
      const nested = a.closest('.graph-node-group') && a.closest('.graph-node-group') === b.closest('.graph-node-group');
      const [ra, rb] = [a.querySelector('rect').getBoundingClientRect(), b.querySelector('rect').getBoundingClientRect()];
      if (!nested && overlap(ra, rb)) problems.push(`${a.dataset.testid} overlaps ${b.dataset.testid}`);
    }
  }
  return { scale, problems, objects: objs.length };
}

test('the graph is drawn at scale 1 at every window width, its labels inside their boxes', async () => {
  const { page, context, errors } = await openApp(browser);
  await page.getByTestId('editor').fill(busyManifest());
  await page.getByTestId('editor-apply').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-output"]').textContent.includes('pod/web-with-a-rather-long-name-3 created'));
  await typeLine(page, 'kubectl get pvc');
  // The claims were bound only now: the pods are not scheduled yet, and their row says so.
  assert.deepEqual(await page.locator('.graph-row-label').allTextContents(),
    ['Pods not on a node yet', 'Claims (PVC)', 'Volumes (PV)', 'Where the data lives']);
  for (const [width, height] of [[1400, 900], [1920, 1080], [1100, 800], [800, 1000]]) {
    await page.setViewportSize({ width, height });
    await page.waitForFunction(() => {
      const svg = document.querySelector('[data-testid="cluster-graph"]');
      return Math.abs(svg.getBoundingClientRect().width - svg.viewBox.baseVal.width) < 2;
    });
    const { scale, problems, objects } = await page.evaluate(graphProblems);
    assert.ok(objects >= 17, `${objects} objects drawn at ${width} px`);
    assert.ok(Math.abs(scale - 1) < 0.02, `scale ${scale} at ${width} px`);
    assert.deepEqual(problems, [], `at ${width} px`);
    await page.screenshot({ path: path.join(SHOTS, `graph-busy-${width}.png`) });
  }
  assert.deepEqual(errors, []);
  await context.close();
});
