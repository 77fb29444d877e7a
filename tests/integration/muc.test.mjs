// XEP-0045 on Prosody's MUC component, through the engine API: the service is found, two
// people join a room and see each other, talk, a taken nickname is refused, a private
// message stays apart from contacts' chats, a password room asks for it, invitations arrive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startBrowser, openParla } from '../e2e/lib.mjs';
import { newAccount, logIn, waitEvent, eventCount } from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

const roomName = (p) => `${p}-${randomBytes(3).toString('hex')}`;

async function online(prefix) {
  const account = newAccount(prefix);
  const page = await openParla(browser);
  await logIn(page, account);
  // The MUC service is found with disco#items on the server.
  await page.waitForFunction(() => window.parla.publicRooms().service === 'conference.localhost');
  return { account, page };
}

async function join(page, room, nick, password) {
  const mark = await eventCount(page);
  const error = await page.evaluate(([r, n, p]) => window.parla.joinRoom({ room: r, nick: n, password: p }), [room, nick, password]);
  assert.equal(error, '');
  return waitEvent(page, (e) => e.type === 'room-joined' || e.type === 'room-join-failed', mark);
}

test('two people join a room, see each other, talk; a taken nickname is refused; private messages stay apart', async () => {
  const a = await online('anna');
  const b = await online('bruno');
  const room = roomName('piazza');
  const joined = await join(a.page, room, 'Anna');
  assert.equal(joined.type, 'room-joined', JSON.stringify(joined));
  assert.equal(joined.room, `${room}@conference.localhost`);
  assert.equal(joined.created, true, 'a new room is created for us as an instant room');

  // Bruno tries Anna's nickname first.
  const taken = await join(b.page, room, 'Anna');
  assert.equal(taken.type, 'room-join-failed');
  assert.equal(taken.condition, 'conflict');
  assert.match(taken.error, /nickname/i);
  const bj = await join(b.page, room, 'Bruno');
  assert.equal(bj.type, 'room-joined');
  await a.page.waitForFunction(() => window.parla.rooms()[0].occupants.some((o) => o.nick === 'Bruno'));
  const seen = await b.page.evaluate(() => window.parla.rooms()[0].occupants.map((o) => o.nick).sort());
  assert.deepEqual(seen, ['Anna', 'Bruno']);

  // A message to the room reaches both (Anna sees her own echo).
  const mark = await eventCount(b.page);
  assert.equal(await a.page.evaluate((r) => window.parla.room('send', r, 'Ciao a tutti'), joined.room), '');
  const got = await waitEvent(b.page, (e) => e.type === 'room-message' && e.body === 'Ciao a tutti', mark);
  assert.equal(got.nick, 'Anna');
  assert.equal(got.fromOccupant, true);
  assert.equal(got.delayed, false);

  // A private message lands as a room-private message, never as a contact's message.
  const pm = await eventCount(a.page);
  await b.page.evaluate((r) => window.parla.room('private', r, 'Anna', 'Solo per te'), joined.room);
  const priv = await waitEvent(a.page, (e) => (e.type === 'room-private-message' || e.type === 'message') && e.body === 'Solo per te', pm);
  assert.equal(priv.type, 'room-private-message');
  assert.equal(priv.nick, 'Bruno');

  // Leaving is seen by the others.
  const left = await eventCount(a.page);
  await b.page.evaluate((r) => window.parla.room('leave', r), joined.room);
  const gone = await waitEvent(a.page, (e) => e.type === 'occupant' && e.nick === 'Bruno', left);
  assert.equal(gone.change, 'left');

  // History: a third person joining later gets the earlier message, marked delayed.
  const c = await online('carla');
  const cm = await eventCount(c.page);
  await join(c.page, room, 'Carla');
  const hist = await waitEvent(c.page, (e) => e.type === 'room-message' && e.body === 'Ciao a tutti', cm);
  assert.equal(hist.delayed, true);
  for (const p of [a.page, b.page, c.page]) await p.close();
});

test('the service lists public rooms; an invitation arrives with Join', async () => {
  const a = await online('dario');
  const b = await online('elena');
  const room = roomName('pubblica');
  const joined = await join(a.page, room, 'Dario');
  assert.equal(joined.type, 'room-joined');
  await b.page.evaluate(() => window.parla.room('browse', ''));
  await b.page.waitForFunction(() => !window.parla.publicRooms().busy);
  const listed = (await b.page.evaluate(() => window.parla.publicRooms())).rooms.find((r) => r.jid === `${room}@conference.localhost`);
  assert.ok(listed, 'the new room is listed');
  assert.equal(listed.occupants, 1);

  const mark = await eventCount(b.page);
  await a.page.evaluate(([r, to]) => window.parla.room('invite', r, to), [joined.room, b.account.jid]);
  const inv = await waitEvent(b.page, (e) => e.type === 'room-invitation', mark);
  assert.equal(inv.room, joined.room);
  assert.equal(inv.direct, true);
  assert.equal(inv.from.split('/')[0], a.account.jid);
  for (const p of [a.page, b.page]) await p.close();
});

async function configure(page, room, fields) {
  const x = Object.entries(fields).map(([k, v]) => `<field var='${k}'><value>${v}</value></field>`).join('');
  const mark = await eventCount(page);
  const id = await page.evaluate((xml) => window.parla.sendRaw(xml),
    `<iq type='set' to='${room}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>` +
    `<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>${x}</x></query></iq>`);
  const answer = await waitEvent(page, (e) => (e.type === 'iq-result' || e.type === 'iq-error'), mark);
  assert.equal(answer.type, 'iq-result', JSON.stringify(answer));
  assert.equal(answer.id, id);
}

async function admin(page, room, item) {
  const mark = await eventCount(page);
  await page.evaluate((xml) => window.parla.sendRaw(xml),
    `<iq type='set' to='${room}'><query xmlns='http://jabber.org/protocol/muc#admin'>${item}</query></iq>`);
  const answer = await waitEvent(page, (e) => (e.type === 'iq-result' || e.type === 'iq-error'), mark);
  assert.equal(answer.type, 'iq-result', JSON.stringify(answer));
}

test('a password room asks for it; a members-only room says so', async () => {
  const owner = await online('oscar');
  const guest = await online('gina');
  const secret = roomName('segreta');
  const joined = await join(owner.page, secret, 'Oscar');
  await configure(owner.page, joined.room, { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': 'apriti' });
  const refused = await join(guest.page, secret, 'Gina');
  assert.equal(refused.type, 'room-join-failed');
  assert.equal(refused.condition, 'not-authorized');
  assert.match(refused.error, /password/);
  assert.equal((await guest.page.evaluate(() => window.parla.rooms()))[0].condition, 'not-authorized');
  const wrong = await join(guest.page, secret, 'Gina', 'sbagliata');
  assert.equal(wrong.condition, 'not-authorized');
  const ok = await join(guest.page, secret, 'Gina', 'apriti');
  assert.equal(ok.type, 'room-joined');

  const club = roomName('club');
  const cj = await join(owner.page, club, 'Oscar');
  await configure(owner.page, cj.room, { 'muc#roomconfig_membersonly': '1' });
  const members = await join(guest.page, club, 'Gina');
  assert.equal(members.condition, 'registration-required');
  assert.match(members.error, /members only/);
  for (const p of [owner.page, guest.page]) await p.close();
});

test('kicked, banned and a destroyed room are each said in words', async () => {
  const owner = await online('olga');
  const guest = await online('guido');
  const name = roomName('severa');
  const joined = await join(owner.page, name, 'Olga');
  await join(guest.page, name, 'Guido');

  let mark = await eventCount(guest.page);
  await admin(owner.page, joined.room, "<item nick='Guido' role='none'><reason>Basta spam</reason></item>");
  const kicked = await waitEvent(guest.page, (e) => e.type === 'room-left', mark);
  assert.equal(kicked.reason, 'kicked');
  assert.equal(kicked.text, 'Basta spam');

  await join(guest.page, name, 'Guido');
  mark = await eventCount(guest.page);
  await admin(owner.page, joined.room, `<item jid='${guest.account.jid}' affiliation='outcast'><reason>Fuori</reason></item>`);
  const banned = await waitEvent(guest.page, (e) => e.type === 'room-left', mark);
  assert.equal(banned.reason, 'banned');
  const again = await join(guest.page, name, 'Guido');
  assert.equal(again.condition, 'forbidden');
  assert.match(again.error, /banned/);

  const other = await online('ottavio');
  await join(other.page, name, 'Ottavio');
  mark = await eventCount(other.page);
  await owner.page.evaluate((xml) => window.parla.sendRaw(xml),
    `<iq type='set' to='${joined.room}'><query xmlns='http://jabber.org/protocol/muc#owner'><destroy jid='nuova@conference.localhost'>` +
    '<reason>Ci spostiamo</reason></destroy></query></iq>');
  const destroyed = await waitEvent(other.page, (e) => e.type === 'room-left', mark);
  assert.equal(destroyed.reason, 'destroyed');
  assert.equal(destroyed.text, 'Ci spostiamo');
  assert.equal(destroyed.alternative, 'nuova@conference.localhost');
  for (const p of [owner.page, guest.page, other.page]) await p.close();
});
