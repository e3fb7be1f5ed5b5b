// Runs the end-to-end test files one after another, each in its own
// `node --test` process and within its own time budget, and prints how long
// each took against its budget.
//
//   node e2e/run.mjs                  every *.test.mjs in e2e/
//   node e2e/run.mjs peer sync        only the files whose names contain these words
//
// Why a budget per file: one `--test-timeout` for everything was either too
// short for the longest file on a loaded machine (the axe walk through every
// view in three languages hit 240 s) or too long to stop a hang early in a
// short one. A budget is about three times what the file takes on an idle
// 2-core machine, so it holds under load; a file that runs out of it is killed
// with everything it started (browser, json-server, PocketBase) and counts as
// failed, and the run goes on with the next file. Exit status: 0 when every
// file passed.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Seconds each file may take. Files not listed get DEFAULT_BUDGET. */
export const BUDGETS = {
  'a11y.test.mjs': 300,
  'pocketbase.test.mjs': 360,
};
export const DEFAULT_BUDGET = 180;
/** Files run several times, each run with E2E_SHARD set to one of these. */
export const SHARDS = {
  // The axe walk through every view, once per language.
  'a11y.test.mjs': ['da', 'en', 'ar'],
};

const words = process.argv.slice(2);
const files = (await readdir(HERE))
  .filter((name) => name.endsWith('.test.mjs'))
  .filter((name) => words.length === 0 || words.some((word) => name.includes(word)))
  .sort();
if (files.length === 0) {
  console.error(`no e2e test file matches ${words.join(' ')}`);
  process.exit(2);
}

/** Runs one file (one shard of it); resolves to {file, seconds, budget, outcome}. */
function runFile(file, shard) {
  const budget = BUDGETS[file] ?? DEFAULT_BUDGET;
  const label = shard ? `${file} [${shard}]` : file;
  const started = Date.now();
  // Its own process group, so that running out of time stops the browsers
  // and servers it started too.
  const child = spawn(process.execPath, ['--test', `--test-timeout=${budget * 1000}`, path.join(HERE, file)], {
    stdio: 'inherit',
    detached: true,
    env: shard ? { ...process.env, E2E_SHARD: shard } : process.env,
  });
  let overran = false;
  const timer = setTimeout(() => {
    overran = true;
    console.error(`\n${label}: over its budget of ${budget} s, stopped`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, budget * 1000 + 10_000);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      const outcome = overran ? 'over budget' : code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`;
      resolve({ file: label, seconds, budget, outcome });
    });
  });
}

const results = [];
for (const file of files) {
  for (const shard of SHARDS[file] ?? [undefined]) results.push(await runFile(file, shard));
}

console.log('\n--- e2e files: seconds / budget');
for (const { file, seconds, budget, outcome } of results) {
  console.log(`  ${file.padEnd(34)} ${seconds.toFixed(0).padStart(5)} / ${String(budget).padStart(3)} s  ${outcome}`);
}
const failed = results.filter((r) => r.outcome !== 'passed');
// Counted by scripts/test's summary like node's own "# fail N" lines.
if (failed.some((r) => r.outcome === 'over budget')) {
  console.log(`# fail ${failed.filter((r) => r.outcome === 'over budget').length}`);
}
process.exit(failed.length === 0 ? 0 : 1);
