// What in a .wasm file is largest: its sections, and the code of each function
// by the names in the "name" custom section, summed per crate. A small stand-in
// for twiggy's `top` (shallow sizes), with no dependencies.
//
//   node bench/lib/wasm-breakdown.mjs FILE.wasm [top]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];

function reader(bytes) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    u8: () => bytes[pos++],
    leb() {
      let result = 0, shift = 0, b;
      do { b = bytes[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return result;
    },
    str() {
      const n = r.leb();
      const s = Buffer.from(bytes.subarray(pos, pos + n)).toString('utf8');
      pos += n;
      return s;
    },
  };
  return r;
}

/** Parses sections, function bodies and function names. */
export function parseWasm(bytes) {
  const r = reader(bytes);
  r.pos = 8;
  const sections = [];
  let importedFunctions = 0;
  const bodies = []; // sizes, by defined-function index
  const names = new Map(); // function index (imports included) → name
  let dataBytes = 0;
  while (r.pos < bytes.length) {
    const id = r.u8();
    const size = r.leb();
    const start = r.pos;
    const end = start + size;
    let label = SECTION_NAMES[id] ?? `section ${id}`;
    if (id === 0) {
      const name = r.str();
      label = `custom "${name}"`;
      if (name === 'name') {
        while (r.pos < end) {
          const sub = r.u8();
          const subSize = r.leb();
          const subEnd = r.pos + subSize;
          if (sub === 1) {
            const count = r.leb();
            for (let i = 0; i < count; i++) {
              const idx = r.leb();
              names.set(idx, r.str());
            }
          }
          r.pos = subEnd;
        }
      }
    } else if (id === 2) {
      const count = r.leb();
      for (let i = 0; i < count; i++) {
        r.str();
        r.str();
        const kind = r.u8();
        if (kind === 0) { r.leb(); importedFunctions++; }
        else if (kind === 1) { r.u8(); const f = r.u8(); r.leb(); if (f & 1) r.leb(); }
        else if (kind === 2) { const f = r.u8(); r.leb(); if (f & 1) r.leb(); }
        else if (kind === 3) { r.u8(); r.u8(); }
        else if (kind === 4) { r.u8(); r.leb(); }
      }
    } else if (id === 10) {
      const count = r.leb();
      for (let i = 0; i < count; i++) {
        const before = r.pos;
        const n = r.leb();
        r.pos += n;
        bodies.push(r.pos - before);
      }
    } else if (id === 11) {
      dataBytes = size;
    }
    sections.push({ id, label, bytes: end - start + 1 + lebLength(size) });
    r.pos = end;
  }
  const functions = bodies.map((bytes, i) => ({ name: demangle(names.get(importedFunctions + i) ?? `func[${importedFunctions + i}]`), bytes }));
  return { total: bytes.length, sections, functions, dataBytes, named: names.size > 0 };
}

function lebLength(n) {
  let len = 1;
  while (n >= 128) { n = Math.floor(n / 128); len++; }
  return len;
}

const ESCAPES = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

/** Demangles a legacy Rust symbol (_ZN…E); other names are returned as they are. */
export function demangle(name) {
  const m = /^_?_ZN(.*)E$/.exec(name);
  if (!m) return name;
  const body = m[1];
  const parts = [];
  let i = 0;
  while (i < body.length) {
    const len = /^\d+/.exec(body.slice(i));
    if (!len) break;
    i += len[0].length;
    parts.push(body.slice(i, i + Number(len[0])));
    i += Number(len[0]);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts
    .map((p) =>
      p
        .replace(/^_\$/, '$')
        .replace(/\$(SP|BP|RF|LT|GT|LP|RP|C)\$/g, (all, e) => ESCAPES[e] ?? all)
        .replace(/\$u([0-9a-f]{2,6})\$/g, (all, hex) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/\.\./g, '::'),
    )
    .join('::');
}

/** The crate a (demangled) Rust function name belongs to; "<T as Trait>" counts as T's crate. */
export function crateOf(name) {
  // A v0-mangled name (the release build's std is built with the app, -Zbuild-std):
  // the first crate root in it, `C` [disambiguator `s…_`] <length><name>.
  if (name.startsWith('_R')) {
    const m = /C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(name);
    if (m) {
      const c = name.substr(m.index + m[0].length, Number(m[1]));
      return ['core', 'alloc', 'std'].includes(c) ? 'std (core/alloc/std)' : c;
    }
  }
  let s = name.trim();
  while (s.startsWith('<') || s.startsWith('&') || s.startsWith('mut ') || s.startsWith('dyn ') || s.startsWith('(') || s.startsWith('[')) {
    s = s.replace(/^(<|&|mut |dyn |\(|\[)/, '');
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(s);
  if (!m) return /^(__wbindgen|__wbg|wasm_bindgen)/.test(s) ? 'wasm_bindgen' : /^(dlmalloc|memcpy|memmove|memset|memcmp|__rust)/.test(s) ? 'std' : '(unnamed)';
  const c = m[1];
  return ['core', 'alloc', 'std'].includes(c) ? 'std (core/alloc/std)' : c;
}

/** Cross-cutting kinds of code, whatever crate they were instantiated in. */
const KINDS = [
  // Each also as it reads in a v0-mangled name (<length><identifier>).
  ['serde (de)serialisation', /serde/],
  ['formatting (core::fmt, Debug, Display)', /core::fmt|Debug|Display|fmt::Write|4core3fmt/],
  ['i18n (src/i18n.rs)', /samspil::i18n|7samspil4i18n/],
  ['tachys/leptos view code', /tachys::|leptos::|reactive_graph::|6tachys|6leptos|14reactive_graph/],
];

export function breakdown(file, top = 25) {
  const wasm = parseWasm(new Uint8Array(readFileSync(file)));
  const code = wasm.functions.reduce((n, f) => n + f.bytes, 0);
  const crates = new Map();
  for (const f of wasm.functions) {
    const c = crateOf(f.name);
    const e = crates.get(c) ?? { crate: c, bytes: 0, functions: 0 };
    e.bytes += f.bytes;
    e.functions++;
    crates.set(c, e);
  }
  const kinds = KINDS.map(([kind, re]) => {
    const fs = wasm.functions.filter((f) => re.test(f.name));
    return { kind, bytes: fs.reduce((n, f) => n + f.bytes, 0), functions: fs.length };
  });
  return {
    file: path.basename(file),
    total: wasm.total,
    named: wasm.named,
    sections: wasm.sections.map(({ label, bytes }) => ({ section: label, bytes })),
    codeBytes: code,
    dataBytes: wasm.dataBytes,
    functionCount: wasm.functions.length,
    crates: [...crates.values()].sort((a, b) => b.bytes - a.bytes),
    kinds,
    topFunctions: [...wasm.functions].sort((a, b) => b.bytes - a.bytes).slice(0, top),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const b = breakdown(process.argv[2], Number(process.argv[3] ?? 25));
  const pct = (n) => ((100 * n) / b.total).toFixed(1).padStart(5) + ' %';
  console.log(`${b.file}: ${b.total} bytes, code ${b.codeBytes}, data ${b.dataBytes}, ${b.functionCount} functions${b.named ? '' : ' (no names)'}`);
  for (const s of b.sections) console.log(`  section ${s.section.padEnd(28)} ${String(s.bytes).padStart(9)} ${pct(s.bytes)}`);
  console.log('by crate (shallow code bytes):');
  for (const c of b.crates.slice(0, 30)) console.log(`  ${c.crate.padEnd(28)} ${String(c.bytes).padStart(9)} ${pct(c.bytes)}  ${c.functions} fns`);
  console.log('by kind (overlapping):');
  for (const k of b.kinds) console.log(`  ${k.kind.padEnd(40)} ${String(k.bytes).padStart(9)} ${pct(k.bytes)}  ${k.functions} fns`);
  console.log('largest functions:');
  for (const f of b.topFunctions) console.log(`  ${String(f.bytes).padStart(7)}  ${f.name.slice(0, 150)}`);
}
