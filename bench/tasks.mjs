#!/usr/bin/env node
// Which main-thread tasks one page load runs, and when: every task over 40 ms
// (what Lighthouse's TBT counts is each task's time beyond 50 ms), what is
// inside it, and the app's User Timing marks (samspil:store-open, …) between
// them. At 4× CPU, no network throttling, as the demo teacher. For finding
// causes, not for figures: the figures come from bench/run.
//
//   node bench/tasks.mjs [route] [--role teacher|pupil|coach] [--wait MS]
//
// Needs what `bash bench/run --only size` leaves behind: dist/ and
// target/bench/demo.json. Tasks of about 40–60 ms with "EvaluateScript" and no
// script named are Playwright's own (its waiting for the heading), not the app's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, benchPage, launch, seed, startAppSite } from './lib/common.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const route = args[0] && !args[0].startsWith('--') ? args[0] : '/';
const role = opt('role', 'teacher');
const wait = Number(opt('wait', 8000));

const demoPath = path.join(ROOT, 'target', 'bench', 'demo.json');
const site = await startAppSite({ dist: path.join(ROOT, 'dist'), data: { 'demo.json': demoPath } });
const browser = await launch();
try {
  const demo = JSON.parse(await readFile(demoPath, 'utf8'));
  const person = demo.people.find((p) => p.role === role);
  if (!person) throw new Error(`no ${role} in the demo data`);
  const page = await benchPage(browser, { serviceWorkers: 'block' });
  await seed(page, site.url, 'demo.json', person.id);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading'],
  });
  await page.goto(site.url + route);
  await page.waitForSelector('main h1');
  await page.waitForTimeout(wait);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  report(events);
} finally {
  await browser.close();
  await site.close();
}

function report(events) {
  // The page's main thread is the one that started the navigation.
  const nav = events.find((e) => e.name === 'navigationStart');
  if (!nav) throw new Error('no navigationStart in the trace');
  const onMain = (e) => e.pid === nav.pid && e.tid === nav.tid;
  const rows = [];
  for (const e of events) {
    if (e.ts < nav.ts) continue;
    if (e.cat?.includes('blink.user_timing') && e.name.startsWith('samspil')) rows.push([e.ts, `mark ${e.name}`]);
    if (e.name === 'firstContentfulPaint' && onMain(e)) rows.push([e.ts, 'first contentful paint']);
    if (e.name === 'RunTask' && onMain(e) && e.dur > 40000) {
      const inside = events
        .filter((x) => onMain(x) && x !== e && x.ts >= e.ts && x.ts < e.ts + e.dur && x.dur > 5000 && x.name !== 'v8.callFunction')
        .slice(0, 8)
        .map((x) => `${x.name}${x.args?.data?.url ? ` (${x.args.data.url.split('/').pop()})` : ''} ${Math.round(x.dur / 1000)}`);
      rows.push([e.ts, `task ${Math.round(e.dur / 1000)} ms: ${inside.join(' | ')}`, e.dur / 1000]);
    }
  }
  rows.sort((a, b) => a[0] - b[0]);
  const fcp = rows.find(([, what]) => what === 'first contentful paint')?.[0] ?? nav.ts;
  let blocking = 0;
  for (const [ts, what, ms] of rows) {
    console.log(`${String(Math.round((ts - nav.ts) / 1000)).padStart(6)} ms  ${what}`);
    if (ms && ts > fcp) blocking += Math.max(0, ms - 50);
  }
  console.log(`\ntime beyond 50 ms in tasks after the first contentful paint (TBT-like, unthrottled network): ${Math.round(blocking)} ms`);
}
