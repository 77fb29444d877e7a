// XEP-0077 §3.3 and §3.2 on Prosody: change the password and log in again with it (the
// old one refused); delete the account (its address typed out) and find it gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla } from '../e2e/lib.mjs';
import { newAccount, logIn, waitEvent, eventCount } from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

async function notice(page) {
  await page.waitForFunction(() => {
    const n = window.parla.accountNotice();
    return !n.busy && n.kind !== 'none' && !/…$/.test(n.text);
  }, null, { timeout: 20000 });
  return page.evaluate(() => window.parla.accountNotice());
}

test('a changed password works at the next log-in and the old one no longer does', async () => {
  const me = newAccount('cambio');
  const page = await openParla(browser);
  await logIn(page, me);
  await page.evaluate(() => window.parla.changePassword('Nuova-Parola-9', 'Nuova-Parola-8'));
  assert.deepEqual(await page.evaluate(() => window.parla.accountNotice()),
                   { kind: 'error', text: 'The two passwords differ.', busy: false });
  await page.evaluate(() => window.parla.changePassword('Nuova-Parola-9'));
  const n = await notice(page);
  assert.equal(n.kind, 'info', n.text);
  assert.match(n.text, /password was changed/);
  await page.close();

  const old = await openParla(browser);
  const refused = await logIn(old, { ...me, expectFailure: true });
  assert.equal(refused.type, 'disconnected');
  assert.equal(refused.condition, 'not-authorized');
  await old.close();

  const fresh = await openParla(browser);
  const ok = await logIn(fresh, { ...me, password: 'Nuova-Parola-9' });
  assert.equal(ok.type, 'ready');
  await fresh.close();
});

test('deleting the account needs its address, then the account is gone from the server', async () => {
  const me = newAccount('addio');
  const page = await openParla(browser);
  await logIn(page, me);
  await page.evaluate(() => window.parla.deleteAccount('someone-else@localhost'));
  const wrong = await page.evaluate(() => window.parla.accountNotice());
  assert.equal(wrong.kind, 'error');
  assert.match(wrong.text, new RegExp(`Type your address, ${me.jid}`));
  assert.equal((await page.evaluate(() => window.parla.state())).connection, 'online');

  const mark = await eventCount(page);
  await page.evaluate((a) => window.parla.deleteAccount(a), me.jid);
  await waitEvent(page, (e) => e.type === 'disconnected', mark);
  await page.waitForFunction(() => window.parla.state().connection === 'offline');
  const n = await page.evaluate(() => window.parla.accountNotice());
  assert.deepEqual(n, { kind: 'info', text: `The account ${me.jid} was deleted.`, busy: false });
  await page.close();

  const again = await openParla(browser);
  const refused = await logIn(again, { ...me, expectFailure: true });
  assert.equal(refused.type, 'disconnected');
  assert.equal(refused.condition, 'not-authorized');
  await again.close();
});
