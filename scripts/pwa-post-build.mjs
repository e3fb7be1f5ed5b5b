#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): finishes the offline app shell in
// Trunk's staging folder, after Trunk wrote index.html and before it moves the
// folder to dist/.
//
// 1. Content-Security-Policy: index.html carries a CSP <meta> whose script-src
//    holds the marker INLINE_SCRIPT_HASHES. Trunk's inline loader script
//    (<script type="module">import init … </script>) names the hashed files, so
//    its text changes with every build; the marker becomes the 'sha256-…' of
//    every inline script in the staged index.html (Trunk's autoreload script
//    under `trunk serve` included). No 'unsafe-inline' is ever needed. If the
//    build's config.json names a remote backend URL, its origin is added to
//    connect-src.
// 2. Service worker: sw.js (copied from public/sw.js) gets the list of every
//    file in the build but the install icons — index.html, the hashed js/wasm/css,
//    config.json, the manifest — and a version: the first 16 hex digits of a SHA-256
//    over every file's name and SHA-256 (and sw.js itself), so the version
//    changes exactly when some file's content does.
//
// 0. Release builds: index.html and the style sheet minified (scripts/minify.mjs).
//
// Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_PROFILE, TRUNK_PUBLIC_URL (default "/").
// Any problem ends the build with an error; nothing is left half-done silently.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { minifyCss, minifyHtml } from './minify.mjs';

const MARKER = 'INLINE_SCRIPT_HASHES';
const SW_FILE = 'sw.js';
const VERSION_PLACEHOLDER = "'__SAMSPIL_SW_VERSION__'";
const PRECACHE_PLACEHOLDER = "['__SAMSPIL_SW_PRECACHE__']";

function fail(message) {
  console.error(`pwa-post-build: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
let publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
if (!publicUrl.endsWith('/')) publicUrl += '/';

const sha256 = (data, encoding) => createHash('sha256').update(data).digest(encoding);

// --- 1. CSP hashes of the inline scripts -----------------------------------
const indexPath = path.join(staging, 'index.html');
let html;
try {
  html = await readFile(indexPath, 'utf8');
} catch (err) {
  fail(`cannot read ${indexPath}: ${err.message}`);
}
// A release build's index.html and style sheets are minified first (scripts/minify.mjs):
// the CSP hashes below are of the scripts as they are served.
// Trunk's <link> to a style sheet carries its SRI integrity: it is computed again.
if (process.env.TRUNK_PROFILE === 'release') {
  for (const css of (await readdir(staging)).filter((f) => f.endsWith('.css'))) {
    const file = path.join(staging, css);
    await minifyCss(file).catch((err) => fail(`minifying ${css}: ${err.message}`));
    const integrity = `sha384-${createHash('sha384').update(await readFile(file)).digest('base64')}`;
    let found = false;
    html = html.replace(/<link\b[^>]*>/g, (tag) => {
      if (!tag.includes(`/${css}"`)) return tag;
      found = true;
      return tag.replace(/integrity="sha384-[^"]*"/, `integrity="${integrity}"`);
    });
    if (!found) fail(`index.html has no <link> to ${css}`);
  }
  html = await minifyHtml(html).catch((err) => fail(`minifying index.html: ${err.message}`));
  await writeFile(indexPath, html);
}
// Comments are blanked (same length, so positions stay right) before looking for tags.
const scan = html.replace(/<!--[\s\S]*?-->/g, (comment) => ' '.repeat(comment.length));
const cspMeta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(scan);
if (!cspMeta) fail('index.html has no <meta http-equiv="Content-Security-Policy" content="…">');
if (!cspMeta[1].includes(MARKER)) fail(`the CSP in index.html has no ${MARKER} marker in script-src`);
const firstScript = scan.search(/<script\b/i);
if (firstScript !== -1 && cspMeta.index > firstScript) {
  fail('the CSP <meta> must come before the first <script> in index.html');
}

const hashes = [];
for (const match of scan.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  const [tag, attrs, blanked] = match;
  if (/\bsrc\s*=/i.test(attrs)) continue; // external scripts are covered by 'self'
  const start = match.index + tag.indexOf('>') + 1;
  const body = html.slice(start, start + blanked.length); // the real text, comments and all
  hashes.push(`'sha256-${sha256(Buffer.from(body, 'utf8'), 'base64')}'`);
}
const unique = [...new Set(hashes)];
let csp = cspMeta[1].replace(MARKER, unique.join(' ')).replace(/\s{2,}/g, ' ').replace(/\s+;/g, ';');

// A remote backend named in the build's config.json ({"backend":{"kind":…,"url":…}})
// is the one other origin the app may talk to: add it to connect-src. (A config.json
// changed after the build needs a rebuild, or a server header, to be reachable.)
const backend = await backendOrigin();
if (backend) {
  if (!/(^|;)\s*connect-src\s/.test(csp)) fail('the CSP in index.html has no connect-src directive');
  csp = csp.replace(/(^|;)(\s*connect-src\s[^;]*)/, (all, sep, directive) => `${sep}${directive.trimEnd()} ${backend}`);
}
html = html.slice(0, cspMeta.index) + cspMeta[0].replace(cspMeta[1], csp) + html.slice(cspMeta.index + cspMeta[0].length);
await writeFile(indexPath, html);

/** The origin of config.json's backend URL, if it names one (http or https); otherwise null. */
async function backendOrigin() {
  let config;
  try {
    config = JSON.parse(await readFile(path.join(staging, 'config.json'), 'utf8'));
  } catch {
    return null; // no or malformed config.json: the app falls back to this device's storage
  }
  const url = config?.backend?.url;
  if (typeof url !== 'string' || config.backend.kind === 'embedded') return null;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : null;
  } catch {
    return null;
  }
}

// --- 2. The service worker's precache list and version ----------------------
async function filesUnder(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

const swPath = path.join(staging, SW_FILE);
let sw;
try {
  sw = await readFile(swPath, 'utf8');
} catch (err) {
  fail(`cannot read ${swPath} (is public/sw.js copied by index.html?): ${err.message}`);
}
if (!sw.includes(VERSION_PLACEHOLDER) || !sw.includes(PRECACHE_PLACEHOLDER)) {
  fail(`${SW_FILE} lacks the placeholders ${VERSION_PLACEHOLDER} and ${PRECACHE_PLACEHOLDER}`);
}

const files = (await filesUnder(staging)).filter((f) => f !== SW_FILE).sort();
if (!files.includes('index.html')) fail('no index.html in the staging folder');
const digest = createHash('sha256');
for (const file of files) {
  digest.update(`${file}\0${sha256(await readFile(path.join(staging, file)), 'hex')}\n`);
}
digest.update(`${SW_FILE}\0${sha256(sw, 'hex')}\n`);
const version = digest.digest('hex').slice(0, 16);

// The install icons are for a home screen, not for starting the app: leaving them
// out of the precache saves a first visit ~50 KB (bench/FINDINGS.md). They still
// count in the version, so a changed icon still makes a new version.
const precached = files.filter((f) => !f.startsWith('icons/'));
const urls = precached.map((f) => publicUrl + f.split('/').map(encodeURIComponent).join('/'));
sw = sw
  .replace(VERSION_PLACEHOLDER, JSON.stringify(version))
  .replace(PRECACHE_PLACEHOLDER, `[\n${urls.map((u) => `  ${JSON.stringify(u)},`).join('\n')}\n]`);
await writeFile(swPath, sw);

console.log(
  `pwa-post-build: sw.js version ${version}, ${urls.length} files precached; ` +
    `CSP allows ${unique.length} inline script(s)${backend ? ` and connections to ${backend}` : ''}`,
);
