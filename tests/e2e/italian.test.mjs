// Italian: the page's `language` option picks the catalog; every label a person reads (and
// the registry lists) is Italian; the language combo switches to English at once, keeping
// the open tab, and <html lang> follows. Logged in (test Prosody): the tabs, a chat with its
// day heading in Italian, and the combo in the Account tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widgets, widget, click, type, press, screenshot, settle } from './lib.mjs';
import { newAccount, logIn, websocketUrl } from '../integration/lib.mjs';

let browser, page;
before(async () => {
  browser = await startBrowser({ viewport: { width: 1100, height: 720 } });
  // As an embedding page sets it, before Parla loads (shell/index.html passes it on).
  await browser.context.addInitScript(() => { window.parlaOptions = { language: 'it' }; });
  page = await openParla(browser, `?websocket=${encodeURIComponent(websocketUrl)}&domain=localhost`);
});
after(async () => { if (browser) await browser.close(); });

const htmlLang = (p) => p.evaluate(() => document.documentElement.lang);

test('the log-in form is in Italian', async () => {
  await screenshot(page, 'italian-1-accedi');
  assert.equal(await htmlLang(page), 'it');
  assert.ok((await widget(page, 'Accedi', 'tab')).visible);
  await widget(page, 'Registrati', 'tab');
  await widget(page, 'Indirizzo', 'input');
  await widget(page, 'Password', 'input');
  await widget(page, 'Accedi', 'button');
  await widget(page, 'Avanzate', 'tree');
  await widget(page, 'Lingua', 'combo');
  const labels = (await widgets(page)).map((w) => w.label);
  for (const english of ['Log in', 'Register', 'Address', 'Advanced', 'Language']) {
    assert.ok(!labels.includes(english), `no English "${english}" left`);
  }
  assert.ok(!labels.some((l) => l.includes('##')), 'no ImGui id shows in a label');
});

test('an empty form says why, in Italian', async () => {
  await click(page, 'Accedi', 'button');
  const error = (await widgets(page)).find((w) => w.role === 'error');
  assert.equal(error && error.label, "L'indirizzo è vuoto.");
});

test('the Register tab in Italian', async () => {
  await click(page, 'Registrati', 'tab');
  await widget(page, 'Dominio del provider', 'input');
  await widget(page, 'Richiedi il modulo di registrazione', 'button');
  await screenshot(page, 'italian-2-registrati');
});

test('the language combo switches to English at once, on the same tab', async () => {
  await click(page, 'Lingua', 'combo');
  await widget(page, 'Italiano', 'option');
  await screenshot(page, 'italian-3-combo');
  await click(page, 'English', 'option');
  await widget(page, 'Register', 'tab');
  await widget(page, 'Provider domain', 'input');  // still the Register tab
  await widget(page, 'Fetch registration form', 'button');
  await widget(page, 'Language', 'combo');
  assert.equal(await htmlLang(page), 'en');
  await screenshot(page, 'italian-4-english');
  // And back.
  await click(page, 'Language', 'combo');
  await click(page, 'Italiano', 'option');
  await widget(page, 'Dominio del provider', 'input');
  assert.equal(await htmlLang(page), 'it');
});

test('logged in, in Italian: the tabs, a chat with its day heading, the Account tab', async () => {
  const anna = newAccount('anna');
  const bruno = newAccount('bruno');
  await click(page, 'Accedi', 'tab');
  await click(page, 'Indirizzo', 'input');
  await type(page, anna.jid);
  await click(page, 'Password', 'input');
  await type(page, anna.password);
  await press(page, 'Enter');
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  await settle(page);
  await widget(page, 'Esci', 'button');
  await widget(page, 'Contatti', 'tab');
  await widget(page, 'Gruppi', 'tab');
  await widget(page, 'Aggiungi un contatto', 'button');
  await widget(page, 'Presenza', 'combo');

  // Someone not in the contacts writes: the chat opens in the background; open it.
  const other = await openParla(browser);
  await logIn(other, bruno);
  await other.evaluate(([to]) => window.parla.send(to, 'Ciao Anna! Come va?'), [anna.jid]);
  await page.bringToFront();
  await page.waitForFunction((j) => window.parla.widgets().some((w) => w.role === 'tab' && w.label === j), bruno.jid);
  await settle(page);
  await click(page, bruno.jid, 'tab');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.label === 'Ciao Anna! Come va?'));
  await settle(page);
  const day = (await widgets(page)).find((w) => w.role === 'day');
  assert.ok(day, 'a day heading');
  assert.match(day.label, /^(lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica) \d{1,2} (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) \d{4}$/);
  await widget(page, 'Messaggio', 'input');
  await widget(page, 'Invia', 'button');
  await click(page, 'Messaggio', 'input');
  await type(page, 'Bene, grazie!');
  await press(page, 'Enter');
  await screenshot(page, 'italian-5-chat');

  await click(page, 'Gruppi', 'tab');
  await widget(page, 'Entra nel gruppo', 'button');
  await click(page, 'Account', 'tab');
  await widget(page, 'Nuova password', 'input');
  await widget(page, 'Lingua', 'combo');
  await screenshot(page, 'italian-6-account');
  await click(page, 'Lingua', 'combo');
  await click(page, 'English', 'option');
  await widget(page, 'New password', 'input');  // the Account tab stays open
  await widget(page, 'Log out', 'button');
  assert.equal(await htmlLang(page), 'en');
  assert.equal(browser.logs.filter((l) => l.startsWith('[pageerror]')).length, 0, browser.logs.join('\n'));
});
