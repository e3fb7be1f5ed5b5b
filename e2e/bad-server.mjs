// A real HTTP server on 127.0.0.1 that answers every request badly, in the
// way its current mode says: the network's bad days, for the app to survive.
// It sends CORS headers like json-server does, so that what the app sees is
// the bad answer itself and not a blocked request.
import { createServer } from 'node:http';

/** A person record as the contract describes it, with a readable id. */
export function person(id, name, extra = {}) {
  return {
    id,
    clientId: `client-${id}`,
    version: 1,
    updatedAt: '2026-11-01T10:00:00Z',
    updatedBy: id,
    deleted: false,
    name,
    role: 'pupil',
    organisation: 'Nordskolen',
    ...extra,
  };
}

/**
 * Each mode and what it answers to every GET, POST and PATCH.
 * `records`: a list where some entries are not valid people.
 */
const MODES = {
  'status-500': (res) => send(res, 500, 'application/json', '{"error":"internal"}'),
  'status-401': (res) => send(res, 401, 'application/json', '{"error":"who are you?"}'),
  html: (res) => send(res, 200, 'text/html', '<!doctype html><html><body><h1>Welcome to the captive portal</h1></body></html>'),
  malformed: (res) => send(res, 200, 'application/json', '[{"id": "p1", "name": "Ida", '),
  // Over the app's 32 MiB limit, with an honest Content-Length.
  huge: (res) => {
    const size = 40 * 1024 * 1024;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': size, ...CORS });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 40; i++) res.write(chunk);
    res.end();
  },
  // Accepts the request and never answers.
  timeout: () => {},
  records: (res, req, state) => {
    const collection = new URL(req.url, 'http://x').pathname.split('/')[1];
    if (req.method !== 'GET') return send(res, 201, 'application/json', req.body || '{}');
    send(res, 200, 'application/json', JSON.stringify(collection === 'people' ? state.people : []));
  },
};

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, If-Match, Authorization',
  'Access-Control-Expose-Headers': 'ETag',
};

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, ...CORS });
  res.end(body);
}

/**
 * @param {{mode?: string, people?: unknown[]}} [opts]
 * @returns {Promise<{url: string, setMode: (m: string) => void, setPeople: (p: unknown[]) => void, requests: () => number, close: () => Promise<void>}>}
 */
export async function startBadServer({ mode = 'status-500', people = [] } = {}) {
  const state = { mode, people, requests: 0 };
  const hanging = new Set();
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      return res.end();
    }
    state.requests += 1;
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      req.body = body;
      if (state.mode === 'timeout') hanging.add(res);
      MODES[state.mode](res, req, state);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    setMode: (m) => {
      if (!MODES[m]) throw new Error(`unknown mode ${m}`);
      state.mode = m;
    },
    /** Replaces the people listed in mode `records`. */
    setPeople: (people) => {
      state.people = people;
    },
    requests: () => state.requests,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
