// What bounds offline writes reaching json-server 0.17.4 (issue #7, figure 5),
// measured from Node with no app: N comment creates sent the ways the app
// can send them. Usage: node bench/tools/json-server-writes.mjs [demo.json] [N]
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { startJsonServer } from '../../e2e/json-server.mjs';

const demoFile = process.argv[2] ?? 'target/bench/demo.json';
const N = Number(process.argv[3] ?? 1000);
const demo = JSON.parse(await readFile(demoFile, 'utf8'));

function comment(i) {
  const id = randomUUID();
  return {
    id, goalId: 'goal-emma-reading', personId: 'parent-karin', on: '2026-11-26', text: `node write ${i}`,
    encouragement: false, clientId: id, version: 1, updatedAt: new Date().toISOString(), updatedBy: 'parent-karin', deleted: false,
  };
}

async function ok(res) {
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return res.json();
}
const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(ok);

const ways = {
  'GET by clientId + POST, sequential': async (url, records) => {
    for (const r of records) {
      const found = await ok(await fetch(`${url}/comments?clientId=${r.clientId}`));
      if (found.length === 0) await post(`${url}/comments`, r);
    }
  },
  'POST only, sequential': async (url, records) => {
    for (const r of records) await post(`${url}/comments`, r);
  },
  ...Object.fromEntries([4, 16].map((k) => [`POST only, ${k} in flight`, async (url, records) => {
    let next = 0;
    await Promise.all(Array.from({ length: k }, async () => {
      while (next < records.length) await post(`${url}/comments`, records[next++]);
    }));
  }])),
  ...Object.fromEntries([50, 200].map((size) => [`POST /_batch of ${size}, sequential`, async (url, records) => {
    for (let i = 0; i < records.length; i += size) {
      const creates = records.slice(i, i + size).map((record) => ({ collection: 'comments', record }));
      const { results } = await post(`${url}/_batch`, { creates });
      if (results.length !== creates.length) throw new Error('short answer');
    }
  }])),
};

for (const [name, way] of Object.entries(ways)) {
  const server = await startJsonServer({ data: demo });
  try {
    const records = Array.from({ length: N }, (_, i) => comment(i));
    const t0 = performance.now();
    await way(server.url, records);
    const ms = performance.now() - t0;
    const stored = (await server.get('/comments')).filter((c) => c.text.startsWith('node write')).length;
    console.log(`${name.padEnd(40)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(ms / N).toFixed(1).padStart(5)} ms/write  stored ${stored}`);
  } finally {
    await server.stop();
  }
}
