#!/usr/bin/env node
// Samspil's benchmark suite (issue #7). Run it through `bash bench/run`, which
// builds everything first; this file only measures and reports.
//
//   node bench/bench.mjs [--only size,lighthouse,open,overview,checkin,storage,leak,sync] [--reps N]
//                        [--lh-reps N] [--taps N] [--writes N] [--navs N] [--out FILE]
//
// Inputs (environment, set by bench/run): APP_DIST, LEPTOS_DIST, PLAIN_DIR,
// BIG_JSON, DEMO_JSON, NAMED_WASM (the app's wasm with names, for the breakdown).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BENCH, ROOT, launch, log, median, round, seed, startAppSite, startStaticSite } from './lib/common.mjs';
import { firstLoad } from './lib/size.mjs';
import { breakdown } from './lib/wasm-breakdown.mjs';
import { runLighthouse } from './lib/lighthouse.mjs';
import { checkin, leak, overview, storageAndMemory } from './lib/data.mjs';
import { sync } from './lib/sync.mjs';
import { LIGHTHOUSE_MOBILE, openLazyRoutes } from './lib/open.mjs';

const PARTS = ['size', 'lighthouse', 'open', 'overview', 'checkin', 'storage', 'leak', 'sync'];
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].split('=').slice(1).join('=') : args[i + 1];
};
const only = opt('only', PARTS.join(',')).split(',').filter(Boolean);
for (const p of only) if (!PARTS.includes(p)) { console.error(`unknown part ${p}; parts: ${PARTS.join(', ')}`); process.exit(2); }
const reps = Number(opt('reps', 5));
// Five: with three, a route's TBT median moved by 100 ms between runs of the same code (bench/FINDINGS.md).
const lhReps = Number(opt('lh-reps', 5));
const taps = Number(opt('taps', 20));
const writes = Number(opt('writes', 1000));
const navs = Number(opt('navs', 100));
const out = path.resolve(opt('out', path.join(BENCH, 'results', 'latest.json')));

const env = (k, d) => process.env[k] ?? d;
const APP_DIST = env('APP_DIST', path.join(ROOT, 'dist'));
const LEPTOS_DIST = env('LEPTOS_DIST', path.join(BENCH, 'ref-leptos', 'dist'));
const PLAIN_DIR = env('PLAIN_DIR', path.join(BENCH, 'ref-plain'));
const BIG_JSON = env('BIG_JSON', path.join(ROOT, 'target', 'bench', 'big.json'));
const DEMO_JSON = env('DEMO_JSON', path.join(ROOT, 'target', 'bench', 'demo.json'));
const NAMED_WASM = env('NAMED_WASM', '');

const KB = 1000;
const results = { date: new Date().toISOString(), settings: { only, reps, lhReps, taps, writes, navs }, figures: [] };
/** One line of the summary table. `ok` true/false, or null when not judged. */
function figure(name, target, app, leptos, plain, ok, unit) {
  results.figures.push({ name, target, samspil: app, leptosFloor: leptos, plainFloor: plain, unit, pass: ok });
}

const demo = JSON.parse(await readFile(DEMO_JSON, 'utf8'));
// The demo data's first teacher, one of their pupils, and that pupil's first goal.
const teacher = demo.people.find((p) => p.role === 'teacher');
const pupilId = demo.members.find((m) => m.personId === teacher.id).pupilId;
const goalId = demo.goals.find((g) => g.pupilId === pupilId && !g.ended).id;
// The first pupil with a goal in progress, for the pages a pupil opens.
const pupil = demo.people.find((p) => p.role === 'pupil' && demo.goals.some((g) => g.pupilId === p.id && !g.ended));
/** The routes Lighthouse and the per-route size open, as the demo teacher. */
// SAMSPIL_BENCH_ROUTES=/,/home measures only those (while looking for a cause; the figures need every route).
const ALL_ROUTES = () => ['/', '/home', '/goals', `/pupil/${pupilId}`, `/goal/${goalId}`, `/goal/${goalId}/revise`, `/pupil/${pupilId}/new-goal`, '/settings', '/report', '/no-such-page'];
const routesOf = () => (process.env.SAMSPIL_BENCH_ROUTES ? process.env.SAMSPIL_BENCH_ROUTES.split(',') : ALL_ROUTES());

const browser = await launch();
const app = await startAppSite({ dist: APP_DIST, data: { 'big.json': BIG_JSON, 'demo.json': DEMO_JSON } });
const leptos = await startStaticSite(LEPTOS_DIST);
const plain = await startStaticSite(PLAIN_DIR);
log(`Samspil ${app.url}, Leptos floor ${leptos.url}, plain floor ${plain.url}`);

try {
  if (only.includes('size')) {
    const [a, l, p] = [await firstLoad(browser, app), await firstLoad(browser, leptos), await firstLoad(browser, plain)];
    results.size = { samspil: a, leptosFloor: l, plainFloor: p };
    figure('1. first load, to the first view, brotli (KB)', '≤ 150', a.total.brotli / KB, l.total.brotli / KB, p.total.brotli / KB, a.total.brotli <= 150 * KB, 'KB');
    figure('   first view, gzip (KB)', '', a.total.gzip / KB, l.total.gzip / KB, p.total.gzip / KB, null, 'KB');
    figure('   first view, raw (KB)', '', a.total.raw / KB, l.total.raw / KB, p.total.raw / KB, null, 'KB');
    figure('   a first visit in all, once each (+ chunks, precache), brotli (KB)', '', a.all.total.brotli / KB, l.all.total.brotli / KB, p.all.total.brotli / KB, null, 'KB');
    figure('   bytes on the wire, repeats included (KB)', '', a.wire.bytes / KB, l.wire.bytes / KB, p.wire.bytes / KB, null, 'KB');
    // Each route opened first (a deep link), by the demo teacher, to its first view.
    const asTeacher = (page, url) => seed(page, url, 'demo.json', teacher.id);
    results.size.routes = {};
    for (const route of routesOf()) {
      const r = await firstLoad(browser, app, route, { settleMs: 0, prepare: asTeacher });
      results.size.routes[route] = r;
      figure(`   ${route} opened first (teacher), to its first view, brotli (KB)`, '', r.total.brotli / KB, null, null, null, 'KB');
    }
    if (NAMED_WASM) results.wasmBreakdown = breakdown(NAMED_WASM, 30);
  }

  if (only.includes('lighthouse')) {
    const seedDemo = { data: 'demo.json', me: teacher.id };
    const routes = routesOf();
    const targets = [
      { name: 'leptos floor /', site: leptos, route: '/' },
      { name: 'plain floor /', site: plain, route: '/' },
      ...routes.map((route) => ({ name: `samspil ${route}`, site: app, route, seed: seedDemo })),
    ];
    const lh = await runLighthouse(targets, lhReps);
    results.lighthouse = lh;
    const ref = lh.find((r) => r.name.startsWith('leptos'));
    const pl = lh.find((r) => r.name.startsWith('plain'));
    const appRuns = lh.filter((r) => r.name.startsWith('samspil'));
    figure('2. Lighthouse mobile score, worst route', '100 every route', Math.min(...appRuns.map((r) => r.score)), ref?.score, pl?.score, appRuns.every((r) => r.score >= 100), '');
    for (const r of appRuns) {
      const ratio = r.lcp / ref.lcp;
      figure(`   ${r.route}: score · LCP (ms)`, `100 · ≤ 1.3× floor (${Math.round(1.3 * ref.lcp)})`, `${r.score} · ${Math.round(r.lcp)} (${ratio.toFixed(2)}×) · a11y ${r.a11y} · bp ${r.bp}`, `${ref.score} · ${Math.round(ref.lcp)}`, `${pl.score} · ${Math.round(pl.lcp)}`, r.score >= 100 && ratio <= 1.3, '');
    }
    const lowest = (k) => Math.min(...appRuns.map((r) => r[k]));
    const failing = [...new Set(appRuns.flatMap((r) => r.failing))].join(', ');
    figure('   Lighthouse accessibility, worst route', '100 every route', lowest('a11y'), ref?.a11y, pl?.a11y, lowest('a11y') >= 100, '');
    figure('   Lighthouse best practices, worst route', '100 every route', lowest('bp'), ref?.bp, pl?.bp, lowest('bp') >= 100, '');
    if (failing) log(`audits under 100 on some route: ${failing}`);
    const worst = (k) => Math.max(...appRuns.map((r) => r[k]));
    figure('   worst FCP (ms)', '≤ 1070', worst('fcp'), ref.fcp, pl.fcp, worst('fcp') <= 1070, 'ms');
    figure('   worst LCP (ms)', '≤ 1550', worst('lcp'), ref.lcp, pl.lcp, worst('lcp') <= 1550, 'ms');
    figure('   worst TBT (ms)', '≤ 65', worst('tbt'), ref.tbt, pl.tbt, worst('tbt') <= 65, 'ms');
    figure('   worst CLS', '≤ 0.04', worst('cls'), ref.cls, pl.cls, worst('cls') <= 0.04, '');
  }

  if (only.includes('open')) {
    // From the pupil's home (in the main module) to each page of hers that is a chunk.
    const mine = demo.goals.find((g) => g.pupilId === pupil.id && !g.ended);
    const targets = [
      { name: 'goal', path: `/goal/${mine.id}` },
      { name: 'pupil page', path: `/pupil/${pupil.id}` },
      { name: 'new goal', path: `/pupil/${pupil.id}/new-goal` },
      { name: 'goals', path: '/goals' },
      { name: 'settings', path: '/settings' },
      { name: 'peer space', path: '/peer' },
    ];
    const o = await openLazyRoutes(browser, app, { data: 'demo.json', me: pupil.id, from: '/home', targets, reps });
    results.open = o;
    const settings = `${LIGHTHOUSE_MOBILE.latency} ms, ${(LIGHTHOUSE_MOBILE.downloadKbps / 1024).toFixed(2)} Mbps, ${LIGHTHOUSE_MOBILE.cpu}× CPU`;
    const slowest = Math.max(...Object.values(o.warm));
    figure(`7. open a page in a chunk, click → painted, Lighthouse mobile (${settings}), slowest (ms)`, '< 300', slowest, null, null, slowest < 300, 'ms');
    for (const { name } of targets) {
      figure(`     ${name}: chunk fetched when idle · not fetched (ms)`, '< 300', `${Math.round(o.warm[name])} · ${Math.round(o.cold[name])}`, null, null, o.warm[name] < 300, '');
    }
  }

  if (only.includes('overview')) {
    const o = await overview(browser, app, reps);
    results.overview = o;
    figure('3. overview first render, 60k check-ins (ms)', '< 100', o.firstRenderMs, null, null, o.firstRenderMs < 100, 'ms');
    figure('   slowest filter/sort, median (ms)', '< 100', o.worstActionMs, null, null, o.worstActionMs < 100, 'ms');
    for (const [k, v] of Object.entries(o.actions)) figure(`     ${k} (ms)`, '< 100', v, null, null, v < 100, 'ms');
  }

  if (only.includes('checkin')) {
    const c = await checkin(browser, app, taps);
    results.checkin = c;
    figure(`   check-in tap→visible, teacher's form, 4× CPU, median of ${taps} (ms)`, '< 50', c.teacherForm.ms, null, null, c.teacherForm.ms < 50, 'ms');
    figure('     longest task during those taps (ms)', '≤ 50', c.teacherForm.longestTaskMs, null, null, c.teacherForm.longestTaskMs <= 50, 'ms');
    figure(`   check-in tap→visible, pupil's one tap, 4× CPU, median of ${taps} (ms)`, '< 50', c.pupilQuick.ms, null, null, c.pupilQuick.ms < 50, 'ms');
    figure('     longest task during those taps (ms)', '≤ 50', c.pupilQuick.longestTaskMs, null, null, c.pupilQuick.longestTaskMs <= 50, 'ms');
  }

  if (only.includes('storage')) {
    const s = await storageAndMemory(browser, app, reps);
    results.storage = s;
    figure('4. memory after load, JS heap + wasm (MB)', '< 40', s.memory.total / 1048576, null, null, s.memory.total < 40 * 1048576, 'MB');
    figure('     JS heap (MB)', '', s.memory.js / 1048576, null, null, null, 'MB');
    figure('     wasm memory (MB)', '', s.memory.wasm / 1048576, null, null, null, 'MB');
    figure('6. open with 60k check-ins → overview painted (ms)', '< 500', s.openMs, null, null, s.openMs < 500, 'ms');
  }

  if (only.includes('leak')) {
    const l = await leak(browser, app, navs);
    results.leak = l;
    figure(`4. growth over ${navs} navigations, JS + wasm (MB)`, '≈ 0 (≤ 1)', l.growth.total / 1048576, null, null, l.growth.total <= 1048576, 'MB');
    figure('     JS heap growth (MB)', '', l.growth.js / 1048576, null, null, null, 'MB');
    figure('     wasm memory growth (MB)', '', l.growth.wasm / 1048576, null, null, null, 'MB');
  }

  if (only.includes('sync')) {
    const s = await sync(browser, { dist: APP_DIST, demo, demoFile: DEMO_JSON, me: teacher.id, goalId, writes });
    results.sync = s;
    figure(`5. ${writes} offline writes → json-server after reconnect (s)`, '< 10', s.ms / 1000, null, null, s.ms < 10000, 's');
    figure('     arrived exactly once each', `${writes} distinct`, `${s.arrived} (${s.uniqueTexts} distinct)`, null, null, s.exactlyOnce, '');
  }
} finally {
  await browser.close();
  await app.close();
  await leptos.close();
  await plain.close();
}

// --- report -------------------------------------------------------------------
const fmt = (v, unit) => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  if (unit === 'MB' || unit === 's') return v.toFixed(2);
  if (unit === 'KB') return v.toFixed(1);
  if (Math.abs(v) < 1 && v !== 0) return v.toFixed(3);
  return String(Math.round(v));
};
function table(headers, rows) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(w[i])).join(' | ')} |`;
  return [line(headers), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

if (results.size) {
  const rows = (s) => [...s.files.map((f) => [f.file, f.raw, f.gzip, f.brotli]), ['TOTAL', s.total.raw, s.total.gzip, s.total.brotli]];
  console.log('\n## First load of /, to the first view, per file (bytes)\n');
  for (const who of ['samspil', 'leptosFloor', 'plainFloor']) {
    console.log(`${who}:`);
    console.log(table(['file', 'raw', 'gzip -9', 'brotli 11'], rows(results.size[who])));
    console.log();
  }
  const a = results.size.samspil;
  const later = { files: a.all.files.filter((f) => !a.files.some((g) => g.file === f.file)) };
  later.total = later.files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  console.log('## Samspil: fetched after the first view (chunks of the other pages, the precache), per file (bytes)\n');
  console.log(table(['file', 'raw', 'gzip -9', 'brotli 11'], rows(later)));
  console.log();
  console.log('## Each route opened first (teacher), to its first view (bytes)\n');
  console.log(table(['route', 'files', 'raw', 'gzip -9', 'brotli 11', 'wasm files'], Object.entries(results.size.routes).map(([route, r]) => [route, r.files.length, r.total.raw, r.total.gzip, r.total.brotli, r.files.filter((f) => f.file.endsWith('.wasm')).map((f) => f.file.replace(/^wasm-[0-9a-f]+\//, '')).join(' ')])));
  console.log();
}
if (results.wasmBreakdown) {
  const b = results.wasmBreakdown;
  console.log(`## What in the wasm is largest (${b.file}: names kept, same -Oz; ${b.total} bytes with the name section, code ${b.codeBytes}, data ${b.dataBytes})\n`);
  console.log(table(['crate', 'code bytes', 'share of code', 'functions'], b.crates.slice(0, 15).map((c) => [c.crate, c.bytes, `${((100 * c.bytes) / b.codeBytes).toFixed(1)} %`, c.functions])));
  console.log();
  console.log(table(['kind (overlapping)', 'code bytes', 'functions'], b.kinds.map((k) => [k.kind, k.bytes, k.functions])));
  console.log();
  console.log(table(['largest functions', 'bytes'], b.topFunctions.slice(0, 15).map((f) => [f.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '').slice(0, 110), f.bytes])));
  console.log();
}
if (results.lighthouse) {
  console.log(`## Lighthouse 12, mobile (simulated slow 4G, 4× CPU), median of ${lhReps}\n`);
  console.log(table(['page', 'score', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'SI ms', 'runs'], results.lighthouse.map((r) => [r.name, r.score, fmt(r.fcp), fmt(r.lcp), fmt(r.tbt), fmt(r.cls), fmt(r.si), r.runs])));
  console.log();
}
console.log(`## Issue #7: targets and medians (reps ${reps}, Lighthouse runs ${lhReps}, taps ${taps})\n`);
console.log(table(['figure', 'target', 'Samspil', 'Leptos floor', 'plain floor', 'pass'], results.figures.map((f) => [f.name, f.target, fmt(f.samspil, f.unit), fmt(f.leptosFloor, f.unit), fmt(f.plainFloor, f.unit), f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL'])));
const judged = results.figures.filter((f) => f.pass !== null);
console.log(`\nbench: ${judged.filter((f) => f.pass).length} of ${judged.length} targets met`);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, JSON.stringify(results, null, 2));
console.log(`JSON: ${path.relative(process.cwd(), out)}`);
