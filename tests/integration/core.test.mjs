// The XMPP core against a real Prosody, through the same wasm engine the app runs in
// Chromium: log in, subscribe both ways, presence, 100 messages each way, spoofed roster
// pushes, wrong passwords, stream errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla } from '../e2e/lib.mjs';
import { newAccount, logIn, waitEvent, eventCount, state, websocketUrl } from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

test('a wrong password gives the right error', async () => {
  const page = await openParla(browser);
  const alice = newAccount('alice');
  const e = await logIn(page, { ...alice, password: 'not-the-password', expectFailure: true });
  assert.equal(e.type, 'disconnected');
  assert.equal(e.condition, 'not-authorized');
  assert.match(e.error, /^The address or the password is wrong\./);
  assert.equal((await state(page)).connection, 'offline');
  await page.close();
});

test('an address with no account says so', async () => {
  const page = await openParla(browser);
  const e = await logIn(page, { jid: 'nobody-at-all@localhost', password: 'whatever', expectFailure: true });
  assert.equal(e.condition, 'not-authorized');
  assert.match(e.error, /^There is no account nobody-at-all@localhost/);
  await page.close();
});

test('no server at the address: the error says what was tried', async () => {
  const page = await openParla(browser);
  const alice = newAccount('alice');
  const e = await page.evaluate(([a, p]) => window.parla.logIn({ address: a, password: p,
    websocket: 'ws://127.0.0.1:9/xmpp-websocket' }), [alice.jid, alice.password]);
  assert.equal(e, '');
  await page.waitForFunction(() => window.parla.state().connection === 'offline' && window.parla.state().error);
  assert.match((await state(page)).error, /ws:\/\/127\.0\.0\.1:9\/xmpp-websocket/);
  await page.close();
});

test('two people subscribe to each other, see presence, and exchange 100 messages each way', async () => {
  const pa = await openParla(browser);
  const pb = await openParla(browser);
  const alice = newAccount('alice');
  const bob = newAccount('bob');
  assert.equal((await logIn(pa, alice)).type, 'ready');
  assert.equal((await logIn(pb, bob)).type, 'ready');

  // Alice adds Bob: a roster item pending until Bob answers.
  let mark = await eventCount(pb);
  assert.ok(await pa.evaluate((j) => window.parla.contact('add', j, 'Bob'), bob.jid));
  await pa.waitForFunction((j) => window.parla.state().roster.some((c) => c.jid === j && c.pending), bob.jid);
  await waitEvent(pb, (e) => e.type === 'subscription-request', mark);
  assert.deepEqual((await state(pb)).requests.map((r) => r.from), [alice.jid]);

  // Bob accepts (and asks back); Alice approves Bob's request; both end with 'both'.
  assert.ok(await pb.evaluate((j) => window.parla.contact('accept', j), alice.jid));
  await waitEvent(pa, (e) => e.type === 'subscription-request');
  assert.ok(await pa.evaluate((j) => window.parla.contact('accept', j), bob.jid));
  for (const [page, other] of [[pa, bob.jid], [pb, alice.jid]]) {
    await page.waitForFunction((j) => window.parla.state().roster.some((c) => c.jid === j && c.subscription === 'both'
      && c.presence !== 'offline'), other);
  }

  // Presence changes travel.
  mark = await eventCount(pa);
  assert.ok(await pb.evaluate(() => window.parla.setPresence('away', 'a pranzo')));
  await pa.waitForFunction((j) => window.parla.state().roster.some((c) => c.jid === j && c.presence === 'away'
    && c.status === 'a pranzo'), bob.jid);

  // 100 messages each way, interleaved: all arrive once, in order.
  const n = 100;
  const markA = await eventCount(pa), markB = await eventCount(pb);
  for (let i = 0; i < n; i++) {
    await pa.evaluate(([j, b]) => window.parla.send(j, b), [bob.jid, `a→b ${i} perché`]);
    await pb.evaluate(([j, b]) => window.parla.send(j, b), [alice.jid, `b→a ${i} Жора`]);
  }
  const received = async (page, mark, prefix) => {
    await page.waitForFunction(([m, p, count]) => window.parla.events.slice(m)
      .filter((e) => e.type === 'message' && e.body.startsWith(p)).length >= count, [mark, prefix, n], { timeout: 30000 });
    return page.evaluate(([m, p]) => window.parla.events.slice(m)
      .filter((e) => e.type === 'message' && e.body.startsWith(p)).map((e) => e.body), [mark, prefix]);
  };
  const atBob = await received(pb, markB, 'a→b');
  const atAlice = await received(pa, markA, 'b→a');
  assert.deepEqual(atBob, Array.from({ length: n }, (_, i) => `a→b ${i} perché`));
  assert.deepEqual(atAlice, Array.from({ length: n }, (_, i) => `b→a ${i} Жора`));

  // A roster push from someone else (Alice, to Bob's full JID) is ignored and refused.
  const bobFull = (await state(pb)).jid;
  const before = (await state(pb)).roster.map((c) => c.jid);
  mark = await eventCount(pa);
  const id = await pa.evaluate((to) => window.parla.sendRaw(`<iq type='set' to='${to}'>` +
    `<query xmlns='jabber:iq:roster'><item jid='mallory@localhost' subscription='both'/></query></iq>`), bobFull);
  assert.ok(id);
  const answer = await waitEvent(pa, new Function('e', `return e.type.startsWith('iq-') && e.id === ${JSON.stringify(id)}`), mark);
  assert.equal(answer.type, 'iq-error');
  assert.equal(answer.condition, 'service-unavailable');
  assert.deepEqual((await state(pb)).roster.map((c) => c.jid), before);

  await pa.close();
  await pb.close();
});

test('a server that ends the stream with an error: the person is told why', async () => {
  // The same resource logged in twice: Prosody ends the older session with <conflict/>.
  const p1 = await openParla(browser);
  const p2 = await openParla(browser);
  const carol = newAccount('carol');
  const withResource = { ...carol, jid: `${carol.jid}/desk` };
  assert.equal((await logIn(p1, withResource)).type, 'ready');
  const mark = await eventCount(p1);
  assert.equal((await logIn(p2, withResource)).type, 'ready');
  const e = await waitEvent(p1, (e) => e.type === 'disconnected', mark);
  assert.equal(e.condition, 'conflict');
  assert.match(e.error, /logged in from somewhere else/);
  await p1.close();
  await p2.close();
});

test('a message to an account that does not exist bounces with a plain reason', async () => {
  const page = await openParla(browser);
  const alice = newAccount('alice');
  await logIn(page, alice);
  const mark = await eventCount(page);
  const id = await page.evaluate(() => window.parla.send('nessuno@localhost', 'ci sei?'));
  const failed = await waitEvent(page, new Function('e', `return e.type === 'message-failed' && e.id === ${JSON.stringify(id)}`), mark);
  assert.equal(failed.condition, 'service-unavailable');
  assert.equal(failed.error, 'The service is not available.');
  await page.close();
});
