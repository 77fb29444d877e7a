// The "On your phone" panel: QR codes a phone's camera reads. Logged out, the page's address
// (keeping `domain`, dropping the loopback WebSocket); logged in, also the xmpp: URI a friend
// scans to add us (RFC 5122, ?roster). Each code is cut out of a screenshot and decoded with
// zbarimg (Debian's zbar-tools), and every pixel of it must be pure black or pure white.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startBrowser, openParla, widgets, widget, click, settle, screenshot, artifacts } from './lib.mjs';
import { newAccount, logIn, websocketUrl } from '../integration/lib.mjs';

let browser;
before(async () => { browser = await startBrowser({ viewport: { width: 1100, height: 1100 } }); });
after(async () => { if (browser) await browser.close(); });

const query = `?websocket=${encodeURIComponent(websocketUrl)}&domain=localhost`;

// What Parla's page_url gives for the address a page was opened at: only `domain` stays.
function phoneUrl(address) {
  const u = new URL(address);
  const domain = u.searchParams.get('domain');
  const q = new URLSearchParams();
  if (domain !== null) q.set('domain', domain);
  u.search = q.toString();
  u.hash = '';
  return u.toString();
}

// Cuts the code (with its quiet zone) out of a screenshot, decodes it, and counts the pixels
// that are neither black nor white (a code off the pixel grid has grey edges).
async function readCode(page, label, name) {
  const w = await widget(page, label, 'qr');
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  const png = await page.screenshot({ path: file, clip: { x: w.x, y: w.y, width: w.w, height: w.h } });
  const text = execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }).replace(/\n$/, '');
  const grey = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const v = d[i];
      if ((v !== 0 && v !== 255) || d[i + 1] !== v || d[i + 2] !== v) n++;
    }
    return n;
  }, png.toString('base64'));
  return { w, text, grey };
}

test('logged out: the phone button shows the page address as a code a camera reads', async () => {
  const page = await openParla(browser, query);
  assert.equal((await widgets(page)).filter((w) => w.role === 'qr').length, 0, 'no code until asked');
  await click(page, 'On your phone', 'button');
  const expected = phoneUrl(page.url());
  assert.ok(!expected.includes('websocket'), expected);
  assert.match(expected, /\?domain=localhost$/);
  const { w, text, grey } = await readCode(page, 'Code to open this page', 'qr-1-page-code');
  assert.equal(w.text, expected, 'the registry tells the encoded text');
  assert.equal(text, expected, 'zbarimg reads the page address');
  assert.equal(grey, 0, 'modules on whole pixels: only black and white');
  for (const v of [w.x, w.y, w.w, w.h]) assert.ok(Number.isInteger(v), `pixel-aligned rectangle: ${JSON.stringify(w)}`);
  assert.ok(w.w >= 150 && w.w === w.h, `a square big enough to scan: ${w.w}`);
  assert.ok(!(await widgets(page)).some((x) => x.label === 'Code to add you as a contact'), 'no contact code logged out');
  await screenshot(page, 'qr-2-logged-out');

  // The button hides the panel again.
  await click(page, 'On your phone', 'button');
  assert.equal((await widgets(page)).filter((x) => x.role === 'qr').length, 0);
  await page.close();
});

test('logged in: the button beside Log out shows both codes; the second adds us as a contact', async () => {
  const page = await openParla(browser, query);
  const account = newAccount('qr');
  await logIn(page, account);
  await settle(page);
  const logOut = await widget(page, 'Log out', 'button');
  const phone = await click(page, 'On your phone', 'button');
  assert.ok(Math.abs(phone.y - logOut.y) < 2 && phone.x > logOut.x, 'beside Log out');
  const pageCode = await readCode(page, 'Code to open this page', 'qr-3-page-code-online');
  assert.equal(pageCode.text, phoneUrl(page.url()));
  const expected = `xmpp:${account.name}@localhost?roster`;
  const contact = await readCode(page, 'Code to add you as a contact', 'qr-4-contact-code');
  assert.equal(contact.w.text, expected);
  assert.equal(contact.text, expected, 'zbarimg reads our xmpp: URI');
  assert.equal(contact.grey, 0);
  assert.ok((await widgets(page)).length > 0);
  await screenshot(page, 'qr-5-logged-in');
  await page.close();
});

test('on HiDPI screens the modules stay on whole device pixels', async () => {
  for (const scale of [2, 1.5]) {
    const hidpi = await startBrowser({ viewport: { width: 800, height: 900 }, deviceScaleFactor: scale });
    try {
      const page = await openParla(hidpi, query);
      await click(page, 'On your phone', 'button');
      const { text, grey } = await readCode(page, 'Code to open this page', `qr-6-page-code-x${scale}`);
      assert.equal(text, phoneUrl(page.url()), `read at ${scale}x`);
      assert.equal(grey, 0, `only black and white at ${scale}x`);
    } finally {
      await hidpi.close();
    }
  }
});
