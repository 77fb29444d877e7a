// The message list: stays at the end while reading along, offers a jump when scrolled up.
// (A bounced message's reason is drawn in tests/ui/app_view_test.cpp.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widgets, click, screenshot, settle } from './lib.mjs';
import { newAccount, logIn } from '../integration/lib.mjs';

let browser, pa, pb, anna, bruno;
before(async () => {
  browser = await startBrowser({ viewport: { width: 1000, height: 600 } });
  anna = newAccount('anna');
  bruno = newAccount('bruno');
  pa = await openParla(browser);
  pb = await openParla(browser);
  await logIn(pa, anna);
  await logIn(pb, bruno);
  // Set up through the engine API; this file tests the message list, not the roster.
  await pa.evaluate((j) => window.parla.contact('add', j, 'Bruno'), bruno.jid);
  await pb.waitForFunction(() => window.parla.state().requests.length === 1);
  await pb.evaluate((j) => window.parla.contact('accept', j), anna.jid);
  await pa.waitForFunction(() => window.parla.state().requests.length === 1);
  await pa.evaluate((j) => window.parla.contact('accept', j), bruno.jid);
  await pb.waitForFunction((j) => window.parla.state().roster.some((c) => c.jid === j && c.subscription === 'both'), anna.jid);
});
after(async () => { if (browser) await browser.close(); });

const received = (page, n) => page.waitForFunction((count) =>
  window.parla.events.filter((e) => e.type === 'message').length >= count, n).then(() => settle(page));

test('reading along stays at the end; scrolled up, new messages offer a jump', async () => {
  await click(pb, anna.jid, 'button');  // Bruno opens the chat with Anna
  for (let i = 0; i < 40; i++) await pa.evaluate(([j, t]) => window.parla.send(j, t), [bruno.jid, `messaggio ${i}`]);
  await received(pb, 40);
  const visible = async () => (await widgets(pb)).filter((w) => w.role === 'message-in' && w.visible).map((w) => w.label);
  assert.ok((await visible()).includes('messaggio 39'), 'the newest message is in view');

  const list = (await widgets(pb)).find((w) => w.role === 'message-in' && w.visible);
  await pb.mouse.move(list.x + 50, list.y + 10);
  await pb.mouse.wheel(0, -3000);
  await settle(pb);
  assert.ok(!(await visible()).includes('messaggio 39'), 'scrolled up, the newest is out of view');
  await pa.evaluate((j) => window.parla.send(j, 'ancora uno'), bruno.jid);
  await received(pb, 41);
  assert.ok(!(await visible()).includes('ancora uno'), 'the list did not jump by itself');
  await screenshot(pb, 'chat-1-new-below');
  await click(pb, 'New messages below', 'button');
  assert.ok((await visible()).includes('ancora uno'));
  assert.equal((await widgets(pb)).filter((w) => w.label === 'New messages below').length, 0);
});
