// Installable and offline. The manifest and its icons load and say what an
// installed app needs. After one visit the service worker (public/sw.js,
// finished by scripts/pwa-post-build.mjs) has the whole app shell, so the app
// starts and works with no network at all: the start page, choosing a person,
// a deep link to a goal and a quick check-in. And when a new build's sw.js
// appears, the page offers "A new version is ready. Reload", and Reload
// switches to it. Each test serves its own copy of dist/ from a temp folder,
// so it can stop that server (truly no network) or change files in it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import { waitUntilStarted } from './stored.mjs';
import {
  DIST,
  SIZES,
  APP_TIMEOUT,
  launchBrowser,
  newPage,
  closePage,
  openApp,
  assertClean,
  screenshot,
  axeViolations,
  formatViolations,
} from './helpers.mjs';

// The few UI texts this file relies on (English locale) and the demo goal.
const TEXT = {
  loadDemo: 'Load demo data',
  startHeading: 'Who is using this device?',
  hello: (name) => `Hi ${name}!`,
  updateReady: 'A new version is ready.',
  reload: 'Reload',
};
const GOAL = { id: 'goal-emma-calm', title: 'I stay calm and keep playing when I miss a shot' };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A copy of dist/ in a temp folder, served on a free port. */
async function serveCopy() {
  const root = await mkdtemp(path.join(tmpdir(), 'samspil-offline-'));
  await cp(DIST, root, { recursive: true });
  const server = await startServer({ root, port: 0 });
  return {
    root,
    url: server.url,
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
    stop: () => server.close(),
  };
}

/** Wait until the service worker is active and controls the page; returns its script URL. */
function controlledBy(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return navigator.serviceWorker.controller.scriptURL;
  });
}

/** The Cache Storage names the page sees. */
const cacheNames = (page) => page.evaluate(() => caches.keys());

/** The version written into a built sw.js. */
const versionOf = (sw) => /const VERSION = "([0-9a-f]+)"/.exec(sw)?.[1];

describe('offline', () => {
  test('the app can be installed: a manifest with name, colours and icons that load', async () => {
    const site = await serveCopy();
    const page = await newPage(browser);
    try {
      await openApp(page, site.url, '/');
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      const found = await page.evaluate(async (href) => {
        const response = await fetch(href);
        const manifest = await response.json();
        const icons = [];
        for (const icon of manifest.icons) {
          const res = await fetch(new URL(icon.src, location.href));
          const bytes = new DataView(await res.arrayBuffer());
          const png = res.headers.get('content-type') === 'image/png';
          // A PNG's width and height are the big-endian words at bytes 16 and 20.
          const size = png ? `${bytes.getUint32(16)}x${bytes.getUint32(20)}` : 'any';
          icons.push({ ok: res.ok, type: res.headers.get('content-type'), size, declared: icon.sizes, purpose: icon.purpose });
        }
        return { type: response.headers.get('content-type'), manifest, icons };
      }, href);
      assert.equal(found.type, 'application/manifest+json');
      const m = found.manifest;
      assert.equal(m.name, 'Samspil');
      assert.ok(m.short_name && m.short_name.length <= 12, 'a short name that fits under an icon');
      assert.equal(m.start_url, '/');
      assert.equal(m.display, 'standalone');
      assert.equal(m.lang, 'da');
      assert.equal(m.theme_color, '#1d5c63');
      assert.equal(m.background_color, '#f6f4ef');
      for (const icon of found.icons) {
        assert.ok(icon.ok, `icon ${icon.declared} loads`);
        assert.equal(icon.size, icon.declared, `icon declared ${icon.declared} is ${icon.size}`);
      }
      const pngs = found.icons.filter((i) => i.type === 'image/png');
      for (const size of ['192x192', '512x512']) {
        assert.ok(pngs.some((i) => i.size === size && i.purpose === 'any'), `a ${size} PNG icon`);
        assert.ok(pngs.some((i) => i.size === size && i.purpose === 'maskable'), `a maskable ${size} PNG icon`);
      }
      assert.ok(found.icons.some((i) => i.type === 'image/svg+xml'), 'an SVG icon');
      assertClean(page);
    } finally {
      await closePage(page);
      await site.close();
    }
  });

  test('after one visit the app starts and works with no network', async () => {
    const site = await serveCopy();
    const page = await newPage(browser);
    try {
      await openApp(page, site.url, '/');
      await page.getByRole('button', { name: TEXT.loadDemo }).click();
      await page.getByRole('button', { name: TEXT.loadDemo }).waitFor({ state: 'detached', timeout: APP_TIMEOUT });
      await waitUntilStarted(page); // all of it in IndexedDB before the reload
      assert.equal(await controlledBy(page), new URL('/sw.js', site.url).href);
      const sw = await readFile(path.join(site.root, 'sw.js'), 'utf8');
      assert.deepEqual(await cacheNames(page), [`samspil-shell-${versionOf(sw)}`]);
      // The first install takes over quietly: no update notice.
      assert.equal(await page.getByRole('button', { name: TEXT.reload }).count(), 0);

      // No network at all: the browser is offline and the server is gone.
      await page.context().setOffline(true);
      await site.stop();

      await page.reload({ waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: TEXT.startHeading }).waitFor({ timeout: APP_TIMEOUT });
      await page.getByRole('button', { name: /^Emma\b/ }).click();
      await page.getByRole('heading', { level: 1, name: TEXT.hello('Emma') }).waitFor({ timeout: APP_TIMEOUT });

      // A deep link, opened as a fresh navigation.
      await openApp(page, site.url, `/goal/${GOAL.id}`);
      await page.getByRole('heading', { level: 1, name: GOAL.title }).waitFor({ timeout: APP_TIMEOUT });

      // A quick check-in on Emma's home, kept across a reload.
      await openApp(page, site.url, '/home');
      const quick = page.getByRole('group', { name: `How is it going: ${GOAL.title}` });
      await quick.getByRole('button', { name: /^\+1/ }).click();
      await page.getByRole('status').filter({ hasText: `Check-in saved: ${GOAL.title}` }).waitFor({ timeout: APP_TIMEOUT });
      await page.reload({ waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: TEXT.hello('Emma') }).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await quick.getByRole('button', { name: /^\+1/ }).getAttribute('aria-pressed'), 'true');

      await screenshot(page, 'offline-home', { phone: SIZES.phone });
      assertClean(page);
    } finally {
      await closePage(page);
      await site.close();
    }
  });

  test('a new build shows "A new version is ready" and Reload switches to it', async () => {
    const site = await serveCopy();
    const page = await newPage(browser, { viewport: SIZES.phone });
    try {
      await openApp(page, site.url, '/');
      await controlledBy(page);
      const swPath = path.join(site.root, 'sw.js');
      const sw = await readFile(swPath, 'utf8');
      const oldVersion = versionOf(sw);
      assert.ok(oldVersion, 'sw.js has a content-hash version (written by scripts/pwa-post-build.mjs)');
      assert.ok(!sw.includes('__SAMSPIL_SW_'), 'every placeholder in sw.js was filled in');

      // "Deploy" a new build: the same files, a new version.
      const newVersion = oldVersion.split('').reverse().join('');
      await writeFile(swPath, sw.replace(`"${oldVersion}"`, `"${newVersion}"`));

      // The next visit finds the new worker; it installs and waits.
      await page.reload({ waitUntil: 'load' });
      await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: APP_TIMEOUT });
      const notice = page.getByRole('status').filter({ hasText: TEXT.updateReady });
      await notice.waitFor({ timeout: APP_TIMEOUT });
      await screenshot(page, 'update-notice', { phone: SIZES.phone });
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe on the update notice:\n  ${formatViolations(violations)}`);

      // Reload: the new worker takes over, the page reloads, the old cache is gone.
      await Promise.all([
        page.waitForEvent('framenavigated', { timeout: APP_TIMEOUT }),
        notice.getByRole('button', { name: TEXT.reload }).click(),
      ]);
      await page.waitForLoadState('load');
      await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: APP_TIMEOUT });
      await controlledBy(page);
      assert.deepEqual(await cacheNames(page), [`samspil-shell-${newVersion}`]);
      assert.equal(await page.getByRole('button', { name: TEXT.reload }).count(), 0, 'the notice is gone');
      assertClean(page);
    } finally {
      await closePage(page);
      await site.close();
    }
  });
});
