// Starts a real json-server 0.17.4 process on 127.0.0.1 for a test, with our
// middleware (server/occ.cjs: no lost updates, POST /_batch) unless `plain`,
// and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers.mjs';
import { freePort } from '../server/free-port.mjs';

export const COLLECTIONS = [
  'people', 'members', 'strengths', 'goals', 'agreements', 'checkins', 'comments',
  'peerNames', 'posts', 'helped', 'reports', 'moderations', 'erasures',
];

/**
 * @param {{data?: object, port?: number, plain?: boolean}} [opts] initial collections (missing ones
 *   start empty); `plain`: json-server as installed, without server/occ.cjs
 * @returns {Promise<{url: string, port: number, dbFile: string, get: (p: string) => Promise<any>, stop: () => Promise<void>, start: () => Promise<void>}>}
 */
export async function startJsonServer({ data = {}, port, plain = false } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samspil-json-server-'));
  const dbFile = path.join(dir, 'db.json');
  const db = Object.fromEntries(COLLECTIONS.map((c) => [c, data[c] ?? []]));
  await writeFile(dbFile, JSON.stringify(db, null, 2));
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child;
  const bin = path.join(ROOT, 'node_modules', '.bin', 'json-server');

  async function start() {
    // -m takes a list, so it must not come right before the database file.
    const middleware = plain ? [] : ['-m', path.join(ROOT, 'server', 'occ.cjs')];
    child = spawn(bin, [dbFile, ...middleware, '--host', '127.0.0.1', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const deadline = Date.now() + 15000;
    for (;;) {
      try {
        const res = await fetch(`${url}/people`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`json-server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function stop() {
    // A process killed by a signal keeps exitCode null (its signalCode is
    // set): waiting for its 'exit' again would wait for ever.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  async function get(p) {
    const res = await fetch(url + p);
    if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status}`);
    return res.json();
  }

  await start();
  return { url, port, dbFile, get, start, stop };
}
