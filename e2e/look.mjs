// Takes screenshots of the main views for a person to look at (not a test).
// Usage: node e2e/look.mjs [dist] [outdir]
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { startServer } from './server.mjs';
import { launchBrowser, SIZES } from './helpers.mjs';

const dist = process.argv[2] ?? 'dist';
const out = process.argv[3] ?? 'e2e/screenshots/look';
await mkdir(out, { recursive: true });
const server = await startServer({ root: dist, port: 0 });
const browser = await launchBrowser();
const views = [
  ['start', null, '/'],
  ['pupil-home', 'Emma', '/home'],
  ['coach-home', 'coach', '/home'],
  ['teacher-home', 'teacher', '/home'],
  ['pupil-page', 'teacher', '/pupil/pupil-emma'],
  ['goals', 'teacher', '/goals'],
  ['settings', 'teacher', '/settings'],
];
try {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const context = await browser.newContext({ viewport, locale: process.env.LOOK_LOCALE ?? 'en-US', colorScheme: process.env.LOOK_SCHEME ?? 'light' });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${m.type()}]`, m.text()); });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(server.url + '/');
    await page.getByRole('button', { name: /Load demo data|Hent eksempeldata/ }).click();
    await page.getByRole('button', { name: /^Emma/ }).waitFor();
    await page.waitForTimeout(500);
    for (const [name, who, route] of views) {
      if (who) {
        await page.goto(server.url + '/');
        const people = page.getByRole('button', { name: new RegExp(who === 'Emma' ? '^Emma' : `${who}\\b`, 'i') });
        await people.first().click();
      }
      await page.goto(server.url + route);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(out, `${name}-${size}.png`), fullPage: true });
    }
    await page.goto(server.url + '/goals');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(300);
    const first = page.locator('article h3 a').first();
    if (await first.count()) {
      await first.click();
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(out, `goal-${size}.png`), fullPage: true });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('screenshots in', out);
