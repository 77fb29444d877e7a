// Logging in and out through the screen, like a person, against the test Prosody.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widget, click, type, press, screenshot, settle } from './lib.mjs';
import { newAccount, websocketUrl } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

const query = `?websocket=${encodeURIComponent(websocketUrl)}&domain=localhost`;

test('log in with address and password, then log out', async () => {
  const account = newAccount('giulietta');
  const page = await openParla(browser, query);
  await click(page, 'Address', 'input');
  await type(page, account.jid);
  await press(page, 'Tab');
  await type(page, account.password);
  await press(page, 'Enter');
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  await settle(page);
  await widget(page, 'Log out', 'button');
  const labels = (await page.evaluate(() => window.parla.widgets())).map((w) => w.label);
  assert.ok(!labels.includes('Password') && !labels.includes('Address'), 'the log-in form is gone');
  await widget(page, 'Add a contact', 'button');
  await screenshot(page, 'login-1-online');
  await click(page, 'Log out', 'button');
  await page.waitForFunction(() => window.parla.state().connection === 'offline');
  await settle(page);
  assert.equal((await widget(page, 'Password', 'input')).text, undefined);
  await screenshot(page, 'login-2-logged-out');
  await page.close();
});

test('a wrong password is shown next to the form, and what was typed stays', async () => {
  const account = newAccount('romeo');
  const page = await openParla(browser, query);
  await click(page, 'Address', 'input');
  await type(page, account.name);  // the domain comes from the page's options
  await click(page, 'Password', 'input');
  await type(page, 'not-the-password');
  await click(page, 'Log in', 'button');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'error'));
  await settle(page);
  const error = (await page.evaluate(() => window.parla.widgets())).find((w) => w.role === 'error');
  assert.match(error.label, /^The address or the password is wrong\./);
  assert.equal((await widget(page, 'Address', 'input')).text, account.name);
  await screenshot(page, 'login-3-wrong-password');
  await page.close();
});

test('auto-login from the embedding page\'s options; never from the URL', async () => {
  const account = newAccount('kiosk');
  const page = await browser.context.newPage();
  await page.addInitScript(([a, p, u]) => { window.parlaOptions = { address: a, password: p, websocket: u }; },
                           [account.jid, account.password, websocketUrl]);
  await page.goto(browser.url);
  await page.waitForFunction(() => window.parla && window.parla.state().connection === 'online');
  await page.close();

  const other = await browser.context.newPage();
  await other.goto(`${browser.url}?websocket=${encodeURIComponent(websocketUrl)}&address=${account.jid}` +
                   `&password=${encodeURIComponent(account.password)}`);
  await other.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  await settle(other);
  assert.equal((await other.evaluate(() => window.parla.state())).connection, 'offline');
  await widget(other, 'Log in', 'button');
  await other.close();
});

test('the Advanced part takes a WebSocket URL; a server that is not there is reported with what was tried', async () => {
  const account = newAccount('tebaldo');
  const page = await openParla(browser);  // no server configured by the page
  await click(page, 'Address', 'input');
  await type(page, account.jid);
  await click(page, 'Password', 'input');
  await type(page, account.password);
  await click(page, 'Advanced', 'tree');
  await click(page, 'WebSocket URL', 'input');
  await type(page, 'ws://127.0.0.1:9/xmpp-websocket');
  await press(page, 'Enter');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'error'));
  await settle(page);
  const error = (await page.evaluate(() => window.parla.widgets())).find((w) => w.role === 'error');
  assert.match(error.label, /ws:\/\/127\.0\.0\.1:9\/xmpp-websocket/);
  await screenshot(page, 'login-4-unreachable');
  // The right URL, typed in the same field, logs in.
  await click(page, 'WebSocket URL', 'input');
  await press(page, 'Control+A');
  await type(page, websocketUrl);
  await press(page, 'Enter');
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  await page.close();
});
