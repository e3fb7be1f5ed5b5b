// Transfer size of the first load: every file the page asks for until its
// first view is painted (the app marks that moment), and every file a first
// visit fetches in all a few seconds later (the chunks of other pages and the
// service worker's precache included), each counted once, with its raw,
// gzip -9 and brotli -q 11 size.
import { createServer, request as httpRequest } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { benchPage, log } from './common.mjs';

export async function compressedSizes(file) {
  const buf = await readFile(file);
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/** A proxy in front of a site that records every path asked for. */
async function recordingProxy(target) {
  const seen = [];
  const wire = { bytes: 0, requests: 0 };
  const t = new URL(target);
  const server = createServer((req, res) => {
    seen.push(new URL(req.url, 'http://x').pathname);
    const up = httpRequest({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      wire.requests++;
      r.on('data', (d) => (wire.bytes += d.length));
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', (e) => res.writeHead(502).end(String(e)));
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    wire,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

async function fileFor(dir, pathname) {
  const p = decodeURIComponent(pathname);
  const f = path.join(dir, p);
  try {
    if ((await stat(f)).isFile()) return f;
  } catch { /* not a file */ }
  if (path.extname(p) === '') return path.join(dir, 'index.html');
  return null;
}

/** Sizes each file once; returns the files and their total. */
async function sized(dir, paths) {
  const files = [];
  const done = new Set();
  for (const p of paths) {
    const f = await fileFor(dir, p);
    if (!f || done.has(f)) continue;
    done.add(f);
    files.push({ file: path.relative(dir, f), ...(await compressedSizes(f)) });
  }
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}

/**
 * What the page fetched for its first view: the document and every resource it
 * asked for before the app marked `samspil:background` (src/lib.rs: the first
 * view is painted and the browser idle; the chunks of other pages and the
 * service worker's precache come after). Pages without the mark (the two
 * references) count everything they fetched. Read from the page's own resource
 * timing, so a service worker's fetches are not in it.
 */
async function firstViewPaths(page, timeout) {
  const marked = await page
    .waitForFunction(() => performance.getEntriesByName('samspil:background').length > 0, null, { timeout })
    .then(() => true, () => false);
  return page.evaluate((marked) => {
    const until = marked ? performance.getEntriesByName('samspil:background')[0].startTime : Infinity;
    const paths = [location.pathname];
    for (const e of performance.getEntriesByType('resource')) if (e.startTime < until) paths.push(new URL(e.name).pathname);
    return { marked, paths };
  }, marked);
}

/**
 * Loads `route` of the site in a fresh context (after `prepare(page)`, e.g.
 * seeding the store) and sizes what it fetched: for the first view (see
 * firstViewPaths), and in all, once each, by the time `settleMs` more have
 * passed (the chunks of other pages and the service worker's precache included).
 * @returns {{files, total, marked, all: {files, total}, wire}}
 */
export async function firstLoad(browser, site, route = '/', { settleMs = 4000, prepare } = {}) {
  const proxy = await recordingProxy(site.url);
  const page = await benchPage(browser);
  let first;
  try {
    if (prepare) await prepare(page, proxy.url);
    proxy.seen.length = 0;
    proxy.wire.bytes = 0;
    proxy.wire.requests = 0;
    await page.goto(proxy.url + route, { waitUntil: 'load' });
    first = await firstViewPaths(page, 30000);
    await page.waitForTimeout(settleMs);
  } finally {
    await page.context().close();
    await proxy.close();
  }
  const firstView = await sized(site.dir, first.paths);
  const all = await sized(site.dir, proxy.seen);
  // What actually crossed the wire (the server answers with brotli): repeats
  // included, e.g. the service worker's precache fetching files again.
  const wire = { ...proxy.wire, repeatedPaths: proxy.seen.length - new Set(proxy.seen).size };
  log(`load of ${site.url}${route}: first view ${firstView.files.length} files, ${firstView.total.brotli} bytes brotli${first.marked ? '' : ' (no samspil:background mark: everything)'}; in all ${all.files.length} files, ${all.total.brotli} bytes; on the wire ${wire.bytes} bytes in ${wire.requests} requests`);
  return { ...firstView, marked: first.marked, all, wire };
}
