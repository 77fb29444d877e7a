// The page itself: loading indicator, plain messages for missing browser features,
// sharp HiDPI drawing, and layout following the window size.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widget, screenshot, settle } from './lib.mjs';

const browsers = [];
after(async () => { for (const b of browsers) await b.close(); });
async function browser(opts) { const b = await startBrowser(opts); browsers.push(b); return b; }

const statusText = (page) => page.evaluate(() => document.getElementById('parla-status').textContent.trim());

test('a loading indicator shows until the app has drawn', async () => {
  const b = await browser();
  const page = await b.context.newPage();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/parla.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(b.url);
  await page.waitForSelector('#parla-status .bar', { state: 'visible' });
  assert.match(await statusText(page), /Loading Parla/);
  release();
  await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  await page.waitForSelector('#parla-status', { state: 'hidden' });
});

test('without WebAssembly the page says so plainly', async () => {
  const b = await browser();
  const page = await b.context.newPage();
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(b.url);
  assert.match(await statusText(page), /needs WebAssembly/);
});

test('without WebGL 2 the page says so plainly', async () => {
  const b = await browser();
  const page = await b.context.newPage();
  await page.addInitScript(() => { delete window.WebGL2RenderingContext; });
  await page.goto(b.url);
  assert.match(await statusText(page), /needs WebGL 2/);
  await screenshot(page, 'page-no-webgl');
});

test('HiDPI: the canvas has device pixels, widgets keep CSS sizes', async () => {
  const b = await browser({ deviceScaleFactor: 2, viewport: { width: 800, height: 600 } });
  const page = await openParla(b);
  const size = await page.evaluate(() => {
    const c = document.querySelector('#parla-app canvas');
    return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight };
  });
  assert.deepEqual(size, { w: 1600, h: 1200, cw: 800, ch: 600 });
  const address = await widget(page, 'Address', 'input');
  assert.ok(address.w > 300 && address.w <= 420, `address width ${address.w} in CSS px`);
  await screenshot(page, 'page-hidpi');
});

test('the layout follows the window size, down to a phone', async () => {
  const b = await browser({ viewport: { width: 1200, height: 800 } });
  const page = await openParla(b);
  const wide = await widget(page, 'Address', 'input');
  await page.setViewportSize({ width: 360, height: 640 });
  await page.waitForFunction(() => document.querySelector('#parla-app canvas').width === 360);
  await settle(page);
  const narrow = await widget(page, 'Address', 'input');
  assert.ok(narrow.w < wide.w, `narrow ${narrow.w} < wide ${wide.w}`);
  assert.ok(narrow.x >= 0 && narrow.x + narrow.w <= 360, 'the input fits the phone screen');
  await screenshot(page, 'page-phone');
});
