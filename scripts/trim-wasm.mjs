// Two trims of the release build's main module, each checked against app.js.
//
// 1. Exports no caller uses are dropped before wasm-opt, which then removes
//    their code (dropUnusedExports, below).
// 2. Short names for the main module's imports from wasm-bindgen's JavaScript
//    (shortenImports, after wasm-opt):
//
// wasm-bindgen names each import after the function and a 16-hex-digit hash
// (`__wbg_getItem_1a2b3c4d5e6f7a8b`), and every name is written twice: in the
// wasm's import section and as a key of the import object in app.js. The
// hashes are random to a compressor: ~270 imports cost ~5 KB brotli of the
// first load (bench/FINDINGS.md, sixth round). Here each such name becomes `$`
// and a number in base 36, in both files, and nothing else changes: the
// import section is rewritten entry by entry, every other section is copied as
// it is (but for the custom sections "producers" and "target_features", which
// only tools read), and the function indices stay what they were. The imports
// from the splitter's `./__wasm_split.js` keep their names; the chunks import
// only from `__wasm_split`, so they need nothing.
import { readFile, writeFile } from 'node:fs/promises';

const MODULE = './app_bg.js';
const HASHED = /^__wbg_[A-Za-z0-9_]+_[0-9a-f]{16}$/;

function leb(bytes, pos) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, pos];
}

function encodeLeb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const encodeName = (name) => {
  const bytes = Buffer.from(name, 'utf8');
  return [...encodeLeb(bytes.length), ...bytes];
};

/** The length in bytes of an import's description (after its two names), starting at `pos`. */
function descriptionEnd(bytes, pos) {
  const kind = bytes[pos++];
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = leb(bytes, p);
    if (flags & 1) [, p] = leb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: // function: type index
      return leb(bytes, pos)[1];
    case 1: // table: reference type, limits
      return limits(pos + 1);
    case 2: // memory: limits
      return limits(pos);
    case 3: // global: value type, mutability
      return pos + 2;
    case 4: // tag: attribute, type index
      return leb(bytes, pos + 1)[1];
    default:
      throw new Error(`import of unknown kind ${kind}`);
  }
}

/**
 * `wasm` (a Buffer) with each section given to `rewrite(id, start, end)` (the
 * section's id and where its contents start and end): the bytes it returns
 * (header included) take the section's place, `null` drops it, and
 * `undefined` keeps it as it is.
 */
function rewriteSections(wasm, rewrite) {
  const out = [wasm.subarray(0, 8)];
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, start] = leb(wasm, pos + 1);
    const end = start + size;
    const replaced = rewrite(id, start, end);
    if (replaced === undefined) out.push(wasm.subarray(pos, end));
    else if (replaced !== null) out.push(replaced);
    pos = end;
  }
  return Buffer.concat(out);
}

/** Rewrites the import section of `wasm` (a Buffer); returns the new module and the renames made. */
function renameImports(wasm) {
  const renames = new Map();
  const renamed = rewriteSections(wasm, (id, start, end) => {
    if (id === 0) {
      // Custom sections: the toolchain's "producers" and "target_features" are
      // for tools, and the browser ignores them; the "name" section stays.
      const [length, p] = leb(wasm, start);
      const name = wasm.subarray(p, p + length).toString('utf8');
      return name === 'producers' || name === 'target_features' ? null : undefined;
    }
    if (id !== 2) return undefined;
    let [count, p] = leb(wasm, start);
    const body = [...encodeLeb(count)];
    for (let i = 0; i < count; i++) {
      let length;
      [length, p] = leb(wasm, p);
      const module = wasm.subarray(p, p + length).toString('utf8');
      p += length;
      [length, p] = leb(wasm, p);
      let name = wasm.subarray(p, p + length).toString('utf8');
      p += length;
      const descEnd = descriptionEnd(wasm, p);
      if (module === MODULE && HASHED.test(name)) {
        const short = `$${renames.size.toString(36)}`;
        renames.set(name, short);
        name = short;
      } else if (module !== MODULE && module !== './__wasm_split.js' && module !== '__wasm_split') {
        throw new Error(`an import from an unexpected module, ${module}`);
      }
      body.push(...encodeName(module), ...encodeName(name), ...wasm.subarray(p, descEnd));
      p = descEnd;
    }
    if (p !== end) throw new Error('the import section was not read to its end');
    return Buffer.from([2, ...encodeLeb(body.length), ...body]);
  });
  return { wasm: renamed, renames };
}

/** Shortens the hashed import names of the main module `wasmPath` and its glue `jsPath`, in place. */
export async function shortenImports(wasmPath, jsPath) {
  const { wasm, renames } = renameImports(await readFile(wasmPath));
  let js = await readFile(jsPath, 'utf8');
  if (/\$[0-9a-z]+\s*:/.test(js)) throw new Error('app.js has a key like the short names already');
  for (const [long, short] of renames) {
    const uses = js.split(long).length - 1;
    if (uses !== 1) throw new Error(`app.js names ${long} ${uses} times, not once`);
    js = js.replace(long, short);
  }
  await writeFile(wasmPath, wasm);
  await writeFile(jsPath, js);
  return renames.size;
}

/**
 * Exports that only a caller in JavaScript could use and this app never does:
 * wasm-streams' classes (IntoUnderlyingSource, -Sink, -ByteSource), which
 * Leptos' `csr` feature brings in for server functions' streams. The app has
 * no server functions; without the exports wasm-opt removes their code, and
 * their classes leave app.js (0.3 KB brotli there; the wasm's share was
 * measured only with another change, 1.5 KB the two). The build fails
 * instead if app.js ever makes one of these objects itself (wasm-bindgen's
 * `__wrap`), which would mean they are used. Run before wasm-opt.
 */
export async function dropUnusedExports(wasmPath, jsPath) {
  const UNUSED = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;
  const js = await readFile(jsPath, 'utf8');
  if (/IntoUnderlying(ByteSource|Sink|Source)\.__wrap\(/.test(js)) {
    throw new Error('app.js makes wasm-streams objects: their exports are in use and must stay');
  }
  const wasm = await readFile(wasmPath);
  let dropped = 0;
  const trimmedWasm = rewriteSections(wasm, (id, start, end) => {
    if (id !== 7) return undefined;
    let [count, p] = leb(wasm, start);
    const kept = [];
    for (let i = 0; i < count; i++) {
      const from = p;
      let length;
      [length, p] = leb(wasm, p);
      const name = wasm.subarray(p, p + length).toString('utf8');
      p += length + 1; // the name, then the kind
      [, p] = leb(wasm, p); // the index
      if (UNUSED.test(name)) dropped++;
      else kept.push(wasm.subarray(from, p));
    }
    if (p !== end) throw new Error('the export section was not read to its end');
    const body = Buffer.concat([Buffer.from(encodeLeb(kept.length)), ...kept]);
    return Buffer.concat([Buffer.from([7, ...encodeLeb(body.length)]), body]);
  });
  await writeFile(wasmPath, trimmedWasm);
  // Their classes in app.js call nothing that is left: no longer exported, the
  // minifier drops them (minifyModules shakes the tree).
  const trimmed = js
    .replace(/^const IntoUnderlying(?:ByteSource|Sink|Source)Finalization = [\s\S]*?;\n/gm, '')
    .replace(/export class (IntoUnderlying(?:ByteSource|Sink|Source)) /g, 'class $1 ')
    .replace(/^if \(Symbol\.dispose\) (IntoUnderlying(?:ByteSource|Sink|Source))\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;$/gm, '');
  await writeFile(jsPath, trimmed);
  return dropped;
}
