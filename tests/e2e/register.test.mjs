// Registering through the screen, as the manual says: Register tab, provider domain,
// Fetch registration form, fill it in, Register — and you are logged in at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startBrowser, openParla, widget, widgets, click, type, press, screenshot, settle } from './lib.mjs';
import { newAccount, websocketUrl } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser({ viewport: { width: 1000, height: 900 } }); });
after(async () => { if (browser) await browser.close(); });

const query = `?websocket=${encodeURIComponent(websocketUrl)}`;

async function openForm(page) {
  await click(page, 'Register', 'tab');
  await click(page, 'Provider domain', 'input');
  await type(page, 'localhost');
  await click(page, 'Fetch registration form', 'button');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.label === 'Your name at this provider'));
  await settle(page);
}

async function fill(page, name, password, again = password) {
  await click(page, 'Your name at this provider', 'input');
  await press(page, 'Control+A');
  await type(page, name);
  await click(page, 'Password', 'input');
  await press(page, 'Control+A');
  await type(page, password);
  await click(page, 'Password again', 'input');
  await press(page, 'Control+A');
  await type(page, again);
}

test('fetch the form, register, and land logged in on the contacts', async () => {
  const page = await openParla(browser, query);
  await openForm(page);
  // Prosody on loopback offers SCRAM-SHA-1 and open sign-ups: a fair score, said in words.
  const score = (await widgets(page)).find((w) => w.role === 'score');
  assert.equal(score.label, 'Security score 50/100, fair');
  await screenshot(page, 'register-1-form');
  const name = `giulietta-${randomBytes(3).toString('hex')}`;
  await fill(page, name, 'Capuleti-1597');
  await click(page, 'Register', 'button');
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  await settle(page);
  assert.equal((await page.evaluate(() => window.parla.state())).jid.split('/')[0], `${name}@localhost`);
  await widget(page, 'Add a contact', 'button');
  await screenshot(page, 'register-2-logged-in');
  await page.close();
});

test('a taken name is said next to the form, and what was typed stays', async () => {
  const taken = newAccount('romeo');
  const page = await openParla(browser, query);
  await openForm(page);
  await fill(page, taken.name, 'Montecchi-1597');
  await click(page, 'Register', 'button');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'error'));
  await settle(page);
  const error = (await widgets(page)).find((w) => w.role === 'error');
  assert.match(error.label, /taken/i);
  assert.equal((await widget(page, 'Your name at this provider', 'input')).text, taken.name);
  await screenshot(page, 'register-3-taken');
  await page.close();
});

test('different passwords keep Register disabled', async () => {
  const page = await openParla(browser, query);
  await openForm(page);
  await fill(page, 'chiunque', 'Uno-12345678', 'Due-12345678');
  await settle(page);
  const errors = (await widgets(page)).filter((w) => w.role === 'error').map((w) => w.label);
  assert.ok(errors.includes('The two passwords differ.'));
  await click(page, 'Register', 'button');
  assert.equal((await page.evaluate(() => window.parla.state())).connection, 'logging-in', 'nothing was submitted');
  await page.close();
});

test('the score bar lists every criterion with why it matters when clicked', async () => {
  const page = await openParla(browser, query);
  await openForm(page);
  assert.equal((await widgets(page)).filter((w) => w.role.startsWith('check-')).length, 0, 'folded at first');
  await click(page, 'Security score', 'button');
  const checks = (await widgets(page)).filter((w) => w.role.startsWith('check-'));
  assert.deepEqual(checks.map((w) => `${w.role}:${w.label}`), [
    'check-pass:Connection stays on this computer',
    'check-fail:Passwords checked with SCRAM-SHA-1 only (older)',
    'check-fail:No channel binding offered',
    'check-fail:Anyone can sign up without a check (spam risk)',
  ]);
  await screenshot(page, 'register-4-score-why');
  await page.close();
});

test('providers are suggested while typing; a web-only provider gets its sign-up page instead of a form', async () => {
  const page = await openParla(browser, query);
  await click(page, 'Register', 'tab');
  await click(page, 'Provider domain', 'input');
  // The XMPP Providers list (a fixture here) arrives; typing narrows the suggestions.
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'option' && w.label === 'lettere.example'));
  await type(page, 'lett');
  const options = (await widgets(page)).filter((w) => w.role === 'option').map((w) => w.label);
  assert.deepEqual(options, ['lettere.example']);
  await screenshot(page, 'register-5-suggestions');
  await click(page, 'lettere.example', 'option');
  assert.equal((await widget(page, 'Provider domain', 'input')).text, 'lettere.example');
  await widget(page, "Open the provider's sign-up page", 'button');
  assert.ok(!(await widgets(page)).some((w) => w.label === 'Fetch registration form'), 'no form for a web-only provider');
  await screenshot(page, 'register-6-web-only');

  // Our own list is there too, and an in-app provider gets the usual button.
  await click(page, 'Provider domain', 'input');
  await press(page, 'Control+A');
  await type(page, 'yax');
  await click(page, 'yax.im', 'option');
  await widget(page, 'Fetch registration form', 'button');
  await page.close();
});
