// The peer space and erasure through PocketBase, in the app: a real
// PocketBase 0.40.6 (migrations, hooks, the demo data and the report
// fixture's second school) and real Chromium on the release build.
// - A pupil of another school, on her own account, writes a post; a moderator
//   from neither school approves it in the app; Emma, on her account, reads it
//   under its pseudonym, and the other pupil reads Emma's approved post under
//   Emma's. Neither device ever receives the other pupil's id.
// - Emma's teacher erases Emma in the app: nothing of Emma is left on the
//   server (superuser HTTP), her login included; the other pupil's device
//   purges the post it knew under Emma's alias; asking again is harmless.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, closePage, openApp, assertClean, eventually, SIZES, APP_TIMEOUT } from './helpers.mjs';
import { storedRecords } from './stored.mjs';
import { startSeeded, appFor } from './pocketbase-seeded.mjs';
import { demoEmail, DEMO_PASSWORD, COLLECTIONS } from '../server/pocketbase/pocketbase.mjs';

/** A pupil of another school (Skole B in the report fixture), with an account of her own. */
const P6 = 'p6';
const EMMA = 'pupil-emma';
const P6_NAME = 'Night Owl';
const P6_POST = 'I read the first page twice before I start my homework.';
const EMMA_POST = 'When homework feels too big, I split it into three small parts and tick each one off.';
const ALIAS = /^pupil:[0-9a-f]{32}$/;

let server;
let site;
let browser;
before(async () => {
  server = await startSeeded({ fixture: true, fixtureAccounts: [P6] });
  site = await appFor(server.url);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

/** Every record of a collection on the server. */
async function onServer(collection) {
  return (await server.superuser('GET', `/api/collections/${collection}/records?perPage=500`)).items;
}

/** The post with this text on the server, once `ready` holds for it. */
function postOnServer(text, ready, what) {
  return eventually(async () => (await onServer('posts')).find((p) => p.text === text && ready(p)), what);
}

/** Everything each device received from PocketBase, as text. */
const received = new Map();

const nudge = (page) => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

async function shared(page) {
  await page.getByRole('link', { name: 'Everything is shared' }).waitFor({ timeout: APP_TIMEOUT });
}

/** A device on which `person` logs in with her own account. */
async function logIn(person, viewport) {
  const page = await newPage(browser, { viewport });
  const answers = [];
  received.set(person, answers);
  page.on('response', (res) => {
    if (res.url().startsWith(server.url)) answers.push(res.text().catch(() => ''));
  });
  await openApp(page, site.url, '/');
  const form = page.getByRole('region', { name: 'Log in' });
  await form.getByRole('textbox', { name: 'Email' }).fill(demoEmail(person));
  await form.getByLabel('Password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Hi / }).waitFor({ timeout: APP_TIMEOUT });
  await shared(page);
  return page;
}

/** Everything `person`'s device received so far, as one text. */
async function receivedBy(person) {
  return (await Promise.all(received.get(person))).join('\n');
}

/** Opens the peer space through the header's link, on a topic if given. */
async function peerSpace(page, topic) {
  await page.getByRole('banner').getByRole('link', { name: 'Pupil to pupil' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pupil to pupil' }).waitFor();
  if (topic) await pickTopic(page, topic);
}

async function pickTopic(page, topic) {
  await page.getByRole('group', { name: 'Topics' }).getByRole('button', { name: new RegExp(`^${topic} `) }).click();
  await page.getByRole('heading', { level: 2, name: topic }).waitFor();
}

/** Waits until the page shows `text` in a post by `author`, nudging the device to sync. */
async function seesPost(page, author, text) {
  const post = page.getByRole('article', { name: author, exact: true }).getByText(text);
  await eventually(async () => {
    if (await post.count()) return true;
    await nudge(page);
    return false;
  }, `"${text}" by ${author}`);
}

describe('the peer space and erasure through PocketBase', () => {
  const pages = [];
  let p6;
  let emma;
  let emmaAlias;
  after(async () => {
    for (const page of pages) await closePage(page);
  });

  test('two pupils of different schools see each other\'s approved posts under pseudonyms only', async () => {
    p6 = await logIn(P6, SIZES.tablet);
    pages.push(p6);
    await peerSpace(p6);
    await p6.getByRole('textbox', { name: 'Made-up name' }).fill(P6_NAME);
    await p6.getByRole('button', { name: 'Save name' }).click();
    await p6.getByText(`Here you are called ${P6_NAME}.`).waitFor();
    await pickTopic(p6, 'School');
    await p6.locator('summary').filter({ hasText: 'Write a post' }).click();
    await p6.getByRole('radio', { name: 'A good tip' }).check();
    await p6.getByRole('textbox', { name: 'Your post' }).fill(P6_POST);
    await p6.getByRole('button', { name: 'Send post' }).click();
    await p6.getByRole('status').filter({ hasText: 'Sent! A moderator reads it' }).waitFor();
    const sent = await postOnServer(P6_POST, (p) => !p.approved, 'the post, waiting, on the server');
    await shared(p6);

    // A moderator from neither school (a handball coach) approves it in the app.
    const sofie = await logIn('coach-sofie', SIZES.phone);
    pages.push(sofie);
    await sofie.getByRole('banner').getByRole('link', { name: 'Pupil to pupil' }).click();
    await sofie.getByRole('link', { name: /^Moderation queue \(\d+\)$/ }).click();
    await sofie.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
    // Not in her teams: she knows the pupil by the pseudonym only.
    const queued = sofie.getByRole('article', { name: P6_NAME, exact: true });
    await queued.getByText(P6_POST).waitFor();
    await queued.getByRole('button', { name: 'Approve' }).click();
    await sofie.getByRole('status').filter({ hasText: 'The post is approved.' }).waitFor();
    await postOnServer(P6_POST, (p) => p.approved && p.shown, 'the approval on the server');
    await shared(sofie);

    emma = await logIn(EMMA, SIZES.desktop);
    pages.push(emma);
    await peerSpace(emma, 'School');
    await seesPost(emma, P6_NAME, P6_POST);
    await seesPost(p6, 'Comic Fox', EMMA_POST);

    // Each device holds the other pupil's records under an alias, never an id.
    const emmaHolds = await storedRecords(emma);
    const p6Post = emmaHolds.posts.map((t) => JSON.parse(t)).find((p) => p.id === sent.id);
    assert.match(p6Post.personId, ALIAS, 'Emma\'s device knows the other pupil by an alias');
    const p6Holds = await storedRecords(p6);
    const emmaPost = p6Holds.posts.map((t) => JSON.parse(t)).find((p) => p.text === EMMA_POST);
    assert.match(emmaPost.personId, ALIAS);
    emmaAlias = emmaPost.personId;
    for (const [who, other, holds] of [[EMMA, P6, emmaHolds], [P6, EMMA, p6Holds]]) {
      assert.ok(!JSON.stringify(holds).includes(`"${other}"`), `${who}'s device stores ${other}'s id`);
      assert.ok(!(await receivedBy(who)).includes(`"${other}"`), `${who}'s device received ${other}'s id`);
    }
    // Nothing the server did differently became a conflict or a refused change.
    for (const page of [p6, sofie, emma]) await shared(page);
    for (const page of [p6, sofie, emma]) assertClean(page);
  });

  test('a pupil erased in the app leaves nothing on the server, and a second erasure is harmless', async () => {
    assert.ok(emmaAlias, 'the first test ran');
    const mette = await logIn('teacher-mette', SIZES.desktop);
    pages.push(mette);
    await openApp(mette, site.url, '/pupil/pupil-emma');
    await mette.getByRole('link', { name: "Erase Emma's data" }).click();
    await mette.getByRole('textbox', { name: 'Type Emma to confirm' }).fill('Emma');
    await mette.getByRole('button', { name: 'Erase Emma for good' }).click();
    await mette.getByRole('heading', { level: 1, name: 'Erased' }).waitFor({ timeout: APP_TIMEOUT });
    await shared(mette);

    // Nothing on the server names Emma, by id or alias; her login is gone; traces name neither.
    const mentions = (text) => text.includes(`"${EMMA}"`) || text.includes(emmaAlias) || text.includes('Comic Fox');
    const emmaLeft = async () => {
      const left = [];
      for (const collection of COLLECTIONS) {
        for (const record of await onServer(collection)) if (mentions(JSON.stringify(record))) left.push(`${collection}/${record.id}`);
      }
      const accounts = await onServer('users');
      left.push(...accounts.filter((a) => a.person === EMMA).map((a) => `users/${a.id}`));
      return left;
    };
    await eventually(async () => (await emmaLeft()).length === 0, 'Emma gone from the server');
    assert.deepEqual(await emmaLeft(), [], 'left on the server');
    const traces = await onServer('erasures');
    assert.ok(traces.length >= 2, 'traces of her id and of her alias');
    assert.ok(!/emma/i.test(JSON.stringify(traces)), 'the traces do not name her');

    // The other school's pupil knew Emma by her alias only: her device purges her too.
    await eventually(async () => {
      const posts = (await storedRecords(p6)).posts ?? [];
      if (!posts.some((t) => t.includes(emmaAlias))) return true;
      await nudge(p6);
      return false;
    }, 'the other pupil\'s device purging Emma\'s posts');
    await shared(p6);
    assert.equal(await p6.getByText(EMMA_POST).count(), 0);

    // Asking again changes nothing and succeeds.
    const again = await server.superuser('POST', '/api/samspil/erase', { pupilId: EMMA });
    assert.deepEqual(again.erased, {});
    await nudge(mette);
    await shared(mette);
    assertClean(mette);
    assertClean(p6);
  });
});
