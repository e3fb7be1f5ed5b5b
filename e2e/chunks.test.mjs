// The wasm is split by route (src/lazy.rs, scripts/build-wasm.mjs): the start
// page is in the main module; every other page, and the code that reads what is
// stored, are chunks fetched when needed (or when the browser is idle). When a chunk cannot be
// fetched — the connection is lost — the person is told so in their language,
// with a way to try again, and the app stays alive; once the connection is back,
// "Try again" opens the page. The server answers a missing chunk with 404, never
// with index.html (which the loader would try to compile as wasm).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { useApp, newPage, closePage, openApp, assertClean, cutOffChunks, forgiveRefusedChunks, PAGES_CHUNK, APP_TIMEOUT, DIST } from './helpers.mjs';

const TEXT = {
  loadDemo: 'Load demo data',
  demoNotLoaded: 'The demo data could not be loaded. Check the connection and try again.',
  emma: /^Emma\b/,
  settings: 'Settings',
  home: 'Home',
  failedTitle: 'This page could not be loaded',
  failedText: 'The connection was lost while the page was loading. Your data is safe. Check the connection and try again.',
  tryAgain: 'Try again',
  hello: 'Hi Emma!',
  codeNotFetched: 'Samspil could not fetch what it needs to read your data. It is stored safely on this device: check the connection and reload the page.',
  reload: 'Reload',
};

// A demo goal with a scale, in Mette's (the teacher's) team.
const GOAL = { id: 'goal-emma-calm', title: 'I stay calm and keep playing when I miss a shot' };

const app = useApp();

describe('pages in chunks', () => {
  test('the form that adds a person is a chunk: cut off, its place says so without a heading of its own; Try again brings it', async () => {
    const page = await newPage(app.browser, { serviceWorkers: 'block' });
    try {
      const reconnect = await cutOffChunks(page);
      await openApp(page, app.url, '/');
      await page.getByRole('button', { name: 'Start empty' }).click();
      await page.getByText('Add a person', { exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.getByText(TEXT.failedText).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, "the start page's heading only");
      assert.equal(await page.getByRole('textbox', { name: 'Name' }).count(), 0);

      await reconnect();
      await alert.getByRole('button', { name: TEXT.tryAgain }).click();
      await page.getByRole('textbox', { name: 'Name' }).fill('Zara');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('button', { name: /^Zara\b/ }).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await page.getByRole('alert').count(), 0, 'the failure message is gone');
      forgiveRefusedChunks(page);
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('a chunk that cannot be fetched says so and offers to try again; the app keeps working', async () => {
    // No service worker: once it has precached the chunks (e2e/offline.test.mjs), no page needs the network.
    const page = await newPage(app.browser, { serviceWorkers: 'block' });
    try {
      const reconnect = await cutOffChunks(page);
      await openApp(page, app.url, '/');

      // The demo builder is a chunk: no connection, no demo data — and a notice, not a crash.
      await page.getByRole('button', { name: TEXT.loadDemo }).click();
      await page.getByText(TEXT.demoNotLoaded).waitFor({ timeout: APP_TIMEOUT });
      await reconnect();
      await page.getByRole('button', { name: TEXT.loadDemo }).click();
      await page.getByRole('button', { name: TEXT.emma }).click();
      await page.getByRole('heading', { level: 1, name: TEXT.hello }).waitFor({ timeout: APP_TIMEOUT });

      // Reading what is stored is a chunk too. Cut off in a fresh page load,
      // the home cannot be read: the person is told that their data is safe,
      // nothing is written, and a reload with the connection back reads it.
      const cutOffAgain = await cutOffChunks(page);
      await page.goto(new URL('/home', app.url).href, { waitUntil: 'load' });
      await page.getByText(TEXT.codeNotFetched).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, 'no page drawn as if the device were empty');
      await cutOffAgain();
      // Only the other pages' chunk is cut off now (set before the reload, so the idle prefetch cannot win).
      const reconnectPages = await cutOffChunks(page, PAGES_CHUNK);
      await page.getByRole('button', { name: TEXT.reload }).click();
      await page.getByRole('heading', { level: 1, name: TEXT.hello }).waitFor({ timeout: APP_TIMEOUT });

      // Settings is in the pages' chunk: it says so, with a way to try again.
      await page.getByRole('link', { name: TEXT.settings }).click();
      const alert = page.getByRole('alert');
      await alert.getByRole('heading', { level: 1, name: TEXT.failedTitle }).waitFor({ timeout: APP_TIMEOUT });
      assert.ok(await alert.getByRole('button', { name: TEXT.tryAgain }).isVisible());

      // The rest of the app is alive: the home still opens.
      await page.getByRole('link', { name: TEXT.home }).click();
      await page.getByRole('heading', { level: 1, name: TEXT.hello }).waitFor({ timeout: APP_TIMEOUT });
      await page.getByRole('link', { name: TEXT.settings }).click();
      await alert.getByRole('button', { name: TEXT.tryAgain }).waitFor({ timeout: APP_TIMEOUT });

      // The connection is back: Try again opens the page.
      await reconnectPages();
      await alert.getByRole('button', { name: TEXT.tryAgain }).click();
      await page.getByRole('heading', { level: 1, name: TEXT.settings }).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await page.getByRole('alert').count(), 0, 'the failure message is gone');

      // The refused requests and the loader's reports of them are the only problems.
      forgiveRefusedChunks(page);
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('a page in a chunk is not rebuilt when the data changes: what was typed stays', async () => {
    const page = await newPage(app.browser);
    try {
      await openApp(page, app.url, '/');
      await page.getByRole('button', { name: TEXT.loadDemo }).click();
      await page.getByRole('button', { name: /^Mette Hansen\b/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Hi Mette!' }).waitFor({ timeout: APP_TIMEOUT });
      // The goal page is a chunk; a comment half written, then a check-in saved on the same page.
      await openApp(page, app.url, `/goal/${GOAL.id}`);
      await page.getByRole('heading', { level: 1, name: GOAL.title }).waitFor({ timeout: APP_TIMEOUT });
      const comment = page.getByRole('textbox', { name: 'Write a comment' });
      await comment.fill('Half written, not sent yet');
      const form = page.getByRole('form', { name: 'New check-in' });
      await form.getByRole('radio').first().check();
      await form.getByRole('button', { name: 'Save check-in' }).click();
      await page.getByRole('status').filter({ hasText: `Check-in saved: ${GOAL.title}` }).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await comment.inputValue(), 'Half written, not sent yet');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('a page whose code arrives after the move gets focus on its heading, and its name', async () => {
    // No service worker: its precached chunks would arrive at once.
    const page = await newPage(app.browser, { serviceWorkers: 'block' });
    try {
      await openApp(page, app.url, '/');
      await page.getByRole('button', { name: TEXT.loadDemo }).click();
      await page.getByRole('button', { name: TEXT.emma }).click();
      await page.getByRole('heading', { level: 1, name: TEXT.hello }).waitFor({ timeout: APP_TIMEOUT });
      // A fresh load, with the pages' chunk held back until the move to Settings has been made.
      let release;
      const arrived = new Promise((resolve) => (release = resolve));
      const hold = async (route) => {
        await arrived;
        await route.continue();
      };
      await page.route(PAGES_CHUNK, hold);
      await openApp(page, app.url, '/home');
      await page.getByRole('link', { name: TEXT.settings }).click();
      await page.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ timeout: APP_TIMEOUT });
      release();
      const heading = page.getByRole('heading', { level: 1, name: TEXT.settings });
      await heading.waitFor({ timeout: APP_TIMEOUT });
      await page.waitForFunction(() => document.activeElement?.matches('main h1'), null, { timeout: APP_TIMEOUT });
      assert.equal(await heading.evaluate((h) => h === document.activeElement), true, 'focus is on the page\'s heading');
      await page.waitForFunction(() => document.title === 'Settings – Samspil', null, { timeout: APP_TIMEOUT }).catch(() => {});
      assert.equal(await page.title(), 'Settings – Samspil', 'the page is named after its heading');
      await page.unroute(PAGES_CHUNK, hold);
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('a missing chunk is a 404, not the app page', async () => {
    const [folder] = (await readdir(DIST)).filter((f) => /^wasm-[0-9a-f]{16}$/.test(f));
    assert.ok(folder, 'dist/ has a wasm-<hash>/ folder');
    const existing = (await readdir(`${DIST}/${folder}`)).find((f) => f.startsWith('split_'));
    const ok = await fetch(`${app.url}/${folder}/${existing}`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'application/wasm');
    for (const missing of [`/${folder}/split_gone.wasm`, '/wasm-0000000000000000/app_bg.wasm']) {
      const response = await fetch(app.url + missing);
      assert.equal(response.status, 404, `${missing} answered ${response.status}`);
      assert.doesNotMatch(await response.text(), /<html/i);
    }
  });
});
