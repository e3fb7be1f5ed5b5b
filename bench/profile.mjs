#!/usr/bin/env node
// Where does the time go? A CPU profile of one benchmark action with the
// wasm's function names, summed by function (self time and total time).
// For finding causes, not for figures: the figures come from bench/run.
//
//   node bench/profile.mjs checkin [--taps N] [--cpu 4]   the teacher's check-in form
//   node bench/profile.mjs open [--data demo] [--route /home] [--wait MS]   opening a page with the large data
//                                                         (or the demo data, as Lighthouse sees it)
//
// Needs what `bash bench/run --only size` leaves behind: dist/, the named wasm
// under target/bench/names/ and target/bench/big-*.json.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, benchPage, launch, log, seed, startAppSite } from './lib/common.mjs';

const args = process.argv.slice(2);
const what = args[0] ?? 'checkin';
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const taps = Number(opt('taps', 10));
const cpu = Number(opt('cpu', 4));
const dataName = opt('data', 'big') === 'demo' ? 'demo.json' : 'big.json';
const route = opt('route', '/home');

const names = path.join(ROOT, 'target', 'bench', 'names');
const named = (await readdir(names)).find((f) => /^app-.*\.wasm$/.test(f));
const big = (await readdir(path.join(ROOT, 'target', 'bench'))).filter((f) => /^big-.*\.json$/.test(f)).sort().pop();
if (!named || !big) throw new Error('run `bash bench/run --only size` first (named wasm, big data)');

const site = await startAppSite({
  dist: path.join(ROOT, 'dist'),
  data: { 'big.json': path.join(ROOT, 'target', 'bench', big), 'demo.json': path.join(ROOT, 'target', 'bench', 'demo.json') },
});
// The same app, its main wasm swapped for the one that keeps function names
// (the chunks keep theirs: they link to the main module by its exports and table).
const wasmDir = (await readdir(site.dir)).find((f) => /^wasm-[0-9a-f]{16}$/.test(f));
await writeFile(path.join(site.dir, wasmDir, 'app_bg.wasm'), await readFile(path.join(names, named)));
const index = path.join(site.dir, 'index.html');
await writeFile(index, (await readFile(index, 'utf8')).replace(/ integrity="[^"]*"/g, ''));

const browser = await launch();
try {
  const page = await benchPage(browser, { serviceWorkers: 'block' });
  const demo = JSON.parse(await readFile(path.join(ROOT, 'target', 'bench', 'demo.json'), 'utf8'));
  await seed(page, site.url, dataName, dataName === 'demo.json' ? demo.people.find((p) => p.role === 'teacher').id : 't');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  if (what === 'open') {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await cdp.send('Profiler.start');
    await page.goto(`${site.url}${route}`);
    await page.waitForSelector('main h1', { timeout: 60000 });
    await page.waitForTimeout(Number(opt("wait", 1000)));
    const long = await page.evaluate(() => window.__bench.longTasks.map((t) => `${Math.round(t.start)}+${Math.round(t.duration)}`));
    log(`long tasks (start+ms): ${long.join(' ')}`);
  } else {
    await page.goto(`${site.url}/goal/g0-0`);
    await page.waitForSelector('form.checkin-form button[type=submit]', { timeout: 60000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await cdp.send('Profiler.start');
    for (let i = 0; i < taps; i++) {
      await page.evaluate(async (i) => {
        const form = document.querySelector('form.checkin-form');
        form.querySelector(`#checkin-level-${i % 5}`).click();
        const note = form.querySelector('#checkin-note');
        note.value = `profile note ${i}`;
        note.dispatchEvent(new Event('input', { bubbles: true }));
        await window.__bench.nextPaint();
        return window.__bench.time(
          () => form.querySelector('button[type=submit]').click(),
          () => document.querySelector('section[aria-labelledby="notes-title"]')?.textContent.includes(`profile note ${i}`),
        );
      }, i);
    }
  }
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  summarise(profile);
} finally {
  await browser.close();
  await site.close();
}

/** Self and total time per function name, the top 40 by each. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  const deltas = profile.timeDeltas;
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
  profile.samples.forEach((id, i) => {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    self.set(name(node), (self.get(name(node)) ?? 0) + ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const n = name(byId.get(at));
      if (!seen.has(n)) total.set(n, (total.get(n) ?? 0) + ms);
      seen.add(n);
    }
  });
  const per = what === 'open' ? 1 : taps;
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40);
  log(`ms per ${what === 'open' ? 'open' : 'tap'} at ${cpu}x CPU`);
  console.log('\n## self time');
  for (const [n, ms] of top(self)) console.log(`${(ms / per).toFixed(1).padStart(8)}  ${n.slice(0, 140)}`);
  console.log('\n## total time');
  for (const [n, ms] of top(total)) console.log(`${(ms / per).toFixed(1).padStart(8)}  ${n.slice(0, 140)}`);
}
