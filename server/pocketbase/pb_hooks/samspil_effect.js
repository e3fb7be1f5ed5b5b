// The effect report, computed on the server: a line-by-line port of
// `domain::effect::effect_report` (same groups, same protection of small
// groups, same figures), so that a leader's device receives only the
// anonymised aggregates and never a pupil's record. Its JSON is the serde
// form of `domain::effect::EffectReport`; e2e/attack-peer.test.mjs checks
// that the two agree on the same data.

/** domain::effect::MIN_GROUP. */
const MIN_GROUP = 5;
/** domain::progress's ρ, the assumed correlation between a pupil's goals. */
const RHO = 0.3;
const PARTIES = ["pupil", "school", "club", "family"];
const PARTY_OF_ROLE = { pupil: "pupil", teacher: "school", coach: "club", parent: "family", other: "other", leader: "other" };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Rust's `Ord` for strings (by code point, as UTF-16 order is for the names we hold). */
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The records of a collection as plain objects, tombstones left out (what the domain's look-ups see). */
function live(app, collection) {
  return app.findAllRecords(collection).map((r) => JSON.parse(JSON.stringify(r))).filter((r) => !r.deleted);
}

/** domain::effect::Term::of: spring (January–July) or autumn (August–December). */
function termOf(day) {
  return { year: Number(day.slice(0, 4)), season: Number(day.slice(5, 7)) >= 8 ? "autumn" : "spring" };
}
/** Sorts as domain::effect::Term does: by year, spring before autumn. */
const termKey = (t) => `${String(t.year).padStart(6, "0")}-${t.season === "spring" ? 0 : 1}`;
const firstDay = (t) => `${String(t.year).padStart(4, "0")}-${t.season === "spring" ? "01" : "08"}-01`;
const lastDay = (t) => `${String(t.year).padStart(4, "0")}-${t.season === "spring" ? "07-31" : "12-31"}`;
const inTerm = (t, day) => termKey(termOf(day)) === termKey(t);

/** domain::progress::t_score (Kiresuk–Sherman). */
function tScore(goals) {
  const valid = goals.filter((g) => Number.isFinite(g.weight) && g.weight > 0 && Number.isFinite(g.level));
  if (valid.length === 0) return null;
  let sumWx = 0;
  let sumW2 = 0;
  let sumW = 0;
  for (const g of valid) sumWx += g.weight * Math.min(2, Math.max(-2, g.level));
  for (const g of valid) sumW2 += g.weight * g.weight;
  for (const g of valid) sumW += g.weight;
  const denominator = Math.sqrt((1 - RHO) * sumW2 + RHO * sumW * sumW);
  return denominator > 0 ? 50 + (10 * sumWx) / denominator : null;
}

/** Everything the report reads, indexed once. */
function load(app) {
  const db = {};
  for (const c of ["people", "members", "goals", "agreements", "checkins"]) db[c] = live(app, c);
  db.person = new Map(db.people.map((p) => [p.id, p]));
  db.membersOf = new Map();
  for (const m of db.members) {
    if (!db.membersOf.has(m.pupilId)) db.membersOf.set(m.pupilId, []);
    db.membersOf.get(m.pupilId).push(m);
  }
  db.goals = db.goals.filter((g) => DATE.test(g.proposedOn) && g.content && typeof g.content === "object");
  db.agreements = db.agreements.filter((a) => DATE.test(a.on));
  db.checkins = db.checkins.filter((c) => DATE.test(c.on));
  return db;
}

/** domain::Db::team: the pupil and every adult in their team (no leaders), pupil first. */
function team(db, pupilId) {
  const people = [];
  const pupil = db.person.get(pupilId);
  if (pupil) people.push(pupil);
  for (const m of db.membersOf.get(pupilId) ?? []) {
    const p = db.person.get(m.personId);
    if (p && p.role !== "leader" && !people.some((q) => q.id === p.id)) people.push(p);
  }
  return people;
}

/** domain::Db::is_in_team. */
function isInTeam(db, pupilId, personId) {
  if (pupilId === personId && db.person.has(pupilId)) return true;
  const member = (db.membersOf.get(pupilId) ?? []).some((m) => m.personId === personId);
  const p = db.person.get(personId);
  return member && (!p || p.role !== "leader");
}

/** domain::effect::schools_of / clubs_of: the organisations of the pupil's teachers (or coaches). */
function organisations(db, pupil, role) {
  const found = new Set(team(db, pupil.id).filter((p) => p.role === role && (p.organisation ?? "").trim() !== "")
    .map((p) => p.organisation.trim()));
  if (role === "teacher" && found.size === 0 && (pupil.organisation ?? "").trim() !== "") found.add(pupil.organisation.trim());
  return found;
}

/** domain::effect::revision_agreed_on: the day the last person the revision needed agreed, or null. */
function revisionAgreedOn(db, goal, revision, proposedOn) {
  const needed = [goal.pupilId];
  for (const m of db.membersOf.get(goal.pupilId) ?? []) {
    const p = db.person.get(m.personId);
    if (m.since <= proposedOn && p && p.role !== "leader" && !needed.includes(m.personId)) needed.push(m.personId);
  }
  const agreements = db.agreements.filter((a) => a.goalId === goal.id && a.revision === revision);
  let last = proposedOn;
  for (const who of needed) {
    const days = agreements.filter((a) => a.personId === who).map((a) => a.on).sort(byText);
    if (days.length === 0) return null;
    if (days[0] > last) last = days[0];
  }
  return last;
}

/** domain::effect::agreed_on: the first day any revision was agreed by everyone it needed. */
function agreedOn(db, goal) {
  const days = (goal.history ?? []).map((r) => revisionAgreedOn(db, goal, r.revision, r.proposedOn));
  days.push(revisionAgreedOn(db, goal, goal.revision, goal.proposedOn));
  const agreed = days.filter((d) => d !== null).sort(byText);
  return agreed.length ? agreed[0] : null;
}

/** domain::effect::first_proposed_on. */
const firstProposedOn = (goal) => (goal.history && goal.history.length ? goal.history[0].proposedOn : goal.proposedOn);

/** domain::effect::gather: a pupil's goals, shared check-ins with the author's party, and the parties in the team. */
function gather(db, pupil) {
  const goals = db.goals.filter((g) => g.pupilId === pupil.id);
  const goalIds = new Set(goals.map((g) => g.id));
  const checkins = db.checkins
    .filter((c) => (c.visibleTo === null || c.visibleTo === undefined) && goalIds.has(c.goalId))
    .filter((c) => isInTeam(db, pupil.id, c.personId))
    .map((c) => ({ c, party: PARTY_OF_ROLE[db.person.get(c.personId)?.role] ?? "other" }));
  const parties = new Set(team(db, pupil.id).map((p) => PARTY_OF_ROLE[p.role] ?? "other"));
  return { id: pupil.id, goals, checkins, parties };
}

/** A stretch of days, both ends included; null ends are open. */
const has = (window, day) => (window.from === null || window.from <= day) && (window.to === null || day <= window.to);
const ALL = { from: null, to: null };

/** domain::effect::t_scores: the pupil's T-scores at the start and from the latest ratings in the window. */
function tScores(db, data, window) {
  const start = [];
  const now = [];
  for (const goal of data.goals) {
    const scale = goal.content.gas;
    if (!scale) continue;
    if (revisionAgreedOn(db, goal, goal.revision, goal.proposedOn) === null) continue;
    const latest = new Map();
    for (const { c } of data.checkins.filter(({ c }) => c.goalId === goal.id)) {
      if (c.gas === null || c.gas === undefined) continue;
      if (c.on < goal.proposedOn || !has(window, c.on)) continue;
      const entry = latest.get(c.personId) ?? { on: c.on, at: c.updatedAt ?? "", level: c.gas };
      if (c.on > entry.on || (c.on === entry.on && (c.updatedAt ?? "") >= entry.at)) {
        latest.set(c.personId, { on: c.on, at: c.updatedAt ?? "", level: c.gas });
      } else {
        latest.set(c.personId, entry);
      }
    }
    if (latest.size === 0) continue;
    // Summed in the order of the raters' ids, as Rust's BTreeMap does.
    let sum = 0;
    for (const key of [...latest.keys()].sort(byText)) sum += latest.get(key).level;
    const weight = typeof goal.content.weight === "number" ? goal.content.weight : 1;
    now.push({ weight, level: sum / latest.size });
    start.push({ weight, level: scale.current });
  }
  const s = tScore(start);
  const n = tScore(now);
  return s === null || n === null ? null : [s, n];
}

/** domain::effect::figures for a group of pupils over a window. */
function figures(db, pupils, window) {
  const f = {
    pupils: pupils.length, goalsProposed: 0, goalsAgreed: 0, goalsAchieved: 0,
    participation: PARTIES.map((party) => ({ party, teams: 0, teamsCheckedIn: 0, checkins: 0 })),
    tStart: null, tNow: null, tPupils: 0,
  };
  let sumStart = 0;
  let sumNow = 0;
  for (const data of pupils) {
    for (const goal of data.goals) {
      if (has(window, firstProposedOn(goal))) f.goalsProposed += 1;
      const agreed = agreedOn(db, goal);
      if (agreed !== null && has(window, agreed)) f.goalsAgreed += 1;
      if (goal.ended && goal.ended.outcome === "achieved" && has(window, goal.ended.on)) f.goalsAchieved += 1;
    }
    for (const p of f.participation) {
      if (!data.parties.has(p.party)) continue;
      p.teams += 1;
      const n = data.checkins.filter(({ c, party }) => party === p.party && has(window, c.on)).length;
      p.checkins += n;
      if (n > 0) p.teamsCheckedIn += 1;
    }
    const scores = tScores(db, data, window);
    if (scores) {
      sumStart += scores[0];
      sumNow += scores[1];
      f.tPupils += 1;
    }
  }
  // A mean of fewer than MIN_GROUP pupils could be one pupil's own score.
  if (f.tPupils >= MIN_GROUP) {
    f.tStart = sumStart / f.tPupils;
    f.tNow = sumNow / f.tPupils;
  }
  return f;
}

/** domain::effect::active_in: a goal proposed, agreed or ended, or a shared check-in, in the term. */
function activeIn(db, data, term) {
  return data.goals.some((g) => {
    const agreed = agreedOn(db, g);
    return inTerm(term, firstProposedOn(g)) || inTerm(term, g.proposedOn) || (agreed !== null && inTerm(term, agreed)) ||
      (g.ended && DATE.test(g.ended.on) && inTerm(term, g.ended.on));
  }) || data.checkins.some(({ c }) => inTerm(term, c.on));
}

/** domain::effect::protect: which candidate groups ([key, Set of pupils]) may be shown. */
function protect(candidates, everyone, byPupil) {
  const shown = everyone.size < MIN_GROUP ? [] : candidates.filter(([, pupils]) => pupils.size >= MIN_GROUP);
  for (;;) {
    const exposed = new Set();
    if (byPupil) {
      const covered = new Set(shown.flatMap(([, p]) => [...p]));
      for (const id of everyone) if (!covered.has(id)) exposed.add(id);
    } else {
      for (const c of candidates) if (!shown.includes(c)) for (const id of c[1]) exposed.add(id);
    }
    if (exposed.size === 0 || exposed.size >= MIN_GROUP || shown.length === 0) break;
    // Hide the smallest shown group too (ties: the last in order), and look again.
    let smallest = 0;
    for (let i = 1; i < shown.length; i++) if (shown[i][1].size <= shown[smallest][1].size) smallest = i;
    shown.splice(smallest, 1);
  }
  return shown;
}

/** domain::effect::effect_report over every pupil; `today` (YYYY-MM-DD) ends the last term shown. */
function effectReport(app, today) {
  const db = load(app);
  const pupils = db.people.filter((p) => p.role === "pupil");
  const data = pupils.map((p) => gather(db, p));
  const everyone = new Set(data.map((d) => d.id));
  const pick = (ids) => data.filter((d) => ids.has(d.id));

  const bySchool = new Map();
  const byClub = new Map();
  for (const pupil of pupils) {
    for (const [groups, role] of [[bySchool, "teacher"], [byClub, "coach"]]) {
      for (const name of organisations(db, pupil, role)) {
        if (!groups.has(name)) groups.set(name, new Set());
        groups.get(name).add(pupil.id);
      }
    }
  }
  const terms = new Map();
  for (const d of data) {
    for (const day of [...d.goals.map(firstProposedOn), ...d.checkins.map(({ c }) => c.on)]) {
      const t = termOf(day);
      terms.set(termKey(t), t);
    }
  }
  const byTerm = [...terms.keys()].sort(byText).map((k) => terms.get(k)).filter((t) => firstDay(t) <= today)
    .map((t) => [t, new Set(data.filter((d) => activeIn(db, d, t)).map((d) => d.id))]);

  const section = (candidates, byPupil, windowOf) => {
    const keep = protect(candidates, everyone, byPupil);
    const shown = candidates.filter((c) => keep.includes(c)).map(([key, ids]) => ({ key, figures: figures(db, pick(ids), windowOf(key)) }));
    return { shown, hidden: candidates.length - shown.length };
  };
  const named = (groups, kind) => [...groups.keys()].sort(byText).map((name) => [{ [kind]: name }, groups.get(name)]);
  return {
    all: everyone.size >= MIN_GROUP ? figures(db, data, ALL) : null,
    schools: section(named(bySchool, "school"), true, () => ALL),
    clubs: section(named(byClub, "club"), true, () => ALL),
    terms: section(byTerm.map(([t, ids]) => [{ term: t }, ids]), false, (key) => ({ from: firstDay(key.term), to: lastDay(key.term) })),
  };
}

module.exports = { MIN_GROUP, effectReport };
