// Sharing through a real json-server 0.17.4 process on 127.0.0.1: two
// devices see each other's work; changes made while the server cannot be
// reached wait in the outbox across a reload and arrive exactly once; two
// devices changing the same goal produce a conflict the person resolves by
// keeping one version, or by merging the two field by field.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, newPage, closePage, openApp, assertClean, problemsOf, cutOffChunks, forgiveRefusedChunks, screenshot, SIZES, APP_TIMEOUT, DIST } from './helpers.mjs';
import { startServer } from './server.mjs';
import { startJsonServer } from './json-server.mjs';
import { waitForEntries, waitForOutbox } from './stored.mjs';

const JSON_SERVER_UNPROTECTED =
  'A json-server has no accounts: anyone who can reach it can read and change everything on it, every pupil\'s data included. Use it only on a network you trust, or choose PocketBase, where each person logs in and sees only their own teams.';

// The release build as a deployment would serve it: its config.json names the json-server.
const app = {};
let server;
let site;
let siteDir;
before(async () => {
  server = await startJsonServer();
  siteDir = await mkdtemp(path.join(os.tmpdir(), 'samspil-site-'));
  await cp(DIST, siteDir, { recursive: true });
  await writeFile(path.join(siteDir, 'config.json'), JSON.stringify({ backend: { kind: 'json-server', url: server.url } }));
  site = await startServer({ root: siteDir, port: 0 });
  app.url = site.url;
  app.browser = await launchBrowser();
});
after(async () => {
  await app.browser?.close();
  await site?.close();
  await server?.stop();
  if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

const GOAL = 'Read before practice';

/** A device whose deployment points at the test's json-server. */
async function device(viewport = SIZES.desktop) {
  return newPage(app.browser, { viewport });
}

async function shared(page) {
  await page.getByRole('link', { name: 'Everything is shared' }).waitFor({ timeout: APP_TIMEOUT });
}

async function addPerson(page, name, role) {
  if (!(await page.getByRole('textbox', { name: 'Name' }).isVisible())) await page.getByText('Add a person').click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).waitFor();
}

async function become(page, name) {
  await openApp(page, page.url(), '/');
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await page.getByRole('heading', { level: 1, name: `Hi ${name}!` }).waitFor({ timeout: APP_TIMEOUT });
}

/** Outbox and server failures are what these tests provoke: keep only other problems. */
function ignoreUnreachableServer(page) {
  const p = problemsOf(page);
  const isServer = (line) => line.includes(server.url);
  p.failedRequests = p.failedRequests.filter((l) => !isServer(l));
  p.consoleErrors = p.consoleErrors.filter((l) => !isServer(l) && !/ERR_CONNECTION_REFUSED|Failed to fetch/.test(l));
}

describe('sharing through json-server', () => {
  let tablet;
  let phone;
  let goalId;

  test('a pupil on one device and a coach on another see each other\'s work', async () => {
    tablet = await device(SIZES.tablet);
    await openApp(tablet, app.url, '/');
    assert.equal(await tablet.getByRole('button', { name: 'Load demo data' }).count(), 0, 'the team\'s data comes from the server');
    await addPerson(tablet, 'Ida', 'pupil');
    await addPerson(tablet, 'Karim', 'coach');
    await tablet.getByRole('button', { name: /^Ida\b/ }).click();
    await tablet.getByRole('link', { name: 'My strengths and my team' }).click();
    const team = tablet.getByRole('region', { name: 'Team' });
    const karim = await team.getByRole('option', { name: /^Karim / }).getAttribute('value');
    await team.getByRole('combobox', { name: 'Add to the team' }).selectOption(karim);
    await team.getByRole('button', { name: 'Add', exact: true }).click();
    await tablet.getByRole('link', { name: /Propose a goal/ }).click();
    await tablet.getByRole('textbox', { name: 'My goal, in my own words' }).fill(GOAL);
    for (const [level, text] of [['−2', 'No pages'], ['−1', 'A page'], ['0', 'Five pages'], ['\\+1', 'Ten pages'], ['\\+2', 'A chapter']]) {
      await tablet.getByRole('textbox', { name: new RegExp(`^${level}:`) }).fill(text);
    }
    await tablet.getByRole('button', { name: 'Propose a goal' }).click();
    await tablet.getByRole('heading', { level: 1, name: GOAL }).waitFor();
    goalId = new URL(tablet.url()).pathname.split('/').pop();
    await shared(tablet);
    const goals = await server.get(`/goals?id=${goalId}`);
    assert.equal(goals.length, 1, 'the goal reached the server');

    phone = await device(SIZES.phone);
    await openApp(phone, app.url, '/');
    await phone.getByRole('button', { name: /^Karim\b/ }).click({ timeout: APP_TIMEOUT });
    await phone.getByRole('heading', { level: 1, name: 'Hi Karim!' }).waitFor();
    await phone.getByRole('button', { name: `Agree to: ${GOAL}` }).click();
    await shared(phone);
    assert.equal((await server.get(`/agreements?goalId=${goalId}`)).length, 2);

    await phone.locator('summary').getByText('Ida', { exact: true }).click();
    await phone.getByRole('group', { name: `How is it going: ${GOAL}` }).getByRole('button', { name: /^\+1/ }).click();
    await shared(phone);

    // The pupil's tablet picks the coach's work up.
    await tablet.reload();
    await tablet.getByRole('heading', { level: 1, name: GOAL }).waitFor({ timeout: APP_TIMEOUT });
    await tablet.getByRole('region', { name: 'Progress' }).getByText('Karim (coach)').first().waitFor({ timeout: APP_TIMEOUT });
    assert.match(await tablet.getByRole('region', { name: 'Progress' }).innerText(), /\+1\s+Karim \(coach\)/);
    await screenshot(tablet, 'sync-tablet-sees-coach');
    assertClean(tablet);
    assertClean(phone);
  });

  test('changes made while the server is down survive a reload and arrive exactly once', async () => {
    await server.stop();
    await phone.getByRole('group', { name: `How is it going: ${GOAL}` }).getByRole('button', { name: /^\+2/ }).click();
    // Leaving the page a moment after the tap could abort its write: as a person would, go on once it is stored.
    await waitForOutbox(phone, 1);
    await openApp(phone, app.url, `/goal/${goalId}`);
    const comments = phone.getByRole('region', { name: 'Comments and encouragement' });
    await comments.getByRole('textbox', { name: 'Write a comment' }).fill('Great reading in the bus today');
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await phone.getByRole('link', { name: /Can't reach the server – 2 changes waiting/ }).waitFor({ timeout: APP_TIMEOUT });

    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: GOAL }).waitFor({ timeout: APP_TIMEOUT });
    await phone.getByRole('link', { name: /2 changes waiting/ }).waitFor({ timeout: APP_TIMEOUT });
    assert.ok(await phone.getByText('Great reading in the bus today').isVisible(), 'the comment is still shown');

    await phone.context().setOffline(true);
    await phone.getByRole('link', { name: 'Offline – 2 changes waiting' }).waitFor();
    await screenshot(phone, 'sync-offline-phone', { phone: SIZES.phone });
    await server.start();
    await phone.context().setOffline(false);
    await shared(phone);
    const sent = await server.get(`/comments?goalId=${goalId}`);
    assert.equal(sent.filter((c) => c.text === 'Great reading in the bus today').length, 1, 'the comment arrived exactly once');
    const checkins = await server.get(`/checkins?goalId=${goalId}`);
    const karims = checkins.filter((c) => c.personId !== checkins.find((x) => x.personId)?.pupilId);
    assert.equal(karims.length, 1, 'one check-in from the coach today, corrected, not duplicated');
    assert.equal(karims[0].gas, 2);
    assert.equal(karims[0].version, 2);
    ignoreUnreachableServer(phone);
    assertClean(phone);
  });

  test('two devices changing the same goal give a conflict the person resolves', async () => {
    await server.stop();
    for (const [page, title] of [[tablet, 'Read 15 pages before practice'], [phone, 'Read 12 pages before practice']]) {
      await openApp(page, app.url, `/goal/${goalId}/revise`);
      await page.getByRole('textbox', { name: /own words/ }).fill(title);
      await page.getByRole('button', { name: 'Propose the change' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
    }
    // The phone stays offline until the tablet's change is in: otherwise its
    // own retry may reach the server first, and the clash lands on the tablet.
    await phone.context().setOffline(true);
    await server.start();
    await tablet.reload();
    await shared(tablet);
    await phone.context().setOffline(false);
    await phone.reload();
    await phone.getByText('One change clashed with a change made on another device.').waitFor({ timeout: APP_TIMEOUT });
    await phone.getByRole('link', { name: 'Choose what stays' }).click();
    // The settings page says plainly what json-server does not protect.
    await phone.getByText(JSON_SERVER_UNPROTECTED).waitFor();
    const conflicts = phone.getByRole('region', { name: 'Changes that clashed' });
    const table = await conflicts.getByRole('table').innerText();
    assert.match(table, /Read 12 pages before practice/);
    assert.match(table, /Read 15 pages before practice/);
    await screenshot(phone, 'sync-conflict', { phone: SIZES.phone, desktop: SIZES.desktop });
    await conflicts.getByRole('button', { name: 'Keep mine' }).click();
    await conflicts.waitFor({ state: 'detached' });
    await shared(phone);
    const [goal] = await server.get(`/goals?id=${goalId}`);
    assert.equal(goal.content.title, 'Read 12 pages before practice');
    await tablet.reload();
    await tablet.getByRole('heading', { level: 1, name: 'Read 12 pages before practice' }).waitFor({ timeout: APP_TIMEOUT });
    ignoreUnreachableServer(phone);
    ignoreUnreachableServer(tablet);
    assertClean(phone);
    assertClean(tablet);
  });

  test('a conflict can be merged field by field, keeping both people\'s work', async () => {
    const WHY = 'Reading first makes practice more fun';
    const TITLE = 'Read 20 pages before practice';
    await server.stop();
    await openApp(tablet, app.url, `/goal/${goalId}/revise`);
    await tablet.getByRole('textbox', { name: /own words/ }).fill(TITLE);
    await tablet.getByRole('button', { name: 'Propose the change' }).click();
    await tablet.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await openApp(phone, app.url, `/goal/${goalId}/revise`);
    await phone.getByRole('textbox', { name: 'Why does the goal matter?' }).fill(WHY);
    await phone.getByRole('button', { name: 'Propose the change' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Read 12 pages before practice' }).waitFor();
    await phone.context().setOffline(true);
    await server.start();
    await tablet.reload();
    await shared(tablet);
    await phone.context().setOffline(false);
    await phone.reload();
    await phone.getByRole('link', { name: 'Choose what stays' }).click({ timeout: APP_TIMEOUT });
    const conflicts = phone.getByRole('region', { name: 'Changes that clashed' });
    // The phone keeps its own "why" and takes the tablet's title.
    await conflicts.locator('summary').filter({ hasText: 'Merge field by field' }).click();
    const theirTitle = conflicts.getByRole('group', { name: 'content.title' }).getByRole('radio', { name: `The version on the server: ${TITLE}` });
    await theirTitle.check();
    // The connection goes and comes back while the person chooses: the merge and the choice made stay.
    await phone.context().setOffline(true);
    await phone.getByRole('link', { name: /^Offline/ }).waitFor();
    await phone.context().setOffline(false);
    await phone.getByRole('link', { name: /^Offline/ }).waitFor({ state: 'detached' });
    assert.ok(await theirTitle.isChecked(), 'the choice made before the connection came back is still there');
    assert.ok(await conflicts.getByRole('group', { name: 'content.why' }).getByRole('radio', { name: `Your version: ${WHY}` }).isChecked());
    await conflicts.getByRole('button', { name: 'Keep what I chose' }).click();
    await conflicts.waitFor({ state: 'detached' });
    await shared(phone);
    const [goal] = await server.get(`/goals?id=${goalId}`);
    assert.equal(goal.content.title, TITLE, 'the tablet\'s title is kept');
    assert.equal(goal.content.why, WHY, 'the phone\'s reason is kept');
    await tablet.reload();
    await tablet.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: APP_TIMEOUT });
    await tablet.getByText(WHY).waitFor({ timeout: APP_TIMEOUT });
    ignoreUnreachableServer(phone);
    ignoreUnreachableServer(tablet);
    assertClean(phone);
    assertClean(tablet);
  });

  test('a half-written goal keeps its words when another device\'s work arrives', async () => {
    const [goal] = await server.get(`/goals?id=${goalId}`);
    await openApp(tablet, app.url, `/pupil/${goal.pupilId}/new-goal`);
    const title = tablet.getByRole('textbox', { name: 'My goal, in my own words' });
    await title.fill('Swim a length without stopping');
    await tablet.getByRole('textbox', { name: 'Why does the goal matter?' }).fill('Summer camp');

    await openApp(phone, app.url, '/');
    await addPerson(phone, 'Lars Holm', 'teacher');
    await shared(phone);
    assert.equal((await server.get('/people?name=Lars Holm')).length, 1);
    // The tablet pulls (as it does when it comes back into view) until it knows Lars.
    await waitForEntries(tablet, (entries) => JSON.stringify(entries).includes('Lars Holm'), () => 'the tablet never pulled Lars', {
      between: () => tablet.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))),
    });
    await tablet.waitForTimeout(200);
    assert.equal(await title.inputValue(), 'Swim a length without stopping', 'the title is still there');
    assert.equal(await tablet.getByRole('textbox', { name: 'Why does the goal matter?' }).inputValue(), 'Summer camp');
    // Leaving a page can cut a pull short (ERR_ABORTED); that is not a fault.
    ignoreUnreachableServer(phone);
    ignoreUnreachableServer(tablet);
    assertClean(phone);
    assertClean(tablet);
    await closePage(tablet);
    await closePage(phone);
  });

  test('a device that cannot fetch the sync\'s code says the server cannot be reached, and syncs once it can', async () => {
    // The sync is a chunk of its own (src/sync.rs), fetched when the first sync starts.
    // No service worker: its precache would answer for the network.
    const fresh = await newPage(app.browser, { viewport: SIZES.phone, serviceWorkers: 'block' });
    try {
      const reconnect = await cutOffChunks(fresh);
      await openApp(fresh, app.url, '/');
      // The start page is in the main wasm: it is there, with nobody yet (the team is on the server).
      await fresh.getByRole('heading', { level: 1, name: 'Who is using this device?' }).waitFor({ timeout: APP_TIMEOUT });
      await fresh.getByRole('link', { name: /^Can't reach the server/ }).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await fresh.getByRole('button', { name: /^Ida\b/ }).count(), 0);

      // The code arrives at the next try (the sync tries again after 2, 4, 8 … seconds).
      await reconnect();
      await fresh.getByRole('button', { name: /^Ida\b/ }).waitFor({ timeout: APP_TIMEOUT });
      await shared(fresh);
      forgiveRefusedChunks(fresh);
      assertClean(fresh);
    } finally {
      await closePage(fresh);
    }
  });
});
