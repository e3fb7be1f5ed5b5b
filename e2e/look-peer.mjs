// Screenshots of the peer space, the moderation queue and the erase page for
// a person to look at (not a test). Usage: node e2e/look-peer.mjs [dist] [outdir]
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
  ['peer-pupil', 'Emma', '/peer'],
  ['peer-refused', 'Mette', '/peer'],
  ['peer-moderator', 'Jonas', '/peer'],
  ['moderation', 'Jonas', '/peer/moderate'],
  ['erase', 'Mette', '/pupil/pupil-emma/erase'],
  ['peer-new-pupil', 'Malthe', '/peer'],
];
try {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const context = await browser.newContext({ viewport, locale: process.env.LOOK_LOCALE ?? 'en-US', colorScheme: process.env.LOOK_SCHEME ?? 'light' });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${m.type()}]`, m.text()); });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(server.url + '/');
    await page.getByRole('button', { name: /Load demo data|Hent eksempeldata/ }).click();
    // Give the demo data time to be stored before the first reload (stored.mjs's wait can return early).
    await page.getByRole('button', { name: /^Emma/ }).waitFor();
    await page.waitForTimeout(3000);
    for (const [name, who, route] of views) {
      await page.goto(server.url + '/');
      await page.getByRole('button', { name: new RegExp(`^${who}`) }).first().click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.goto(server.url + route);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(out, `${name}-${size}.png`), fullPage: true });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('screenshots in', out);
