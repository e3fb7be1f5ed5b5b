// json-server 0.17 middleware: no lost updates.
// A PATCH or PUT whose If-Match header names another version than the stored
// record's is refused with 412 Precondition Failed. The check and the claim of
// the next version happen in one synchronous step, so of several writes based
// on the same version exactly one wins.
//
//   npx json-server db.json -m server/occ.cjs --host 127.0.0.1 --port 3000
module.exports = (req, res, next) => {
  if (req.method !== 'PATCH' && req.method !== 'PUT') return next();
  const expected = req.get('If-Match');
  const match = /^\/([^/]+)\/([^/?]+)$/.exec(req.path);
  if (!expected || !match) return next();
  const [, collection, rawId] = match;
  const id = decodeURIComponent(rawId);
  const records = req.app.db.get(collection);
  if (!records.value()) return next();
  const record = records.find((r) => String(r.id) === id).value();
  if (!record) return next();
  const base = Number(expected.replace(/^W\//, '').replace(/"/g, ''));
  const stored = Number.isInteger(record.version) ? record.version : 0;
  if (!Number.isInteger(base) || stored !== base) {
    res.status(412).json({ error: 'the record changed since it was read', version: stored });
    return;
  }
  record.version = base + 1;
  next();
};
