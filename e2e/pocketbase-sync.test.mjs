// Pulls follow PocketBase's own clock (its `updated` field), never the
// editing device's: with a real PocketBase 0.40.6 (migrations, demo data,
// demo accounts) and real Chromium, a coach whose phone's clock is two hours
// behind and a pupil whose tablet was offline for an hour both get their
// check-ins seen by the teacher. Time is the pages' own fake clock.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, closePage, openApp, assertClean, forgiveOffline, eventually, SIZES, APP_TIMEOUT } from './helpers.mjs';
import { startSeeded, appFor } from './pocketbase-seeded.mjs';
import { storedHas, waitForEntries, waitForOutbox } from './stored.mjs';
import { demoEmail, DEMO_PASSWORD } from '../server/pocketbase/pocketbase.mjs';

const HOUR = 3_600_000;
const GOAL = { id: 'goal-emma-calm', title: 'I stay calm and keep playing when I miss a shot' };

let server;
let site;
let browser;
before(async () => {
  server = await startSeeded();
  site = await appFor(server.url);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

/** Check-ins on the goal as the superuser sees them on the server. */
async function serverCheckins() {
  const filter = encodeURIComponent(`goalId = '${GOAL.id}'`);
  const res = await fetch(`${server.url}/api/collections/checkins/records?perPage=500&filter=${filter}`, { headers: { Authorization: server.admin } });
  assert.equal(res.status, 200);
  return (await res.json()).items;
}

/** The first check-in on the server that `ready` accepts, once there is one. */
function onServer(ready, what) {
  return eventually(async () => (await serverCheckins()).find(ready), what);
}

async function shared(page) {
  await page.getByRole('link', { name: 'Everything is shared' }).and(page.getByTitle(/^Last shared at/)).waitFor({ timeout: APP_TIMEOUT });
}

/** A device on which `person` logs in, its clock at `clock` (time flows on from there). */
async function logIn(person, name, { clock = Date.now(), viewport = SIZES.desktop } = {}) {
  const page = await newPage(browser, { viewport });
  await page.clock.install({ time: clock });
  await openApp(page, site.url, '/');
  const form = page.getByRole('region', { name: 'Log in' });
  await form.getByRole('textbox', { name: 'Email' }).fill(demoEmail(person));
  await form.getByLabel('Password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: `Hi ${name}!` }).waitFor({ timeout: APP_TIMEOUT });
  await shared(page);
  return page;
}

const nudge = (page) => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

/** Waits until the device holds the server's copy of a check-in (same id, same version), nudging it to sync. */
function holds(page, checkin, what) {
  const has = (entries) => storedHas(entries, 'checkins', (c) => c.id === checkin.id && c.version === checkin.version);
  return waitForEntries(page, has, () => `${what} never reached this device`, { between: () => nudge(page) });
}

async function tap(page, level, pupil) {
  const group = page.getByRole('group', { name: `How is it going: ${GOAL.title}` });
  if (pupil && !(await group.isVisible())) await page.locator('summary').getByText(pupil, { exact: true }).click();
  await group.getByRole('button', { name: new RegExp(`^${level}`) }).click();
}

describe('pulls follow PocketBase\'s clock', () => {
  test('a check-in from a clock two hours behind, and one made an hour offline, reach the teacher', async () => {
    const started = Date.now();
    const teacher = await logIn('teacher-mette', 'Mette');
    // Sofie's phone is two hours behind.
    const coach = await logIn('coach-sofie', 'Sofie', { clock: Date.now() - 2 * HOUR, viewport: SIZES.phone });
    await tap(coach, '\\+2', 'Emma');
    const fromCoach = await onServer(
      // The server stamps its own time on what it takes (records.js), whatever the phone's clock said.
      (c) => c.personId === 'coach-sofie' && c.gas === 2 && c.updatedAt >= new Date(started).toISOString(),
      'the check-in from the phone two hours behind',
    );
    await holds(teacher, fromCoach, 'the check-in from the clock two hours behind');

    // Emma's tablet is offline for an hour; the teacher syncs in that hour.
    const pupil = await logIn('pupil-emma', 'Emma', { viewport: SIZES.tablet });
    await pupil.context().setOffline(true);
    await tap(pupil, '−2');
    await waitForOutbox(pupil, 1);
    for (const page of [teacher, pupil]) await page.clock.fastForward('01:00:00');
    await nudge(teacher);
    await shared(teacher);
    await pupil.context().setOffline(false);
    const fromPupil = await onServer((c) => c.personId === 'pupil-emma' && c.gas === -2, 'the check-in made offline');
    await holds(teacher, fromPupil, 'the check-in made offline an hour ago');

    forgiveOffline(pupil);
    for (const page of [teacher, coach, pupil]) {
      assertClean(page);
      await closePage(page);
    }
  });
});
