// Splits the linked app in two (called by the wasm build after linking with -sSPLIT_MODULE=1):
// parla.wasm keeps only the functions the first screen runs, parla.deferred.wasm gets the rest,
// which the page fetches once the first screen is up (shell/index.html).
// Which functions the first screen runs is measured, not guessed: emcc's instrumented module is
// loaded in headless Chromium, a person's use of the log-in screen is played (typing, tabs, the
// Advanced section, the Register tab, the language list, the QR code, a phone-sized window, the
// dark theme), in a browser set to English and in one set to Italian (the catalogue's lookups);
// the two profiles, merged, go to binaryen's wasm-split.
// Usage: node scripts/split.mjs SITE_DIR     (SITE_DIR has parla.js, parla.wasm, parla.wasm.orig)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';

const site = path.resolve(process.argv[2] || 'build/wasm/site');
const orig = path.join(site, 'parla.wasm.orig');
const instrumented = path.join(site, 'parla.wasm');
if (!fs.existsSync(orig)) throw new Error(`split: ${orig} is missing (link with -sSPLIT_MODULE=1)`);
// Kept beside the site (not in it) for a look at what went where: wasm-split --symbolmap.
const profile = path.join(site, '..', 'parla.split-profile');
const profiles = ['en-US', 'it-IT'].map((locale) => ({ locale, file: `${profile}.${locale}` }));
const kept = path.join(site, '..', 'parla.unsplit.wasm');

fs.rmSync(path.join(site, 'parla.deferred.wasm'), { force: true });  // an earlier build's

const server = await serve(site, 0);
const url = `http://127.0.0.1:${server.address().port}/?remember=0`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
// The labels to click, in each language (single-line entries of i18n/it.po suffice).
const italian = new Map();
for (const m of fs.readFileSync(new URL('../i18n/it.po', import.meta.url), 'utf8').matchAll(/^msgid "(.+)"\nmsgstr "(.+)"$/gm))
  italian.set(m[1], m[2]);
const missed = new Set();
try {
  for (const p of profiles) await play(p.locale, p.file);
} finally {
  await browser.close();
  server.close();
}
if (missed.size) console.warn(`split: not on the log-in screen, so not in the profile: ${[...missed].join(', ')}`);

execFileSync('wasm-split', ['--merge-profiles', ...profiles.map((p) => p.file), '-o', profile], { stdio: 'inherit' });
execFileSync('wasm-split', ['--split', '--enable-mutable-globals', '--export-prefix=%', `--profile=${profile}`,
  orig, '-o1', instrumented, '-o2', path.join(site, 'parla.deferred.wasm')], { stdio: 'inherit' });
fs.renameSync(orig, kept);
const size = (f) => fs.statSync(path.join(site, f)).size;
console.log(`split: parla.wasm ${(size('parla.wasm') / 1024).toFixed(1)} KB (first screen), ` +
            `parla.deferred.wasm ${(size('parla.deferred.wasm') / 1024).toFixed(1)} KB (fetched after it)`);

// One person's use of the log-in screen in a browser set to this locale; the profile to `out`.
async function play(locale, out) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  // The provider list (for the Register tab's suggestions) from the test fixture, never the Internet.
  const fixture = fs.readFileSync(new URL('../tests/fixtures/providers-B.json', import.meta.url), 'utf8');
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({
    status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: fixture }));
  // The second part never arrives (it is what this run decides).
  await context.route('**/parla.deferred.wasm', () => {});
  // Keeps the module (its profile is read from its memory) and plays the split build's start:
  // the code is never "all here", so what waits for it (log-in, intents) never runs.
  await context.addInitScript(() => {
    let make;
    Object.defineProperty(window, 'createParla', { configurable: true, get() { return make; },
      set(f) {
        make = (o) => {
          const first = o.preRun || [];
          o.preRun = [() => { first.forEach((fn) => fn()); o.parlaCodeReady = false; }];
          return f(o).then((m) => { window.__parlaModule = m; return m; });
        };
      } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.__parlaModule && window.__parlaModule.parla.frameCount() > 0 && window.__parlaModule.parla.idle(), null, { timeout: 60000 });
  await page.evaluate(() => { window.parla = window.__parlaModule.parla; });  // never set: the code is never all here
  const settle = () => page.waitForFunction(() => window.parla.idle(), null, { timeout: 20000 });
  const find = async (label, role) => (await page.evaluate(() => window.parla.widgets()))
    .find((w) => w.label === (locale.startsWith('it') ? italian.get(label) ?? label : label) && w.visible && (!role || w.role === role));
  const click = async (label, role) => {
    const w = await find(label, role);
    if (!w) { missed.add(`${label} (${locale})`); return false; }
    await page.mouse.move(w.x + w.w / 2, w.y + w.h / 2, { steps: 3 });
    await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
    await settle();
    return true;
  };
  const keys = async (...list) => { for (const k of list) await page.keyboard.press(k); await settle(); };
  const type = async (text) => { await page.keyboard.type(text); await settle(); };

  // Log in tab: the fields, editing keys, the clipboard, keyboard navigation.
  if (await click('Address', 'input')) {
    await type('zoë@exämple.org');
    await keys('Backspace', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'Shift+Home', 'Control+c', 'End', 'Control+v', 'Control+a', 'Delete');
    await type('someone@example.org');
  }
  if (await click('Password', 'input')) await type('not a real password');
  await keys('Tab', 'Tab', 'Shift+Tab');
  await click('Remember me on this computer', 'checkbox');
  await click('Remember me on this computer', 'checkbox');
  if (await click('Advanced', 'tree')) {
    const inputs = (await page.evaluate(() => window.parla.widgets())).filter((w) => w.role === 'input' && w.visible);
    const last = inputs[inputs.length - 1];
    if (last) { await page.mouse.click(last.x + last.w / 2, last.y + last.h / 2); await type('wss://x'); await keys('Control+a', 'Delete'); }
    await click('Advanced', 'tree');
  }
  // Log in, with and without an address: what is asked for waits (see above), the notice shows.
  await click('Log in', 'button');
  if (await click('Address', 'input')) await keys('Control+a', 'Delete', 'Enter');
  // Register tab: the domain field and its suggestions, then back.
  if (await click('Register', 'tab')) {
    const input = (await page.evaluate(() => window.parla.widgets())).find((w) => w.role === 'input' && w.visible);
    if (input) { await page.mouse.click(input.x + input.w / 2, input.y + input.h / 2); await type('lett'); await keys('Enter', 'Control+a', 'Delete'); }
    else missed.add(`the Register tab's domain field (${locale})`);
    await click('Log in', 'tab');
  }
  // The language list, opened and closed without choosing; the QR code window.
  if (await click('Language', 'combo')) await keys('Escape');
  if (await click('On your phone', 'button')) await keys('Escape');
  for (let y = 100; y < 700; y += 100) await page.mouse.move(300 + y, y);
  await page.mouse.wheel(0, 200);
  await settle();
  // A phone-sized window and the dark theme.
  await page.setViewportSize({ width: 390, height: 760 });
  await page.waitForFunction(() => window.parla.idle() && innerWidth === 390);
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle();
  if (errors.length) throw new Error(`split: the page failed: ${errors.join('; ')}`);

  const bytes = await page.evaluate(() => {
    const m = window.__parlaModule, size = 1 << 20, at = m._malloc(size);
    const n = m.asm.__write_profile(at, size);
    return Array.from(m.HEAPU8.subarray(at, at + n));
  });
  fs.writeFileSync(out, Buffer.from(bytes));
  await context.close();
}
