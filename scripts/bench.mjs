// Parla's benchmark: runs the built page in headless Chromium and prints figures.
// Figures come from outside the app where possible (network responses, Chrome DevTools
// Protocol metrics). Writes build/bench/results.json. Usage: scripts/bench [--idle-seconds N]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startBrowser, siteDir } from '../tests/e2e/lib.mjs';

const args = process.argv.slice(2);
const i = args.indexOf('--idle-seconds');
const idleSeconds = i >= 0 ? Number(args[i + 1]) : 10;
const results = { date: new Date().toISOString(), site: siteDir };

const browser = await startBrowser();
try {
  const page = await browser.context.newPage();
  const loads = [];
  page.on('response', async (r) => {
    try { const body = await r.body(); loads.push({ url: r.url(), raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length }); }
    catch { /* redirects and aborted requests have no body */ }
  });
  const t0 = Date.now();
  await page.goto(browser.url);
  await page.waitForFunction(() => window.parla && window.parla.frameCount() > 0);
  const firstFrameMs = Date.now() - t0;
  await page.waitForFunction(() => window.parla.idle());
  // Bodies are read asynchronously: wait until every response seen has been measured.
  await page.waitForLoadState('networkidle');
  results.first_frame_ms = firstFrameMs;
  results.first_load = loads.map((l) => ({ file: new URL(l.url).pathname, raw: l.raw, gzip: l.gzip }));
  results.first_load_raw = loads.reduce((a, l) => a + l.raw, 0);
  results.first_load_gzip = loads.reduce((a, l) => a + l.gzip, 0);

  // Idle: CPU time the renderer's main thread spends while nobody touches the page.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const frames0 = await page.evaluate(() => window.parla.frameCount());
  const m0 = await metric();
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));  // measuring a span of time, not syncing
  const m1 = await metric();
  const frames1 = await page.evaluate(() => window.parla.frameCount());
  const task = m1.TaskDuration - m0.TaskDuration;
  results.idle = { seconds: idleSeconds, task_ms: +(task * 1000).toFixed(2), script_ms: +((m1.ScriptDuration - m0.ScriptDuration) * 1000).toFixed(2),
                   core_percent: +((task / idleSeconds) * 100).toFixed(3), frames_drawn: frames1 - frames0 };
  results.js_heap_mb = +(m1.JSHeapUsedSize / 1048576).toFixed(2);
} finally {
  await browser.close();
}

const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log('Parla benchmark');
console.log('file'.padEnd(28), 'raw'.padStart(10), 'gzip -9'.padStart(10));
for (const l of results.first_load) console.log(l.file.padEnd(28), kb(l.raw).padStart(10), kb(l.gzip).padStart(10));
console.log('first load total'.padEnd(28), kb(results.first_load_raw).padStart(10), kb(results.first_load_gzip).padStart(10));
console.log(`navigation to first frame: ${results.first_frame_ms} ms`);
console.log(`idle tab over ${results.idle.seconds} s: ${results.idle.task_ms} ms main-thread task time ` +
            `(${results.idle.core_percent} % of a core), ${results.idle.frames_drawn} frames drawn`);
fs.mkdirSync('build/bench', { recursive: true });
fs.writeFileSync(path.join('build/bench', 'results.json'), JSON.stringify(results, null, 2));
console.log('written: build/bench/results.json');
