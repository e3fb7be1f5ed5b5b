#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): builds the app's wasm, split by route.
//
// Trunk builds no wasm itself (index.html's <link data-trunk rel="rust"> has
// data-trunk-skip): Trunk 0.21 has no split step, and an unsplit build of the
// split functions (src/lazy.rs) cannot load. This script does what cargo-leptos
// 0.3's `--split` does (src/compile/front.rs), for every build: `trunk build`,
// `trunk build --release` and each rebuild of `trunk serve`.
//
//   1. cargo rustc --target wasm32-unknown-unknown [--release + std built for size, see SMALL_STD]
//      --bin samspil -- -C link-arg=--emit-relocs
//      (the relocations tell the splitter which code and data each function uses;
//      they are asked for on the final link only, so every other build of the
//      crates — clippy, tests — stays as it is)
//   2. wasm-split-cli (crate wasm_split_cli_support 0.2.4): the main module app.wasm,
//      one split_<name>.wasm per split (src/lazy.rs), chunk_<n>.wasm for code that
//      several splits share, and __wasm_split.js, which fetches and links them
//   3. wasm-bindgen --target web --keep-lld-exports --no-demangle on app.wasm only
//      (the chunks reach the main module through the exports it keeps)
//   4. release: wasm-opt -Oz on every wasm, with npm binaryen 132 (never Debian's
//      binaryen, which corrupts wasm-bindgen output): see optimize() below
//   4b. release: the main module's imports get short names, and exports no one calls are
//       dropped before wasm-opt (scripts/trim-wasm.mjs); and
//       app.js and __wasm_split.js are minified (scripts/minify.mjs)
//   5. all of it into wasm-<16 hex of their SHA-256>/ in Trunk's staging folder,
//      so a new build has new names and the old ones can be cached for good
//   6. index.html: the preload links and the module script that starts the app,
//      and the route → files table that lets a deep link (/report) fetch its
//      chunk while the main wasm is still on its way (see the marker below).
//
// Environment (set by Trunk): TRUNK_PROFILE (debug|release), TRUNK_STAGING_DIR,
// TRUNK_PUBLIC_URL (default "/"). SAMSPIL_BUILD_NAMES=1 also keeps the name
// section (for bench/lib/wasm-breakdown.mjs). Any failure ends the build.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minifyModules } from './minify.mjs';
import { dropUnusedExports, shortenImports } from './trim-wasm.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = 'samspil';
const TARGET = 'wasm32-unknown-unknown';
// The marker in index.html that becomes the loader (see step 6).
const MARKER = '<!-- SAMSPIL_WASM -->';
const ROUTES_MARKER = "'__SAMSPIL_CHUNKS__'";

function fail(message) {
  console.error(`build-wasm: ${message}`);
  process.exit(1);
}

if (process.argv[2] === '--optimize') {
  await optimize(process.argv.slice(3));
  process.exit(0);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
const release = process.env.TRUNK_PROFILE === 'release';
let publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
if (!publicUrl.endsWith('/')) publicUrl += '/';
const keepNames = process.env.SAMSPIL_BUILD_NAMES === '1';

/** Runs a program; rejects with its output when it fails. */
function run(command, args, { quiet = false, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (err) => reject(new Error(`${command}: ${err.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`))));
  });
}

/**
 * `wasm-opt -Oz` on each file, in place, through binaryen 132's JavaScript API
 * (npm binaryen, the package whose wasm-opt the build used before): the same
 * passes and the same bytes as the wasm-opt command (checked with cmp), but
 * binaryen is compiled once per process, not once per file — the command spends
 * ~5 s starting up, and a split build has dozens of small chunks.
 * `-g` keeps the name section.
 */
async function optimize(args) {
  const dir = path.join(ROOT, 'node_modules', 'binaryen');
  const { version } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => '{}'));
  if (version !== '132.0.0') throw new Error(`npm binaryen 132.0.0 is needed in ${dir}, found ${version ?? 'none'} (run bash scripts/setup)`);
  const { default: binaryen } = await import(pathToFileURL(path.join(dir, 'index.js')).href);
  const names = args[0] === '-g';
  binaryen.setOptimizeLevel(2); // -Oz: optimise at level 2, shrink at level 2
  binaryen.setShrinkLevel(2);
  binaryen.setDebugInfo(names);
  // The command does both by default when it optimises; without them the code is ~0.3 % larger.
  binaryen.setGenerateStackIR(true);
  binaryen.setOptimizeStackIR(true);
  for (const file of args.slice(names ? 1 : 0)) {
    const module = binaryen.readBinary(await readFile(file));
    // The features the file declares (its target_features section), plus the two wasm-bindgen relies on.
    module.setFeatures(module.getFeatures() | binaryen.Features.BulkMemory | binaryen.Features.NontrappingFPToInt);
    module.optimize();
    if (!module.validate()) throw new Error(`${file} is not valid after wasm-opt`);
    await writeFile(file, module.emitBinary());
    module.dispose();
  }
}

/**
 * A release build compiles the standard library itself, for size
 * (bench/FINDINGS.md, "sixth round": the main module −20 KB brotli):
 * `optimize_for_size` picks std's smaller algorithms, and the panic strategy
 * `immediate-abort` makes every panic a bare trap, so no panic message,
 * formatting or source location is in the wasm. The crash screen does not
 * depend on a panic hook: index.html shows it for any WebAssembly trap.
 *
 * Both are unstable, and this machine has only the stable toolchain, so the
 * build sets RUSTC_BOOTSTRAP=1 for this one cargo call (nothing else is built
 * this way: tests, clippy and debug builds use the toolchain's own std). It
 * needs the rust-src component and std's crates in cargo's cache, which
 * scripts/setup installs (`rustup component add rust-src`, `cargo fetch
 * -Zbuild-std`). A toolchain whose unstable flags changed fails this build
 * loudly rather than building something else.
 */
const SMALL_STD = [
  '-Zbuild-std=std,panic_abort',
  '-Zbuild-std-features=optimize_for_size',
  '--config',
  `target.${TARGET}.rustflags=["-Zunstable-options", "-Cpanic=immediate-abort"]`,
];

const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
const work = path.join(targetDir, 'wasm-split', release ? 'release' : 'debug');
const t0 = Date.now();
const took = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

try {
  // --- 1. cargo ------------------------------------------------------------
  // `--features split`: the split functions become chunks (src/lazy.rs).
  const cargoArgs = ['rustc', '--target', TARGET, '--bin', BIN, '--features', 'split', '--frozen'];
  if (release) cargoArgs.push('--release', ...SMALL_STD);
  cargoArgs.push('--', '-C', 'link-arg=--emit-relocs');
  await run('cargo', cargoArgs, { env: release ? { RUSTC_BOOTSTRAP: '1' } : {} });
  const input = path.join(targetDir, TARGET, release ? 'release' : 'debug', `${BIN}.wasm`);

  // --- 2. split --------------------------------------------------------------
  const split = path.join(work, 'split');
  const out = path.join(work, 'out');
  await rm(work, { recursive: true, force: true });
  await mkdir(split, { recursive: true });
  await mkdir(out, { recursive: true });
  await run('wasm-split-cli', [input, split, '--target', 'web', '--out-name', 'app']);

  // --- 3. wasm-bindgen on the main module -----------------------------------
  const bindgen = ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript', '--out-dir', out, '--out-name', 'app'];
  if (keepNames) bindgen.push('--keep-debug');
  await run('wasm-bindgen', [...bindgen, path.join(split, 'app.wasm')]);
  const pieces = (await readdir(split)).filter((f) => f === '__wasm_split.js' || /^(split|chunk)_.*\.wasm$/.test(f));
  if (!pieces.includes('__wasm_split.js')) fail('wasm-split-cli wrote no __wasm_split.js');
  for (const f of pieces) await copyFile(path.join(split, f), path.join(out, f));

  // --- 4. wasm-opt -Oz --------------------------------------------------------
  if (release) {
    // Exports no one calls go first, so that wasm-opt removes their code (scripts/trim-wasm.mjs).
    await dropUnusedExports(path.join(out, 'app_bg.wasm'), path.join(out, 'app.js'));
    const wasms = (await readdir(out)).filter((f) => f.endsWith('.wasm'));
    const sized = await Promise.all(wasms.map(async (f) => ({ f: path.join(out, f), size: (await stat(path.join(out, f))).size })));
    // Two processes, each given about half the bytes (the main module is most of them).
    sized.sort((a, b) => b.size - a.size);
    const groups = [[], []];
    const load = [0, 0];
    for (const { f, size } of sized) {
      const i = load[0] <= load[1] ? 0 : 1;
      groups[i].push(f);
      load[i] += size;
    }
    const self = fileURLToPath(import.meta.url);
    await Promise.all(groups.filter((g) => g.length).map((g) => run(process.execPath, [self, '--optimize', ...(keepNames ? ['-g'] : []), ...g])));
  }

  // Which files each split needs, read before the loader is minified (its names change).
  const chunks = chunkTable(await readFile(path.join(out, '__wasm_split.js'), 'utf8'));
  if (release) {
    await shortenImports(path.join(out, 'app_bg.wasm'), path.join(out, 'app.js'));
    await minifyModules([path.join(out, 'app.js'), path.join(out, '__wasm_split.js')]);
  }

  // --- 5. into a content-hashed folder ----------------------------------------
  const files = (await readdir(out)).sort();
  const digest = createHash('sha256');
  const contents = new Map();
  for (const f of files) {
    const data = await readFile(path.join(out, f));
    contents.set(f, data);
    digest.update(`${f}\0`).update(data);
  }
  const folder = `wasm-${digest.digest('hex').slice(0, 16)}`;
  await mkdir(path.join(staging, folder), { recursive: true });
  for (const [f, data] of contents) await writeFile(path.join(staging, folder, f), data);

  // --- 6. index.html ------------------------------------------------------------
  const base = `${publicUrl}${folder}/`;
  const indexPath = path.join(staging, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  if (!html.includes(MARKER)) fail(`index.html has no ${MARKER}`);
  if (!html.includes(ROUTES_MARKER)) fail(`index.html has no ${ROUTES_MARKER} in its route table script`);
  html = html.replace(ROUTES_MARKER, JSON.stringify({ base, chunks }));
  html = html.replace(
    MARKER,
    [
      `<link rel="modulepreload" href="${base}app.js" />`,
      `<link rel="modulepreload" href="${base}__wasm_split.js" />`,
      `<link rel="preload" href="${base}app_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" />`,
      `<script type="module">import init from '${base}app.js';\ninit({ module_or_path: '${base}app_bg.wasm' });</script>`,
    ].join('\n    '),
  );
  await writeFile(indexPath, html);

  const sizes = [...contents].map(([f, d]) => `${f} ${(d.length / 1024).toFixed(0)} KiB`).join(', ');
  console.log(`build-wasm: ${release ? 'release' : 'debug'} wasm in ${folder}/ (${took()}): ${sizes}`);
} catch (err) {
  fail(err.message);
}

/**
 * Which wasm files each split needs, read from __wasm_split.js: its own
 * split_<name>.wasm and the chunk_<n>.wasm it shares with others.
 * Returns { "<split name>": ["chunk_3.wasm", "split_report.wasm"], … }.
 */
function chunkTable(js) {
  const chunkFiles = new Map(); // __chunk_3 → chunk_3.wasm
  for (const m of js.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+\.wasm)"/g)) chunkFiles.set(m[1], m[2]);
  const table = {};
  const loader = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g;
  for (const m of js.matchAll(loader)) {
    const [, name, fetcher, deps] = m;
    const own = /new URL\("\.\/([^"]+\.wasm)"/.exec(fetcher)?.[1];
    const shared = deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunkFiles.get(d) ?? fail(`__wasm_split.js: unknown chunk ${d}`));
    table[name] = [...shared, ...(own ? [own] : [])];
  }
  if (Object.keys(table).length === 0) fail('found no split loaders in __wasm_split.js');
  return table;
}
