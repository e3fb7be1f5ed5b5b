// Shared pieces of the benchmark suite: statistics, the browser, the sites
// (the app with its data files, the two references), seeding the app's
// IndexedDB, and in-page timing helpers.
import { cp, mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/helpers.mjs';
import { DB_VERSION, OTHER_STORES, STORE_COLLECTIONS, snapshotChunks } from '../../e2e/stored.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH = path.join(ROOT, 'bench');
export { CHROMIUM_ARGS, CHROMIUM_PATH };

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

export function log(...args) {
  console.error('[bench]', ...args);
}

export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

/**
 * Serves a copy of dist/ with the bench's data files under /__bench/ (same
 * origin, so a page there can fill the app's IndexedDB before the app runs).
 * `config` replaces config.json (e.g. to point the app at a json-server).
 */
export async function startAppSite({ dist, data = {}, config } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samspil-bench-site-'));
  await cp(dist, dir, { recursive: true });
  await mkdir(path.join(dir, '__bench'), { recursive: true });
  await writeFile(path.join(dir, '__bench', 'blank.html'), '<!doctype html><title>bench</title><p>bench</p>');
  for (const [name, file] of Object.entries(data)) await cp(file, path.join(dir, '__bench', name));
  if (config) await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
  const server = await startServer({ root: dir, port: 0 });
  return {
    url: server.url,
    dir,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function startStaticSite(dir) {
  const server = await startServer({ root: dir, port: 0 });
  return { url: server.url, dir, close: () => server.close() };
}

/**
 * Fills the app's IndexedDB from /__bench/<dataName> in the layout the app
 * itself keeps once it has folded its journal (src/backend/embedded.rs,
 * DB_VERSION 4: every record in the "snapshot" store's chunks, the
 * per-collection journal stores empty — built by e2e/stored.mjs, which
 * e2e/storage.test.mjs checks against the app's own fold), and remembers `me`
 * as the person using the device. `layout: 'journal'` writes one row per
 * record instead (what a device upgraded from layout 3 has before its first
 * fold). Runs on a blank page of the app's origin, before the app ever opens.
 */
export async function seed(page, siteUrl, dataName, me, settings = {}, { layout = 'snapshot' } = {}) {
  const t0 = performance.now();
  const response = await fetch(`${siteUrl}/__bench/${dataName}`, { headers: { 'accept-encoding': 'identity' } });
  const data = await response.json();
  const chunks = layout === 'snapshot' ? snapshotChunks(data) : {};
  const rows = layout === 'snapshot' ? {} : data;
  await page.goto(`${siteUrl}/__bench/blank.html`);
  const seeded = await page.evaluate(
    async ({ rows, chunks, me, settings, version, stores }) => {
      const t0 = performance.now();
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('samspil', version);
        r.onupgradeneeded = () => {
          for (const s of stores) if (!r.result.objectStoreNames.contains(s)) r.result.createObjectStore(s);
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction(stores, 'readwrite');
      for (const s of stores) tx.objectStore(s).clear();
      let n = 0;
      for (const [collection, list] of Object.entries(rows)) {
        for (const record of list) {
          tx.objectStore(collection).put(JSON.stringify(record), record.id);
          n++;
        }
      }
      for (const [key, text] of Object.entries(chunks)) tx.objectStore('snapshot').put(text, key);
      tx.objectStore('settings').put('demo', 'started');
      for (const [k, v] of Object.entries(settings)) tx.objectStore('settings').put(v, k);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      if (me) localStorage.setItem('samspil.me', me);
      else localStorage.removeItem('samspil.me');
      return { rows: n, chunks: Object.keys(chunks).length, ms: performance.now() - t0 };
    },
    { rows, chunks, me, settings, version: DB_VERSION, stores: [...new Set([...STORE_COLLECTIONS, ...OTHER_STORES, ...Object.keys(data)])] },
  );
  const records = Object.values(data).reduce((n, list) => n + list.length, 0);
  return { records, layout, ...seeded, totalMs: performance.now() - t0 };
}

/**
 * Installed before any page script: finds the wasm memories the page makes,
 * records long tasks, and offers timing helpers (window.__bench).
 */
export const PAGE_HOOKS = () => {
  const memories = [];
  const grab = (result) => {
    try {
      const instance = result.instance ?? result;
      for (const v of Object.values(instance.exports ?? {})) if (v instanceof WebAssembly.Memory) memories.push(v);
    } catch {
      /* not an instance */
    }
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) WebAssembly.instantiateStreaming = function (...a) { return streaming.apply(this, a).then(grab); };
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...a) { return plain.apply(this, a).then(grab); };
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task API */
  }
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  /** The time the frame after now is done: a rAF, then a task after it. */
  const nextPaint = () =>
    new Promise((r) =>
      requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = () => r(performance.now());
        c.port2.postMessage(0);
      }),
    );
  /**
   * Runs act(), waits until done() holds (checked after the microtasks the
   * framework queues, then every frame), then for the next painted frame.
   * Returns ms from just before act() to that frame, and the long tasks seen.
   */
  async function time(act, done, timeout = 20000) {
    const t0 = performance.now();
    act();
    await new Promise((r) => setTimeout(r, 0));
    while (!done()) {
      if (performance.now() - t0 > timeout) throw new Error(`not done after ${timeout} ms`);
      await frame();
    }
    const t1 = await nextPaint();
    const long = longTasks.filter((t) => t.start + t.duration >= t0 && t.start <= t1).map((t) => t.duration);
    return { ms: t1 - t0, longTasks: long };
  }
  /** Client-side navigation through the app's router (it handles clicks on any <a>). */
  function go(href) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'bench';
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
  }
  window.__bench = {
    memories,
    longTasks,
    time,
    frame,
    nextPaint,
    go,
    wasmBytes: () => memories.reduce((n, m) => n + m.buffer.byteLength, 0),
  };
};

/** A new context + page with the hooks, English, UTC. */
export async function benchPage(browser, { viewport = { width: 1366, height: 768 }, serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'UTC', serviceWorkers });
  await context.addInitScript(PAGE_HOOKS);
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(m.text())) log('console error:', m.text().slice(0, 500));
  });
  return page;
}

/** JS heap (after a full GC) and wasm memory of the page, in bytes. */
export async function memoryOf(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const wasm = await page.evaluate(() => window.__bench.wasmBytes());
  return { js: usedSize, wasm, total: usedSize + wasm };
}

export async function withCpuThrottle(page, rate, fn) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  try {
    return await fn();
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}
