// Delivery of the outbox to json-server 0.17.4, exactly once, both ways it
// can go: as POST /_batch (server/occ.cjs) and, for a json-server without
// that middleware, one POST per record. A proxy in front of the server loses
// the answer to the first write, as a network can: the write arrived, the
// device does not know it, and sends again. It must not arrive twice.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cp, mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, newPage, closePage, openApp, assertClean, problemsOf, APP_TIMEOUT, DIST } from './helpers.mjs';
import { startServer } from './server.mjs';
import { startJsonServer } from './json-server.mjs';

let browser;
const cleanups = [];
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * Forwards every request to `target`; the answer to the first request that
 * `lose` picks is dropped after the target has handled it (the connection is
 * cut). Records what it forwarded.
 */
async function lossyProxy(target, lose) {
  const seen = [];
  let lost = 0;
  const proxy = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = { ...req.headers };
    delete headers.host;
    delete headers['accept-encoding'];
    const answer = await fetch(target + req.url, { method: req.method, headers, body });
    const text = Buffer.from(await answer.arrayBuffer());
    seen.push(`${req.method} ${req.url}`);
    const out = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value;
    });
    if (lost === 0 && lose(req) && text.length > 1) {
      // The head and one byte of the answer, then the connection is cut: the
      // write happened, the device cannot know (and the browser does not resend).
      lost += 1;
      res.writeHead(answer.status, { ...out, 'content-length': String(text.length) });
      res.write(text.subarray(0, 1), () => req.socket.destroy());
      return;
    }
    res.writeHead(answer.status, out);
    res.end(text);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${proxy.address().port}`;
  cleanups.push(() => new Promise((resolve) => proxy.close(resolve)));
  return { url, seen, lost: () => lost };
}

/** A deployment of the release build whose config.json names `backendUrl`. */
async function site(backendUrl) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samspil-site-'));
  await cp(DIST, dir, { recursive: true });
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ backend: { kind: 'json-server', url: backendUrl } }));
  const served = await startServer({ root: dir, port: 0 });
  cleanups.push(async () => {
    await served.close();
    await rm(dir, { recursive: true, force: true });
  });
  return served.url;
}

async function addPerson(page, name) {
  if (!(await page.getByRole('textbox', { name: 'Name' }).isVisible())) await page.getByText('Add a person').click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'pupil' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).waitFor();
}

async function shared(page) {
  await page.getByRole('link', { name: 'Everything is shared' }).waitFor({ timeout: APP_TIMEOUT });
}

/** Counts each name among the server's people. */
async function namesOn(server) {
  const counts = {};
  for (const person of await server.get('/people')) counts[person.name] = (counts[person.name] ?? 0) + 1;
  return counts;
}

/** The lost answer and, on plain json-server, the missing POST /_batch are what these tests provoke. */
function ignoreProvoked(page, proxyUrl) {
  const p = problemsOf(page);
  const provoked = (line) => line.includes(`${proxyUrl}/_batch`) || (line.includes(proxyUrl) && /Failed to fetch|ERR_/.test(line));
  p.failedRequests = p.failedRequests.filter((l) => !provoked(l));
  p.consoleErrors = p.consoleErrors.filter((l) => !provoked(l));
}

async function offlineWrites(page, names) {
  await page.context().setOffline(true);
  await page.getByRole('link', { name: /^Offline/ }).waitFor({ timeout: APP_TIMEOUT });
  for (const name of names) await addPerson(page, name);
  await page.getByRole('link', { name: `Offline – ${names.length} changes waiting` }).waitFor({ timeout: APP_TIMEOUT });
  await page.context().setOffline(false);
}

describe('delivery of changes, exactly once', () => {
  test('POST /_batch creates each record once, refuses a malformed batch whole, and plain json-server has none', async () => {
    const server = await startJsonServer();
    const plain = await startJsonServer({ plain: true });
    cleanups.push(server.stop, plain.stop);
    const post = async (url, body) => {
      const res = await fetch(`${url}/_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    };
    const person = (id, name) => ({ id, clientId: id, name, role: 'pupil', version: 1, updatedAt: '2026-11-26T10:00:00Z', updatedBy: id, deleted: false });
    const a = { collection: 'people', record: person('a', 'Ada') };
    const b = { collection: 'people', record: person('b', 'Bo') };
    assert.deepEqual(await post(server.url, { creates: [a, b] }), { status: 200, body: { results: ['created', 'created'] } });
    // The same batch again (its answer was lost) and a new record: only the new one is added.
    const c = { collection: 'people', record: person('c', 'Cy') };
    assert.deepEqual(await post(server.url, { creates: [a, b, c, c] }), { status: 200, body: { results: ['exists', 'exists', 'created', 'exists'] } });
    // Another id with a clientId that arrived already is the same record sent again.
    const again = { collection: 'people', record: { ...person('a2', 'Ada'), clientId: 'a' } };
    assert.deepEqual((await post(server.url, { creates: [again] })).body, { results: ['exists'] });
    // One bad create refuses the whole batch; nothing is written.
    for (const bad of [{ collection: 'nope', record: person('d', 'Di') }, { collection: 'people', record: { name: 'no id' } }, { collection: 'people' }]) {
      const answer = await post(server.url, { creates: [{ collection: 'people', record: person('e', 'Ed') }, bad] });
      assert.equal(answer.status, 400, JSON.stringify(bad));
    }
    assert.equal((await post(server.url, { records: [] })).status, 400);
    assert.deepEqual((await server.get('/people')).map((p) => p.id).sort(), ['a', 'b', 'c']);
    // The batch is written to db.json: a restarted server still has it.
    await server.stop();
    await server.start();
    assert.equal((await server.get('/people')).length, 3);
    // json-server without the middleware: 404, the app's cue to send one by one.
    assert.equal((await post(plain.url, { creates: [a] })).status, 404);
    assert.deepEqual(await plain.get('/people'), []);
  });

  test('with server/occ.cjs: offline changes go as one batch; a lost answer does not make a second copy', async () => {
    const server = await startJsonServer();
    cleanups.push(server.stop);
    const proxy = await lossyProxy(server.url, (req) => req.method === 'POST' && req.url === '/_batch');
    const page = await newPage(browser);
    await openApp(page, await site(proxy.url), '/');
    await shared(page);
    const names = ['Ada', 'Bo', 'Cy', 'Di', 'Ed'];
    await offlineWrites(page, names);
    await shared(page);
    assert.equal(proxy.lost(), 1, 'the answer to the first batch was lost');
    assert.deepEqual(await namesOn(server), Object.fromEntries(names.map((n) => [n, 1])), 'each person arrived exactly once');
    const writes = proxy.seen.filter((s) => !s.startsWith('GET') && !s.startsWith('OPTIONS'));
    assert.ok(writes.length >= 2 && writes.every((w) => w === 'POST /_batch'), `one batch, sent again after the lost answer: ${writes}`);
    ignoreProvoked(page, proxy.url);
    assertClean(page);
    await closePage(page);
  });

  test('with plain json-server: one POST per record, asking first only after a lost answer', async () => {
    const server = await startJsonServer({ plain: true });
    cleanups.push(server.stop);
    const proxy = await lossyProxy(server.url, (req) => req.method === 'POST' && req.url === '/people');
    const page = await newPage(browser);
    await openApp(page, await site(proxy.url), '/');
    await shared(page);
    const names = ['Fay', 'Gus', 'Hal'];
    await offlineWrites(page, names);
    await shared(page);
    assert.equal(proxy.lost(), 1, 'the answer to the first POST was lost');
    assert.deepEqual(await namesOn(server), Object.fromEntries(names.map((n) => [n, 1])), 'each person arrived exactly once');
    // A record made here went without a question first; after the lost
    // answer the device asked by clientId before sending anything again.
    const firstPost = proxy.seen.indexOf('POST /people');
    const firstAsk = proxy.seen.findIndex((s) => s.startsWith('GET /people?clientId='));
    assert.ok(firstPost >= 0 && firstAsk > firstPost, `no question before the first send, one after: ${proxy.seen}`);
    assert.equal(proxy.seen.filter((s) => s === 'POST /people').length, names.length, `one POST per person, none twice: ${proxy.seen}`);
    assert.equal(proxy.seen.filter((s) => s === 'POST /_batch').length, 1, 'POST /_batch was tried once, then not again');
    ignoreProvoked(page, proxy.url);
    assertClean(page);
    await closePage(page);
  });
});
