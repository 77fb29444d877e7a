// History from the server's archive (XEP-0313): a new page (a reload, another computer) shows a
// conversation's latest messages when it opens, and older ones when the list reaches its top,
// each once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widgets, click, settle, screenshot } from './lib.mjs';
import { newAccount, logIn } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser({ viewport: { width: 1000, height: 700 } }); });
after(async () => { if (browser) await browser.close(); });

test('a fresh page loads the conversation from the archive, older pages on scrolling up', async () => {
  const anna = newAccount('anna');
  const bruno = newAccount('bruno');
  const pa = await openParla(browser);
  const pb = await openParla(browser);
  await logIn(pa, anna);
  await logIn(pb, bruno);
  await pa.evaluate((j) => window.parla.contact('add', j, 'Bruno'), bruno.jid);
  await pb.waitForFunction(() => window.parla.state().requests.length === 1);
  await pb.evaluate((j) => window.parla.contact('accept', j), anna.jid);
  await pa.waitForFunction(() => window.parla.state().requests.length === 1);
  await pa.evaluate((j) => window.parla.contact('accept', j), bruno.jid);
  await pa.waitForFunction(() => window.parla.state().roster.some((c) => c.subscription === 'both'));
  for (let i = 0; i < 70; i++) await pb.evaluate(([j, t]) => window.parla.send(j, t), [anna.jid, `storia ${i}`]);
  await pa.waitForFunction(() => window.parla.events.filter((e) => e.type === 'message').length >= 70);
  await pa.close();

  // Anna on a new page: nothing in memory; the archive has it all.
  const again = await openParla(browser);
  await logIn(again, anna);
  await again.waitForFunction(() => window.parla.widgets().some((w) => w.label === 'Bruno'));
  await settle(again);
  await click(again, 'Bruno', 'button');
  await again.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'message-in' && w.label === 'storia 69'));
  await settle(again);
  const shown = async () => (await widgets(again)).filter((w) => w.role === 'message-in').map((w) => w.label);
  assert.ok(!(await shown()).includes('storia 0'), 'only the latest page at first');
  await screenshot(again, 'history-1-latest');

  // Scrolling to the top asks for the page before, until the beginning.
  const list = (await widgets(again)).find((w) => w.role === 'message-in' && w.visible);
  const oldestShown = () => again.evaluate(() => Math.min(...window.parla.widgets()
    .filter((w) => w.role === 'message-in').map((w) => Number(w.label.split(' ')[1]))));
  for (let k = 0; k < 12 && (await oldestShown()) > 0; k++) {
    const before = await oldestShown();
    await again.mouse.move(list.x + 40, list.y + 20);
    await again.mouse.wheel(0, -20000);
    // Either the list scrolls to older messages already here, or the archive's page arrives.
    await again.waitForFunction((b) => Math.min(...window.parla.widgets().filter((w) => w.role === 'message-in')
      .map((w) => Number(w.label.split(' ')[1]))) < b, before);
    await settle(again);
  }
  assert.ok((await shown()).includes('storia 0'), 'the beginning of the conversation is reached');
  await screenshot(again, 'history-2-top');
  await again.close();
  await pb.close();
});

test('a group that keeps an archive: older messages than its join history come on scrolling up, each once', async () => {
  const carla = newAccount('carla');
  const dario = newAccount('dario');
  const pc = await openParla(browser);
  await logIn(pc, carla);
  const room = `archivio-${carla.name}@conference.localhost`;
  assert.equal(await pc.evaluate((r) => window.parla.joinRoom({ room: r, nick: 'Carla' }), room), '');
  await pc.waitForFunction((r) => window.parla.rooms().some((x) => x.jid === r && x.state === 'joined'), room);
  for (let i = 0; i < 80; i++) await pc.evaluate(([r, t]) => window.parla.room('send', r, t, ''), [room, `voce ${i}`]);
  await pc.waitForFunction((r) => window.parla.chat(r).filter((m) => m.kind === 'text').length >= 80, room);

  // Dario joins later: the room's join history is the latest 50; the archive has the rest.
  const pd = await openParla(browser);
  await logIn(pd, dario);
  await pd.evaluate((r) => window.parla.joinRoom({ room: r, nick: 'Dario' }), room);
  await pd.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'message-in' && w.label === 'voce 79'));
  await settle(pd);
  const numbers = () => pd.evaluate((r) => window.parla.chat(r).filter((m) => m.kind === 'text').map((m) => Number(m.body.split(' ')[1])), room);
  assert.ok(!(await numbers()).includes(0), 'only the join history at first');
  const list = (await widgets(pd)).find((w) => w.role === 'message-in' && w.visible);
  for (let k = 0; k < 12 && !(await numbers()).includes(0); k++) {
    const before = Math.min(...(await numbers()));
    await pd.mouse.move(list.x + 40, list.y + 20);
    await pd.mouse.wheel(0, -20000);
    await pd.waitForFunction(([r, b]) => Math.min(...window.parla.chat(r).filter((m) => m.kind === 'text')
      .map((m) => Number(m.body.split(' ')[1]))) < b || window.parla.widgets().some((w) => w.role === 'message-in' && w.label === 'voce 0'), [room, before]);
    await settle(pd);
  }
  assert.deepEqual(await numbers(), Array.from({ length: 80 }, (_, i) => i), 'all 80, each once, in order');
  await screenshot(pd, 'history-3-room-top');
  await pc.close();
  await pd.close();
});
