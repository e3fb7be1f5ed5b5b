// The fingerprint of a goal's wording in JavaScript, as
// docs/backend-contract.md ("Fingerprint of a goal's wording") defines it.
// `canonical` uses nothing PocketBase's JS hooks (goja) lack — no
// TextEncoder: lengths count code points, numbers go through a DataView —
// so it can be copied there and hashed with `$security.sha256(text)`.
// Node hashes here, for the tests' fixtures.
import { createHash } from 'node:crypto';

/** The canonical text of a goal's `content`. */
export function canonical(content) {
  const text = (value) => {
    const s = String(value);
    return `s${Array.from(s).length}:${s}`;
  };
  const number = (value) => {
    const view = new DataView(new ArrayBuffer(8));
    // −0 is written as 0.
    view.setFloat64(0, value === 0 ? 0 : Number(value));
    let hex = '';
    for (let i = 0; i < 8; i++) hex += ('0' + view.getUint8(i).toString(16)).slice(-2);
    return `n${hex}`;
  };
  const list = (items, each) => `a${items.length}:` + items.map(each).join('');
  let out = 'G1' + text(content.title) + text(content.why);
  const gas = content.gas;
  out += gas === null || gas === undefined ? 'z' : 'g' + gas.levels.map(text).join('') + number(gas.current);
  const measure = content.measure;
  out += measure === null || measure === undefined ? 'z' : 'm' + text(measure.name) + number(measure.baseline) + number(measure.target);
  out += list(content.contributions ?? [], (c) => text(c.personId) + text(c.text));
  out += text(content.reviewDate);
  out += list(content.strengthIds ?? [], text);
  out += number(content.weight ?? 1);
  return out;
}

/** SHA-256 of the canonical text, 64 lowercase hex characters. */
export function fingerprint(content) {
  return createHash('sha256').update(canonical(content), 'utf8').digest('hex');
}
