// Waiting for the app's background writes to IndexedDB, for tests that
// reload the page right after loading the demo data (a reload before the
// write finished would start from a half-filled or empty device).
import { APP_TIMEOUT } from './helpers.mjs';

/** Resolves once the first start is stored (the "started" setting is written last). */
export async function waitUntilStarted(page) {
  await page.waitForFunction(
    () =>
      new Promise((resolve) => {
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
      }),
    null,
    { timeout: APP_TIMEOUT, polling: 100 },
  );
}
