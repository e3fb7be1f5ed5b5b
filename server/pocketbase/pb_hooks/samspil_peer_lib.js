// Samspil's rules for the peer space, the effect report and erasure, as the
// server needs them (loaded with require() inside each handler: PocketBase
// runs handlers apart from the file that registers them). Each function
// mirrors one in the `domain` crate, named in its comment; the attack test
// e2e/attack-peer.test.mjs checks them against the Rust on the same data.
// The bookkeeping every record carries is checked as on the team's
// collections (records.js).

const records = require(`${__hooks}/records.js`);
// Who is in whose team: the account's `teams`, kept by access.js for the read rules.
const { isInTeam } = require(`${__hooks}/access.js`);

/** domain::peer constants. */
const POST_MAX = 800;
const HIDE_REASON_MAX = 300;
const PSEUDONYM_MIN = 3;
const PSEUDONYM_MAX = 20;
const PSEUDONYM_DIGITS_MAX = 4;
const TOPICS = ["school", "sport", "friends", "feelings", "other"];
const KINDS = ["experience", "tip", "question"];
const DECISIONS = ["approve", "hide"];
/** domain::peer::PUPIL_ALIAS_PREFIX and MODERATOR_ALIAS. */
const PUPIL_ALIAS_PREFIX = "pupil:";
const MODERATOR_ALIAS = "moderator:any";
/** Samspil's record ids (the `id` fields' pattern). */
const ID = /^[a-z0-9-]{1,100}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The person record with this id, unless missing or a tombstone (domain::Db::person). */
function person(app, id) {
  if (!id || !ID.test(id)) return null;
  try {
    const record = app.findRecordById("people", id);
    return record.getBool("deleted") ? null : record;
  } catch (_) {
    return null;
  }
}

/** The Samspil person id of a request's account ("" for none, a superuser or another collection). */
function me(auth) {
  if (!auth || auth.collection().name !== "users") return "";
  return auth.getString("person");
}

/** domain::peer::is_moderator: an appointed adult who works with young people. */
function isModerator(p) {
  return !!p && p.getBool("moderator") && ["teacher", "coach", "leader", "other"].includes(p.getString("role"));
}

function isPupil(p) {
  return !!p && p.getString("role") === "pupil";
}

/** The alias key, once read (it never changes; each of PocketBase's JS runtimes keeps its own copy). */
let aliasKey = null;

/** The server's alias of a pupil (domain::peer::is_pupil_alias): keyed, so that nobody can work it out from an id. */
function aliasOf(app, personId) {
  if (aliasKey === null) aliasKey = app.findFirstRecordByData("samspilSecrets", "name", "peerAlias").getString("value");
  return PUPIL_ALIAS_PREFIX + $security.hs256(personId, aliasKey).slice(0, 32);
}

/** domain::validate::optional_text: the text as the app stores it, or a problem. */
function optionalText(text, max) {
  if (typeof text !== "string") return { problem: "required" };
  const clean = text.trim().replace(/\r\n/g, "\n").replace(/\r/g, "\n");
  if (/[^\P{Cc}\n\t]/u.test(clean)) return { problem: "badCharacters" };
  if ([...clean].length > max) return { problem: "tooLong" };
  return { text: clean };
}

/** domain::validate::required_text. */
function requiredText(text, max) {
  const checked = optionalText(text, max);
  if (checked.problem) return checked;
  return checked.text === "" ? { problem: "required" } : checked;
}

const ALNUM = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]/u;
const ALPHA = /\p{Alphabetic}/u;

/** The words of a name, lower-case (domain::peer::words). */
function words(text) {
  return text.split(/[^\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/u).filter((w) => w !== "").map((w) => w.toLowerCase());
}

/** The live peer-name record of a person that counts: the newest (domain::Db::peer_name_record). */
function newestName(names, personId) {
  let newest = null;
  for (const n of names) {
    if (n.personId !== personId || n.deleted) continue;
    if (!newest || n.updatedAt > newest.updatedAt) newest = n;
  }
  return newest;
}

function plainNames(app) {
  return app.findAllRecords("peerNames").map((r) => ({
    id: r.id, personId: r.getString("personId"), pseudonym: r.getString("pseudonym"),
    updatedAt: r.getString("updatedAt"), deleted: r.getBool("deleted"),
  }));
}

/** A person's pseudonym, or null (domain::Db::pseudonym_of). */
function pseudonymOf(app, personId) {
  const n = newestName(plainNames(app), personId);
  return n ? n.pseudonym : null;
}

/** domain::peer::pseudonym: null when `text` (as stored) is a good pseudonym for `personId`, else the problem. */
function pseudonymProblem(app, personId, text, ownRecordId) {
  if (typeof text !== "string") return "required";
  const normal = text.split(/\s+/u).filter((w) => w !== "").join(" ");
  if (normal !== text) return "notAsTyped";
  if (text === "") return "required";
  const length = [...text].length;
  if (length < PSEUDONYM_MIN) return "tooShort";
  if (length > PSEUDONYM_MAX) return "tooLong";
  const chars = [...text];
  if (!chars.every((c) => ALNUM.test(c) || c === " " || c === "-" || c === "_") ||
    chars.filter((c) => c >= "0" && c <= "9").length > PSEUDONYM_DIGITS_MAX ||
    !chars.some((c) => ALPHA.test(c))) {
    return "badCharacters";
  }
  const squashed = chars.filter((c) => ALNUM.test(c)).join("").toLowerCase();
  const mine = words(text);
  const self = person(app, personId);
  if (self) {
    const givesAway = (w) => {
      const n = [...w].length;
      return n <= 1 ? false : n === 2 ? mine.includes(w) : squashed.includes(w);
    };
    if (words(self.getString("name")).some(givesAway)) return "yourName";
  }
  const known = app.findRecordsByFilter("people", "deleted = false && id != {:me}", "", 0, 0, { me: personId })
    .some((p) => words(p.getString("name")).some((w) => [...w].length >= 2 && mine.includes(w)));
  if (known) return "someonesName";
  // The record being changed does not count yet: it is about to hold `text`.
  const names = plainNames(app).filter((n) => n.id !== ownRecordId);
  const taken = names.some((n) => !n.deleted && n.personId !== personId &&
    newestName(names, n.personId) === n && n.pseudonym.toLowerCase() === text.toLowerCase());
  return taken ? "taken" : null;
}

/**
 * The decision that counts on a post (domain::peer::post_state): the newest
 * by a current moderator, by its time; on a tie, hiding wins.
 */
function decisionOn(app, postId) {
  let newest = null;
  for (const m of app.findRecordsByFilter("moderations", "postId = {:post} && deleted = false", "", 0, 0, { post: postId })) {
    if (!isModerator(person(app, m.getString("personId")))) continue;
    const at = m.getString("at");
    const hide = m.getString("decision") === "hide";
    if (!newest || at > newest.at || (at === newest.at && hide && !newest.hide)) newest = { at, hide };
  }
  return newest === null ? "pending" : newest.hide ? "hidden" : "approved";
}

/** Whether a moderator's decision approves the post now, and it is by a pupil who is still here. */
function approvedNow(app, post) {
  return !post.getBool("deleted") && isPupil(person(app, post.getString("personId"))) && decisionOn(app, post.id) === "approved";
}

/**
 * Whether pupils other than the author see the post (domain::peer::can_see
 * for a pupil who wrote neither it nor its post): approved, and for a
 * reply, its post is a post of its own shown too.
 */
function shownToPupils(app, post) {
  if (!approvedNow(app, post)) return false;
  const parentId = post.getString("postId");
  if (parentId === "") return true;
  let parent;
  try {
    parent = app.findRecordById("posts", parentId);
  } catch (_) {
    return false;
  }
  return parent.getString("postId") === "" && shownToPupils(app, parent);
}

/**
 * Sets the server's own fields on a post and its replies, saving those
 * that change: `approved` (see approvedNow), `shown` (see shownToPupils)
 * and `published` (ever approved: its decisions and marks may be read).
 */
function refreshPost(app, postId) {
  let post;
  try {
    post = app.findRecordById("posts", postId);
  } catch (_) {
    return;
  }
  const family = [post, ...app.findRecordsByFilter("posts", "postId = {:post}", "", 0, 0, { post: postId })];
  for (const p of family) {
    const approved = approvedNow(app, p);
    const shown = approved && shownToPupils(app, p);
    const published = approved || p.getBool("published");
    if (p.getBool("approved") === approved && p.getBool("shown") === shown && p.getBool("published") === published) continue;
    p.set("approved", approved);
    p.set("shown", shown);
    p.set("published", published);
    app.save(p);
  }
}

/** Every post, again: after a moderator was appointed or stopped, or a pupil left. */
function refreshAllPosts(app) {
  for (const post of app.findRecordsByFilter("posts", "postId = ''", "", 0, 0)) refreshPost(app, post.id);
}

/**
 * The JSON body of a request as it was sent. PocketBase drops hidden
 * fields from what it hands on (`requestInfo().body`); the router keeps
 * the body readable again.
 */
function sent(e) {
  try {
    // A record request event holds the HTTP request one level down.
    const body = JSON.parse(readerToString((e.requestEvent ?? e).request.body, 4 << 20));
    return body && typeof body === "object" ? body : {};
  } catch (_) {
    return {};
  }
}

/** The post with this id, unless missing or a tombstone (domain::Db::post). */
function livePost(app, id) {
  if (typeof id !== "string" || !ID.test(id)) return null;
  try {
    const post = app.findRecordById("posts", id);
    return post.getBool("deleted") ? null : post;
  } catch (_) {
    return null;
  }
}

/** domain::peer::can_see for the pupil `viewer`, as the server keeps it: their own, shown, or an approved reply to their own post. */
function pupilSees(app, post, viewer) {
  if (post.getString("personId") === viewer) return true;
  if (post.getBool("shown")) return true;
  const parent = livePost(app, post.getString("postId"));
  return post.getBool("approved") && !!parent && parent.getString("personId") === viewer;
}

/**
 * domain::peer::may_react: `by` marks or reports a post they see, approved,
 * and not their own. Returns the problem, or null.
 */
function reactProblem(app, postId, by) {
  const post = livePost(app, postId);
  if (!post) return "notVisible";
  if (post.getString("personId") === by) return "ownPost";
  if (!post.getBool("approved") || !pupilSees(app, post, by)) return "notVisible";
  return null;
}

function live(app, collection, postId, by) {
  return app.findRecordsByFilter(
    collection, "postId = {:post} && personId = {:by} && deleted = false", "", 1, 0, { post: postId, by },
  ).length > 0;
}

/**
 * What is wrong with a new record of the peer space written by pupil or
 * moderator `by` (the rules have checked that they may write here), or
 * null. `body` is the request as sent: `personId` and `updatedBy` are
 * hidden fields, which only the server writes, so they are checked there
 * and stamped here, with the server's own fields. Mirrors domain::peer's
 * write_post, mark_helped, report, moderate and pseudonym.
 */
function createProblem(app, collection, record, by, body) {
  if (body.personId !== by || body.updatedBy !== by) return "personId: write in your own name";
  // The rules say so too; checked again, since nothing else stands between a pupil and a decision.
  const writer = person(app, by);
  if (collection === "moderations" ? !isModerator(writer) : !isPupil(writer)) return "personId: not allowed";
  const bookkeeping = records.newRecordProblem(by, {
    version: record.getInt("version"), updatedBy: body.updatedBy, deleted: record.getBool("deleted"),
  });
  if (bookkeeping) return `${bookkeeping.field}: ${bookkeeping.message}`;
  record.set("personId", by);
  record.set("updatedBy", by);
  record.set("updatedAt", records.serverTime());
  switch (collection) {
    case "peerNames": {
      const problem = pseudonymProblem(app, by, record.getString("pseudonym"), record.id);
      return problem && `pseudonym: ${problem}`;
    }
    case "posts": {
      record.set("approved", false);
      record.set("shown", false);
      record.set("published", false);
      if (!pseudonymOf(app, by)) return "personId: choose a pseudonym first";
      const text = requiredText(record.getString("text"), POST_MAX);
      if (text.problem || text.text !== record.getString("text")) return `text: ${text.problem ?? "notAsTyped"}`;
      if (!KINDS.includes(record.getString("kind"))) return "kind: unknown";
      if (!DATE.test(record.getString("on"))) return "on: not a date";
      const parentId = record.getString("postId");
      if (parentId === "") return TOPICS.includes(record.getString("topic")) ? null : "topic: unknown";
      const parent = livePost(app, parentId);
      if (!parent || !pupilSees(app, parent, by)) return "postId: notVisible";
      if (parent.getString("postId") !== "") return "postId: replies go to posts, not to replies";
      return record.getString("topic") === parent.getString("topic") ? null : "topic: a reply takes its post's topic";
    }
    case "helped":
    case "reports": {
      const problem = reactProblem(app, record.getString("postId"), by);
      if (problem) return `postId: ${problem}`;
      if (live(app, collection, record.getString("postId"), by)) return "postId: alreadyDone";
      if (collection === "reports") record.set("at", records.serverTime());
      return null;
    }
    case "moderations": {
      if (!livePost(app, record.getString("postId"))) return "postId: unknown";
      const decision = record.getString("decision");
      if (!DECISIONS.includes(decision)) return "decision: unknown";
      const reason = decision === "hide" ? requiredText(record.getString("reason"), HIDE_REASON_MAX) :
        optionalText(record.getString("reason"), HIDE_REASON_MAX);
      if (reason.problem || reason.text !== record.getString("reason")) return `reason: ${reason.problem ?? "notAsTyped"}`;
      // The server's clock orders decisions: a moderator's phone may be hours off.
      record.set("at", records.serverTime());
      return null;
    }
  }
  return `${collection}: not part of the peer space`;
}

/** The fields a change may not touch, per collection (besides id and personId). */
const FIXED = {
  peerNames: [],
  posts: ["topic", "kind", "text", "postId", "on"],
  helped: ["postId"],
};

/**
 * What is wrong with a change by the author `by` (the rules have checked
 * that), or null: the bookkeeping of every record (records.js: exactly the
 * next version, in `by`'s name, a tombstone final), and nothing changes but
 * what the app changes. The server's fields are kept; `updatedBy` and
 * `updatedAt` are stamped.
 */
function updateProblem(app, collection, record, before, by, body) {
  // As on the team's collections, the record as it would be stored must name
  // `by`: `updatedBy` is hidden, so a sent one is read from the body.
  const updatedBy = "updatedBy" in body ? body.updatedBy : before.getString("updatedBy");
  const bookkeeping = records.changeProblem(
    by,
    { id: before.id, clientId: before.getString("clientId"), version: before.getInt("version"), deleted: before.getBool("deleted") },
    { id: record.id, clientId: record.getString("clientId"), version: record.getInt("version"), updatedBy },
  );
  if (bookkeeping) return `${bookkeeping.field}: ${bookkeeping.message}`;
  if ("personId" in body && body.personId !== before.getString("personId")) return "personId: cannot change";
  record.set("updatedBy", by);
  for (const field of FIXED[collection] ?? []) {
    if (record.getString(field) !== before.getString(field)) return `${field}: cannot change`;
  }
  record.set("updatedAt", records.serverTime());
  if (collection === "posts") {
    for (const field of ["approved", "shown", "published"]) record.set(field, before.getBool(field));
  }
  if (collection === "peerNames" && record.getString("pseudonym") !== before.getString("pseudonym")) {
    const problem = pseudonymProblem(app, record.getString("personId"), record.getString("pseudonym"), record.id);
    return problem && `pseudonym: ${problem}`;
  }
  return null;
}

/**
 * Puts `personId` and `updatedBy` back into a record being served (they are
 * hidden fields), as `viewer` may see them: the real person id for the
 * person themself and for a moderator in the pupil's team (who knows them
 * anyway); otherwise the pupil's alias, and for a decision the moderator
 * alias. A hiding reason goes only to the post's author and moderators.
 */
function serve(app, record, info) {
  const fields = ["personId", "updatedBy"];
  if (info && info.auth && info.auth.isSuperuser()) {
    record.unhide(...fields);
  } else {
    serveAsPerson(app, record, info && info.auth);
  }
  // A post of its own has no `postId` at all in Samspil's records, never "".
  if (record.collection().name === "posts" && record.getString("postId") === "") record.hide("postId");
}

function serveAsPerson(app, record, account) {
  const viewer = me(account);
  const fields = ["personId", "updatedBy"];
  const collection = record.collection().name;
  const viewerPerson = person(app, viewer);
  const moderator = isModerator(viewerPerson);
  if (collection === "moderations") {
    if (record.getString("personId") !== viewer) {
      for (const field of fields) record.set(field, MODERATOR_ALIAS);
    }
    const post = livePost(app, record.getString("postId"));
    if (!moderator && !(post && post.getString("personId") === viewer)) record.set("reason", "");
  } else {
    for (const field of fields) {
      const id = record.getString(field);
      const real = id === viewer || (moderator && isInTeam(account, id));
      if (!real) record.set(field, id === "" ? "" : aliasOf(app, id));
    }
  }
  record.unhide(...fields);
}

module.exports = {
  POST_MAX, HIDE_REASON_MAX, TOPICS, KINDS, DECISIONS, PUPIL_ALIAS_PREFIX, MODERATOR_ALIAS, ID, DATE,
  person, me, isModerator, isPupil, aliasOf, optionalText, requiredText, pseudonymOf, pseudonymProblem,
  decisionOn, shownToPupils, refreshPost, refreshAllPosts, sent, livePost, createProblem, updateProblem, serve,
};
