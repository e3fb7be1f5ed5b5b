// The peer space on one shared school tablet, through the UI only: a pupil
// chooses a made-up name (her real name is refused, her typing kept), posts a
// question that other pupils cannot see until a moderator approves it; a
// pupil reports a post and a moderator hides a reported post with a reason,
// after which pupils no longer see it and its author sees why; adults who do
// not moderate cannot reach the peer space, not even by its address. And
// across two devices sharing a real json-server: the post reaches the other
// device only once a moderator approved it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { useApp, newPage, closePage, openApp, assertClean, problemsOf, screenshot, APP_TIMEOUT, DIST, become } from './helpers.mjs';
import { startServer } from './server.mjs';
import { startJsonServer, COLLECTIONS } from './json-server.mjs';
import { storedRecords, waitUntilStarted } from './stored.mjs';

const app = useApp();
const QUESTION = 'How do you sleep well before a big match?';
const REASON = 'No meeting outside Samspil. Talk to your coach about training together.';

/** Opens the peer space through the header's link and picks a topic. */
async function peerSpace(page, topic) {
  await page.getByRole('banner').getByRole('link', { name: 'Pupil to pupil' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pupil to pupil' }).waitFor();
  if (topic) {
    await page.getByRole('group', { name: 'Topics' }).getByRole('button', { name: new RegExp(`^${topic} `) }).click();
    await page.getByRole('heading', { level: 2, name: topic }).waitFor();
  }
}

/** The post (or reply) written under this name, as an article. */
const post = (page, author) => page.getByRole('article', { name: author, exact: true });

describe('peer space', () => {
  let page;
  before(async () => {
    page = await newPage(app.browser);
    await openApp(page, app.url, '/');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await waitUntilStarted(page);
  });
  after(async () => {
    if (page) await closePage(page);
  });

  test('a post is invisible to other pupils until a moderator approves it', async () => {
    await become(page, 'Malthe');
    await peerSpace(page);
    // Malthe has no made-up name yet: his real name is refused, what he typed stays.
    const name = page.getByRole('textbox', { name: 'Made-up name' });
    await name.fill('Malthe M');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Your real name must not be in it.').waitFor();
    assert.equal(await name.inputValue(), 'Malthe M');
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    await name.fill('Comic Fox');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Another pupil uses that name. Make up another one.').waitFor();
    await name.fill('Map Maker');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Here you are called Map Maker.').waitFor();

    await page.getByRole('group', { name: 'Topics' }).getByRole('button', { name: /^Sport / }).click();
    await page.locator('summary').filter({ hasText: 'Write a post' }).click();
    await page.getByRole('radio', { name: 'A question' }).check();
    await page.getByRole('button', { name: 'Send post' }).click();
    await page.getByText('Please fill this in.').waitFor();
    await page.getByRole('textbox', { name: 'Your post' }).fill(QUESTION);
    await page.getByRole('button', { name: 'Send post' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent! A moderator reads it' }).waitFor();
    const mine = post(page, 'Map Maker');
    await mine.getByText('Waiting for a moderator').waitFor();
    await mine.getByText(QUESTION).waitFor();

    // Another pupil does not see it.
    await become(page, 'Emma');
    await peerSpace(page, 'Sport');
    await post(page, 'Goalkeeper7').waitFor();
    assert.equal(await page.getByText(QUESTION).count(), 0, 'a pending post is hidden from other pupils');

    // The moderator finds it in the queue, with the pupil's real name, and approves it.
    await become(page, 'Jonas Lund');
    await peerSpace(page);
    await page.getByRole('link', { name: /^Moderation queue \(\d+\)$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
    const queued = page.getByRole('article', { name: 'Map Maker (Malthe)' });
    await queued.getByText('New – waiting for approval').waitFor();
    await screenshot(page, 'peer-moderation-queue');
    await queued.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'The post is approved.' }).waitFor();
    await queued.waitFor({ state: 'detached' });

    // Now Emma sees it, and says it helped her.
    await become(page, 'Emma');
    await peerSpace(page, 'Sport');
    const approved = post(page, 'Map Maker');
    await approved.getByText(QUESTION).waitFor();
    assert.equal(await approved.getByText('Waiting for a moderator').count(), 0);
    const helped = approved.getByRole('button', { name: 'This helped me' });
    await helped.click();
    assert.equal(await helped.getAttribute('aria-pressed'), 'true');
    await approved.getByText('Helped 1 pupil').waitFor();
    await screenshot(page, 'peer-pupil');
    assertClean(page);
  });

  test('a reported post can be hidden with a reason and disappears for pupils', async () => {
    // Emma reports a reply; it joins the queue.
    await peerSpace(page, 'School');
    const reply = post(page, 'Goalkeeper7');
    await reply.getByRole('button', { name: 'Report post' }).click();
    await reply.getByText('Report this post? A moderator will look at it.').waitFor();
    await reply.getByRole('button', { name: 'Yes, report it' }).click();
    await reply.getByText('You reported this post.').waitFor();

    // Oliver's post on Friends is visible to Emma before it is hidden.
    await page.getByRole('group', { name: 'Topics' }).getByRole('button', { name: /^Friends / }).click();
    await post(page, 'Rocket').waitFor();

    await become(page, 'Jonas Lund');
    await openApp(page, app.url, '/peer/moderate');
    await page.getByRole('article', { name: 'Goalkeeper7 (Noah)' }).getByText('Reported by 1 pupil').waitFor();
    const reported = page.getByRole('article', { name: 'Rocket (Oliver)' });
    await reported.getByText('Reported by 1 pupil').waitFor();
    await reported.getByRole('button', { name: 'Hide…' }).click();
    await reported.getByRole('button', { name: 'Hide the post' }).click();
    await reported.getByText('Please fill this in.').waitFor();
    await reported.getByRole('textbox', { name: 'Why is it hidden? The pupil sees the reason.' }).fill(REASON);
    await reported.getByRole('button', { name: 'Hide the post' }).click();
    await page.getByRole('status').filter({ hasText: 'The post is hidden.' }).waitFor();
    await reported.waitFor({ state: 'detached' });

    await become(page, 'Emma');
    await peerSpace(page, 'Friends');
    await page.getByText('No posts about this yet.').waitFor();
    assert.equal(await post(page, 'Rocket').count(), 0, 'the hidden post is gone for other pupils');

    // Its author still sees it, and why.
    await become(page, 'Oliver');
    await peerSpace(page, 'Friends');
    await post(page, 'Rocket').getByText(`Hidden by a moderator: ${REASON}`).waitFor();
    assertClean(page);
  });

  test('adults who do not moderate cannot reach the peer space', async () => {
    for (const adult of ['Mette Hansen', 'Ali Hassan', 'Karin Nielsen']) {
      await become(page, adult);
      assert.equal(await page.getByRole('banner').getByRole('link', { name: 'Pupil to pupil' }).count(), 0, `${adult} has no link`);
      for (const route of ['/peer', '/peer/moderate']) {
        await openApp(page, app.url, route);
        await page.getByText('Pupil to pupil is only for pupils and moderators.').waitFor();
        assert.equal(await page.getByRole('article').count(), 0, `${adult} sees no post on ${route}`);
        assert.equal(await page.getByText(QUESTION).count(), 0);
      }
    }
    await screenshot(page, 'peer-refused');
    // Pupils do not moderate either.
    await become(page, 'Emma');
    await openApp(page, app.url, '/peer/moderate');
    await page.getByText('Pupil to pupil is only for pupils and moderators.').waitFor();
    assertClean(page);
  });

  test('a leader makes a coach a moderator, and ends it', async () => {
    const moderators = () => page.getByRole('region', { name: 'Moderators of Pupil to pupil' });
    const ali = () => moderators().getByRole('checkbox', { name: 'Ali Hassan (coach)' });
    await become(page, 'Lone Larsen');
    assert.equal(await moderators().getByRole('checkbox', { name: 'Sofie Berg (coach)' }).isChecked(), true);
    assert.equal(await ali().isChecked(), false);
    assert.equal(await moderators().getByRole('checkbox', { name: /Karin Nielsen/ }).count(), 0, 'parents are not offered');
    assert.equal(await moderators().getByRole('checkbox', { name: /Emma/ }).count(), 0, 'pupils are not offered');
    await ali().check();
    await page.getByRole('status').getByText('Ali Hassan is now a moderator.').waitFor();
    await screenshot(page, 'leader-moderators');

    // On Ali's turn the peer space and its queue are his, and stay so after a reload.
    await become(page, 'Ali Hassan');
    await peerSpace(page);
    await page.getByRole('link', { name: /^Moderation queue \(\d+\)$/ }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: /^Moderation queue \(\d+\)$/ }).waitFor({ timeout: APP_TIMEOUT });

    await become(page, 'Lone Larsen');
    assert.equal(await ali().isChecked(), true, 'the choice was stored');
    await ali().uncheck();
    await page.getByRole('status').getByText('Ali Hassan is no longer a moderator.').waitFor();
    await become(page, 'Ali Hassan');
    assert.equal(await page.getByRole('banner').getByRole('link', { name: 'Pupil to pupil' }).count(), 0);
    await openApp(page, app.url, '/peer/moderate');
    await page.getByText('Pupil to pupil is only for pupils and moderators.').waitFor();
    assertClean(page);
  });
});

/** Every collection of the app's IndexedDB, parsed: the demo data as a device stores it. */
async function storedCollections(page) {
  const stored = await storedRecords(page);
  return Object.fromEntries(COLLECTIONS.map((name) => [name, (stored[name] ?? []).map((v) => JSON.parse(v))]));
}

describe('peer space across two devices sharing a json-server', () => {
  let server;
  let site;
  let siteDir;
  after(async () => {
    await site?.close();
    await server?.stop();
    if (siteDir) await rm(siteDir, { recursive: true, force: true });
  });

  test('the other device sees a post only after a moderator approved it', async () => {
    const seedPage = await newPage(app.browser);
    await openApp(seedPage, app.url, '/');
    await seedPage.getByRole('button', { name: 'Load demo data' }).click();
    await waitUntilStarted(seedPage);
    const data = await storedCollections(seedPage);
    await closePage(seedPage);
    server = await startJsonServer({ data });
    siteDir = await mkdtemp(path.join(os.tmpdir(), 'samspil-site-'));
    await cp(DIST, siteDir, { recursive: true });
    await writeFile(path.join(siteDir, 'config.json'), JSON.stringify({ backend: { kind: 'json-server', url: server.url } }));
    site = await startServer({ root: siteDir, port: 0 });
    const shared = (page) => page.getByRole('link', { name: 'Everything is shared' }).waitFor({ timeout: APP_TIMEOUT });

    const tablet = await newPage(app.browser);
    const phone = await newPage(app.browser);
    try {
      for (const device of [tablet, phone]) {
        await openApp(device, site.url, '/');
        await device.getByRole('button', { name: /^Emma\b/ }).waitFor({ timeout: APP_TIMEOUT });
      }
      await tablet.getByRole('button', { name: /^Noah\b/ }).click();
      await peerSpace(tablet, 'Feelings');
      await tablet.locator('summary').filter({ hasText: 'Write a post' }).click();
      await tablet.getByRole('radio', { name: 'A good tip' }).check();
      const TIP = 'Before a test I breathe in for four and out for four.';
      await tablet.getByRole('textbox', { name: 'Your post' }).fill(TIP);
      await tablet.getByRole('button', { name: 'Send post' }).click();
      await post(tablet, 'Goalkeeper7').getByText('Waiting for a moderator').waitFor();
      await shared(tablet);
      const [sent] = (await server.get('/posts')).filter((p) => p.text === TIP);
      assert.ok(sent, 'the post reached the server');
      assert.equal((await server.get(`/moderations?postId=${sent.id}`)).length, 0);

      await phone.getByRole('button', { name: /^Freja\b/ }).click();
      await peerSpace(phone, 'Feelings');
      await shared(phone);
      await post(phone, 'Sunflower').waitFor();
      assert.equal(await phone.getByText(TIP).count(), 0, 'not shown on the other device while it waits');

      await become(phone, 'Sofie Berg');
      await openApp(phone, site.url, '/peer/moderate');
      await phone.getByRole('article', { name: 'Goalkeeper7 (Noah)' }).getByRole('button', { name: 'Approve' }).click();
      await phone.getByRole('status').filter({ hasText: 'The post is approved.' }).waitFor();
      await shared(phone);
      assert.equal((await server.get(`/moderations?postId=${sent.id}`)).length, 1, 'the decision is its own record');

      await become(phone, 'Freja');
      await peerSpace(phone, 'Feelings');
      await post(phone, 'Goalkeeper7').getByText(TIP).waitFor();
      // The author's device learns it too.
      await tablet.reload();
      await tablet.getByRole('heading', { level: 1 }).first().waitFor();
      await shared(tablet);
      await peerSpace(tablet, 'Feelings');
      const approved = post(tablet, 'Goalkeeper7');
      await approved.getByText(TIP).waitFor();
      // The decision arrives with the next pull ("Everything is shared" shows before the first one ends).
      await approved.getByText('Waiting for a moderator').waitFor({ state: 'detached', timeout: APP_TIMEOUT });
      for (const device of [tablet, phone]) {
        const p = problemsOf(device);
        p.failedRequests = p.failedRequests.filter((l) => !(l.startsWith(`GET ${server.url}/`) && l.endsWith('net::ERR_ABORTED')));
        assertClean(device);
      }
    } finally {
      await closePage(tablet);
      await closePage(phone);
    }
  });
});
