// server/occ.cjs on a real json-server 0.17.4 (no browser): the server's
// order (serverSeq), the version rules, no lost updates, and the batch.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startJsonServer } from './json-server.mjs';

let server;
before(async () => {
  // Two records from before serverSeq: stamped on the first write.
  server = await startJsonServer({
    data: {
      people: [
        { id: 'p1', name: 'Ida', role: 'pupil', version: 1 },
        { id: 'p2', name: 'Karim', role: 'coach', version: 1, serverSeq: 5 },
      ],
    },
  });
});
after(() => server?.stop());

async function send(method, path, body, headers = {}) {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const comment = (id, extra = {}) => ({ id, clientId: id, goalId: 'g', personId: 'p1', on: '2026-12-01', text: id, version: 1, ...extra });

describe('server/occ.cjs', () => {
  test('every write is stamped in the server\'s order, whatever the client sent', async () => {
    // A device whose clock is hours behind, sending a made-up serverSeq.
    const created = await send('POST', '/comments', comment('c1', { updatedAt: '2020-01-01T00:00:00Z', serverSeq: 999 }));
    assert.equal(created.status, 201);
    const people = await server.get('/people');
    // p1 had none: stamped after the highest there was (5).
    assert.deepEqual(people.map((p) => [p.id, p.serverSeq]), [['p1', 6], ['p2', 5]]);
    const [c1] = await server.get('/comments?id=c1');
    assert.equal(c1.serverSeq, 7, 'the client\'s number is overwritten');
    const batch = await send('POST', '/_batch', { creates: [{ collection: 'comments', record: comment('c2') }, { collection: 'checkins', record: comment('k1') }] });
    assert.deepEqual(batch.body, { results: ['created', 'created'] });
    const updated = await send('PATCH', '/comments/c1', { ...c1, text: 'again', version: 2 }, { 'If-Match': '"1"' });
    assert.equal(updated.status, 200);
    const seqs = [...(await server.get('/comments')), ...(await server.get('/checkins'))].map((r) => [r.id, r.serverSeq]);
    assert.deepEqual(seqs.sort(), [['c1', 10], ['c2', 8], ['k1', 9]]);
    // A pull asks for what came after the last stamp it saw.
    const since = await server.get('/comments?serverSeq_gte=9');
    assert.deepEqual(since.map((r) => r.id), ['c1']);
  });

  test('a create is version 1 and an update exactly the stored version + 1', async () => {
    const huge = await send('POST', '/comments', comment('c3', { version: 1e15 }));
    assert.equal(huge.status, 422);
    assert.match(huge.body.error, /version 1/);
    const [c1] = await server.get('/comments?id=c1');
    for (const version of [c1.version, c1.version + 2, 1e15, '3']) {
      const res = await send('PATCH', '/comments/c1', { ...c1, version }, { 'If-Match': `"${c1.version}"` });
      assert.equal(res.status, 422, `version ${version}`);
    }
    const without = await send('PATCH', '/comments/c1', { ...c1, version: 99 });
    assert.equal(without.status, 422, 'also without If-Match');
    const [still] = await server.get('/comments?id=c1');
    assert.equal(still.version, c1.version, 'nothing was written');
    const batch = await send('POST', '/_batch', { creates: [{ collection: 'comments', record: comment('c4') }, { collection: 'comments', record: comment('c5', { version: 7 }) }] });
    assert.equal(batch.status, 400);
    assert.equal((await server.get('/comments?id=c4')).length, 0, 'a refused batch writes nothing');
  });

  test('a stale base is refused with 412, a taken id with 409', async () => {
    const [c1] = await server.get('/comments?id=c1');
    const stale = await send('PATCH', '/comments/c1', { ...c1, version: c1.version }, { 'If-Match': `"${c1.version - 1}"` });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.version, c1.version);
    const taken = await send('POST', '/comments', comment('c1', { clientId: 'another' }));
    assert.equal(taken.status, 409);
    // Of concurrent updates based on one version, exactly one wins.
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => send('PATCH', '/comments/c1', { ...c1, text: `try ${n}`, version: c1.version + 1 }, { 'If-Match': `"${c1.version}"` })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 412, 412, 412]);
  });
});
