// Hostile and unusual text: markup, script URLs, template syntax, bidi
// overrides, zero-width joiners, combining marks, emoji and a 500-character
// text, typed into every kind of field — names, strengths, a goal's title,
// why, levels and contributions, check-in notes and comments. Each one shows
// as the literal text that was typed, no dialog ever opens, no <script>,
// <img>, event handler or javascript: link appears, and nothing is logged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, assertClean, APP_TIMEOUT } from './helpers.mjs';
import { waitUntilStarted } from './stored.mjs';

const app = useApp();

const LONG = ('Long text with <b>tags</b> & "quotes" — ').repeat(20).slice(0, 500);
const CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}} ${7*7} <%= 7*7 %>',
  'Right\u202Eto left override',
  'Zero\u200Dwidth\u200Bjoiner 👩\u200D💻',
  'Z\u0351\u0364a\u0310l\u0314g\u0367o combining',
  'Emoji 🎉👍🏽🇩🇰',
];
assert.equal(LONG.length, 500);

/**
 * Records anything a hostile text could have smuggled in: added script,
 * img, iframe, object or embed elements, event-handler attributes, and
 * javascript: links. Installed before the app starts.
 */
function watchForInjection() {
  window.__injected = [];
  const check = (el, deep) => {
    if (!(el instanceof Element)) return;
    for (const node of deep ? [el, ...el.querySelectorAll('*')] : [el]) {
      const tag = node.tagName.toLowerCase();
      if (['script', 'img', 'iframe', 'object', 'embed'].includes(tag)) window.__injected.push(`<${tag}> ${node.outerHTML.slice(0, 80)}`);
      for (const attr of node.attributes) {
        if (/^on/i.test(attr.name)) window.__injected.push(`${tag}[${attr.name}]`);
        if (/^\s*javascript:/i.test(attr.value) && /href|src|action/i.test(attr.name)) window.__injected.push(`${tag}[${attr.name}=${attr.value}]`);
      }
    }
  };
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') check(r.target, false);
        r.addedNodes.forEach((n) => check(n, true));
      }
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  });
}

/** The texts of the elements matching a CSS selector, as the person sees them. */
const textsOf = (page, selector) => page.locator(selector).evaluateAll((els) => els.map((e) => e.innerText.trim()));

/** Wait until an element matching the selector shows exactly this text. */
async function shows(page, selector, text, where) {
  try {
    await page.waitForFunction(
      ([sel, t]) => [...document.querySelectorAll(sel)].some((e) => e.innerText.trim() === t),
      [selector, text.trim()],
      { timeout: 5000 },
    );
  } catch {
    const seen = await textsOf(page, selector);
    assert.fail(`${where}: ${JSON.stringify(text)} is not shown literally in ${selector}; shown: ${JSON.stringify(seen.slice(-5))}`);
  }
}

describe('hostile text is shown as text', () => {
  test('names, strengths, goals, check-ins and comments', async () => {
    const page = await newPage(app.browser);
    const dialogs = [];
    page.on('dialog', async (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      await d.dismiss();
    });
    await page.addInitScript(watchForInjection);
    const clean = async (where) => {
      assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
      assert.deepEqual(await page.evaluate(() => window.__injected), [], `${where}: markup was injected`);
    };
    try {
      await openApp(page, app.url, '/');
      // The watcher itself works: a planted image is seen, then forgotten.
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { alt: '' })));
      await page.waitForFunction(() => window.__injected.length === 1);
      await page.evaluate(() => {
        document.querySelector('body > img').remove();
        window.__injected = [];
      });
      const demo = page.getByRole('button', { name: 'Load demo data' });
      await demo.click();
      await demo.waitFor({ state: 'detached', timeout: APP_TIMEOUT });
      await waitUntilStarted(page);

      // Names: each one becomes a person (an adult, so they can join a team).
      await page.getByText('Add a person', { exact: true }).click();
      const name = page.getByRole('textbox', { name: 'Name' });
      for (const text of CORPUS) {
        await name.fill(text);
        await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'coach' });
        await page.getByRole('textbox', { name: 'School, club or family' }).fill(text);
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await shows(page, '.person-name', text, 'people on the start page');
        const details = await textsOf(page, '.person-detail');
        assert.ok(details.includes(`coach · ${text.trim()}`), `organisation ${JSON.stringify(text)} shown literally`);
      }
      // Too long for a name: refused with a message, and the typing is kept.
      await name.fill(LONG);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      assert.match(await page.locator('#person-name-error').innerText(), /At most 80 characters/);
      assert.equal(await name.inputValue(), LONG);
      await clean('names');

      // As Mette Hansen: one hostile-named coach joins Emma's team.
      await page.getByRole('button', { name: /^Mette Hansen/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Hi Mette!' }).waitFor({ timeout: APP_TIMEOUT });
      await openApp(page, app.url, '/pupil/pupil-emma');
      const team = page.getByRole('region', { name: 'Team' });
      const hostile = CORPUS[2];
      await team.getByRole('combobox', { name: 'Add to the team' }).selectOption({ label: `${hostile} (coach)` });
      await team.getByRole('button', { name: 'Add', exact: true }).click();
      await shows(page, '.team-list .person-name', hostile, 'team');

      // Strengths.
      const strengths = page.getByRole('region', { name: /Strengths/ });
      for (const text of CORPUS) {
        await strengths.getByRole('textbox', { name: 'Description' }).fill(text);
        await strengths.getByRole('button', { name: 'Add', exact: true }).click();
        await page.waitForFunction(
          (t) => [...document.querySelectorAll('.chip')].some((c) => c.firstChild?.textContent === t),
          text.trim(),
          { timeout: 5000 },
        ).catch(() => assert.fail(`strength ${JSON.stringify(text)} is not shown literally`));
      }
      await clean('strengths');

      // Goals: every text field of the goal form, then the goal's page.
      for (const [i, text] of [...CORPUS, LONG].entries()) {
        const long = text === LONG;
        await openApp(page, app.url, '/pupil/pupil-emma/new-goal');
        await page.getByRole('textbox', { name: /The goal, in the pupil's own words/ }).fill(long ? `Long goal ${i}` : text);
        await page.getByRole('textbox', { name: 'Why does the goal matter?' }).fill(text);
        const levels = page.getByRole('group', { name: 'How we will see it' }).getByRole('textbox');
        assert.equal(await levels.count(), 5);
        for (let l = 0; l < 5; l++) await levels.nth(l).fill(long ? `${text.slice(0, 190)} ${l}` : `${text} ${l}`);
        const contributions = page.getByRole('group', { name: 'Who does what' }).getByRole('textbox');
        for (let c = 0; c < (await contributions.count()); c++) await contributions.nth(c).fill(long ? text.slice(0, 300) : text);
        await page.getByRole('button', { name: 'Propose a goal', exact: true }).click();
        await page.waitForURL(/\/goal\/[^/]+$/, { timeout: APP_TIMEOUT });
        const where = `goal ${i}`;
        if (!long) await shows(page, 'h1', text, `${where} heading`);
        const agreed = page.getByRole('region', { name: 'What we agreed' });
        await agreed.waitFor();
        assert.ok((await textsOf(page, '.goal-page p')).includes(text.trim()), `${where}: why shown literally`);
        const levelTexts = await page.locator('.gas-scale li > span:nth-child(2)').evaluateAll((els) => els.map((e) => e.innerText));
        for (let l = 0; l < 5; l++) {
          const typed = long ? `${text.slice(0, 190)} ${l}` : `${text} ${l}`;
          assert.ok(levelTexts.includes(typed.trim()), `${where}: level ${l} shown literally`);
        }
        const contributionTexts = await page.locator('.contributions li').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('bdi')].pop()?.textContent));
        assert.ok(contributionTexts.includes((long ? text.slice(0, 300) : text).trim()), `${where}: contribution shown literally`);
        assert.ok(
          (await textsOf(page, '.contributions li strong')).some((w) => w.startsWith(hostile)),
          `${where}: the hostile-named coach is named literally`,
        );
        await clean(where);
      }
      // Check-in notes and comments on an active goal.
      await openApp(page, app.url, '/goal/goal-emma-calm');
      const form = page.getByRole('form', { name: 'New check-in' });
      const comments = page.getByRole('region', { name: 'Comments and encouragement' });
      for (const text of [...CORPUS, LONG]) {
        await form.getByRole('radio', { name: /^\+1/ }).check();
        await form.getByRole('textbox', { name: 'Note (optional)' }).fill(text);
        await form.getByRole('button', { name: 'Save check-in' }).click();
        await page.getByRole('status').filter({ hasText: 'Check-in saved' }).waitFor({ timeout: APP_TIMEOUT });
        assert.equal(await form.getByRole('textbox', { name: 'Note (optional)' }).inputValue(), '', 'the saved note leaves the form');

        await comments.getByRole('textbox', { name: 'Write a comment' }).fill(text);
        await comments.getByRole('button', { name: 'Post comment' }).click();
        await shows(page, '.comment-list li > p:not(.comment-meta)', text, 'comments');
        await clean(`check-in and comment ${JSON.stringify(text.slice(0, 20))}`);
      }

      // The hostile-named coach uses the device: their name in the header and on their comment.
      await page.getByRole('link', { name: 'Switch person' }).click();
      await page.getByRole('button', { name: hostile }).first().click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const shownName = await page.locator('header .who-name').evaluate((e) => e.firstChild.textContent);
      assert.equal(shownName, hostile, 'the name in the header');
      await openApp(page, app.url, '/goal/goal-emma-calm');
      await comments.getByRole('textbox', { name: 'Write a comment' }).fill(CORPUS[0]);
      await comments.getByRole('button', { name: 'Send encouragement' }).click();
      await shows(page, '.comment-meta strong', `${hostile} (coach)`, 'comment author');
      await clean('hostile user');

      // After a reload everything still reads back as text.
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: APP_TIMEOUT });
      await shows(page, '.comment-list li > p:not(.comment-meta)', LONG, 'comments after a reload');
      await clean('after a reload');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});
