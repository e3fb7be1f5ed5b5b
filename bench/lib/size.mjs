// Transfer size of the first load: every file the browser asks for while it
// opens the page and for a few seconds after (the service worker's precache
// included), each counted once, with its raw, gzip -9 and brotli -q 11 size.
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

/**
 * Loads `route` of the site in a fresh context and sizes what it fetched.
 * @returns {{files: {file, raw, gzip, brotli}[], total: {raw, gzip, brotli}}}
 */
export async function firstLoad(browser, site, route = '/', settleMs = 4000) {
  const proxy = await recordingProxy(site.url);
  const page = await benchPage(browser);
  try {
    await page.goto(proxy.url + route, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
  } finally {
    await page.context().close();
    await proxy.close();
  }
  const files = [];
  const done = new Set();
  for (const p of proxy.seen) {
    const f = await fileFor(site.dir, p);
    if (!f || done.has(f)) continue;
    done.add(f);
    files.push({ file: path.relative(site.dir, f), ...(await compressedSizes(f)) });
  }
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  // What actually crossed the wire (the server answers with brotli): repeats
  // included, e.g. the service worker's precache fetching files again.
  const wire = { ...proxy.wire, repeatedPaths: proxy.seen.length - new Set(proxy.seen).size };
  log(`first load of ${site.url}${route}: ${files.length} files, ${total.brotli} bytes brotli; on the wire ${wire.bytes} bytes in ${wire.requests} requests`);
  return { files, total, wire };
}
