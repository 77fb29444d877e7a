// A provider with a CAPTCHA, played by the test itself over a routed WebSocket: the picture
// (XEP-0231 bits of binary) is drawn, the score shows a well-run provider, a wrong answer is
// explained and a fresh CAPTCHA arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startBrowser, openParla, widgets, widget, click, type, screenshot, settle } from './lib.mjs';

// A small PNG made here (so the test owns its bytes): a 120x40 stripe pattern.
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (name, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(name), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;  // 8-bit RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const on = ((x >> 3) + (y >> 3)) % 2 === 0;
      row.set(on ? [40, 90, 200] : [240, 240, 240], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const url = 'ws://127.0.0.1:9/captcha-provider';
let browser, page, forms = 0;

function captchaForm(id) {
  forms++;
  const cid = `sha1+${String(forms).padStart(40, '0')}@bob.xmpp.org`;
  return `<iq xmlns='jabber:client' type='result' id='${id}' from='example.net'><query xmlns='jabber:iq:register'>` +
    `<instructions>Fill in the form.</instructions>` +
    `<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:captcha</value></field>` +
    `<field var='username' type='text-single'><required/></field>` +
    `<field var='password' type='text-private'><required/></field>` +
    `<field var='ocr' label='Enter the text you see'><required/><media xmlns='urn:xmpp:media-element' width='120' height='40'>` +
    `<uri type='image/png'>cid:${cid}</uri></media></field></x></query>` +
    `<data xmlns='urn:xmpp:bob' cid='${cid}' type='image/png' max-age='0'>${png(120, 40).toString('base64')}</data></iq>`;
}

before(async () => {
  browser = await startBrowser({ viewport: { width: 900, height: 1000 } });
  page = await browser.context.newPage();
  await page.routeWebSocket(url, (ws) => {
    ws.onMessage((message) => {
      const text = String(message);
      const id = (text.match(/ id=["']([^"']+)["']/) || [])[1];
      if (text.startsWith('<open')) {
        ws.send("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.net' id='s1' version='1.0'/>");
        ws.send("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms " +
                "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-256-PLUS</mechanism>" +
                "<mechanism>SCRAM-SHA-256</mechanism></mechanisms>" +
                "<register xmlns='http://jabber.org/features/iq-register'/></stream:features>");
      } else if (text.includes("type=\"get\"") && text.includes('jabber:iq:register')) {
        ws.send(captchaForm(id));
      } else if (text.includes("type=\"set\"") && text.includes('jabber:iq:register')) {
        ws.send(`<iq xmlns='jabber:client' type='error' id='${id}' from='example.net'><error type='modify'>` +
                `<not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>` +
                `Wrong CAPTCHA</text></error></iq>`);
      }
    });
  });
  await page.goto(`${browser.url}?websocket=${encodeURIComponent(url)}`);
  await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  await settle(page);
});
after(async () => { if (browser) await browser.close(); });

test('the CAPTCHA picture is drawn and the provider scores well', async () => {
  await click(page, 'Register', 'tab');
  await click(page, 'Provider domain', 'input');
  await type(page, 'example.net');
  await click(page, 'Fetch registration form', 'button');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'picture'));
  await settle(page);
  const picture = (await widgets(page)).find((w) => w.role === 'picture');
  assert.equal(picture.w, 120);
  assert.equal(picture.h, 40);
  assert.equal((await widgets(page)).find((w) => w.role === 'score').label, 'Security score 100/100, good');
  await screenshot(page, 'captcha-1-form');
});

test('a wrong answer is explained and a fresh CAPTCHA arrives', async () => {
  await click(page, 'Your name at this provider', 'input');
  await type(page, 'benvolio');
  await click(page, 'Password', 'input');
  await type(page, 'Verona-1597-x');
  await click(page, 'Password again', 'input');
  await type(page, 'Verona-1597-x');
  await click(page, 'Enter the text you see', 'input');
  await type(page, 'xyzzy');
  const before = forms;
  await click(page, 'Register', 'button');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'error'));
  await page.waitForFunction(() => window.parla.events.filter((e) => e.type === 'registration-form').length >= 2);
  await settle(page);
  assert.equal(forms, before + 1, 'a new form was asked for');
  const error = (await widgets(page)).find((w) => w.role === 'error');
  assert.match(error.label, /CAPTCHA/);
  assert.equal((await widget(page, 'Your name at this provider', 'input')).text, 'benvolio', 'the name is kept');
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'picture'));
  await screenshot(page, 'captcha-2-wrong');
});
