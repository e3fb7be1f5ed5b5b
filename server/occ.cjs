// json-server 0.17 middleware: no lost updates, and an optional batch of creates.
//
// 1. A PATCH or PUT whose If-Match header names another version than the
//    stored record's is refused with 412 Precondition Failed. The check and
//    the claim of the next version happen in one synchronous step, so of
//    several writes based on the same version exactly one wins.
//
// 2. POST /_batch {"creates": [{"collection": "comments", "record": {...}}, ...]}
//    inserts every record whose clientId (or, without one, id) the collection
//    does not hold yet, and writes db.json once for the whole batch (json-server
//    rewrites the whole file on every write: ~20 ms each for a small team).
//    Answers {"results": ["created" | "exists", ...]}, one per create, in order.
//    A malformed batch is refused with 400 and changes nothing. Optional: the
//    app falls back to one POST per record when this answers 404
//    (docs/backend-contract.md, "Optional: batch of creates").
//
//   npx json-server db.json -m server/occ.cjs --host 127.0.0.1 --port 3000
const MAX_BATCH = 1000;

function batch(req, res) {
  const db = req.app.db;
  const creates = req.body && req.body.creates;
  if (!Array.isArray(creates) || creates.length > MAX_BATCH) {
    res.status(400).json({ error: `expected {"creates": [...]} with at most ${MAX_BATCH} items` });
    return;
  }
  for (const [index, create] of creates.entries()) {
    const ok =
      create &&
      typeof create.collection === 'string' &&
      Array.isArray(db.get(create.collection).value()) &&
      create.record &&
      typeof create.record === 'object' &&
      !Array.isArray(create.record) &&
      typeof create.record.id === 'string' &&
      create.record.id !== '';
    if (!ok) {
      res.status(400).json({ error: `create ${index} is not {"collection": <existing collection>, "record": {"id": <string>, ...}}` });
      return;
    }
  }
  const results = creates.map(({ collection, record }) => {
    const records = db.get(collection).value();
    const clientId = typeof record.clientId === 'string' && record.clientId !== '' ? record.clientId : record.id;
    // An earlier attempt that arrived although its answer did not; a record
    // with this id already there is kept too (a second insert would fail).
    const there = records.some((r) => r && (r.clientId === clientId || String(r.id) === record.id));
    if (there) return 'exists';
    records.push(record);
    return 'created';
  });
  if (results.includes('created')) db.write();
  res.status(200).json({ results });
}

module.exports = (req, res, next) => {
  if (req.method === 'POST' && req.path === '/_batch') return batch(req, res);
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
