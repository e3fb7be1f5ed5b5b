// Smoke test: every route renders a level-1 heading without errors, the
// first-start screen offers demo data, and screenshots of every route are
// saved at phone, tablet and desktop sizes (e2e/screenshots/, git-ignored).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, assertClean, screenshot, APP_TIMEOUT } from './helpers.mjs';

// The few UI texts this file relies on (English locale).
const TEXT = {
  startHeading: 'Who is using this device?',
  loadDemo: 'Load demo data',
  startEmpty: 'Start empty',
};

const ROUTES = ['/', '/home', '/goals', '/settings', '/pupil/pupil-emma', '/goal/does-not-exist', '/no-such-page'];

const app = useApp();

/** On the first-start screen, load the demo data and wait until people are listed. */
async function loadDemoData(page) {
  await page.getByRole('button', { name: TEXT.loadDemo }).click();
  await page.getByRole('button', { name: TEXT.loadDemo }).waitFor({ state: 'detached', timeout: APP_TIMEOUT });
}

describe('first start', () => {
  test('the start page asks who is using the device and offers demo data', async () => {
    const page = await newPage(app.browser);
    try {
      await openApp(page, app.url, '/');
      await page.getByRole('heading', { level: 1, name: TEXT.startHeading }).waitFor({ timeout: APP_TIMEOUT });
      assert.ok(await page.getByRole('button', { name: TEXT.loadDemo }).isVisible(), `no "${TEXT.loadDemo}" button`);
      assert.ok(await page.getByRole('button', { name: TEXT.startEmpty }).isVisible(), `no "${TEXT.startEmpty}" button`);
      await screenshot(page, 'first-start');

      await loadDemoData(page);
      // People now appear as buttons to choose from.
      const people = page.getByRole('button');
      await people.first().waitFor({ timeout: APP_TIMEOUT });
      assert.ok((await people.count()) >= 2, `expected people as buttons, found ${await people.count()} buttons`);
      await screenshot(page, 'demo-loaded');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});

describe('every route on a fresh device', () => {
  for (const route of ROUTES) {
    test(`${route} renders a heading without errors`, async () => {
      const page = await newPage(app.browser);
      try {
        await openApp(page, app.url, route);
        assert.ok(await page.getByRole('heading', { level: 1 }).first().isVisible());
        await screenshot(page, `fresh-${route === "/" ? "root" : route}`);
        assertClean(page, route);
      } finally {
        await closePage(page);
      }
    });
  }
});

describe('every route with demo data', () => {
  for (const route of ROUTES) {
    test(`${route} renders a heading without errors`, async () => {
      const page = await newPage(app.browser);
      try {
        await openApp(page, app.url, '/');
        await loadDemoData(page);
        await openApp(page, app.url, route);
        assert.ok(await page.getByRole('heading', { level: 1 }).first().isVisible());
        await screenshot(page, `demo-${route === "/" ? "root" : route}`);
        assertClean(page, route);
      } finally {
        await closePage(page);
      }
    });
  }
});
