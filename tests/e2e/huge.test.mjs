// Huge inputs are bounded with a clear message, keep what the learner wrote, and leave the app
// answering: a 5 MB paste into the terminal (many lines, then one line), 5 MB in the editor,
// and a 100,000-line output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, typeLine, paste, terminalText } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const FIVE_MB = 5 * 1024 * 1024;

async function open() {
  const app = await openApp(browser);
  app.page.setDefaultTimeout(60_000);
  return app;
}

// Waits for the answer itself: once the scrollback is full, a new entry drops old ones, so
// the log does not always grow.
async function stillAnswers(page) {
  const answer = 'No resources found in default namespace.';
  const before = (await terminalText(page)).split(answer).length;
  await page.getByTestId('terminal-input').fill('kubectl get pods');
  await page.getByTestId('terminal-input').press('Enter');
  await page.waitForFunction(([a, n]) => document.querySelector('[data-testid="terminal-output"]').textContent.split(a).length > n, [answer, before]);
}

test('a 5 MB multi-line paste into the terminal is kept whole in a tab, not typed', async () => {
  const { page, errors, context } = await open();
  const line = 'echo this line is fifty bytes long, more or less!!';
  const count = Math.ceil(FIVE_MB / (line.length + 1));
  const text = `${Array(count).fill(line).join('\n')}\nleft in the input`;
  assert.ok(text.length > FIVE_MB);
  await paste(page, 'terminal-input', text);
  const notice = page.getByTestId('notice');
  await page.waitForFunction(() => document.querySelector('[data-testid="notice"]').textContent.includes('none of them ran'));
  const said = await notice.textContent();
  assert.ok(said.includes(`The paste has ${count.toLocaleString('en-US')} lines, more than the 1,000`), said);
  assert.ok(said.includes('pasted.sh'), said);
  assert.equal(await terminalText(page), '', 'nothing was typed');
  // Nothing is lost: the lines are in the editor, the last piece is still in the input.
  const editor = page.getByTestId('editor');
  const kept = await editor.inputValue();
  assert.equal(kept.length, count * (line.length + 1));
  assert.ok(kept.startsWith(`${line}\n${line}\n`) && kept.endsWith(`${line}\n`));
  assert.equal(await page.getByTestId('terminal-input').inputValue(), 'left in the input');
  await page.getByTestId('terminal-input').fill('');
  await stillAnswers(page);
  assert.deepEqual(errors, []);
  await context.close();
});

// The terminal shows at most 8,192 bytes of any line (a browser takes minutes to lay out a
// multi-megabyte line of a <pre>), with a note; the typed line stays whole in the record.
test('a 5 MB line typed into the terminal runs with its output cut and said so', async () => {
  const { page, errors, context } = await open();
  const big = 'x'.repeat(FIVE_MB);
  await page.getByTestId('terminal-input').fill(big);
  assert.equal((await page.getByTestId('terminal-input').inputValue()).length, FIVE_MB);
  await page.getByTestId('terminal-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-output"]').textContent.includes('(the simulation\'s output limit)'));
  const text = await terminalText(page);
  assert.ok(text.includes('bash: output truncated after 4194304 bytes (the simulation\'s output limit)'));
  assert.ok(text.includes('bash: xxx'));
  assert.ok(text.includes('more characters of this line are not shown'));
  await stillAnswers(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('5 MB in the editor is kept, and applying it is refused by the API server', async () => {
  const { page, errors, context } = await open();
  const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  k: ${'y'.repeat(FIVE_MB)}\n`;
  const editor = page.getByTestId('editor');
  await editor.fill(manifest);
  assert.equal((await editor.inputValue()).length, manifest.length);
  await page.getByTestId('editor-apply').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-output"]').textContent.includes('Request entity too large'));
  const text = await terminalText(page);
  assert.match(text, /Error from server \(RequestEntityTooLarge\): error when creating "[^"]+": Request entity too large: limit is 3145728/);
  assert.equal((await editor.inputValue()).length, manifest.length, 'the editor keeps it all');
  await stillAnswers(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 100,000-line output keeps its last lines and says how many were dropped', async () => {
  const { page, errors, context } = await open();
  const out = await typeLine(page, 'seq 100000');
  await page.getByTestId('scrollback-dropped').waitFor();
  const note = await page.getByTestId('scrollback-dropped').textContent();
  assert.match(note, /earlier lines dropped \(the terminal keeps the last 5,000\)/);
  const text = await terminalText(page);
  assert.ok(text.includes('99999\n100000\n'), text.slice(-100));
  assert.ok(text.split('\n').length <= 5_010, `${text.split('\n').length}`);
  assert.ok(out.length > 0);
  await stillAnswers(page);
  assert.deepEqual(errors, []);
  await context.close();
});
