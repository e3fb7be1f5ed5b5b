// Screenshots of the effect report, the leader's home and the private notes
// for a person to look at (not a test). Usage: node e2e/look-report.mjs [dist] [outdir]
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { startServer } from './server.mjs';
import { launchBrowser, SIZES } from './helpers.mjs';
import { waitUntilStarted } from './stored.mjs';

const dist = process.argv[2] ?? 'dist';
const out = process.argv[3] ?? 'e2e/screenshots/look';
await mkdir(out, { recursive: true });
const server = await startServer({ root: dist, port: 0 });
const browser = await launchBrowser();
const views = [
  ['leader-home', 'leader-lone', '/home'],
  ['report', 'leader-lone', '/report'],
  ['pupil-page-emma', 'pupil-emma', '/pupil/pupil-emma'],
  ['goal-calm-emma', 'pupil-emma', '/goal/goal-emma-calm'],
  ['goal-calm-mette', 'teacher-mette', '/goal/goal-emma-calm'],
];
try {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const context = await browser.newContext({ viewport, locale: process.env.LOOK_LOCALE ?? 'en-US', colorScheme: process.env.LOOK_SCHEME ?? 'light' });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${m.type()}]`, m.text()); });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(server.url + '/');
    await page.getByRole('button', { name: /Load demo data|Hent eksempeldata/ }).click();
    await waitUntilStarted(page);
    for (const [name, who, route] of views) {
      await page.evaluate((me) => localStorage.setItem('samspil.me', me), who);
      await page.goto(server.url + route);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(400);
      if (name === 'goal-calm-emma') {
        await page.getByRole('form', { name: /New check-in|Ny opfølgning/ }).getByRole('radio', { name: /Only the people|Kun dem/ }).check();
      }
      await page.screenshot({ path: path.join(out, `${name}-${size}.png`), fullPage: true });
      // Close-ups of the new parts, readable at any page length.
      const parts = {
        'goal-calm-emma': [page.getByRole('form', { name: /New check-in|Ny opfølgning/ })],
        'goal-calm-mette': [page.getByRole('region', { name: /Comments|Kommentarer/ })],
        'pupil-page-emma': [page.getByRole('region', { name: /Private notes|Private noter/ }), page.getByRole('region', { name: /Data about|Data om/ })],
      }[name] ?? [];
      for (const [i, part] of parts.entries()) {
        if (await part.count()) await part.first().screenshot({ path: path.join(out, `${name}-part${i}-${size}.png`) });
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('screenshots in', out);
