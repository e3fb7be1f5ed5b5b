//! "Download my data": everything about one pupil as JSON, and the pupil's
//! goals as CSV. Only the pupil and their parents may download, and each
//! sees only what they may see (check-ins and comments kept to others are
//! left out). The format is described in `docs/export-format.md`.

use crate::date::Date;
use crate::db::Db;
use crate::effect::{agreed_on, first_proposed_on, to_csv};
use crate::model::*;
use crate::rules::{goal_status, GoalStatus};
use crate::validate::format_number;
use crate::visibility::visible_db;
use serde::Serialize;

/// The value of `format` in every export, so a reader knows what it has.
pub const FORMAT: &str = "samspil-pupil-export";
/// The export format's version; raised when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// Whether `viewer` may download the pupil's data: the pupil themself, or a
/// parent in the pupil's team.
pub fn may_export(db: &Db, viewer: &str, pupil_id: &str) -> bool {
    let Some(pupil) = db.person(pupil_id).filter(|p| p.role == Role::Pupil) else { return false };
    viewer == pupil.id || db.is_in_team(pupil_id, viewer) && db.person(viewer).is_some_and(|p| p.role == Role::Parent)
}

/// All data about one pupil, as one person may see it. Records are exactly
/// as stored and synchronised (see `docs/backend-contract.md`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PupilExport {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// Always [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The day of the download.
    pub exported_on: Date,
    /// Who downloaded it; check-ins and comments are those this person may see.
    pub exported_by: Id,
    /// The pupil's id.
    pub pupil_id: Id,
    /// The pupil, the team, and anyone else the records name.
    pub people: Vec<Person>,
    /// Team memberships.
    pub members: Vec<Member>,
    /// The strengths profile.
    pub strengths: Vec<Strength>,
    /// Goals, with their earlier wordings inside.
    pub goals: Vec<Goal>,
    /// Agreements to the goals.
    pub agreements: Vec<Agreement>,
    /// Check-ins the exporter may see.
    pub checkins: Vec<CheckIn>,
    /// Comments the exporter may see.
    pub comments: Vec<Comment>,
}

/// The pupil's data as `viewer` may see it; `None` if they may not download it.
pub fn pupil_export(db: &Db, viewer: &str, pupil_id: &str, today: Date) -> Option<PupilExport> {
    if !may_export(db, viewer, pupil_id) {
        return None;
    }
    let seen = visible_db(db, viewer);
    let goals: Vec<Goal> = seen.goals_of(pupil_id).into_iter().cloned().collect();
    let has_goal = |id: &str| goals.iter().any(|g| g.id == id);
    let members: Vec<Member> =
        seen.members.iter().filter(|m| m.pupil_id == pupil_id && !m.meta.deleted).cloned().collect();
    let strengths: Vec<Strength> = seen.strengths_of(pupil_id).into_iter().cloned().collect();
    let agreements: Vec<Agreement> =
        seen.agreements.iter().filter(|a| !a.meta.deleted && has_goal(&a.goal_id)).cloned().collect();
    let checkins: Vec<CheckIn> =
        seen.checkins.iter().filter(|c| !c.meta.deleted && has_goal(&c.goal_id)).cloned().collect();
    let comments: Vec<Comment> =
        seen.comments.iter().filter(|c| !c.meta.deleted && has_goal(&c.goal_id)).cloned().collect();

    let mut named: Vec<&str> = vec![pupil_id];
    named.extend(members.iter().map(|m| m.person_id.as_str()));
    named.extend(strengths.iter().map(|s| s.added_by.as_str()));
    for g in &goals {
        named.push(&g.proposed_by);
        named.extend(g.history.iter().map(|r| r.proposed_by.as_str()));
        named.extend(g.content.contributions.iter().map(|c| c.person_id.as_str()));
        named.extend(g.ended.iter().map(|e| e.by.as_str()));
    }
    named.extend(agreements.iter().map(|a| a.person_id.as_str()));
    named.extend(checkins.iter().map(|c| c.person_id.as_str()));
    named.extend(comments.iter().map(|c| c.person_id.as_str()));
    let people: Vec<Person> =
        seen.people.iter().filter(|p| !p.meta.deleted && named.contains(&p.id.as_str())).cloned().collect();

    Some(PupilExport {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        exported_on: today,
        exported_by: viewer.to_string(),
        pupil_id: pupil_id.to_string(),
        people,
        members,
        strengths,
        goals,
        agreements,
        checkins,
        comments,
    })
}

/// The columns of the goals CSV, in order.
pub const GOAL_COLUMNS: [&str; 20] = [
    "id",
    "title",
    "why",
    "status",
    "revision",
    "proposedBy",
    "firstProposedOn",
    "agreedOn",
    "reviewDate",
    "gasStart",
    "gasLatest",
    "measure",
    "baseline",
    "target",
    "valueLatest",
    "checkins",
    "comments",
    "outcome",
    "endedOn",
    "endReason",
];

/// The pupil's goals as CSV (header row, then one row per goal), as `viewer`
/// may see them; `None` if they may not download them. `gasLatest` is the
/// mean of each person's latest GAS rating of the current wording;
/// `valueLatest` the latest count.
pub fn goals_csv(db: &Db, viewer: &str, pupil_id: &str) -> Option<String> {
    if !may_export(db, viewer, pupil_id) {
        return None;
    }
    let seen = visible_db(db, viewer);
    let name = |id: &str| seen.person(id).map_or_else(|| id.to_string(), |p| p.name.clone());
    let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut rows = vec![GOAL_COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    for goal in seen.goals_of(pupil_id) {
        let checkins = seen.checkins_on(&goal.id);
        let mut latest_gas: Vec<(&str, i8)> = Vec::new();
        for c in checkins.iter().filter(|c| c.on >= goal.proposed_on) {
            if let Some(level) = c.gas {
                match latest_gas.iter_mut().find(|(who, _)| *who == c.person_id) {
                    Some(slot) => slot.1 = level.value(),
                    None => latest_gas.push((&c.person_id, level.value())),
                }
            }
        }
        let gas_latest = (!latest_gas.is_empty())
            .then(|| latest_gas.iter().map(|(_, l)| f64::from(*l)).sum::<f64>() / latest_gas.len() as f64);
        let value_latest = checkins.iter().rev().find_map(|c| c.value);
        let status = match goal_status(&seen, goal) {
            GoalStatus::Proposed { .. } => "proposed",
            GoalStatus::Active => "active",
            GoalStatus::Ended(Outcome::Achieved) => "achieved",
            GoalStatus::Ended(Outcome::Revised) => "revised",
            GoalStatus::Ended(Outcome::Stopped) => "stopped",
        };
        let c = &goal.content;
        rows.push(vec![
            goal.id.clone(),
            c.title.clone(),
            c.why.clone(),
            status.to_string(),
            goal.revision.to_string(),
            name(&goal.proposed_by),
            first_proposed_on(goal).to_string(),
            day(agreed_on(&seen, goal)),
            c.review_date.to_string(),
            c.gas.as_ref().map(|g| g.current.value().to_string()).unwrap_or_default(),
            gas_latest.map(|v| crate::number::fixed(v, 2)).unwrap_or_default(),
            c.measure.as_ref().map(|m| m.name.clone()).unwrap_or_default(),
            c.measure.as_ref().map(|m| format_number(m.baseline)).unwrap_or_default(),
            c.measure.as_ref().map(|m| format_number(m.target)).unwrap_or_default(),
            value_latest.map(format_number).unwrap_or_default(),
            checkins.len().to_string(),
            seen.comments_on(&goal.id).len().to_string(),
            goal.ended.as_ref().map(|e| format!("{:?}", e.outcome).to_lowercase()).unwrap_or_default(),
            day(goal.ended.as_ref().map(|e| e.on)),
            goal.ended.as_ref().map(|e| e.reason.clone()).unwrap_or_default(),
        ]);
    }
    Some(to_csv(&rows))
}
