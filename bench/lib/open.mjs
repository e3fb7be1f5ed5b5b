// Opening a page whose code is a chunk of its own (src/lazy.rs), at Lighthouse's
// mobile settings applied to the browser (its "devtools" throttling: 562.5 ms
// request latency, 1.47 Mbps down, 675 kbps up, 4× CPU slowdown): from the
// click on a link (a client-side navigation) to the next painted frame after
// the page's heading is there.
//
//   warm: the page's chunk was fetched while the browser was idle after the first
//         view (what the app does; the common case)
//   cold: it was not (the idle fetch of the pages' chunk, split_pages, was
//         refused; the small chunks it shares with the home, which the home
//         needs, come through): the click waits for the chunk over the
//         throttled network, then compiles and runs it
import { benchPage, log, median, seed } from './common.mjs';

// Lighthouse 12's mobile throttling, as applied by DevTools (lighthouse-core/config/constants.js:
// mobileSlow4G with the devtools multipliers).
export const LIGHTHOUSE_MOBILE = { latency: 150 * 3.75, downloadKbps: 1.6 * 1024 * 0.9, uploadKbps: 750 * 0.9, cpu: 4 };

const PAGES_CHUNK = /\/wasm-[0-9a-f]{16}\/split_pages\.wasm$/;

async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LIGHTHOUSE_MOBILE.latency,
    downloadThroughput: (LIGHTHOUSE_MOBILE.downloadKbps * 1024) / 8,
    uploadThroughput: (LIGHTHOUSE_MOBILE.uploadKbps * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: LIGHTHOUSE_MOBILE.cpu });
  return cdp;
}

/** Opens `from` as `me` (seeded with `data`), then each target by a click; returns ms per target. */
async function openEach(browser, site, { data, me, from, targets, cold }) {
  const page = await benchPage(browser, { serviceWorkers: 'block' });
  const times = {};
  try {
    await seed(page, site.url, data, me);
    let allowChunks = !cold;
    if (cold) {
      // Refuse the idle prefetch; let through what a click asks for.
      await page.route(PAGES_CHUNK, (route) => (allowChunks ? route.continue() : route.abort('internetdisconnected')));
    }
    await throttle(page);
    await page.goto(site.url + from);
    await page.waitForFunction(() => document.querySelector('main h1') && !document.querySelector('main .loading'), null, { timeout: 120000 });
    // Warm: wait until every chunk is in; cold: until the refused prefetch has given up.
    await page.waitForFunction(() => performance.getEntriesByName('samspil:prefetched').length > 0, null, { timeout: 120000 });
    const fromHeading = await page.evaluate(() => document.querySelector('main h1').textContent);
    for (const { name, path } of targets) {
      allowChunks = true;
      const result = await page.evaluate(
        async ({ path, fromHeading }) => {
          const h1 = () => document.querySelector('main h1');
          return window.__bench.time(
            () => window.__bench.go(path),
            () => location.pathname === path && h1() && h1().textContent !== fromHeading && !document.querySelector('main .loading'),
            60000,
          );
        },
        { path, fromHeading },
      );
      times[name] = result.ms;
      allowChunks = !cold;
      // Back to where we started, so each target opens from the same page.
      await page.evaluate((from) => window.__bench.go(from), from);
      await page.waitForFunction((from) => location.pathname === from && document.querySelector('main h1') && !document.querySelector('main .loading'), from, { timeout: 60000 });
    }
  } finally {
    await page.context().close();
  }
  return times;
}

/**
 * Medians over `reps` runs of opening each target from `from` (a page in the
 * main module, so that it needs no chunk itself), warm and cold.
 * targets: [{ name, path }]; a target is open when its page's h1 is there.
 */
export async function openLazyRoutes(browser, site, { data, me, from, targets, reps }) {
  const runs = { warm: [], cold: [] };
  for (let i = 0; i < reps; i++) {
    for (const kind of ['warm', 'cold']) {
      const times = await openEach(browser, site, { data, me, from, targets, cold: kind === 'cold' });
      runs[kind].push(times);
      log(`open (${kind}) run ${i + 1}/${reps}: ${Object.entries(times).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}`);
    }
  }
  const result = {};
  for (const kind of ['warm', 'cold']) {
    result[kind] = Object.fromEntries(targets.map(({ name }) => [name, median(runs[kind].map((r) => r[name]))]));
  }
  return { ...result, runs };
}
