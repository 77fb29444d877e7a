// XEP-0077 in-band registration against Prosody, through the engine API: fetch the form,
// register, land logged in; a taken name is refused with a plain sentence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startBrowser, openParla } from '../e2e/lib.mjs';
import { newAccount, waitEvent, eventCount, websocketUrl } from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

async function fetchForm(page) {
  const mark = await eventCount(page);
  const error = await page.evaluate((u) => window.parla.register({ domain: 'localhost', websocket: u }), websocketUrl);
  assert.equal(error, '');
  return waitEvent(page, (e) => e.type === 'registration-form' || e.type === 'disconnected', mark);
}

test('the provider\'s form arrives, a new account is registered and logged in at once', async () => {
  const page = await openParla(browser);
  const form = await fetchForm(page);
  assert.equal(form.type, 'registration-form');
  const names = form.form ? form.form.fields.map((f) => f.var) : form.legacy;
  assert.ok(names.includes('username') && names.includes('password'), JSON.stringify(form));
  const name = `nuovo-${randomBytes(4).toString('hex')}`;
  const mark = await eventCount(page);
  await page.evaluate((n) => window.parla.submitRegistration({ username: n, password: 'Segreto-123' }), name);
  const registered = await waitEvent(page, (e) => e.type === 'registered' || e.type === 'registration-failed', mark);
  assert.equal(registered.type, 'registered', JSON.stringify(registered));
  assert.equal(registered.jid, `${name}@localhost`);
  await waitEvent(page, (e) => e.type === 'ready', mark);
  assert.equal((await page.evaluate(() => window.parla.state())).connection, 'online');
  await page.close();

  // The new account works for a normal log-in too.
  const again = await openParla(browser);
  const e = await again.evaluate(([a, u]) => window.parla.logIn({ address: a, password: 'Segreto-123', websocket: u }),
                                 [`${name}@localhost`, websocketUrl]);
  assert.equal(e, '');
  await again.waitForFunction(() => window.parla.state().connection === 'online');
  await again.close();
});

test('a name that is taken is refused in plain words, and the form stays open for another try', async () => {
  const taken = newAccount('preso');
  const page = await openParla(browser);
  await fetchForm(page);
  const mark = await eventCount(page);
  await page.evaluate((n) => window.parla.submitRegistration({ username: n, password: 'whatever-1' }), taken.name);
  const failed = await waitEvent(page, (e) => e.type === 'registration-failed', mark);
  assert.equal(failed.condition, 'conflict');
  assert.match(failed.error, /taken/i);
  assert.equal((await page.evaluate(() => window.parla.state())).connection, 'logging-in', 'still connected');
  // Another name works on the same stream.
  const name = `altro-${randomBytes(4).toString('hex')}`;
  const mark2 = await eventCount(page);
  await page.evaluate((n) => window.parla.submitRegistration({ username: n, password: 'whatever-1' }), name);
  await waitEvent(page, (e) => e.type === 'ready', mark2);
  await page.close();
});
