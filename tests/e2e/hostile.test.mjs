// Never lose a message (hostile input): what a stranger or a broken server sends is refused, and
// the session lives on or ends with a clear word and comes back, losing nothing.
//  - Through the real test Prosody, an attacker's account sends the user a forged carbon (a
//    message "we sent" from another device, and one "we received"), forged archive results (a
//    guessed query id, and the id of a query the page really has in flight), and a roster push:
//    none shows anywhere, the roster stays as it was, the session carries on.
//  - Through a proxy that writes frames of its own into what the server sends: a frame that is
//    not XML, one over the page's 4 MiB frame limit, and a stream error while a message is still
//    unacknowledged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widgets, settle, screenshot, faultProxy, conversation, until } from './lib.mjs';
import { newAccount, logIn, websocketUrl } from '../integration/lib.mjs';

let browser;
const relays = [];  // closed after the file, whatever happened
const proxy = async (options) => { const r = await faultProxy(websocketUrl, options); relays.push(r); return r; };
before(async () => { browser = await startBrowser(); });
after(async () => {
  for (const r of relays) await r.close();
  if (browser) await browser.close();
});

const eventCount = (page) => page.evaluate(() => window.parla.events.length);
const eventsSince = (page, from, types) => page.evaluate(([n, t]) => window.parla.events.slice(n).filter((e) => !t || t.includes(e.type)), [from, types]);
const state = (page) => page.evaluate(() => window.parla.state());
const sendRaw = (page, xml) => page.evaluate((x) => window.parla.sendRaw(x), xml);
const received = (page, body) => page.waitForFunction((b) => window.parla.events.some((e) => e.type === 'message' && e.body === b), body);
const tabs = async (page) => (await widgets(page)).filter((w) => w.role === 'tab' && /@/.test(w.label)).map((w) => w.label);
// Every text the page shows or keeps that contains `word`: messages of any conversation with
// these peers, events, widgets.
async function traces(page, word, peers) {
  const found = [];
  for (const p of peers) for (const m of await conversation(page, p)) if (m.body.includes(word)) found.push(`chat ${p}: ${m.body}`);
  for (const e of await eventsSince(page, 0)) if (JSON.stringify(e).includes(word)) found.push(`event ${e.type}`);
  for (const w of await widgets(page)) if ((w.label || '').includes(word) || (w.text || '').includes(word)) found.push(`widget ${w.role}: ${w.label}`);
  return found;
}

test('forged carbons, forged archive results and a stranger\'s roster push are refused, and the session carries on', async () => {
  const me = newAccount('vittima');
  const attacker = newAccount('attaccante');
  const friend = newAccount('amico');  // a real contact of the user's, whom the forgeries name
  // The user's way in shows what the page asks the server (to catch a real archive query id)
  // and can keep the server's answer to it back for a moment.
  const relay = await proxy({ frames: true });
  const page = await openParla(browser);
  await logIn(page, me, relay.url);
  const evil = await openParla(browser);
  await logIn(evil, attacker);
  const pal = await openParla(browser);
  await logIn(pal, friend);
  await page.evaluate((j) => window.parla.contact('add', j, 'Amico'), friend.jid);
  await pal.waitForFunction(() => window.parla.state().requests.length === 1);
  await pal.evaluate((j) => window.parla.contact('accept', j), me.jid);
  await page.waitForFunction(() => window.parla.state().roster.some((c) => c.subscription === 'both' || c.subscription === 'to'));
  await pal.evaluate((j) => window.parla.send(j, 'ciao, sono io'), me.jid);
  await received(page, 'ciao, sono io');
  await settle(page);
  const rosterBefore = (await state(page)).roster.map(({ jid, name, groups, subscription }) => ({ jid, name, groups, subscription }));
  const tabsBefore = await tabs(page);
  const full = (await state(page)).jid;  // the user's full JID: the forgeries go straight to this session
  const from = await eventCount(page);
  const reached = [];  // the forgeries as they reached the page
  relay.onServerText((t) => { if (t.includes('FALSO') || t.includes('Amico fidato')) reached.push(t); });

  // 1. Carbons (XEP-0280 §11): only our own account may send them.
  const carbon = (kind, inner) => `<message to='${full}' type='chat'><${kind} xmlns='urn:xmpp:carbons:2'>` +
    `<forwarded xmlns='urn:xmpp:forward:0'>${inner}</forwarded></${kind}></message>`;
  sendRaw(evil, carbon('sent', `<message xmlns='jabber:client' type='chat' from='${full}' to='${friend.jid}'><body>FALSO carbon inviato</body></message>`));
  sendRaw(evil, carbon('received', `<message xmlns='jabber:client' type='chat' from='${friend.jid}/casa' to='${full}'><body>FALSO carbon ricevuto</body></message>`));
  // 2. Archive results (XEP-0313): only for a query we sent, from the archive we asked.
  const result = (queryid, id, body) => `<message to='${full}'><result xmlns='urn:xmpp:mam:2' queryid='${queryid}' id='${id}'>` +
    `<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2026-01-01T10:00:00Z'/>` +
    `<message xmlns='jabber:client' type='chat' from='${friend.jid}/casa' to='${me.jid}'><body>${body}</body></message>` +
    `</forwarded></result></message>`;
  sendRaw(evil, result('q1', 'falso-1', 'FALSO archivio indovinato'));
  // 3. A roster push (RFC 6121 §2.1.6): only from our own account.
  const push = await sendRaw(evil, `<iq type='set' to='${full}'><query xmlns='jabber:iq:roster'>` +
    `<item jid='${attacker.jid}' name='Amico fidato' subscription='both'/><item jid='${friend.jid}' subscription='remove'/></query></iq>`);
  const pushAnswer = await evil.waitForFunction((id) => window.parla.events.find((e) => e.id === id && e.type.startsWith('iq-')) || null, push, { timeout: 40000 });
  // A real archive query in flight: opening the friend's chat asks for its latest page. The
  // server's answer to it is kept back until the forgery with the same query id has gone in.
  let queryid = null;
  relay.onClientText((t) => { const m = /<query[^>]*xmlns=['"]urn:xmpp:mam:2['"][^>]*queryid=['"]([^'"]+)['"]|<query[^>]*queryid=['"]([^'"]+)['"][^>]*xmlns=['"]urn:xmpp:mam:2['"]/.exec(t); if (m && !queryid) queryid = m[1] || m[2]; });
  relay.hold((t) => queryid !== null && !t.includes(attacker.jid) && (t.includes(queryid) || /<iq[^>]*type=['"]result['"]/.test(t)));
  let forgedIn = false;
  relay.onServerText((t) => { if (t.includes('FALSO archivio in corso')) forgedIn = true; });
  await page.evaluate((j) => window.parla.openChat(j), friend.jid);
  await until(() => queryid, 'the page\'s own archive query');
  sendRaw(evil, result(queryid, 'falso-2', 'FALSO archivio in corso'));
  await until(() => forgedIn, 'the forgery to reach the page (before the answer kept back)');
  const heldBack = relay.held;
  relay.release();

  // After all of it, the session is alive: a message from the attacker arrives as any stranger's.
  await evil.evaluate((j) => window.parla.send(j, 'un messaggio normale'), me.jid);
  await received(page, 'un messaggio normale');
  await pal.evaluate((j) => window.parla.send(j, 'ci sei ancora?'), me.jid);
  await received(page, 'ci sei ancora?');
  await settle(page);
  await screenshot(page, 'hostile-1-after-forgeries');
  const pushReply = await pushAnswer.jsonValue();

  console.log(`hostile: ${reached.length} forged stanzas reached the page; the archive query ${queryid} had ${heldBack} ` +
              `answer frames kept back when its forgery went in; the roster push was answered ${pushReply.xml}`);
  assert.equal(reached.length, 5, 'the forgeries reached the page (2 carbons, 2 archive results, the roster push)');
  assert.ok(heldBack > 0, 'the forged archive result came while the real query was unanswered');
  assert.deepEqual(await traces(page, 'FALSO', [friend.jid, attacker.jid, me.jid]), [], 'no forgery is shown or kept');
  const rosterAfter = (await state(page)).roster.map(({ jid, name, groups, subscription }) => ({ jid, name, groups, subscription }));
  assert.deepEqual(rosterAfter, rosterBefore, 'the roster is as it was');
  assert.deepEqual((await tabs(page)).filter((t) => t !== attacker.jid), tabsBefore, 'no chat opened for a forgery');
  assert.equal(pushReply.type, 'iq-error', `the stranger's roster push is answered with an error (${pushReply.xml})`);
  const ended = await eventsSince(page, from, ['disconnected', 'connection-lost']);
  assert.deepEqual(ended, [], 'the session carried on');
  const withFriend = (await conversation(page, friend.jid)).map((m) => m.body);
  assert.deepEqual(withFriend, ['ciao, sono io', 'ci sei ancora?'], 'the friend\'s chat has only what the friend wrote');
  await relay.close();
  for (const p of [page, evil, pal]) await p.close();
});

// The user through a proxy that can write frames of its own into what the server sends, a bot
// straight to the server; both logged in and talking.
async function talking() {
  const me = newAccount('utente');
  const bot = newAccount('bot');
  const relay = await proxy({ frames: true });
  const page = await openParla(browser);
  await logIn(page, me, relay.url);
  const other = await openParla(browser);
  await logIn(other, bot);
  await other.evaluate((j) => window.parla.send(j, 'prima'), me.jid);
  await received(page, 'prima');
  await page.evaluate((j) => window.parla.send(j, 'anch\'io'), bot.jid);
  await received(other, 'anch\'io');
  return { me, bot, relay, page, other };
}

// The seconds until the page tries again, as its screen says ("… Next try at 14:14:02 …"), or null.
const nextTryIn = (page) => page.evaluate(() => {
  const line = window.parla.widgets().find((w) => w.role === 'connection');
  const m = line && /(\d\d):(\d\d):(\d\d)/.exec(line.label);
  if (!m) return null;
  const now = new Date();
  const at = new Date(now);
  at.setHours(Number(m[1]), Number(m[2]), Number(m[3]), 0);
  return Math.round(((at - now) / 1000 + 86400 * 1.5) % 86400 - 86400 / 2);
});

// After a frame the page cannot take: the session ends (or carries on), the page says so and
// comes back online by itself soon, and nothing written on either side meanwhile is lost. The
// way back stays shut until the page has shown what it shows then (in the screenshot).
async function survives(name, frame) {
  const { me, bot, relay, page, other } = await talking();
  await page.bringToFront();
  const from = await eventCount(page);
  relay.down(true);
  assert.ok(relay.inject(frame), 'the frame went in');
  await page.waitForFunction((n) => window.parla.events.slice(n).some((e) => e.type === 'disconnected' || e.type === 'connection-lost'), from,
                             { timeout: 10000 }).catch(() => {});
  const ended = await eventsSince(page, from, ['disconnected', 'connection-lost']);
  if (ended.length) await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'connection'));
  await settle(page);
  const shot = await screenshot(page, `hostile-${name}`);
  const st = await state(page);
  const line = (await widgets(page)).find((w) => w.role === 'connection');
  const wait = await nextTryIn(page);
  console.log(`hostile ${name}: ${JSON.stringify(ended)}; connection ${st.connection}, error "${st.error}"; ` +
              `the page says: ${line ? line.label : '(nothing)'} (next try in ${wait} s; ${shot})`);
  // Both write while it is away; then the way back opens, and all of it arrives once.
  await page.evaluate((j) => window.parla.send(j, 'dopo 1'), bot.jid);
  await other.evaluate((j) => window.parla.send(j, 'dopo 2'), me.jid);
  relay.down(false);
  if (ended.length) {
    assert.ok(wait !== null && wait <= 60, `the page tries again within a minute (it says: ${line ? line.label : 'nothing'})`);
    await page.waitForFunction((n) => window.parla.events.slice(n).some((e) => e.type === 'ready' || e.type === 'resumed'), from, { timeout: 90000 });
  }
  await page.evaluate((j) => window.parla.send(j, 'dopo 3'), bot.jid);
  await other.evaluate((j) => window.parla.send(j, 'dopo 4'), me.jid);
  const holds = (p, peer, want) => p.waitForFunction(([x, w]) => w.every((b) => window.parla.chat(x).some((m) => m.body === b)), [peer, want], { timeout: 30000 }).catch(() => {});
  await Promise.all([holds(page, bot.jid, ['prima', 'dopo 2', 'dopo 4']), holds(other, me.jid, ['anch\'io', 'dopo 1', 'dopo 3'])]);
  const at = async (p, peer) => (await conversation(p, peer)).filter((m) => !m.outgoing).map((m) => m.body);
  assert.deepEqual(await at(page, bot.jid), ['prima', 'dopo 2', 'dopo 4'], 'the bot\'s messages reached the user once each, in order');
  assert.deepEqual(await at(other, me.jid), ['anch\'io', 'dopo 1', 'dopo 3'], 'the user\'s reached the bot once each, in order');
  assert.ok((await conversation(page, bot.jid)).every((m) => m.state !== 'failed'), 'none failed');
  await relay.close();
  await page.close();
  await other.close();
  return { ended, st, line };
}

test('a frame that is not XML: the session ends, the page says so, comes back, nothing lost', async () => {
  const { ended, line } = await survives('2-malformed', "<message from='localhost' type='chat'><body>non chiuso</body>");
  assert.ok(ended.some((e) => e.type === 'disconnected' && e.condition === 'not-well-formed' && e.error), 'the session ended, saying why');
  assert.match(line.label, /Connection lost/);
});

test('a frame over the page\'s 4 MiB frame limit: the session ends, the page says so, comes back, nothing lost', async () => {
  const body = 'A'.repeat(4 * 1024 * 1024 + 1024);
  const { ended, line } = await survives('3-oversized', `<message from='localhost' type='chat'><body>${body}</body></message>`);
  assert.ok(ended.some((e) => e.type === 'disconnected' && e.error), 'the session ended, saying why');
  assert.match(line.label, /Connection lost/);
});

test('the server ends the session with a stream error while a message is on its way: it goes again in the next session, once', async () => {
  const { me, bot, relay, page, other } = await talking();
  // The message leaves the page but the server never gets it (the proxy keeps it), and then the
  // server ends the stream: the page cannot know whether it arrived, and must send it again.
  let gone = false;
  relay.drop((t) => { if (t.includes('in volo')) { gone = true; return true; } return false; });
  await page.evaluate((j) => window.parla.send(j, 'in volo'), bot.jid);
  await until(() => gone, 'the message to leave the page');
  relay.drop(null);
  const from = await eventCount(page);
  relay.inject("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
  relay.inject("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
  await page.waitForFunction((n) => window.parla.events.slice(n).some((e) => e.type === 'disconnected'), from);
  await page.waitForFunction((n) => window.parla.events.slice(n).some((e) => e.type === 'ready'), from, { timeout: 60000 });
  await other.evaluate((j) => window.parla.send(j, 'e poi'), me.jid);
  await received(page, 'e poi');
  await other.waitForFunction((j) => window.parla.chat(j).some((m) => m.body === 'in volo'), me.jid, { timeout: 20000 }).catch(() => {});
  const mine = (await conversation(page, bot.jid)).filter((m) => m.outgoing).map((m) => `${m.body} (${m.state})`);
  const atBot = (await conversation(other, me.jid)).filter((m) => !m.outgoing).map((m) => m.body);
  console.log(`hostile 4-stream-error: the user's chat: ${mine.join(', ')}; the bot got: ${atBot.join(', ')}; ` +
              `events: ${JSON.stringify(await eventsSince(page, from, ['disconnected', 'ready', 'resume-failed', 'message-failed']))}`);
  assert.deepEqual(atBot, ['anch\'io', 'in volo'], 'the message on its way reached the bot, once');
  await relay.close();
  await page.close();
  await other.close();
});
