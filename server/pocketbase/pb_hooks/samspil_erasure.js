// Erasing a pupil on the server: who may ask (domain::erasure::may_erase)
// and which records go (domain::erasure::records_of_pupil), mirrored line
// by line; e2e/attack-peer.test.mjs checks that both list the same records
// of the demo data.

/**
 * domain::erasure::may_erase for the signed-in `account`: the pupil, or a
 * parent or teacher in the pupil's team (the account's `teams`, access.js).
 */
function mayErase(app, lib, pupilId, account) {
  const pupil = lib.person(app, pupilId);
  if (!lib.isPupil(pupil)) return false;
  const by = lib.me(account);
  if (by === pupilId) return true;
  const role = lib.person(app, by)?.getString("role");
  return (role === "parent" || role === "teacher") && require(`${__hooks}/access.js`).isInTeam(account, pupilId);
}

/** Every record of a collection, tombstones included, as [id, record]. */
function all(app, collection) {
  return app.findAllRecords(collection).map((r) => [r.id, r]);
}

/**
 * domain::erasure::records_of_pupil: every record that belongs to the
 * pupil, tombstones included, as [collection, record], dependants before
 * what they depend on.
 */
function recordsOfPupil(app, pupilId) {
  const get = (r, f) => r.getString(f);
  const goals = new Set(all(app, "goals").filter(([, g]) => get(g, "pupilId") === pupilId).map(([id]) => id));
  const posts = all(app, "posts");
  const own = new Set(posts.filter(([, p]) => get(p, "personId") === pupilId).map(([id]) => id));
  const theirs = new Set(posts.filter(([, p]) => get(p, "personId") === pupilId || own.has(get(p, "postId"))).map(([id]) => id));
  const list = [];
  const add = (collection, keep) => {
    for (const [, r] of all(app, collection)) if (keep(r)) list.push([collection, r]);
  };
  add("helped", (h) => get(h, "personId") === pupilId || theirs.has(get(h, "postId")));
  add("reports", (r) => get(r, "personId") === pupilId || theirs.has(get(r, "postId")));
  add("moderations", (m) => theirs.has(get(m, "postId")));
  // Replies before the posts they answer.
  add("posts", (p) => theirs.has(p.id) && get(p, "postId") !== "");
  add("posts", (p) => theirs.has(p.id) && get(p, "postId") === "");
  add("peerNames", (n) => get(n, "personId") === pupilId);
  add("comments", (c) => goals.has(get(c, "goalId")) || get(c, "personId") === pupilId);
  add("checkins", (c) => get(c, "pupilId") === pupilId || goals.has(get(c, "goalId")) || get(c, "personId") === pupilId);
  add("agreements", (a) => goals.has(get(a, "goalId")) || get(a, "personId") === pupilId);
  add("goals", (g) => get(g, "pupilId") === pupilId);
  add("strengths", (s) => get(s, "pupilId") === pupilId);
  add("members", (m) => get(m, "pupilId") === pupilId || get(m, "personId") === pupilId);
  add("people", (p) => p.id === pupilId);
  return list;
}

/** domain::erasure::pupil_hash: what an erasure trace keeps of the pupil. */
function pupilHash(pupilId) {
  return $security.sha256(`samspil-erasure:${pupilId}`);
}

module.exports = { mayErase, recordsOfPupil, pupilHash };
