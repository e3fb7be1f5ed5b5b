// Attacks on the PocketBase server by direct HTTP, as each demo role, and the
// legitimate path next to each (issue 13, "The server enforces the team's
// rules"). A real PocketBase 0.40.6 on a free port with Samspil's migrations
// and hooks (server/pocketbase/pocketbase.mjs), seeded with the demo data and
// one account per demo person. No browser: what the app does is beside the
// point here — someone with a token and curl must get no further than the
// app lets them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fingerprint } from './fingerprint.mjs';
import { startPocketBase, seed, demoEmail, DEMO_PASSWORD, COLLECTIONS, ROOT } from '../server/pocketbase/pocketbase.mjs';

const require = createRequire(import.meta.url);
/** The rules the hooks apply, run here in node as well (for the comparison with Rust). */
const rules = require('../server/pocketbase/pb_hooks/team_rules.js');

const EMMA = 'pupil-emma';
const NOAH = 'pupil-noah';
const METTE = 'teacher-mette'; // Emma's, Noah's and Freja's teacher
const JONAS = 'teacher-jonas'; // Oliver's, Yasmin's and Malthe's teacher
const SOFIE = 'coach-sofie'; // Emma's coach
const ALI = 'coach-ali'; // Noah's, Freja's and Oliver's coach: not Emma's
const KARIN = 'parent-karin'; // Emma's mother
const THOMAS = 'parent-thomas'; // Noah's father
const LARS = 'parent-lars'; // Malthe's father, who joined Malthe's team late
const LONE = 'leader-lone'; // the municipal leader: reads the anonymised report, in no team

const run = promisify(execFile);
const q = encodeURIComponent;

/** The demo data as `cargo run -p domain --example NAME` prints it. */
async function example(name, ...args) {
  const { stdout } = await run('cargo', ['run', '--quiet', '--offline', '-p', 'domain', '--example', name, '--', ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

let pb;
let pbDir;
let demo;
const tokens = {};
const today = new Date().toISOString().slice(0, 10);

/** A day `n` days from today. */
function day(n) {
  return new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
}

before(async () => {
  demo = await example('demo_json', today);
  pbDir = await mkdtemp(path.join(os.tmpdir(), 'samspil-attack-'));
  pb = await startPocketBase({ dir: pbDir });
  await seed(pb.url, await admin(), demo);
});

after(async () => {
  await pb?.stop();
  if (pbDir) await rm(pbDir, { recursive: true, force: true });
});

/** One request with `token` (none: anonymous); answers [status, body]. */
async function call(method, p, token, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = token;
  const res = await fetch(pb.url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return [res.status, json];
}

/**
 * The person's token, from one login kept for the whole run: logins are
 * limited to 30 a minute from one address, so only those used log in.
 */
async function tokenOf(person) {
  if (!person) return null;
  if (!tokens[person]) {
    const [status, body] = await call('POST', '/api/collections/users/auth-with-password', null, {
      identity: demoEmail(person),
      password: DEMO_PASSWORD,
    });
    assert.equal(status, 200, `login of ${person}`);
    tokens[person] = body.token;
  }
  return tokens[person];
}

/** Requests as one person (or anonymous with `null`). */
function as(person) {
  const records = (c) => `/api/collections/${c}/records`;
  const send = async (method, p, body) => call(method, p, await tokenOf(person), body);
  return {
    /** Every record of a collection this person may list, optionally filtered. */
    async list(c, filter) {
      const [status, body] = await send('GET', `${records(c)}?perPage=500${filter ? `&filter=${q(filter)}` : ''}`);
      assert.equal(status, 200, `list ${c}: ${JSON.stringify(body)}`);
      return body.items;
    },
    view: (c, id) => send('GET', `${records(c)}/${q(id)}`),
    create: (c, record) => send('POST', records(c), record),
    update: (c, id, record) => send('PATCH', `${records(c)}/${q(id)}`, record),
    remove: (c, id) => send('DELETE', `${records(c)}/${q(id)}`),
    raw: (method, p, body) => send(method, p, body),
  };
}

/** The stored record, as the server's owner sees it. */
async function stored(c, id) {
  const [status, body] = await call('GET', `/api/collections/${c}/records/${q(id)}`, await admin());
  return status === 200 ? body : null;
}

let adminToken;
async function admin() {
  adminToken ??= await pb.admin();
  return adminToken;
}

/** A change of `record` by `person` as the app sends it: the next version, stamped. */
function next(record, person, changes) {
  // As the app sends it: PocketBase's own fields and the id left out.
  const { collectionId, collectionName, updated, id, ...fields } = record;
  return { ...fields, ...changes, version: record.version + 1, updatedBy: person, updatedAt: new Date().toISOString() };
}

let serial = 0;
/** A fresh record id for this run. */
function fresh(kind) {
  serial += 1;
  return `attack-${kind}-${serial}`;
}

/** New-record bookkeeping by `person`. */
function meta(person, id) {
  return { id, clientId: id, version: 1, updatedAt: new Date().toISOString(), updatedBy: person, deleted: false };
}

function checkin(person, goal, extra = {}) {
  const id = fresh('checkin');
  return { ...meta(person, id), goalId: goal.id, pupilId: goal.pupilId, personId: person, on: today, gas: 0, note: 'a check-in', ...extra };
}

function comment(person, goalId, extra = {}) {
  const id = fresh('comment');
  return { ...meta(person, id), goalId, personId: person, on: today, text: 'a comment', encouragement: false, ...extra };
}

function content(title) {
  const levels = ['−2', '−1', '0', '+1', '+2'].map((l) => `${title} ${l}`);
  return { title, why: '', gas: { levels, current: 0 }, measure: null, contributions: [], reviewDate: day(60), strengthIds: [], weight: 1 };
}

const FP = (c) => c.repeat(64);

/** Asserts the answer is a refusal (4xx, not 429) and the stored record unchanged. */
function refused([status, body], what) {
  assert.ok([400, 403, 404].includes(status), `${what}: expected a refusal, got ${status} ${JSON.stringify(body)}`);
}

function allowed([status, body], what) {
  assert.equal(status, 200, `${what}: ${JSON.stringify(body)}`);
}

/** Emma's records in the demo data, collection by collection (people: those only in her team). */
function emmasRecords() {
  const goals = demo.goals.filter((g) => g.pupilId === EMMA).map((g) => g.id);
  return {
    people: [EMMA, KARIN],
    members: demo.members.filter((m) => m.pupilId === EMMA).map((m) => m.id),
    strengths: demo.strengths.filter((s) => s.pupilId === EMMA).map((s) => s.id),
    goals,
    agreements: demo.agreements.filter((a) => goals.includes(a.goalId)).map((a) => a.id),
    checkins: demo.checkins.filter((c) => c.pupilId === EMMA).map((c) => c.id),
    comments: demo.comments.filter((c) => goals.includes(c.goalId)).map((c) => c.id),
  };
}

describe('nobody outside a team reads it, by any request', () => {
  test('a coach of other teams gets none of Emma\'s records: lists, views, filters, id probing', async () => {
    const ali = as(ALI);
    const emmas = emmasRecords();
    let tries = 0;
    // The team's collections (the peer space, where pupils of every team meet, is e2e/attack-peer.test.mjs's).
    for (const collection of rules.COLLECTIONS) {
      const ids = emmas[collection];
      assert.ok(ids.length > 0, `Emma has ${collection}`);
      const all = await ali.list(collection);
      assert.ok(all.length > 0 || collection === 'members', `Ali has ${collection} of his own teams`);
      assert.deepEqual(all.filter((r) => ids.includes(r.id)), [], `${collection}: none of Emma's in Ali's list`);
      // A view by id answers as if the record did not exist (404); so does a filter, OR-ed or not.
      assert.equal((await ali.view(collection, 'no-such-record'))[0], 404);
      for (const id of ids) {
        const [status] = await ali.view(collection, id);
        assert.equal(status, 404, `${collection}/${id} looks missing`);
        assert.deepEqual(await ali.list(collection, `id = '${id}' || id != ''`).then((l) => l.filter((r) => r.id === id)), []);
        tries += 2;
      }
    }
    assert.ok(tries > 100, `${tries} tries`);
    // Joining other collections in a filter is for the server's owner only.
    const [joined] = await ali.raw('GET', `/api/collections/goals/records?filter=${q(`@collection.goals.pupilId ?= '${EMMA}'`)}`);
    assert.equal(joined, 403);
    // Sorting or filtering by what the rules read does not leak either.
    const sorted = await ali.list('checkins', `visibleTo != null || pupilId = '${EMMA}'`);
    assert.ok(sorted.every((c) => c.pupilId !== EMMA));
  });

  test('anonymous requests read nothing and write nothing', async () => {
    const nobody = as(null);
    for (const collection of COLLECTIONS) {
      assert.deepEqual(await nobody.list(collection), [], `${collection} is empty to a stranger`);
    }
    assert.equal((await nobody.view('goals', demo.goals[0].id))[0], 404);
    assert.equal((await nobody.view('people', EMMA))[0], 404);
    assert.deepEqual(await nobody.list('users'), []);
    const goal = demo.goals[0];
    refused(await nobody.create('checkins', checkin(goal.pupilId, goal)), 'an anonymous check-in');
    refused(await nobody.update('goals', goal.id, { version: goal.version + 1, updatedBy: '' }), 'an anonymous change');
    refused(await nobody.remove('goals', goal.id), 'an anonymous delete');
  });

  test('the leader reads no record of any pupil, only the adults she may make moderators', async () => {
    const lone = as(LONE);
    for (const collection of COLLECTIONS.filter((c) => c !== 'people')) {
      assert.deepEqual(await lone.list(collection), [], `the leader gets no ${collection}`);
    }
    const people = await lone.list('people');
    const roles = new Set(people.map((p) => p.role));
    assert.ok(people.some((p) => p.id === METTE) && people.some((p) => p.id === LONE));
    assert.ok(!roles.has('pupil') && !roles.has('parent'), `the leader sees no pupil or parent: ${[...roles]}`);
    assert.equal((await lone.view('people', EMMA))[0], 404);
  });

  test('accounts: nobody signs up, sees other accounts or moves their account to another person', async () => {
    const [signUp] = await as(null).create('users', { email: 'new@example.com', password: 'longpassword1', passwordConfirm: 'longpassword1', person: EMMA });
    assert.equal(signUp, 403);
    const [byMember] = await as(METTE).create('users', { email: 'new2@example.com', password: 'longpassword1', passwordConfirm: 'longpassword1', person: EMMA });
    assert.equal(byMember, 403);
    const mine = await as(EMMA).list('users');
    assert.deepEqual(mine.map((u) => u.person), [EMMA], 'Emma sees her own account only');
    const [moved] = await as(EMMA).update('users', mine[0].id, { person: NOAH });
    assert.equal(moved, 403);
    const [others] = await as(NOAH).view('users', mine[0].id);
    assert.equal(others, 404);
    // Many records at once (PocketBase's batch requests) are off.
    const [batch] = await as(EMMA).raw('POST', '/api/batch', { requests: [] });
    assert.equal(batch, 403);
  });
});

describe('authorship: every record is written by the signed-in person', () => {
  const emmaGoal = () => demo.goals.find((g) => g.id === 'goal-emma-calm');

  test('a parent cannot check in as the pupil; her own check-in is taken', async () => {
    const karin = as(KARIN);
    refused(await karin.create('checkins', checkin(EMMA, emmaGoal(), { updatedBy: KARIN })), 'a check-in in Emma\'s name');
    refused(await karin.create('checkins', checkin(KARIN, emmaGoal(), { personId: EMMA })), 'personId of the pupil');
    refused(await karin.create('checkins', checkin(KARIN, emmaGoal(), { updatedBy: EMMA })), 'updatedBy of the pupil');
    const own = checkin(KARIN, emmaGoal());
    allowed(await karin.create('checkins', own), 'her own check-in');
    assert.equal((await stored('checkins', own.id)).personId, KARIN);
  });

  test('a coach cannot comment as the teacher; his own comment is taken', async () => {
    const sofie = as(SOFIE);
    refused(await sofie.create('comments', comment(SOFIE, 'goal-emma-calm', { personId: METTE })), 'a comment in Mette\'s name');
    allowed(await sofie.create('comments', comment(SOFIE, 'goal-emma-calm')), 'her own comment');
  });

  test('an adult cannot write a strength "added and confirmed by the pupil"; a suggestion waits for the pupil', async () => {
    const mette = as(METTE);
    const strength = (extra) => ({ ...meta(METTE, fresh('strength')), pupilId: EMMA, kind: 'goodAt', text: 'Maps', circle: null, addedBy: METTE, confirmed: false, ...extra });
    refused(await mette.create('strengths', strength({ addedBy: EMMA, confirmed: true })), 'a strength in Emma\'s name');
    refused(await mette.create('strengths', strength({ confirmed: true })), 'an adult\'s strength confirmed');
    const suggestion = strength();
    allowed(await mette.create('strengths', suggestion), 'a suggestion');
    const saved = await stored('strengths', suggestion.id);
    refused(await mette.update('strengths', saved.id, next(saved, METTE, { confirmed: true })), 'the adult confirms');
    refused(await as(KARIN).update('strengths', saved.id, next(saved, KARIN, { confirmed: true })), 'the parent confirms');
    allowed(await as(EMMA).update('strengths', saved.id, next(saved, EMMA, { confirmed: true })), 'the pupil confirms');
    const confirmed = await stored('strengths', suggestion.id);
    refused(await mette.update('strengths', saved.id, next(confirmed, METTE, { text: 'Maps and atlases' })), 'an adult rewrites a confirmed strength');
    allowed(await as(EMMA).create('strengths', { ...strength({ addedBy: EMMA, confirmed: true }), updatedBy: EMMA }), 'the pupil\'s own, confirmed');
  });

  test('a goal is proposed, revised and ended in one\'s own name only', async () => {
    const mette = as(METTE);
    const goal = { ...meta(METTE, fresh('goal')), pupilId: EMMA, revision: 1, content: content('Forged'), proposedBy: EMMA, proposedOn: today, history: [], ended: null, fingerprint: fingerprint(content('Forged')) };
    refused(await mette.create('goals', goal), 'a goal proposed in Emma\'s name');
    allowed(await mette.create('goals', { ...goal, proposedBy: METTE }), 'a goal proposed by Mette');
    const saved = await stored('goals', goal.id);
    const ended = { outcome: 'stopped', reason: 'Too much at once', by: EMMA, on: today };
    refused(await mette.update('goals', goal.id, next(saved, METTE, { ended })), 'ended in Emma\'s name');
    allowed(await mette.update('goals', goal.id, next(saved, METTE, { ended: { ...ended, by: METTE } })), 'ended by Mette');
  });
});

describe('agreements: only by the person, only by a required member, only to the current wording', () => {
  const reading = () => demo.goals.find((g) => g.id === 'goal-emma-reading');
  const agreement = (person, goal, extra = {}) => ({
    ...meta(person, fresh('agreement')),
    goalId: goal.id,
    revision: goal.revision,
    personId: person,
    on: today,
    fingerprint: goal.fingerprint ?? '',
    ...extra,
  });

  test('a teacher cannot agree for the parent or the coach; the parent agrees herself', async () => {
    const goal = await stored('goals', reading().id);
    const waiting = rules.requiredAgreers(lookOf(demo), goal).filter((p) => !demo.agreements.some((a) => a.goalId === goal.id && a.revision === goal.revision && a.personId === p));
    assert.deepEqual(waiting.sort(), [SOFIE, KARIN].sort(), 'the demo goal waits for the coach and the parent');
    refused(await as(METTE).create('agreements', agreement(METTE, goal, { personId: KARIN })), 'Mette agrees for Karin');
    refused(await as(METTE).create('agreements', agreement(METTE, goal, { personId: SOFIE })), 'Mette agrees for Sofie');
    allowed(await as(KARIN).create('agreements', agreement(KARIN, goal)), 'Karin agrees herself');
  });

  test('agreement to an earlier revision, another wording, an ended goal or from outside the required members is refused', async () => {
    const goal = await stored('goals', reading().id);
    refused(await as(SOFIE).create('agreements', agreement(SOFIE, goal, { revision: goal.revision - 1 })), 'to the earlier revision');
    refused(await as(SOFIE).create('agreements', agreement(SOFIE, goal, { revision: goal.revision + 1 })), 'to a revision to come');
    refused(await as(SOFIE).create('agreements', agreement(SOFIE, goal, { fingerprint: FP('e') })), 'to another wording');
    refused(await as(ALI).create('agreements', agreement(ALI, goal)), 'from outside the team');
    refused(await as(LONE).create('agreements', agreement(LONE, goal)), 'from the leader');
    const ended = await stored('goals', 'goal-freja-ask-for-help');
    assert.ok(ended.ended, 'the demo goal has ended');
    refused(await as(ALI).create('agreements', agreement(ALI, ended)), 'to an ended goal');
    // Lars joined Malthe's team after this goal was proposed: it does not wait for him.
    const training = await stored('goals', 'goal-malthe-training');
    const since = demo.members.find((m) => m.pupilId === 'pupil-malthe' && m.personId === LARS).since;
    assert.ok(since > training.proposedOn);
    refused(await as(LARS).create('agreements', agreement(LARS, training)), 'from a member who joined later');
    allowed(await as(SOFIE).create('agreements', agreement(SOFIE, goal)), 'the coach agrees to the current wording');
  });

  test('agreements are not removed or rewritten by others; the person may take theirs back', async () => {
    const mine = demo.agreements.find((a) => a.goalId === 'goal-emma-calm' && a.personId === METTE);
    const saved = await stored('agreements', mine.id);
    refused(await as(KARIN).update('agreements', mine.id, next(saved, KARIN, { deleted: true })), 'Karin removes Mette\'s agreement');
    refused(await as(METTE).update('agreements', mine.id, next(saved, METTE, { revision: saved.revision + 1 })), 'Mette moves her agreement to another revision');
    refused(await as(METTE).update('agreements', mine.id, next(saved, METTE, { personId: KARIN })), 'Mette gives her agreement to Karin');
    const goal = await stored('goals', 'goal-emma-calm');
    const own = agreement(KARIN, goal);
    allowed(await as(KARIN).create('agreements', own), 'Karin agrees once more');
    allowed(await as(KARIN).update('agreements', own.id, next(await stored('agreements', own.id), KARIN, { deleted: true })), 'Karin takes hers back');
  });

  test('a goal\'s wording changes only as the next revision, with the old one kept; agreements follow the wording', async () => {
    const emma = as(EMMA);
    const goal = { ...meta(EMMA, fresh('goal')), pupilId: EMMA, revision: 1, content: content('Read aloud'), proposedBy: EMMA, proposedOn: today, history: [], ended: null, fingerprint: fingerprint(content('Read aloud')) };
    refused(await emma.create('goals', { ...goal, fingerprint: FP('a') }), 'a goal whose fingerprint is not its wording\'s');
    refused(await emma.create('goals', { ...goal, fingerprint: fingerprint(content('Other words')) }), 'a goal with the fingerprint of other words');
    allowed(await emma.create('goals', goal), 'Emma proposes');
    allowed(await emma.create('agreements', agreement(EMMA, goal)), 'and agrees');
    refused(await as(KARIN).create('agreements', agreement(KARIN, goal, { fingerprint: FP('b') })), 'an agreement to other words');
    allowed(await as(KARIN).create('agreements', agreement(KARIN, goal)), 'Karin agrees to these words');
    let saved = await stored('goals', goal.id);
    const mette = as(METTE);
    const newWords = content('Read aloud twice a week');
    const newPrint = fingerprint(newWords);
    refused(await mette.update('goals', goal.id, next(saved, METTE, { content: newWords })), 'new words, same revision');
    refused(await mette.update('goals', goal.id, next(saved, METTE, { content: newWords, revision: 2, fingerprint: newPrint })), 'new words, the old ones lost');
    const history = [{ revision: 1, content: saved.content, proposedBy: EMMA, proposedOn: today }];
    refused(await mette.update('goals', goal.id, next(saved, METTE, { content: newWords, revision: 2, history, proposedBy: EMMA, fingerprint: newPrint })), 'a revision in Emma\'s name');
    refused(await mette.update('goals', goal.id, next(saved, METTE, { content: newWords, revision: 2, history, proposedBy: METTE, fingerprint: goal.fingerprint })), 'new words, the old fingerprint');
    refused(await mette.update('goals', goal.id, next(saved, METTE, { content: newWords, revision: 3, history, proposedBy: METTE, fingerprint: newPrint })), 'a revision skipped');
    refused(await mette.update('goals', goal.id, next(saved, METTE, { revision: 0 })), 'the revision lowered');
    refused(await mette.update('goals', goal.id, next(saved, METTE, { fingerprint: FP('d') })), 'a new fingerprint for the same words');
    refused(await mette.update('goals', goal.id, next(saved, METTE, { content: newWords, revision: 2, history, proposedBy: METTE, proposedOn: today, fingerprint: FP('c') })), 'the next revision with a forged fingerprint');
    allowed(await mette.update('goals', goal.id, next(saved, METTE, { content: newWords, revision: 2, history, proposedBy: METTE, proposedOn: today, fingerprint: newPrint })), 'the next revision');
    saved = await stored('goals', goal.id);
    refused(await as(KARIN).create('agreements', agreement(KARIN, { ...saved, revision: 1, fingerprint: goal.fingerprint })), 'an agreement to the old words');
    allowed(await as(KARIN).create('agreements', agreement(KARIN, saved)), 'an agreement to the new words');
    assert.equal(saved.fingerprint, newPrint, 'the stored fingerprint is the new wording\'s');
  });
});

describe('nobody changes or removes what others wrote', () => {
  test('a parent cannot rewrite the pupil\'s check-in; the pupil can', async () => {
    const goal = demo.goals.find((g) => g.id === 'goal-emma-calm');
    const own = checkin(EMMA, goal, { note: 'My own words' });
    allowed(await as(EMMA).create('checkins', own), 'Emma checks in');
    const saved = await stored('checkins', own.id);
    refused(await as(KARIN).update('checkins', own.id, next(saved, KARIN, { note: 'Better words' })), 'Karin rewrites it');
    refused(await as(KARIN).update('checkins', own.id, next(saved, KARIN, { deleted: true })), 'Karin removes it');
    refused(await as(METTE).update('checkins', own.id, next(saved, METTE, { personId: METTE })), 'Mette takes it over');
    allowed(await as(EMMA).update('checkins', own.id, next(saved, EMMA, { note: 'My own words, corrected' })), 'Emma corrects it');
    assert.equal((await stored('checkins', own.id)).note, 'My own words, corrected');
  });

  test('members cannot remove others\' goals, check-ins or comments; the author removes their own, for good', async () => {
    const goal = await stored('goals', 'goal-emma-calm');
    for (const person of [METTE, KARIN, SOFIE, EMMA]) {
      refused(await as(person).update('goals', goal.id, next(goal, person, { deleted: true })), `${person} removes a goal`);
    }
    const theirs = await stored('checkins', demo.checkins.find((c) => c.pupilId === EMMA && c.personId === SOFIE).id);
    refused(await as(KARIN).update('checkins', theirs.id, next(theirs, KARIN, { deleted: true })), 'Karin removes Sofie\'s check-in');
    const metteSays = await stored('comments', 'comment-emma-calm-1');
    refused(await as(SOFIE).update('comments', metteSays.id, next(metteSays, SOFIE, { deleted: true })), 'Sofie removes Mette\'s comment');
    refused(await as(SOFIE).update('comments', metteSays.id, next(metteSays, SOFIE, { text: 'Something else' })), 'Sofie rewrites Mette\'s comment');
    allowed(await as(METTE).update('comments', metteSays.id, next(metteSays, METTE, { deleted: true })), 'Mette removes her own comment');
    const gone = await stored('comments', metteSays.id);
    assert.equal(gone.deleted, true);
    refused(await as(METTE).update('comments', gone.id, next(gone, METTE, { deleted: false })), 'a removed comment brought back');
    refused(await as(METTE).update('comments', gone.id, next(gone, METTE, { text: 'Edited after removal' })), 'a removed comment edited');
    // Nobody deletes for real: erasure has its own route.
    for (const person of [METTE, EMMA, KARIN, LONE]) {
      assert.equal((await as(person).remove('comments', gone.id))[0], 403, `${person} deletes`);
      assert.equal((await as(person).remove('goals', goal.id))[0], 403, `${person} deletes a goal`);
    }
  });

  test('nobody changes an ended goal', async () => {
    const ended = await stored('goals', 'goal-freja-ask-for-help');
    for (const person of [METTE, 'pupil-freja', ALI]) {
      refused(await as(person).update('goals', ended.id, next(ended, person, { content: content('Changed after the end') })), `${person} changes an ended goal`);
      refused(await as(person).update('goals', ended.id, next(ended, person, { ended: null })), `${person} reopens it`);
    }
    refused(await as(ALI).create('checkins', checkin(ALI, ended)), 'a check-in on an ended goal');
  });
});

describe('membership follows domain::rules::may_add_member', () => {
  const member = (by, pupilId, personId, extra = {}) => ({ ...meta(by, fresh('member')), pupilId, personId, since: today, ...extra });

  test('members cannot add another pupil, another pupil\'s parent or the leader; they can add a coach', async () => {
    const mette = as(METTE);
    refused(await mette.create('members', member(METTE, EMMA, NOAH)), 'a pupil into another pupil\'s team');
    refused(await mette.create('members', member(METTE, EMMA, THOMAS)), 'a parent, not invited by the pupil');
    refused(await mette.create('members', member(METTE, EMMA, LONE)), 'the leader');
    refused(await mette.create('members', member(METTE, EMMA, SOFIE)), 'somebody already in the team');
    refused(await as(ALI).create('members', member(ALI, EMMA, ALI)), 'an outsider joins');
    const jonas = member(METTE, EMMA, JONAS);
    refused(await mette.create('members', { ...jonas, since: day(30) }), 'a member who joins in a month');
    refused(await mette.create('members', { ...jonas, since: day(-60) }), 'a member who joined two months ago');
    refused(await mette.create('members', { ...jonas, since: '2026-02-31' }), 'a day that does not exist');
    assert.equal((await as(JONAS).view('goals', 'goal-emma-calm'))[0], 404, 'Jonas is not in Emma\'s team yet');
    assert.equal((await as(JONAS).view('people', EMMA))[0], 404, 'nor reads her name');
    allowed(await mette.create('members', jonas), 'Mette adds Emma\'s new teacher');
    assert.equal((await as(JONAS).view('goals', 'goal-emma-calm'))[0], 200, 'Jonas reads Emma\'s goals now');
    assert.equal((await as(JONAS).view('people', KARIN))[0], 200, 'and the people in her team');
    const [jonasHears, metteHears] = await Promise.all([listen(JONAS, ['checkins/*']), listen(METTE, ['checkins/*'])]);
    try {
      const goal = demo.goals.find((g) => g.id === 'goal-emma-calm');
      const first = checkin(EMMA, goal);
      allowed(await as(EMMA).create('checkins', first), 'Emma checks in');
      await jonasHears.receives(first.id);
      // A parent does not take the teacher out; the pupil can.
      const added = await stored('members', jonas.id);
      refused(await as(KARIN).update('members', added.id, next(added, KARIN, { deleted: true })), 'Karin removes the teacher');
      refused(await as(SOFIE).update('members', added.id, next(added, SOFIE, { deleted: true })), 'Sofie removes the teacher');
      allowed(await as(EMMA).update('members', added.id, next(added, EMMA, { deleted: true })), 'Emma takes him out');
      assert.equal((await as(JONAS).view('goals', 'goal-emma-calm'))[0], 404, 'Jonas reads no more');
      assert.equal((await as(JONAS).view('people', KARIN))[0], 404, 'nor the people in her team');
      // Nor does his open realtime connection bring him anything more of hers;
      // a check-in of his own pupil's, sent after, arrives (events keep their order).
      const second = checkin(EMMA, goal);
      allowed(await as(EMMA).create('checkins', second), 'Emma checks in again');
      await metteHears.receives(second.id);
      const olivers = checkin(JONAS, demo.goals.find((g) => g.id === 'goal-oliver-calm'));
      allowed(await as(JONAS).create('checkins', olivers), 'Jonas checks in on Oliver\'s goal');
      await jonasHears.receives(olivers.id);
      assert.ok(!jonasHears.events.some((e) => e.id === second.id), 'Jonas got a check-in after he left');
    } finally {
      jonasHears.close();
      metteHears.close();
    }
  });

  test('nobody gathers a "team" around themselves with somebody else\'s pupil', async () => {
    refused(await as(KARIN).create('members', member(KARIN, KARIN, NOAH)), 'Karin\'s "team" with Noah in it');
    refused(await as(KARIN).create('members', member(KARIN, KARIN, JONAS)), 'Karin\'s "team" with Jonas in it');
    refused(await as(ALI).create('members', member(ALI, ALI, EMMA)), 'Ali\'s "team" with Emma in it');
    refused(await as(NOAH).create('members', member(NOAH, NOAH, EMMA)), 'Noah\'s team with Emma in it');
    assert.equal((await as(KARIN).view('people', NOAH))[0], 404, 'Karin reads nothing of Noah');
    assert.equal((await as(ALI).view('people', EMMA))[0], 404, 'Ali reads nothing of Emma');
    // The pupil invites a parent: that works.
    const mum = demo.members.find((m) => m.pupilId === EMMA && m.personId === KARIN);
    assert.ok(mum, 'Karin is in Emma\'s team');
  });

  test('`since` never moves: a member\'s agreement cannot be dropped by a later day', async () => {
    const sofie = await stored('members', demo.members.find((m) => m.pupilId === EMMA && m.personId === SOFIE).id);
    for (const person of [METTE, EMMA, SOFIE, KARIN]) {
      refused(await as(person).update('members', sofie.id, next(sofie, person, { since: day(365) })), `${person} moves since later`);
    }
    refused(await as(EMMA).update('members', sofie.id, next(sofie, EMMA, { personId: ALI })), 'the membership given to someone else');
    refused(await as(EMMA).update('members', sofie.id, next(sofie, EMMA, { pupilId: NOAH })), 'the membership moved to another team');
    assert.equal((await stored('members', sofie.id)).since, sofie.since);
  });

  test('the server\'s rule is domain::rules::may_add_member and may_remove_member, case by case', async () => {
    const table = await example('member_rules');
    const look = lookOf(table);
    assert.ok(table.additions.length > 1000 && table.removals.length > 50);
    const differ = table.additions.filter((c) => (rules.mayAddMember(look, c.pupilId, c.by, c.personId) ?? 'ok') !== c.result);
    assert.deepEqual(differ, [], 'additions decided differently');
    const removals = table.removals.filter((c) => {
      const m = table.members.find((x) => x.id === c.memberId);
      return (rules.mayRemoveMember(m, c.by) ?? 'ok') !== c.result;
    });
    assert.deepEqual(removals, [], 'removals decided differently');
    // Every outcome occurs, so no branch goes untested.
    const outcomes = new Set(table.additions.map((c) => c.result));
    for (const r of ['ok', 'NotAPupil', 'NotInTeam', 'AlreadyInTeam', 'PupilsAreNotMembers', 'LeadersAreNotMembers', 'OnlyPupilInvitesParent', 'NoSuchPerson']) {
      assert.ok(outcomes.has(r), r);
    }
  });
});

describe('roles, names and moderators', () => {
  test('a pupil cannot make herself a teacher; she can change her name', async () => {
    const emma = await stored('people', EMMA);
    refused(await as(EMMA).update('people', EMMA, next(emma, EMMA, { role: 'teacher' })), 'Emma makes herself a teacher');
    refused(await as(EMMA).update('people', EMMA, next(emma, EMMA, { moderator: true })), 'Emma makes herself a moderator');
    allowed(await as(EMMA).update('people', EMMA, next(emma, EMMA, { name: 'Emma B.' })), 'Emma changes her name');
  });

  test('a parent cannot make the teacher a leader; a coach cannot rename people of his own or other teams', async () => {
    const mette = await stored('people', METTE);
    refused(await as(KARIN).update('people', METTE, next(mette, KARIN, { role: 'leader' })), 'Karin makes Mette a leader');
    refused(await as(KARIN).update('people', METTE, next(mette, KARIN, { name: 'Someone' })), 'Karin renames Mette');
    const noah = await stored('people', NOAH);
    assert.equal((await as(SOFIE).update('people', NOAH, next(noah, SOFIE, { name: 'Renamed' })))[0], 404, 'Noah is not Sofie\'s to see');
    const emma = await stored('people', EMMA);
    refused(await as(SOFIE).update('people', EMMA, next(emma, SOFIE, { name: 'Renamed' })), 'Sofie renames Emma');
    refused(await as(METTE).create('people', { ...meta(METTE, fresh('person')), name: 'New', role: 'leader', organisation: '' }), 'Mette adds a leader');
  });

  test('only a leader appoints moderators, and only adults who work with young people', async () => {
    const mette = await stored('people', METTE);
    refused(await as(KARIN).update('people', METTE, next(mette, KARIN, { moderator: true })), 'a parent appoints');
    refused(await as(JONAS).update('people', JONAS, next(await stored('people', JONAS), JONAS, { moderator: false })), 'a moderator steps down alone');
    refused(await as(LONE).update('people', METTE, next(mette, LONE, { role: 'leader' })), 'the leader changes a role');
    assert.equal((await as(LONE).update('people', KARIN, next(await stored('people', KARIN), LONE, { moderator: true })))[0], 404, 'a parent is not the leader\'s to see');
    allowed(await as(LONE).update('people', METTE, next(mette, LONE, { moderator: true })), 'the leader appoints Mette');
    assert.equal((await stored('people', METTE)).moderator, true);
  });
});

/**
 * A realtime (SSE) connection subscribed to `topics` as `person` (null:
 * anonymous). `events` collects every record event that arrives.
 */
async function listen(person, topics) {
  const controller = new AbortController();
  const res = await fetch(`${pb.url}/api/realtime`, { signal: controller.signal });
  const events = [];
  const waiters = [];
  let clientId;
  let connected;
  const ready = new Promise((resolve) => (connected = resolve));
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = block.match(/^event:(.*)$/m)?.[1].trim();
          const data = JSON.parse(block.match(/^data:(.*)$/m)?.[1] ?? 'null');
          if (name === 'PB_CONNECT') {
            clientId = data.clientId;
            connected();
          } else if (data?.record) {
            events.push(data.record);
            for (const w of waiters.splice(0)) w();
          }
        }
      }
    } catch {
      // closed
    }
  })();
  await ready;
  const [status, body] = await call('POST', '/api/realtime', await tokenOf(person), { clientId, subscriptions: topics });
  assert.equal(status, 204, `subscribe: ${JSON.stringify(body)}`);
  return {
    events,
    /** Resolves once an event for record `id` arrived; fails after 10 s. */
    async receives(id) {
      const deadline = Date.now() + 10000;
      while (!events.some((e) => e.id === id)) {
        if (Date.now() > deadline) assert.fail(`no realtime event for ${id} within 10 s`);
        await new Promise((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => controller.abort(),
  };
}

describe('visibleTo: what the pupil keeps to chosen members', () => {
  const goal = () => demo.goals.find((g) => g.id === 'goal-emma-calm');

  test('an item kept from the parent is not served to her by list, view, filter or realtime', async () => {
    const topics = ['checkins/*', 'comments/*'];
    const [karin, sofie, mette, nobody] = await Promise.all([listen(KARIN, topics), listen(SOFIE, topics), listen(METTE, topics), listen(null, topics)]);
    try {
      const kept = checkin(EMMA, goal(), { note: 'Only Mette may know', visibleTo: [METTE] });
      const keptComment = comment(EMMA, goal().id, { text: 'Only Mette may read this', visibleTo: [METTE] });
      const shared = checkin(EMMA, goal(), { note: 'For everyone' });
      allowed(await as(EMMA).create('checkins', kept), 'Emma keeps a check-in to Mette');
      allowed(await as(EMMA).create('comments', keptComment), 'and a comment');
      allowed(await as(EMMA).create('checkins', shared), 'and shares one with everyone');
      for (const [name, who] of [['Karin', KARIN], ['Sofie', SOFIE]]) {
        assert.equal((await as(who).view('checkins', kept.id))[0], 404, `${name} views the kept check-in`);
        assert.equal((await as(who).view('comments', keptComment.id))[0], 404, `${name} views the kept comment`);
        const list = await as(who).list('checkins', `id = '${kept.id}' || visibleTo != null || note ~ 'Mette'`);
        assert.deepEqual(list.filter((c) => c.id === kept.id), [], `${name}'s filtered list`);
        assert.ok((await as(who).list('comments')).every((c) => c.id !== keptComment.id), `${name}'s comments`);
        assert.equal((await as(who).view('checkins', shared.id))[0], 200, `${name} views the shared one`);
      }
      assert.equal((await as(METTE).view('checkins', kept.id))[0], 200, 'Mette, chosen, reads it');
      assert.equal((await as(EMMA).view('checkins', kept.id))[0], 200, 'Emma reads her own');
      // Realtime: Mette gets all three; Karin, Sofie and a stranger only what they may see.
      await mette.receives(kept.id);
      await mette.receives(keptComment.id);
      await mette.receives(shared.id);
      await karin.receives(shared.id);
      await sofie.receives(shared.id);
      for (const [name, client] of [['Karin', karin], ['Sofie', sofie], ['a stranger', nobody]]) {
        const got = client.events.map((e) => e.id);
        assert.ok(!got.includes(kept.id) && !got.includes(keptComment.id), `${name} got a kept item in realtime: ${got}`);
      }
      assert.deepEqual(nobody.events, [], 'a stranger gets nothing');
    } finally {
      for (const c of [karin, sofie, mette, nobody]) c.close();
    }
  });

  test('only the pupil sets or changes visibleTo, only on her own items, only to members of her team', async () => {
    const hidden = await stored('comments', 'comment-emma-calm-2');
    assert.deepEqual(hidden.visibleTo.sort(), [KARIN, METTE].sort(), 'the demo comment is kept to Mette and Karin');
    refused(await as(KARIN).update('comments', hidden.id, next(hidden, KARIN, { visibleTo: null })), 'Karin opens it to everyone');
    assert.equal((await as(SOFIE).update('comments', hidden.id, next(hidden, SOFIE, { visibleTo: [SOFIE] })))[0], 404, 'Sofie lets herself in');
    refused(await as(METTE).create('checkins', checkin(METTE, goal(), { visibleTo: [KARIN] })), 'an adult keeps a check-in to a few');
    refused(await as(METTE).create('comments', comment(METTE, goal().id, { visibleTo: [] })), 'an adult keeps a comment to the pupil');
    const adults = checkin(SOFIE, goal());
    allowed(await as(SOFIE).create('checkins', adults), 'Sofie checks in');
    refused(await as(SOFIE).update('checkins', adults.id, next(await stored('checkins', adults.id), SOFIE, { visibleTo: [METTE] })), 'Sofie keeps hers to Mette later');
    refused(await as(EMMA).create('checkins', checkin(EMMA, goal(), { visibleTo: [ALI] })), 'Emma lists someone outside her team');
    refused(await as(EMMA).create('checkins', checkin(EMMA, goal(), { visibleTo: [METTE, METTE] })), 'the same member twice');
    refused(await as(EMMA).create('checkins', checkin(EMMA, goal(), { visibleTo: 'teacher-mette' })), 'not a list');
    allowed(await as(EMMA).update('comments', hidden.id, next(hidden, EMMA, { visibleTo: [METTE] })), 'Emma keeps it from Karin too');
    assert.equal((await as(KARIN).view('comments', hidden.id))[0], 404, 'Karin no longer reads it');
    allowed(await as(EMMA).create('checkins', checkin(EMMA, goal(), { visibleTo: [] })), 'Emma keeps one to herself');
  });
});

describe('versions, times and tombstones', () => {
  test('a new record has version 1 and every change exactly the next; 10^15 wedges nothing', async () => {
    const goal = demo.goals.find((g) => g.id === 'goal-emma-calm');
    const sofie = as(SOFIE);
    refused(await sofie.create('checkins', checkin(SOFIE, goal, { version: 2 })), 'created with version 2');
    refused(await sofie.create('checkins', checkin(SOFIE, goal, { version: 1e15 })), 'created with version 10^15');
    const own = checkin(SOFIE, goal);
    allowed(await sofie.create('checkins', own), 'created with version 1');
    const saved = await stored('checkins', own.id);
    refused(await sofie.update('checkins', own.id, { ...next(saved, SOFIE, { note: 'a' }), version: 1e15 }), 'version 10^15');
    refused(await sofie.update('checkins', own.id, { ...next(saved, SOFIE, { note: 'b' }), version: saved.version + 2 }), 'a version skipped');
    refused(await sofie.update('checkins', own.id, { ...next(saved, SOFIE, { note: 'c' }), version: saved.version }), 'the same version again');
    allowed(await sofie.update('checkins', own.id, next(saved, SOFIE, { note: 'd' })), 'the next version');
    assert.equal((await stored('checkins', own.id)).version, 2);
  });

  test('of eight concurrent changes based on one version exactly one is stored', async () => {
    const goal = demo.goals.find((g) => g.id === 'goal-emma-calm');
    const own = checkin(SOFIE, goal);
    allowed(await as(SOFIE).create('checkins', own), 'a check-in');
    const saved = await stored('checkins', own.id);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => as(SOFIE).update('checkins', own.id, next(saved, SOFIE, { note: `change ${i}` }))),
    );
    const statuses = answers.map(([status]) => status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, `statuses: ${statuses}`);
    assert.ok(statuses.every((s) => [200, 400, 404].includes(s)), `statuses: ${statuses}`);
    assert.equal((await stored('checkins', own.id)).version, 2);
  });

  test('the server stamps updatedAt with its own time: a stale or forged one is never stored', async () => {
    const goal = demo.goals.find((g) => g.id === 'goal-emma-calm');
    const own = { ...checkin(KARIN, goal), updatedAt: '2001-01-01T00:00:00Z' };
    const before = Date.now();
    allowed(await as(KARIN).create('checkins', own), 'a check-in with a stale time');
    const saved = await stored('checkins', own.id);
    const at = Date.parse(saved.updatedAt);
    assert.ok(at >= before - 5000 && at <= Date.now() + 5000, `stored updatedAt ${saved.updatedAt}`);
    allowed(await as(KARIN).update('checkins', own.id, { ...next(saved, KARIN, { note: 'later' }), updatedAt: '2999-01-01T00:00:00Z' }), 'a change from the future');
    assert.ok(Date.parse((await stored('checkins', own.id)).updatedAt) <= Date.now() + 5000);
  });
});

/** POST from another local address (the server sees each as a different client). */
function postFrom(address, p, body) {
  return new Promise((resolve, reject) => {
    const { port } = new URL(pb.url);
    const text = JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, path: p, method: 'POST', localAddress: address, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe('logins are limited', () => {
  const LOGIN = '/api/collections/users/auth-with-password';
  const login = (address, person, password = DEMO_PASSWORD) => postFrom(address, LOGIN, { identity: demoEmail(person), password });

  test('ten wrong passwords lock the account for a while, from any address; other accounts still log in', async () => {
    for (let i = 0; i < 10; i++) assert.equal(await login('127.0.0.2', 'pupil-freja', `wrong-${i}`), 400);
    assert.equal(await login('127.0.0.2', 'pupil-freja'), 429, 'the right password, too late');
    assert.equal(await login('127.0.0.3', 'pupil-freja'), 429, 'from another address as well');
    assert.equal(await login('127.0.0.3', 'pupil-oliver'), 200, 'another pupil logs in');
  });

  test('one address gets at most 30 logins a minute, right or wrong', async () => {
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push(await login('127.0.0.4', 'nobody-here', 'guess'));
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(400));
    assert.equal(statuses[30], 429);
    assert.equal(await login('127.0.0.4', 'pupil-yasmin'), 429, 'even with the right password');
    assert.equal(await login('127.0.0.5', 'pupil-yasmin'), 200, 'another address is not held up');
  });
});

/** Runs the operator's command against the test server; answers [exit code, output]. */
function accounts(args, stdin) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'server', 'pocketbase', 'accounts.mjs'), ...args], {
      env: { ...process.env, PB_URL: pb.url },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve([code, output]));
    child.stdin.end(stdin ?? '');
  });
}

describe('the server\'s owner', () => {
  test('what the owner stores, in any order, is read by the team at once', async () => {
    const goal = { ...meta(METTE, fresh('goal')), pupilId: EMMA, revision: 1, content: content('Stored by the owner'), proposedBy: METTE, proposedOn: today, history: [], ended: null, fingerprint: '' };
    const early = comment(METTE, goal.id, { text: 'Before its goal' });
    for (const [c, r] of [['comments', early], ['goals', goal]]) {
      const [status, body] = await call('POST', `/api/collections/${c}/records`, await admin(), r);
      assert.equal(status, 200, JSON.stringify(body));
    }
    assert.equal((await as(KARIN).view('comments', early.id))[0], 200, 'the team reads the comment made before its goal');
    assert.equal((await as(ALI).view('comments', early.id))[0], 404, 'nobody else does');
  });
});

describe('the operator makes accounts without the dashboard', () => {
  test('add a pupil and her account, list, change the password, remove', async () => {
    const email = 'ida@example.com';
    const [added, said] = await accounts(['add', '--email', email, '--person', 'pupil-ida', '--name', 'Ida', '--role', 'pupil', '--organisation', 'Nørrebro Skole', '--password-stdin'], 'ida-first-pass\n');
    assert.equal(added, 0, said);
    assert.match(said, /made the person pupil-ida: Ida \(pupil\)/);
    const [login] = await call('POST', '/api/collections/users/auth-with-password', null, { identity: email, password: 'ida-first-pass' });
    assert.equal(login, 200, 'Ida logs in');
    const [again, refusal] = await accounts(['add', '--email', 'ida2@example.com', '--person', 'pupil-ida', '--password-stdin'], 'another-pass\n');
    assert.equal(again, 1);
    assert.match(refusal, /pupil-ida has an account already: ida@example\.com/);
    const [unknown, why] = await accounts(['add', '--email', 'x@example.com', '--person', 'pupil-nobody']);
    assert.equal(unknown, 1);
    assert.match(why, /there is no person pupil-nobody: give --name and --role/);
    const [listed, list] = await accounts(['list']);
    assert.equal(listed, 0, list);
    assert.match(list, /ida@example\.com\tpupil-ida\tIda\tpupil/);
    assert.match(list, /emma@example\.com\tpupil-emma\tEmma/);
    const [changed, told] = await accounts(['password', '--email', email]);
    assert.equal(changed, 0, told);
    const made = told.match(/the password ([a-z0-9-]+) \(shown once/)?.[1];
    assert.ok(made && made.length >= 20, told);
    assert.equal((await call('POST', '/api/collections/users/auth-with-password', null, { identity: email, password: made }))[0], 200, 'the new password works');
    const [removed, gone] = await accounts(['remove', '--email', email]);
    assert.equal(removed, 0, gone);
    assert.ok(await stored('people', 'pupil-ida'), 'the person stays');
    assert.equal((await call('POST', '/api/collections/users/auth-with-password', null, { identity: email, password: made }))[0], 400, 'the account is gone');
  });
});

/** team_rules.js's view of a data set (the same questions the hooks ask the database). */
function lookOf(data) {
  return {
    person: (id) => data.people.find((p) => p.id === id) ?? null,
    members: (pupil) => data.members.filter((m) => m.pupilId === pupil),
    goal: (id) => data.goals?.find((g) => g.id === id) ?? null,
    today,
  };
}
