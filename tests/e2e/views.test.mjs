// The teaching views: exec into a pod and see where each mount lives on the node (the
// kubelet's path), and a Secret created on the command line, clicked in the graph, shown
// decoded next to its base64.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, openApp, typeLine, SHOTS } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: producer-consumer
spec:
  containers:
  - name: producer
    image: busybox
    args: ["/bin/sh", "-c", "sleep 30000"]
    volumeMounts:
    - name: shared-volume
      mountPath: /producer_dir
  volumes:
  - name: shared-volume
    emptyDir: {}
`;

test('inside kubectl exec -it, the mount view shows the kubelet path of each mount', async () => {
  const { page, context, errors } = await openApp(browser);
  await page.getByTestId('editor').fill(POD);
  await page.getByTestId('editor-apply').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-output"]').textContent.includes('pod/producer-consumer created'));
  await typeLine(page, 'sleep 5');
  assert.equal(await page.getByTestId('session-mounts').count(), 0);
  await typeLine(page, 'kubectl exec -it producer-consumer -- sh');
  const mounts = page.getByTestId('session-mounts');
  await mounts.waitFor();
  const nodePath = await mounts.getByTestId('mount-node-path').first().textContent();
  assert.match(nodePath, /^\/var\/lib\/kubelet\/pods\/[0-9a-f-]{36}\/volumes\/kubernetes\.io~empty-dir\/shared-volume$/);
  assert.match(await mounts.textContent(), /\/producer_dir/);
  assert.match(await mounts.getByTestId('mount-backing').first().textContent(), /emptyDir: a folder on the disk of node worker-\d/);
  await page.screenshot({ path: path.join(SHOTS, 'views-session-mounts.png') });
  await typeLine(page, 'exit');
  assert.equal(await page.getByTestId('session-mounts').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Secret created with --from-literal is in the graph; a click shows base64 and the decoded value', async () => {
  const { page, context, errors } = await openApp(browser);
  await typeLine(page, 'kubectl create secret generic mysecret --from-literal=password=123456');
  const secret = page.getByTestId('obj-secret-default-mysecret');
  await secret.click();
  const view = page.getByTestId('config-view');
  await view.waitFor();
  const row = view.getByTestId('config-row').first();
  assert.equal(await row.getByTestId('config-base64').textContent(), 'MTIzNDU2');
  assert.equal(await row.getByTestId('config-decoded').textContent(), '123456');
  assert.match(await page.getByTestId('base64-note').textContent(), /base64 is an encoding, not encryption/);
  await page.screenshot({ path: path.join(SHOTS, 'views-secret.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('show goal outlines the named object; the open views pass axe', async () => {
  const { page, context } = await openApp(browser, { bypassCSP: true });
  await page.getByTestId('lesson-select').selectOption('08-secrets-create');
  await page.getByTestId('show-goal').click();
  assert.match(await page.getByTestId('goal-description').textContent(), /Secret default\/mysecret: field data\.username is “YWRtaW4=”/);
  await typeLine(page, 'kubectl create secret generic mysecret --from-literal=password=123456');
  const secret = page.getByTestId('obj-secret-default-mysecret');
  assert.match(await secret.getAttribute('class'), /goal-target/);
  await secret.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('config-view').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'views-goal.png') });
  await page.addScriptTag({ path: AXE });
  const found = (await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(found, [], JSON.stringify(found, null, 2));
  await context.close();
});
