// Never lose a message (first part): a TCP proxy between the page and Prosody cuts the
// connection at random moments. The session comes back by itself (XEP-0198 resumption, or a new
// session), the screen says so meanwhile, and every message arrives exactly once, in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startBrowser, openParla, artifacts, widgets, settle, screenshot, click, faultProxy, testSeed, seededRandom,
  chatOnScreen, tally, tallyLine, conversation, conversationHolds,
} from './lib.mjs';
import { newAccount, logIn, websocketUrl } from '../integration/lib.mjs';

let browser, relay;
before(async () => { browser = await startBrowser(); relay = await faultProxy(websocketUrl); });
after(async () => { if (browser) await browser.close(); if (relay) await relay.close(); });

const countOf = (page, type) => page.evaluate((t) => window.parla.events.filter((e) => e.type === t).length, type);
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

// The fault test. PARLA_SEED=n replays a run's random choices; PARLA_DEBUG=1 logs the
// page's frames into the file written when something is missing.
test('cut 20 times at random moments while the bot sends 1,000 messages and the user 200: each arrives once, in order, none shows as failed', async () => {
  const seed = testSeed();
  const rnd = seededRandom(seed);
  console.log(`reconnect fault test: seed ${seed} (PARLA_SEED=${seed} replays its random choices)`);
  const started = Date.now();
  const BOT = 1000, MINE = 200, CUTS = 20;
  const me = newAccount('utente');
  const bot = newAccount('bot');
  const page = await openParla(browser, process.env.PARLA_DEBUG ? '?debug=1' : '');
  await logIn(page, me, relay.url);
  const other = await openParla(browser);
  await logIn(other, bot);  // straight to the server
  await page.evaluate((j) => window.parla.contact('add', j), bot.jid);  // not needed to chat; exercises the roster

  const botSent = Array.from({ length: BOT }, (_, i) => `dal bot ${i}`);
  const mineSent = Array.from({ length: MINE }, (_, i) => `da me ${i}`);
  const refused = [];  // sends the app neither sent nor kept (""); what it returns otherwise is its own
  const send = async (from, to, body) => {
    const r = await from.evaluate(([t, b]) => window.parla.send(t, b), [to, body]);
    if (!r) refused.push(body);
  };
  // Both sides write in CUTS + 1 stretches, at once and each at its own random pace; during each
  // of the first CUTS stretches the proxy cuts once, at a random point: after a random message of
  // the bot's, a random number of bytes later (in the middle of whatever passes: a frame from
  // the server cut short, or a frame of the page's lost on its way; see faultProxy). Now and then the cut comes instead a few hundred bytes into the page's
  // next connection (in the middle of logging in or resuming). A stretch begins once the page is
  // back online after the cut before; what is written after a cut in its stretch is written
  // while the page is away.
  const stretch = (n, j) => [Math.floor((n * j) / (CUTS + 1)), Math.floor((n * (j + 1)) / (CUTS + 1))];
  const cuts = { live: 0, comingBack: 0, late: 0 };
  const backOnline = async (connectionsAtCut) => {
    await relay.connectionAfter(connectionsAtCut);
    await page.waitForFunction(() => window.parla.state().connection === 'online', null, { timeout: 60000 });
  };
  let early = null;  // a cut armed for the page's next connection
  for (let j = 0; j <= CUTS; j++) {
    const [b0, b1] = stretch(BOT, j), [m0, m1] = stretch(MINE, j);
    const cutting = j < CUTS && !early;
    const cutAtMessage = rnd.int(b0, b1 - 1);
    let cut = early;  // resolves when the cut was made
    const botWrites = (async () => {
      for (let i = b0; i < b1; i++) {
        if (cutting && i === cutAtMessage) cut = relay.cutAfter(rnd.int(1, Math.max(1, (b1 - i) * 250)));
        await send(other, me.jid, botSent[i]);
        if (rnd() < 0.3) await delay(rnd.int(0, 20));
      }
    })();
    const myWrites = (async () => {
      for (let i = m0; i < m1; i++) {
        await delay(rnd.int(0, 60));
        await send(page, bot.jid, mineSent[i]);
      }
    })();
    await Promise.all([botWrites, myWrites]);
    if (j === CUTS) break;
    let connections;
    if (!early && relay.cutting()) {  // rarely, fewer bytes passed than chosen: the cut comes now
      cuts.late++;
      relay.cancelCut();
      connections = relay.connections;
      relay.cut();
    } else {
      connections = await cut;
      if (early) cuts.comingBack++; else cuts.live++;
    }
    early = j + 1 < CUTS && rnd() < 0.2 ? relay.cutAfter(rnd.int(1, 1500)) : null;
    if (!early) await backOnline(connections);
  }
  await backOnline(0);
  const flowSeconds = (Date.now() - started) / 1000;

  // The end: each side's conversation holds all both wrote (or a minute passes: then the counts
  // say what is missing). Then each is checked whole, as the page has it (live messages and what
  // the archive filled in after a new session), and the user's screen is read through.
  await Promise.all([conversationHolds(page, bot.jid, botSent.concat(mineSent)), conversationHolds(other, me.jid, mineSent.concat(botSent))]);
  const userChat = await conversation(page, bot.jid), botChat = await conversation(other, me.jid);
  const bodies = (list, outgoing) => list.filter((m) => m.outgoing === outgoing).map((m) => m.body);
  const toMe = tally(botSent, bodies(userChat, false)), toBot = tally(mineSent, bodies(botChat, false));
  const mineKept = tally(mineSent, bodies(userChat, true)), botKept = tally(botSent, bodies(botChat, true));
  const states = (list) => Object.entries(list.filter((m) => m.outgoing).reduce((n, m) => ({ ...n, [m.state]: (n[m.state] || 0) + 1 }), {}))
    .map(([k, v]) => `${v} ${k}`).join(', ');
  const failed = userChat.concat(botChat).filter((m) => m.state === 'failed').map((m) => m.body);
  const failedEvents = (await countOf(page, 'message-failed')) + (await countOf(other, 'message-failed'));
  await page.bringToFront();
  await settle(page);
  await click(page, bot.jid, 'tab');
  const t0 = Date.now();
  const shown = await chatOnScreen(page);
  const readSeconds = (Date.now() - t0) / 1000;
  await screenshot(page, 'reconnect-0-after-cuts');
  const onScreen = { in: shown.filter((w) => w.role === 'message-in').map((w) => w.label),
                     out: shown.filter((w) => w.role === 'message-out').map((w) => w.label),
                     failed: shown.filter((w) => w.role === 'error').map((w) => w.label) };
  const comebacks = { resumed: await countOf(page, 'resumed'), newSessions: (await countOf(page, 'ready')) - 1 };
  console.log(`reconnect fault test (seed ${seed}): ${cuts.live + cuts.comingBack + cuts.late} cuts (${cuts.live} in the flow, ` +
              `${cuts.comingBack} while coming back, ${cuts.late} at a stretch's end), ${comebacks.resumed} resumed, ` +
              `${comebacks.newSessions} new sessions; bot→user: ${tallyLine(toMe)}; user→bot: ${tallyLine(toBot)}; ` +
              `failed: ${failed.length}; ${flowSeconds.toFixed(1)} s of flow, the user's screen read in ${readSeconds.toFixed(1)} s`);
  console.log(`reconnect fault test: the user's messages ${states(userChat)}; the bot's ${states(botChat)}`);
  const bad = (t) => t.lost || t.duplicated || t.unknown || !t.inOrder;
  if (bad(toMe) || bad(toBot) || bad(mineKept) || bad(botKept) || failed.length || failedEvents || refused.length) {
    // For the report: each page's events but messages and acks, in order, each with how many
    // messages came before it; the page's frames with PARLA_DEBUG=1.
    const log = (p) => p.evaluate(() => { let n = 0; return window.parla.events.map((e) => {
      if (e.type === 'message' || e.type === 'message-sent') { n++; return null; }
      if (e.type === 'acked' || e.type === 'presence' || e.type === 'roster') return null;
      return { after: n, ...e };
    }).filter(Boolean); });
    const file = path.join(artifacts, `reconnect-fault-${seed}.json`);
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ seed, toMe, toBot, mineKept, botKept, userChat, botChat, onScreen,
      pageEvents: await log(page), botEvents: await log(other), console: browser.logs }, null, 1));
    console.log(`reconnect fault test: what happened is in ${file}`);
  }
  const clean = (n) => ({ sent: n, received: n, duplicated: 0, lost: 0, unknown: 0, inOrder: true });
  const pick = ({ sent, received, duplicated, lost, unknown, inOrder }) => ({ sent, received, duplicated, lost, unknown, inOrder });
  assert.deepEqual(refused, [], 'every send was taken');
  assert.deepEqual(pick(toMe), clean(BOT), `the bot's messages at the user's (seed ${seed}): ${tallyLine(toMe)}; first lost: ${toMe.firstLost.join(', ')}`);
  assert.deepEqual(pick(toBot), clean(MINE), `the user's messages at the bot's (seed ${seed}): ${tallyLine(toBot)}; first lost: ${toBot.firstLost.join(', ')}`);
  assert.deepEqual(pick(mineKept), clean(MINE), `the user's own messages in the user's chat: ${tallyLine(mineKept)}`);
  assert.deepEqual(pick(botKept), clean(BOT), `the bot's own messages in the bot's chat: ${tallyLine(botKept)}`);
  assert.deepEqual(failed, [], 'none failed');
  assert.equal(failedEvents, 0, 'no message-failed event');
  assert.deepEqual(onScreen.in, bodies(userChat, false), 'the screen shows the bot\'s messages as the chat has them');
  assert.deepEqual(onScreen.out, bodies(userChat, true), 'the screen shows the user\'s own as the chat has them');
  assert.deepEqual(onScreen.failed, [], 'none shown as not delivered');
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
