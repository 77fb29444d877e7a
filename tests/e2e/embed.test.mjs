// Parla embedded in a foreign page (web/examples/widget.html served from another origin): the
// floating widget opens from its bubble, does not block the host's clicks or scrolling, chats,
// badges its bubble when minimised; a second instance in the page's own box runs beside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowser, screenshot } from './lib.mjs';
import { serve } from '../../scripts/serve.mjs';
import { newAccount, websocketUrl } from '../integration/lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let browser, host, hostDir, page;
before(async () => {
  browser = await startBrowser({ viewport: { width: 1200, height: 800 } });
  // The host page, from a different origin (localhost vs 127.0.0.1), pointing at this Parla.
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parla-host-'));
  const html = fs.readFileSync(path.join(repo, 'web/examples/widget.html'), 'utf8')
    .replace('src="../embed.js"', `src="${browser.url}embed.js"`)
    .replaceAll('ws://127.0.0.1:5290/xmpp-websocket', websocketUrl);
  fs.writeFileSync(path.join(hostDir, 'index.html'), html);
  host = await serve(hostDir, 0);
});
after(async () => {
  if (browser) await browser.close();
  if (host) await new Promise((r) => host.close(r));
  fs.rmSync(hostDir, { recursive: true, force: true });
});

// The Parla frame of one instance (1: the widget, 2: the embedded one) and its offset in the page.
async function parlaFrame(id) {
  const handle = await page.waitForSelector(`iframe[src*="embed=${id}"]`);
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => window.parla && window.parla.frameCount() > 0 && window.parla.idle());
  return { frame, handle };
}
async function clickIn({ frame, handle }, label, role) {
  const box = await handle.boundingBox();
  const w = (await frame.evaluate(() => window.parla.widgets())).find((x) => x.label === label && x.visible && (!role || x.role === role));
  assert.ok(w, `no ${role} "${label}" in the frame`);
  await page.mouse.click(box.x + w.x + w.w / 2, box.y + w.y + w.h / 2);
  await frame.waitForFunction(() => window.parla.idle());
}

test('the widget opens over a foreign page without taking its clicks or scrolling, logs in and chats', async () => {
  page = await browser.context.newPage();
  await page.goto(`http://localhost:${host.address().port}/`);
  const bubble = page.locator('[data-parla-bubble]');
  await bubble.waitFor();
  assert.equal(await bubble.getAttribute('aria-expanded'), 'false', 'a widget starts as its bubble');
  await screenshot(page, 'embed-1-closed');

  // The host page still takes its clicks and scrolls.
  await page.click('#ordina');
  assert.equal(await page.textContent('#ordini'), '1 ordine');
  await page.mouse.move(400, 400);
  await page.mouse.wheel(0, 600);
  await page.waitForFunction(() => window.scrollY > 0);

  await bubble.click();
  assert.equal(await bubble.getAttribute('aria-expanded'), 'true');
  const widget = await parlaFrame(1);
  const me = newAccount('cliente');
  const shop = newAccount('forno');
  // The domain comes from the host's options: the name alone logs in.
  await clickIn(widget, 'Address', 'input');
  await page.keyboard.type(me.name);
  await clickIn(widget, 'Password', 'input');
  await page.keyboard.type(me.password);
  await page.keyboard.press('Enter');
  await widget.frame.waitForFunction(() => window.parla.state().connection === 'online');
  // Clicks outside the open panel still reach the host page.
  await page.click('#ordina');
  assert.equal(await page.textContent('#ordini'), '2 ordini');

  // The shop (the embedded instance) writes; the widget shows it.
  const boxed = await parlaFrame(2);
  const error = await boxed.frame.evaluate(([a, p, u]) => window.parla.logIn({ address: a, password: p, websocket: u }),
                                          [shop.jid, shop.password, websocketUrl]);
  assert.equal(error, '');
  await boxed.frame.waitForFunction(() => window.parla.state().connection === 'online');
  await boxed.frame.evaluate((to) => window.parla.send(to, 'Buongiorno! La focaccia è pronta alle 11.'), me.jid);
  await widget.frame.waitForFunction(() => window.parla.events.some((e) => e.type === 'message' && /focaccia/.test(e.body)));
  await screenshot(page, 'embed-2-open');

  // Minimised, a new message badges the bubble; opening clears it.
  await page.click('[data-parla-minimise]');
  assert.equal(await bubble.getAttribute('aria-expanded'), 'false');
  await boxed.frame.evaluate((to) => window.parla.send(to, 'Ti aspettiamo!'), me.jid);
  const badge = page.locator('[data-parla-badge]');
  await page.waitForFunction(() => document.querySelector('[data-parla-badge]').textContent === '1');
  assert.ok(await badge.isVisible());
  await screenshot(page, 'embed-3-badge');
  await bubble.click();
  assert.equal(await badge.isVisible(), false);
});

test('instances do not collide; one can be destroyed alone', async () => {
  assert.equal(await page.evaluate(() => window.Parla.instances.length), 2);
  assert.deepEqual(await page.evaluate(() => window.Parla.instances.map((i) => i.mode)), ['widget', 'embedded']);
  await page.evaluate(() => window.embeddedChat.destroy());
  assert.equal(await page.locator('iframe[src*="embed=2"]').count(), 0);
  const widget = await parlaFrame(1);
  assert.equal(await widget.frame.evaluate(() => window.parla.state().connection), 'online', 'the widget goes on');
});
