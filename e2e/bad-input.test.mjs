// Bad input from the network: a real server on 127.0.0.1 (e2e/bad-server.mjs)
// answers with errors (500, 401), HTML instead of JSON, truncated JSON, a
// 40 MiB body, no answer at all, or no server is listening. Each time the
// app stays usable, says what is wrong in words a coach understands, never
// panics, and keeps the change waiting in its outbox across a reload. A list
// with invalid, wrongly typed, unknown-field and hostile records shows the
// good records as plain text and says how many were skipped.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, newPage, closePage, openApp, problemsOf, APP_TIMEOUT, DIST } from './helpers.mjs';
import { startServer } from './server.mjs';
import { startBadServer, person } from './bad-server.mjs';

let browser;
let bad;
const sites = [];

/** The release build deployed with a config.json naming `url` as its json-server. */
async function site(url) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samspil-bad-site-'));
  await cp(DIST, dir, { recursive: true });
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ backend: { kind: 'json-server', url } }));
  const served = await startServer({ root: dir, port: 0 });
  sites.push({ dir, served });
  return served.url;
}

/** A port where nothing listens. */
function closedPort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

let badSite;
let refusedSite;
let refusedUrl;
before(async () => {
  browser = await launchBrowser();
  bad = await startBadServer();
  badSite = await site(bad.url);
  refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  refusedSite = await site(refusedUrl);
});
after(async () => {
  await browser?.close();
  await bad?.close();
  for (const { dir, served } of sites) {
    await served.close();
    await rm(dir, { recursive: true, force: true });
  }
});

/**
 * The problems left once the failures this test provokes on purpose are set
 * aside: requests to the bad server and the browser's own logging of them.
 */
function otherProblems(page, serverUrl) {
  const p = problemsOf(page);
  const provoked = (line) => line.includes(serverUrl) || /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|Failed to fetch|Failed to load resource/.test(line);
  return [
    ...p.pageErrors,
    ...p.consoleErrors.filter((l) => !provoked(l)),
    ...p.failedRequests.filter((l) => !provoked(l)),
    ...p.foreignRequests,
  ];
}

async function addPupil(page, name) {
  await page.locator('summary').filter({ hasText: 'Add a person' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'pupil' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).waitFor();
}

// [mode, what the header's sync indicator must say]
const FAILURES = [
  ['status-500', /^The server answered with an error \(500\) – trying again$/],
  // A server that wants a login: the person is asked to log in, and the change waits.
  ['status-401', /^Log in to share – 1 change waiting$/],
  ['html', /^The server's answer made no sense – trying again$/],
  ['malformed', /^The server's answer made no sense – trying again$/],
  ['huge', /^The server's answer made no sense – trying again$/],
];

describe('a server that answers badly', () => {
  for (const [mode, says] of FAILURES) {
    test(`${mode}: a clear message, the app usable, the change kept`, async () => {
      bad.setMode(mode);
      const page = await newPage(browser);
      try {
        await openApp(page, badSite, '/');
        await addPupil(page, 'Ida');
        await page.getByRole('link', { name: says }).waitFor({ timeout: APP_TIMEOUT });
        // Still usable: choose Ida and reach her home.
        await page.getByRole('button', { name: /^Ida\b/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Hi Ida!' }).waitFor({ timeout: APP_TIMEOUT });
        // Nothing is lost: after a reload Ida is still here and her record still waits to be sent.
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Hi Ida!' }).waitFor({ timeout: APP_TIMEOUT });
        await page.getByRole('link', { name: says }).waitFor({ timeout: APP_TIMEOUT });
        const pending = await page.evaluate(() => new Promise((resolve, reject) => {
          const open = indexedDB.open('samspil');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('outbox').objectStore('outbox').count();
            count.onsuccess = () => resolve(count.result);
          };
        }));
        assert.equal(pending, 1, 'the new pupil still waits in the outbox');
        assert.deepEqual(otherProblems(page, bad.url), []);
      } finally {
        await closePage(page);
      }
    });
  }

  test('no answer at all: the app does not wait for it, and says the server cannot be reached', async () => {
    bad.setMode('timeout');
    const page = await newPage(browser);
    try {
      await openApp(page, badSite, '/');
      // The first pull hangs; adding a person does not.
      await addPupil(page, 'Ida');
      await page.getByRole('link', { name: /^Can't reach the server – 1 change waiting$/ }).waitFor({ timeout: 40000 });
      assert.deepEqual(otherProblems(page, bad.url), []);
    } finally {
      await closePage(page);
    }
  });

  test('nobody listening: the server cannot be reached, and the change waits', async () => {
    const page = await newPage(browser);
    try {
      await openApp(page, refusedSite, '/');
      await addPupil(page, 'Ida');
      await page.getByRole('link', { name: /^Can't reach the server – 1 change waiting$/ }).waitFor({ timeout: APP_TIMEOUT });
      await page.reload();
      await page.getByRole('button', { name: /^Ida\b/ }).waitFor({ timeout: APP_TIMEOUT });
      await page.getByRole('link', { name: /^Can't reach the server – 1 change waiting$/ }).waitFor({ timeout: APP_TIMEOUT });
      assert.deepEqual(otherProblems(page, refusedUrl), []);
    } finally {
      await closePage(page);
    }
  });

  test('invalid, wrongly typed, unknown-field and hostile records: good ones shown as text, the rest skipped and counted', async () => {
    const hostile = '<script>alert(1)</script> Nora \u202Eodd';
    bad.setMode('records');
    const page = await newPage(browser);
    const dialogs = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    try {
      const people = [
        person('p-hostile', hostile),
        person('p-unknown', 'Sami', { favouriteColour: 'blue', nested: { deep: [1, 2, 3] } }),
        { id: 'p-missing' },
        person('p-type', 42),
        person('p-role', 'Bo', { role: 'wizard' }),
        person('p-version', 'Lea', { version: 'one' }),
        'just a string',
        null,
      ];
      bad.setPeople(people);
      await openApp(page, badSite, '/');
      await page.getByRole('button', { name: /^Sami\b/ }).waitFor({ timeout: APP_TIMEOUT });
      const shown = page.getByRole('button', { name: /Nora/ }).getByText(hostile, { exact: true });
      assert.equal(await shown.count(), 1, 'the hostile name is shown as typed, as text');
      for (const name of ['Bo', 'Lea']) {
        assert.equal(await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).count(), 0, `${name} is skipped`);
      }
      await openApp(page, badSite, '/settings');
      await page.getByText('6 records from the server were invalid and were skipped.').waitFor({ timeout: APP_TIMEOUT });
      assert.deepEqual(dialogs, [], 'no script ran');
      assert.deepEqual(otherProblems(page, bad.url), []);
    } finally {
      await closePage(page);
    }
  });
});
