// The fingerprint of a goal's wording, as docs/backend-contract.md
// ("Fingerprint of a goal's wording") defines it — the one JavaScript
// implementation: the team's rules (team_rules.js) require it in PocketBase,
// and the tests (e2e/fingerprint.mjs) in node. It uses nothing PocketBase's
// JS runtime (goja) lacks: no TextEncoder (lengths count code points),
// numbers go through a DataView; the hash is `$security.sha256` there and
// node's crypto here.

/** The canonical text of a goal's `content`. */
function canonical(content) {
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

/** SHA-256 (hex, lowercase) of the UTF-8 bytes of a text. */
function sha256(text) {
  if (typeof $security !== 'undefined') return $security.sha256(text);
  return require('crypto').createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The fingerprint of a goal's `content`, or null for content that is not a goal's wording. */
function fingerprint(content) {
  try {
    return sha256(canonical(content));
  } catch (_) {
    return null;
  }
}

module.exports = { canonical, fingerprint };
