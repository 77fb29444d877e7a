// Text input as people type it: accents, IME composition, editing keys, Tab, Enter,
// copy and paste through the browser clipboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openParla, widget, click, type, press, screenshot, settle } from './lib.mjs';

let browser, page;
before(async () => {
  browser = await startBrowser();
  page = await openParla(browser);
});
after(async () => {
  if (browser) await browser.close();
});

const text = async (label) => (await widget(page, label, 'input')).text;

async function clearField(label) {
  await click(page, label, 'input');
  await press(page, 'Control+A');
  await press(page, 'Backspace');
  assert.equal(await text(label), '');
}

test('accented letters, Greek and Cyrillic typed as text', async () => {
  await click(page, 'Address', 'input');
  await type(page, 'perché città Σωκράτης Жора €');
  assert.equal(await text('Address'), 'perché città Σωκράτης Жора €');
  await screenshot(page, 'input-1-scripts');
});

test('IME composition commits its text once', async () => {
  await clearField('Address');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'ね', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'ねこ', selectionStart: 2, selectionEnd: 2 });
  await settle(page);
  assert.equal(await text('Address'), '', 'nothing is inserted while composing');
  await cdp.send('Input.insertText', { text: 'ねこ' });
  await settle(page);
  assert.equal(await text('Address'), 'ねこ');
  await cdp.detach();
});

test('Backspace, arrows, Home and End edit where the caret is', async () => {
  await clearField('Address');
  await type(page, 'giulietta@localhst');
  await press(page, 'ArrowLeft');
  await press(page, 'ArrowLeft');
  await type(page, 'o');
  assert.equal(await text('Address'), 'giulietta@localhost');
  await press(page, 'Home');
  await type(page, 'x');
  await press(page, 'End');
  await type(page, 'y');
  assert.equal(await text('Address'), 'xgiulietta@localhosty');
  await press(page, 'Backspace');
  await press(page, 'Home');
  await press(page, 'Delete');
  assert.equal(await text('Address'), 'giulietta@localhost');
});

test('Tab moves to the password field and Enter submits the form', async () => {
  await click(page, 'Address', 'input');
  await press(page, 'Tab');
  assert.ok((await widget(page, 'Password', 'input')).active, 'Tab moved to the password');
  await type(page, 'segreto');
  await press(page, 'Enter');
  // The form was submitted: with no server configured, Parla looked for the WebSocket
  // address of "localhost" (XEP-0156) and says what it tried.
  await page.waitForFunction(() => window.parla.widgets().some((w) => w.role === 'error'));
  await settle(page);
  const errors = (await page.evaluate(() => window.parla.widgets())).filter((w) => w.role === 'error');
  assert.equal(errors.length, 1);
  assert.match(errors[0].label, /No WebSocket address found for localhost/);
  await screenshot(page, 'input-2-submitted');
});

test('copy and paste through the browser clipboard', async () => {
  await clearField('Address');
  await type(page, 'romeo@montecchi.example');
  await press(page, 'Control+A');
  await press(page, 'Control+C');
  await click(page, 'Register', 'tab');
  await click(page, 'Provider domain', 'input');
  await press(page, 'Control+V');
  assert.equal(await text('Provider domain'), 'romeo@montecchi.example');
  // Text copied elsewhere on the page pastes too.
  await press(page, 'Control+A');
  await press(page, 'Backspace');
  await page.evaluate(() => {
    const ta = document.querySelector('#parla-app textarea');
    const data = new DataTransfer();
    data.setData('text/plain', 'capuleti.example');
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await settle(page);
  assert.equal(await text('Provider domain'), 'capuleti.example');
  await screenshot(page, 'input-3-pasted');
});

test('an idle page draws nothing', async () => {
  await settle(page);
  const before = await page.evaluate(() => window.parla.frameCount());
  // Let the browser run 30 animation frames: a page that drew continuously would count them.
  await page.evaluate(() => new Promise((done) => {
    let n = 0;
    const tick = () => (++n < 30 ? requestAnimationFrame(tick) : done());
    requestAnimationFrame(tick);
  }));
  assert.equal(await page.evaluate(() => window.parla.frameCount()), before);
});
