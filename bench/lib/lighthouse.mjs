// Lighthouse 12 (installed in bench/node_modules) under its default mobile
// settings: simulated slow 4G (150 ms RTT, 1.6 Mbps) and 4x CPU slowdown.
// Lighthouse drives a Chromium that Playwright launched with a debugging port,
// in its default (persistent) profile, so the app's IndexedDB can be filled
// first and stays for every run; the service worker and its caches are
// removed before each run, so every run is a true first load over the network.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { BENCH, CHROMIUM_ARGS, CHROMIUM_PATH, log, median, seed } from './common.mjs';
import { freePort } from '../../server/free-port.mjs';

const require = createRequire(path.join(BENCH, 'package.json'));

async function loadLighthouse() {
  const entry = require.resolve('lighthouse');
  return (await import(pathToFileURL(entry).href)).default;
}

const AUDITS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  si: 'speed-index',
};

/**
 * Runs Lighthouse `reps` times on each target. A target is
 * { name, site, route, seed?: { data, me } } (seeded once per site).
 * Returns per target the median of score (0–100), a11y and bp (accessibility and
 * best-practices scores), fcp, lcp, tbt (ms), cls, si, the audits that failed, and all runs.
 */
export async function runLighthouse(targets, reps) {
  const lighthouse = await loadLighthouse();
  const port = await freePort();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'samspil-bench-lh-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'],
    headless: true,
    locale: 'en-US',
  });
  const helper = context.pages()[0] ?? (await context.newPage());
  const seeded = new Set();
  const results = [];
  try {
    for (const target of targets) {
      if (target.seed && !seeded.has(target.site.url)) {
        await seed(helper, target.site.url, target.seed.data, target.seed.me);
        seeded.add(target.site.url);
      }
      const runs = [];
      for (let i = 0; i < reps; i++) {
        // A blank page of the site's origin: drop the service worker and its caches.
        await helper.goto(target.site.url + (target.seed ? '/__bench/blank.html' : '/'));
        await helper.evaluate(async () => {
          for (const r of (await navigator.serviceWorker?.getRegistrations()) ?? []) await r.unregister();
          for (const k of (await caches?.keys()) ?? []) await caches.delete(k);
        });
        await helper.goto('about:blank');
        const url = target.site.url + target.route;
        const result = await lighthouse(
          url,
          { port, hostname: '127.0.0.1', output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'], disableStorageReset: true },
        );
        const lhr = result?.lhr;
        if (!lhr || lhr.runtimeError) {
          log(`lighthouse ${target.name}: ${lhr?.runtimeError?.message ?? 'no result'}`);
          continue;
        }
        const percent = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const run = { score: percent('performance'), a11y: percent('accessibility'), bp: percent('best-practices') };
        // What keeps accessibility or best practices under 100, by audit id.
        run.failing = ['accessibility', 'best-practices'].flatMap((id) =>
          (lhr.categories[id]?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => ref.id),
        );
        for (const [k, id] of Object.entries(AUDITS)) run[k] = lhr.audits[id]?.numericValue;
        if (lhr.runWarnings?.length) run.warnings = lhr.runWarnings;
        // Enough to tell why: what was fetched when, what the LCP element was, where the CPU went.
        run.requests = (lhr.audits['network-requests']?.details?.items ?? []).map((r) => ({
          url: r.url.replace(target.site.url, ''),
          kB: Math.round((r.transferSize ?? 0) / 100) / 10,
          start: Math.round(r.networkRequestTime ?? r.startTime ?? 0),
          end: Math.round(r.networkEndTime ?? r.endTime ?? 0),
        }));
        run.lcpElement = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
        run.lcpPhases = lhr.audits['largest-contentful-paint-element']?.details?.items?.[1]?.items;
        run.mainThread = (lhr.audits['mainthread-work-breakdown']?.details?.items ?? []).map((i) => [i.groupLabel ?? i.group, Math.round(i.duration)]);
        runs.push(run);
        log(`lighthouse ${target.name} run ${i + 1}/${reps}: score ${run.score} (accessibility ${run.a11y}, best practices ${run.bp}${run.failing.length ? `: ${run.failing.join(', ')}` : ''}), FCP ${Math.round(run.fcp)} ms, LCP ${Math.round(run.lcp)} ms, TBT ${Math.round(run.tbt)} ms, CLS ${run.cls?.toFixed(3)}`);
      }
      const m = { name: target.name, route: target.route, runs: runs.length };
      for (const k of ['score', 'a11y', 'bp', ...Object.keys(AUDITS)]) m[k] = median(runs.map((r) => r[k]));
      m.failing = [...new Set(runs.flatMap((r) => r.failing))];
      m.all = runs;
      results.push(m);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
  return results;
}
