// The large data set (teacher "t", 30 pupils × 10 goals × 200 check-ins,
// from `cargo run -p domain --example big -- --json DAY`) in the app's
// embedded store: opening time, the overview's first render and every
// filter/sort, a check-in from tap to visible at 4x CPU slowdown, memory
// after load and over 100 navigations.
import { benchPage, log, median, memoryOf, seed, withCpuThrottle } from './common.mjs';

const ROWS = 'table.overview tbody tr';

async function overviewShown(page, count = 30) {
  await page.waitForFunction((n) => document.querySelectorAll('table.overview tbody tr').length >= n, count, { timeout: 60000 });
}

/** Opens /home as the teacher in a fresh context with the large data; returns the page. */
async function teacherPage(browser, site, me = 't') {
  const page = await benchPage(browser);
  await seed(page, site.url, 'big.json', me);
  return page;
}

/** Navigation start → the 30 overview rows painted, over a full page load. */
async function timeOpen(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(
    async () =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        const check = async () => {
          if (document.querySelectorAll('table.overview tbody tr').length >= 30) {
            const painted = await window.__bench.nextPaint();
            resolve(painted); // ms since navigation start (the page's time origin)
            return true;
          }
          if (performance.now() - t0 > 60000) reject(new Error('overview never appeared'));
          return false;
        };
        const loop = async () => { if (!(await check())) requestAnimationFrame(loop); };
        loop();
      }),
  );
}

export async function storageAndMemory(browser, site, reps) {
  const page = await teacherPage(browser, site);
  const open = [];
  try {
    // The first open installs the service worker; every open is measured.
    for (let i = 0; i < reps + 1; i++) {
      const ms = await timeOpen(page, `${site.url}/home`);
      if (i > 0) open.push(ms);
      log(`storage open ${i}: ${Math.round(ms)} ms${i === 0 ? ' (warm-up, not counted)' : ''}`);
    }
    const memory = [];
    for (let i = 0; i < Math.min(reps, 3); i++) {
      await timeOpen(page, `${site.url}/home`);
      await page.waitForTimeout(500);
      memory.push(await memoryOf(page));
    }
    const mem = { js: median(memory.map((m) => m.js)), wasm: median(memory.map((m) => m.wasm)), total: median(memory.map((m) => m.total)) };
    log(`memory after load: JS ${mb(mem.js)} + wasm ${mb(mem.wasm)} = ${mb(mem.total)}`);
    return { openMs: median(open), openRuns: open, memory: mem };
  } finally {
    await page.context().close();
  }
}

const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;

async function go(page, href) {
  return page.evaluate(
    (href) =>
      window.__bench.time(
        () => window.__bench.go(href),
        () => location.pathname === href && !!document.querySelector('main h1') && !document.querySelector('main .loading'),
      ),
    href,
  );
}

export async function overview(browser, site, reps) {
  const page = await teacherPage(browser, site);
  try {
    await page.goto(`${site.url}/home`);
    await overviewShown(page);
    const first = [];
    const actions = {};
    const longest = [];
    for (let i = 0; i < reps + 1; i++) {
      await go(page, '/goals');
      const r = await page.evaluate(() =>
        window.__bench.time(
          () => window.__bench.go('/home'),
          () => document.querySelectorAll('table.overview tbody tr').length >= 30,
        ),
      );
      if (i > 0) { first.push(r.ms); longest.push(...r.longTasks); }
      // Every filter, then every sort order.
      const options = await page.$$eval('#overview-filter option', (os) => os.map((o) => o.value));
      for (const value of [...options.slice(1), options[0]]) {
        const t = await page.evaluate((value) => {
          const select = document.getElementById('overview-filter');
          return window.__bench.time(() => {
            select.value = value;
            select.dispatchEvent(new Event('change', { bubbles: true }));
          }, () => true);
        }, value);
        if (i > 0) { (actions[`filter ${value}`] ??= []).push(t.ms); longest.push(...t.longTasks); }
      }
      const sorts = await page.$$eval('table.overview thead button.sort', (bs) => bs.length);
      for (const k of [...Array(sorts).keys()].slice(1).concat([0])) {
        const t = await page.evaluate((k) => {
          const button = document.querySelectorAll('table.overview thead button.sort')[k];
          return window.__bench.time(() => button.click(), () => button.closest('th').getAttribute('aria-sort') !== 'none');
        }, k);
        if (i > 0) { (actions[`sort ${k}`] ??= []).push(t.ms); longest.push(...t.longTasks); }
      }
    }
    const perAction = Object.fromEntries(Object.entries(actions).map(([k, v]) => [k, median(v)]));
    const worst = Math.max(...Object.values(perAction));
    log(`overview first render ${Math.round(median(first))} ms; slowest filter/sort ${Math.round(worst)} ms`);
    return { firstRenderMs: median(first), firstRuns: first, actions: perAction, worstActionMs: worst, longestTaskMs: Math.max(0, ...longest) };
  } finally {
    await page.context().close();
  }
}

/**
 * Check-in from tap to visible at 4x CPU slowdown, `taps` times:
 * the teacher's full form on a goal page (tap "Save" → the note shows), and
 * the pupil's one-tap quick check-in on their home (tap a level → it shows pressed).
 */
export async function checkin(browser, site, taps) {
  const out = {};
  {
    const page = await teacherPage(browser, site);
    try {
      await page.goto(`${site.url}/goal/g0-0`);
      await page.waitForSelector('form.checkin-form button[type=submit]', { timeout: 60000 });
      const runs = [];
      const long = [];
      await withCpuThrottle(page, 4, async () => {
        for (let i = 0; i < taps + 2; i++) {
          const r = await page.evaluate(async (i) => {
            const form = document.querySelector('form.checkin-form');
            form.querySelector(`#checkin-level-${i % 5}`).click();
            const note = form.querySelector('#checkin-note');
            const text = `bench note ${i}`;
            note.value = text;
            note.dispatchEvent(new Event('input', { bubbles: true }));
            await window.__bench.nextPaint();
            const save = form.querySelector('button[type=submit]');
            return window.__bench.time(
              () => save.click(),
              () => document.querySelector('section[aria-labelledby="notes-title"]')?.textContent.includes(text),
            );
          }, i);
          if (i >= 2) { runs.push(r.ms); long.push(...r.longTasks); }
        }
      });
      out.teacherForm = { ms: median(runs), runs, longestTaskMs: Math.max(0, ...long), longTasks: long.length };
      log(`check-in (teacher form, 4x CPU): median ${Math.round(out.teacherForm.ms)} ms, longest task ${Math.round(out.teacherForm.longestTaskMs)} ms`);
    } finally {
      await page.context().close();
    }
  }
  {
    const page = await teacherPage(browser, site, 'p0');
    try {
      await page.goto(`${site.url}/home`);
      await page.waitForSelector('fieldset.quick-checkin .levels button', { timeout: 60000 });
      const runs = [];
      const long = [];
      await withCpuThrottle(page, 4, async () => {
        for (let i = 0; i < taps + 2; i++) {
          const r = await page.evaluate(async (i) => {
            const button = document.querySelectorAll('fieldset.quick-checkin')[0].querySelectorAll('.levels button')[i % 2 ? 1 : 3];
            await window.__bench.nextPaint();
            return window.__bench.time(() => button.click(), () => button.getAttribute('aria-pressed') === 'true');
          }, i);
          if (i >= 2) { runs.push(r.ms); long.push(...r.longTasks); }
        }
      });
      out.pupilQuick = { ms: median(runs), runs, longestTaskMs: Math.max(0, ...long), longTasks: long.length };
      log(`check-in (pupil one tap, 4x CPU): median ${Math.round(out.pupilQuick.ms)} ms, longest task ${Math.round(out.pupilQuick.longestTaskMs)} ms`);
    } finally {
      await page.context().close();
    }
  }
  return out;
}

/** JS heap + wasm memory before and after `navigations` client-side navigations between pages. */
export async function leak(browser, site, navigations = 100) {
  const page = await teacherPage(browser, site);
  const routes = ['/goals', '/pupil/p0', '/goal/g0-0', '/settings', '/home'];
  try {
    await page.goto(`${site.url}/home`);
    await overviewShown(page);
    for (let i = 0; i < 10; i++) await go(page, routes[i % routes.length]);
    const before = await memoryOf(page);
    const times = [];
    for (let i = 0; i < navigations; i++) times.push((await go(page, routes[i % routes.length])).ms);
    const after = await memoryOf(page);
    const growth = { js: after.js - before.js, wasm: after.wasm - before.wasm, total: after.total - before.total };
    log(`leak test: ${navigations} navigations, JS ${mb(before.js)} → ${mb(after.js)}, wasm ${mb(before.wasm)} → ${mb(after.wasm)}`);
    return { navigations, before, after, growth, navigationMs: median(times) };
  } finally {
    await page.context().close();
  }
}
