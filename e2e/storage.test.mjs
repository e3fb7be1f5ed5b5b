// The embedded store's layout (src/backend/embedded.rs, DB_VERSION 4): a
// journal (one store per collection, a row per record) folded a while after
// changes into the snapshot (a few chunks per collection, a record per line).
// - a device with layout 3 (rows only) keeps everything after the upgrade,
//   and its rows are folded into exactly the chunks e2e/stored.mjs builds
//   (which the benchmark seeds with);
// - a row written after the fold wins over the snapshot's copy, at once;
// - a damaged line, a chunk that is not text and a chunk of no collection
//   cost only themselves and are counted on screen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { useApp, newPage, closePage, openApp, assertClean, APP_TIMEOUT, ROOT } from './helpers.mjs';
import { dumpEntries, snapshotChunks, storedRecords, waitUntilFolded } from './stored.mjs';

const app = useApp();
const FIXTURE = JSON.parse(await readFile(path.join(ROOT, 'e2e', 'fixtures', 'report.json'), 'utf8'));
const V3_STORES = [
  'people', 'members', 'strengths', 'goals', 'agreements', 'checkins', 'comments',
  'peerNames', 'posts', 'helped', 'reports', 'moderations', 'erasures',
  'settings', 'outbox', 'conflicts', 'erasing',
];

/** Writes the fixture as a layout-3 device has it, before the app ever opens on this origin. */
async function seedLayout3(page) {
  // Any file of the site gives the origin without starting the app (and no favicon request to fail).
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(new URL('/config.json', app.url).href);
  await page.evaluate(
    ({ db, stores }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('samspil', 3);
        open.onupgradeneeded = () => {
          for (const s of stores) open.result.createObjectStore(s);
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction(stores, 'readwrite');
          for (const [name, list] of Object.entries(db)) {
            for (const record of list) tx.objectStore(name).put(JSON.stringify(record), record.id);
          }
          tx.objectStore('settings').put('empty', 'started');
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db: FIXTURE, stores: V3_STORES },
  );
}

/** Puts `[store, key, value]` rows into the app's IndexedDB from the page (no eval: the app's CSP forbids it). */
function putRows(page, rows) {
  return page.evaluate(
    (rows) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('samspil');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction([...new Set(rows.map(([store]) => store))], 'readwrite');
          for (const [store, key, value] of rows) tx.objectStore(store).put(value, key);
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

const pupil = (page, name) => page.getByRole('button', { name: new RegExp(`^${name}\\b`) });

describe('embedded store layout', () => {
  test('a layout-3 device keeps everything, and its rows are folded into the snapshot', async () => {
    const page = await newPage(app.browser);
    try {
      await seedLayout3(page);
      await openApp(page, app.url, '/');
      await pupil(page, 'Pupil 1').waitFor({ timeout: APP_TIMEOUT });
      const entries = await waitUntilFolded(page);
      assert.deepEqual(Object.fromEntries(entries.snapshot), snapshotChunks(FIXTURE), 'the chunks e2e/stored.mjs builds');
      const stored = await storedRecords(page);
      for (const [name, list] of Object.entries(FIXTURE)) {
        assert.equal(stored[name].length, list.length, `every ${name} record is kept`);
      }
      await page.reload();
      await pupil(page, 'Pupil 1').waitFor({ timeout: APP_TIMEOUT });
      await pupil(page, 'Pupil 2').waitFor();
      assert.equal(await page.getByText(/could not be read/).count(), 0);

      // A row written after the fold (as every save is) wins over the snapshot's copy.
      const p1 = { ...FIXTURE.people.find((p) => p.id === 'p1'), name: 'Pupil One', version: 2 };
      await putRows(page, [['people', 'p1', JSON.stringify(p1)]]);
      await page.reload();
      await pupil(page, 'Pupil One').waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await pupil(page, 'Pupil 1').count(), 0);
      const folded = await waitUntilFolded(page);
      const people = folded.snapshot.filter(([key]) => key.startsWith('people#')).map(([, text]) => text).join('');
      assert.ok(people.includes('"Pupil One"') && !people.includes('"Pupil 1"'), 'the newer copy is folded in');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('damaged snapshot data costs only itself and is counted', async () => {
    const page = await newPage(app.browser);
    try {
      await seedLayout3(page);
      await openApp(page, app.url, '/');
      await pupil(page, 'Pupil 2').waitFor({ timeout: APP_TIMEOUT });
      const entries = await waitUntilFolded(page);
      const [key, text] = entries.snapshot.find(([, text]) => text.includes('"id":"p2"'));
      const damaged = text
        .split('\n')
        .map((line) => (line.includes('"id":"p2"') ? line.slice(0, 25) : line))
        .join('\n');
      await putRows(page, [
        ['snapshot', key, damaged],
        ['snapshot', 'goals#77', 12345],
        ['snapshot', 'nonsense#01', '#1\n{"id":"x1"}\n'],
      ]);
      await page.reload();
      await page.getByText('3 stored records could not be read and were skipped.').waitFor({ timeout: APP_TIMEOUT });
      await pupil(page, 'Pupil 1').waitFor();
      assert.equal(await pupil(page, 'Pupil 2').count(), 0, 'only the damaged record is missing');
      const goals = (await storedRecords(page)).goals.length;
      assert.equal(goals, FIXTURE.goals.length, 'the goals are all there');
      // What cannot be read is not destroyed either.
      const after = Object.fromEntries((await dumpEntries(page)).snapshot);
      assert.equal(after[key], damaged);
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});
