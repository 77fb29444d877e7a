// Smoke test: the page loads, draws, takes clicks and typed text, and switches tabs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widget, click, type, press, screenshot, settle } from './lib.mjs';

let browser, page;
before(async () => {
  browser = await startBrowser();
  page = await openParla(browser);
});
after(async () => {
  if (browser) await browser.close();
});

test('the control box shows the Log in tab first', async () => {
  await screenshot(page, 'smoke-1-loaded');
  assert.ok((await widget(page, 'Log in', 'tab')).visible);
  assert.equal((await widget(page, 'Address', 'input')).text, '');
  await widget(page, 'Password', 'input');
  await widget(page, 'Log in', 'button');
});

test('typing into the address field', async () => {
  await click(page, 'Address', 'input');
  assert.ok((await widget(page, 'Address', 'input')).active, 'the address input is active after a click');
  await type(page, 'giulietta@localhost');
  assert.equal((await widget(page, 'Address', 'input')).text, 'giulietta@localhost');
  await screenshot(page, 'smoke-2-typed');
});

test('the password never appears in the registry', async () => {
  await click(page, 'Password', 'input');
  await type(page, 'segreto');
  const w = await widget(page, 'Password', 'input');
  assert.equal(w.text, undefined);
  const all = JSON.stringify(await page.evaluate(() => window.parla.widgets()));
  assert.ok(!all.includes('segreto'));
});

test('switching to the Register tab', async () => {
  await click(page, 'Register', 'tab');
  await widget(page, 'Provider domain', 'input');
  await widget(page, 'Fetch registration form', 'button');
  await screenshot(page, 'smoke-3-register');
  assert.equal(browser.logs.filter((l) => l.startsWith('[pageerror]')).length, 0, browser.logs.join('\n'));
});
