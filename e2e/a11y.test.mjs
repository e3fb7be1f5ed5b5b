// Accessibility: axe (WCAG 2.0/2.1/2.2 A + AA) on every route, on a fresh
// device and with demo data, at phone and desktop sizes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, axeViolations, formatViolations, SIZES, APP_TIMEOUT } from './helpers.mjs';

const ROUTES = ['/', '/home', '/goals', '/settings', '/pupil/pupil-emma', '/goal/does-not-exist', '/no-such-page'];
const LOAD_DEMO = 'Load demo data';

const app = useApp();

for (const [sizeName, viewport] of Object.entries({ phone: SIZES.phone, desktop: SIZES.desktop })) {
  describe(`axe at ${sizeName} size`, () => {
    test('first-start screen', async () => {
      const page = await newPage(app.browser, { viewport });
      try {
        await openApp(page, app.url, '/');
        const v = await axeViolations(page);
        assert.equal(v.length, 0, `axe violations on /:\n  ${formatViolations(v)}`);
      } finally {
        await closePage(page);
      }
    });

    for (const route of ROUTES) {
      test(`${route} with demo data`, async () => {
        const page = await newPage(app.browser, { viewport });
        try {
          await openApp(page, app.url, '/');
          const demo = page.getByRole('button', { name: LOAD_DEMO });
          await demo.click();
          await demo.waitFor({ state: 'detached', timeout: APP_TIMEOUT });
          await openApp(page, app.url, route);
          const v = await axeViolations(page);
          assert.equal(v.length, 0, `axe violations on ${route}:\n  ${formatViolations(v)}`);
        } finally {
          await closePage(page);
        }
      });
    }
  });
}
