// Tiny static server for Trunk's dist/ with an SPA fallback. No dependencies.
//
//   node e2e/server.mjs [port] [root]      (port 0 = any free port; env PORT, ROOT)
//
// Paths that name a file are served from root; paths without a file
// extension (deep links such as /goal/x) get index.html; a missing file with
// an extension is a 404. Bound to 127.0.0.1 only.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function fileAt(p) {
  try {
    const s = await stat(p);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/**
 * Start the server. Resolves to { url, port, server, close() }.
 * @param {{root?: string, port?: number, host?: string, quiet?: boolean}} [opts]
 */
export async function startServer({ root = 'dist', port = 0, host = '127.0.0.1', quiet = true } = {}) {
  const base = path.resolve(root);
  const index = path.join(base, 'index.html');
  if (!(await fileAt(index))) {
    throw new Error(`${index} not found: build first (trunk build --release)`);
  }

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      } catch {
        res.writeHead(400).end('bad request');
        return;
      }
      let file = path.join(base, pathname);
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let st = await fileAt(file);
      if (!st && (await fileAt(path.join(file, 'index.html')))) {
        file = path.join(file, 'index.html');
        st = await fileAt(file);
      }
      if (!st) {
        if (path.extname(pathname) !== '') {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
          if (!quiet) console.log(`404 ${req.url}`);
          return;
        }
        file = index; // SPA fallback for deep links
        st = await fileAt(file);
      }
      const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': st.size,
        // Hashed assets could be cached forever; tests want no surprises.
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file).pipe(res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  const url = `http://${host}:${actual}`;
  return {
    url,
    port: actual,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Run as a program.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
  const root = process.argv[3] ?? process.env.ROOT ?? 'dist';
  const { url, port: actual, close } = await startServer({ root, port, quiet: false });
  console.log(`Serving ${path.resolve(root)} (deep links fall back to index.html)`);
  console.log(`PORT=${actual}`);
  console.log(`Samspil is running at ${url}`);
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
