// The start page lists people in the order of the language the app is in,
// through the browser's collator: Danish puts Æ, Ø and Å after Z, English reads
// Å as an A. Switching the language re-orders the list.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, assertClean, APP_TIMEOUT } from './helpers.mjs';

const app = useApp();
const NAMES = ['Åse', 'Zara', 'Øjvind', 'adam', 'Ærø'];

/** The pupils' names as listed, top to bottom. */
async function pupils(page, heading) {
  const buttons = page.getByRole('region', { name: heading }).getByRole('button');
  return (await buttons.allInnerTexts()).map((text) => text.split('\n').map((line) => line.trim()).filter(Boolean)[1]);
}

describe('the order of names', () => {
  test('Danish puts Æ, Ø and Å after Z; English reads Å as an A', async () => {
    const page = await newPage(app.browser, { locale: 'da-DK' });
    try {
      await openApp(page, app.url, '/');
      await page.getByRole('button', { name: 'Start tom' }).click();
      await page.getByText('Tilføj en person').click();
      for (const name of NAMES) {
        await page.getByRole('textbox', { name: 'Navn' }).fill(name);
        await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
        await page.getByRole('region', { name: 'Elever' }).getByRole('button', { name: new RegExp(`^${name}\\s`) }).waitFor({ timeout: APP_TIMEOUT });
      }
      assert.deepEqual(await pupils(page, 'Elever'), ['adam', 'Zara', 'Ærø', 'Øjvind', 'Åse']);

      await page.getByRole('combobox', { name: 'Sprog' }).selectOption('en');
      await page.getByRole('heading', { level: 2, name: 'Pupils' }).waitFor({ timeout: APP_TIMEOUT });
      const english = await pupils(page, 'Pupils');
      assert.equal(english[0], 'adam');
      assert.ok(english.indexOf('Åse') < english.indexOf('Zara'), `Å is an A in English: ${english.join(', ')}`);
      assert.ok(english.indexOf('Øjvind') < english.indexOf('Zara'), `Ø is an O in English: ${english.join(', ')}`);
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});
