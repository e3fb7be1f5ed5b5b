// json-server 0.17 middleware: the server's order, version rules, no lost
// updates, and an optional batch of creates (docs/backend-contract.md).
//
// 1. Server order. Every write (POST create, PATCH/PUT, each record of
//    POST /_batch) is stamped with an integer `serverSeq`, strictly increasing
//    across the whole server, overwriting whatever the client sent. Devices
//    pull `GET /{c}?serverSeq_gte={last seen + 1}`: the server's order, never
//    the editing device's clock (a phone two hours behind, or one offline for
//    an hour, writes records whose `updatedAt` lies before other devices'
//    last pull). On first use the counter starts after the highest
//    `serverSeq` in db.json, and records without one are stamped then.
//    Stamping happens in the same synchronous step as json-server's write, so
//    no pull can see a later stamp before an earlier one.
//
// 2. Versions. A create has `version` 1; an update has exactly the stored
//    version + 1. Anything else is refused with 422 and a JSON error (a
//    `version` of 10^15 would otherwise wedge every later edit).
//
// 3. No lost updates. A PATCH or PUT whose If-Match header names another
//    version than the stored record's is refused with 412 Precondition
//    Failed. The check and the claim of the next version happen in one
//    synchronous step, so of several writes based on the same version exactly
//    one wins. A create whose id is taken is refused with 409.
//
// 4. POST /_batch {"creates": [{"collection": "comments", "record": {...}}, ...]}
//    inserts every record whose clientId (or, without one, id) the collection
//    does not hold yet, and writes db.json once for the whole batch (json-server
//    rewrites the whole file on every write: ~20 ms each for a small team).
//    Answers {"results": ["created" | "exists", ...]}, one per create, in order.
//    A malformed batch (or a create that is not version 1) is refused with 400
//    and changes nothing. Optional: the app falls back to one POST per record
//    when this answers 404 (docs/backend-contract.md, "Optional: batch of creates").
//
//   npx json-server db.json -m server/occ.cjs --host 127.0.0.1 --port 3000
const MAX_BATCH = 1000;

/** The last serverSeq given; null until the first write looked at db.json. */
let lastSeq = null;

/** The next serverSeq. The first call stamps every record that has none. */
function nextSeq(db) {
  if (lastSeq === null) {
    const state = db.getState();
    const collections = Object.values(state).filter(Array.isArray);
    lastSeq = 0;
    for (const records of collections) {
      for (const record of records) {
        if (record && Number.isSafeInteger(record.serverSeq)) lastSeq = Math.max(lastSeq, record.serverSeq);
      }
    }
    let stamped = false;
    for (const records of collections) {
      for (const record of records) {
        if (record && typeof record === 'object' && !Number.isSafeInteger(record.serverSeq)) {
          record.serverSeq = ++lastSeq;
          stamped = true;
        }
      }
    }
    if (stamped) db.write();
  }
  return ++lastSeq;
}

const refuse = (res, status, error, extra = {}) => res.status(status).json({ error, ...extra });

function batch(req, res) {
  const db = req.app.db;
  const creates = req.body && req.body.creates;
  if (!Array.isArray(creates) || creates.length > MAX_BATCH) {
    refuse(res, 400, `expected {"creates": [...]} with at most ${MAX_BATCH} items`);
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
      refuse(res, 400, `create ${index} is not {"collection": <existing collection>, "record": {"id": <string>, ...}}`);
      return;
    }
    if (create.record.version !== 1) {
      refuse(res, 400, `create ${index}: a create has version 1`);
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
    records.push({ ...record, serverSeq: nextSeq(db) });
    return 'created';
  });
  if (results.includes('created')) db.write();
  res.status(200).json({ results });
}

/** POST /{c}: version 1, a free id, and the server's stamp. */
function create(req, res, next, records) {
  const body = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
  if (body.version !== 1) {
    refuse(res, 422, 'a create has version 1', { version: body.version ?? null });
    return;
  }
  if (body.id !== undefined && records.find((r) => String(r.id) === String(body.id)).value()) {
    refuse(res, 409, 'a record with this id exists');
    return;
  }
  body.serverSeq = nextSeq(req.app.db);
  next();
}

/** PATCH or PUT /{c}/{id}: If-Match, exactly stored + 1, and the server's stamp. */
function update(req, res, next, record) {
  const stored = Number.isInteger(record.version) ? record.version : 0;
  const expected = req.get('If-Match');
  if (expected !== undefined) {
    const base = Number(expected.replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(base) || stored !== base) {
      refuse(res, 412, 'the record changed since it was read', { version: stored });
      return;
    }
  }
  const body = req.body || {};
  if (body.version !== stored + 1) {
    refuse(res, 422, 'an update has the stored version + 1', { version: stored });
    return;
  }
  // Claimed in this same step: a second write based on the same version now fails.
  record.version = stored + 1;
  body.serverSeq = nextSeq(req.app.db);
  next();
}

module.exports = (req, res, next) => {
  if (req.method === 'POST' && req.path === '/_batch') return batch(req, res);
  const match = /^\/([^/]+)(?:\/([^/?]+))?\/?$/.exec(req.path);
  if (!match) return next();
  const [, collection, rawId] = match;
  const records = req.app.db.get(collection);
  if (!Array.isArray(records.value())) return next();
  if (req.method === 'POST' && rawId === undefined) return create(req, res, next, records);
  if ((req.method === 'PATCH' || req.method === 'PUT') && rawId !== undefined) {
    const id = decodeURIComponent(rawId);
    const record = records.find((r) => String(r.id) === id).value();
    if (!record) return next();
    return update(req, res, next, record);
  }
  next();
};
