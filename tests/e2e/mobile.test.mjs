// On a phone (390×844, touch, Chromium's mobile emulation): one pane at a time (list → chat →
// back), finger-sized controls, swiping scrolls with inertia, the on-screen keyboard types into
// the chat, and a long press shows what a mouse would hover (the contact's trash icon).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widgets, widget, settle, screenshot, swipe, longPress } from './lib.mjs';
import { newAccount, logIn } from '../integration/lib.mjs';

let browser, phone, pc, anna, bruno;
before(async () => {
  browser = await startBrowser({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, mobile: true });
  anna = newAccount('anna');
  bruno = newAccount('bruno');
  phone = await openParla(browser);
  pc = await openParla(browser);
  await logIn(phone, anna);
  await logIn(pc, bruno);
  await phone.evaluate((j) => window.parla.contact('add', j, 'Bruno'), bruno.jid);
  await pc.waitForFunction(() => window.parla.state().requests.length === 1);
  await pc.evaluate((j) => window.parla.contact('accept', j), anna.jid);
  await phone.waitForFunction(() => window.parla.state().requests.length === 1);
  await phone.evaluate((j) => window.parla.contact('accept', j), bruno.jid);
  await phone.waitForFunction(() => window.parla.state().roster.some((c) => c.subscription === 'both'));
  await phone.bringToFront();
  await settle(phone);
});
after(async () => { if (browser) await browser.close(); });

const tap = async (label, role) => {
  const w = await widget(phone, label, role);
  await phone.touchscreen.tap(w.x + w.w / 2, w.y + w.h / 2);
  await settle(phone);
  return w;
};

test('controls are finger-sized and the list is the only pane', async () => {
  const all = (await widgets(phone)).filter((w) => w.visible && ['button', 'input', 'tab'].includes(w.role));
  assert.ok(all.length > 4);
  for (const w of all) assert.ok(w.h >= 40, `${w.role} "${w.label}" is ${w.h} px tall`);
  assert.ok(!(await widgets(phone)).some((w) => w.label === 'Message'), 'no chat pane beside the list');
  await screenshot(phone, 'mobile-1-list');
});

test('a tap opens the chat alone; a swipe scrolls with inertia; the keyboard types; back returns', async () => {
  for (let i = 0; i < 40; i++) await pc.evaluate(([j, t]) => window.parla.send(j, t), [anna.jid, `messaggio ${i}`]);
  await phone.waitForFunction(() => window.parla.events.filter((e) => e.type === 'message').length >= 40);
  await phone.bringToFront();
  await settle(phone);
  await tap('Bruno', 'button');
  await widget(phone, '< Contacts', 'button');
  assert.ok(!(await widgets(phone)).some((w) => w.label === 'Add a contact'), 'the list is hidden');
  const visible = async () => (await widgets(phone)).filter((w) => w.role === 'message-in' && w.visible).map((w) => w.label);
  assert.ok((await visible()).includes('messaggio 39'));

  // A quick flick down: the finger moves 150 px; the list follows it, and keeps going after it lifts.
  const before = (await widgets(phone)).find((w) => w.role === 'message-in' && w.visible && w.y > 150);
  const x = 195, y0 = 300;
  const points = [];
  for (let k = 0; k <= 3; k++) points.push([x, y0 + k * 50]);  // a flick: 150 px in a few quick moves
  await swipe(phone, points, 12);
  await settle(phone);
  const after = await visible();
  assert.ok(!after.includes('messaggio 39'), 'scrolled up to older messages');
  const moved = (await widgets(phone)).find((w) => w.role === 'message-in' && w.label === before.label);
  const distance = moved ? moved.y - before.y : Infinity;
  assert.ok(distance > 225, `inertia carried the list beyond the finger's 150 px (moved ${distance} px)`);

  await tap('Message', 'input');
  await phone.keyboard.type('Arrivo subito!');
  await phone.keyboard.press('Enter');
  await pc.waitForFunction(() => window.parla.events.some((e) => e.type === 'message' && e.body === 'Arrivo subito!'));
  await settle(phone);
  await screenshot(phone, 'mobile-2-chat');
  await tap('< Contacts', 'button');
  await widget(phone, 'Add a contact', 'button');
});

test('a long press shows the trash icon a mouse would hover; a tap on it asks to confirm', async () => {
  if (!(await widgets(phone)).some((w) => w.label === 'Add a contact')) await tap('< Contacts', 'button');
  const row = await widget(phone, 'Bruno', 'button');
  await longPress(phone, row.x + row.w / 2, row.y + row.h / 2);
  await settle(phone);
  await tap('Remove contact', 'button');
  await phone.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'button' && w.label === 'Cancel'));
  await settle(phone);
  await screenshot(phone, 'mobile-3-remove');
  await tap('Cancel', 'button');
});
