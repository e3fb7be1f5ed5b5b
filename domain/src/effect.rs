//! The effect report for the municipality and school or club leaders:
//! across all teams, anonymised. How many goals were proposed, agreed and
//! achieved; the mean GAS T-score at the start and now; who took part in
//! the follow-up — per school, per club and per term.
//!
//! # Anonymity
//!
//! A group of fewer than [`MIN_GROUP`] pupils is never shown (its name
//! neither: only how many groups were left out). Hiding the small groups is
//! not enough when the total is shown: the total minus the shown groups gives
//! the hidden ones back. So, within each section, the pupils whose figures
//! cannot be told from the shown groups — for schools and clubs everyone in
//! no shown group (including pupils in no group at all), for terms everyone
//! active in a hidden term — must be none or at least [`MIN_GROUP`]; while
//! they are 1…4, the smallest shown group is hidden too. If there are fewer
//! than [`MIN_GROUP`] pupils in all, nothing is shown.
//!
//! A mean T-score is shown only when at least [`MIN_GROUP`] pupils of the
//! group have one: a group of five where one pupil has a rated goal would
//! otherwise show that pupil's own score.
//!
//! Sections are protected one at a time, each against the total. Comparing
//! two sections with each other (one school against one club with nearly
//! the same pupils) is not prevented; with one school per municipality
//! area and clubs drawing from several schools this seldom narrows anything
//! down to a few pupils, and the report shows no names, no dates and no
//! single goals.
//!
//! Check-ins and comments the pupil kept to chosen members are not counted:
//! a leader is not among the chosen (see [`crate::visibility`]).

use crate::date::Date;
use crate::db::Db;
use crate::model::*;
use crate::progress::{t_score, Attainment};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The fewest pupils a shown group may have.
pub const MIN_GROUP: usize = 5;

/// The half of the school year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Season {
    /// 1 January … 31 July (the summer holiday belongs to the year that ends).
    Spring,
    /// 1 August … 31 December.
    Autumn,
}

/// A term: spring (January–July) or autumn (August–December) of a year.
/// Every day belongs to exactly one term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    /// The calendar year.
    pub year: i32,
    /// Spring or autumn.
    pub season: Season,
}

impl Term {
    /// The term a day belongs to.
    pub fn of(day: Date) -> Term {
        let season = if day.month() >= 8 { Season::Autumn } else { Season::Spring };
        Term { year: day.year(), season }
    }

    /// The term's first day.
    pub fn first_day(self) -> Date {
        let month = match self.season {
            Season::Spring => 1,
            Season::Autumn => 8,
        };
        Date::new(self.year, month, 1).unwrap_or_else(|| Date::from_days(0))
    }

    /// The term's last day.
    pub fn last_day(self) -> Date {
        let (month, day) = match self.season {
            Season::Spring => (7, 31),
            Season::Autumn => (12, 31),
        };
        Date::new(self.year, month, day).unwrap_or_else(|| Date::from_days(0))
    }

    /// Whether the day is in this term.
    pub fn contains(self, day: Date) -> bool {
        Term::of(day) == self
    }
}

/// The parties whose participation the report shows, in this order.
pub const PARTIES: [Party; 4] = [Party::Pupil, Party::School, Party::Club, Party::Family];

/// How one party took part in the follow-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participation {
    /// Pupil, school, club or family.
    pub party: Party,
    /// Teams with someone from this party (every team has its pupil).
    pub teams: usize,
    /// Of those, the teams where this party checked in at least once.
    pub teams_checked_in: usize,
    /// Check-ins from this party.
    pub checkins: usize,
}

impl Participation {
    /// The share of teams where the party checked in, 0 … 100 %.
    pub fn percent(&self) -> Option<f64> {
        (self.teams > 0).then(|| 100.0 * self.teams_checked_in as f64 / self.teams as f64)
    }
}

/// The figures of one group of pupils.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    /// Pupils in the group.
    pub pupils: usize,
    /// Goals first proposed in the period.
    pub goals_proposed: usize,
    /// Goals that everyone agreed to in the period (the first time a
    /// revision was fully agreed).
    pub goals_agreed: usize,
    /// Goals ended as achieved in the period.
    pub goals_achieved: usize,
    /// Each party's part in the follow-up, in [`PARTIES`] order.
    pub participation: Vec<Participation>,
    /// Mean T-score where the pupils started (the goals' starting levels);
    /// `None` unless [`MIN_GROUP`] pupils or more have one.
    pub t_start: Option<f64>,
    /// Mean T-score from the latest ratings in the period; `None` unless
    /// [`MIN_GROUP`] pupils or more have one.
    pub t_now: Option<f64>,
    /// Pupils with a T-score (an agreed GAS goal rated in the period).
    pub t_pupils: usize,
}

impl Figures {
    /// How far the mean T-score moved from the start.
    pub fn t_change(&self) -> Option<f64> {
        Some(self.t_now? - self.t_start?)
    }
}

/// What a group is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GroupKey {
    /// Pupils whose teacher is at this school.
    School(String),
    /// Pupils whose coach is at this club.
    Club(String),
    /// Pupils with activity in this term; figures count that term only.
    Term(Term),
}

/// A group shown in the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// Which school, club or term.
    pub key: GroupKey,
    /// Its figures.
    pub figures: Figures,
}

/// One section of the report: the groups shown and how many were left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Groups with at least [`MIN_GROUP`] pupils that survived the subtraction check.
    pub shown: Vec<Group>,
    /// Groups left out to keep pupils from being recognised.
    pub hidden: usize,
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EffectReport {
    /// All pupils, all time; `None` with fewer than [`MIN_GROUP`] pupils.
    pub all: Option<Figures>,
    /// Per school.
    pub schools: Section,
    /// Per club.
    pub clubs: Section,
    /// Per term, oldest first.
    pub terms: Section,
}

/// The schools a pupil belongs to: their teachers' organisations, else the pupil's own.
pub fn schools_of(db: &Db, pupil: &Person) -> BTreeSet<String> {
    let mut found = organisations(db, &pupil.id, Role::Teacher);
    if found.is_empty() && !pupil.organisation.trim().is_empty() {
        found.insert(pupil.organisation.trim().to_string());
    }
    found
}

/// The clubs a pupil belongs to: their coaches' organisations.
pub fn clubs_of(db: &Db, pupil: &Person) -> BTreeSet<String> {
    organisations(db, &pupil.id, Role::Coach)
}

fn organisations(db: &Db, pupil_id: &str, role: Role) -> BTreeSet<String> {
    db.team(pupil_id)
        .into_iter()
        .filter(|p| p.role == role && !p.organisation.trim().is_empty())
        .map(|p| p.organisation.trim().to_string())
        .collect()
}

/// The day a revision of a goal was fully agreed: the day the last person
/// it needed (the pupil and everyone in the team when it was proposed)
/// agreed to its wording (`fingerprint`). `None` if someone never did.
fn revision_agreed_on(db: &Db, goal: &Goal, revision: u32, fingerprint: &str, proposed_on: Date) -> Option<Date> {
    let mut needed = vec![goal.pupil_id.as_str()];
    for m in db.members.iter().filter(|m| m.pupil_id == goal.pupil_id && !m.meta.deleted) {
        if m.since <= proposed_on
            && db.person(&m.person_id).is_some_and(|p| p.role != Role::Leader)
            && !needed.contains(&m.person_id.as_str())
        {
            needed.push(&m.person_id);
        }
    }
    let agreements = db.agreements_to(&goal.id, revision, fingerprint);
    let mut last = proposed_on;
    for person in needed {
        let first = agreements.iter().filter(|a| a.person_id == person).map(|a| a.on).min()?;
        last = last.max(first);
    }
    Some(last)
}

/// The first day any revision of the goal was agreed by everyone it needed.
pub fn agreed_on(db: &Db, goal: &Goal) -> Option<Date> {
    let earlier = goal.history.iter().filter_map(|r| {
        revision_agreed_on(db, goal, r.revision, &crate::fingerprint::fingerprint(&r.content), r.proposed_on)
    });
    earlier.chain(revision_agreed_on(db, goal, goal.revision, &goal.fingerprint, goal.proposed_on)).min()
}

/// The day the goal was first proposed (its first revision).
pub fn first_proposed_on(goal: &Goal) -> Date {
    goal.history.first().map_or(goal.proposed_on, |r| r.proposed_on)
}

/// A stretch of days, both ends included.
#[derive(Clone, Copy, Debug)]
struct Window {
    from: Date,
    to: Date,
}

impl Window {
    const ALL: Window = Window { from: Date::MIN, to: Date::MAX };

    fn has(self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Everything the report needs about one pupil, gathered once.
struct PupilData<'a> {
    id: &'a str,
    goals: Vec<&'a Goal>,
    /// Shared check-ins on the pupil's goals, with the author's party.
    checkins: Vec<(&'a CheckIn, Party)>,
    parties: BTreeSet<Party>,
}

fn gather<'a>(db: &'a Db, pupil: &'a Person) -> PupilData<'a> {
    let goals = db.goals_of(&pupil.id);
    let checkins = db
        .checkins
        .iter()
        .filter(|c| !c.meta.deleted && c.visible_to.is_none() && goals.iter().any(|g| g.id == c.goal_id))
        .filter(|c| db.is_in_team(&pupil.id, &c.person_id))
        .map(|c| (c, db.person(&c.person_id).map_or(Party::Other, |p| p.role.party())))
        .collect();
    let parties = db.team(&pupil.id).iter().map(|p| p.role.party()).collect();
    PupilData { id: &pupil.id, goals, checkins, parties }
}

/// The pupil's T-scores from the start and from the latest ratings in the
/// window, over their agreed GAS goals rated in it (each rater's latest
/// rating of the current revision, averaged per goal, as
/// [`crate::progress::team_scores`] does).
fn t_scores(db: &Db, data: &PupilData, window: Window) -> Option<(f64, f64)> {
    let mut start = Vec::new();
    let mut now = Vec::new();
    for goal in &data.goals {
        let Some(scale) = &goal.content.gas else { continue };
        if revision_agreed_on(db, goal, goal.revision, &goal.fingerprint, goal.proposed_on).is_none() {
            continue;
        }
        let mut latest: BTreeMap<&str, (Date, &str, i8)> = BTreeMap::new();
        for (c, _) in data.checkins.iter().filter(|(c, _)| c.goal_id == goal.id) {
            let Some(level) = c.gas else { continue };
            if c.on < goal.proposed_on || !window.has(c.on) {
                continue;
            }
            let entry = latest.entry(&c.person_id).or_insert((c.on, &c.meta.updated_at, level.value()));
            if (c.on, c.meta.updated_at.as_str()) >= (entry.0, entry.1) {
                *entry = (c.on, &c.meta.updated_at, level.value());
            }
        }
        if latest.is_empty() {
            continue;
        }
        let mean = latest.values().map(|(_, _, l)| f64::from(*l)).sum::<f64>() / latest.len() as f64;
        let weight = goal.content.weight;
        now.push(Attainment { weight, level: mean });
        start.push(Attainment { weight, level: f64::from(scale.current.value()) });
    }
    Some((t_score(&start)?, t_score(&now)?))
}

fn figures(db: &Db, pupils: &[&PupilData], window: Window) -> Figures {
    let mut f = Figures {
        pupils: pupils.len(),
        goals_proposed: 0,
        goals_agreed: 0,
        goals_achieved: 0,
        participation: PARTIES
            .iter()
            .map(|&party| Participation { party, teams: 0, teams_checked_in: 0, checkins: 0 })
            .collect(),
        t_start: None,
        t_now: None,
        t_pupils: 0,
    };
    let (mut sum_start, mut sum_now) = (0.0, 0.0);
    for data in pupils {
        for goal in &data.goals {
            f.goals_proposed += usize::from(window.has(first_proposed_on(goal)));
            f.goals_agreed += usize::from(agreed_on(db, goal).is_some_and(|d| window.has(d)));
            f.goals_achieved +=
                usize::from(goal.ended.as_ref().is_some_and(|e| e.outcome == Outcome::Achieved && window.has(e.on)));
        }
        for p in f.participation.iter_mut() {
            if !data.parties.contains(&p.party) {
                continue;
            }
            p.teams += 1;
            let n = data.checkins.iter().filter(|(c, party)| *party == p.party && window.has(c.on)).count();
            p.checkins += n;
            p.teams_checked_in += usize::from(n > 0);
        }
        if let Some((start, now)) = t_scores(db, data, window) {
            sum_start += start;
            sum_now += now;
            f.t_pupils += 1;
        }
    }
    // A mean of fewer than MIN_GROUP pupils could be one pupil's own score.
    if f.t_pupils >= MIN_GROUP {
        f.t_start = Some(sum_start / f.t_pupils as f64);
        f.t_now = Some(sum_now / f.t_pupils as f64);
    }
    f
}

/// Whether the pupil did or had anything in the term: a goal proposed,
/// agreed or ended, or a shared check-in.
fn active_in(db: &Db, data: &PupilData, term: Term) -> bool {
    data.goals.iter().any(|g| {
        term.contains(first_proposed_on(g))
            || term.contains(g.proposed_on)
            || agreed_on(db, g).is_some_and(|d| term.contains(d))
            || g.ended.as_ref().is_some_and(|e| term.contains(e.on))
    }) || data.checkins.iter().any(|(c, _)| term.contains(c.on))
}

/// Which candidate groups may be shown (see the module's "Anonymity").
/// `by_pupil`: the groups split pupils (schools, clubs), so pupils in no
/// shown group can be subtracted out; otherwise (terms) the pupils of the
/// hidden groups can.
fn protect<K: Ord + Clone>(candidates: &[(K, BTreeSet<&str>)], everyone: &BTreeSet<&str>, by_pupil: bool) -> Vec<K> {
    let mut shown: Vec<&(K, BTreeSet<&str>)> = if everyone.len() < MIN_GROUP {
        Vec::new()
    } else {
        candidates.iter().filter(|(_, pupils)| pupils.len() >= MIN_GROUP).collect()
    };
    loop {
        let exposed: BTreeSet<&str> = if by_pupil {
            let covered: BTreeSet<&str> = shown.iter().flat_map(|(_, p)| p.iter().copied()).collect();
            everyone.difference(&covered).copied().collect()
        } else {
            candidates
                .iter()
                .filter(|(k, _)| !shown.iter().any(|(s, _)| s == k))
                .flat_map(|(_, p)| p.iter().copied())
                .collect()
        };
        if exposed.is_empty() || exposed.len() >= MIN_GROUP || shown.is_empty() {
            break;
        }
        // Hide the smallest shown group too (ties: the last in order), and look again.
        let smallest = (0..shown.len()).min_by_key(|&i| (shown[i].1.len(), std::cmp::Reverse(i))).unwrap_or(0);
        shown.remove(smallest);
    }
    shown.into_iter().map(|(k, _)| k.clone()).collect()
}

/// Builds the report over every pupil. `today` ends the last term shown.
pub fn effect_report(db: &Db, today: Date) -> EffectReport {
    let pupils: Vec<&Person> = db.people.iter().filter(|p| p.role == Role::Pupil && !p.meta.deleted).collect();
    let data: Vec<PupilData> = pupils.iter().map(|p| gather(db, p)).collect();
    let everyone: BTreeSet<&str> = data.iter().map(|d| d.id).collect();
    let all: Vec<&PupilData> = data.iter().collect();
    let pick = |ids: &BTreeSet<&str>| -> Vec<&PupilData> { data.iter().filter(|d| ids.contains(d.id)).collect() };

    let mut by_school: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut by_club: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for pupil in &pupils {
        for school in schools_of(db, pupil) {
            by_school.entry(school).or_default().insert(&pupil.id);
        }
        for club in clubs_of(db, pupil) {
            by_club.entry(club).or_default().insert(&pupil.id);
        }
    }
    let mut terms: BTreeSet<Term> = BTreeSet::new();
    for d in &data {
        for g in &d.goals {
            terms.insert(Term::of(first_proposed_on(g)));
        }
        for (c, _) in &d.checkins {
            terms.insert(Term::of(c.on));
        }
    }
    let by_term: Vec<(Term, BTreeSet<&str>)> = terms
        .into_iter()
        .filter(|t| t.first_day() <= today)
        .map(|t| (t, data.iter().filter(|d| active_in(db, d, t)).map(|d| d.id).collect()))
        .collect();

    let section =
        |candidates: Vec<(GroupKey, BTreeSet<&str>)>, by_pupil: bool, window: &dyn Fn(&GroupKey) -> Window| {
            let keep = protect(&candidates, &everyone, by_pupil);
            let shown: Vec<Group> = candidates
                .iter()
                .filter(|(k, _)| keep.contains(k))
                .map(|(k, ids)| Group { key: k.clone(), figures: figures(db, &pick(ids), window(k)) })
                .collect();
            Section { hidden: candidates.len() - shown.len(), shown }
        };
    let whole = |_: &GroupKey| Window::ALL;
    EffectReport {
        all: (everyone.len() >= MIN_GROUP).then(|| figures(db, &all, Window::ALL)),
        schools: section(by_school.into_iter().map(|(k, v)| (GroupKey::School(k), v)).collect(), true, &whole),
        clubs: section(by_club.into_iter().map(|(k, v)| (GroupKey::Club(k), v)).collect(), true, &whole),
        terms: section(by_term.into_iter().map(|(t, v)| (GroupKey::Term(t), v)).collect(), false, &|k: &GroupKey| {
            match k {
                GroupKey::Term(t) => Window { from: t.first_day(), to: t.last_day() },
                _ => Window::ALL,
            }
        }),
    }
}

/// Text for a CSV file: cells separated by commas, quoted where needed, one
/// row a line (CRLF, as RFC 4180 says). A cell that a spreadsheet would run
/// as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) gets a leading `'`,
/// unless it is a plain number.
pub fn to_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(cell: &str) -> String {
    let is_number = cell.parse::<f64>().is_ok() || cell.replace(',', ".").parse::<f64>().is_ok();
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number;
    let cell = if risky { format!("'{cell}") } else { cell.to_string() };
    if cell.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}
