// A real PocketBase for tests that speak to it directly: started on a free
// port with a fresh data dir, Samspil's migrations and hooks, the demo data
// (`cargo run -p domain --example demo_json`) plus, if asked, the records of
// the effect report's hand-computed fixture, and one account per demo
// person (and per fixture person named in `fixtureAccounts`).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DIST, ROOT } from './helpers.mjs';
import { startServer } from './server.mjs';
import { startPocketBase, seed } from '../server/pocketbase/pocketbase.mjs';

const run = promisify(execFile);

/** The output of a domain example, parsed as JSON. */
export async function domainExample(name, args) {
  const { stdout } = await run('cargo', ['run', '--quiet', '--offline', '-p', 'domain', '--example', name, '--', ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

/**
 * Starts and seeds PocketBase. Returns the server, the superuser's token,
 * `tokenOf(personId)` (a token for that person's account, made by the
 * superuser by impersonation, so that no login attempt is spent and the
 * login limits never hold a test up), and `stop()`.
 */
export async function startSeeded({ fixture = false, fixtureAccounts = [] } = {}) {
  const today = new Date().toISOString().slice(0, 10);
  const demo = await domainExample('demo_json', [today]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samspil-pocketbase-'));
  const pb = await startPocketBase({ dir });
  async function stop() {
    await pb.stop();
    await rm(dir, { recursive: true, force: true });
  }
  let admin;
  try {
    admin = await pb.admin();
    await seed(pb.url, admin, demo);
    if (fixture) {
      const records = lowerIds(JSON.parse(await readFile(path.join(ROOT, 'e2e', 'fixtures', 'report.json'), 'utf8')));
      const accounts = records.people.filter((p) => fixtureAccounts.includes(p.id));
      await seed(pb.url, admin, records, { accounts });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const tokens = new Map();
  async function tokenOf(person) {
    if (!tokens.has(person)) {
      const filter = encodeURIComponent(`person = '${person}'`);
      const list = await (await fetch(`${pb.url}/api/collections/users/records?filter=${filter}`, { headers: { Authorization: admin } })).json();
      if (list.items?.length !== 1) throw new Error(`no account of ${person}: ${JSON.stringify(list)}`);
      const res = await fetch(`${pb.url}/api/collections/users/impersonate/${list.items[0].id}`, {
        method: 'POST',
        headers: { Authorization: admin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ duration: 3600 }),
      });
      if (!res.ok) throw new Error(`impersonating ${person}: HTTP ${res.status} ${await res.text()}`);
      tokens.set(person, (await res.json()).token);
    }
    return tokens.get(person);
  }
  /** A superuser request (seeding-level access, to look behind the rules); the answer's JSON. */
  async function superuser(method, p, body) {
    const res = await fetch(pb.url + p, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: admin },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`superuser ${method} ${p}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  return { pb, url: pb.url, admin, today, demo, tokenOf, superuser, stop };
}

/**
 * The release build (dist/) served from a copy whose config.json points the
 * app at the PocketBase at `url`. Returns `{url, close()}`.
 */
export async function appFor(url) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samspil-site-'));
  await cp(DIST, dir, { recursive: true });
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ backend: { kind: 'pocketbase', url } }));
  const site = await startServer({ root: dir, port: 0 });
  return {
    url: site.url,
    async close() {
      await site.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Keys whose values are record ids (the fixture's teachers are `tA`, …; PocketBase takes [a-z0-9-]). */
const ID_KEYS = new Set(['id', 'clientId', 'pupilId', 'personId', 'goalId', 'updatedBy', 'proposedBy', 'by']);

/** The fixture with its ids in lower case, everywhere they occur. */
function lowerIds(value, key) {
  if (typeof value === 'string') return ID_KEYS.has(key) ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map((v) => lowerIds(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lowerIds(v, k)]));
  return value;
}

/**
 * Listens to PocketBase's realtime API (server-sent events) as `token`
 * would, subscribed to `topics`. `messages` fills as events arrive, each
 * `{topic, data, text}` (text: the raw event data).
 */
export async function listen(url, token, topics) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/realtime`, { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const messages = [];
  let buffer = '';
  let connected;
  const clientId = new Promise((resolve) => (connected = resolve));
  const waiters = new Set();
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name) => block.split('\n').filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1)).join('\n');
          const topic = field('event');
          const text = field('data');
          if (topic === 'PB_CONNECT') connected(JSON.parse(text).clientId);
          else messages.push({ topic, text, data: JSON.parse(text) });
          for (const w of waiters) w();
        }
      }
    } catch {
      // closed
    }
  })();
  const id = await clientId;
  const sub = await fetch(`${url}/api/realtime`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}) },
    body: JSON.stringify({ clientId: id, subscriptions: topics }),
  });
  if (sub.status !== 204) throw new Error(`realtime subscription: HTTP ${sub.status} ${await sub.text()}`);
  /** Waits until a message satisfies `match` (fails after `ms`). */
  function next(match, ms = 10000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.find(match);
        if (found) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no realtime message matched within ${ms} ms; got ${JSON.stringify(messages).slice(0, 800)}`));
      }, ms);
      waiters.add(check);
      check();
    });
  }
  return { messages, next, close: () => controller.abort() };
}
