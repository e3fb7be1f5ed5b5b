// Sync: `writes` comments made while offline reach a real json-server 0.17.4
// (with our middleware server/occ.cjs) after reconnecting, exactly once each.
// SAMSPIL_BENCH_PLAIN_JSON_SERVER=1 measures against json-server without the
// middleware, i.e. without POST /_batch: one request per record.
import { startJsonServer } from '../../e2e/json-server.mjs';
import { benchPage, log, seed, startAppSite } from './common.mjs';

const TAG = 'bench sync write';

export async function sync(browser, { dist, demo, demoFile, me, goalId, writes = 1000 }) {
  const server = await startJsonServer({ data: demo, plain: process.env.SAMSPIL_BENCH_PLAIN_JSON_SERVER === '1' });
  const site = await startAppSite({ dist, data: { 'demo.json': demoFile }, config: { backend: { kind: 'json-server', url: server.url } } });
  const page = await benchPage(browser);
  const context = page.context();
  try {
    // A device that has synced with this server before: the same records in
    // its store, and its own records already uploaded there.
    await seed(page, site.url, 'demo.json', me, { uploadedTo: server.url });
    await page.goto(`${site.url}/goal/${goalId}`);
    try {
      await page.waitForSelector('form.comment-form textarea', { timeout: 60000 });
    } catch (e) {
      await page.screenshot({ path: '/tmp/sync-fail.png' });
      log(`sync: no comment form on /goal/${goalId}; the page says: ${(await page.locator('main').innerHTML()).slice(0, 1500)}`);
      throw e;
    }
    await page.waitForTimeout(1000); // the first pull settles
    await context.setOffline(true);
    const made = Date.now();
    await page.evaluate(
      async ({ writes, TAG }) => {
        for (let i = 0; i < writes; i++) {
          const form = document.querySelector('form.comment-form');
          const area = form.querySelector('textarea');
          area.value = `${TAG} ${i}`;
          area.dispatchEvent(new Event('input', { bubbles: true }));
          form.querySelector('button[type=submit]').click();
          if (i % 20 === 19) await new Promise((r) => setTimeout(r, 0));
        }
      },
      { writes, TAG },
    );
    // Wait until every write is in the outbox (IndexedDB "outbox" store).
    const outbox = () =>
      page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const r = indexedDB.open('samspil');
            r.onsuccess = () => {
              const db = r.result;
              const q = db.transaction('outbox').objectStore('outbox').count();
              q.onsuccess = () => { db.close(); resolve(q.result); };
              q.onerror = () => reject(q.error);
            };
            r.onerror = () => reject(r.error);
          }),
      );
    for (let n = await outbox(); n < writes; n = await outbox()) {
      if (Date.now() - made > 300000) throw new Error(`only ${n} of ${writes} writes reached the outbox`);
      await page.waitForTimeout(200);
    }
    log(`sync: ${writes} offline writes queued in ${((Date.now() - made) / 1000).toFixed(1)} s; reconnecting`);
    const ours = async () => (await server.get('/comments')).filter((c) => typeof c.text === 'string' && c.text.startsWith(TAG));
    const t0 = Date.now();
    await context.setOffline(false);
    let arrived = [];
    let ms = NaN;
    while (Date.now() - t0 < 120000) {
      arrived = await ours();
      if (arrived.length >= writes) {
        ms = Date.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await page.waitForTimeout(3000); // anything sent twice would show by now
    arrived = await ours();
    const uniqueTexts = new Set(arrived.map((c) => c.text)).size;
    const uniqueIds = new Set(arrived.map((c) => c.id)).size;
    const left = await outbox();
    const exactlyOnce = arrived.length === writes && uniqueTexts === writes && uniqueIds === writes;
    log(`sync: ${arrived.length} arrived (${uniqueTexts} distinct) in ${Math.round(ms)} ms; outbox left ${left}`);
    return { writes, ms, arrived: arrived.length, uniqueTexts, uniqueIds, outboxLeft: left, exactlyOnce };
  } finally {
    await context.close();
    await site.close();
    await server.stop();
  }
}
