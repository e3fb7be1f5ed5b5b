// Minifying a release build's text files, with esbuild (npm, pinned in
// package.json): wasm-bindgen's and the splitter's JavaScript, the style sheet,
// and index.html's comments and inline scripts. Nothing changes what they do;
// the first load is ~5 KB brotli smaller (bench/FINDINGS.md, sixth round).
// Debug builds stay as written, for whoever reads them in the browser.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function esbuild() {
  // From the project's node_modules, whatever the working folder (Trunk runs hooks in its staging area).
  return import(pathToFileURL(path.join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
}

/** Minifies JavaScript modules (ES modules: their exports keep their names) in place; code no export reaches is dropped. */
export async function minifyModules(files) {
  const { transform } = await esbuild();
  for (const file of files) {
    const { code } = await transform(await readFile(file, 'utf8'), { loader: 'js', format: 'esm', minify: true, treeShaking: true, legalComments: 'none' });
    await writeFile(file, code);
  }
}

/** Minifies a style sheet in place. */
export async function minifyCss(file) {
  const { transform } = await esbuild();
  const { code } = await transform(await readFile(file, 'utf8'), { loader: 'css', minify: true, legalComments: 'none' });
  await writeFile(file, code);
}

/**
 * index.html without its comments and indentation, its inline scripts
 * minified. Whitespace between tags is kept as one line break, which the
 * browser lays out exactly as the indented original (the shell must match the
 * app's own layout: e2e/shell.test). No <pre> or <textarea> is in it.
 */
export async function minifyHtml(html) {
  if (/<(pre|textarea)\b/i.test(html)) throw new Error('index.html has a <pre> or <textarea>, whose whitespace minifyHtml would change');
  const { transform } = await esbuild();
  let out = html.replace(/<!--[\s\S]*?-->/g, '');
  const scripts = [];
  out.replace(/<script(\s+type="module")?>([\s\S]*?)<\/script>/g, (_, module, body) => scripts.push({ module: Boolean(module), body }));
  const minified = [];
  for (const { module, body } of scripts) {
    minified.push((await transform(body, { loader: 'js', format: module ? 'esm' : undefined, minify: true, legalComments: 'none' })).code.trim());
  }
  let i = 0;
  out = out.replace(/(<script(?:\s+type="module")?>)[\s\S]*?(<\/script>)/g, (_, open, close) => open + minified[i++] + close);
  return out.replace(/\n\s+/g, '\n').replace(/\n{2,}/g, '\n');
}
