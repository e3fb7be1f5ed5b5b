// The effect report on PocketBase, in the app: the leader logs in on her own
// device, which holds no pupil's record, and the report page shows the
// server's anonymised figures (GET /api/samspil/report) — the same numbers
// the server gives her token, for the demo teams and the report fixture's
// two schools together, which her device could never compute itself.
// Without the server the page says so and offers to try again. axe on the
// page, and screenshots at phone, tablet and desktop sizes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, closePage, openApp, assertClean, axeViolations, formatViolations, screenshot, SIZES, APP_TIMEOUT } from './helpers.mjs';
import { storedRecords } from './stored.mjs';
import { startSeeded, appFor } from './pocketbase-seeded.mjs';
import { demoEmail, DEMO_PASSWORD } from '../server/pocketbase/pocketbase.mjs';

let server;
let site;
let browser;
before(async () => {
  server = await startSeeded({ fixture: true });
  site = await appFor(server.url);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

/** The cells of a table, header row first, as the browser shows them. */
function cells(table) {
  return table.evaluate((t) => [...t.rows].map((r) => [...r.cells].map((c) => c.innerText.trim())));
}

describe('the effect report from PocketBase', () => {
  test('the leader\'s report page shows the server\'s figures, and her device holds no pupil', async () => {
    const res = await fetch(`${server.url}/api/samspil/report`, { headers: { Authorization: await server.tokenOf('leader-lone') } });
    assert.equal(res.status, 200);
    const expected = await res.json();
    assert.ok(expected.all.pupils >= 16, 'demo and fixture pupils together');

    const page = await newPage(browser, { viewport: SIZES.desktop });
    try {
      await openApp(page, site.url, '/');
      const form = page.getByRole('region', { name: 'Log in' });
      await form.getByRole('textbox', { name: 'Email' }).fill(demoEmail('leader-lone'));
      await form.getByLabel('Password').fill(DEMO_PASSWORD);
      await form.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hi Lone!' }).waitFor({ timeout: APP_TIMEOUT });
      await page.getByRole('link', { name: 'Open the effect report' }).click();

      const total = page.getByRole('table', { name: 'Effect report – All pupils' });
      await total.waitFor({ timeout: APP_TIMEOUT });
      const [header, all] = await cells(total);
      assert.equal(header[1], 'Pupils');
      assert.equal(all[1], String(expected.all.pupils), 'the number of pupils is the server\'s');
      assert.equal(all[2], String(expected.all.goalsProposed));
      assert.equal(all[6], expected.all.tNow.toFixed(1), 'the mean T-score now');
      const schools = (await cells(page.getByRole('table', { name: 'Effect report – Per school' }))).slice(1);
      assert.deepEqual(
        schools.map((row) => [row[0], row[1]]),
        expected.schools.shown.map((g) => [g.key.school, String(g.figures.pupils)]),
        'the schools the server shows, and no other',
      );
      const note = (n) => (n === 1 ? '1 group is not shown' : `${n} groups are not shown`);
      await page.getByText(`${note(expected.clubs.hidden)}, so that no pupil can be recognised.`).first().waitFor();

      // Nothing of any pupil reached the leader's device.
      const stored = await storedRecords(page);
      for (const [collection, list] of Object.entries(stored)) {
        for (const text of list) assert.doesNotMatch(text, /"pupil-|"p\d+"/, `${collection} on the leader's device: ${text.slice(0, 120)}`);
      }

      // Opened afresh (no login notice over it): axe and how it looks.
      await openApp(page, site.url, '/report');
      await total.waitFor({ timeout: APP_TIMEOUT });
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe on the server's report:\n  ${formatViolations(violations)}`);
      await screenshot(page, 'report-from-pocketbase');
      assertClean(page);

      // Without the server there is no report, and the page says why; it comes back when the server does.
      await server.pb.stop();
      await openApp(page, site.url, '/report');
      const problem = page.getByRole('alert').filter({ hasText: 'The server cannot be reached.' });
      await problem.waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await total.count(), 0);
      await screenshot(page, 'report-from-pocketbase-unreachable', { phone: SIZES.phone });
      await server.pb.start();
      await page.getByRole('button', { name: 'Try again' }).click();
      await total.waitFor({ timeout: APP_TIMEOUT });
      assert.equal((await cells(total))[1][1], String(expected.all.pupils));
    } finally {
      await closePage(page);
    }
  });
});
