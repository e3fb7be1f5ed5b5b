// How long PocketBase takes to answer a list under Samspil's read rules, with
// more data than the demo: PUPILS pupils (default 200), each with a teacher
// (one of 20), a coach (one of 20) and a parent, 2 goals and 40 check-ins,
// and in the peer space a pseudonym, 2 approved posts and a "this helped me"
// mark on another pupil's post (the first teacher moderates). Prints the
// median of 3 requests per list for a teacher who moderates, a pupil and a
// leader. `--before` also measures the team's rules before migration
// 1764300000 (joins with `members`), on the same data: one request each,
// which PocketBase stops after 15 s (it cannot answer some of them in time).
//
//   node server/pocketbase/bench-reads.mjs [--pupils N] [--before]
//
// A benchmark, not a test: it prints figures and asserts nothing.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BINARY, HOOKS, MIGRATIONS, SUPERUSER, DEMO_PASSWORD, demoEmail, seed } from './pocketbase.mjs';
import { freePort } from '../free-port.mjs';

const run = promisify(execFile);
const args = process.argv.slice(2);
const PUPILS = Number(args[args.indexOf('--pupils') + 1] ?? 200) || 200;
const BEFORE = args.includes('--before');
const STAFF = 20;
const LISTS = ['people', 'members', 'goals', 'checkins'];
/** The peer space's lists (measured under the current rules only: they came after 1764300000). */
const PEER_LISTS = ['peerNames', 'posts', 'helped', 'moderations'];
const WHO = ['teacher-t0', 'pupil-p0', 'leader-x'];

/** The data set: ids whose demo emails differ (t0@…, p0@…, x@…). */
function data() {
  const meta = (id) => ({ id, clientId: id, version: 1, updatedAt: '2026-11-01T00:00:00Z', updatedBy: '', deleted: false });
  const d = { people: [], members: [], goals: [], checkins: [] };
  for (let t = 0; t < STAFF; t++) {
    d.people.push({ ...meta(`teacher-t${t}`), name: `Teacher ${t}`, role: 'teacher', organisation: '' });
    d.people.push({ ...meta(`coach-c${t}`), name: `Coach ${t}`, role: 'coach', organisation: '' });
  }
  d.people.push({ ...meta('leader-x'), name: 'Leader', role: 'leader', organisation: '' });
  for (let p = 0; p < PUPILS; p++) {
    const pupil = `pupil-p${p}`;
    d.people.push({ ...meta(pupil), name: `Pupil ${p}`, role: 'pupil', organisation: '' });
    d.people.push({ ...meta(`parent-f${p}`), name: `Parent ${p}`, role: 'parent', organisation: '' });
    for (const who of [`teacher-t${p % STAFF}`, `coach-c${(p * 7) % STAFF}`, `parent-f${p}`]) {
      d.members.push({ ...meta(`member-${p}-${who}`), pupilId: pupil, personId: who, since: '2026-08-01' });
    }
    for (let g = 0; g < 2; g++) {
      const goal = `goal-${p}-${g}`;
      d.goals.push({ ...meta(goal), pupilId: pupil, revision: 1, content: { title: 'A goal' }, proposedBy: pupil, proposedOn: '2026-09-01', history: [], ended: null });
      for (let c = 0; c < 20; c++) {
        d.checkins.push({ ...meta(`checkin-${p}-${g}-${c}`), goalId: goal, pupilId: pupil, personId: pupil, on: '2026-09-02', gas: 0, note: '' });
      }
    }
  }
  return d;
}

/** The peer space of the same pupils: a pseudonym, 2 posts approved by the first teacher, a mark on the next pupil's post. */
function peerSpace() {
  const meta = (id, by) => ({ id, clientId: id, version: 1, updatedAt: '2026-11-01T00:00:00Z', updatedBy: by, deleted: false });
  const d = { peerNames: [], posts: [], helped: [], moderations: [] };
  for (let p = 0; p < PUPILS; p++) {
    const pupil = `pupil-p${p}`;
    d.peerNames.push({ ...meta(`peername-${p}`, pupil), personId: pupil, pseudonym: `Owl ${p}` });
    for (let k = 0; k < 2; k++) {
      const post = `post-${p}-${k}`;
      d.posts.push({ ...meta(post, pupil), personId: pupil, topic: 'school', kind: 'tip', text: 'Read the task twice.', on: '2026-11-01' });
      d.moderations.push({ ...meta(`moderation-${p}-${k}`, 'teacher-t0'), postId: post, personId: 'teacher-t0', decision: 'approve', reason: '', at: '2026-11-01T10:00:00Z' });
    }
    d.helped.push({ ...meta(`helped-${p}`, pupil), postId: `post-${(p + 1) % PUPILS}-0`, personId: pupil });
  }
  return d;
}

const BEFORE_TIMEOUT_S = 15;

async function serve(dir, migrations, hooks, port) {
  const extra = hooks ? ['--hooksDir', hooks, '--hooksWatch=false'] : ['--queryTimeout', String(BEFORE_TIMEOUT_S)];
  const child = spawn(BINARY, ['serve', '--http', `127.0.0.1:${port}`, '--dir', dir, '--migrationsDir', migrations, '--automigrate=false', ...extra], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      if (i > 300) throw new Error('PocketBase did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => new Promise((r) => child.once('exit', r).kill());
  return { url, stop };
}

async function login(url, identity, password, collection = 'users') {
  const res = await fetch(`${url}/api/collections/${collection}/auth-with-password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identity, password }),
  });
  if (!res.ok) throw new Error(`login ${identity}: HTTP ${res.status}`);
  return (await res.json()).token;
}

/** Median time (ms) of `reps` lists of each collection for each person. */
async function measure(url, reps, lists) {
  const rows = [];
  for (const who of WHO) {
    const token = await login(url, demoEmail(who), DEMO_PASSWORD);
    for (const list of lists) {
      const times = [];
      let items = '?';
      for (let i = 0; i < reps; i++) {
        const started = performance.now();
        const res = await fetch(`${url}/api/collections/${list}/records?perPage=500&sort=id`, { headers: { Authorization: token } });
        const body = await res.json();
        times.push(performance.now() - started);
        items = res.ok ? body.totalItems : `HTTP ${res.status}`;
      }
      times.sort((a, b) => a - b);
      const ms = Math.round(times[Math.floor(reps / 2)]);
      rows.push({ who, list, items, ms: typeof items === 'number' ? ms : `${ms} (${items}: timed out)` });
    }
  }
  return rows;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'samspil-bench-reads-'));
try {
  // The rules before 1764300000: the migrations that sort before it.
  const before = path.join(work, 'migrations-before');
  await cp(MIGRATIONS, before, { recursive: true });
  for (const name of await readdir(before)) if (name >= '1764300000') await rm(path.join(before, name));
  const dir = path.join(work, 'before');
  const common = ['--dir', dir, '--migrationsDir', before];
  await run(BINARY, ['migrate', 'up', ...common]);
  await run(BINARY, ['superuser', 'upsert', SUPERUSER.email, SUPERUSER.password, ...common]);
  const set = data();
  let pb = await serve(dir, before, null, await freePort());
  const started = Date.now();
  await seed(pb.url, await login(pb.url, SUPERUSER.email, SUPERUSER.password, '_superusers'), set, {
    accounts: set.people.filter((p) => WHO.includes(p.id)),
  });
  console.log(`seeded ${Object.values(set).reduce((n, l) => n + l.length, 0)} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const results = {};
  if (BEFORE) results.before = await measure(pb.url, 1, LISTS);
  await pb.stop();
  // The same data under the current rules and hooks.
  const now = path.join(work, 'now');
  await cp(dir, now, { recursive: true });
  await run(BINARY, ['migrate', 'up', '--dir', now, '--migrationsDir', MIGRATIONS]);
  pb = await serve(now, MIGRATIONS, HOOKS, await freePort());
  const peer = peerSpace();
  const peerStarted = Date.now();
  const superuser = await login(pb.url, SUPERUSER.email, SUPERUSER.password, '_superusers');
  // The first teacher moderates (a field the rules before 1764300000 did not have).
  const appointed = await fetch(`${pb.url}/api/collections/people/records/teacher-t0`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: superuser },
    body: JSON.stringify({ moderator: true, version: 2 }),
  });
  if (!appointed.ok) throw new Error(`appointing the moderator: HTTP ${appointed.status}`);
  await seed(pb.url, superuser, peer, { accounts: [] });
  console.log(`seeded ${Object.values(peer).reduce((n, l) => n + l.length, 0)} peer-space records in ${((Date.now() - peerStarted) / 1000).toFixed(1)} s`);
  results.now = await measure(pb.url, 3, LISTS);
  const peerRows = await measure(pb.url, 3, PEER_LISTS);
  await pb.stop();
  console.log(`\n${PUPILS} pupils, ${set.people.length} people, ${set.members.length} members, ${set.checkins.length} check-ins, ` +
    `${peer.posts.length} posts; one page of 500, ms (now: median of 3):\n`);
  console.log(['who', 'list', 'items', ...Object.keys(results).map((k) => `${k} ms`)].join('\t'));
  results.now.forEach((row, i) => {
    console.log([row.who, row.list, row.items, ...Object.values(results).map((r) => r[i].ms)].join('\t'));
  });
  for (const row of peerRows) console.log([row.who, row.list, row.items, ...(BEFORE ? ['—'] : []), row.ms].join('\t'));
} finally {
  await rm(work, { recursive: true, force: true });
}
