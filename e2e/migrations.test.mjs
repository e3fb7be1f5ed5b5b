// PocketBase's migrations (server/pocketbase/pb_migrations), from an empty
// data dir: all of them up, the peer space's back down and up again, and all
// of them down and up again. The team's rules (1764300000) own
// `people.moderator`; the peer space's (1764400000) read it and leave it.
// The schema is read from the data dir itself: `serve` would apply what was
// reverted at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BINARY, MIGRATIONS } from '../server/pocketbase/pocketbase.mjs';

/** Runs `pocketbase migrate ...args` in `dir`, saying yes when it asks; its output. */
function migrate(dir, ...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(BINARY, ['migrate', ...args, '--dir', dir, '--migrationsDir', MIGRATIONS], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.stdin.end('y\n');
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`migrate ${args.join(' ')}: exit ${code}\n${output}`))));
  });
}

/** The migrations a `migrate` output names as applied or reverted, in its order. */
function named(output, verb) {
  return [...output.matchAll(new RegExp(`${verb} (\\S+\\.js)`, 'g'))].map((m) => m[1]);
}

/** Each collection in the data dir with its fields' names, read from PocketBase's own table. */
async function schema(dir) {
  const script = 'import json, sqlite3, sys\n' +
    'db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)\n' +
    'print(json.dumps({n: [f["name"] for f in json.loads(fs)] for n, fs in db.execute("SELECT name, fields FROM _collections")}))';
  const { stdout } = await promisify(execFile)('python3', ['-c', script, path.join(dir, 'data.db')]);
  return JSON.parse(stdout);
}

test('the migrations go up and down in order from an empty data dir', async () => {
  const all = (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.js')).sort();
  const peerSpace = all.filter((f) => f >= '1764400000');
  assert.deepEqual(peerSpace, ['1764400000_samspil_peer_space.js', '1764400001_samspil_erasures.js']);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samspil-migrations-'));
  try {
    assert.deepEqual(named(await migrate(dir, 'up'), 'Applied'), all);
    const full = await schema(dir);
    assert.ok(full.people.includes('moderator'), 'a leader appoints moderators');
    assert.ok(full.users.includes('teams') && full.users.includes('contacts'), 'the read lists');
    for (const c of ['peerNames', 'posts', 'helped', 'reports', 'moderations', 'erasures', 'samspilSecrets']) assert.ok(full[c], c);

    assert.deepEqual(named(await migrate(dir, 'down', String(peerSpace.length)), 'Reverted'), [...peerSpace].reverse());
    const team = await schema(dir);
    assert.ok(team.people.includes('moderator'), 'the team\'s rules keep the moderator flag');
    for (const c of ['peerNames', 'posts', 'erasures', 'samspilSecrets']) assert.equal(team[c], undefined, `${c} is gone`);
    assert.deepEqual(named(await migrate(dir, 'up'), 'Applied'), peerSpace);

    assert.deepEqual(named(await migrate(dir, 'down', String(all.length)), 'Reverted'), [...all].reverse());
    const empty = await schema(dir);
    for (const c of ['people', 'goals', 'posts']) assert.equal(empty[c], undefined, `${c} is gone`);
    assert.deepEqual(named(await migrate(dir, 'up'), 'Applied'), all);
    assert.deepEqual(await schema(dir), full, 'the same schema again');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
