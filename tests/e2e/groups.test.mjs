// Group chat by hand (XEP-0045 on Prosody): two people join the same group from the Groups
// tab, see each other in the people list, talk; the second first types the first's nickname,
// is asked inline for another and joins with it; a private message opens its own chat.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startBrowser, openParla, widgets, widget, click, type, press, screenshot, settle } from './lib.mjs';
import { newAccount, logIn } from '../integration/lib.mjs';

let browser, pa, pb;
before(async () => {
  browser = await startBrowser({ viewport: { width: 1100, height: 700 } });
  pa = await openParla(browser);
  pb = await openParla(browser);
  await logIn(pa, newAccount('anna'));
  await logIn(pb, newAccount('bruno'));
  for (const p of [pa, pb]) await p.waitForFunction(() => window.parla.publicRooms().service !== '');
});
after(async () => { if (browser) await browser.close(); });

const room = `piazza-${randomBytes(3).toString('hex')}`;
const roomJid = `${room}@conference.localhost`;

async function joinByHand(page, nick) {
  await page.bringToFront();  // two pages: the one typed into has the focus, as for a person
  await click(page, 'Groups', 'tab');
  await click(page, 'Group', 'input');
  await press(page, 'Control+A');
  await type(page, room);
  await click(page, 'Nickname', 'input');
  await press(page, 'Control+A');
  await type(page, nick);
  await press(page, 'Enter');
}

const occupants = async (page) => (await widgets(page)).filter((w) => w.role === 'occupant' && w.visible).map((w) => w.label);

test('two people join, see each other and talk; a taken nickname is asked again inline', async () => {
  await joinByHand(pa, 'Anna');
  await pa.waitForFunction((r) => window.parla.widgets().some((w) => w.role === 'tab' && w.label === r), room);
  await settle(pa);
  assert.deepEqual(await occupants(pa), ['Anna']);
  assert.ok((await widgets(pa)).some((w) => w.role === 'room-notice' && /created for you/.test(w.label)), 'told the room is new');

  // Bruno types Anna's nickname: the form says it is taken, keeps the group, and takes another.
  await joinByHand(pb, 'Anna');
  await pb.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'error' && /nickname is taken/.test(w.label)));
  await settle(pb);
  assert.equal((await widget(pb, 'Group', 'input')).text, room);
  await screenshot(pb, 'groups-1-nick-taken');
  await pb.bringToFront();
  await click(pb, 'Nickname', 'input');
  await press(pb, 'Control+A');
  await type(pb, 'Bruno');
  await click(pb, 'Join group', 'button');
  await pb.waitForFunction((r) => window.parla.widgets().some((w) => w.role === 'tab' && w.label === r), room);
  await pa.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'occupant' && w.label === 'Bruno'));
  await settle(pa);
  await settle(pb);
  assert.deepEqual(await occupants(pa), ['Anna', 'Bruno']);
  assert.deepEqual(await occupants(pb), ['Anna', 'Bruno']);

  // They talk, typing into the group's input.
  await pb.bringToFront();
  await click(pb, 'Message', 'input');
  await type(pb, 'Ciao Anna, eccomi!');
  await press(pb, 'Enter');
  await pa.waitForFunction(() => window.parla.widgets().some((w) => w.label === 'Ciao Anna, eccomi!'));
  await settle(pa);
  const mention = (await widgets(pa)).find((w) => w.label === 'Ciao Anna, eccomi!');
  assert.equal(mention.role, 'mention', 'her nickname is highlighted');
  await pa.bringToFront();
  await click(pa, 'Message', 'input');
  await type(pa, 'Benvenuto Bruno');
  await press(pa, 'Enter');
  await pb.waitForFunction(() => window.parla.widgets().some((w) => w.label === 'Benvenuto Bruno'));
  await settle(pb);
  assert.ok((await widgets(pb)).some((w) => w.role === 'room-notice' && w.label === 'You joined as Bruno.'));
  await screenshot(pa, 'groups-2-anna');
  await screenshot(pb, 'groups-3-bruno');
});

test('a private message to an occupant opens its own chat, marked as the group\'s', async () => {
  await pb.bringToFront();
  await click(pb, 'Anna', 'occupant');
  await widget(pb, 'Anna (private, ' + room + ')', 'tab');
  assert.ok((await widgets(pb)).some((w) => w.role === 'private-notice' && /not a contact's chat/.test(w.label)));
  await click(pb, 'Message', 'input');
  await type(pb, 'Solo tra noi');
  await press(pb, 'Enter');
  await pa.waitForFunction((r) => window.parla.widgets().some((w) => w.role === 'tab' && w.label === `Bruno (private, ${r})`), room);
  await pa.bringToFront();
  await click(pa, `Bruno (private, ${room})`, 'tab');
  assert.ok((await widgets(pa)).some((w) => w.role === 'message-in' && w.label === 'Solo tra noi'));
  // Nothing reached the contacts: no chat under a contact's address.
  assert.equal((await pa.evaluate(() => window.parla.events)).filter((e) => e.type === 'message').length, 0);
  await screenshot(pa, 'groups-4-private');
});

test('leaving the group is seen by the other', async () => {
  await pb.bringToFront();
  await click(pb, room, 'tab');
  await click(pb, 'Leave group', 'button');
  await pa.bringToFront();
  await click(pa, room, 'tab');
  await pa.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'room-notice' && w.label === 'Bruno left.'));
  await settle(pa);
  assert.deepEqual(await occupants(pa), ['Anna']);
  assert.equal((await pb.evaluate(() => window.parla.rooms())).length, 0);
});
