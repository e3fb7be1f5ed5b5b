// index.html paints the app's shell — the header, the page's heading when it
// does not depend on the data (drawn, not yet an <h1>), and a skeleton — before
// the wasm arrives, in the person's language; the app then takes over without
// anything moving (no layout shift), and the page's <h1> appears where the
// heading was drawn. Here the main wasm is held back until the shell is checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, assertClean, screenshot, become, SIZES, APP_TIMEOUT } from './helpers.mjs';

const app = useApp();

/** Holds every request for the main wasm until the returned function is called. */
async function holdWasm(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(/\/wasm-[0-9a-f]{16}\/app_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Records layout shifts from the start of the page load (window.__shifts). */
function recordShifts(page) {
  return page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({ value: e.value, nodes: e.sources?.map((s) => s.node?.outerHTML?.slice(0, 80)) });
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

describe('the shell before the wasm', () => {
  const cases = [
    { locale: 'en-US', route: '/', lang: 'en', dir: 'ltr', heading: 'Who is using this device?', nav: ['Home', 'Goals', 'Settings'], current: null },
    { locale: 'da-DK', route: '/settings', lang: 'da', dir: 'ltr', heading: 'Indstillinger', nav: ['Hjem', 'Mål', 'Indstillinger'], current: 'Indstillinger' },
    { locale: 'en-US', chosen: 'ar', route: '/goals', lang: 'ar', dir: 'rtl', heading: 'الأهداف', nav: ['الرئيسية', 'الأهداف', 'الإعدادات'], current: 'الأهداف' },
  ];
  for (const c of cases) {
    test(`${c.route} in ${c.lang}: the shell first, then the app, with nothing moving`, async () => {
      const page = await newPage(app.browser, { locale: c.locale, serviceWorkers: 'block' });
      try {
        if (c.chosen) await page.addInitScript((lang) => localStorage.setItem('samspil.lang', lang), c.chosen);
        await recordShifts(page);
        const release = await holdWasm(page);
        await page.goto(app.url + c.route, { waitUntil: 'domcontentloaded' });

        // The shell, with no wasm yet. Its heading is only drawn (the page is not there yet).
        const drawn = page.getByRole('main').getByText(c.heading, { exact: true });
        await drawn.waitFor({ timeout: APP_TIMEOUT });
        assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, 'no <h1> before the page is there');
        assert.equal(await page.evaluate(() => document.documentElement.lang), c.lang);
        assert.equal(await page.evaluate(() => document.documentElement.dir), c.dir);
        const nav = page.getByRole('navigation');
        for (const name of c.nav) assert.ok(await nav.getByRole('link', { name, exact: true }).isVisible(), `nav link ${name}`);
        if (c.current) assert.equal(await nav.getByRole('link', { name: c.current, exact: true }).getAttribute('aria-current'), 'page');
        assert.ok(await page.getByRole('status').filter({ hasText: /…$/ }).first().isVisible(), 'a loading line');
        const before = await drawn.boundingBox();
        if (c.route === '/') await screenshot(page, 'shell-root');

        // The app takes over: same heading, same place, and the page built from the data.
        release();
        await page.locator('[data-shell]').first().waitFor({ state: 'detached', timeout: APP_TIMEOUT });
        await page.locator('main .loading').waitFor({ state: 'detached', timeout: APP_TIMEOUT });
        await page.getByRole('heading', { level: 1, name: c.heading }).waitFor({ timeout: APP_TIMEOUT });
        assert.deepEqual(await page.getByRole('heading', { level: 1, name: c.heading }).boundingBox(), before, 'the heading stays where it was');
        // Let a frame pass so that any shift is reported.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const shifts = await page.evaluate(() => window.__shifts);
        assert.deepEqual(shifts, [], 'no layout shift');
        assertClean(page);
      } finally {
        await closePage(page);
      }
    });
  }

  test('someone who used the device before: the shell draws their name and links, and nothing moves when their page arrives', async () => {
    // A tablet, where the pupil's longer header takes two lines.
    const page = await newPage(app.browser, { viewport: SIZES.tablet, serviceWorkers: 'block' });
    try {
      await page.goto(app.url + '/');
      await page.getByRole('button', { name: 'Load demo data' }).click();
      await become(page, 'Emma');
      for (const [who, peer] of [['Emma', true], ['Mette Hansen', false]]) {
        if (who !== 'Emma') await become(page, who);
        await recordShifts(page);
        const release = await holdWasm(page);
        await page.reload({ waitUntil: 'domcontentloaded' });
        const banner = page.getByRole('banner');
        await banner.getByText(who, { exact: false }).first().waitFor({ timeout: APP_TIMEOUT });
        assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, 'still the shell');
        assert.equal(await banner.getByRole('link', { name: 'Pupil to pupil' }).count(), peer ? 1 : 0, `${who}: the peer space's link`);
        assert.ok(await banner.getByRole('link', { name: 'Switch person' }).isVisible());
        release();
        await page.getByRole('heading', { level: 1, name: `Hi ${who.split(' ')[0]}!` }).waitFor({ timeout: APP_TIMEOUT });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        assert.deepEqual(await page.evaluate(() => window.__shifts), [], `${who}: no layout shift`);
        await page.unrouteAll();
      }
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});
