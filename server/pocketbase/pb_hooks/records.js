// The bookkeeping every Samspil record carries (`id`, `clientId`, `version`,
// `updatedAt`, `updatedBy`, `deleted`), checked alike on every collection the
// server guards — the team's (team_rules.js) and the peer space's
// (samspil_peer_lib.js) — so that a device syncs them all the same way.
// Pure functions over plain values: node runs this file in the tests too.
//
// Each check answers null when the bookkeeping is right, else
// {field, message, version}: `version` is true for a version that is not the
// next one (the app reads the record back and sees a conflict if it moved on).

/** Why a new record's bookkeeping is wrong, or null: version 1, written by `me`, not a tombstone. */
function newRecordProblem(me, record) {
  if (record.version !== 1) return { field: 'version', message: 'A new record has version 1.', version: true };
  if (record.updatedBy !== me) return { field: 'updatedBy', message: 'updatedBy must be you.' };
  if (record.deleted) return { field: 'deleted', message: 'A new record is not removed.' };
  return null;
}

/**
 * Why a change of `stored` into `record` by `me` is wrong, or null: exactly
 * the next version, written by `me`, the same `id` and `clientId`, and never
 * a change of a tombstone (removed is removed for good).
 */
function changeProblem(me, stored, record) {
  if (record.version !== stored.version + 1) {
    return { field: 'version', message: 'A change has the next version (stored + 1).', version: true };
  }
  if (record.updatedBy !== me) return { field: 'updatedBy', message: 'updatedBy must be you.' };
  if (record.id !== stored.id || record.clientId !== stored.clientId) {
    return { field: 'clientId', message: 'id and clientId never change.' };
  }
  if (stored.deleted) return { field: 'deleted', message: 'A removed record stays removed.' };
  return null;
}

/**
 * What the server writes into `updatedAt` on every create and update: its
 * own time, since a device's clock may be hours off.
 */
function serverTime() {
  return new Date().toISOString();
}

module.exports = { newRecordProblem, changeProblem, serverTime };
