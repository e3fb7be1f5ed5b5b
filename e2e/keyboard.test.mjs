// Keyboard only: no mouse clicks, only Tab, Shift+Tab, Enter, Space and the
// arrow keys. A person can reach the skip link first and use it, load the
// demo data, choose themselves, make a quick check-in, open a goal, agree to
// a goal, and submit the goal form with a mistake and land on the field to
// fix. Every element that gets focus on the way shows a visible focus ring.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, assertClean, APP_TIMEOUT } from './helpers.mjs';
import { waitUntilStarted } from './stored.mjs';

const app = useApp();

/** What has focus now, and whether it shows a focus indicator, as the next painted frame shows it. */
function focused(page) {
  return page.evaluate(async () => {
    // Measure after the browser has scrolled the newly focused element into view and painted.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    // Hidden behind something else (WCAG 2.4.11): none of five points of the element reaches it.
    const points = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + 2, r.top + 2],
      [r.right - 2, r.top + 2],
      [r.left + 2, r.bottom - 2],
      [r.right - 2, r.bottom - 2],
    ];
    const reaches = ([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !hit || el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some((l) => l.contains(hit)));
    };
    const hidden = points.every((p) => !reaches(p));
    const name = (el.getAttribute('aria-label') || el.innerText || el.value || el.id || '').trim().replace(/\s+/g, ' ');
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: name.slice(0, 60),
      indicator: outline || shadow,
      onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
      hidden,
      where: `top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)} in a window ${innerHeight} high, scrolled ${Math.round(scrollY)} of ${document.documentElement.scrollHeight}`,
    };
  });
}

/**
 * A keyboard user: presses keys, and checks after every key that whatever has
 * focus shows a focus indicator and is on screen.
 */
function keyboardUser(page) {
  const noIndicator = new Set();
  const offScreen = new Set();
  const press = async (key) => {
    await page.keyboard.press(key);
    const f = await focused(page);
    // <main> (the skip link's target) and a page's heading (focused after moving
    // to the page) take focus only as a place to start reading; they are not controls.
    if (f && f.tag !== 'main' && f.tag !== 'h1') {
      if (!f.indicator) noIndicator.add(`<${f.tag}> "${f.name}"`);
      if (!f.onScreen || f.hidden) {
        // What a person would see: where it is once the page has settled. Under a
        // loaded CI machine this was once off screen in the first frame only
        // (stop 20), so both places are told, and only a focus that stays off
        // screen (or hidden) fails.
        await page.waitForTimeout(300);
        const settled = await focused(page);
        const same = settled && settled.tag === f.tag && settled.name === f.name;
        const label = `<${f.tag}> "${f.name}"${f.hidden ? ' (hidden behind something)' : ''}: ${f.where}`;
        if (!same || !settled.onScreen || settled.hidden) offScreen.add(`${label}; 300 ms later ${same ? settled.where : 'focus had moved'}`);
        else console.log(`# focus off screen for a moment only: ${label}; 300 ms later ${settled.where}`);
      }
    }
    return f;
  };
  /** Tab (or Shift+Tab) until the locator has focus; fails after `max` presses. */
  const tabTo = async (locator, { back = false, max = 80 } = {}) => {
    await locator.waitFor({ timeout: APP_TIMEOUT });
    const seen = [];
    for (let i = 0; i < max; i++) {
      if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return;
      const f = await press(back ? 'Shift+Tab' : 'Tab');
      seen.push(f ? `<${f.tag}> ${f.name}` : '(body)');
    }
    assert.fail(`could not reach ${locator} with ${back ? 'Shift+Tab' : 'Tab'}; focus went through:\n  ${seen.join('\n  ')}`);
  };
  return { press, tabTo, noIndicator, offScreen };
}

const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);

describe('keyboard only', () => {
  test('from first start to a goal proposal, without a mouse', async () => {
    const page = await newPage(app.browser);
    try {
      const kb = keyboardUser(page);
      await openApp(page, app.url, '/');

      // The skip link is the first Tab stop, shows itself, and moves focus to the main content.
      const first = await kb.press('Tab');
      assert.equal(first?.name, 'Skip to content', 'the first Tab stop is the skip link');
      assert.ok(first.onScreen, 'the skip link is visible when focused');
      await kb.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the skip link moves focus to <main>');
      const afterSkip = await kb.press('Tab');
      assert.equal(afterSkip?.name, 'Load demo data', 'after the skip link, Tab goes into the main content');

      // Load the demo data with Space, then choose Emma with Enter.
      await kb.press('Space');
      const emma = page.getByRole('button', { name: /^Emma/ });
      await kb.tabTo(emma);
      await kb.press('Enter');
      const hello = page.getByRole('heading', { level: 1, name: 'Hi Emma!' });
      await hello.waitFor({ timeout: APP_TIMEOUT });
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      assert.ok(await isFocused(hello), 'after moving to another page, focus is on its heading');
      assert.equal(await page.title(), 'Hi Emma! – Samspil', 'the page is named after its heading');

      // A quick check-in: one key press on a level.
      const level = page.getByRole('group', { name: /^How is it going: / }).first().getByRole('button', { name: /^\+1/ });
      await kb.tabTo(level);
      await kb.press('Enter');
      await page.getByRole('status').filter({ hasText: /Check-in saved/ }).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await level.getAttribute('aria-pressed'), 'true', 'the chosen level is shown as pressed');

      // Open the goal.
      await kb.tabTo(page.getByRole('link', { name: 'See the goal' }).first());
      await kb.press('Enter');
      await page.waitForURL(/\/goal\//);
      await page.getByRole('region', { name: 'What we agreed' }).waitFor();

      // Back on the start page (Shift+Tab to the header), choose Sofie Berg, who still has to agree.
      await kb.tabTo(page.getByRole('link', { name: 'Switch person' }), { back: true });
      await kb.press('Enter');
      await kb.tabTo(page.getByRole('button', { name: /^Sofie Berg/ }));
      await kb.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Hi Sofie!' }).waitFor({ timeout: APP_TIMEOUT });
      const agree = page.getByRole('button', { name: /^Agree to: I read 15 minutes/ });
      await kb.tabTo(agree);
      await kb.press('Enter');
      await page.getByRole('status').filter({ hasText: /agree/i }).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await agree.count(), 0, 'the goal no longer waits for Sofie');
      const afterAgree = await focused(page);
      assert.ok(afterAgree, 'focus is not lost when the agreed goal leaves the list');

      // Open Emma's disclosure with Enter, follow the link to her page, then propose a goal.
      const summary = page.locator('summary').filter({ hasText: /^Emma/ });
      await kb.tabTo(summary);
      await kb.press('Enter');
      await kb.tabTo(page.getByRole('link', { name: "Open Emma's page" }));
      await kb.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Emma' }).waitFor();
      await kb.tabTo(page.getByRole('link', { name: 'Propose a goal' }));
      await kb.press('Enter');
      await page.getByRole('heading', { level: 1, name: /Propose a goal for Emma/ }).waitFor();

      // Tick a strength with Space, move through the "where now" radios with the arrow keys.
      const now = page.getByRole('radio', { name: '−1' });
      await kb.tabTo(now);
      await kb.press('ArrowRight');
      assert.ok(await page.getByRole('radio', { name: '0', exact: true }).isChecked(), 'the arrow key moves the choice');

      // Submit with the title empty: focus lands on the first field to fix.
      await kb.tabTo(page.getByRole('button', { name: 'Propose a goal', exact: true }));
      await kb.press('Enter');
      const title = page.getByRole('textbox', { name: /The goal, in the pupil's own words/ });
      await page.getByRole('alert').filter({ hasText: 'Please fix' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
      assert.ok(await isFocused(title), 'focus is on the goal title, the first invalid field');
      const f = await focused(page);
      assert.ok(f.indicator && f.onScreen, 'the invalid field shows focus and is on screen');

      assert.deepEqual([...kb.noIndicator], [], 'focused elements without a visible focus indicator');
      assert.deepEqual([...kb.offScreen], [], 'focused elements off screen or hidden');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('the erase confirmation takes focus and gives it back', async () => {
    const page = await newPage(app.browser);
    try {
      const kb = keyboardUser(page);
      await openApp(page, app.url, '/settings');
      const erase = page.getByRole('button', { name: 'Erase all data on this device' });
      await kb.tabTo(erase);
      await kb.press('Enter');
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      assert.ok(await dialog.evaluate((el) => el.contains(document.activeElement)), 'focus moves into the confirmation');
      await kb.tabTo(dialog.getByRole('button', { name: 'Cancel' }));
      await kb.press('Enter');
      await erase.waitFor();
      assert.ok(await isFocused(erase), 'focus returns to the erase button');
      assert.deepEqual([...kb.noIndicator], [], 'focused elements without a visible focus indicator');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  for (const [label, fontSize] of [['normal text', ''], ['200 % text', '200%']]) {
    test(`Shift+Tab back through long pages never hides the focus (${label})`, async () => {
      const page = await newPage(app.browser);
      try {
        if (fontSize) {
          await page.addInitScript((size) => {
            document.addEventListener('DOMContentLoaded', () => {
              document.documentElement.style.fontSize = size;
            });
          }, fontSize);
        }
        const kb = keyboardUser(page);
        await openApp(page, app.url, '/');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await waitUntilStarted(page);
        await kb.tabTo(page.getByRole('button', { name: /^Mette Hansen/ }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Hi Mette!' }).waitFor({ timeout: APP_TIMEOUT });
        for (const route of ['/goal/goal-emma-calm', '/pupil/pupil-emma/new-goal']) {
          await openApp(page, app.url, route);
          await page.waitForLoadState('networkidle');
          // From the end of the page back to the header. Chromium animates End's
          // scroll: a Shift+Tab during it scrolls the focus into view, and then the
          // animation carries the page on to its end, the focus off screen above
          // (CI, stops 20 and 22: scrolled to the very bottom each time). A person
          // sees the page arrive at its end first; so does the test.
          await page.keyboard.press('End');
          await page.waitForFunction(() => Math.abs(window.scrollY + window.innerHeight - document.documentElement.scrollHeight) < 2);
          await kb.tabTo(page.getByRole('link', { name: 'Samspil' }), { back: true, max: 120 });
        }
        assert.deepEqual([...kb.noIndicator], [], 'focused elements without a visible focus indicator');
        assert.deepEqual([...kb.offScreen], [], 'focused elements off screen or hidden');
        assertClean(page);
      } finally {
        await closePage(page);
      }
    });
  }
});
