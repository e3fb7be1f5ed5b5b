// Shared helpers for Samspil's end-to-end tests (node:test + playwright-core).
//
// - Chromium is Debian's /usr/bin/chromium; nothing is ever downloaded.
// - Every page gets its own fresh browser context (empty storage), and
//   records console errors, page errors (wasm panics arrive as console
//   errors "panicked at …"), failed requests, HTTP errors and any request
//   to a host other than 127.0.0.1. `assertClean(page)` fails on any of them.
// - Find elements by role and accessible name (page.getByRole), never by CSS class.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..');
export const DIST = process.env.SAMSPIL_DIST ?? path.join(ROOT, 'dist');
export const SCREENSHOT_DIR = path.join(HERE, 'screenshots');

/** The three sizes every screenshot is taken at. */
export const SIZES = {
  phone: { width: 390, height: 844 },
  tablet: { width: 820, height: 1180 },
  desktop: { width: 1366, height: 768 },
};

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** How long to wait for the wasm app to render something (ms). */
export const APP_TIMEOUT = Number(process.env.E2E_APP_TIMEOUT ?? 15000);

/** Launch headless Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Console messages that are known to be harmless. Only Chromium's notice
 * about Trunk's SRI preload (<link rel="preload" integrity=…> for the .wasm)
 * is allowed — nothing else.
 */
const HARMLESS_CONSOLE = [
  /^The `integrity` attribute is currently ignored for preload destinations that do not support subresource integrity\./,
];
const isHarmless = (text) => HARMLESS_CONSOLE.some((re) => re.test(text));

const isLocal = (url) => {
  let u;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ws:' && u.protocol !== 'wss:') {
    return true; // data:, blob:, about:, chrome-extension: …
  }
  return u.hostname === '127.0.0.1';
};

const PROBLEMS = Symbol('samspilProblems');

/**
 * Open a page in a new, empty browser context.
 * @param {import('playwright-core').Browser} browser
 * @param {{viewport?: {width:number,height:number}, locale?: string, timezoneId?: string, colorScheme?: 'light'|'dark', serviceWorkers?: 'allow'|'block'}} [opts]
 */
export async function newPage(browser, { viewport = SIZES.desktop, locale = 'en-US', timezoneId = 'UTC', colorScheme = 'light', serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport, locale, timezoneId, colorScheme, serviceWorkers });
  const page = await context.newPage();
  const problems = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    foreignRequests: [],
    warnings: [],
  };
  page[PROBLEMS] = problems;

  page.on('console', (msg) => {
    const text = msg.text();
    if (isHarmless(text)) return;
    if (msg.type() === 'error') {
      const loc = msg.location();
      problems.consoleErrors.push(loc?.url ? `${text} (${loc.url}:${loc.lineNumber})` : text);
    } else if (msg.type() === 'warning') {
      problems.warnings.push(text);
    }
  });
  page.on('pageerror', (err) => problems.pageErrors.push(err.stack || String(err)));
  page.on('crash', () => problems.pageErrors.push('page crashed'));
  // Which document asked for each request: the app fetches its route chunks when
  // idle (src/lazy.rs), and leaving the page aborts those still on their way —
  // the browser's doing, not a failure. A request belongs to the document that
  // was there when it was made; a new document starts with its navigation's response.
  let documents = 0;
  const documentOf = new WeakMap();
  problems.leftBehind = new Map(); // failed-request line → whether its document was left since
  page.on('request', (req) => {
    documentOf.set(req, documents);
    if (!isLocal(req.url())) problems.foreignRequests.push(`${req.method()} ${req.url()}`);
  });
  const left = (line) => problems.leftBehind.get(line)?.() === true;
  page.on('requestfailed', (req) => {
    if (!isLocal(req.url())) return; // already recorded as foreign
    const error = req.failure()?.errorText ?? 'failed';
    const line = `${req.method()} ${req.url()}: ${error}`;
    if (error === 'net::ERR_ABORTED' && !req.isNavigationRequest()) problems.leftBehind.set(line, () => documentOf.get(req) < documents);
    if (!left(line)) problems.failedRequests.push(line);
  });
  page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) {
      documents++;
      // Whether a request's document was left is known once the next one arrives.
      problems.failedRequests = problems.failedRequests.filter((line) => !left(line));
    }
    if (res.status() >= 400) problems.failedRequests.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
  });
  return page;
}

/** Everything recorded on the page so far. */
export function problemsOf(page) {
  return page[PROBLEMS];
}

/** What the console says when the page is offline: the app's failed fetches and the browser's own about the service worker. */
export const OFFLINE_CONSOLE_ERROR = /ERR_INTERNET_DISCONNECTED|Failed to fetch|^An unknown error occurred when fetching the script\.$/;

/**
 * A page taken offline on purpose: forgets the problems that going offline
 * causes and nothing else — requests cut off (and GETs left by their page),
 * fetches the app reports as failed, and the browser's own error when it
 * could not fetch the service worker's script to check for an update.
 */
export function forgiveOffline(page) {
  const p = page[PROBLEMS];
  p.failedRequests = p.failedRequests.filter((l) => !/ERR_INTERNET_DISCONNECTED|^GET .*net::ERR_ABORTED$/.test(l));
  p.consoleErrors = p.consoleErrors.filter((l) => !OFFLINE_CONSOLE_ERROR.test(l));
}

/** A file of a chunk of the split wasm (src/lazy.rs, scripts/build-wasm.mjs). */
export const CHUNK = /\/wasm-[0-9a-f]{16}\/(split|chunk)_[^/]+\.wasm$/;
/** The file of the pages' own chunk (`pages`, src/lazy.rs), without the small chunks it shares. */
export const PAGES_CHUNK = /\/wasm-[0-9a-f]{16}\/split_pages\.wasm$/;

/**
 * Cuts the page off from every chunk, or from those whose URL matches `only`
 * (as a lost connection would), until the returned function is called.
 */
export async function cutOffChunks(page, only = CHUNK) {
  const refuse = (route) => route.abort('internetdisconnected');
  await page.route(only, refuse);
  return () => page.unroute(only, refuse);
}

/**
 * Forgets what cutting the page off from the chunks causes, and nothing else:
 * the refused chunk requests, and the loader's reports of them on the console
 * (it cannot know why a fetch failed).
 */
export function forgiveRefusedChunks(page) {
  const p = page[PROBLEMS];
  const refused = (line) => CHUNK.test(/^GET (\S+): net::ERR_INTERNET_DISCONNECTED$/.exec(line)?.[1] ?? '');
  p.failedRequests = p.failedRequests.filter((line) => !refused(line));
  const reported = (line) =>
    /^TypeError: Failed to fetch\b[\s\S]*__wasm_split\.js/.test(line) ||
    (/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(line) && CHUNK.test(line.replace(/:\d+\)$/, '').split(' (').pop()));
  p.consoleErrors = p.consoleErrors.filter((line) => !reported(line));
}

/** Fail if the page logged a console error, threw, or made a failed or foreign request. */
export function assertClean(page, label = page.url()) {
  const p = page[PROBLEMS];
  assert.ok(p, 'assertClean needs a page made by newPage()');
  const lines = [
    ...p.pageErrors.map((e) => `page error: ${e}`),
    ...p.consoleErrors.map((e) => `console error: ${e}`),
    ...p.failedRequests.filter((e) => p.leftBehind.get(e)?.() !== true).map((e) => `failed request: ${e}`),
    ...p.foreignRequests.map((e) => `request to a foreign host: ${e}`),
  ];
  assert.deepEqual(lines, [], `${label} is not clean:\n  ${lines.join('\n  ')}`);
}

/** Close a page together with its context. */
export async function closePage(page) {
  await page.context().close();
}

/** Go to a path of the app and wait until the wasm app has rendered a level-1 heading. */
export async function openApp(page, baseUrl, route = '/') {
  const response = await page.goto(new URL(route, baseUrl).href, { waitUntil: 'load' });
  assert.ok(response?.ok(), `GET ${route} answered ${response?.status()}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: APP_TIMEOUT });
  return response;
}

const slug = (s) =>
  s
    .replace(/^\/+/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '') || 'root';

/**
 * Save full-page screenshots of the page at each of SIZES as
 * e2e/screenshots/<name>-<size>.png; the viewport is restored afterwards.
 * Returns the file paths.
 */
export async function screenshot(page, name, sizes = SIZES) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const files = [];
  for (const [size, viewport] of Object.entries(sizes)) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const file = path.join(SCREENSHOT_DIR, `${slug(name)}-${size}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    files.push(file);
  }
  if (original) await page.setViewportSize(original);
  return files;
}

/** Run axe (WCAG 2.0/2.1/2.2 A and AA) on the page; returns the violations. */
export async function axeViolations(page, { exclude = [], disableRules = [] } = {}) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']);
  for (const sel of exclude) builder = builder.exclude(sel);
  if (disableRules.length) builder = builder.disableRules(disableRules);
  const { violations } = await builder.analyze();
  return violations;
}

/** One readable line per violating node, for assertion messages. */
export function formatViolations(violations) {
  return violations
    .flatMap((v) =>
      v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} — ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, ' ')}`),
    )
    .join('\n  ');
}

/**
 * Per test file: start one static server for dist/ (or use E2E_BASE_URL)
 * and one browser, both closed after the file's tests.
 * Returns an object whose `url` and `browser` are set once `before` ran.
 */
export function useApp() {
  const app = { url: undefined, browser: undefined, server: undefined };
  before(async () => {
    if (process.env.E2E_BASE_URL) {
      app.url = process.env.E2E_BASE_URL;
    } else {
      app.server = await startServer({ root: DIST, port: 0 });
      app.url = app.server.url;
    }
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** Picks who is using the device through the header's link, from anywhere in the app (English UI). */
export async function become(page, name) {
  await page.getByRole('banner').getByRole('link', { name: /Switch person|Choose person/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Who is using this device?' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await page.getByRole('heading', { level: 1, name: `Hi ${name.split(' ')[0]}!` }).waitFor({ timeout: APP_TIMEOUT });
}

/**
 * Resolves with the first truthy value `check()` gives (polled every 100 ms);
 * fails with `what` after `timeout`.
 */
export async function eventually(check, what, timeout = APP_TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(typeof what === 'function' ? what() : `${what} never came`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
