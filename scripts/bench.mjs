// Parla's benchmark: runs the built page in headless Chromium like a person would, against a
// loopback Prosody of its own seeded with accounts, rosters and bots, and prints one table
// (figures, budgets PASS/MISS) and build/bench/results.json. docs/bench.md says how each
// figure is measured. Figures come from outside the app where possible: response bodies,
// Chrome DevTools Protocol (Performance.getMetrics, a trace of the renderer's main-thread
// tasks), /proc for the browser's CPU time, a WebSocket proxy for when the server's answer
// passed, and the wasm heap read from the module.
// Usage: node scripts/bench.mjs [--idle-seconds N] [--only a,b,...] [--site DIR] [--serve] [--report]
//   scenarios: load, roster, burst, room, cycles (default: all)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { chromiumArgs, faultProxy } from '../tests/e2e/lib.mjs';
import { Bot, connectAll, esc } from '../bench/bots.mjs';
import { writeAccounts, writeRoster, rosterItems } from '../bench/seed.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const idleSeconds = Number(opt('--idle-seconds', 30));
const only = opt('--only', 'load,roster,burst,room,cycles').split(',');
const siteDir = path.resolve(opt('--site', process.env.PARLA_SITE || path.join(repo, 'build/wasm/site')));
const prosodyDir = path.join(repo, 'build/bench-prosody');
const DOMAIN = 'localhost';
const PASSWORD = 'bench-password-1';
const ROSTERS = [[100, 20], [1000, 200], [5000, 200]];  // contacts, of which online (bots)
const BOTS = 500;  // b0..b499: the first 200 are online contacts; all 500 sit in the big room
const ROOM = `plaza@conference.${DOMAIN}`;
const ROOM_HISTORY = 2000;
const BURSTS = [1000, 10000];
const CYCLES = 10;

const log = (...a) => console.error('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => (x == null || Number.isNaN(x) ? null : +x.toFixed(d));

// --- The machine, and how busy it is (others' tests make timing figures noisy) ---
function cpuTimes() {  // whole machine: [busy, total] jiffies
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] || 0);
  const total = f.reduce((a, b) => a + b, 0);
  return [total - idle, total];
}
function machineBusy(t0, t1) {  // percent of all cores busy between two cpuTimes()
  return round((100 * (t1[0] - t0[0])) / Math.max(1, t1[1] - t0[1]), 0);
}
// CPU seconds used by a process and all its descendants (from /proc: utime + stime).
function treeCpuSeconds(rootPid) {
  const hz = 100;  // USER_HZ on Linux
  const stats = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(d), { ppid: Number(rest[1]), cpu: (Number(rest[11]) + Number(rest[12])) / hz });
    } catch { /* gone */ }
  }
  let sum = 0;
  const want = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats) if (!want.has(pid) && want.has(s.ppid)) { want.add(pid); grew = true; }
  }
  for (const pid of want) sum += stats.get(pid)?.cpu || 0;
  return sum;
}

function findProcess(marker) {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.includes(marker) && !cmd.some((a) => a.startsWith('--type='))) return Number(d);
    } catch { /* gone */ }
  }
  return null;
}

function machine() {
  const cpus = os.cpus();
  let chromiumVersion = '';
  try { chromiumVersion = execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); }
  catch { chromiumVersion = 'unknown'; }
  let prosodyVersion = '';
  try { prosodyVersion = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'prosody'], { encoding: 'utf8' }).trim(); } catch { /* */ }
  return { nproc: cpus.length, cpu: cpus[0]?.model || 'unknown', ram_gib: round(os.totalmem() / 2 ** 30, 1),
           chromium: chromiumVersion, prosody: prosodyVersion, node: process.version, kernel: os.release() };
}

// --- Prosody: our own, on free loopback ports, seeded before it starts ---
function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

async function startProsody() {
  let http = 0, c2s = 0;
  const reserved = new Set([25290, 25232, 26290, 26232, 5290, 5232]);
  while (!http || reserved.has(http)) http = await freePort();
  while (!c2s || c2s === http || reserved.has(c2s)) c2s = await freePort();
  const env = { ...process.env, PARLA_PROSODY_DIR: prosodyDir, PARLA_PROSODY_HTTP_PORT: String(http),
                PARLA_PROSODY_C2S_PORT: String(c2s), PARLA_PROSODY_DOMAIN: DOMAIN };
  const prosody = (...a) => execFileSync(path.join(repo, 'scripts/prosody'), a, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try { prosody('stop'); } catch { /* not running */ }
  fs.rmSync(prosodyDir, { recursive: true, force: true });
  const t0 = Date.now();
  // One account made by prosodyctl; every other account gets a copy of its SCRAM record.
  prosody('adduser', 'seed', PASSWORD);
  const data = path.join(prosodyDir, 'data');
  const account = fs.readFileSync(path.join(data, DOMAIN, 'accounts', 'seed.dat'), 'utf8');
  const users = [];
  const rosters = {};  // user -> items
  for (const [n, online] of ROSTERS) rosters[`r${n}`] = rosterItems(DOMAIN, n, online);
  rosters.burst = rosterItems(DOMAIN, 99, 20, [{ jid: `sender@${DOMAIN}`, name: 'Sender', groups: ['Team A'] }]);
  rosters.roomer = rosterItems(DOMAIN, 100, 20);
  rosters.sender = [{ jid: `burst@${DOMAIN}`, name: 'Burst', groups: [] }];
  // Bots see the users that list them (subscription both): their presence reaches them.
  const botRoster = Array.from({ length: BOTS }, () => []);
  for (const [user, items] of Object.entries(rosters)) {
    for (const it of items) {
      const m = /^b(\d+)@/.exec(it.jid);
      if (m) botRoster[Number(m[1])].push({ jid: `${user}@${DOMAIN}`, name: user, groups: [] });
    }
  }
  for (let i = 0; i < BOTS; i++) { users.push(`b${i}`); rosters[`b${i}`] = botRoster[i]; }
  users.push(...Object.keys(rosters).filter((u) => !/^b\d+$/.test(u)));
  writeAccounts(data, DOMAIN, users, account);
  for (const [user, items] of Object.entries(rosters)) writeRoster(data, DOMAIN, user, items);
  const seedMs = Date.now() - t0;
  prosody('start');
  serverPid = Number(fs.readFileSync(path.join(prosodyDir, 'prosody.pid'), 'utf8'));
  return { http, c2s, env, seedMs, accounts: users.length, websocket: `ws://127.0.0.1:${http}/xmpp-websocket`,
           stop: () => { try { prosody('stop'); } catch { /* */ } } };
}

// --- Chromium: one browser per scenario (a fresh profile, nothing kept from the last) ---
async function startBrowser(server) {
  // A flag Chromium ignores marks our browser process, so /proc can find it and its children.
  const marker = `--parla-bench=${process.pid}-${Date.now()}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
                                          args: [...chromiumArgs, marker] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  // The provider list is never fetched from the Internet here.
  await context.route('**/providers-B.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
  // Keeps the module (for its heap) and records long animation frames, from the page's start.
  await context.addInitScript(() => {
    let make;
    Object.defineProperty(window, 'createParla', {
      configurable: true,
      get() { return make; },
      set(f) { make = (o) => f(o).then((m) => { window.__parlaModule = m; return m; }); },
    });
    window.__loaf = [];
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__loaf.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration }); })
        .observe({ type: 'long-animation-frame', buffered: true });
    } catch { /* no LoAF API */ }
  });
  const pid = findProcess(marker);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { browser, context, page, cdp, pid, errors, url: server.url, close: () => browser.close() };
}

async function metrics(cdp) {
  return Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
}

// Main-thread tasks of the page's renderer, from a Chrome trace. Each task's own work is its
// length less the time it waited for the GPU process ('gpu' category: WaitForCmd). Here WebGL
// runs on SwiftShader and the page is composited in software, so every frame Parla draws is read
// back (ReadPixels) and the main thread waits while the GPU process renders it on the CPU: tens
// of ms a frame that a machine with a GPU does not spend. Both figures are reported.
async function startTrace(cdp) {
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream',
                                    traceConfig: { includedCategories: ['toplevel', 'gpu'], excludedCategories: ['*'] } });
}
async function stopTrace(cdp) {
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  const chunks = [];
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
    chunks.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(chunks.join(''));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, { tasks: [], waits: [] });
    if (e.name === 'ThreadControllerImpl::RunTask') byThread.get(k).tasks.push(e);
    else if (e.name === 'ImplementationBase::WaitForCmd') byThread.get(k).waits.push(e);
  }
  let best = { tasks: [], waits: [] };
  const busy = (t) => t.tasks.reduce((a, e) => a + e.dur, 0);
  for (const t of byThread.values()) if (busy(t) > busy(best)) best = t;  // the page's renderer: the busiest
  // Nested RunTasks (a task inside a task) count once: keep the outermost.
  const tasks = best.tasks.sort((a, b) => a.ts - b.ts);
  const top = [];
  for (const t of tasks) if (!top.length || t.ts >= top[top.length - 1].ts + top[top.length - 1].dur) top.push(t);
  const waits = best.waits.sort((a, b) => a.ts - b.ts);
  // Own work: the task's wall time less its waits; own CPU: its thread time (tdur) less the
  // waits' thread time. Thread time leaves out what the OS took away (the machine is shared).
  let w = 0;
  const cpu = [];
  const own = top.map((t) => {
    while (w < waits.length && waits[w].ts < t.ts) w++;
    let waited = 0, waitedCpu = 0, end = t.ts;
    for (let i = w; i < waits.length && waits[i].ts < t.ts + t.dur; i++) {
      const e = waits[i];
      if (e.ts >= end) { waited += e.dur; waitedCpu += e.tdur || 0; end = e.ts + e.dur; }  // nested waits count once
    }
    if (t.tdur != null) cpu.push((t.tdur - waitedCpu) / 1000);
    return (t.dur - waited) / 1000;
  });
  const durs = top.map((t) => t.dur / 1000);
  const max = (a) => round(Math.max(0, ...a));
  return { tasks: durs.length, longest_ms: max(durs), over_50ms: durs.filter((d) => d > 50).length,
           over_16ms: durs.filter((d) => d > 16.7).length, gpu_wait_ms: round(durs.reduce((a, b) => a + b, 0) - own.reduce((a, b) => a + b, 0)),
           own_longest_ms: max(own), own_over_50ms: own.filter((d) => d > 50).length,
           own_cpu_longest_ms: cpu.length ? max(cpu) : null };
}

// Runs `fn` and measures the page while it runs: main-thread task time (CDP metrics), the
// longest main-thread task (trace), frames Parla drew, whole-browser CPU, machine load.
let serverPid = null;  // Prosody's, for its CPU time (the server's side of each figure)
async function measure(b, fn) {
  await startTrace(b.cdp);
  const s0 = serverPid ? treeCpuSeconds(serverPid) : 0;
  const m0 = await metrics(b.cdp);
  const f0 = await b.page.evaluate(() => window.parla.frameCount());
  const c0 = b.pid ? treeCpuSeconds(b.pid) : 0;
  const k0 = cpuTimes();
  const t0 = Date.now();
  const out = (await fn()) || {};
  const wall = Date.now() - t0;
  const k1 = cpuTimes();
  const c1 = b.pid ? treeCpuSeconds(b.pid) : 0;
  const s1 = serverPid ? treeCpuSeconds(serverPid) : 0;
  const f1 = await b.page.evaluate(() => window.parla.frameCount());
  const m1 = await metrics(b.cdp);
  const trace = await stopTrace(b.cdp);
  return { ...out, wall_ms: wall, main_thread_ms: round((m1.TaskDuration - m0.TaskDuration) * 1000),
           script_ms: round((m1.ScriptDuration - m0.ScriptDuration) * 1000), longest_task_ms: trace.longest_ms,
           tasks_over_50ms: trace.over_50ms, tasks_over_16ms: trace.over_16ms, frames: f1 - f0,
           gpu_wait_ms: trace.gpu_wait_ms, own_longest_task_ms: trace.own_longest_ms, own_tasks_over_50ms: trace.own_over_50ms,
           own_cpu_longest_task_ms: trace.own_cpu_longest_ms,
           browser_cpu_ms: round((c1 - c0) * 1000, 0), server_cpu_ms: round((s1 - s0) * 1000, 0),
           machine_busy_percent: machineBusy(k0, k1) };
}

// The wasm heap: the memory's size, and what emmalloc has handed out (in use).
async function memory(page) {
  return page.evaluate(() => {
    const m = window.__parlaModule;
    if (!m) return null;
    const total = m.HEAP8.length;
    const heap = m._emmalloc_dynamic_heap_size ? m._emmalloc_dynamic_heap_size() : null;
    const free = m._emmalloc_free_dynamic_memory ? m._emmalloc_free_dynamic_memory() : null;
    return { wasm_memory_mb: +(total / 2 ** 20).toFixed(2), heap_in_use_mb: heap == null ? null : +((heap - free) / 2 ** 20).toFixed(3),
             js_heap_mb: performance.memory ? +(performance.memory.usedJSHeapSize / 2 ** 20).toFixed(2) : null };
  });
}

const settle = (page, timeout = 120000) => page.waitForFunction(() => window.parla.idle(), null, { timeout, polling: 50 });

async function widget(page, label, role) {
  const all = await page.evaluate(() => window.parla.widgets());
  const found = all.filter((w) => w.label === label && w.visible && (!role || w.role === role));
  if (found.length !== 1) throw new Error(`expected one visible ${role || 'widget'} "${label}", found ${found.length}`);
  return found[0];
}
async function click(page, label, role) {
  const w = await widget(page, label, role);
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  await settle(page);
}

async function openPage(b, websocket) {
  await b.page.goto(`${b.url}?websocket=${encodeURIComponent(websocket)}&domain=${DOMAIN}`);
  await b.page.waitForFunction(() => window.parla && window.parla.frameCount() > 0, null, { timeout: 60000 });
  await settle(b.page);
}

// Records, in the page, when events arrive and when the frame after them was drawn.
async function installProbe(page) {
  await page.evaluate(() => {
    const B = window.__bench = { marks: {}, counts: {}, presences: new Set(), messages: 0, roomMessages: 0 };
    // `name` happened now; `name + '_drawn'` once Parla has drawn a frame after it (a task
    // queued from the next animation frame runs after that frame's drawing).
    B.mark = (name) => {
      if (B.marks[name] != null) return;
      B.marks[name] = performance.now();
      const f0 = window.parla.frameCount();
      const check = () => {
        if (window.parla.frameCount() > f0) B.marks[name + '_drawn'] = performance.now();
        else requestAnimationFrame(() => setTimeout(check, 0));
      };
      requestAnimationFrame(() => setTimeout(check, 0));
    };
    window.parla.on((e) => {
      B.counts[e.type] = (B.counts[e.type] || 0) + 1;
      if (e.type === 'ready') B.mark('ready');
      if (e.type === 'roster') B.mark('roster');
      if (e.type === 'presence') {
        B.presences.add(e.jid.split('/')[0]);
        if (B.expectPresences && B.presences.size >= B.expectPresences) B.mark('presences');
      }
      if (e.type === 'message') {
        B.messages++;
        if (B.messages === 1) B.mark('first_message');
        if (B.expectMessages && B.messages >= B.expectMessages) B.mark('messages');
      }
      if (e.type === 'room-message') B.roomMessages++;
      if (e.type === 'room-joined') B.mark('room_joined');
    });
  });
}
const marks = (page) => page.evaluate(() => ({ ...window.__bench.marks, timeOrigin: performance.timeOrigin }));

async function logInWithForm(page, jid) {
  await click(page, 'Address', 'input');
  await page.keyboard.type(jid);
  await click(page, 'Password', 'input');
  await page.keyboard.type(PASSWORD);
  await settle(page);
  const w = await widget(page, 'Log in', 'button');
  const at = await page.evaluate(() => performance.now());
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  return at;
}

// --- Scenarios ---

async function scenarioLoad(server, results) {
  const b = await startBrowser(server);
  try {
    const loads = [];
    const bodies = [];
    b.page.on('response', (r) => bodies.push(r.body().then((body) => {
      loads.push({ file: new URL(r.url()).pathname, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
    }, () => {})));
    await b.page.goto(`${b.url}?websocket=${encodeURIComponent(server.websocket)}&domain=${DOMAIN}`, { waitUntil: 'commit' });
    // The log-in form drawn: the first frame with the Address input (checked every animation frame).
    // The module's own API: window.parla appears only once the rest of the code is in too.
    await b.page.waitForFunction(() => {
      const P = window.__parlaModule?.parla;
      if (!P) return false;
      if (!window.__firstFrame && P.frameCount() > 0) window.__firstFrame = performance.now();
      if (P.widgets().some((w) => w.role === 'input' && w.label === 'Address' && w.visible)) {
        window.__form = performance.now();
        return true;
      }
      return false;
    }, null, { polling: 'raf', timeout: 60000 });
    // Accepting input: a click in the field and a key, until the field shows the letter.
    const w = (await b.page.evaluate(() => window.__parlaModule.parla.widgets())).find((x) => x.label === 'Address' && x.role === 'input');
    await b.page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
    await b.page.keyboard.type('x');
    await b.page.waitForFunction(() => window.__parlaModule.parla.widgets().some((w) => w.label === 'Address' && w.text === 'x'), null, { polling: 'raf' });
    const input = await b.page.evaluate(() => performance.now());
    // All of the code in (the rest is fetched once the first screen is up): window.parla is set.
    await b.page.waitForFunction(() => window.parla, null, { polling: 'raf', timeout: 60000 });
    const t = await b.page.evaluate(() => ({ first: window.__firstFrame, form: window.__form,
      all: performance.getEntriesByName('parla-all-code')[0]?.startTime ?? performance.now(),
      // The page marks its first frame drawn before it asks for the rest of the code.
      up: performance.getEntriesByName('parla-first-frame')[0]?.startTime ?? Infinity,
      // When each file was asked for, from the page's start (the document itself at 0).
      asked: Object.fromEntries(performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.startTime])) }));
    await settle(b.page);
    await b.page.waitForLoadState('networkidle');
    await Promise.all(bodies);
    loads.sort((a, c) => c.raw - a.raw);
    // The first screen: what was asked for before its first frame was drawn; the rest after.
    for (const l of loads) l.first_screen = (t.asked[l.file] ?? 0) < t.up;
    const first = loads.filter((l) => l.first_screen);
    results.load = {
      files: loads, raw: first.reduce((a, l) => a + l.raw, 0), gzip: first.reduce((a, l) => a + l.gzip, 0),
      all_raw: loads.reduce((a, l) => a + l.raw, 0), all_gzip: loads.reduce((a, l) => a + l.gzip, 0),
      first_frame_ms: round(t.first, 0), form_drawn_ms: round(t.form, 0), form_accepts_input_ms: round(input, 0),
      all_code_ms: round(t.all, 0),
      memory: await memory(b.page),
    };
  } finally { await b.close(); }
}

async function scenarioRoster(server, results, n, online) {
  // The WebSocket goes through a loopback proxy that notes when the roster reply passed.
  const proxy = await faultProxy(server.websocket, { frames: true });
  let replyAt = null, replyBytes = 0;
  proxy.onServerText((text) => {
    if (replyAt == null && text.includes("jabber:iq:roster") && /type=['"]result['"]/.test(text) && text.includes('<item')) {
      replyAt = Date.now();
      replyBytes = Buffer.byteLength(text);
    }
  });
  const b = await startBrowser(server);
  try {
    await openPage(b, proxy.url);
    await installProbe(b.page);
    await b.page.evaluate((k) => { window.__bench.expectPresences = k; }, online);
    const r = await measure(b, async () => {
      const clicked = await logInWithForm(b.page, `r${n}@${DOMAIN}`);
      await b.page.waitForFunction(() => window.__bench.marks.roster_drawn != null, null, { timeout: 60000 });
      let presencesSeen = true;
      try { await b.page.waitForFunction(() => window.__bench.marks.presences_drawn != null, null, { timeout: 30000 }); }
      catch { presencesSeen = false; }
      await settle(b.page);
      return { clicked, presencesSeen };
    });
    const m = await marks(b.page);
    const wall = (t) => (t == null ? null : m.timeOrigin + t);
    const st = await b.page.evaluate(() => {
      const s = window.parla.state();
      return { contacts: s.roster.length, online: s.roster.filter((c) => c.presence && c.presence !== 'offline').length };
    });
    // A frame with the whole roster and nothing changed: the pointer moves over the list.
    const list = (await b.page.evaluate(() => window.parla.widgets())).find((w) => w.role === 'window' && /contact-list/.test(w.label));
    const still = await measure(b, async () => {
      for (let i = 0; i < 30; i++) {
        await b.page.mouse.move((list ? list.x + 40 : 100) + (i % 2), (list ? list.y + 60 : 300) + i * 3);
        await settle(b.page);
      }
    });
    results.roster = results.roster || {};
    results.roster[n] = {
      contacts: st.contacts, online_shown: st.online, online_expected: online, reply_bytes: replyBytes,
      login_to_ready_ms: round(m.ready - r.clicked, 0),
      login_to_roster_drawn_ms: round(m.roster_drawn - r.clicked, 0),
      reply_to_roster_drawn_ms: replyAt ? round(wall(m.roster_drawn) - replyAt, 0) : null,
      login_to_presences_drawn_ms: r.presencesSeen ? round(m.presences_drawn - r.clicked, 0) : null,
      main_thread_ms: r.main_thread_ms, gpu_wait_ms: r.gpu_wait_ms, longest_task_ms: r.longest_task_ms,
      tasks_over_50ms: r.tasks_over_50ms, own_longest_task_ms: r.own_longest_task_ms, own_tasks_over_50ms: r.own_tasks_over_50ms,
      own_cpu_longest_task_ms: r.own_cpu_longest_task_ms, frames: r.frames, server_cpu_ms: r.server_cpu_ms, machine_busy_percent: r.machine_busy_percent,
      still_frame_ms: still.frames ? round(still.main_thread_ms / still.frames, 2) : null, still_frames: still.frames,
      still_frame_own_ms: still.frames ? round((still.main_thread_ms - still.gpu_wait_ms) / still.frames, 2) : null,
      memory: await memory(b.page),
    };
  } finally {
    await b.close();
    await proxy.close();
  }
}

function chatStanza(from, to, i) {
  const body = `Messaggio numero ${i}: che bella giornata a Perugia, vero?` +
    (i % 7 === 0 ? ' Una riga più lunga del solito per vedere come va a capo nel riquadro della conversazione.' : '');
  return `<message type='chat' to='${to}' id='m${i}'><body>${esc(body)}</body></message>`;
}

// Opens the page, logs `address` in through the form and waits until its roster is drawn.
async function logInAndWaitForRoster(b, server, address) {
  await openPage(b, server.websocket);
  await installProbe(b.page);
  await logInWithForm(b.page, address);
  await b.page.waitForFunction(() => window.__bench.marks.roster_drawn != null, null, { timeout: 60000 });
  await settle(b.page);
}

async function scenarioBurst(server, results, sender) {
  const b = await startBrowser(server);
  try {
    await logInAndWaitForRoster(b, server, `burst@${DOMAIN}`);
    await click(b.page, 'Sender');  // the chat is open while the messages pour in
    await settle(b.page);
    results.burst = {};
    let sent = 0;
    for (const count of BURSTS) {
      await b.page.evaluate((k) => { const B = window.__bench; B.expectMessages = B.messages + k; delete B.marks.messages; delete B.marks.messages_drawn; }, count);
      const stanzas = [];
      for (let i = 0; i < count; i++) stanzas.push(chatStanza(sender.jid, `burst@${DOMAIN}`, sent + i));
      sent += count;
      let sentAt = 0, sendDone = 0;
      const r = await measure(b, async () => {
        sentAt = Date.now();
        await sender.sendMany(stanzas);
        sendDone = Date.now();
        await b.page.waitForFunction(() => window.__bench.marks.messages_drawn != null, null, { timeout: 300000, polling: 200 });
        await settle(b.page);
      });
      const m = await marks(b.page);
      const shown = await b.page.evaluate(() => window.__bench.messages);
      results.burst[count] = {
        received: shown, server_send_ms: sendDone - sentAt,
        last_message_drawn_after_ms: round(m.timeOrigin + m.messages_drawn - sentAt, 0),
        main_thread_ms: r.main_thread_ms, gpu_wait_ms: r.gpu_wait_ms, longest_task_ms: r.longest_task_ms,
        tasks_over_50ms: r.tasks_over_50ms, tasks_over_16ms: r.tasks_over_16ms, own_longest_task_ms: r.own_longest_task_ms,
        own_tasks_over_50ms: r.own_tasks_over_50ms, own_cpu_longest_task_ms: r.own_cpu_longest_task_ms, frames: r.frames,
        browser_cpu_ms: r.browser_cpu_ms, server_cpu_ms: r.server_cpu_ms,
        machine_busy_percent: r.machine_busy_percent, memory: await memory(b.page),
      };
      log(`burst ${count}: ${JSON.stringify(results.burst[count])}`);
    }
    // Idle with the chat open: nobody touches the page, nothing arrives.
    await sleep(2000);
    await settle(b.page);
    const r = await measure(b, () => sleep(idleSeconds * 1000));
    results.idle = { seconds: idleSeconds, main_thread_ms: r.main_thread_ms,
                     core_percent: round((r.main_thread_ms / (idleSeconds * 1000)) * 100, 3), frames: r.frames,
                     browser_cpu_ms: r.browser_cpu_ms, browser_core_percent: round((r.browser_cpu_ms / (idleSeconds * 1000)) * 100, 2),
                     machine_busy_percent: r.machine_busy_percent, memory: await memory(b.page) };
  } finally { await b.close(); }
}

// The room: b0 makes it and writes its history, then every bot joins (asking for no history).
async function prepareRoom(bots) {
  const owner = bots[0];
  const joined = owner.wait(/code=['"]110['"]/);
  owner.send(`<presence to='${ROOM}/b0'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`);
  await joined;
  const configured = owner.wait(/id=['"]roomcfg['"]/);
  owner.send(`<iq type='set' id='roomcfg' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#owner'>` +
             "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>" +
             "<field var='muc#roomconfig_persistentroom'><value>1</value></field>" +
             "<field var='muc#roomconfig_enablearchiving'><value>1</value></field></x></query></iq>");
  await configured;
  const lines = [];
  for (let i = 0; i < ROOM_HISTORY; i++) {
    lines.push(`<message type='groupchat' to='${ROOM}' id='h${i}'><body>Storia ${i}: ${esc('una riga della piazza, con un po\' di testo in più')}</body></message>`);
  }
  await owner.sendMany(lines);
  await owner.ping();
  // Joins in waves; each bot waits for its own self-presence (status 110).
  for (let i = 1; i < bots.length; i += 50) {
    const wave = bots.slice(i, i + 50);
    await Promise.all(wave.map((bot) => {
      const nick = bot.user;
      const done = bot.wait(/code=['"]110['"]/, 120000);
      bot.send(`<presence to='${ROOM}/${nick}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`);
      return done;
    }));
  }
}

async function scenarioRoom(server, results, bots) {
  const t0 = Date.now();
  await prepareRoom(bots);
  const prepareMs = Date.now() - t0;
  const b = await startBrowser(server);
  try {
    await logInAndWaitForRoster(b, server, `roomer@${DOMAIN}`);
    const expected = bots.length + 1;
    const join = await measure(b, async () => {
      const at = await b.page.evaluate((room) => { const t = performance.now(); window.parla.joinRoom({ room, nick: 'bench' }); return t; }, ROOM);
      await b.page.waitForFunction(() => window.__bench.marks.room_joined_drawn != null, null, { timeout: 120000 });
      await settle(b.page);
      return { at };
    });
    const m = await marks(b.page);
    const room = await b.page.evaluate((r) => {
      const x = window.parla.rooms().find((q) => q.jid === r);
      return { occupants: x ? x.occupants.length : 0, messages: window.parla.chat(r).length };
    }, ROOM);
    const afterJoin = await memory(b.page);
    // The rest of the history: scroll the list to its top until the archive has no more.
    const list = (await b.page.evaluate(() => window.parla.widgets())).find((w) => w.role === 'window' && /\/messages_[0-9A-F]+$/.test(w.label) && w.visible);
    if (list) await b.page.mouse.move(list.x + list.w / 2, list.y + list.h / 2);
    const scroll = await measure(b, async () => {
      let last = -1, same = 0, pages = 0;
      for (let k = 0; k < 200 && same < 3; k++) {
        await b.page.mouse.wheel(0, -100000);
        await settle(b.page);
        // A round trip: the archive's answer to what the top asked for is in.
        await b.page.evaluate(() => new Promise((resolve) => {
          const id = window.parla.sendRaw("<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>");
          if (!id) { resolve(); return; }
          const off = window.parla.on((e) => { if (e.id === id && e.type.startsWith('iq-')) { off(); resolve(); } });
        }));
        await settle(b.page);
        const n = await b.page.evaluate((r) => window.parla.chat(r).length, ROOM);
        if (n === last) same++; else { same = 0; pages++; }
        last = n;
      }
      return { messages: last, pages };
    });
    results.room = {
      occupants_expected: expected, occupants_shown: room.occupants, history_on_join: room.messages, prepare_ms: prepareMs,
      join_to_joined_drawn_ms: round(m.room_joined_drawn - join.at, 0), join_to_idle_ms: join.wall_ms,
      join_main_thread_ms: join.main_thread_ms, join_gpu_wait_ms: join.gpu_wait_ms, join_longest_task_ms: join.longest_task_ms,
      join_tasks_over_50ms: join.tasks_over_50ms, join_own_longest_task_ms: join.own_longest_task_ms,
      join_machine_busy_percent: join.machine_busy_percent, memory_after_join: afterJoin,
      history_loaded: scroll.messages, history_pages: scroll.pages, history_ms: scroll.wall_ms,
      history_main_thread_ms: scroll.main_thread_ms, history_gpu_wait_ms: scroll.gpu_wait_ms, history_longest_task_ms: scroll.longest_task_ms,
      history_tasks_over_50ms: scroll.tasks_over_50ms, history_own_longest_task_ms: scroll.own_longest_task_ms, memory: await memory(b.page),
    };
  } finally { await b.close(); }
}

async function scenarioCycles(server, results) {
  const b = await startBrowser(server);
  try {
    await openPage(b, server.websocket);
    await installProbe(b.page);
    const rows = [];
    const r = await measure(b, async () => {
      for (let i = 0; i < CYCLES; i++) {
        const t0 = Date.now();
        await b.page.evaluate(([a, p, u]) => {
          const B = window.__bench;
          delete B.marks.roster; delete B.marks.roster_drawn; delete B.marks.ready; delete B.marks.ready_drawn;
          const e = window.parla.logIn({ address: a, password: p, websocket: u, remember: true });
          if (e) throw new Error(e);
        }, [`r1000@${DOMAIN}`, PASSWORD, server.websocket]);
        // Online: the session ready and the roster drawn (with "remember me" the kept roster
        // comes first, before the session), then the presences of the 200 online contacts.
        await b.page.waitForFunction(() => window.__bench.marks.roster_drawn != null && window.__bench.marks.ready_drawn != null,
                                     null, { timeout: 60000 });
        await settle(b.page);
        const online = Date.now() - t0;
        await sleep(1000);
        await settle(b.page);
        const heapOnline = (await memory(b.page))?.heap_in_use_mb;
        if (process.env.BENCH_DEBUG) log(await b.page.evaluate(() => { const s = window.parla.state(); return `${s.connection} ${s.roster.length} ${JSON.stringify(window.__bench.marks)}`; }));
        await b.page.evaluate(() => window.parla.logOut());
        await b.page.waitForFunction(() => window.parla.state().connection === 'offline', null, { timeout: 30000 });
        await settle(b.page);
        await sleep(1200);  // the once-a-second storage write, if any, has happened
        await settle(b.page);
        rows.push({ cycle: i + 1, online_ms: online, heap_online_mb: heapOnline, ...(await memory(b.page)) });
      }
    });
    // Growth per cycle from the second (caches and pools have their size by then) to the last.
    const growth = (key) => {
      const h = rows.map((x) => x[key]);
      return h[1] == null ? null : round(((h[h.length - 1] - h[1]) * 1024) / (h.length - 2), 1);
    };
    results.cycles = {
      user: 'r1000', cycles: rows, main_thread_ms: r.main_thread_ms, longest_task_ms: r.longest_task_ms, own_longest_task_ms: r.own_longest_task_ms,
      heap_growth_per_cycle_kb: growth('heap_in_use_mb'), online_heap_growth_per_cycle_kb: growth('heap_online_mb'),
      wasm_memory_growth_mb: round(rows[rows.length - 1].wasm_memory_mb - rows[1].wasm_memory_mb, 2),
    };
  } finally { await b.close(); }
}

// --- Main ---
const report = args.includes('--report');  // print the table of build/bench/results.json again, run nothing
let results = { date: new Date().toISOString(), site: path.relative(repo, siteDir), machine: machine(), load_average_start: os.loadavg().map((x) => round(x, 2)) };
if (report) results = JSON.parse(fs.readFileSync(path.join(repo, 'build/bench/results.json'), 'utf8'));
else await runAll();

async function runAll() {
if (!fs.existsSync(path.join(siteDir, 'parla.wasm'))) { console.error(`no build in ${siteDir}: run scripts/build wasm`); process.exit(1); }
const web = await serve(siteDir, 0);
const server = { url: `http://127.0.0.1:${web.address().port}/` };
let prosody = null;
const bots = [];
let sender = null;
const tStart = Date.now();
try {
  prosody = await startProsody();
  server.websocket = prosody.websocket;
  results.seed = { accounts: prosody.accounts, ms: prosody.seedMs };
  log(`prosody on ${prosody.websocket}; ${prosody.accounts} accounts seeded in ${prosody.seedMs} ms`);
  const needBots = only.some((s) => ['roster', 'room', 'cycles', 'burst'].includes(s));
  if (needBots) {
    const t0 = Date.now();
    for (let i = 0; i < BOTS; i++) bots.push(new Bot({ port: prosody.c2s, domain: DOMAIN, user: `b${i}`, password: PASSWORD }));
    sender = new Bot({ port: prosody.c2s, domain: DOMAIN, user: 'sender', password: PASSWORD });
    await connectAll([...bots, sender]);
    for (const bot of bots.slice(0, 200)) bot.presence();
    sender.presence();
    await Promise.all(bots.slice(0, 200).map((bot) => bot.ping()));
    results.seed.bots_online_ms = Date.now() - t0;
    log(`${bots.length + 1} bots online in ${results.seed.bots_online_ms} ms`);
  }
  if (args.includes('--serve')) {  // for profiling by hand: the seeded server and its bots, until Ctrl-C
    console.log(`serving ${prosody.websocket} (c2s ${prosody.c2s}); Ctrl-C stops`);
    await new Promise((r) => process.once('SIGINT', r).once('SIGTERM', r));
    only.length = 0;
  }
  const run = async (name, fn) => {
    const t0 = Date.now();
    log(`${name}…`);
    await fn();
    log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  if (only.includes('load')) await run('first load', () => scenarioLoad(server, results));
  if (only.includes('roster')) for (const [n, online] of ROSTERS) await run(`roster ${n}`, () => scenarioRoster(server, results, n, online));
  if (only.includes('burst')) await run('bursts and idle', () => scenarioBurst(server, results, sender));
  if (only.includes('cycles')) await run('log-in/log-out cycles', () => scenarioCycles(server, results));
  if (only.includes('room')) await run('room', () => scenarioRoom(server, results, bots));
} finally {
  for (const bot of [...bots, sender]) bot?.close();
  prosody?.stop();
  await new Promise((r) => web.close(r));
}
results.total_seconds = round((Date.now() - tStart) / 1000, 0);
results.load_average_end = os.loadavg().map((x) => round(x, 2));
}

// --- Budgets ---
const budgets = [];
const budget = (name, value, limit, pass, unit) => budgets.push({ name, value, limit, unit, pass: value == null ? null : pass });
if (results.load) budget('first load ≤ 200 KB gzip', round(results.load.gzip / 1024, 1), 200, results.load.gzip / 1024 <= 200, 'KB');
if (results.roster?.[5000]) budget('5,000-contact roster drawn ≤ 1 s after the reply', results.roster[5000].reply_to_roster_drawn_ms, 1000, results.roster[5000].reply_to_roster_drawn_ms <= 1000, 'ms');
if (results.burst?.[10000]) {
  const r = results.burst[10000];
  budget('no frame > 50 ms in a 10,000-message burst (Parla\'s own work)', r.own_longest_task_ms, 50, r.own_longest_task_ms <= 50, 'ms');
  budget('  the same, CPU time of that work', r.own_cpu_longest_task_ms, 50, r.own_cpu_longest_task_ms <= 50, 'ms');
  budget('  the same, raw (incl. waiting for software WebGL)', r.longest_task_ms, 50, r.longest_task_ms <= 50, 'ms');
}
if (results.idle) budget('idle tab < 1 % of a core', results.idle.core_percent, 1, results.idle.core_percent < 1, '%');
if (results.cycles) {
  const g = Math.max(results.cycles.heap_growth_per_cycle_kb, results.cycles.online_heap_growth_per_cycle_kb);
  budget('no leak across 10 log-in/log-out cycles (heap growth per cycle ≤ 16 KB)', g, 16, g <= 16, 'KB');
}
if (results.roster?.[100] && results.roster?.[5000]) {
  // Linear with data: the heap per contact from 1,000 to 5,000 within 2x of 100 to 1,000.
  const h = (n) => results.roster[n].memory?.heap_in_use_mb;
  const a = (h(1000) - h(100)) / 900, c = (h(5000) - h(1000)) / 4000;
  results.roster.heap_per_contact_kb = { from_100_to_1000: round(a * 1024, 2), from_1000_to_5000: round(c * 1024, 2) };
  budget('memory linear in contacts (KB/contact 1k→5k vs 100→1k, ratio within 0.5–2)', round(c / a, 2), '0.5–2', c / a >= 0.5 && c / a <= 2, '×');
}
if (results.burst?.[1000] && results.burst?.[10000]) {
  const a = results.burst[1000].memory?.heap_in_use_mb, c = results.burst[10000].memory?.heap_in_use_mb;
  results.burst.heap_per_message_kb = round(((c - a) * 1024) / 10000, 3);
}
results.budgets = budgets;
fs.mkdirSync(path.join(repo, 'build/bench'), { recursive: true });
fs.writeFileSync(path.join(repo, 'build/bench/results.json'), JSON.stringify(results, null, 2));

// --- The table ---
const rows = [];
const row = (what, value, note = '') => rows.push([what, value == null ? '—' : String(value), note]);
const mem = (m) => (m ? `${m.heap_in_use_mb} MB heap, ${m.wasm_memory_mb} MB wasm` : '—');
const M = results.machine;
console.log(`Parla benchmark — ${results.date}`);
console.log(`machine: ${M.nproc} cores, ${M.cpu}, ${M.ram_gib} GiB RAM; ${M.chromium}; Prosody ${M.prosody}; load average ${results.load_average_start.join(' ')}`);
if (results.load) {
  for (const f of results.load.files) {
    row(`  ${f.file}`, `${(f.raw / 1024).toFixed(1)} KB`, `${(f.gzip / 1024).toFixed(1)} KB gzip -9${f.first_screen === false ? '; fetched after the first screen' : ''}`);
  }
  row('first load (the first screen), total', `${(results.load.raw / 1024).toFixed(1)} KB`, `${(results.load.gzip / 1024).toFixed(1)} KB gzip -9`);
  if (results.load.all_gzip != null) row('everything, with the code fetched after', `${(results.load.all_raw / 1024).toFixed(1)} KB`, `${(results.load.all_gzip / 1024).toFixed(1)} KB gzip -9`);
  row('navigation → first frame', `${results.load.first_frame_ms} ms`);
  row('navigation → log-in form drawn', `${results.load.form_drawn_ms} ms`);
  row('navigation → form shows a typed key', `${results.load.form_accepts_input_ms} ms`, 'includes the click and key sent by Playwright');
  if (results.load.all_code_ms != null) row('navigation → all the code in', `${results.load.all_code_ms} ms`, 'the second part linked in (the page\'s parla-all-code mark)');
  row('memory on the log-in form', mem(results.load.memory));
}
for (const [n] of ROSTERS) {
  const r = results.roster?.[n];
  if (!r) continue;
  row(`roster ${n}: log in → roster drawn`, `${r.login_to_roster_drawn_ms} ms`, `ready at ${r.login_to_ready_ms} ms; ${r.contacts} contacts`);
  row(`roster ${n}: reply passed → roster drawn`, `${r.reply_to_roster_drawn_ms} ms`, `reply ${(r.reply_bytes / 1024).toFixed(0)} KB`);
  row(`roster ${n}: log in → ${r.online_expected} online drawn`, `${r.login_to_presences_drawn_ms} ms`, `${r.online_shown} shown online`);
  row(`roster ${n}: main thread`, `${r.main_thread_ms} ms`, `${r.gpu_wait_ms} ms of it waiting for software WebGL; machine ${r.machine_busy_percent} % busy`);
  row(`roster ${n}: longest task`, `${r.own_longest_task_ms} ms`, `own work (${r.own_cpu_longest_task_ms} ms of CPU); raw ${r.longest_task_ms} ms, ${r.tasks_over_50ms} raw over 50 ms`);
  row(`roster ${n}: a frame, nothing changed`, `${r.still_frame_own_ms} ms`, `own work per frame over ${r.still_frames} frames; raw ${r.still_frame_ms} ms`);
  row(`roster ${n}: memory`, mem(r.memory));
}
if (results.roster?.heap_per_contact_kb) row('heap per contact', `${results.roster.heap_per_contact_kb.from_1000_to_5000} KB`, `${results.roster.heap_per_contact_kb.from_100_to_1000} KB from 100 to 1,000`);
for (const n of BURSTS) {
  const r = results.burst?.[n];
  if (!r) continue;
  row(`burst ${n}: main thread`, `${r.main_thread_ms} ms`, `${r.gpu_wait_ms} ms of it waiting for software WebGL; ${r.frames} frames; machine ${r.machine_busy_percent} % busy`);
  row(`burst ${n}: longest task`, `${r.own_longest_task_ms} ms`, `own work (${r.own_cpu_longest_task_ms} ms of CPU), ${r.own_tasks_over_50ms} over 50 ms; raw ${r.longest_task_ms} ms, ${r.tasks_over_50ms} raw over 50 ms`);
  row(`burst ${n}: last message drawn`, `${r.last_message_drawn_after_ms} ms`, `after the bot began sending; ${r.received} received in all; Prosody CPU ${r.server_cpu_ms} ms`);
  row(`burst ${n}: memory`, mem(r.memory));
}
if (results.burst?.heap_per_message_kb != null) row('heap per message', `${results.burst.heap_per_message_kb} KB`);
if (results.idle) {
  row(`idle ${results.idle.seconds} s, chat open: main thread`, `${results.idle.core_percent} % of a core`, `${results.idle.main_thread_ms} ms, ${results.idle.frames} frames`);
  row(`idle ${results.idle.seconds} s: whole browser CPU`, `${results.idle.browser_core_percent} % of a core`, `${results.idle.browser_cpu_ms} ms (all Chromium processes, /proc)`);
}
if (results.room) {
  const r = results.room;
  row('room: join → joined and drawn', `${r.join_to_joined_drawn_ms} ms`, `${r.occupants_shown}/${r.occupants_expected} people, ${r.history_on_join} messages on join`);
  row('room: join, main thread', `${r.join_main_thread_ms} ms`, `${r.join_gpu_wait_ms} ms waiting for software WebGL; longest task ${r.join_own_longest_task_ms} ms own, ${r.join_longest_task_ms} ms raw`);
  row('room: scroll back through the history', `${r.history_ms} ms`, `${r.history_loaded} messages in ${r.history_pages} pages; longest task ${r.history_own_longest_task_ms} ms own, ${r.history_longest_task_ms} ms raw`);
  row('room: memory', mem(r.memory));
}
if (results.cycles) {
  const c = results.cycles;
  row('10 log-in/log-out cycles (1,000 contacts)', `${c.heap_growth_per_cycle_kb} KB/cycle`, `heap after each log-out: ${c.cycles.map((x) => x.heap_in_use_mb).join(' ')} MB`);
  row('  heap while logged in, each cycle', `${c.cycles[c.cycles.length - 1].heap_online_mb} MB`, `${c.cycles.map((x) => x.heap_online_mb).join(' ')} MB; wasm memory +${c.wasm_memory_growth_mb} MB from cycle 2 to 10`);
}
const w0 = Math.max(...rows.map((r) => r[0].length)), w1 = Math.max(...rows.map((r) => r[1].length));
console.log();
for (const [a, bb, c] of rows) console.log(`${a.padEnd(w0)}  ${bb.padStart(w1)}  ${c}`);
console.log();
console.log('budgets (checked by the bench, not tests):');
for (const x of budgets) console.log(`  ${x.pass == null ? 'n/a ' : x.pass ? 'PASS' : 'MISS'}  ${x.name}: ${x.value} ${x.unit}`);
console.log(`\ntotal ${results.total_seconds} s; load average at the end ${results.load_average_end.join(' ')}`);
// The same table in Markdown, for docs/bench.md.
const md = [`Measured ${results.date.slice(0, 10)} on ${M.nproc} cores (${M.cpu}), ${M.ram_gib} GiB RAM; ${M.chromium}; ` +
  `Prosody ${M.prosody}; load average ${results.load_average_start.join(' ')} at the start, ${results.load_average_end.join(' ')} at the end.`, '',
  '| figure | value | notes |', '| --- | ---: | --- |',
  ...rows.map(([a, bb, c]) => `| ${a.trim().replace(/\|/g, '\\|')} | ${bb} | ${c.replace(/\|/g, '\\|')} |`), '',
  '| budget | result | value |', '| --- | --- | ---: |',
  ...budgets.map((x) => `| ${x.name.trim()} | ${x.pass == null ? 'n/a' : x.pass ? 'PASS' : 'MISS'} | ${x.value} ${x.unit} |`)];
fs.writeFileSync(path.join(repo, 'build/bench/results.md'), md.join('\n') + '\n');
console.log('written: build/bench/results.json, build/bench/results.md');
