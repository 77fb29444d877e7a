// The code in two parts (scripts/split.mjs): the log-in screen works from the first part alone,
// a log-in asked for before the second part arrived waits for it, and then goes on by itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startBrowser, siteDir, screenshot, until } from './lib.mjs';
import { newAccount, websocketUrl } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

const query = `?websocket=${encodeURIComponent(websocketUrl)}&domain=localhost&remember=0`;

// Opens Parla with the second part's first request held (any other request for it, the page
// fetching it at once because the first part called into it, goes through and is counted), and
// waits for the first screen. window.parla appears only once all the code is in: until then the
// module's own API is used.
async function openWithCodeHeld(options) {
  const page = await browser.context.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  const code = { asked: 0, held: null };
  await page.route('**/parla.deferred.wasm', (route) => { if (++code.asked === 1) code.held = route; else route.continue(); });
  await page.addInitScript((o) => {
    if (o) window.parlaOptions = o;
    let make;
    Object.defineProperty(window, 'createParla', { configurable: true, get() { return make; },
      set(f) { make = (m) => f(m).then((module) => { window.__parlaModule = module; return module; }); } });
  }, options);
  await page.goto(browser.url + query);
  await page.waitForFunction(() => window.__parlaModule && window.__parlaModule.parla.frameCount() > 0 &&
                                   window.__parlaModule.parla.idle());
  const widgets = () => page.evaluate(() => window.__parlaModule.parla.widgets());
  const settle = () => page.waitForFunction(() => window.__parlaModule.parla.idle());
  return { page, logs, code, widgets, settle };
}

test('the build is split, and the first part is the smaller', () => {
  const first = fs.statSync(path.join(siteDir, 'parla.wasm')).size;
  const rest = fs.statSync(path.join(siteDir, 'parla.deferred.wasm')).size;
  assert.ok(first < rest, `parla.wasm ${first} B, parla.deferred.wasm ${rest} B`);
});

test('the log-in screen works before the rest of the code; a log-in waits for it', async () => {
  const account = newAccount('patient');
  const { page, logs, code, widgets, settle } = await openWithCodeHeld(null);
  const find = async (label, role) => {
    const found = (await widgets()).filter((w) => w.label === label && w.visible && (!role || w.role === role));
    assert.equal(found.length, 1, `one visible ${role} "${label}"`);
    return found[0];
  };
  const click = async (label, role) => {
    const w = await find(label, role);
    await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
    await settle();
  };
  await page.waitForFunction(() => document.getElementById('parla-status').className === 'hidden');
  await until(() => code.asked === 1, 'the rest of the code asked for once the first screen was up');
  assert.equal(await page.evaluate(() => window.parla), undefined, 'no window.parla before all the code is in');

  // A person uses the form: both tabs, the Advanced part, then logs in.
  await click('Register', 'tab');
  await click('Log in', 'tab');
  await click('Advanced', 'tree');
  await click('Advanced', 'tree');
  await click('Address', 'input');
  await page.keyboard.type(account.jid);
  await settle();
  await click('Password', 'input');
  await page.keyboard.type(account.password);
  await settle();
  await click('Log in', 'button');
  await page.waitForFunction(() => window.__parlaModule.parla.widgets().some((w) => w.label === 'Loading the rest of Parla…'));
  await settle();
  // Nothing happened yet: the code for it is not here. (Only the widget list is asked for: the
  // rest of the module's API is in the second part, and would fetch it synchronously.)
  assert.ok(!(await widgets()).some((w) => w.label === 'Log out'));
  assert.equal(code.asked, 1);
  await screenshot(page, 'split-1-waiting');
  assert.equal((await find('Address', 'input')).text, account.jid, 'what was typed stays');

  // The rest arrives: the log-in that waited goes on by itself.
  await code.held.continue();
  await page.waitForFunction(() => window.parla && window.parla.state().connection === 'online');
  await settle();
  await find('Log out', 'button');
  assert.ok(!(await widgets()).some((w) => w.label === 'Loading the rest of Parla…'));
  await screenshot(page, 'split-2-online');
  assert.deepEqual(logs.filter((l) => /placeholder|pageerror|deferred/.test(l)), [],
                   'the first screen never called into the second part');
  await page.close();
});

test('in Italian too, the first screen runs on the first part alone', async () => {
  const { page, logs, code, widgets, settle } = await openWithCodeHeld({ language: 'it' });
  const tabs = (await widgets()).filter((w) => w.role === 'tab' && w.visible);
  assert.deepEqual(tabs.map((w) => w.label), ['Accedi', 'Registrati']);
  for (const w of [...tabs].reverse()) {  // the Register tab, then back
    await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
    await settle();
  }
  const input = (await widgets()).find((w) => w.role === 'input' && w.visible);
  await page.mouse.click(input.x + input.w / 2, input.y + input.h / 2);
  await page.keyboard.type('qualcuno@example.org');
  await settle();
  await screenshot(page, 'split-3-italian');
  await until(() => code.asked >= 1, 'the rest of the code asked for');
  assert.equal(code.asked, 1, 'the second part was fetched only once, after the first screen');
  assert.deepEqual(logs.filter((l) => /placeholder/.test(l)), []);
  await page.close();
});
