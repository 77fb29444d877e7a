// Accessibility, first real step: the controls drawn on the canvas are mirrored into hidden DOM
// elements with roles and names (what screen readers and Playwright's getByRole see); logging in
// works with the keyboard alone; new messages are announced in a polite live region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, settle, screenshot } from './lib.mjs';
import { newAccount, logIn, websocketUrl } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

test('controls have roles and names in the DOM', async () => {
  const page = await openParla(browser);
  await page.waitForSelector('[data-parla-mirror] button');
  assert.equal(await page.getByRole('tab', { name: 'Log in' }).count(), 1);
  assert.equal(await page.getByRole('tab', { name: 'Register' }).count(), 1);
  assert.equal(await page.getByRole('textbox', { name: 'Address' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Log in' }).count(), 1);
  // The mirror sits where the control is drawn.
  const box = await page.getByRole('button', { name: 'Log in' }).boundingBox();
  const drawn = (await page.evaluate(() => window.parla.widgets())).find((w) => w.label === 'Log in' && w.role === 'button');
  assert.ok(Math.abs(box.x - drawn.x) < 1 && Math.abs(box.y - drawn.y) < 1, JSON.stringify({ box, drawn }));
  // An assistive technology's activation reaches the canvas: the Register tab opens.
  await page.getByRole('tab', { name: 'Register' }).dispatchEvent('click');
  await settle(page);
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.label === 'Provider domain'));
  await page.close();
});

test('logging in with the keyboard alone: Tab, type, Tab, type, Enter', async () => {
  const me = newAccount('tastiera');
  const page = await openParla(browser, `?websocket=${encodeURIComponent(websocketUrl)}`);
  await page.keyboard.press('Tab');  // the page's focus enters the app
  await page.keyboard.press('Tab');  // the first field
  await settle(page);
  const focused = async () => (await page.evaluate(() => window.parla.widgets())).find((w) => w.focused);
  assert.equal((await focused()).label, 'Address');
  await page.keyboard.type(me.jid);
  await page.keyboard.press('Tab');
  await settle(page);
  assert.equal((await focused()).label, 'Password');
  await page.keyboard.type(me.password);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  await screenshot(page, 'a11y-keyboard-login');
  await page.close();
});

test('a new message is announced politely', async () => {
  const me = newAccount('ascolta');
  const friend = newAccount('amico');
  const page = await openParla(browser);
  await logIn(page, me);
  const other = await openParla(browser);
  await logIn(other, friend);
  await other.evaluate((to) => window.parla.send(to, 'Ci vediamo alle otto'), me.jid);
  await page.waitForFunction(() => /Ci vediamo alle otto/.test(document.querySelector('[data-parla-live]').textContent));
  assert.equal(await page.getAttribute('[data-parla-live]', 'aria-live'), 'polite');
  assert.match(await page.textContent('[data-parla-live]'), new RegExp(`Message from ${friend.jid}: Ci vediamo alle otto`));
  await page.close();
  await other.close();
});
