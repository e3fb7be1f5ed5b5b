// Accessibility: axe (WCAG 2.0/2.1/2.2 A + AA) finds nothing on any view, in
// every language (Danish, English, Arabic) and both colour schemes; nor do axe's best practices for
// headings and landmarks, and no id is used twice. One browser context per
// language × scheme walks through every view (start, each role's home, the
// effect report, goals,
// pupil, goal pages in every state, the goal form empty and with errors, the
// revise form, settings with the erase confirmation, not found), so the file
// stays quick. Also: every touch target on the main views is at least 44×44
// CSS px at phone size, text at 200 % does not make the page scroll sideways,
// and reduced motion turns transitions off.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useApp, newPage, closePage, openApp, assertClean, formatViolations, SIZES, APP_TIMEOUT } from './helpers.mjs';
import { waitUntilStarted } from './stored.mjs';

const app = useApp();

/** The few UI texts this file relies on, per language. */
const TEXT = {
  en: {
    loadDemo: 'Load demo data',
    hello: (name) => `Hi ${name}!`,
    sortWaiting: /^Waiting for agreement/,
    filter: 'Show',
    needsAttention: 'Needs attention',
    showAsTable: 'Show as a table',
    endGoal: 'End the goal',
    propose: 'Propose a goal',
    erase: 'Erase all data on this device',
    cancel: 'Cancel',
    save: 'Save',
    switchPerson: /^(Switch|Choose) person$/,
    whoIsUsing: 'Who is using this device?',
    writePost: 'Write a post',
    sendPost: 'Send post',
    hide: 'Hide…',
    typeToConfirm: 'Type Emma to confirm',
    eraseForGood: 'Erase Emma for good',
    erased: 'Erased',
  },
  da: {
    loadDemo: 'Hent eksempeldata',
    hello: (name) => `Hej ${name}!`,
    sortWaiting: /^Venter på enighed/,
    filter: 'Vis',
    needsAttention: 'Kræver opmærksomhed',
    showAsTable: 'Vis som tabel',
    endGoal: 'Afslut målet',
    propose: 'Foreslå mål',
    erase: 'Slet alle data på denne enhed',
    cancel: 'Annuller',
    save: 'Gem',
    switchPerson: /^(Skift|Vælg) person$/,
    whoIsUsing: 'Hvem bruger enheden?',
    writePost: 'Skriv et opslag',
    sendPost: 'Send opslag',
    hide: 'Skjul…',
    typeToConfirm: 'Skriv Emma for at bekræfte',
    eraseForGood: 'Slet Emma for altid',
    erased: 'Slettet',
  },
  ar: {
    loadDemo: 'حمّل بيانات تجريبية',
    hello: (name) => `مرحبًا ${name}!`,
    sortWaiting: /^بانتظار الموافقة/,
    filter: 'اعرض',
    needsAttention: 'يحتاج إلى اهتمام',
    showAsTable: 'اعرض كجدول',
    endGoal: 'أنهِ الهدف',
    propose: 'اقترح هدفًا',
    erase: 'امسح كل البيانات على هذا الجهاز',
    cancel: 'إلغاء',
    save: 'حفظ',
    switchPerson: /^(غيّر|اختر) الشخص$/,
    whoIsUsing: 'من يستخدم هذا الجهاز؟',
    writePost: 'اكتب منشورًا',
    sendPost: 'أرسل المنشور',
    hide: 'أخفِ…',
    typeToConfirm: 'اكتب Emma للتأكيد',
    eraseForGood: 'امسح Emma نهائيًا',
    erased: 'تم المسح',
  },
};

/** Two frames, so Leptos' effects and the browser's layout have settled. */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Load the demo data on the first-start screen and wait until it is stored,
 * so that a reload right after finds all of it.
 */
async function loadDemo(page, t) {
  const demo = page.getByRole('button', { name: t.loadDemo });
  await demo.click();
  await demo.waitFor({ state: 'detached', timeout: APP_TIMEOUT });
  await waitUntilStarted(page);
}

/** Choose a person on the start page (reached through the header's link); lands on their home. */
async function choose(page, name, t) {
  if (new URL(page.url()).pathname !== '/') {
    await page.getByRole('banner').getByRole('link', { name: t.switchPerson }).click();
    await page.getByRole('heading', { level: 1, name: t.whoIsUsing }).waitFor();
  }
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { level: 1, name: t.hello(name.split(' ')[0]) }).waitFor({ timeout: APP_TIMEOUT });
}

/** Visit a route and wait for its level-1 heading. */
async function visit(page, route) {
  await openApp(page, app.url, route);
  await settle(page);
}

/**
 * Walk every view with demo data, calling `look(label)` on each. Shared by the
 * axe walk and the touch-target walk.
 */
async function walk(page, t, look) {
  await openApp(page, app.url, '/');
  await look('start, first start');
  await loadDemo(page, t);
  await look('start, with people');

  await choose(page, 'Emma', t);
  await look('pupil home (Emma)');

  await choose(page, 'Sofie Berg', t);
  // The pupil's disclosure has no role to find it by; its summary text is the pupil's name.
  await page.locator('summary').filter({ hasText: /^Emma/ }).click();
  await page.getByRole('link', { name: /Emma/ }).first().waitFor();
  // Malthe's goal is followed with a number only: saving it empty marks the number field.
  await page.locator('summary').filter({ hasText: /^Malthe/ }).click();
  const malthe = page.getByRole('listitem').filter({ has: page.locator('summary', { hasText: /^Malthe/ }) });
  await malthe.getByRole('button', { name: t.save, exact: true }).click();
  await malthe.locator('[aria-invalid="true"]').waitFor();
  await look('coach home (Sofie Berg), Emma and Malthe opened, an empty number saved');

  await choose(page, 'Lone Larsen', t);
  await look('leader home (Lone Larsen)');
  await visit(page, '/report');
  await look('/report, the effect report');

  await choose(page, 'Mette Hansen', t);
  await look('teacher home (Mette Hansen)');
  await page.getByRole('button', { name: t.sortWaiting }).click();
  await page.getByRole('combobox', { name: t.filter, exact: true }).selectOption({ label: t.needsAttention });
  await settle(page);
  await look('teacher home, sorted by waiting and filtered');

  await visit(page, '/goals');
  await look('/goals');
  await visit(page, '/pupil/pupil-emma');
  await look('/pupil/pupil-emma');
  await visit(page, '/goal/goal-emma-calm');
  await page.locator('summary').filter({ hasText: t.showAsTable }).click();
  // Built when opened: axe must see the table, not the moment before it.
  await page.getByRole('table').first().waitFor();
  await page.locator('summary').filter({ hasText: t.endGoal }).click();
  await settle(page);
  await look('active goal with chart, table and ending opened');
  await visit(page, '/goal/goal-emma-reading');
  await look('proposed goal, revision 2');
  await visit(page, '/goal/goal-freja-ask-for-help');
  await look('ended goal');
  await visit(page, '/pupil/pupil-emma/new-goal');
  await look('goal form, empty');
  await page.getByRole('button', { name: t.propose, exact: true }).click();
  await page.getByRole('alert').first().waitFor();
  await settle(page);
  await look('goal form, after a failed submit');
  await visit(page, '/goal/goal-emma-calm/revise');
  await look('revise form');
  await visit(page, '/settings');
  await look('/settings');
  await page.getByRole('button', { name: t.erase }).click();
  await page.getByRole('alertdialog').waitFor();
  await look('/settings, erase confirmation open');
  await page.getByRole('button', { name: t.cancel }).click();
  await visit(page, '/no-such-page');
  await look('page not found');

  // The peer space: refused to a teacher who does not moderate, then as a
  // pupil (a post form with a failed submit, a report confirmation) and a moderator.
  await visit(page, '/peer');
  await look('/peer refused to a teacher who does not moderate');
  await visit(page, '/pupil/pupil-emma/erase');
  await page.getByRole('button', { name: t.eraseForGood }).click();
  await page.getByRole('textbox', { name: t.typeToConfirm }).and(page.locator('[aria-invalid="true"]')).waitFor();
  await look('erase page after a wrong confirmation');
  await choose(page, 'Emma', t);
  await visit(page, '/peer');
  await page.locator('summary').filter({ hasText: t.writePost }).click();
  await page.getByRole('button', { name: t.sendPost }).click();
  await page.getByRole('textbox').and(page.locator('[aria-invalid="true"]')).waitFor();
  await look('/peer as a pupil, an empty post sent');
  await choose(page, 'Malthe', t);
  await visit(page, '/peer');
  await look('/peer as a pupil without a made-up name');
  await choose(page, 'Jonas Lund', t);
  await visit(page, '/peer');
  await look('/peer as a moderator');
  await visit(page, '/peer/moderate');
  await page.getByRole('button', { name: t.hide }).first().click();
  await settle(page);
  await look('/peer/moderate, hiding opened');

  // Last, as it removes Emma: the account of an erasure.
  await choose(page, 'Mette Hansen', t);
  await visit(page, '/pupil/pupil-emma/erase');
  await page.getByRole('textbox', { name: t.typeToConfirm }).fill('Emma');
  await page.getByRole('button', { name: t.eraseForGood }).click();
  await page.getByRole('heading', { level: 1, name: t.erased }).waitFor({ timeout: APP_TIMEOUT });
  await settle(page);
  await look('erasure done, with its account');
}

/**
 * axe with WCAG 2.0/2.1/2.2 A and AA, and a title named after the page's
 * heading; with `structure`, also axe's best
 * practices (headings, landmarks) and our own check that no id is used twice
 * (axe only checks ids that ARIA refers to). The structure is the same in
 * both colour schemes, so it is checked in one of them.
 */
async function problemsOn(page, structure) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', ...(structure ? ['best-practice'] : [])];
  const { violations } = await new AxeBuilder({ page })
    .withTags(tags)
    // Only violations are read; leaving out the passes makes axe about a third faster.
    .options({ resultTypes: ['violations'] })
    .analyze();
  const lines = violations.length ? [formatViolations(violations)] : [];
  // Each view has its own title, from its heading (WCAG 2.4.2).
  const [title, heading] = await page.evaluate(() => [document.title, document.querySelector('main h1')?.innerText.trim()]);
  if (title !== `${heading} – Samspil`) lines.push(`the title is "${title}", not "${heading} – Samspil"`);
  if (!structure) return lines;
  const duplicates = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  });
  if (duplicates.length) lines.push(`duplicate ids: ${duplicates.join(', ')}`);
  return lines;
}

// Each language gets both sizes, and each scheme gets both sizes.
const RUNS = [
  { lang: 'da', locale: 'da-DK', colorScheme: 'dark', size: 'phone' },
  { lang: 'da', locale: 'da-DK', colorScheme: 'light', size: 'desktop' },
  { lang: 'en', locale: 'en-US', colorScheme: 'dark', size: 'desktop' },
  { lang: 'en', locale: 'en-US', colorScheme: 'light', size: 'phone' },
  { lang: 'ar', locale: 'ar-EG', colorScheme: 'dark', size: 'tablet' },
  { lang: 'ar', locale: 'ar-EG', colorScheme: 'light', size: 'tablet' },
];

// e2e/run.mjs runs this file once per language (E2E_SHARD=da, en or ar), so
// each run stays well inside its time budget; the layout checks, which use
// English, go with the English run. Without E2E_SHARD everything runs.
const SHARD = process.env.E2E_SHARD ?? '';
const inShard = (lang) => SHARD === '' || SHARD === lang;

describe('axe finds no violations on any view', { concurrency: 2 }, () => {
  for (const { lang, locale, colorScheme, size } of RUNS.filter((run) => inShard(run.lang))) {
    test(`${locale}, ${colorScheme}, ${size}`, async () => {
      const page = await newPage(app.browser, { viewport: SIZES[size], locale, colorScheme });
      const found = [];
      try {
        await walk(page, TEXT[lang], async (label) => {
          const problems = await problemsOn(page, colorScheme === 'dark');
          if (problems.length) found.push(`${label} (${page.url()}):\n  ${problems.join('\n  ')}`);
        });
        assert.equal(found.length, 0, `axe violations (${locale}, ${colorScheme}, ${size}):\n${found.join('\n')}`);
        assertClean(page);
      } finally {
        await closePage(page);
      }
    });
  }
});

/** Our own rule: every control is at least 44×44 CSS px. Returns the ones that are not. */
function smallTargets(page) {
  return page.evaluate((min) => {
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.visually-hidden');
    };
    const union = (rects) => {
      const left = Math.min(...rects.map((r) => r.left));
      const top = Math.min(...rects.map((r) => r.top));
      const right = Math.max(...rects.map((r) => r.right));
      const bottom = Math.max(...rects.map((r) => r.bottom));
      return { width: right - left, height: bottom - top };
    };
    const describe = (el) => {
      const name = (el.getAttribute('aria-label') || el.innerText || el.labels?.[0]?.innerText || el.id || '').trim();
      return `<${el.tagName.toLowerCase()}${el.type ? ` type=${el.type}` : ''}> "${name.replace(/\s+/g, ' ').slice(0, 50)}"`;
    };
    const small = [];
    const check = (el, box) => {
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        small.push(`${describe(el)}: ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
      }
    };
    for (const el of document.querySelectorAll('button, a[href], select, summary, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), textarea')) {
      // The skip link is off screen until it gets focus; it is checked in the keyboard test.
      if (!visible(el) || el.classList.contains('skip-link')) continue;
      check(el, el.getBoundingClientRect());
    }
    // A checkbox or radio button is hit through itself and its label together.
    for (const el of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
      if (!visible(el)) continue;
      const rects = [el.getBoundingClientRect(), ...[...(el.labels ?? [])].filter(visible).map((l) => l.getBoundingClientRect())];
      check(el, union(rects));
    }
    return small;
  }, 44);
}

if (inShard('en')) describe('touch targets', () => {
  test('every button, link, select and field is at least 44×44 px at phone size', async () => {
    const page = await newPage(app.browser, { viewport: SIZES.phone });
    const found = [];
    try {
      await walk(page, TEXT.en, async (label) => {
        const small = await smallTargets(page);
        if (small.length) found.push(`${label} (${page.url()}):\n    ${small.join('\n    ')}`);
      });
      assert.equal(found.length, 0, `targets smaller than 44×44 px:\n  ${found.join('\n  ')}`);
    } finally {
      await closePage(page);
    }
  });
});

if (inShard('en')) describe('large text and reduced motion', () => {
  test('at 200 % text size the main views do not scroll sideways and nothing covers the header', async () => {
    const page = await newPage(app.browser, { viewport: SIZES.desktop });
    const found = [];
    try {
      await page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          document.documentElement.style.fontSize = '200%';
        });
      });
      const t = TEXT.en;
      await openApp(page, app.url, '/');
      await loadDemo(page, t);
      const look = async (label) => {
        await settle(page);
        const problems = await page.evaluate(() => {
          const out = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth + 1) {
            // Find the widest offenders that are not inside an element meant to scroll.
            const wide = [...document.querySelectorAll('body *')]
              .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
              .filter((el) => !el.closest('.table-wrap'))
              .slice(0, 5)
              .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
            out.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} (${wide.join(', ')})`);
          }
          // The header's texts must not be covered by anything (a light check at their centres).
          const header = document.querySelector('header');
          for (const el of header.querySelectorAll('a, select, .who-name')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0) continue;
            const x = r.left + r.width / 2;
            const y = r.top + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            if (hit && !el.contains(hit) && !hit.contains(el)) {
              out.push(`header item "${el.innerText.trim()}" is covered by <${hit.tagName.toLowerCase()} class="${hit.className}">`);
            }
            if (r.right > root.clientWidth + 1) out.push(`header item "${el.innerText.trim()}" goes past the right edge`);
          }
          return out;
        });
        if (problems.length) found.push(`${label}: ${problems.join('; ')}`);
      };
      for (const who of ['Emma', 'Sofie Berg', 'Mette Hansen']) {
        await choose(page, who, t);
        if (who === 'Sofie Berg') await page.locator('summary').filter({ hasText: /^Emma/ }).click();
        await look(`home as ${who}`);
      }
      for (const route of ['/goals', '/pupil/pupil-emma', '/goal/goal-emma-calm', '/goal/goal-emma-reading', '/pupil/pupil-emma/new-goal', '/settings', '/no-such-page']) {
        await visit(page, route);
        await look(route);
      }
      assert.equal(found.length, 0, `problems at 200 % text:\n  ${found.join('\n  ')}`);
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });

  test('with reduced motion nothing moves', async () => {
    const page = await newPage(app.browser);
    try {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openApp(page, app.url, '/');
      await loadDemo(page, TEXT.en);
      await choose(page, 'Sofie Berg', TEXT.en);
      const moving = await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll('*')) {
          for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(el, pseudo);
            const moves = (list) => list.split(',').some((d) => parseFloat(d) > 0.01);
            if (moves(s.transitionDuration) || (s.animationName !== 'none' && moves(s.animationDuration))) {
              out.push(`${el.tagName.toLowerCase()}${pseudo ?? ''}.${[...el.classList].join('.')}`);
            }
          }
        }
        return out;
      });
      assert.deepEqual(moving, [], 'elements that still move with reduced motion');
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'auto');
    } finally {
      await closePage(page);
    }
  });
});
