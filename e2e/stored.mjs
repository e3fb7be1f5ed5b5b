// Waiting for the app's background writes to IndexedDB, for tests that
// reload the page right after loading the demo data (a reload before the
// write finished would start from a half-filled or empty device).
import { APP_TIMEOUT } from './helpers.mjs';

/** Whether the first start is stored (the "started" setting is written last). */
function startedIsStored() {
  return new Promise((resolve) => {
    const open = indexedDB.open('samspil');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const get = db.transaction('settings').objectStore('settings').get('started');
        get.onsuccess = () => resolve(get.result !== undefined);
        get.onerror = () => resolve(false);
      } catch {
        resolve(false);
      } finally {
        db.close();
      }
    };
  });
}

/**
 * Resolves once the first start is stored. Polls with `evaluate`, which
 * awaits the answer: `waitForFunction` would take the Promise itself as true.
 */
export async function waitUntilStarted(page) {
  const deadline = Date.now() + APP_TIMEOUT;
  while (!(await page.evaluate(startedIsStored))) {
    if (Date.now() > deadline) throw new Error('the first start was not stored in time');
    await page.waitForTimeout(100);
  }
}
