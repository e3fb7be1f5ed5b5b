// Static server for the benchmark: like e2e/server.mjs (SPA fallback, 127.0.0.1
// only, no-cache) but it answers as a production host would, with brotli
// (quality 11) or gzip (-9) when the browser accepts it, so Lighthouse and the
// size figures see real transfer sizes. Compressed bodies are cached in memory.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.webmanifest', '.svg', '.txt', '.ico']);
const MAX_COMPRESS = 4 * 1024 * 1024;

async function fileAt(p) {
  try {
    const s = await stat(p);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

export async function startServer({ root, port = 0, host = '127.0.0.1' }) {
  const base = path.resolve(root);
  const index = path.join(base, 'index.html');
  if (!(await fileAt(index))) throw new Error(`${index} not found: build first`);
  const cache = new Map(); // `${file}:${mtime}:${encoding}` → Buffer
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405).end();
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = path.join(base, pathname);
      if (file !== base && !file.startsWith(base + path.sep)) return res.writeHead(403).end();
      let st = await fileAt(file);
      if (!st) {
        if (path.extname(pathname) !== '') return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        file = index;
        st = await fileAt(file);
      }
      const ext = path.extname(file).toLowerCase();
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = !COMPRESSIBLE.has(ext) || st.size > MAX_COMPRESS ? null : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
      const key = `${file}:${st.mtimeMs}:${encoding}`;
      let body = cache.get(key);
      if (!body) {
        const raw = await readFile(file);
        body =
          encoding === 'br'
            ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
            : encoding === 'gzip'
              ? zlib.gzipSync(raw, { level: 9 })
              : raw;
        cache.set(key, body);
      }
      const headers = {
        'Content-Type': MIME[ext] ?? 'application/octet-stream',
        'Content-Length': body.length,
        // Like a production host: names that carry a content hash never change.
        'Cache-Control': /(-[0-9a-f]{16}\.css|[/\\]wasm-[0-9a-f]{16}[/\\][^/\\]+)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        Vary: 'Accept-Encoding',
      };
      if (encoding) headers['Content-Encoding'] = encoding;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  return {
    url,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
