// Privacy: Samspil talks to nobody but the server it came from. With demo data
// and a person chosen, every route is opened and every request recorded — the
// page's own and the service worker's — and each must go to the server under
// test (127.0.0.1 on its port). The Content-Security-Policy in index.html
// backs this up in the browser: no inline script but Trunk's hashed loader,
// no eval, no other origin; no route may violate it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, assertClean, APP_TIMEOUT } from './helpers.mjs';
import { waitUntilStarted } from './stored.mjs';

const ROUTES = [
  '/',
  '/home',
  '/goals',
  '/settings',
  '/pupil/pupil-emma',
  '/goal/goal-emma-calm',
  '/pupil/pupil-emma/new-goal',
  '/no-such-page',
];

const app = useApp();

/** Records every request made in the page's context (page and service worker) as "METHOD URL". */
function recordRequests(page) {
  const seen = [];
  page.context().on('request', (req) => seen.push({ method: req.method(), url: req.url(), route: page.url() }));
  return seen;
}

/** Collects Content-Security-Policy violations reported in the page. */
async function recordCspViolations(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return () => page.evaluate(() => window.__cspViolations ?? []);
}

describe('privacy', () => {
  test('every request on every route goes to the server under test', async () => {
    const page = await newPage(app.browser);
    const requests = recordRequests(page);
    const cspViolations = await recordCspViolations(page);
    const server = new URL(app.url);
    try {
      await openApp(page, app.url, '/');
      await page.getByRole('button', { name: 'Load demo data' }).click();
      await waitUntilStarted(page); // stored before the next full page load
      await page.getByRole('button', { name: /^Mette Hansen/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Hi Mette!' }).waitFor({ timeout: APP_TIMEOUT });

      const violations = [];
      for (const route of ROUTES) {
        await openApp(page, app.url, route);
        await page.waitForLoadState('networkidle');
        violations.push(...(await cspViolations()).map((v) => `${route}: ${v}`));
      }

      assert.ok(requests.length > 0, 'no requests were recorded at all');
      const foreign = requests.filter(({ url }) => {
        const u = new URL(url);
        return u.hostname !== '127.0.0.1' || u.port !== server.port;
      });
      const list = (rs) => rs.map((r) => `${r.method} ${r.url}   (on ${r.route})`).join('\n  ');
      assert.deepEqual(
        foreign.map((r) => r.url),
        [],
        `requests to anywhere but ${server.host}:\n  ${list(foreign)}\nall requests:\n  ${list(requests)}`,
      );
      assert.deepEqual(violations, [], `Content-Security-Policy violations:\n  ${violations.join('\n  ')}`);
      assertClean(page, `the routes ${ROUTES.join(' ')}`);
    } finally {
      await closePage(page);
    }
  });

  test('the Content-Security-Policy allows only this origin (and the person\'s own machine) and no inline code but the loader', async () => {
    const page = await newPage(app.browser);
    try {
      await openApp(page, app.url, '/');
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name, values]),
      );
      assert.deepEqual(directives['default-src'], ["'self'"]);
      // The build's config.json is embedded, so: this origin, and a backend on the person's own machine.
      assert.deepEqual(directives['connect-src'], ["'self'", 'http://127.0.0.1:*', 'http://localhost:*']);
      assert.deepEqual(directives['style-src'], ["'self'"]);
      assert.deepEqual(directives['object-src'], ["'none'"]);
      assert.deepEqual(directives['base-uri'], ["'none'"]);
      const script = directives['script-src'];
      assert.deepEqual(script.slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
      assert.ok(script.length > 2, 'script-src has the hash of the inline loader');
      for (const source of script.slice(2)) assert.match(source, /^'sha256-[A-Za-z0-9+/]{43}='$/);
      const everySource = Object.values(directives).flat();
      for (const banned of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'INLINE_SCRIPT_HASHES']) {
        assert.ok(!everySource.includes(banned), `${banned} in: ${csp}`);
      }
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});
