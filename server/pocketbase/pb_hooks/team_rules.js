// Samspil's team rules as the PocketBase server applies them to every write
// into the team's seven collections (see team.pb.js and
// docs/backend-contract.md, "API rules"). They mirror `domain::rules`,
// `domain::visibility` and `domain::db` in Rust: the same rule in one place
// on each side.
//
// Pure functions over plain records (the JSON the app sends and PocketBase
// stores) and a `look` object that answers questions about the rest of the
// data, so that node runs this very file in the tests (e2e/attack.test.mjs
// checks `mayAddMember` and `mayRemoveMember` against the Rust functions on
// every case `cargo run -p domain --example member_rules` prints).
//
// look = {
//   person(id)    -> the people record with this id, or null
//   members(pupil)-> every members record of the pupil's team, tombstones included
//   goal(id)      -> the goals record with this id, or null
//   today         -> the server's day, "YYYY-MM-DD" (UTC)
// }
//
// Each check answers null when the write is allowed, or why not: a string
// (a refusal, 403) or {status: 400, message} for a version that is not the
// next one (the app reads the record back and sees a conflict if it moved on).

// The bookkeeping checks every guarded collection shares (in PocketBase by
// the hooks' folder, in node next to this file).
const records = require(typeof __hooks === 'string' ? `${__hooks}/records.js` : './records.js');
// The fingerprint of a goal's wording (docs/backend-contract.md), one implementation for the hooks and the tests.
const { fingerprint } = require(typeof __hooks === 'string' ? `${__hooks}/fingerprint.js` : './fingerprint.js');

/** The most people a pupil may keep an item to: a team is a handful of adults. */
const MAX_VISIBLE_TO = 20;
/** How many days a member's `since` or a revision's `proposedOn` may lie before the server's day. */
const DAYS_LATE = 7;
/** How many days they may lie after it (time zones ahead of UTC). */
const DAYS_EARLY = 1;
const OUTCOMES = ['achieved', 'revised', 'stopped'];
const ID = /^[a-z0-9-]{1,100}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The person with this id unless removed (domain::Db::person). */
function person(look, id) {
  const p = look.person(id);
  return p && !p.deleted ? p : null;
}

/** The pupil themself, or a current member who is not a leader (domain::Db::is_in_team). */
function isInTeam(look, pupilId, personId) {
  if (pupilId === personId && person(look, pupilId)) return true;
  const member = look.members(pupilId).some((m) => m.personId === personId && !m.deleted);
  if (!member) return false;
  const p = person(look, personId);
  return !p || p.role !== 'leader';
}

/** Whether the id names a pupil. */
function isPupil(look, id) {
  const p = person(look, id);
  return !!p && p.role === 'pupil';
}

/**
 * domain::rules::may_add_member: null when `by` may add `personId` to the
 * pupil's team, else the RuleError's name ("NoSuchPerson" when the person
 * to add is not there).
 */
function mayAddMember(look, pupilId, by, personId) {
  const added = person(look, personId);
  if (!added) return 'NoSuchPerson';
  if (!isPupil(look, pupilId)) return 'NotAPupil';
  if (!isInTeam(look, pupilId, by)) return 'NotInTeam';
  if (isInTeam(look, pupilId, added.id)) return 'AlreadyInTeam';
  if (added.role === 'pupil') return 'PupilsAreNotMembers';
  if (added.role === 'leader') return 'LeadersAreNotMembers';
  if (added.role === 'parent' && by !== pupilId) return 'OnlyPupilInvitesParent';
  return null;
}

/** domain::rules::may_remove_member: the pupil, or the member themself. */
function mayRemoveMember(member, by) {
  return by === member.pupilId || by === member.personId ? null : 'OnlyPupilOrMemberRemoves';
}

/** domain::rules::required_agreers: the pupil and every member who had joined when the revision was proposed. */
function requiredAgreers(look, goal) {
  const people = [goal.pupilId];
  for (const m of look.members(goal.pupilId)) {
    if (m.deleted || m.since > goal.proposedOn) continue;
    const p = person(look, m.personId);
    if (p && p.role !== 'leader' && !people.includes(m.personId)) people.push(m.personId);
  }
  return people;
}

/** domain::peer::may_moderate: an adult who works with young people. */
function mayModerate(p) {
  return !!p && !p.deleted && ['teacher', 'coach', 'leader', 'other'].includes(p.role);
}

/** JSON with the keys of every object sorted, so equal values compare equal. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
}

function same(a, b) {
  return canonical(a) === canonical(b);
}

/** The fields whose values differ between two versions of a record. */
function changed(stored, record, fields) {
  return fields.filter((f) => !same(stored[f], record[f]));
}

/** Days since 1970 of "YYYY-MM-DD", or NaN. */
function dayNumber(day) {
  if (typeof day !== 'string' || !DAY.test(day)) return NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  // Date.parse rolls 2026-02-31 over into March: refuse what is not a real day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return NaN;
  return ms / 86400000;
}

/** Null when `day` is a real day close to the server's today, else why not. */
function nearToday(look, day, what) {
  const n = dayNumber(day);
  const today = dayNumber(look.today);
  if (Number.isNaN(n)) return `${what} must be a day (YYYY-MM-DD).`;
  if (n > today + DAYS_EARLY) return `${what} cannot lie in the future.`;
  if (n < today - DAYS_LATE) return `${what} cannot lie more than ${DAYS_LATE} days back.`;
  return null;
}

/**
 * A pupil's choice of who sees their item (domain::visibility): absent for
 * the whole team; else current members of the pupil's team, each once,
 * never the pupil. Only the pupil chooses, and only on their own items.
 */
function checkVisibleTo(look, me, pupilId, visibleTo) {
  if (visibleTo === null || visibleTo === undefined) return null;
  if (me !== pupilId) return 'Only the pupil keeps their own items to chosen members.';
  if (!Array.isArray(visibleTo) || visibleTo.length > MAX_VISIBLE_TO) {
    return `visibleTo must be a list of at most ${MAX_VISIBLE_TO} members.`;
  }
  const seen = [];
  for (const id of visibleTo) {
    if (typeof id !== 'string' || !ID.test(id) || id === pupilId || seen.includes(id) || !isInTeam(look, pupilId, id)) {
      return 'visibleTo may only list members of the pupil\'s team, each once.';
    }
    seen.push(id);
  }
  return null;
}

/** The goal a record points at, unless removed. */
function liveGoal(look, goalId) {
  const goal = typeof goalId === 'string' ? look.goal(goalId) : null;
  return goal && !goal.deleted ? goal : null;
}

// --- Creates -------------------------------------------------------------

const CREATE = {
  people() {
    return 'People are added by whoever runs the server.';
  },

  members(look, me, r) {
    const refused = mayAddMember(look, r.pupilId, me, r.personId);
    if (refused) return `You may not add this person to the team (${refused}).`;
    return nearToday(look, r.since, 'since');
  },

  strengths(look, me, r) {
    if (!isPupil(look, r.pupilId)) return 'A strengths profile is a pupil\'s.';
    if (!isInTeam(look, r.pupilId, me)) return 'Only the pupil\'s team adds to the strengths profile.';
    if (r.addedBy !== me) return 'addedBy must be you.';
    // domain::rules::new_strength_is_confirmed: an adult's suggestion waits for the pupil.
    if (r.confirmed !== (me === r.pupilId)) return 'Only the pupil confirms a strength.';
    return null;
  },

  goals(look, me, r) {
    if (!isPupil(look, r.pupilId)) return 'A goal is a pupil\'s.';
    if (!isInTeam(look, r.pupilId, me)) return 'Only the pupil\'s team proposes goals.';
    if (r.revision !== 1) return 'A new goal has revision 1.';
    if (r.proposedBy !== me) return 'proposedBy must be you.';
    if (r.history !== null && !(Array.isArray(r.history) && r.history.length === 0)) return 'A new goal has no history.';
    if (r.ended !== null && r.ended !== undefined) return 'A new goal has not ended.';
    if (!r.content || typeof r.content !== 'object' || Array.isArray(r.content)) return 'A goal needs its content.';
    if (r.fingerprint !== fingerprint(r.content)) return 'The fingerprint is that of the goal\'s wording.';
    return nearToday(look, r.proposedOn, 'proposedOn');
  },

  agreements(look, me, r) {
    if (r.personId !== me) return 'Only you give your agreement.';
    const goal = liveGoal(look, r.goalId);
    if (!goal) return 'There is no such goal.';
    if (goal.ended) return 'This goal has ended.';
    // The wording's own fingerprint, not the stored one: a goal stored before
    // fingerprints (or by the server's owner) may hold none.
    if (r.revision !== goal.revision || r.fingerprint !== fingerprint(goal.content)) {
      return 'An agreement is to the goal\'s current wording (its revision and fingerprint).';
    }
    if (!requiredAgreers(look, goal).includes(me)) return 'Only the members this revision waits for agree to it.';
    return null;
  },

  checkins(look, me, r) {
    if (r.personId !== me) return 'personId must be you.';
    const goal = liveGoal(look, r.goalId);
    if (!goal || goal.pupilId !== r.pupilId) return 'A check-in is on one of the pupil\'s goals.';
    if (goal.ended) return 'This goal has ended.';
    if (!isInTeam(look, r.pupilId, me)) return 'Only the pupil\'s team checks in.';
    return checkVisibleTo(look, me, r.pupilId, r.visibleTo);
  },

  comments(look, me, r) {
    if (r.personId !== me) return 'personId must be you.';
    const goal = liveGoal(look, r.goalId);
    if (!goal) return 'There is no such goal.';
    if (!isInTeam(look, goal.pupilId, me)) return 'Only the pupil\'s team comments.';
    return checkVisibleTo(look, me, goal.pupilId, r.visibleTo);
  },
};

/** Null when `me` may create `record` in `collection`, else why not. */
function checkCreate(collection, look, me, record) {
  if (!me) return 'Log in first.';
  return refusal(records.newRecordProblem(me, record)) || CREATE[collection](look, me, record);
}

/** A bookkeeping problem as these checks answer it (see the top of this file), or null. */
function refusal(problem) {
  if (!problem) return null;
  return problem.version ? { status: 400, message: problem.message } : problem.message;
}

// --- Updates -------------------------------------------------------------

/** Null when nothing but `allowed` (and the bookkeeping) changed, else why not. */
function onlyChanged(stored, record, allowed, what) {
  const fields = Object.keys(Object.assign({}, stored, record)).filter((f) => !BOOKKEEPING.includes(f));
  const others = changed(stored, record, fields).filter((f) => !allowed.includes(f));
  return others.length ? `${what}: ${others.join(', ')} cannot be changed.` : null;
}

/** Fields every update changes or the server keeps itself. */
const BOOKKEEPING = ['version', 'updatedAt', 'updatedBy', 'updated', 'collectionId', 'collectionName', 'expand'];

const UPDATE = {
  people(look, me, s, r) {
    const self = s.id === me;
    const leader = person(look, me);
    const mayAppoint = !!leader && leader.role === 'leader';
    const allowed = [];
    if (self) allowed.push('name', 'organisation');
    // domain::peer::appoint_moderator: a leader appoints adults who work with young people.
    if (mayAppoint && mayModerate(s)) allowed.push('moderator');
    if (!allowed.length) return 'Only the person themself changes their name; roles are set by whoever runs the server.';
    if (!same(s.moderator, r.moderator) && typeof r.moderator !== 'boolean') return 'moderator is true or false.';
    return onlyChanged(s, r, allowed, 'people');
  },

  members(look, me, s, r) {
    if (!isInTeam(look, s.pupilId, me)) return 'Only the pupil\'s team changes its members.';
    // `since` never moves: a later day would drop the member's agreement.
    const refused = onlyChanged(s, r, ['deleted'], 'A membership');
    if (refused) return refused;
    const why = mayRemoveMember(s, me);
    return why ? 'Only the pupil, or the member themself, takes someone out of the team.' : null;
  },

  strengths(look, me, s, r) {
    if (!isInTeam(look, s.pupilId, me)) return 'Only the pupil\'s team changes the strengths profile.';
    const refused = onlyChanged(s, r, ['text', 'kind', 'circle', 'confirmed', 'deleted'], 'A strength');
    if (refused) return refused;
    const pupil = me === s.pupilId;
    if (!same(s.confirmed, r.confirmed) && !pupil) return 'Only the pupil confirms a strength.';
    if (changed(s, r, ['text', 'kind', 'circle']).length) {
      if (me !== s.addedBy) return 'Only whoever wrote a strength changes it.';
      if (!pupil && r.confirmed) return 'A changed suggestion waits for the pupil to confirm it.';
    }
    if (r.deleted && me !== s.addedBy && !pupil) return 'Only whoever wrote a strength, or the pupil, removes it.';
    return null;
  },

  goals(look, me, s, r) {
    if (!isInTeam(look, s.pupilId, me)) return 'Only the pupil\'s team changes goals.';
    if (s.ended) return 'This goal has ended; nothing more changes on it.';
    if (r.deleted) return 'A goal is never removed: end it, with a reason.';
    if (r.ended !== null && r.ended !== undefined) {
      const refused = onlyChanged(s, r, ['ended'], 'Ending a goal');
      if (refused) return refused;
      const e = r.ended;
      if (!e || typeof e !== 'object' || e.by !== me) return 'ended.by must be you.';
      if (!OUTCOMES.includes(e.outcome)) return 'A goal ends achieved, revised or stopped.';
      if (typeof e.reason !== 'string' || !e.reason.trim()) return 'A goal never ends without a reason.';
      if (Number.isNaN(dayNumber(e.on))) return 'ended.on must be a day.';
      return null;
    }
    if (same(s.content, r.content)) {
      // Same wording: the revision and what was agreed to stay as they are.
      const refused = onlyChanged(s, r, ['fingerprint'], 'A goal whose wording did not change');
      if (refused) return refused;
      // A fingerprint is only ever added to a goal that had none (older devices sent none), and is the wording's.
      if (r.fingerprint !== fingerprint(r.content)) return 'The fingerprint belongs to the wording.';
      return null;
    }
    // A new wording is the next revision, proposed by me, the old one kept in the history.
    if (r.revision !== s.revision + 1) return 'A new wording is the next revision (stored + 1).';
    if (r.proposedBy !== me) return 'proposedBy must be you.';
    const before = { revision: s.revision, content: s.content, proposedBy: s.proposedBy, proposedOn: s.proposedOn };
    if (!same(r.history, (s.history || []).concat([before]))) return 'The earlier wording goes into the history as it was.';
    if (!r.content || typeof r.content !== 'object' || Array.isArray(r.content)) return 'A goal needs its content.';
    if (r.fingerprint !== fingerprint(r.content)) return 'A new wording has its own fingerprint.';
    const refused = onlyChanged(s, r, ['content', 'revision', 'proposedBy', 'proposedOn', 'history', 'fingerprint'], 'A revision');
    return refused || nearToday(look, r.proposedOn, 'proposedOn');
  },

  agreements(look, me, s, r) {
    if (s.personId !== me) return 'Only the person who agreed changes their agreement.';
    return onlyChanged(s, r, ['deleted'], 'An agreement');
  },

  checkins(look, me, s, r) {
    if (s.personId !== me) return 'Only whoever checked in changes their check-in.';
    const refused = onlyChanged(s, r, ['gas', 'value', 'note', 'mood', 'visibleTo', 'deleted'], 'A check-in');
    if (refused) return refused;
    return same(s.visibleTo, r.visibleTo) ? null : checkVisibleTo(look, me, s.pupilId, r.visibleTo);
  },

  comments(look, me, s, r) {
    if (s.personId !== me) return 'Only whoever wrote a comment changes it.';
    const refused = onlyChanged(s, r, ['text', 'encouragement', 'visibleTo', 'deleted'], 'A comment');
    if (refused) return refused;
    if (same(s.visibleTo, r.visibleTo)) return null;
    const goal = liveGoal(look, s.goalId);
    return goal ? checkVisibleTo(look, me, goal.pupilId, r.visibleTo) : 'There is no such goal.';
  },
};

/** Null when `me` may change `stored` into `record` in `collection`, else why not. */
function checkUpdate(collection, look, me, stored, record) {
  if (!me) return 'Log in first.';
  return refusal(records.changeProblem(me, stored, record)) || UPDATE[collection](look, me, stored, record);
}

/** The collections these rules guard. */
const COLLECTIONS = Object.keys(CREATE);

module.exports = {
  COLLECTIONS,
  MAX_VISIBLE_TO,
  isInTeam,
  mayAddMember,
  mayRemoveMember,
  requiredAgreers,
  checkCreate,
  checkUpdate,
};
