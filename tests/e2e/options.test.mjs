// Embedding options at work: a site's own server (lockedDomain), no registration, rooms
// joined after logging in (autoJoinRooms) and the dark theme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startBrowser, widgets, widget, click, type, press, settle, screenshot } from './lib.mjs';
import { newAccount, websocketUrl } from '../integration/lib.mjs';
import zlib from 'node:zlib';

// The colour of one page pixel: a 1×1 screenshot, its PNG decoded by hand (filter byte, RGB[A]).
async function pixel(page, x, y) {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at), kind = png.toString('ascii', at + 4, at + 8);
    if (kind === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(chunks));
  return [raw[1], raw[2], raw[3]];
}

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

async function openWith(options) {
  const page = await browser.context.newPage();
  await page.addInitScript((o) => { window.parlaOptions = o; }, options);
  await page.goto(browser.url);
  await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0 && window.parla.idle());
  return page;
}

test('a locked domain, no registration, rooms joined at log-in, dark theme', async () => {
  const me = newAccount('ospite');
  const room = `salotto-${randomBytes(3).toString('hex')}`;
  const page = await openWith({ websocket: websocketUrl, lockedDomain: 'localhost', registration: 'off',
                                autoJoinRooms: ` ${room} `, theme: 'dark' });
  const labels = (await widgets(page)).map((w) => `${w.role}:${w.label}`);
  assert.ok(labels.includes('tab:Log in'));
  assert.ok(!labels.includes('tab:Register'), 'no Register tab');
  // Dark: the page's background is dark.
  const [r, g, b] = await pixel(page, 3, 3);
  assert.ok(r < 60 && g < 60 && b < 60, `background ${r},${g},${b}`);

  // Another server's address is refused in words; the name alone logs in.
  await click(page, 'Address', 'input');
  await type(page, 'qualcuno@example.org');
  await click(page, 'Password', 'input');
  await type(page, 'x');
  await press(page, 'Enter');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'error'));
  assert.equal((await widgets(page)).find((w) => w.role === 'error').label, 'This site accepts only addresses at localhost.');
  await click(page, 'Address', 'input');
  await press(page, 'Control+A');
  await type(page, me.name);
  await click(page, 'Password', 'input');
  await press(page, 'Control+A');
  await type(page, me.password);
  await press(page, 'Enter');
  await page.waitForFunction(() => window.parla.state().connection === 'online');
  await page.waitForFunction((r) => window.parla.rooms().some((x) => x.jid === `${r}@conference.localhost` && x.state === 'joined'), room);
  await settle(page);
  await widget(page, room, 'tab');
  await screenshot(page, 'options-dark');
  await page.close();
});
