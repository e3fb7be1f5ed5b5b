// The last line of defence (index.html): when WebAssembly traps — a panic in the
// release build is a bare trap (scripts/build-wasm.mjs, SMALL_STD) — a calm
// message in the person's language with a reload button takes the place of a
// dead page. An ordinary script error is not a crash of the app.
//
// The trap here is a real one, from a tiny module that executes `unreachable`
// in a timer, as a trap in one of the app's event handlers or tasks arrives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, problemsOf, assertClean, screenshot, eventually } from './helpers.mjs';

const app = useApp();

/** Makes a WebAssembly trap in the page, outside any caller that could catch it. */
function trap(page) {
  return page.evaluate(() => {
    // (module (func (export "boom") unreachable))
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 98, 111, 111, 109, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
    const { boom } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
    setTimeout(boom);
  });
}

/** Forgets the trap we made on purpose, and nothing else. */
function forgiveTrap(page) {
  const p = problemsOf(page);
  p.pageErrors = p.pageErrors.filter((e) => !/^RuntimeError: unreachable/.test(String(e)));
}

describe('the crash screen', () => {
  for (const [locale, title, body, reload] of [
    ['en-US', 'Something went wrong', 'Your data is safe. Reload the page to carry on.', 'Reload'],
    ['da-DK', 'Noget gik galt', 'Dine data er i sikkerhed. Genindlæs siden for at fortsætte.', 'Genindlæs'],
  ]) {
    test(`a WebAssembly trap shows it, in ${locale}, with the reload button focused; reloading brings the app back`, async () => {
      const page = await newPage(app.browser, { locale });
      try {
        await openApp(page, app.url, '/');
        await trap(page);
        const dialog = page.getByRole('alertdialog', { name: title });
        await dialog.waitFor();
        assert.equal(await dialog.getAttribute('aria-describedby').then((id) => page.locator(`#${id}`).textContent()), body);
        const button = dialog.getByRole('button', { name: reload });
        await eventually(() => button.evaluate((b) => document.activeElement === b), 'the reload button has the focus');
        if (locale === 'en-US') await screenshot(page, 'crash');

        // A second trap does not stack a second message.
        await trap(page);
        await page.waitForTimeout(100);
        assert.equal(await page.getByRole('alertdialog').count(), 1);

        await Promise.all([page.waitForEvent('load'), button.click()]);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        assert.equal(await page.getByRole('alertdialog').count(), 0, 'the app is back, without the message');
        forgiveTrap(page);
        assertClean(page);
      } finally {
        await closePage(page);
      }
    });
  }

  test('an ordinary script error is not a crash of the app', async () => {
    const page = await newPage(app.browser);
    try {
      await openApp(page, app.url, '/');
      await page.evaluate(() => setTimeout(() => { throw new TypeError('not the app'); }));
      await eventually(() => problemsOf(page).pageErrors.length > 0, 'the error was thrown');
      assert.equal(await page.getByRole('alertdialog').count(), 0);
    } finally {
      await closePage(page);
    }
  });
});
