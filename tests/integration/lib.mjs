// Integration helpers: accounts on the test server (Prosody, or ejabberd with
// PARLA_SERVER=ejabberd), and pages whose engine (the same wasm the app runs) is driven
// through window.parla.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Which server the suite runs against: scripts/<server> makes its accounts.
export const server = process.env.PARLA_SERVER || 'prosody';
if (!['prosody', 'ejabberd'].includes(server)) throw new Error(`PARLA_SERVER=${server}: prosody or ejabberd`);
export const websocketUrl = process.env.PARLA_WEBSOCKET_URL
  || `ws://127.0.0.1:${server === 'ejabberd' ? 25280 : 25290}/xmpp-websocket`;
export const domain = 'localhost';

// A fresh account on the test server: {name, jid, password}.
export function newAccount(prefix) {
  const name = `${prefix}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(9).toString('base64');
  execFileSync(path.join(repo, 'scripts', server), ['adduser', name, password], { stdio: 'pipe' });
  return { name, jid: `${name}@${domain}`, password };
}

// Waits until window.parla has an event matching `predicate` (a function source string
// taking the event), searching events seen since index `from`; returns the event.
export async function waitEvent(page, predicate, from = 0) {
  const handle = await page.waitForFunction(([src, start]) => {
    const match = new Function('e', `return (${src})(e);`);
    return window.parla.events.slice(start).find((e) => match(e)) || null;
  }, [predicate.toString(), from], { timeout: 20000 });
  return handle.jsonValue();
}

export async function eventCount(page) {
  return page.evaluate(() => window.parla.events.length);
}

// Logs in through the engine API and waits for the session to be ready.
export async function logIn(page, account, websocket = websocketUrl) {
  const from = await eventCount(page);
  const error = await page.evaluate(([a, p, u]) => window.parla.logIn({ address: a, password: p, websocket: u }),
                                    [account.jid, account.password, websocket]);
  if (error) throw new Error(`log in refused: ${error}`);
  const e = await waitEvent(page, (e) => e.type === 'ready' || e.type === 'disconnected', from);
  if (e.type !== 'ready' && !account.expectFailure) {
    throw new Error(`log in as ${account.jid} failed: ${e.condition}: ${e.error}`);
  }
  return e;
}

export async function state(page) {
  return page.evaluate(() => window.parla.state());
}
