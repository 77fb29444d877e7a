// Never lose a message (server restart): the server stops in the middle of a conversation, while
// both sides are writing, and starts again. Each page comes back with a new session (XEP-0198
// cannot resume what a restarted server forgot); what each side wrote meanwhile goes after; what
// the bot wrote while the user was still away reaches the user from the archive (XEP-0313
// catch-up): every message once, in order, none failed. The test has a Prosody of its own: the
// other test files share the main one and must not see it stop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startBrowser, openParla, artifacts, settle, screenshot, click, faultProxy, testSeed, seededRandom, chatOnScreen,
  tally, tallyLine, ownProsody, conversation, conversationHolds, until,
} from './lib.mjs';
import { logIn } from '../integration/lib.mjs';

let browser, server, relay, botRelay;
before(async () => {
  server = await ownProsody('restart');
  await server.start();
  browser = await startBrowser();
  relay = await faultProxy(server.url);  // the user's way in: kept shut while the bot alone comes back
  botRelay = await faultProxy(server.url, { frames: true });  // the bot's: holds its new session's bind back a moment
});
after(async () => {
  if (browser) await browser.close();
  if (relay) await relay.close();
  if (botRelay) await botRelay.close();
  if (server) await server.remove();
});

const delay = (ms) => new Promise((r) => setTimeout(r, ms));
const events = (page, types, from = 0) => page.evaluate(([t, n]) => window.parla.events.slice(n).filter((e) => t.includes(e.type)), [types, from]);
const eventCount = (page) => page.evaluate(() => window.parla.events.length);
const ackedCount = (page) => page.evaluate(() => window.parla.events.filter((e) => e.type === 'acked').reduce((n, e) => n + e.ids.length, 0));

test('the server restarts while both sides write: new sessions, what was written meanwhile goes after, the archive fills the gap, each message once and in order', async () => {
  const seed = testSeed();
  const rnd = seededRandom(seed);
  console.log(`restart test: seed ${seed} (PARLA_SEED=${seed} replays its random choices)`);
  const started = Date.now();
  const me = await server.account('utente');
  const bot = await server.account('bot');
  const page = await openParla(browser, process.env.PARLA_DEBUG ? '?debug=1' : '');
  await logIn(page, me, relay.url);
  const other = await openParla(browser);
  await logIn(other, bot, botRelay.url);
  await page.evaluate((j) => window.parla.contact('add', j), bot.jid);

  const botSent = [], mineSent = [], refused = [];
  const write = async (from, to, list, prefix) => {
    const body = `${prefix} ${list.length}`;
    list.push(body);
    if (!(await from.evaluate(([t, b]) => window.parla.send(t, b), [to, body]))) refused.push(body);
  };
  // Before: a conversation, all of it live (the archive ids the catch-up starts from).
  for (let i = 0; i < 20; i++) await write(other, me.jid, botSent, 'dal bot');
  for (let i = 0; i < 10; i++) await write(page, bot.jid, mineSent, 'da me');
  await page.waitForFunction(() => window.parla.events.filter((e) => e.type === 'message').length >= 20);
  await other.waitForFunction(() => window.parla.events.filter((e) => e.type === 'message').length >= 10);

  // Both write at their own random paces until told to stop, through everything that follows.
  let writing = true;
  const writer = (from, to, list, prefix, lo, hi) => (async () => {
    while (writing) {
      await write(from, to, list, prefix);
      await delay(rnd.int(lo, hi));
    }
  })();
  const writers = [writer(other, me.jid, botSent, 'dal bot', 10, 60), writer(page, bot.jid, mineSent, 'da me', 20, 120)];
  const grown = (list, n) => { const k = list.length + n; return until(() => list.length >= k, `${n} more messages`); };

  // The server stops in the middle of it (and the user's way in stays shut from now until the
  // bot has written to the user's empty account for a while).
  await grown(botSent, rnd.int(10, 40));
  const [pageFrom, botFrom] = [await eventCount(page), await eventCount(other)];
  relay.down(true);
  const stopping = server.stop();
  const lost = (p, from) => p.waitForFunction((n) => window.parla.events.slice(n)
    .some((e) => e.type === 'disconnected' || e.type === 'connection-lost'), from, { timeout: 30000 });
  await Promise.all([lost(page, pageFrom), lost(other, botFrom), stopping]);
  const down = { bot: botSent.length, mine: mineSent.length };
  await grown(botSent, 10);  // written while the server is down
  await grown(mineSent, 3);
  down.botWritten = botSent.length - down.bot;
  down.mineWritten = mineSent.length - down.mine;
  // When the bot comes back, the server answers its try to resume with <failed/> and the bot
  // binds a new session: the answer to that bind is kept back until the bot has written a few
  // more (written then, between the old session and the new one).
  botRelay.hold((t) => /<bind[^>]*urn:ietf:params:xml:ns:xmpp-bind/.test(t) && /type=['"]result['"]/.test(t));
  await server.start();
  await until(() => botRelay.held > 0, 'the bot to bind a new session');
  const binding = botSent.length;
  await grown(botSent, 3);
  down.whileBinding = botSent.slice(binding, botSent.length);
  botRelay.release();

  // The bot comes back first (a new session), writes on while the user is away, and the server
  // takes those (acks): they are in the user's archive only.
  await other.waitForFunction((n) => window.parla.events.slice(n).some((e) => e.type === 'ready'), botFrom, { timeout: 60000 });
  const botBack = botSent.length;
  const acked = await ackedCount(other);
  await grown(botSent, 15);
  await other.waitForFunction((n) => window.parla.events.filter((e) => e.type === 'acked').reduce((k, e) => k + e.ids.length, 0) >= n,
                              acked + 15, { timeout: 30000 });
  const whileAway = botSent.slice(botBack, botSent.length);
  relay.down(false);
  await page.waitForFunction((n) => window.parla.events.slice(n).some((e) => e.type === 'ready'), pageFrom, { timeout: 90000 });
  const userBack = { bot: botSent.length, mine: mineSent.length };
  await Promise.all([grown(botSent, 20), grown(mineSent, 5)]);
  writing = false;
  await Promise.all(writers);

  // The end: each side's conversation holds all both wrote (or a minute passes: then the counts
  // say what is missing); each is checked whole as the page has it, and the user's screen read.
  await Promise.all([conversationHolds(page, bot.jid, botSent.concat(mineSent)), conversationHolds(other, me.jid, mineSent.concat(botSent))]);
  const userChat = await conversation(page, bot.jid), botChat = await conversation(other, me.jid);
  const bodies = (list, outgoing) => list.filter((m) => m.outgoing === outgoing).map((m) => m.body);
  const toMe = tally(botSent, bodies(userChat, false)), toBot = tally(mineSent, bodies(botChat, false));
  const mineKept = tally(mineSent, bodies(userChat, true)), botKept = tally(botSent, bodies(botChat, true));
  const failed = userChat.concat(botChat).filter((m) => m.state === 'failed').map((m) => m.body);
  await page.bringToFront();
  await settle(page);
  await click(page, bot.jid, 'tab');
  const shown = await chatOnScreen(page);
  await screenshot(page, 'restart-1-user');
  const onScreen = { in: shown.filter((w) => w.role === 'message-in').map((w) => w.label),
                     out: shown.filter((w) => w.role === 'message-out').map((w) => w.label),
                     failed: shown.filter((w) => w.role === 'error').map((w) => w.label) };
  const live = await page.evaluate(() => window.parla.events.filter((e) => e.type === 'message').map((e) => e.body));
  const fromArchive = whileAway.filter((b) => !live.includes(b) && bodies(userChat, false).includes(b));
  const failedEvents = (await events(page, ['message-failed'])).concat(await events(other, ['message-failed']));
  const sessions = { user: await events(page, ['ready', 'resumed'], pageFrom), bot: await events(other, ['ready', 'resumed'], botFrom) };
  console.log(`restart test (seed ${seed}): server stopped after ${down.bot} of the bot's messages and ${down.mine} of the user's; ` +
              `${down.botWritten} and ${down.mineWritten} written while it was down; ${down.whileBinding.length} by the bot while it bound its new session; ${whileAway.length} written by the bot while the user ` +
              `was away (${fromArchive.length} of them came from the archive); user back after ${userBack.bot}/${userBack.mine}; ` +
              `bot→user: ${tallyLine(toMe)}; user→bot: ${tallyLine(toBot)}; failed: ${failed.length}, ` +
              `message-failed events: ${failedEvents.length}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const bad = (t) => t.lost || t.duplicated || t.unknown || !t.inOrder;
  if (bad(toMe) || bad(toBot) || bad(mineKept) || bad(botKept) || failedEvents.length || failed.length || refused.length) {
    const log = (p) => p.evaluate(() => { let n = 0; return window.parla.events.map((e) => {
      if (e.type === 'message' || e.type === 'message-sent') { n++; return null; }
      if (e.type === 'acked' || e.type === 'presence' || e.type === 'roster') return null;
      return { after: n, ...e };
    }).filter(Boolean); });
    const file = path.join(artifacts, `restart-${seed}.json`);
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ seed, botSent, mineSent, whileAway, toMe, toBot, mineKept, botKept, userChat, botChat,
      onScreen, live, pageEvents: await log(page), botEvents: await log(other), console: browser.logs }, null, 1));
    fs.copyFileSync(path.join(server.dir, 'prosody.log'), path.join(artifacts, `restart-${seed}-prosody.log`));
    console.log(`restart test: what happened is in ${file}`);
  }
  const clean = (n) => ({ sent: n, received: n, duplicated: 0, lost: 0, unknown: 0, inOrder: true });
  const pick = ({ sent, received, duplicated, lost, unknown, inOrder }) => ({ sent, received, duplicated, lost, unknown, inOrder });
  assert.deepEqual(refused, [], 'every send was taken');
  assert.ok(!sessions.user.some((e) => e.type === 'resumed') && sessions.user.some((e) => e.type === 'ready'), 'the user came back with a new session');
  assert.ok(sessions.bot.some((e) => e.type === 'ready'), 'the bot came back with a new session');
  assert.ok(fromArchive.length > 0, 'some of what the bot wrote while the user was away came from the archive');
  assert.deepEqual(pick(toMe), clean(botSent.length), `the bot's messages at the user's: ${tallyLine(toMe)}; first lost: ${toMe.firstLost.join(', ')}`);
  assert.deepEqual(pick(toBot), clean(mineSent.length), `the user's messages at the bot's: ${tallyLine(toBot)}; first lost: ${toBot.firstLost.join(', ')}`);
  assert.deepEqual(pick(mineKept), clean(mineSent.length), `the user's own messages in the user's chat: ${tallyLine(mineKept)}`);
  assert.deepEqual(pick(botKept), clean(botSent.length), `the bot's own messages in the bot's chat: ${tallyLine(botKept)}`);
  assert.deepEqual(failed, [], 'none failed');
  assert.deepEqual(failedEvents, [], 'no message-failed event');
  assert.deepEqual(onScreen.in, bodies(userChat, false), 'the screen shows the bot\'s messages as the chat has them');
  assert.deepEqual(onScreen.out, bodies(userChat, true), 'the screen shows the user\'s own as the chat has them');
  assert.deepEqual(onScreen.failed, [], 'none shown as not delivered');
  await page.close();
  await other.close();
});
