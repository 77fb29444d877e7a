// Two people, two browsers, real clicks and keys: log in, add a contact, accept requests,
// presence, chat with accents and an emoji, remove the contact (cancel once, then confirm),
// and after a reload the contact is still gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widget, widgets, click, type, press, screenshot, settle } from './lib.mjs';
import { newAccount, websocketUrl } from '../integration/lib.mjs';

const query = `?websocket=${encodeURIComponent(websocketUrl)}&domain=localhost`;
let anna, bruno;  // {browser, page, account}

async function person(prefix) {
  const browser = await startBrowser({ viewport: { width: 1100, height: 760 } });
  const account = newAccount(prefix);
  const page = await openParla(browser, query);
  return { browser, page, account };
}

async function logInByHand(p) {
  await click(p.page, 'Address', 'input');
  await type(p.page, p.account.jid);
  assert.equal((await widget(p.page, 'Address', 'input')).text, p.account.jid);
  await click(p.page, 'Password', 'input');
  await type(p.page, p.account.password);
  await press(p.page, 'Enter');
  await p.page.waitForFunction(() => window.parla.state().connection === 'online');
  await settle(p.page);
}

const contact = (p, jid) => p.page.evaluate((j) => window.parla.state().roster.find((c) => c.jid === j), jid);
const until = (p, fn, arg) => p.page.waitForFunction(fn, arg, { timeout: 20000 }).then(() => settle(p.page));
const texts = async (p, role) => (await widgets(p.page)).filter((w) => w.role === role).map((w) => w.label);

before(async () => {
  anna = await person('anna');
  bruno = await person('bruno');
});
after(async () => {
  for (const p of [anna, bruno]) if (p) await p.browser.close();
});

test('both log in', async () => {
  await logInByHand(anna);
  await logInByHand(bruno);
  await widget(anna.page, 'Add a contact', 'button');
  await screenshot(anna.page, 'contacts-1-logged-in');
});

test('Anna adds Bruno, who shows as pending and cannot be clicked', async () => {
  await click(anna.page, 'Add a contact', 'button');
  await click(anna.page, "Contact's address", 'input');
  await type(anna.page, bruno.account.jid);
  await click(anna.page, 'Name (optional)', 'input');
  await type(anna.page, 'Bruno Pèrez');
  await press(anna.page, 'Enter');
  await until(anna, (j) => window.parla.state().roster.some((c) => c.jid === j && c.pending), bruno.account.jid);
  const row = await widget(anna.page, 'Bruno Pèrez', 'button');
  assert.equal(row.text, bruno.account.jid);
  await anna.page.mouse.click(row.x + row.w / 2, row.y + row.h / 2);
  await settle(anna.page);
  assert.equal((await texts(anna, 'message-out')).length, 0);
  assert.equal((await anna.page.evaluate(() => window.parla.widgets())).filter((w) => w.label === 'Message').length, 0,
               'a pending contact opens no chat');
  await screenshot(anna.page, 'contacts-2-pending');
});

test('Bruno sees the request and accepts; Anna accepts his; both see each other online', async () => {
  await until(bruno, () => window.parla.state().requests.length === 1);
  assert.deepEqual(await texts(bruno, 'request'), [anna.account.jid]);
  await screenshot(bruno.page, 'contacts-3-request');
  await click(bruno.page, 'Accept', 'button');
  await until(anna, () => window.parla.state().requests.length === 1);
  await click(anna.page, 'Accept', 'button');
  await until(anna, (j) => window.parla.state().roster.some((c) => c.jid === j && c.subscription === 'both' && c.presence === 'online'), bruno.account.jid);
  await until(bruno, (j) => window.parla.state().roster.some((c) => c.jid === j && c.subscription === 'both' && c.presence === 'online'), anna.account.jid);
  await screenshot(anna.page, 'contacts-4-both-online');
});

test('Bruno goes away and Anna sees it', async () => {
  await click(bruno.page, 'Presence', 'combo');
  await click(bruno.page, 'away', 'button');
  await click(bruno.page, 'Status message', 'input');
  await type(bruno.page, 'a pranzo');
  await press(bruno.page, 'Enter');
  await until(anna, (j) => window.parla.state().roster.some((c) => c.jid === j && c.presence === 'away' && c.status === 'a pranzo'), bruno.account.jid);
  await screenshot(anna.page, 'contacts-5-away');
});

test('Anna opens a chat with Bruno; they exchange messages with accents and an emoji', async () => {
  await click(anna.page, 'Bruno Pèrez', 'button');
  await click(anna.page, 'Message', 'input');
  await type(anna.page, 'Ciao Bruno, perché non vieni? 🙂 https://example.org/menu');
  await press(anna.page, 'Enter');
  assert.equal((await widget(anna.page, 'Message', 'input')).text, '', 'the input is empty after sending');
  await until(bruno, () => window.parla.events.some((e) => e.type === 'message'));
  // Bruno sees an unread count, opens the chat and answers with Shift+Enter for a new line.
  const row = await widget(bruno.page, anna.account.jid, 'button');
  await screenshot(bruno.page, 'contacts-6-unread');
  await bruno.page.mouse.click(row.x + row.w / 2, row.y + row.h / 2);
  await settle(bruno.page);
  assert.deepEqual(await texts(bruno, 'message-in'), ['Ciao Bruno, perché non vieni? 🙂 https://example.org/menu']);
  await widget(bruno.page, 'https://example.org/menu', 'link');
  await click(bruno.page, 'Message', 'input');
  await type(bruno.page, 'Arrivo subito!');
  await press(bruno.page, 'Shift+Enter');
  await type(bruno.page, 'Città: Perugia 🍝');
  await press(bruno.page, 'Enter');
  await until(anna, () => window.parla.events.filter((e) => e.type === 'message').length >= 1);
  assert.deepEqual(await texts(anna, 'message-in'), ['Arrivo subito!\nCittà: Perugia 🍝']);
  assert.deepEqual(await texts(anna, 'message-out'), ['Ciao Bruno, perché non vieni? 🙂 https://example.org/menu']);
  await screenshot(anna.page, 'contacts-7-chat');
  await screenshot(bruno.page, 'contacts-8-chat-bruno');
});

test('Anna removes Bruno: cancelling keeps him, confirming removes him', async () => {
  const row = await widget(anna.page, 'Bruno Pèrez', 'button');
  await anna.page.mouse.move(row.x + row.w / 2, row.y + row.h / 2);
  await settle(anna.page);
  await click(anna.page, 'Remove contact', 'button');
  await screenshot(anna.page, 'contacts-9-confirm');
  await click(anna.page, 'Cancel', 'button');
  assert.ok(await contact(anna, bruno.account.jid), 'still a contact after Cancel');
  await widget(anna.page, 'Bruno Pèrez', 'button');

  const again = await widget(anna.page, 'Bruno Pèrez', 'button');
  await anna.page.mouse.move(again.x + again.w / 2, again.y + again.h / 2);
  await settle(anna.page);
  await click(anna.page, 'Remove contact', 'button');
  await click(anna.page, 'Remove', 'button');
  await until(anna, (j) => !window.parla.state().roster.some((c) => c.jid === j), bruno.account.jid);
  assert.equal((await widgets(anna.page)).filter((w) => w.label === 'Bruno Pèrez').length, 0);
  await screenshot(anna.page, 'contacts-10-removed');
});

test('after a reload Bruno is still gone', async () => {
  await anna.page.reload();
  await anna.page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  await settle(anna.page);
  await logInByHand(anna);
  await until(anna, () => window.parla.state().connection === 'online');
  assert.equal(await contact(anna, bruno.account.jid), undefined);
  await screenshot(anna.page, 'contacts-11-after-reload');
});
