// Bots for scripts/bench: small XMPP clients over plain TCP to the bench's loopback Prosody
// (c2s without TLS, SASL PLAIN: loopback only). They log in, send presence, join a room and
// send messages; what they receive is skimmed for the few answers they wait for, and dropped.
import net from 'node:net';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
export { esc };

export class Bot {
  constructor({ port, domain, user, password, resource = 'bot' }) {
    Object.assign(this, { port, domain, user, password, resource });
    this.jid = `${user}@${domain}/${resource}`;
    this.tail = '';      // the last few KB received: what waiters look in
    this.waiters = [];   // {re, resolve, reject, timer}
    this.received = 0;   // bytes
    this.socket = null;
  }

  // Resolves when `re` shows up in what arrives from now on (or in the tail kept so far if `past`).
  wait(re, ms = 60000, past = false) {
    if (past && re.test(this.tail)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { re, resolve, reject };
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`${this.user}: timed out waiting for ${re}`));
      }, ms);
      this.waiters.push(w);
    });
  }

  onData(chunk) {
    this.received += chunk.length;
    const text = chunk.toString('utf8');
    // Only what the waiters need: the new text plus a little before it (a match across chunks).
    const look = this.tail.slice(-512) + text;
    this.tail = look.length > 8192 ? look.slice(-8192) : look;
    if (!this.waiters.length) return;
    for (const w of [...this.waiters]) {
      if (w.re.test(look)) {
        clearTimeout(w.timer);
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }

  send(xml) { this.socket.write(xml); }

  openStream() {
    this.tail = '';
    this.send(`<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${this.domain}' version='1.0'>`);
  }

  async connect() {
    this.socket = net.connect(this.port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.socket.on('data', (c) => this.onData(c));
    this.socket.on('error', (e) => { for (const w of this.waiters) w.reject(e); this.waiters = []; });
    await new Promise((resolve, reject) => { this.socket.once('connect', resolve); this.socket.once('error', reject); });
    let features = this.wait(/<\/stream:features>/);
    this.openStream();
    await features;
    const plain = Buffer.from(`\0${this.user}\0${this.password}`).toString('base64');
    const success = this.wait(/<success|<failure/);
    this.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
    await success;
    if (/<failure/.test(this.tail)) throw new Error(`${this.user}: authentication failed`);
    features = this.wait(/<\/stream:features>/);
    this.openStream();
    await features;
    const bound = this.wait(/id=['"]bind['"]/);
    this.send(`<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${this.resource}</resource></bind></iq>`);
    await bound;
    return this;
  }

  presence() { this.send('<presence/>'); }

  // Sends the stanzas in writes of ~64 KB; resolves when the socket took them all.
  async sendMany(stanzas) {
    let buf = [];
    let size = 0;
    for (const s of stanzas) {
      buf.push(s);
      size += s.length;
      if (size > 65536) {
        if (!this.socket.write(buf.join(''))) await new Promise((r) => this.socket.once('drain', r));
        buf = [];
        size = 0;
      }
    }
    if (buf.length && !this.socket.write(buf.join(''))) await new Promise((r) => this.socket.once('drain', r));
  }

  // A round trip: everything sent before has been handled by the server.
  async ping(id = `p${Math.random().toString(36).slice(2)}`) {
    const done = this.wait(new RegExp(`id=['"]${id}['"]`));
    this.send(`<iq type='get' id='${id}' to='${this.domain}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    await done;
  }

  close() {
    if (!this.socket) return;
    try { this.socket.end('</stream:stream>'); } catch { /* gone already */ }
    this.socket.destroy();
    this.socket = null;
  }
}

// Logs in `bots` with at most `parallel` handshakes at once.
export async function connectAll(bots, parallel = 40) {
  let next = 0;
  const worker = async () => {
    while (next < bots.length) {
      const b = bots[next++];
      await b.connect();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, bots.length) }, worker));
}
