// The peer space, the effect report and erasure on a real PocketBase
// (server/pocketbase: migrations 17644000NN, pb_hooks/{peer,report,erasure}.pb.js),
// tried by direct HTTP with each demo role's own token — no app, no browser:
// - two pupils of different schools see each other's approved posts under
//   pseudonyms only: no list, view, answer, filter or realtime message gives
//   them the other's person id;
// - posts and replies waiting for a moderator, or hidden, reach only their
//   author and the moderators; only appointed moderators decide, in their
//   own name; reports reach the moderators and nobody else;
// - pupils write as themselves only, with the domain's checks (pseudonyms,
//   texts, replies, marks), versions up by exactly one, the server's clock;
// - a leader reads the anonymised report, the same numbers as the Rust
//   `domain::effect` on the same data, and no record of any pupil by any
//   request (every collection, views by id, filters, realtime);
// - erasure by the pupil, their parent or their teacher deletes exactly what
//   `domain::erasure::records_of_pupil` lists, leaves hashes only, and is
//   idempotent; everyone else is refused; nothing answers anonymous requests.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSeeded, listen, domainExample } from './pocketbase-seeded.mjs';
import { COLLECTIONS } from '../server/pocketbase/pocketbase.mjs';

const EMMA = 'pupil-emma';
const NOAH = 'pupil-noah';
const FREJA = 'pupil-freja';
const OLIVER = 'pupil-oliver';
const YASMIN = 'pupil-yasmin';
const MALTHE = 'pupil-malthe';
/** A pupil of another school (Skole B, in the report fixture), with an account of their own. */
const P6 = 'p6';
const METTE = 'teacher-mette';
const JONAS = 'teacher-jonas'; // moderator; teaches Oliver, Yasmin, Malthe
const SOFIE = 'coach-sofie'; // moderator; coaches Emma, Yasmin, Malthe
const ALI = 'coach-ali';
const KARIN = 'parent-karin'; // Emma's parent
const THOMAS = 'parent-thomas'; // Noah's parent
const LONE = 'leader-lone';
const ALIAS = /^pupil:[0-9a-f]{32}$/;

let server;
let tmp;
const q = encodeURIComponent;

before(async () => {
  server = await startSeeded({ fixture: true, fixtureAccounts: [P6] });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'samspil-attack-peer-'));
});
after(async () => {
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Every answer each person received, as text, for the "no id of another pupil" checks. */
const received = new Map();

/** A request as `who` (a person id, or null for none); returns {status, body, text}. */
async function as(who, method, p, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (who) headers.Authorization = await server.tokenOf(who);
  const res = await fetch(server.url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (who) received.set(who, (received.get(who) ?? '') + text);
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // empty or not JSON
  }
  return { status: res.status, body: parsed, text };
}

/** A superuser request (seeding-level access, to look behind the rules). */
const superuser = (method, p, body) => server.superuser(method, p, body);

const records = (c) => `/api/collections/${c}/records`;

/** Every record of a collection `who` may list (all pages). */
async function list(who, collection, query = '') {
  const { status, body, text } = await as(who, 'GET', `${records(collection)}?perPage=500${query}`);
  assert.equal(status, 200, `${who} lists ${collection}: ${text}`);
  return body.items;
}

const ids = (items) => items.map((r) => r.id);

/** Everything the server holds, as the Rust `Db` reads it (a list per collection). */
async function dump() {
  const db = {};
  for (const c of COLLECTIONS) {
    db[c] = [];
    for (let page = 1; ; page++) {
      const body = await superuser('GET', `${records(c)}?perPage=500&page=${page}&sort=id`);
      db[c].push(...body.items.map(({ collectionId, collectionName, updated, ...r }) => r));
      if (page >= body.totalPages) break;
    }
  }
  return db;
}

async function dumpFile(db) {
  const file = path.join(tmp, `db-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(db));
  return file;
}

/** The bookkeeping of a new record written by `by`. */
function fresh(id, by, fields) {
  return { id, clientId: id, version: 1, updatedAt: new Date().toISOString(), updatedBy: by, deleted: false, ...fields };
}

const today = () => server.today;
const newPost = (id, by, fields = {}) =>
  fresh(id, by, { personId: by, topic: 'school', kind: 'tip', text: 'Read the task twice before you start.', on: today(), ...fields });
const decision = (id, by, postId, choice = 'approve', fields = {}) =>
  fresh(id, by, { postId, personId: by, decision: choice, reason: choice === 'hide' ? 'Not for here.' : '', at: new Date().toISOString(), ...fields });

/** Every string anywhere in a JSON value. */
function strings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** Asserts that no answer `who` received names `person` (by id) or `name`. */
function neverReceived(who, person, name) {
  const text = received.get(who) ?? '';
  assert.ok(!text.includes(`"${person}"`), `${who} received ${person}'s id`);
  assert.ok(!new RegExp(`\\b${name}\\b`, 'i').test(text), `${who} received ${name}'s name`);
}

describe('the peer space, the report and erasure on PocketBase', () => {
  let emmaAsSeenByP6;
  let noahAsSeenByEmma;

  test('two pupils of different schools see each other\'s approved posts under pseudonyms only', async () => {
    const emmaLive = await listen(server.url, await server.tokenOf(EMMA), ['posts/*', 'peerNames/*', 'helped/*', 'moderations/*']);
    // The same pupil, asking the server to filter by the other's id: it must stay silent.
    const probe = await listen(server.url, await server.tokenOf(EMMA), [
      `posts/*?options=${q(JSON.stringify({ query: { filter: `personId = '${P6}'` } }))}`,
      'peerNames/*',
    ]);
    try {
      // The pupil of Skole B chooses a made-up name and writes a post.
      let r = await as(P6, 'POST', records('peerNames'), fresh('peername-night-owl', P6, { personId: P6, pseudonym: 'Night Owl' }));
      assert.equal(r.status, 200, r.text);
      r = await as(P6, 'POST', records('posts'), newPost('post-maths-tip', P6));
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.personId, P6, 'the author gets their own id back');

      // Waiting for a moderator: Emma gets nothing of it.
      assert.ok(!ids(await list(EMMA, 'posts')).includes('post-maths-tip'));
      assert.equal((await as(EMMA, 'GET', `${records('posts')}/post-maths-tip`)).status, 404);

      // A moderator from neither school approves it.
      r = await as(JONAS, 'POST', records('moderations'), decision('moderation-maths-tip', JONAS, 'post-maths-tip'));
      assert.equal(r.status, 200, r.text);

      const posts = await list(EMMA, 'posts');
      const post = posts.find((p) => p.id === 'post-maths-tip');
      assert.ok(post, 'Emma sees the approved post');
      assert.match(post.personId, ALIAS, 'under an alias, not the author\'s id');
      assert.equal(post.updatedBy, post.personId);
      assert.equal(post.text, 'Read the task twice before you start.');
      assert.ok(!('postId' in post), 'a post of its own has no postId');
      const names = await list(EMMA, 'peerNames');
      assert.equal(names.find((n) => n.personId === post.personId)?.pseudonym, 'Night Owl', 'the alias has the pseudonym');
      const viewed = await as(EMMA, 'GET', `${records('posts')}/post-maths-tip`);
      assert.equal(viewed.status, 200);
      assert.equal(viewed.body.personId, post.personId, 'a view gives the same alias');
      const mine = posts.find((p) => p.id === 'post-split-homework');
      assert.equal(mine.personId, EMMA, 'Emma\'s own post comes with her id');
      noahAsSeenByEmma = posts.find((p) => p.id === 'post-first-match').personId;
      assert.match(noahAsSeenByEmma, ALIAS);
      assert.notEqual(noahAsSeenByEmma, post.personId, 'each pupil has their own alias');

      // Realtime: the first message about the post is its approval, already under the alias.
      const message = await emmaLive.next((m) => m.topic === 'posts/*' && m.data.record.id === 'post-maths-tip');
      assert.equal(message.data.action, 'update', 'nothing was sent while it waited');
      assert.equal(message.data.record.personId, post.personId);

      // And the other way round: Emma's approved post reaches the other school under an alias.
      const theirs = await list(P6, 'posts');
      const emmas = theirs.find((p) => p.id === 'post-split-homework');
      assert.match(emmas.personId, ALIAS);
      emmaAsSeenByP6 = emmas.personId;
      assert.equal((await list(P6, 'peerNames')).find((n) => n.personId === emmas.personId)?.pseudonym, 'Comic Fox');
      assert.equal(theirs.find((p) => p.id === 'post-maths-tip').personId, P6);

      // Emma says it helped; the author sees the mark under Emma's alias.
      r = await as(EMMA, 'POST', records('helped'), fresh('helped-maths-tip-comic-fox', EMMA, { postId: 'post-maths-tip', personId: EMMA }));
      assert.equal(r.status, 200, r.text);
      const mark = (await list(P6, 'helped')).find((h) => h.id === 'helped-maths-tip-comic-fox');
      assert.equal(mark.personId, emmaAsSeenByP6);
      const decisions = await list(P6, 'moderations');
      assert.ok(decisions.every((m) => m.personId === 'moderator:any' || m.personId === P6), 'moderators under the moderator alias');

      // Asking the server about the author's id gets nothing: hidden fields are not filterable.
      for (const query of [`&filter=${q(`personId = '${P6}'`)}`, `&filter=${q(`updatedBy = '${P6}'`)}`, '&sort=personId', `&filter=${q(`personId ~ 'p'`)}`]) {
        const probed = await as(EMMA, 'GET', `${records('posts')}?perPage=500${query}`);
        assert.equal(probed.status, 400, `${query}: ${probed.text}`);
      }
      const picked = await as(EMMA, 'GET', `${records('posts')}/post-maths-tip?fields=personId,updatedBy`);
      assert.deepEqual(Object.values(picked.body), [post.personId, post.personId], 'fields= picks the alias too');
      // The filtered subscription stays silent; a later change it may see shows the server got that far.
      r = await as(P6, 'PATCH', `${records('peerNames')}/peername-night-owl`, { pseudonym: 'Night Owl Two', version: 2, updatedBy: P6 });
      assert.equal(r.status, 200, r.text);
      await probe.next((m) => m.topic === 'peerNames/*' && m.data.record.id === 'peername-night-owl');
      assert.deepEqual(probe.messages.filter((m) => m.topic.startsWith('posts')), [], 'no post matched a filter on the author');

      for (const m of [...emmaLive.messages, ...probe.messages]) received.set(EMMA, received.get(EMMA) + m.text);
      neverReceived(EMMA, P6, 'Pupil 6');
      neverReceived(P6, EMMA, 'Emma');
    } finally {
      emmaLive.close();
      probe.close();
    }
  });

  test('posts waiting for a moderator, or hidden, reach only their author and the moderators', async () => {
    const waiting = ['post-calm-before-test', 'post-first-match-reply'];
    const hidden = 'post-mean-words';
    for (const pupil of [NOAH, EMMA, P6]) {
      const seen = ids(await list(pupil, 'posts'));
      for (const id of [...waiting, hidden]) {
        assert.ok(!seen.includes(id), `${pupil} lists ${id}`);
        assert.equal((await as(pupil, 'GET', `${records('posts')}/${id}`)).status, 404, `${pupil} views ${id}`);
      }
      assert.ok(!ids(await list(pupil, 'moderations')).includes('moderation-mean-words'), 'nor why it was hidden');
    }
    const freja = await list(FREJA, 'posts');
    assert.equal(freja.find((p) => p.id === 'post-calm-before-test')?.personId, FREJA, 'the author sees her post waiting');
    const yasmin = await list(YASMIN, 'posts');
    assert.ok(ids(yasmin).includes('post-first-match-reply') && ids(yasmin).includes(hidden));
    const why = (await list(YASMIN, 'moderations')).find((m) => m.id === 'moderation-mean-words');
    assert.match(why.reason, /We do not name others here/, 'the author reads why it was hidden');
    for (const moderator of [JONAS, SOFIE]) {
      const all = ids(await list(moderator, 'posts'));
      for (const id of [...waiting, hidden, 'post-split-homework']) assert.ok(all.includes(id), `${moderator} sees ${id}`);
    }
    for (const adult of [METTE, ALI, KARIN, THOMAS, LONE]) {
      for (const c of ['posts', 'peerNames', 'helped', 'moderations', 'reports']) {
        assert.deepEqual(await list(adult, c), [], `${adult} reads no ${c}`);
      }
      assert.equal((await as(adult, 'GET', `${records('posts')}/post-split-homework`)).status, 404);
    }

    // The server's own fields cannot be set from outside.
    let r = await as(FREJA, 'PATCH', `${records('posts')}/post-calm-before-test`, { shown: true, approved: true, published: true, version: 2, updatedBy: FREJA });
    assert.equal(r.status, 200, 'a change of nothing the app writes is harmless');
    assert.ok(!ids(await list(NOAH, 'posts')).includes('post-calm-before-test'), 'still waiting for a moderator');
    r = await as(FREJA, 'PATCH', `${records('posts')}/post-calm-before-test`, { text: 'Something else', version: 3, updatedBy: FREJA });
    assert.equal(r.status, 400, 'a post\'s words never change after the moderator saw them');
    r = await as(NOAH, 'PATCH', `${records('posts')}/post-calm-before-test`, { deleted: true, version: 3, updatedBy: NOAH });
    assert.equal(r.status, 404, 'nobody else changes it');

    // Replies: only to a post the pupil sees, never to a reply, on its post's topic.
    const reply = (id, postId, fields) => newPost(id, NOAH, { postId, kind: 'experience', text: 'Same for me.', ...fields });
    for (const [postId, why] of [['post-calm-before-test', 'waiting'], [hidden, 'hidden'], ['post-split-homework-reply', 'a reply'], ['post-nowhere', 'missing']]) {
      r = await as(NOAH, 'POST', records('posts'), reply(`reply-${why.replace(' ', '-')}`, postId));
      assert.equal(r.status, 400, `a reply to a ${why} post: ${r.text}`);
    }
    r = await as(NOAH, 'POST', records('posts'), reply('reply-wrong-topic', 'post-split-homework', { topic: 'sport' }));
    assert.equal(r.status, 400, 'a reply takes its post\'s topic');
    r = await as(NOAH, 'POST', records('posts'), reply('reply-to-emma', 'post-split-homework'));
    assert.equal(r.status, 200, r.text);
    assert.ok(!ids(await list(EMMA, 'posts')).includes('reply-to-emma'), 'the reply waits for a moderator too');
    r = await as(SOFIE, 'POST', records('moderations'), decision('moderation-reply-to-emma', SOFIE, 'reply-to-emma'));
    assert.equal(r.status, 200, r.text);
    assert.equal((await list(EMMA, 'posts')).find((p) => p.id === 'reply-to-emma')?.personId, noahAsSeenByEmma);
  });

  test('only appointed moderators decide, in their own name', async () => {
    let r = await as(NOAH, 'POST', records('posts'), newPost('post-noah-question', NOAH, { kind: 'question', text: 'How do you remember homework?' }));
    assert.equal(r.status, 200, r.text);
    const started = new Date().toISOString();
    for (const who of [NOAH, EMMA, METTE, ALI, KARIN, THOMAS, LONE]) {
      r = await as(who, 'POST', records('moderations'), decision(`moderation-by-${who}`, who, 'post-noah-question'));
      assert.equal(r.status, 400, `${who} approves: ${r.text}`);
    }
    r = await as(JONAS, 'POST', records('moderations'), decision('moderation-as-sofie', SOFIE, 'post-noah-question'));
    assert.equal(r.status, 400, 'a moderator decides in their own name only');
    // Marked as moderators by the server's owner, a parent and a pupil still do not moderate.
    for (const [who, version] of [[KARIN, 2], [FREJA, 2]]) {
      await superuser('PATCH', `${records('people')}/${who}`, { moderator: true, version, updatedBy: who });
      r = await as(who, 'POST', records('moderations'), decision(`moderation-marked-${who}`, who, 'post-noah-question'));
      assert.equal(r.status, 400, `${who}, marked as moderator, approves: ${r.text}`);
      await superuser('PATCH', `${records('people')}/${who}`, { moderator: false, version: version + 1, updatedBy: who });
    }
    assert.ok(!ids(await list(EMMA, 'posts')).includes('post-noah-question'), 'still waiting');

    // The moderator's decision counts from the server's clock, not the phone's.
    r = await as(JONAS, 'POST', records('moderations'), decision('moderation-noah-question', JONAS, 'post-noah-question', 'approve', { at: '2000-01-01T00:00:00Z' }));
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.at >= started, `decided at ${r.body.at}`);
    assert.ok(ids(await list(EMMA, 'posts')).includes('post-noah-question'));
    assert.equal((await as(JONAS, 'PATCH', `${records('moderations')}/moderation-noah-question`, { decision: 'hide', version: 2, updatedBy: JONAS })).status, 403);
    assert.equal((await as(JONAS, 'DELETE', `${records('moderations')}/moderation-noah-question`)).status, 403);

    // The leader appoints and ends moderators herself, through the team's
    // rules on people (pb_hooks/team_rules.js): she reads the adults who may
    // moderate, and no pupil or parent.
    const appoint = async (who, moderator) => {
      const stored = await as(LONE, 'GET', `${records('people')}/${who}`);
      if (stored.status !== 200) return stored.status;
      return (await as(LONE, 'PATCH', `${records('people')}/${who}`, { moderator, version: stored.body.version + 1, updatedBy: LONE })).status;
    };
    for (const who of [FREJA, KARIN]) assert.equal(await appoint(who, true), 404, `the leader appoints ${who}`);
    assert.equal(await appoint(METTE, true), 200, 'the leader appoints Mette');
    r = await as(METTE, 'POST', records('moderations'), decision('moderation-mette-hides', METTE, 'post-noah-question', 'hide'));
    assert.equal(r.status, 200, `Mette, appointed, hides: ${r.text}`);
    assert.ok(!ids(await list(EMMA, 'posts')).includes('post-noah-question'), 'Mette\'s newer decision counts');
    assert.equal(await appoint(METTE, false), 200, 'the leader ends Mette\'s appointment');
    assert.ok(ids(await list(EMMA, 'posts')).includes('post-noah-question'), 'Mette\'s decision no longer counts');
    r = await as(METTE, 'POST', records('moderations'), decision('moderation-mette-again', METTE, 'post-noah-question', 'hide'));
    assert.equal(r.status, 400, 'nor does she decide any more');

    // When the leader ends Jonas's appointment, his decisions stop counting, and he reads nothing.
    assert.equal(await appoint(JONAS, false), 200);
    const shown = ids(await list(EMMA, 'posts'));
    assert.ok(!shown.includes('post-noah-question') && !shown.includes('post-meet-after-training'), 'his approvals no longer count');
    assert.deepEqual(await list(JONAS, 'posts'), []);
    assert.equal(await appoint(JONAS, true), 200);
    assert.ok(ids(await list(EMMA, 'posts')).includes('post-noah-question'));
  });

  test('reports reach the moderators and nobody else', async () => {
    const report = (id, by, postId) => fresh(id, by, { postId, personId: by, at: '2000-01-01T00:00:00Z' });
    let r = await as(NOAH, 'POST', records('reports'), report('report-noah-meet', NOAH, 'post-meet-after-training'));
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.at > '2000-01-01T00:00:00Z', 'the server\'s time');
    for (const [id, by, postId, why] of [
      ['report-again', NOAH, 'post-meet-after-training', 'twice'],
      ['report-own', NOAH, 'post-first-match', 'his own post'],
      ['report-waiting', NOAH, 'post-calm-before-test', 'a post waiting for a moderator'],
      ['report-as-emma', NOAH, 'post-maths-tip', 'in Emma\'s name'],
      ['report-by-mette', METTE, 'post-maths-tip', 'by a teacher'],
    ]) {
      const body = report(id, by, postId);
      if (why === 'in Emma\'s name') Object.assign(body, { personId: EMMA, updatedBy: EMMA });
      r = await as(by, 'POST', records('reports'), body);
      assert.equal(r.status, 400, `a report ${why}: ${r.text}`);
    }
    assert.equal((await list(NOAH, 'reports')).map((x) => x.personId).join(), NOAH, 'Noah reads his own report only');
    for (const moderator of [JONAS, SOFIE]) {
      const seen = await list(moderator, 'reports');
      const noahs = seen.find((x) => x.id === 'report-noah-meet');
      assert.match(noahs.personId, ALIAS, `${moderator} is not in Noah's team: an alias`);
    }
    // A moderator in the pupil's team knows the pupil anyway: the real id.
    const emmasPost = async (who) => (await list(who, 'posts')).find((p) => p.id === 'post-split-homework')?.personId;
    assert.equal(await emmasPost(SOFIE), EMMA, 'Sofie coaches Emma');
    assert.match(await emmasPost(JONAS), ALIAS, 'Jonas is not in Emma\'s team');
    for (const who of [OLIVER, EMMA, FREJA, P6, METTE, ALI, KARIN, LONE]) {
      assert.ok(!ids(await list(who, 'reports')).includes('report-noah-meet'), `${who} lists Noah's report`);
      assert.equal((await as(who, 'GET', `${records('reports')}/report-noah-meet`)).status, 404);
    }
    assert.equal((await as(NOAH, 'PATCH', `${records('reports')}/report-noah-meet`, { version: 2, updatedBy: NOAH })).status, 403);
  });

  test('pupils write as themselves, with the domain\'s checks, and versions go up by one', async () => {
    // Malthe has no made-up name yet: no post.
    let r = await as(MALTHE, 'POST', records('posts'), newPost('post-malthe', MALTHE));
    assert.equal(r.status, 400, r.text);
    const name = (pseudonym, fields = {}) => fresh(`peername-malthe-${pseudonym.length}`, MALTHE, { personId: MALTHE, pseudonym, ...fields });
    for (const [pseudonym, why] of [
      ['Malthe Star', 'his own name'], ['comic fox', 'taken by Emma'], ['Coach Ali', 'someone\'s name'], ['Star 12345', 'a phone number'],
      [' Map  Maker', 'not as the app stores it'], ['Yo', 'too short'],
    ]) {
      r = await as(MALTHE, 'POST', records('peerNames'), name(pseudonym));
      assert.equal(r.status, 400, `${why}: ${r.text}`);
    }
    r = await as(MALTHE, 'POST', records('peerNames'), name('Map Maker', { personId: NOAH, updatedBy: NOAH }));
    assert.equal(r.status, 400, 'in another pupil\'s name');
    r = await as(MALTHE, 'POST', records('peerNames'), fresh('peername-map-maker', MALTHE, { personId: MALTHE, pseudonym: 'Map Maker' }));
    assert.equal(r.status, 200, r.text);

    for (const [who, body, why] of [
      [METTE, newPost('post-mette', METTE), 'a teacher'],
      [KARIN, newPost('post-karin', KARIN), 'a parent'],
      [EMMA, { ...newPost('post-as-noah', NOAH) }, 'in another pupil\'s name'],
      [MALTHE, newPost('post-long', MALTHE, { text: 'x'.repeat(801) }), 'too long'],
      [MALTHE, newPost('post-bell', MALTHE, { text: 'bad\u0007bell' }), 'a control character'],
      [MALTHE, newPost('post-gossip', MALTHE, { topic: 'gossip' }), 'an unknown topic'],
      [MALTHE, newPost('post-v2', MALTHE, { version: 2 }), 'a version other than 1'],
      [MALTHE, newPost('post-gone', MALTHE, { deleted: true }), 'a tombstone'],
    ]) {
      r = await as(who, 'POST', records('posts'), body);
      assert.equal(r.status, 400, `${why}: ${r.text}`);
    }
    r = await as(MALTHE, 'POST', records('posts'), newPost('post-malthe', MALTHE, { shown: true, approved: true, updatedAt: '2000-01-01T00:00:00Z' }));
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.updatedAt > '2001', 'the server\'s clock stamps updatedAt');
    assert.ok(!ids(await list(NOAH, 'posts')).includes('post-malthe'), 'shown only once a moderator approves');

    const patch = (who, c, id, body) => as(who, 'PATCH', `${records(c)}/${id}`, { updatedBy: who, ...body });
    assert.equal((await patch(MALTHE, 'posts', 'post-malthe', { deleted: true, version: 3 })).status, 400, 'a version jump');
    assert.equal((await patch(MALTHE, 'posts', 'post-malthe', { deleted: true, version: 1 })).status, 400, 'an old version');
    assert.equal((await patch(MALTHE, 'posts', 'post-malthe', { personId: NOAH, version: 2 })).status, 400, 'another author');
    assert.equal((await patch(MALTHE, 'posts', 'post-malthe', { deleted: true, version: 2 })).status, 200);
    assert.equal((await patch(MALTHE, 'posts', 'post-malthe', { deleted: false, version: 3 })).status, 400, 'a removed post stays removed');
    assert.equal((await patch(MALTHE, 'posts', 'post-malthe', { deleted: true, version: 3 })).status, 400, 'nor changes at all');
    assert.equal((await patch(MALTHE, 'peerNames', 'peername-map-maker', { clientId: 'another-device', version: 2 })).status, 400, 'clientId');
    assert.equal((await patch(MALTHE, 'peerNames', 'peername-map-maker', { pseudonym: 'Map Maker 3', updatedBy: NOAH, version: 2 })).status, 400,
      'in another pupil\'s name');
    assert.equal((await patch(MALTHE, 'peerNames', 'peername-map-maker', { pseudonym: 'Rocket', version: 2 })).status, 400, 'Oliver\'s name');
    assert.equal((await patch(MALTHE, 'peerNames', 'peername-map-maker', { pseudonym: 'Map Maker 2', version: 2 })).status, 200);
    assert.equal((await patch(NOAH, 'peerNames', 'peername-map-maker', { pseudonym: 'Mine Now', version: 3 })).status, 404);

    // "This helped me": on approved posts of others, once.
    const mark = (id, postId) => fresh(id, NOAH, { postId, personId: NOAH });
    assert.equal((await as(NOAH, 'POST', records('helped'), mark('helped-again', 'post-split-homework'))).status, 400, 'twice');
    assert.equal((await as(NOAH, 'POST', records('helped'), mark('helped-own', 'post-first-match'))).status, 400, 'his own');
    assert.equal((await as(NOAH, 'POST', records('helped'), mark('helped-waiting', 'post-calm-before-test'))).status, 400, 'waiting');
    assert.equal((await as(NOAH, 'POST', records('helped'), mark('helped-noah-meet', 'post-meet-after-training'))).status, 200);
    assert.equal((await patch(EMMA, 'helped', 'helped-noah-meet', { deleted: true, version: 2 })).status, 404, 'not Emma\'s to take back');
    assert.equal((await patch(NOAH, 'helped', 'helped-noah-meet', { postId: 'post-maths-tip', version: 2 })).status, 400);
    assert.equal((await patch(NOAH, 'helped', 'helped-noah-meet', { deleted: true, version: 2 })).status, 200, 'taken back');
  });

  test('a leader reads the anonymised report, as the Rust computes it, and no pupil\'s record by any request', async () => {
    const pupils = (await dump()).people.filter((p) => p.role === 'pupil').map((p) => p.id);
    const leader = await listen(server.url, await server.tokenOf(LONE), [...COLLECTIONS.map((c) => `${c}/*`), 'users/*',
      `people/${EMMA}`, 'posts/post-maths-tip', 'moderations/moderation-noah-question']);
    try {
      const r = await as(LONE, 'GET', '/api/samspil/report');
      assert.equal(r.status, 200, r.text);
      const { on, ...report } = r.body;
      assert.match(on, /^\d{4}-\d{2}-\d{2}$/);
      assertSameReport(report, await domainExample('mirror', ['report', on, '--db', await dumpFile(await dump())]));
      assert.ok(report.all.pupils >= 10 && report.schools.shown.length >= 2 && report.clubs.hidden >= 1, JSON.stringify(report).slice(0, 300));
      for (const section of [report.schools, report.clubs, report.terms]) {
        for (const group of section.shown) {
          assert.ok(group.figures.pupils >= 5, 'no group under five pupils');
          assert.equal(group.figures.tNow !== null, group.figures.tPupils >= 5, 'no mean of fewer than five pupils');
        }
      }
      const reportText = JSON.stringify(report);
      for (const id of pupils) assert.ok(!reportText.includes(`"${id}"`), `the report names ${id}`);
      assert.deepEqual((await as(METTE, 'GET', '/api/samspil/report')).body.all, report.all, 'teachers read it too');
      for (const who of [NOAH, KARIN, ALI, SOFIE]) assert.equal((await as(who, 'GET', '/api/samspil/report')).status, 403, who);
      assert.equal((await as(null, 'GET', '/api/samspil/report')).status, 401);

      // Every collection, every way of asking: nothing of any pupil. Besides
      // herself she reads the people she may appoint as moderators: adults
      // who work with young people, never a pupil or a parent.
      const appointable = (x) => ['teacher', 'coach', 'leader', 'other'].includes(x.role);
      for (const c of [...COLLECTIONS, 'users']) {
        for (const query of ['', `&filter=${q("id != ''")}`, `&filter=${q(`pupilId = '${EMMA}' || id != ''`)}`]) {
          const { status, body } = await as(LONE, 'GET', `${records(c)}?perPage=500${query}`);
          if (status !== 200) continue; // a filter on a field the collection lacks
          const own = body.items.filter((x) => x.id !== LONE && x.person !== LONE && !(c === 'people' && appointable(x)));
          assert.deepEqual(own, [], `${c}${query}: ${JSON.stringify(own).slice(0, 200)}`);
        }
      }
      assert.equal((await as(LONE, 'GET', `${records('samspilSecrets')}`)).status, 403, 'the alias key is the server\'s');
      for (const [c, id] of [['people', EMMA], ['goals', 'goal-emma-reading'], ['posts', 'post-maths-tip'], ['peerNames', 'peername-comic-fox'],
        ['moderations', 'moderation-noah-question'], ['helped', 'helped-maths-tip-comic-fox'], ['reports', 'report-noah-meet']]) {
        assert.equal((await as(LONE, 'GET', `${records(c)}/${id}`)).status, 404, `${c}/${id}`);
      }

      // Meanwhile pupils and moderators are busy; the leader's realtime stays silent.
      let w = await as(EMMA, 'POST', records('posts'), newPost('post-emma-busy', EMMA, { text: 'Busy week!' }));
      assert.equal(w.status, 200, w.text);
      w = await as(SOFIE, 'POST', records('moderations'), decision('moderation-emma-busy', SOFIE, 'post-emma-busy'));
      assert.equal(w.status, 200, w.text);
      // Then something she may see: her own person record changes.
      const lone = await superuser('GET', `${records('people')}/${LONE}`);
      await superuser('PATCH', `${records('people')}/${LONE}`, { organisation: 'Københavns Kommune, BUF', version: lone.version + 1, updatedBy: LONE });
      await leader.next((m) => m.topic === 'people/*' && m.data.record.id === LONE);
      assert.deepEqual(leader.messages.map((m) => `${m.topic} ${m.data.record.id}`), [`people/* ${LONE}`], 'only her own record');
      for (const id of pupils) assert.ok(!received.get(LONE).includes(`"${id}"`), `the leader received ${id}`);
    } finally {
      leader.close();
    }
  });

  test('nothing answers anonymous requests', async () => {
    for (const c of ['peerNames', 'posts', 'helped', 'reports', 'moderations', 'erasures']) {
      const { status, body } = await as(null, 'GET', `${records(c)}?perPage=500`);
      assert.deepEqual([status, body.items], [200, []], c);
      assert.equal((await as(null, 'GET', `${records(c)}/post-split-homework`)).status, 404);
    }
    assert.equal((await as(null, 'POST', records('posts'), newPost('post-anon', EMMA))).status, 400);
    assert.equal((await as(null, 'POST', '/api/samspil/erase', { pupilId: EMMA })).status, 401);
    const anon = await listen(server.url, null, ['posts/*', 'peerNames/*', 'moderations/*']);
    try {
      const w = await as(EMMA, 'POST', records('posts'), newPost('post-emma-anon', EMMA));
      assert.equal(w.status, 200, w.text);
      await as(SOFIE, 'POST', records('moderations'), decision('moderation-emma-anon', SOFIE, 'post-emma-anon'));
      // Emma's own realtime shows the server has broadcast the approval by now.
      const emma = await listen(server.url, await server.tokenOf(EMMA), ['peerNames/*']);
      await as(EMMA, 'PATCH', `${records('peerNames')}/peername-comic-fox`, { pseudonym: 'Comic Fox', version: 2, updatedBy: EMMA });
      await emma.next((m) => m.data.record.id === 'peername-comic-fox');
      emma.close();
      assert.deepEqual(anon.messages, []);
    } finally {
      anon.close();
    }
  });

  test('erasure: the pupil, their parent or their teacher erases exactly the domain\'s list, once; nobody else', async () => {
    const before = await dump();
    /** What the Rust lists for the pupil in the server's records now. */
    const listOf = async (db, pupil) => (await domainExample('mirror', ['erasure', server.today, '--db', await dumpFile(db), pupil]))[pupil];
    const erase = (who, pupilId) => as(who, 'POST', '/api/samspil/erase', { pupilId });

    for (const [who, pupil] of [[ALI, NOAH], [KARIN, NOAH], [EMMA, NOAH], [LONE, NOAH], [JONAS, NOAH], [MALTHE, NOAH], [METTE, OLIVER],
      [SOFIE, MALTHE], [METTE, METTE], [METTE, 'nobody-here']]) {
      const r = await erase(who, pupil);
      assert.equal(r.status, 403, `${who} erases ${pupil}: ${r.text}`);
    }
    assert.equal((await erase(METTE, "x' || '")).status, 400);
    assert.equal((await as(METTE, 'POST', '/api/samspil/erase', {})).status, 400);
    assert.deepEqual(await dump(), before, 'refusals change nothing');

    /** The accounts whose read lists (access.js: `teams`, `contacts`) name `pupil`. */
    const listing = async (pupil) => (await superuser('GET', '/api/collections/users/records?perPage=500')).items
      .filter((a) => [...a.teams, ...a.contacts].includes(pupil)).map((a) => a.person);
    let state = before;
    for (const [who, pupil] of [[THOMAS, NOAH], [JONAS, MALTHE], [FREJA, FREJA]]) {
      const list = await listOf(state, pupil);
      assert.ok(list.length > 10, `${pupil} has records`);
      assert.ok((await listing(pupil)).length > 0, `${pupil}'s team reads ${pupil}`);
      const r = await erase(who, pupil);
      assert.equal(r.status, 200, `${who} erases ${pupil}: ${r.text}`);
      assert.deepEqual(await listing(pupil), [], `no account's read lists name ${pupil} any more`);
      const counts = {};
      for (const [c] of list) counts[c] = (counts[c] ?? 0) + 1;
      assert.deepEqual(r.body.erased, { ...counts, accounts: 1 }, `${pupil}: what went, per collection, is the domain's list and the login`);
      const after = await dump();
      const gone = new Set(list.map(([c, id]) => `${c}/${id}`));
      for (const c of COLLECTIONS.filter((x) => x !== 'erasures')) {
        const remaining = new Set(after[c].map((x) => x.id));
        for (const record of state[c]) {
          assert.equal(remaining.has(record.id), !gone.has(`${c}/${record.id}`), `${c}/${record.id} after erasing ${pupil}`);
        }
      }
      const hashes = after.erasures.map((e) => e.pupilHash);
      assert.ok(hashes.includes(sha256(`samspil-erasure:${pupil}`)), 'the trace of the pupil');
      assert.equal(after.erasures.length, state.erasures.length + 2, 'and of the alias other pupils knew them by');
      state = after;
      // Once more: it succeeds and changes nothing.
      const again = await erase(who === FREJA ? METTE : who, pupil);
      assert.deepEqual([again.status, again.body?.erased], [200, {}], `again: ${again.text}`);
      assert.deepEqual(await dump(), state);
    }
    // Freja's login went with her: her token is no longer taken, and reads nothing.
    assert.equal((await as(FREJA, 'POST', '/api/collections/users/auth-refresh')).status, 401);
    assert.deepEqual((await as(FREJA, 'GET', records('posts'))).body.items, []);

    // Other pupils' devices recognise what they hold of Noah by the traces, which name nobody.
    const traces = await list(EMMA, 'erasures');
    const hashes = traces.map((t) => t.pupilHash);
    assert.ok(hashes.includes(sha256(`samspil-erasure:${noahAsSeenByEmma}`)), 'Emma\'s alias of Noah is traced');
    for (const t of traces) {
      assert.equal(t.updatedBy, '', 'not who asked');
      assert.deepEqual(strings(t).filter((s) => /noah|malthe|freja|thomas|jonas/i.test(s)), []);
    }
    assert.ok(!ids(await list(EMMA, 'posts')).includes('post-first-match'));
    assert.ok(!(await list(EMMA, 'posts')).some((p) => p.personId === noahAsSeenByEmma));

    // The report still adds up after the erasures.
    const r = await as(LONE, 'GET', '/api/samspil/report');
    const { on, ...report } = r.body;
    assertSameReport(report, await domainExample('mirror', ['report', on, '--db', await dumpFile(state)]));
  });
});

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** The server's report and the Rust one agree: the same groups and counts, means within rounding. */
function assertSameReport(server, rust, where = 'report') {
  if (typeof rust === 'number' && typeof server === 'number') {
    assert.ok(Math.abs(server - rust) < 1e-9, `${where}: ${server} is not ${rust}`);
  } else if (rust && typeof rust === 'object') {
    assert.deepEqual(Object.keys(server ?? {}).sort(), Object.keys(rust).sort(), where);
    for (const key of Object.keys(rust)) assertSameReport(server[key], rust[key], `${where}.${key}`);
  } else {
    assert.equal(server, rust, where);
  }
}
