// Delivery and read state between two contacts (XEP-0184 receipts, XEP-0333 markers): a message
// shows "delivered" once the contact's device has it and "read" once they open the chat.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, settle, screenshot, widgets } from './lib.mjs';
import { newAccount, logIn, waitEvent } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

const stateOf = (page, peer, body) =>
  page.evaluate(([p, b]) => (window.parla.chat(p).find((m) => m.outgoing && m.body === b) || {}).state, [peer, body]);

test('a message to a contact goes sent → delivered → read, as the contact receives it and opens the chat', async () => {
  const alice = newAccount('alice');
  const bob = newAccount('bob');
  const pa = await openParla(browser);
  const pb = await openParla(browser);
  await logIn(pa, alice);
  await logIn(pb, bob);
  // Contacts both ways: receipts and markers go only to those who may see our presence.
  await pa.evaluate((j) => window.parla.contact('add', j, 'Bob'), bob.jid);
  await waitEvent(pb, (e) => e.type === 'subscription-request');
  await pb.evaluate((j) => window.parla.contact('accept', j), alice.jid);
  await waitEvent(pa, (e) => e.type === 'subscription-request');
  await pa.evaluate((j) => window.parla.contact('accept', j), bob.jid);
  for (const [page, other] of [[pa, bob.jid], [pb, alice.jid]])
    await page.waitForFunction((j) => window.parla.state().roster.some((c) => c.jid === j && c.subscription === 'both'), other);

  await pa.evaluate((to) => window.parla.send(to, 'Ciao Bob, ci sei?'), bob.jid);
  await pa.waitForFunction((p) => window.parla.chat(p).some((m) => m.outgoing && m.state === 'delivered'), bob.jid);
  // A stranger's message gets no receipt: only contacts learn that we are here.
  assert.equal(await stateOf(pa, bob.jid, 'Ciao Bob, ci sei?'), 'delivered');

  // Bob opens the chat by clicking its tab: Alice sees it read.
  await pb.bringToFront();
  await settle(pb);
  const tab = (await widgets(pb)).find((w) => w.label && w.label.startsWith(alice.name));
  assert.ok(tab, 'the chat with Alice is a tab on Bob\'s screen');
  await pb.mouse.click(tab.x + tab.w / 2, tab.y + tab.h / 2);
  await pa.waitForFunction((p) => window.parla.chat(p).some((m) => m.outgoing && m.state === 'read'), bob.jid);
  assert.equal(await stateOf(pa, bob.jid, 'Ciao Bob, ci sei?'), 'read');

  // On Alice's screen.
  await pa.bringToFront();
  await settle(pa);
  const row = (await widgets(pa)).find((w) => w.label === 'Bob');
  assert.ok(row, 'Bob is in Alice\'s contacts');
  await pa.mouse.click(row.x + row.w / 2, row.y + row.h / 2);
  await settle(pa);
  await screenshot(pa, 'receipts-1-read');
  await pa.close();
  await pb.close();
});

test('a message that was not delivered says why and offers Send again, which sends it again', async () => {
  const alice = newAccount('alice');
  const pa = await openParla(browser);
  await logIn(pa, alice);
  const nobody = `nessuno-${alice.name}@localhost`;
  assert.ok(await pa.evaluate((to) => window.parla.openChat(to), nobody));
  await pa.evaluate((to) => window.parla.send(to, 'c\'è qualcuno?'), nobody);
  await pa.waitForFunction(() => window.parla.events.filter((e) => e.type === 'message-failed').length === 1);
  await pa.bringToFront();
  await settle(pa);
  const again = (await widgets(pa)).find((w) => w.label === 'Send again');
  assert.ok(again, 'the button is under the reason');
  await screenshot(pa, 'receipts-2-not-delivered');
  await pa.mouse.click(again.x + again.w / 2, again.y + again.h / 2);
  // Sent again (the same message, not a copy): the server bounces it a second time.
  await pa.waitForFunction(() => window.parla.events.filter((e) => e.type === 'message-failed').length === 2);
  assert.equal(await pa.evaluate((p) => window.parla.chat(p).filter((m) => m.outgoing).length, nobody), 1);
  await pa.close();
});
