// A real HTTP proxy on 127.0.0.1 in front of a test's backend: it passes
// every request on unchanged, unless the test's `intercept` answers it
// itself (a refusal, or headers and then a body that never ends).
import { createServer } from 'node:http';

export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, If-Match, Authorization',
};

/**
 * @param {string} target the backend's address
 * @param {(req: {method: string, url: string, body: string}, res: import('node:http').ServerResponse) => boolean} intercept
 *   answers a request itself and returns true, or returns false to pass it on
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startProxy(target, intercept) {
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    if (intercept({ method: req.method, url: req.url, body }, res)) return;
    try {
      const headers = { ...req.headers };
      delete headers.host;
      delete headers['content-length'];
      const answer = await fetch(target + req.url, {
        method: req.method,
        headers,
        body: ['GET', 'HEAD', 'OPTIONS'].includes(req.method) ? undefined : body,
      });
      const out = Buffer.from(await answer.arrayBuffer());
      const passed = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'keep-alive'].includes(name)) passed[name] = value;
      });
      res.writeHead(answer.status, passed);
      res.end(out);
    } catch (error) {
      res.writeHead(502, { 'Content-Type': 'application/json', ...CORS });
      res.end(JSON.stringify({ error: String(error) }));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
