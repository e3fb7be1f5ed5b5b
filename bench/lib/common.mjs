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
 * Fills the app's IndexedDB (database "samspil", one store per collection,
 * each record as its JSON text under its id — see src/backend/embedded.rs)
 * from /__bench/<dataName> and remembers `me` as the person using the device.
 * Runs on a blank page of the app's origin, before the app ever opens.
 */
export async function seed(page, siteUrl, dataName, me, settings = {}) {
  await page.goto(`${siteUrl}/__bench/blank.html`);
  return page.evaluate(
    async ({ dataName, me, settings }) => {
      const t0 = performance.now();
      const data = await (await fetch(`/__bench/${dataName}`)).json();
      // The stores of src/backend/embedded.rs (DB_VERSION 3), plus any collection the data brings.
      const STORES = [...new Set([
        'people', 'members', 'strengths', 'goals', 'agreements', 'checkins', 'comments',
        'peerNames', 'posts', 'helped', 'reports', 'moderations', 'erasures',
        'settings', 'outbox', 'conflicts', 'erasing', ...Object.keys(data),
      ])];
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('samspil', 3);
        r.onupgradeneeded = () => {
          for (const s of STORES) if (!r.result.objectStoreNames.contains(s)) r.result.createObjectStore(s);
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction(STORES, 'readwrite');
      for (const s of STORES) tx.objectStore(s).clear();
      let n = 0;
      for (const [collection, list] of Object.entries(data)) {
        for (const record of list) {
          tx.objectStore(collection).put(JSON.stringify(record), record.id);
          n++;
        }
      }
      tx.objectStore('settings').put('demo', 'started');
      for (const [k, v] of Object.entries(settings)) tx.objectStore('settings').put(v, k);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      if (me) localStorage.setItem('samspil.me', me);
      else localStorage.removeItem('samspil.me');
      return { records: n, ms: performance.now() - t0 };
    },
    { dataName, me, settings },
  );
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
