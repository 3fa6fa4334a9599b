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
