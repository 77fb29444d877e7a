// Seeds the bench's Prosody before it starts: accounts and rosters written straight into its
// internal storage (Prosody 0.12, storage = "internal": one Lua file per user and store,
// data/<host>/<store>/<user>.dat, names %-encoded). Thousands of accounts take well under a
// second: every account gets a copy of one SCRAM record made by prosodyctl (same password).
import fs from 'node:fs';
import path from 'node:path';

// Prosody's datamanager encoding of host and user names: every byte but [A-Za-z0-9_] as %xx.
const enc = (s) => s.replace(/[^_A-Za-z0-9]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'));
const lua = (s) => '"' + String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';

export function storeDir(dataDir, host, store) {
  const d = path.join(dataDir, enc(host), store);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

// `account`: the text of an accounts/<user>.dat written by prosodyctl for the shared password.
export function writeAccounts(dataDir, host, users, account) {
  const d = storeDir(dataDir, host, 'accounts');
  for (const u of users) fs.writeFileSync(path.join(d, enc(u) + '.dat'), account);
}

// items: [{jid, name?, groups?: [..], subscription?: 'both'}]
export function writeRoster(dataDir, host, user, items) {
  const out = ['return {', '\t[false] = {', '\t\t["pending"] = {};', '\t\t["version"] = 1;', '\t};'];
  for (const it of items) {
    out.push(`\t[${lua(it.jid)}] = {`);
    out.push(`\t\t["subscription"] = ${lua(it.subscription || 'both')};`);
    if (it.name) out.push(`\t\t["name"] = ${lua(it.name)};`);
    out.push(`\t\t["groups"] = {${(it.groups || []).map((g) => ` [${lua(g)}] = true;`).join('')} };`);
    out.push('\t};');
  }
  out.push('};', '');
  fs.writeFileSync(path.join(storeDir(dataDir, host, 'roster'), enc(user) + '.dat'), out.join('\n'));
}

const FIRST = ['Anna', 'Marco', 'Giulia', 'Luca', 'Sofia', 'Matteo', 'Chiara', 'Paolo', 'Elena', 'Davide', 'Marta',
  'Simone', 'Sara', 'Andrea', 'Francesca', 'Jörg', 'Zoë', 'Łukasz', 'Noémie', 'Βασίλης'];
const LAST = ['Rossi', 'Bianchi', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo',
  'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Müller', 'Ivanova'];
export const GROUPS = Array.from({ length: 20 }, (_, i) => `Team ${String.fromCharCode(65 + i)}`);

// A roster of `size` contacts: the first `online` are bots (b0, b1, ...: they log in), the rest
// accounts nobody uses (c<i>). Every tenth contact has no group, every seventh two groups.
export function rosterItems(domain, size, online, extra = []) {
  const items = [...extra];
  for (let i = 0; items.length < size + extra.length; i++) {
    const local = i < online ? `b${i}` : `c${i}`;
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;
    const groups = i % 10 === 9 ? [] : i % 7 === 3 ? [GROUPS[i % 20], GROUPS[(i + 5) % 20]] : [GROUPS[i % 20]];
    items.push({ jid: `${local}@${domain}`, name, groups });
  }
  return items;
}
