/// <reference path="../pb_data/types.d.ts" />
// The peer space's rules that API rules cannot say (see the migration
// 1764400000_samspil_peer_space.js for who may read and write at all):
// what a new record or a change may hold (samspil_peer_lib.js, mirroring
// domain::peer), the server's view of each post (approved, shown to
// pupils), and what each reader receives of `personId` and `updatedBy` —
// in lists, views, answers to writes and realtime messages alike.
// Superusers (seeding, the operator) skip the checks.

onRecordCreateRequest((e) => {
  const lib = require(`${__hooks}/samspil_peer_lib.js`);
  const collection = e.collection.name;
  if (!e.hasSuperuserAuth()) {
    const problem = lib.createProblem(e.app, collection, e.record, lib.me(e.auth), lib.sent(e));
    if (problem) throw new BadRequestError(`Refused: ${problem}.`);
  }
  if (collection !== "posts" && collection !== "moderations") return e.next();
  // A decision and what it changes about its post are written together, so
  // a pupil's device never reads the one without the other.
  const postId = collection === "posts" ? e.record.id : e.record.getString("postId");
  const outer = e.app;
  e.app.runInTransaction((txApp) => {
    e.app = txApp;
    try {
      e.next();
      lib.refreshPost(txApp, postId);
    } finally {
      e.app = outer;
    }
  });
}, "peerNames", "posts", "helped", "reports", "moderations");

onRecordUpdateRequest((e) => {
  const lib = require(`${__hooks}/samspil_peer_lib.js`);
  const collection = e.collection.name;
  if (!e.hasSuperuserAuth()) {
    const problem = lib.updateProblem(e.app, collection, e.record, e.record.original(), lib.me(e.auth), lib.sent(e));
    if (problem) throw new BadRequestError(`Refused: ${problem}.`);
  }
  if (collection !== "posts") return e.next();
  const outer = e.app;
  e.app.runInTransaction((txApp) => {
    e.app = txApp;
    try {
      e.next();
      lib.refreshPost(txApp, e.record.id);
    } finally {
      e.app = outer;
    }
  });
}, "peerNames", "posts", "helped");

// Appointing or ending a moderator, or a pupil leaving, changes which
// decisions count and whose posts are shown.
onRecordUpdate((e) => {
  const before = e.record.original();
  const changed = ["moderator", "role", "deleted"].some((f) => String(before.get(f)) !== String(e.record.get(f)));
  e.next();
  if (changed) require(`${__hooks}/samspil_peer_lib.js`).refreshAllPosts(e.app);
}, "people");

onRecordEnrich((e) => {
  require(`${__hooks}/samspil_peer_lib.js`).serve(e.app, e.record, e.requestInfo);
  e.next();
}, "peerNames", "posts", "helped", "reports", "moderations");
