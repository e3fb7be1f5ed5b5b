// Takes screenshots of every view for a person to look at (not a test): at
// phone, tablet and desktop sizes, in the languages asked for.
// Usage: node e2e/look.mjs [dist] [outdir]
//   LOOK_LANGS=da,ar (default da,en,ar)   LOOK_SCHEME=dark (default light)
// Files: <outdir>/<lang>/<view>-<size>.png
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { startServer } from './server.mjs';
import { launchBrowser, SIZES } from './helpers.mjs';
import { waitUntilStarted } from './stored.mjs';

const dist = process.argv[2] ?? 'dist';
const out = process.argv[3] ?? 'e2e/screenshots/look';
const LOCALES = { da: 'da-DK', en: 'en-US', ar: 'ar-EG' };
const LOAD_DEMO = /^(Load demo data|Hent eksempeldata|حمّل بيانات تجريبية)$/;
const langs = (process.env.LOOK_LANGS ?? 'da,en,ar').split(',');

// [file name, who is using the device (null: nobody chosen yet), route]
const VIEWS = [
  ['start', null, '/'],
  ['pupil-home', 'Emma', '/home'],
  ['coach-home', 'Sofie Berg', '/home'],
  ['teacher-home', 'Mette Hansen', '/home'],
  ['goals', 'Mette Hansen', '/goals'],
  ['pupil-page', 'Mette Hansen', '/pupil/pupil-emma'],
  ['goal-active', 'Mette Hansen', '/goal/goal-emma-calm'],
  ['goal-proposed', 'Mette Hansen', '/goal/goal-emma-reading'],
  ['goal-ended', 'Mette Hansen', '/goal/goal-freja-ask-for-help'],
  ['goal-form', 'Mette Hansen', '/pupil/pupil-emma/new-goal'],
  ['goal-revise', 'Mette Hansen', '/goal/goal-emma-calm/revise'],
  ['settings', 'Mette Hansen', '/settings'],
  ['not-found', 'Mette Hansen', '/no-such-page'],
  ['peer-refused', 'Mette Hansen', '/peer'],
  ['erase', 'Mette Hansen', '/pupil/pupil-emma/erase'],
  ['peer-pupil', 'Emma', '/peer'],
  ['peer-new-pupil', 'Malthe', '/peer'],
  ['peer-moderator', 'Jonas Lund', '/peer'],
  ['moderation', 'Jonas Lund', '/peer/moderate'],
  ['leader-home', 'Lone Larsen', '/home'],
  ['report', 'Lone Larsen', '/report'],
];

const server = await startServer({ root: dist, port: 0 });
const browser = await launchBrowser();
try {
  for (const lang of langs) {
    const dir = path.join(out, lang);
    await mkdir(dir, { recursive: true });
    for (const [size, viewport] of Object.entries(SIZES)) {
      const context = await browser.newContext({ viewport, locale: LOCALES[lang], colorScheme: process.env.LOOK_SCHEME ?? 'light' });
      const page = await context.newPage();
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${m.type()}]`, m.text()); });
      page.on('pageerror', (e) => console.log('[pageerror]', e.message));
      await page.goto(server.url + '/');
      await page.getByRole('button', { name: LOAD_DEMO }).click();
      await waitUntilStarted(page);
      let current = null;
      for (const [name, who, route] of VIEWS) {
        if (who && who !== current) {
          await page.goto(server.url + '/');
          await page.getByRole('button', { name: new RegExp(`^${who}`) }).first().click();
          await page.getByRole('heading', { level: 1 }).waitFor();
          current = who;
        }
        await page.goto(server.url + route);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(dir, `${name}-${size}.png`), fullPage: true });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('screenshots in', out);
