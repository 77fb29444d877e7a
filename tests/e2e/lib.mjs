// Browser test helpers: start the static server and headless Chromium, find widgets in
// Parla's widget registry, and act on them with real mouse and keyboard events.
import { chromium } from 'playwright-core';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
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
// The pages of a test share one profile: unless the query says otherwise, "remember me" is off
// (remember=0) so one page's kept log-in never carries into the next.
export async function openParla(browser, query = '') {
  if (!/[?&]remember=/.test(query)) query += (query.includes('?') ? '&' : '?') + 'remember=0';
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

// --- Faults, for the "never lose a message" tests ---

// A seed for a test's random choices: PARLA_SEED when set (to replay a failure), else a fresh one.
export function testSeed() {
  return process.env.PARLA_SEED ? Number(process.env.PARLA_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

// A small seeded generator (mulberry32): the same seed, the same choices. rnd() is in [0, 1);
// rnd.int(a, b) in [a, b]; rnd.pick(list).
export function seededRandom(seed) {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  rnd.int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  rnd.pick = (list) => list[Math.floor(rnd() * list.length)];
  return rnd;
}

// One WebSocket frame (RFC 6455 §5.2) at the start of `buf`: {fin, opcode, payload (unmasked),
// size (bytes of the whole frame)}, or null when the buffer does not hold all of it yet.
function readFrame(buf) {
  if (buf.length < 2) return null;
  let len = buf[1] & 0x7f, off = 2;
  if (len === 126) { if (buf.length < 4) return null; len = buf.readUInt16BE(2); off = 4; }
  else if (len === 127) { if (buf.length < 10) return null; len = Number(buf.readBigUInt64BE(2)); off = 10; }
  const masked = (buf[1] & 0x80) !== 0;
  const mask = masked ? buf.subarray(off, off + 4) : null;
  if (masked) off += 4;
  if (buf.length < off + len) return null;
  const payload = Buffer.from(buf.subarray(off, off + len));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
  return { fin: (buf[0] & 0x80) !== 0, opcode: buf[0] & 0x0f, payload, size: off + len };
}

// A server-to-client frame (unmasked, RFC 6455 §5.1) carrying `data` (a string is a text frame).
export function wsFrame(data, opcode = typeof data === 'string' ? 1 : 2) {
  const payload = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n])
    : n < 65536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff])
      : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; })()]);
  return Buffer.concat([head, payload]);
}

// A loopback TCP proxy in front of a WebSocket server (`target`, a ws:// URL), for faults:
//  - cut(): drops every open connection at once; down(true) refuses new ones until down(false);
//  - cutAfter(n): drops the connection after n more bytes (both directions counted) and resolves,
//    with the number of connections accepted until then; cutting() is true while one is armed.
//    Server-to-client, the cut lands wherever the n-th byte is (in the middle of a frame, a
//    stanza); client-to-server, the frame it falls in is not forwarded at all (it was "in the
//    air"). Why not half a frame to the server: Prosody 0.12.3 resumes a XEP-0198 session over
//    WebSocket still parsing with the dropped connection's frame buffer (mod_c2s's session.data
//    keeps the old session's filters), so a half frame left there garbles everything the client
//    sends after resuming (no answer, then a not-well-formed or stanza-too-large stream error).
//    {upstreamHalfFrames: true} sends the half frame anyway.
//  - with {frames: true} the server's frames too pass whole, and it can observe them
//    (onServerText, onClientText: fn(text) for every text frame), inject(text | Buffer) a frame
//    of its own into the server-to-client stream between two of the server's, hold(pred) server
//    text frames (kept, in order, until release()), and drop(pred) client text frames.
export function faultProxy(target, { frames = false, upstreamHalfFrames = false } = {}) {
  const to = new URL(target.replace(/^ws/, 'http'));
  const open = new Set();
  const serverText = [], clientText = [];
  let refusing = false, connections = 0, cutAt = null, holdPred = null, dropPred = null;
  const held = [], waiting = [];
  const kill = (pair) => { pair.dead = true; pair.c.destroy(); pair.s.destroy(); open.delete(pair); };
  // Writes `buf` towards `dst`, unless an armed byte cut falls in it: then only the part before
  // (`whole`: nothing of it) and the connection drops.
  const write = (pair, dst, buf, whole = false) => {
    if (pair.dead) return;
    if (cutAt && cutAt.left <= buf.length) {
      const armed = cutAt;
      cutAt = null;
      const part = whole ? buf.subarray(0, 0) : buf.subarray(0, armed.left);
      pair.dead = true;  // nothing more goes either way
      const n = connections;
      dst.write(part, () => { kill(pair); armed.resolve(n); });
      return;
    }
    if (cutAt) cutAt.left -= buf.length;
    dst.write(buf);
  };
  // One direction of one connection: the HTTP upgrade passes as it is, then frames (whole ones,
  // unless server-to-client without {frames}: chunks as they come).
  const direction = (pair, dst, fromServer) => {
    let buf = Buffer.alloc(0), upgraded = false;
    const whole = fromServer ? frames : true;
    return (chunk) => {
      if (pair.dead) return;
      if (!whole) write(pair, dst, chunk);
      if (!whole && !serverText.length) return;  // nothing wants to read them
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (whole) write(pair, dst, buf.subarray(0, end + 4));
        buf = buf.subarray(end + 4);
        upgraded = true;
        if (fromServer) pair.upgraded = true;
      }
      for (let f; (f = readFrame(buf));) {
        const raw = buf.subarray(0, f.size);
        buf = buf.subarray(f.size);
        if (f.opcode === 1) {
          const text = f.payload.toString('utf8');
          for (const fn of fromServer ? serverText : clientText) fn(text);
          if (!whole) continue;
          if (fromServer && holdPred && holdPred(text)) { held.push({ pair, raw: Buffer.from(raw) }); continue; }
          if (!fromServer && dropPred && dropPred(text)) continue;
        }
        if (whole) write(pair, dst, raw, !fromServer && !upstreamHalfFrames);
      }
    };
  };
  const server = net.createServer((c) => {
    if (refusing) { c.destroy(); return; }
    connections++;
    for (const w of waiting.filter((x) => connections > x.after)) { waiting.splice(waiting.indexOf(w), 1); w.resolve(connections); }
    const s = net.connect(Number(to.port), to.hostname);
    const pair = { c, s, dead: false, upgraded: false };
    open.add(pair);
    const end = () => kill(pair);
    c.on('error', end); s.on('error', end); c.on('close', end); s.on('close', end);
    c.on('data', direction(pair, s, false));
    s.on('data', direction(pair, c, true));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `ws://127.0.0.1:${server.address().port}${to.pathname}`,
    get connections() { return connections; },  // accepted so far
    get open() { return open.size; },
    // Resolves when more than `after` connections were accepted (a page came back after a cut).
    connectionAfter(after) {
      return connections > after ? Promise.resolve(connections) : new Promise((r) => waiting.push({ after, resolve: r }));
    },
    cut() { const n = open.size; for (const p of [...open]) kill(p); return n; },
    cutAfter(bytes) { return new Promise((r) => { cutAt = { left: Math.max(1, bytes), resolve: r }; }); },
    cutting() { return cutAt !== null; },
    cancelCut() { cutAt = null; },
    down(v) { refusing = v; },
    onServerText(fn) { serverText.push(fn); },
    onClientText(fn) { clientText.push(fn); },
    // Into the newest upgraded connection; false when there is none.
    inject(data) {
      const pair = [...open].reverse().find((p) => p.upgraded && !p.dead);
      if (!pair) return false;
      pair.c.write(Buffer.isBuffer(data) ? data : wsFrame(data));
      return true;
    },
    hold(pred) { holdPred = pred; },
    get held() { return held.length; },  // frames kept back now
    release() { holdPred = null; for (const h of held.splice(0)) if (!h.pair.dead) h.pair.c.write(h.raw); },
    drop(pred) { dropPred = pred; },
    close() { for (const p of [...open]) kill(p); return new Promise((r) => server.close(r)); },
  })));
}

// Every message of the open chat as the screen draws it, top to bottom: [{role, label}] with
// roles message-in, message-out, mention and error (a "Not delivered" reason, after its message).
// The list draws only what is in view, so this scrolls it (wheel events on the canvas, each
// followed by the frames it causes): to the top first, where the archive's older pages load
// (each waited for with a round trip to the server), then down most of a screen at a time,
// placing each item by its position on the whole list.
export async function chatOnScreen(page) {
  const list = (await widgets(page)).find((w) => w.role === 'window' && /\/messages_[0-9A-F]+$/.test(w.label) && w.visible);
  if (!list) throw new Error('no chat open');
  await page.mouse.move(list.x + list.w / 2, list.y + list.h / 2);  // the wheel goes to the list under the pointer
  await settle(page);
  const result = await page.evaluate(async ([win, view]) => {
    let step = view;  // wheel pixels; adjusted to move the list by most of a screen
    const roles = new Set(['message-in', 'message-out', 'mention', 'error']);
    const canvas = document.querySelector('canvas');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const shown = () => window.parla.widgets().filter((w) => roles.has(w.role) && w.window === win)
      .map((w) => ({ role: w.role, label: w.label, y: w.y }));
    // The frame drawn after the wheel has the list at its new place (one frame; `all`: every
    // frame it causes).
    const wheel = async (dy, all = false) => {
      const n = window.parla.frameCount();
      canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, deltaMode: 0, cancelable: true }));
      do await frame(); while (window.parla.frameCount() === n);
      if (all) while (!window.parla.idle()) await frame();
      return shown();
    };
    // A ping's answer: what the server sent before it (an archive page asked at the top) is in.
    const roundTrip = () => new Promise((resolve) => {
      let off = () => {};
      const id = window.parla.sendRaw("<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>");
      if (!id) { resolve(); return; }
      off = window.parla.on((e) => { if (e.id === id && e.type.startsWith('iq-')) { off(); resolve(); } });
    });
    let top = null;
    for (let k = 0; k < 500; k++) {
      await wheel(-1e6, true);
      await roundTrip();
      const first = (await wheel(0, true))[0];
      const key = first ? `${first.role}:${first.label}@${first.y}` : '';
      if (key === top) break;
      top = key;
    }
    const all = [];  // {role, label, at}: `at` is the position on the whole list
    let prev = shown(), offset = 0;
    const place = (items) => {
      for (const w of items) {
        const at = w.y + offset;
        if (!all.some((a) => a.label === w.label && a.role === w.role && Math.abs(a.at - at) < 2)) all.push({ role: w.role, label: w.label, at });
      }
    };
    const once = (items, w) => items.filter((x) => x.label === w.label && x.role === w.role).length === 1;
    place(prev);
    for (let k = 0; k < 100000; k++) {
      let cur = await wheel(step);
      const still = () => cur.length === prev.length && cur.every((w, i) => w.label === prev[i].label && w.y === prev[i].y);
      if (still()) {  // the bottom, or a frame that came too soon: once more, waiting for all frames
        cur = await wheel(step, true);
        if (still()) break;
      }
      // An item on both screens (once on each) tells how far the list moved.
      const common = cur.find((w) => once(cur, w) && once(prev, w));
      if (!common) return { error: `scrolled past every item it had seen (after ${all.length})` };
      const moved = prev.find((w) => w.label === common.label && w.role === common.role).y - common.y;
      offset += moved;
      if (moved > 0) step = Math.max(100, Math.round((step * view) / moved));
      place(cur);
      prev = cur;
    }
    return { items: all.sort((a, b) => a.at - b.at).map(({ role, label }) => ({ role, label })) };
  }, [list.label, Math.max(100, Math.round(list.h * 0.75))]);
  if (result.error) throw new Error(`chatOnScreen: ${result.error}`);
  return result.items;
}

// What one side has of what the other sent (`sent`: bodies in order; `got`: bodies as found):
// {sent, received, duplicated, lost, unknown (not sent by them), inOrder, firstLost,
// disorder (where the order first breaks, a few bodies either side)}.
export function tally(sent, got) {
  const seen = new Map();
  for (const b of got) seen.set(b, (seen.get(b) || 0) + 1);
  const known = new Set(sent);
  const firsts = got.filter((b, i) => known.has(b) && got.indexOf(b) === i);
  const order = sent.filter((b) => seen.has(b));
  const broken = firsts.findIndex((b, i) => b !== order[i]);
  return {
    sent: sent.length,
    received: order.length,
    duplicated: [...seen.entries()].filter(([b, n]) => known.has(b) && n > 1).length,
    lost: sent.length - order.length,
    unknown: got.filter((b) => !known.has(b)).length,
    inOrder: broken < 0,
    firstLost: sent.filter((b) => !seen.has(b)).slice(0, 10),
    disorder: broken < 0 ? [] : firsts.slice(Math.max(0, broken - 3), broken + 4),
  };
}

// The counts in one line: "sent 1000, received 1000, duplicated 0, lost 0".
export function tallyLine(t) {
  return `sent ${t.sent}, received ${t.received}, duplicated ${t.duplicated}, lost ${t.lost}` +
    `${t.unknown ? `, unknown ${t.unknown}` : ''}${t.inOrder ? '' : `, OUT OF ORDER at ${t.disorder.join(' | ')}`}`;
}

// A Prosody of the test's own (scripts/prosody with its own folder under build/ and free
// ports), for tests that stop and start the server while other test files use the shared one.
// {url, dir, start(), stop(), account(prefix) -> {name, jid, password}, remove()}.
export async function ownProsody(name) {
  const free = () => new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
  const dir = path.join(repo, 'build', `e2e-prosody-${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const http = await free();
  let c2s = await free();
  while (c2s === http) c2s = await free();
  const env = { ...process.env, PARLA_PROSODY_DIR: dir, PARLA_PROSODY_HTTP_PORT: String(http), PARLA_PROSODY_C2S_PORT: String(c2s) };
  const script = path.join(repo, 'scripts/prosody');
  const run = (...args) => new Promise((resolve, reject) => execFile(script, args, { env }, (err, stdout, stderr) => {
    if (err) reject(new Error(`scripts/prosody ${args[0]}: ${stderr || stdout || err.message}`)); else resolve(stdout);
  }));
  return {
    url: `ws://127.0.0.1:${http}/xmpp-websocket`,
    dir,
    start: () => run('start'),
    stop: () => run('stop'),
    async account(prefix) {
      const user = `${prefix}-${randomBytes(4).toString('hex')}`;
      const password = randomBytes(9).toString('base64');
      await run('adduser', user, password);
      return { name: user, jid: `${user}@localhost`, password };
    },
    async remove() { await run('stop'); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

// The text messages of a conversation as the page has them (parla.chat), oldest first.
export async function conversation(page, peer) {
  return page.evaluate((p) => window.parla.chat(p).filter((m) => m.kind === 'text'), peer);
}

// Waits until the conversation with `peer` holds every one of `bodies` (or `ms` pass: then the
// counts tell what is missing).
export async function conversationHolds(page, peer, bodies, ms = 60000) {
  await page.waitForFunction(([p, want]) => {
    const got = new Set(window.parla.chat(p).map((m) => m.body));
    return want.every((b) => got.has(b));
  }, [peer, bodies], { timeout: ms, polling: 250 }).catch(() => {});
}

// Resolves when `cond()` holds (a condition in the test's own process: a proxy saw a frame, a
// list grew), checked every 10 ms; fails after `ms`, naming `what`.
export async function until(cond, what, ms = 60000) {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 10)))
    if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for ${what}`);
}
