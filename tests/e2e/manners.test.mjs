// Browser manners: the unread count in the title; desktop notifications asked for when the
// person first sends a message (never on load) and shown for messages while the tab is hidden.
// The browser's Notification and visibility are stubbed to record what Parla does with them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widget, settle } from './lib.mjs';
import { newAccount, logIn } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

const stubs = () => {
  window.__hidden = false;
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => window.__hidden });
  window.__shown = [];
  window.__asked = 0;
  function FakeNotification(title, options) { window.__shown.push({ title, body: options && options.body }); }
  FakeNotification.permission = 'default';
  FakeNotification.requestPermission = () => { window.__asked += 1; FakeNotification.permission = 'granted'; return Promise.resolve('granted'); };
  window.Notification = FakeNotification;
};

test('the title counts unread messages; notifications are asked for on the first send, then shown while hidden', async () => {
  const me = newAccount('titolo');
  const friend = newAccount('amica');
  const page = await browser.context.newPage();
  await page.addInitScript(stubs);
  await page.goto(browser.url);
  await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  await logIn(page, me);
  const other = await openParla(browser);
  await logIn(other, friend);
  assert.equal(await page.evaluate(() => window.__asked), 0, 'not asked on load or log-in');

  await other.evaluate((to) => window.parla.send(to, 'Ciao!'), me.jid);
  await page.waitForFunction(() => document.title === '(1) Parla');
  assert.equal((await page.evaluate(() => window.__shown)).length, 0, 'visible tab: no notification');

  // The person answers (a click on the chat, typing, Enter): now the browser is asked, once.
  await page.bringToFront();
  await settle(page);
  const tab = await widget(page, friend.jid, 'tab');
  await page.mouse.click(tab.x + tab.w / 2, tab.y + tab.h / 2);
  await settle(page);
  await page.waitForFunction(() => document.title === 'Parla');
  const input = await widget(page, 'Message', 'input');
  await page.mouse.click(input.x + 20, input.y + input.h / 2);
  await page.keyboard.type('Ciao a te');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__asked === 1);

  // Hidden tab: a new message is shown as a notification, text only.
  await page.evaluate(() => { window.__hidden = true; });
  await other.evaluate((to) => window.parla.send(to, 'Sei ancora lì?'), me.jid);
  await page.waitForFunction(() => window.__shown.length === 1);
  assert.deepEqual(await page.evaluate(() => window.__shown[0]), { title: friend.jid, body: 'Sei ancora lì?' });
  assert.equal(await page.evaluate(() => window.__asked), 1);
  await page.close();
  await other.close();
});
