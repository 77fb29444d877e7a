// Never lose a message (first part): a TCP proxy between the page and Prosody cuts the
// connection at chosen moments. The session comes back by itself (XEP-0198 resumption, or a new
// session), the screen says so meanwhile, and every message arrives exactly once, in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startBrowser, openParla, widgets, settle, screenshot } from './lib.mjs';
import { newAccount, logIn, websocketUrl } from '../integration/lib.mjs';

// A loopback TCP proxy to the test Prosody: cut() drops every open connection; down(true)
// refuses new ones (the network is gone) until down(false).
function proxy() {
  const target = new URL(websocketUrl.replace('ws:', 'http:'));
  const open = new Set();
  let refusing = false;
  const server = net.createServer((c) => {
    if (refusing) { c.destroy(); return; }
    const s = net.connect(Number(target.port), target.hostname);
    const pair = { c, s };
    open.add(pair);
    const end = () => { c.destroy(); s.destroy(); open.delete(pair); };
    c.on('error', end); s.on('error', end); c.on('close', end); s.on('close', end);
    c.pipe(s); s.pipe(c);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `ws://127.0.0.1:${server.address().port}${target.pathname}`,
    cut() { for (const p of [...open]) { p.c.destroy(); p.s.destroy(); } open.clear(); },
    down(v) { refusing = v; },
    close() { return new Promise((r) => server.close(r)); },
  })));
}

let browser, relay;
before(async () => { browser = await startBrowser(); relay = await proxy(); });
after(async () => { if (browser) await browser.close(); if (relay) await relay.close(); });

const countOf = (page, type) => page.evaluate((t) => window.parla.events.filter((e) => e.type === t).length, type);

test('cut five times while messages flow both ways: each arrives once, in order, and none shows as failed', async () => {
  const me = newAccount('utente');
  const bot = newAccount('bot');
  const page = await openParla(browser);
  await logIn(page, me, relay.url);
  const other = await openParla(browser);
  await logIn(other, bot);  // straight to the server
  await page.evaluate((j) => window.parla.contact('add', j), bot.jid);  // not needed to chat; exercises the roster

  let sentByBot = 0, sentByMe = 0;
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 10; i++) await other.evaluate(([to, n]) => window.parla.send(to, `dal bot ${n}`), [me.jid, sentByBot++]);
    const drops = await page.evaluate(() => window.parla.events.filter((e) => e.type === 'connection-lost' || e.type === 'disconnected').length);
    relay.cut();
    // The page notices the drop (its WebSocket closes) before anything else happens.
    await page.waitForFunction((n) => window.parla.events.filter((e) => e.type === 'connection-lost' || e.type === 'disconnected').length > n, drops);
    // While the connection is down the person writes; it is kept and goes when the session is back.
    for (let i = 0; i < 2; i++) await page.evaluate(([to, n]) => window.parla.send(to, `da me ${n}`), [bot.jid, sentByMe++]);
    await page.waitForFunction(() => window.parla.state().connection === 'online');
  }
  await page.waitForFunction((n) => window.parla.events.filter((e) => e.type === 'message').length >= n, sentByBot);
  await other.waitForFunction((n) => window.parla.events.filter((e) => e.type === 'message').length >= n, sentByMe);
  await settle(page);
  const got = await page.evaluate(() => window.parla.events.filter((e) => e.type === 'message').map((e) => e.body));
  assert.deepEqual(got, Array.from({ length: sentByBot }, (_, i) => `dal bot ${i}`), 'the bot\'s messages: once each, in order');
  const back = await other.evaluate(() => window.parla.events.filter((e) => e.type === 'message').map((e) => e.body));
  assert.deepEqual(back, Array.from({ length: sentByMe }, (_, i) => `da me ${i}`), 'mine: once each, in order');
  assert.ok((await countOf(page, 'resumed')) + (await countOf(page, 'ready')) >= 5, 'came back after every cut');
  assert.equal(await countOf(page, 'message-failed'), 0);
  assert.ok(!(await widgets(page)).some((w) => w.role === 'error'), 'nothing shown as failed');
  await page.close();
  await other.close();
});

test('while the network stays down the screen says so and offers Retry now; messages wait and go after', async () => {
  const me = newAccount('paziente');
  const bot = newAccount('eco');
  const page = await openParla(browser);
  await logIn(page, me, relay.url);
  const other = await openParla(browser);
  await logIn(other, bot);
  await page.bringToFront();
  relay.down(true);
  relay.cut();
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'connection'));
  await settle(page);
  const line = (await widgets(page)).find((w) => w.role === 'connection').label;
  assert.match(line, /Connection lost/);
  await page.evaluate((to) => window.parla.send(to, 'scritto offline'), bot.jid);
  await screenshot(page, 'reconnect-1-offline');
  relay.down(false);
  await page.bringToFront();
  const retry = (await widgets(page)).find((w) => w.label === 'Retry now');
  if (retry) await page.mouse.click(retry.x + retry.w / 2, retry.y + retry.h / 2);
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  await other.waitForFunction(() => window.parla.events.some((e) => e.type === 'message' && e.body === 'scritto offline'));
  assert.equal(await other.evaluate(() => window.parla.events.filter((e) => e.type === 'message').length), 1);
  await settle(page);
  assert.ok(!(await widgets(page)).some((w) => w.role === 'connection'), 'the line is gone');
  await page.close();
  await other.close();
});
