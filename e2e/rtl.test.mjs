// Arabic, right to left: switching to Arabic sets <html lang="ar" dir="rtl">,
// mirrors the layout (the menu runs from the right, headings start at the
// right edge), is remembered across a reload, and keeps the progress chart
// reading left to right. Names people type are isolated inside sentences:
// a name with a right-to-left override cannot move the text after it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, assertClean, APP_TIMEOUT, SIZES } from './helpers.mjs';
import { waitUntilStarted } from './stored.mjs';

const app = useApp();

async function loadDemo(page) {
  const demo = page.getByRole('button', { name: 'Load demo data' });
  await demo.click();
  await demo.waitFor({ state: 'detached', timeout: APP_TIMEOUT });
  await waitUntilStarted(page);
}

/** Where the text of an element starts and ends on screen (not its box, which is full width). */
const textEdges = (locator) =>
  locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return { left: r.left, right: r.right, width: document.documentElement.clientWidth };
  });

describe('Arabic, right to left', () => {
  test('the layout mirrors, the choice is remembered and the chart still reads left to right', async () => {
    const page = await newPage(app.browser, { viewport: SIZES.tablet });
    try {
      await openApp(page, app.url, '/');
      await loadDemo(page);
      await page.getByRole('button', { name: /^Emma/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Hi Emma!' }).waitFor({ timeout: APP_TIMEOUT });

      const ltrHeading = await textEdges(page.getByRole('heading', { level: 1 }));
      assert.ok(ltrHeading.left < ltrHeading.width / 2, 'in English the heading starts on the left');

      await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'العربية' });
      const heading = page.getByRole('heading', { level: 1, name: 'مرحبًا Emma!' });
      await heading.waitFor();
      assert.deepEqual(
        await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
        ['ar', 'rtl'],
      );
      const rtlHeading = await textEdges(heading);
      assert.ok(rtlHeading.right > rtlHeading.width / 2 && rtlHeading.left > ltrHeading.left,
        `in Arabic the heading starts on the right (${JSON.stringify(rtlHeading)})`);

      // The main menu runs from the right: Home is right of Settings.
      const nav = page.getByRole('navigation', { name: 'القائمة الرئيسية' });
      const home = await nav.getByRole('link', { name: 'الرئيسية' }).boundingBox();
      const settings = await nav.getByRole('link', { name: 'الإعدادات' }).boundingBox();
      assert.ok(home.x > settings.x, `Home (${home.x}) is right of Settings (${settings.x})`);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'مرحبًا Emma!' }).waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl', 'Arabic is remembered');

      await openApp(page, app.url, '/goal/goal-emma-calm');
      const chart = page.getByRole('img', { name: /^التقدم: / });
      await chart.waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await chart.evaluate((svg) => getComputedStyle(svg).direction), 'ltr');
      // Time runs left to right: the first date (the axis' second-last label) is left of the last.
      const xs = await chart.locator('text').evaluateAll((els) => els.slice(-2).map((e) => e.getBoundingClientRect()));
      assert.ok(xs[0].right < xs[1].left, `the first date ends before the last begins: ${JSON.stringify(xs)}`);
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('a name with a right-to-left override cannot move the sentence around it', async () => {
    const page = await newPage(app.browser);
    try {
      await openApp(page, app.url, '/');
      await page.getByRole('button', { name: 'Start empty' }).click();
      const name = 'Ida\u202E Lund';
      // The form sits in a disclosure, whose summary has no role of its own.
      await page.locator('summary').filter({ hasText: 'Add a person' }).click();
      await page.getByRole('textbox', { name: 'Name' }).fill(name);
      await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'pupil' });
      await page.getByRole('textbox', { name: 'School, club or family' }).fill('Skolen');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      // The announcement "<name> was added." shows the name as typed, in its own isolated run…
      const toast = page.getByRole('status').filter({ hasText: 'was added.' });
      await toast.waitFor({ timeout: APP_TIMEOUT });
      const isolated = toast.locator('bdi');
      assert.equal(await isolated.textContent(), name);
      assert.equal(await isolated.evaluate((el) => getComputedStyle(el).unicodeBidi), 'isolate');
      // …so the override inside it cannot turn " was added." around: that text still starts after the name.
      const [rest, nameRight] = await toast.evaluate((el) => {
        const bdi = el.querySelector('bdi');
        const range = document.createRange();
        range.selectNodeContents(bdi.nextSibling);
        return [range.getBoundingClientRect().left, bdi.getBoundingClientRect().right];
      });
      assert.ok(rest >= nameRight - 0.5, `" was added." (${rest}) starts after the name (${nameRight})`);
      await page.getByRole('button', { name: /^Ida/ }).click();
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor({ timeout: APP_TIMEOUT });
      assert.equal(await heading.locator('bdi').textContent(), 'Ida\u202E');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});
