// Never lose a message (across reloads and sleep): with "remember me" the chats come back at
// once after a reload and the session resumes where it was; a tab frozen for half an hour
// (its clock jumps on waking) comes back by itself; each message arrives exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, settle, screenshot, widgets, faultProxy } from './lib.mjs';
import { newAccount, logIn, websocketUrl } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

const bodies = (page, peer, outgoing) =>
  page.evaluate(([p, o]) => window.parla.chat(p).filter((m) => m.kind === 'text' && m.outgoing === o).map((m) => m.body), [peer, outgoing]);
const received = (page) => page.evaluate(() => window.parla.events.filter((e) => e.type === 'message').map((e) => e.body));

test('a reload with "remember me": the chat is there at once, the session resumes, nothing is lost or doubled', async () => {
  const me = newAccount('ricarica');
  const bot = newAccount('amico');
  const page = await openParla(browser, '?remember=1');
  const error = await page.evaluate(([a, p, u]) => window.parla.logIn({ address: a, password: p, websocket: u, remember: true }),
                                    [me.jid, me.password, websocketUrl]);
  assert.equal(error, '');
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  const other = await openParla(browser);
  await logIn(other, bot);
  // Contacts both ways: after the reload their presence must show again.
  await page.evaluate((j) => window.parla.contact('add', j, 'Amico'), bot.jid);
  await other.waitForFunction(() => window.parla.state().requests.length === 1);
  await other.evaluate((j) => window.parla.contact('accept', j), me.jid);
  await page.waitForFunction(() => window.parla.state().requests.length === 1);
  await page.evaluate((j) => window.parla.contact('accept', j), bot.jid);
  await page.waitForFunction((j) => window.parla.state().roster.some((c) => c.jid === j && c.subscription === 'both' && c.presence === 'online'), bot.jid);
  // And both in a group.
  const room = `salotto-${me.name}@conference.localhost`;
  await page.evaluate((r) => window.parla.joinRoom({ room: r, nick: 'Io' }), room);
  await page.waitForFunction((r) => window.parla.rooms().some((x) => x.jid === r && x.state === 'joined'), room);
  await other.evaluate((r) => window.parla.joinRoom({ room: r, nick: 'Bot' }), room);
  await other.waitForFunction((r) => window.parla.rooms().some((x) => x.jid === r && x.state === 'joined'), room);
  await other.evaluate((r) => window.parla.room('send', r, 'nel gruppo, prima', ''), room);
  await page.waitForFunction((r) => window.parla.chat(r).some((m) => m.body === 'nel gruppo, prima'), room);
  for (let i = 0; i < 5; i++) await other.evaluate(([to, n]) => window.parla.send(to, `prima ${n}`), [me.jid, i]);
  await page.waitForFunction((p) => window.parla.chat(p).length >= 5, bot.jid);
  for (let i = 0; i < 2; i++) await page.evaluate(([to, n]) => window.parla.send(to, `mio ${n}`), [bot.jid, i]);

  await page.reload();
  await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  // At once, from this computer's storage: before the server answered anything.
  const atOnce = await bodies(page, bot.jid, false);
  assert.deepEqual(atOnce, ['prima 0', 'prima 1', 'prima 2', 'prima 3', 'prima 4']);
  // Meanwhile the bot writes more; they arrive when the session resumes.
  for (let i = 5; i < 10; i++) await other.evaluate(([to, n]) => window.parla.send(to, `prima ${n}`), [me.jid, i]);
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  const how = await page.evaluate(() => window.parla.events.find((e) => e.type === 'resumed' || e.type === 'ready').type);
  assert.equal(how, 'resumed', 'the server still held the session: it resumed');
  // The contact list was kept, and the contact's presence comes again (a resumed session
  // resends none: ours goes out anew, and the server asks the contacts for theirs).
  await page.waitForFunction((j) => window.parla.state().roster.some((c) => c.jid === j && c.presence === 'online'), bot.jid);
  await page.evaluate((to) => window.parla.send(to, 'mio 2'), bot.jid);
  // The group is ours again: its earlier message once, and a new one arrives.
  await page.waitForFunction((r) => window.parla.rooms().some((x) => x.jid === r && x.state === 'joined'), room);
  await other.evaluate((r) => window.parla.room('send', r, 'nel gruppo, dopo', ''), room);
  await page.waitForFunction((r) => window.parla.chat(r).some((m) => m.body === 'nel gruppo, dopo'), room);
  assert.deepEqual(await page.evaluate((r) => window.parla.chat(r).filter((m) => m.kind === 'text').map((m) => m.body), room),
                   ['nel gruppo, prima', 'nel gruppo, dopo']);
  await page.waitForFunction((p) => window.parla.chat(p).filter((m) => !m.outgoing && m.kind === 'text').length >= 10, bot.jid);
  await other.waitForFunction(() => window.parla.events.filter((e) => e.type === 'message').length >= 3);
  await settle(page);
  assert.deepEqual(await bodies(page, bot.jid, false), Array.from({ length: 10 }, (_, i) => `prima ${i}`), 'each once, in order');
  assert.deepEqual(await bodies(page, bot.jid, true), ['mio 0', 'mio 1', 'mio 2']);
  assert.deepEqual(await received(other), ['mio 0', 'mio 1', 'mio 2'], 'the bot got mine once each');
  const tab = (await widgets(page)).find((w) => w.label && w.label.startsWith('Amico') && w.role !== 'button');
  await page.mouse.click(tab.x + tab.w / 2, tab.y + tab.h / 2);
  await settle(page);
  await screenshot(page, 'reload-1-after');

  // Logging out forgets the keys: the next reload shows the log-in form, box ticked.
  await page.evaluate(() => window.parla.logOut());
  await page.waitForFunction(() => window.parla.state().connection === 'offline');
  await page.reload();
  await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  await settle(page);
  assert.equal((await page.evaluate(() => window.parla.state())).connection, 'offline');
  assert.ok((await widgets(page)).some((w) => w.label === 'Remember me on this computer'));
  await screenshot(page, 'reload-2-logged-out');
  await page.close();
  await other.close();
});

test('a tab frozen for 30 minutes (timers stopped, then the clock jumps) comes back and loses nothing', async () => {
  const relay = await faultProxy(websocketUrl);
  try {
    const me = newAccount('dorme');
    const bot = newAccount('sveglia');
    const page = await openParla(browser);
    await logIn(page, me, relay.url);
    const other = await openParla(browser);
    await logIn(other, bot);
    await other.evaluate((to) => window.parla.send(to, 'prima del sonno'), me.jid);
    await page.waitForFunction((p) => window.parla.chat(p).length >= 1, bot.jid);
    // From the moment it freezes (the Page Lifecycle 'freeze' event, the last script before),
    // the page's clocks read half an hour later.
    await page.evaluate(() => {
      const skip = 30 * 60 * 1000, now = performance.now.bind(performance), date = Date.now;
      let slept = false;
      document.addEventListener('freeze', () => { slept = true; });
      performance.now = () => now() + (slept ? skip : 0);
      Date.now = () => date() + (slept ? skip : 0);
    });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    // Asleep: the network goes (a phone's radio sleeps too) and the bot keeps writing.
    relay.cut();
    for (let i = 0; i < 5; i++) await other.evaluate(([to, n]) => window.parla.send(to, `nel sonno ${n}`), [me.jid, i]);
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await page.evaluate((to) => window.parla.send(to, 'sveglio!'), bot.jid);
    await page.waitForFunction(() => window.parla.state().connection === 'online');
    await page.waitForFunction((p) => window.parla.chat(p).filter((m) => !m.outgoing).length >= 6, bot.jid);
    await other.waitForFunction(() => window.parla.events.some((e) => e.type === 'message' && e.body === 'sveglio!'));
    await settle(page);
    assert.deepEqual(await bodies(page, bot.jid, false),
                     ['prima del sonno', ...Array.from({ length: 5 }, (_, i) => `nel sonno ${i}`)], 'each once, in order');
    assert.deepEqual(await received(other), ['sveglio!']);
    assert.equal(await page.evaluate((p) => window.parla.chat(p).filter((m) => m.state === 'failed').length, bot.jid), 0);
    await screenshot(page, 'reload-3-woke');
    await page.close();
    await other.close();
  } finally {
    await relay.close();
  }
});

test('written while offline, then the page reloaded still offline: the message waits and goes once the network is back', async () => {
  const relay = await faultProxy(websocketUrl);
  try {
    const me = newAccount('inattesa');
    const bot = newAccount('ricevente');
    const page = await openParla(browser, '?remember=1');
    await page.evaluate(([a, p, u]) => window.parla.logIn({ address: a, password: p, websocket: u, remember: true }),
                        [me.jid, me.password, relay.url]);
    await page.waitForFunction(() => window.parla.state().connection === 'online');
    const other = await openParla(browser);
    await logIn(other, bot);
    relay.down(true);
    relay.cut();
    await page.waitForFunction(() => window.parla.state().connection === 'reconnecting');
    await page.evaluate((to) => window.parla.openChat(to), bot.jid);
    await page.evaluate((to) => window.parla.send(to, 'scritto senza rete'), bot.jid);
    assert.deepEqual(await page.evaluate((p) => window.parla.chat(p).map((m) => m.state), bot.jid), ['pending']);

    await page.reload();
    await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
    assert.deepEqual(await page.evaluate((p) => window.parla.chat(p).map((m) => [m.body, m.state]), bot.jid),
                     [['scritto senza rete', 'pending']], 'kept across the reload, still waiting');
    await settle(page);
    await screenshot(page, 'reload-4-offline-waiting');
    relay.down(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));  // the browser says the network is back
    await other.waitForFunction(() => window.parla.events.some((e) => e.type === 'message' && e.body === 'scritto senza rete'));
    await page.waitForFunction(() => window.parla.state().connection === 'online');
    await page.waitForFunction((p) => window.parla.chat(p).every((m) => m.state !== 'pending'), bot.jid);
    assert.equal(await other.evaluate(() => window.parla.events.filter((e) => e.type === 'message').length), 1, 'once');
    await page.close();
    await other.close();
  } finally {
    await relay.close();
  }
});
