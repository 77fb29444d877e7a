// Browser test helpers: start the static server and headless Chromium, find widgets in
// Parla's widget registry, and act on them with real mouse and keyboard events.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = process.env.PARLA_SITE || path.join(repo, 'build/wasm/site');
export const artifacts = process.env.PARLA_ARTIFACTS || path.join(repo, 'artifacts/e2e');

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// One browser profile and one server for a test file; close() stops both.
export async function startBrowser({ viewport = { width: 1024, height: 720 }, deviceScaleFactor = 1, mobile = false } = {}) {
  const server = await serve(siteDir, 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parla-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: chromiumArgs,
    viewport, deviceScaleFactor,
    ...(mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  // The XMPP Providers list comes from a fixture: tests never reach the Internet.
  await context.route('https://data.xmpp.net/**', (route) => route.fulfill({
    status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' },
    body: fs.readFileSync(path.join(repo, 'tests/fixtures/providers-B.json'), 'utf8'),
  }));
  const logs = [];
  const close = async () => {
    await context.close();
    await new Promise((r) => server.close(r));
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, url, logs, close };
}

// Opens Parla in a new page and waits for its first frame.
export async function openParla(browser, query = '') {
  const page = await browser.context.newPage();
  page.on('console', (m) => browser.logs.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => browser.logs.push(`[pageerror] ${e.message}`));
  await page.goto(browser.url + query);
  await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  await settle(page);
  return page;
}

// Waits until Parla has drawn everything it was given (its frame loop stopped).
export async function settle(page) {
  await page.waitForFunction(() => window.parla.idle());
}

export async function widgets(page) {
  return page.evaluate(() => window.parla.widgets());
}

// The one visible widget with this label (and role, if given); fails when none or several.
export async function widget(page, label, role) {
  const all = await widgets(page);
  const found = all.filter((w) => w.label === label && w.visible && (!role || w.role === role));
  if (found.length !== 1) {
    const seen = all.filter((w) => w.label).map((w) => `${w.role}:${w.label}`).join(', ');
    throw new Error(`expected one visible ${role || 'widget'} "${label}", found ${found.length}; seen: ${seen}`);
  }
  return found[0];
}

export async function click(page, label, role) {
  const w = await widget(page, label, role);
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  await settle(page);
  return w;
}

export async function type(page, text) {
  await page.keyboard.type(text);
  await settle(page);
}

export async function press(page, keys) {
  await page.keyboard.press(keys);
  await settle(page);
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// A finger on the screen: `points` [[x, y], ...] in page CSS px, `ms` between them (CDP touch events).
// Each event carries its own time, `ms` apart: the gesture's speed does not depend on how fast
// the test machine delivers the events.
export async function swipe(page, points, ms = 16) {
  const cdp = await page.context().newCDPSession(page);
  const at = ([x, y]) => [{ x, y, id: 1 }];
  const t0 = Date.now() / 1000;
  const send = (type, touchPoints, i) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp: t0 + (i * ms) / 1000 });
  await send('touchStart', at(points[0]), 0);
  for (let i = 1; i < points.length; i++) await send('touchMove', at(points[i]), i);
  await send('touchEnd', [], points.length - 1);
  await cdp.detach();
}

// A finger held still at (x, y) for `ms`, then lifted.
// The events carry their own times, `ms` apart, whatever the machine's speed.
export async function longPress(page, x, y, ms = 700) {
  const cdp = await page.context().newCDPSession(page);
  const t0 = Date.now() / 1000;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }], timestamp: t0 });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: t0 + ms / 1000 });
  await cdp.detach();
}
