/// <reference path="../pb_data/types.d.ts" />
// POST /api/samspil/erase {"pupilId": "…"}: erases a pupil on the server,
// for the pupil, their parent or a teacher in their team
// (domain::erasure::may_erase) and the server's owner. In one transaction
// it deletes every record domain::erasure::records_of_pupil lists and the
// pupil's login(s), and leaves the traces devices purge by (`erasures`: a
// hash of the pupil's id and one of the alias other pupils knew them by;
// no name, not who asked). A second call changes nothing and succeeds; it
// also deletes records of an erased pupil that a device sent afterwards.
// Anyone else, and a pupil id that is not a pupil, get the same 403.

routerAdd("POST", "/api/samspil/erase", (e) => {
  const lib = require(`${__hooks}/samspil_peer_lib.js`);
  const erasure = require(`${__hooks}/samspil_erasure.js`);
  const records = require(`${__hooks}/records.js`);
  const pupilId = e.requestInfo().body.pupilId;
  if (typeof pupilId !== "string" || !lib.ID.test(pupilId)) throw new BadRequestError("pupilId: a person id is needed.");
  const hash = erasure.pupilHash(pupilId);
  const traced = (tx, h) => tx.findRecordsByFilter("erasures", "pupilHash = {:h}", "", 1, 0, { h }).length > 0;
  const allowed = e.hasSuperuserAuth() || erasure.mayErase(e.app, lib, pupilId, e.auth) || traced(e.app, hash);
  if (!allowed) throw new ForbiddenError("Only the pupil, their parent or a teacher in their team may erase the pupil.");
  const erased = {};
  e.app.runInTransaction((tx) => {
    const alias = lib.aliasOf(tx, pupilId);
    const gone = [...erasure.recordsOfPupil(tx, pupilId),
      ...tx.findRecordsByFilter("users", "person = {:p}", "", 0, 0, { p: pupilId }).map((r) => ["accounts", r])];
    for (const [collection, record] of gone) {
      tx.delete(record);
      erased[collection] = (erased[collection] ?? 0) + 1;
    }
    const traces = tx.findCollectionByNameOrId("erasures");
    for (const h of [hash, erasure.pupilHash(alias)]) {
      if (traced(tx, h)) continue;
      const trace = new Record(traces);
      const id = $security.randomStringWithAlphabet(20, "abcdefghijklmnopqrstuvwxyz0123456789");
      const now = records.serverTime();
      // `updatedBy` stays empty: the trace does not say who asked.
      trace.load({ id, pupilHash: h, on: now.slice(0, 10), clientId: id, version: 1, updatedAt: now, updatedBy: "", deleted: false });
      tx.save(trace);
    }
  });
  return e.json(200, { erased });
}, $apis.requireAuth());
