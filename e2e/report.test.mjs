// The effect report, private notes and the pupil's data export, against the
// hand-computed fixture e2e/fixtures/report.json (its numbers are worked out
// in domain/tests/effect.rs):
// - a leader's report shows exactly the hand-computed figures; groups under
//   five pupils (Klub Y, Klub Z, spring 2025) and the group they could be
//   subtracted from (spring 2026) are on neither the page nor the CSV;
// - a pupil keeps a check-in to one teacher through the UI; a coach does not
//   see it, nor a private note and comment from the fixture, and a parent's
//   download leaves them out while the pupil's has them;
// - pupils, coaches and parents cannot open the report; axe finds nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { useApp, newPage, closePage, openApp, assertClean, formatViolations, screenshot, APP_TIMEOUT, ROOT } from './helpers.mjs';

const app = useApp();
const FIXTURE = JSON.parse(await readFile(path.join(ROOT, 'e2e', 'fixtures', 'report.json'), 'utf8'));

/** Stores the fixture on the device the way the app does (each record's JSON under its id) and picks who uses it. */
async function seed(page, personId) {
  await openApp(page, app.url, '/');
  await page.evaluate(
    ({ db, me }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('samspil');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = Object.keys(db);
          const tx = idb.transaction([...names, 'settings'], 'readwrite');
          for (const name of names) {
            for (const record of db[name]) tx.objectStore(name).put(JSON.stringify(record), record.id);
          }
          tx.objectStore('settings').put('empty', 'started');
          tx.oncomplete = () => {
            idb.close();
            localStorage.setItem('samspil.me', me);
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db: FIXTURE, me: personId },
  );
}

/** Picks another person on the start page, then opens `route`. */
async function become(page, personId, route) {
  await page.evaluate((me) => localStorage.setItem('samspil.me', me), personId);
  await openApp(page, app.url, route);
}

/** The cells of a table, header row first, as the browser shows them. */
function cells(table) {
  return table.evaluate((t) => [...t.rows].map((r) => [...r.cells].map((c) => c.innerText.trim())));
}

async function noAxeViolations(page, label) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  assert.equal(violations.length, 0, `${label}:\n  ${formatViolations(violations)}`);
}

/** Clicks a button that downloads a file; returns the file's name and text (without a BOM). */
async function downloadText(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const file = await download.path();
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  return { name: download.suggestedFilename(), text };
}

/** RFC 4180 CSV to rows (quoted cells, "" for a quote). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const HEADER = ['Group', 'Pupils', 'Goals proposed', 'Goals agreed', 'Goals achieved', 'T-score at start', 'T-score now', 'Change',
  'Pupil checks in', 'School checks in', 'Club checks in', 'Family checks in'];
const p = (done, teams, n) => `${done} of ${teams} teams · ${n} check-ins`;
// Hand-computed in domain/tests/effect.rs.
const EXPECTED = {
  'All pupils': [['All pupils', '10', '11', '10', '1', '38.9', '58.2', '+19.3', p(9, 10, 16), p(2, 10, 2), p(2, 10, 2), p(1, 1, 1)]],
  'Per school': [
    // Four of Skole A's pupils have a T-score: too few for a mean.
    ['Skole A', '5', '6', '5', '1', '–', '–', '–', p(4, 5, 8), p(1, 5, 1), p(2, 5, 2), p(1, 1, 1)],
    ['Skole B', '5', '5', '5', '0', '40.0', '62.0', '+22.0', p(5, 5, 8), p(1, 5, 1), p(0, 5, 0), '–'],
  ],
  'Per club': [['Klub X', '5', '6', '5', '1', '–', '–', '–', p(4, 5, 8), p(1, 5, 1), p(2, 5, 2), p(1, 1, 1)]],
  'Per term': [['Autumn 2025', '9', '10', '9', '1', '38.7', '55.1', '+16.3', p(8, 9, 10), p(2, 9, 2), p(2, 9, 2), p(1, 1, 1)]],
};
const SUPPRESSED = ['Klub Y', 'Klub Z', 'Spring 2025', 'Spring 2026'];

describe('effect report', () => {
  test('a leader sees the hand-computed figures; small groups are on neither the page nor the CSV', async () => {
    const page = await newPage(app.browser);
    try {
      await seed(page, 'lead');
      await openApp(page, app.url, '/home');
      await page.getByRole('heading', { level: 1, name: 'Hi Lone!' }).waitFor();
      await noAxeViolations(page, 'leader home');
      await page.getByRole('link', { name: 'Open the effect report' }).click();
      await page.getByRole('heading', { level: 1, name: 'Effect report' }).waitFor({ timeout: APP_TIMEOUT });

      for (const [section, rows] of Object.entries(EXPECTED)) {
        const table = page.getByRole('table', { name: `Effect report – ${section}` });
        assert.deepEqual(await cells(table), [HEADER, ...rows], section);
      }
      const text = await page.getByRole('main').innerText();
      for (const name of SUPPRESSED) assert.ok(!text.includes(name), `${name} is on the page`);
      assert.match(text, /2 groups are not shown, so that no pupil can be recognised\./);
      const chart = page.getByRole('img', { name: 'Mean T-score at the start and now' });
      assert.match(await chart.evaluate((img) => document.getElementById(img.getAttribute('aria-describedby')).textContent), /All pupils: from 38\.9 to 58\.2/);

      const { name, text: csv } = await downloadText(page, 'Download the tables (CSV)');
      assert.match(name, /^samspil-effect-report-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = parseCsv(csv);
      assert.deepEqual(rows[0], ['Section', ...HEADER]);
      const data = rows.slice(1).filter((r) => r.length > 2);
      const expected = Object.entries(EXPECTED).flatMap(([section, rs]) => rs.map((r) => [section, ...r]));
      assert.deepEqual(data, expected, 'the CSV holds exactly the rows on the page');
      for (const name of SUPPRESSED) assert.ok(!csv.includes(name), `${name} is in the CSV`);

      await noAxeViolations(page, 'report, light');
      await screenshot(page, 'report-leader');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('Danish, dark: the report and its chart pass axe', async () => {
    const page = await newPage(app.browser, { locale: 'da-DK', colorScheme: 'dark' });
    try {
      await seed(page, 'tA');
      await openApp(page, app.url, '/report');
      await page.getByRole('heading', { level: 1, name: 'Effektrapport' }).waitFor();
      const all = await cells(page.getByRole('table', { name: 'Effektrapport – Alle elever' }));
      assert.deepEqual(all[1].slice(0, 8), ['Alle elever', '10', '11', '10', '1', '38,9', '58,2', '+19,3']);
      await noAxeViolations(page, 'report, Danish, dark');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('pupils, coaches and parents cannot open the report', async () => {
    const page = await newPage(app.browser);
    try {
      await seed(page, 'p1');
      for (const who of ['p1', 'cX', 'f1']) {
        await become(page, who, '/report');
        await page.getByText('The effect report is for leaders and teachers.').waitFor();
        assert.equal(await page.getByRole('table').count(), 0, who);
      }
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});

describe('private notes', () => {
  test('a check-in the pupil keeps to a teacher is absent from the coach\'s view and the parent\'s export', async () => {
    const page = await newPage(app.browser);
    try {
      await seed(page, 'p1');
      await openApp(page, app.url, '/goal/g1');
      // The pupil checks in and keeps it to Teacher A.
      await page.getByRole('radio', { name: '+1 More than expected' }).check();
      await page.getByRole('textbox', { name: /Note/ }).fill('Made in the test, for Teacher A only');
      const who = page.getByRole('form', { name: 'New check-in' }).getByRole('group', { name: 'Who can see this?' });
      await who.getByRole('radio', { name: 'Only the people I choose' }).check();
      await who.getByRole('checkbox', { name: 'Teacher A (teacher)' }).check();
      await noAxeViolations(page, 'check-in form with the audience chosen');
      await page.getByRole('button', { name: 'Save check-in' }).click();
      const notes = page.getByRole('region', { name: 'Notes from check-ins' });
      await notes.getByText('Made in the test, for Teacher A only').waitFor();
      assert.match(await notes.innerText(), /Private: only Pupil 1 and Teacher A can see this/);

      // The team view says who can see what.
      await openApp(page, app.url, '/pupil/p1');
      const privateNotes = page.getByRole('region', { name: 'Private notes' });
      assert.match(await privateNotes.innerText(), /2 check-ins and 1 comment: only Pupil 1 and Teacher A can see them/);
      const mine = await downloadText(page, 'Download all data (JSON)');
      const exported = JSON.parse(mine.text);
      assert.equal(exported.format, 'samspil-pupil-export');
      assert.ok(mine.text.includes('Secret note for Teacher A') && mine.text.includes('Made in the test'));

      // The teacher sees them.
      await become(page, 'tA', '/goal/g1');
      await page.getByText('Made in the test, for Teacher A only').waitFor();
      assert.ok(await page.getByText('Secret note for Teacher A').isVisible());

      // The coach sees neither the notes, nor the private comment, nor the ratings.
      await become(page, 'cX', '/goal/g1');
      await page.getByText('Well done, everyone can see this').waitFor();
      const coachView = await page.getByRole('main').innerText();
      for (const secret of ['Made in the test', 'Secret note', 'Only for Teacher A', 'Private:']) {
        assert.ok(!coachView.includes(secret), `the coach sees "${secret}"`);
      }
      assert.ok(coachView.includes('Shared note from Pupil 1'));
      await page.locator('summary').filter({ hasText: 'Show as a table' }).click();
      const table = await cells(page.getByRole('table').first());
      assert.ok(!table.some((r) => r.join(' ').includes('−2')), 'the private −2 is not in the coach\'s table');
      await openApp(page, app.url, '/pupil/p1');
      assert.equal(await page.getByRole('region', { name: 'Private notes' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Download all data (JSON)' }).count(), 0, 'only the pupil and parents download');

      // The parent downloads: nothing private in either file.
      await become(page, 'f1', '/pupil/p1');
      const json = await downloadText(page, 'Download all data (JSON)');
      assert.match(json.name, /^samspil-pupil-1-\d{4}-\d{2}-\d{2}\.json$/);
      const data = JSON.parse(json.text);
      assert.equal(data.exportedBy, 'f1');
      assert.ok(data.checkins.every((c) => c.visibleTo === undefined), 'only shared check-ins');
      assert.deepEqual(data.comments.map((c) => c.id), ['k-2']);
      for (const secret of ['Made in the test', 'Secret note', 'Only for Teacher A']) assert.ok(!json.text.includes(secret), secret);
      const csv = await downloadText(page, 'Download the goals (CSV)');
      const rows = parseCsv(csv.text);
      assert.equal(rows[0][0], 'id');
      assert.equal(rows.length, 2, 'a header and p1\'s one goal');
      assert.equal(rows[1][rows[0].indexOf('checkins')], '4', 'the parent counts only shared check-ins');
      await noAxeViolations(page, 'pupil page with downloads');
      await screenshot(page, 'pupil-downloads');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});
