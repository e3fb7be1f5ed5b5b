// Samspil's service worker: keeps the app shell so the app starts with no network.
//
// This file is a template. After every Trunk build, scripts/pwa-post-build.mjs
// replaces the two placeholders below with the build's file list (hashed names
// included) and a version derived from the files' contents, so each new build
// gets a new sw.js, which the browser installs beside the old one ("waiting").
// The page then offers "A new version is ready — Reload" (src/pwa.rs) and
// sends SKIP_WAITING when the person chooses to reload.
//
// Strategies:
//   navigations (/, /goal/x, …)  network first; offline or on an error, the cached index.html
//   /config.json                 network first (the copy in the cache is refreshed); offline, the cached copy
//   everything else precached    cache first (names carry a content hash, or the cache is per version)
//   anything else                not touched: straight to the network
// The data itself lives in IndexedDB and never passes through here.

const VERSION = '__SAMSPIL_SW_VERSION__';
const PRECACHE = ['__SAMSPIL_SW_PRECACHE__'];

const CACHE = `samspil-shell-${VERSION}`;
const CACHE_PREFIX = 'samspil-shell-';
// Paths in PRECACHE start with Trunk's public URL, which is the worker's scope.
const BASE = new URL(self.registration.scope).pathname;
const INDEX = `${BASE}index.html`;
const CONFIG = `${BASE}config.json`;
// A navigation that takes longer than this falls back to the cached shell.
const NAVIGATION_TIMEOUT_MS = 4000;

// Trunk names the css after its content, and scripts/build-wasm.mjs puts the js
// and every wasm chunk in a folder named after theirs (wasm-<hash>/): the copy
// the page has just loaded (in the HTTP cache) is the right one, so it is not
// downloaded a second time. Files without a hash are fetched fresh.
const HASHED = /(-[0-9a-f]{16}\.css|\/wasm-[0-9a-f]{16}\/[^/]+)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'reload' })))),
  );
  // No skipWaiting here: a new version waits until the page asks (see 'message').
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      // The first install takes over the open page at once, so it works offline from its first visit.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (url.pathname === CONFIG) {
    event.respondWith(networkFirst(request));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

/** Network first with a time limit; the cached index.html when offline, slow or answered with an error. */
async function navigation(request) {
  const cached = () => caches.open(CACHE).then((cache) => cache.match(INDEX));
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) return response;
    return (await cached()) ?? response;
  } catch (err) {
    const shell = await cached();
    if (shell) return shell;
    throw err;
  }
}

/** Network first, refreshing the cached copy; the cached copy when the network fails. */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const copy = await cache.match(request, { ignoreSearch: true });
    if (copy) return copy;
    throw err;
  }
}

/** The cached copy, else the network. */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(request, { ignoreSearch: true });
  return copy ?? fetch(request);
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
