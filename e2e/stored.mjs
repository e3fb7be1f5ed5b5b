// Waiting for the app's background writes to IndexedDB, for tests that
// reload the page right after loading the demo data (a reload before the
// write finished would start from a half-filled or empty device).
import { APP_TIMEOUT } from './helpers.mjs';

/** Whether the first start is stored (the "started" setting is written last). */
function startedIsStored() {
  return new Promise((resolve) => {
    const open = indexedDB.open('samspil');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const get = db.transaction('settings').objectStore('settings').get('started');
        get.onsuccess = () => resolve(get.result !== undefined);
        get.onerror = () => resolve(false);
      } catch {
        resolve(false);
      } finally {
        db.close();
      }
    };
  });
}

/**
 * Resolves once the first start is stored. Polls with `evaluate`, which
 * awaits the answer: `waitForFunction` would take the Promise itself as true.
 */
export async function waitUntilStarted(page) {
  const deadline = Date.now() + APP_TIMEOUT;
  while (!(await page.evaluate(startedIsStored))) {
    if (Date.now() > deadline) throw new Error('the first start was not stored in time');
    await page.waitForTimeout(100);
  }
}

// --- The layout of src/backend/embedded.rs (DB_VERSION 4) ------------------
// One store per collection (the journal: each record's JSON under its id) and
// the store "snapshot": each collection in chunks keyed `${collection}#NN`,
// a header line `#N`, then one record's JSON per line, sorted by id; a
// record's chunk is FNV-1a(id) % buckets(collection). Mirrors
// src/backend/snapshot.rs; e2e/storage.test.mjs checks both agree.

export const DB_VERSION = 4;
export const STORE_COLLECTIONS = [
  'people', 'members', 'strengths', 'goals', 'agreements', 'checkins', 'comments',
  'peerNames', 'posts', 'helped', 'reports', 'moderations', 'erasures',
];
export const OTHER_STORES = ['settings', 'outbox', 'conflicts', 'erasing', 'snapshot'];

export function buckets(collection) {
  if (collection === 'checkins' || collection === 'comments') return 64;
  if (['goals', 'agreements', 'posts', 'helped'].includes(collection)) return 8;
  return 2;
}

export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function chunkOf(collection, id) {
  return `${collection}#${String(fnv1a(id) % buckets(collection)).padStart(2, '0')}`;
}

/** { chunk key: chunk text } for `data` ({ collection: [record] }), as the app folds it. */
export function snapshotChunks(data) {
  const lines = {};
  for (const [collection, list] of Object.entries(data)) {
    for (const record of list) {
      (lines[chunkOf(collection, record.id)] ??= new Map()).set(record.id, JSON.stringify(record));
    }
  }
  const out = {};
  for (const [key, map] of Object.entries(lines)) {
    const ids = [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out[key] = `#${ids.length}\n${ids.map((id) => `${map.get(id)}\n`).join('')}`;
  }
  return out;
}

/** In the page: every store of the app's IndexedDB as { store: [[key, value as text]] }. */
export function dumpEntries(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('samspil');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const out = {};
          if (!names.length) {
            db.close();
            resolve(out);
            return;
          }
          const tx = db.transaction(names);
          for (const name of names) {
            const keys = tx.objectStore(name).getAllKeys();
            const values = tx.objectStore(name).getAll();
            values.onsuccess = () => {
              out[name] = keys.result.map((k, i) => {
                const v = values.result[i];
                return [k, typeof v === 'string' ? v : JSON.stringify(v)];
              });
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/**
 * The records the device holds, as the app loads them (snapshot, then the
 * journal on top): { collection: [JSON text of each record] }, by id.
 */
export async function storedRecords(page) {
  const entries = await dumpEntries(page);
  const out = {};
  for (const collection of STORE_COLLECTIONS) {
    const byId = new Map();
    for (const [key, text] of entries.snapshot ?? []) {
      if (!key.startsWith(`${collection}#`)) continue;
      for (const line of text.split('\n')) {
        if (!line.trim() || line.startsWith('#')) continue;
        try {
          const id = JSON.parse(line)?.id;
          if (typeof id === 'string') byId.set(id, line);
        } catch {
          /* unreadable: the app skips it too */
        }
      }
    }
    for (const [id, text] of entries[collection] ?? []) byId.set(id, text);
    out[collection] = [...byId.keys()].sort().map((id) => byId.get(id));
  }
  return out;
}

/**
 * Whether the stores (as `dumpEntries` gives them) hold a record of
 * `collection`, in the journal or the snapshot, that `match` accepts.
 */
export function storedHas(entries, collection, match) {
  const texts = [
    ...(entries[collection] ?? []).map(([, text]) => text),
    ...(entries.snapshot ?? []).filter(([key]) => key.startsWith(`${collection}#`)).flatMap(([, text]) => text.split('\n')),
  ];
  return texts.some((text) => {
    try {
      return match(JSON.parse(text));
    } catch {
      return false;
    }
  });
}

/**
 * Reads the app's stores until `ready(entries)` holds and returns them; runs
 * `between()` (e.g. nudging the app) before each new look, and throws with
 * `failure(entries)` after `timeout`.
 */
export async function waitForEntries(page, ready, failure, { timeout = APP_TIMEOUT, every = 200, between } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const entries = await dumpEntries(page);
    if (ready(entries)) return entries;
    if (Date.now() > deadline) throw new Error(failure(entries));
    await between?.();
    await page.waitForTimeout(every);
  }
}

/** Resolves once the journal is folded into the snapshot (every collection store empty). */
export function waitUntilFolded(page, timeout = APP_TIMEOUT) {
  return waitForEntries(
    page,
    (entries) => (entries.snapshot ?? []).length && STORE_COLLECTIONS.every((c) => !(entries[c] ?? []).length),
    () => 'the journal was not folded into the snapshot in time',
    { timeout },
  );
}

/**
 * Resolves once `n` changes wait in the outbox: a change is on the device for
 * good only then, and a reload a moment after a tap could still abort its write.
 */
export async function waitForOutbox(page, n, timeout = APP_TIMEOUT) {
  const waiting = (entries) => (entries.outbox ?? []).length;
  await waitForEntries(
    page,
    (entries) => waiting(entries) === n,
    (entries) => `${waiting(entries)} changes wait in the outbox, not ${n}`,
    { timeout, every: 100 },
  );
}
