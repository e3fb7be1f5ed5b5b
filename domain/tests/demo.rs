//! The demo data must be data the app could have made itself: valid,
//! consistent, covering every state, and the same every time.

use domain::demo::{demo_data, DEMO_FOOTBALL_CLUB, DEMO_HANDBALL_CLUB, DEMO_SCHOOL};
use domain::overview::{pupil_rows, PupilRow};
use domain::progress::{last_check_in, series, team_scores, Scale};
use domain::rules::{self, GoalStatus};
use domain::validate::{self, CheckInDraft, GoalDraft};
use domain::*;
use std::collections::HashSet;

/// A spread of "todays": ordinary, leap day, new year, a Sunday, far ahead.
const TODAYS: [&str; 6] = ["2026-11-26", "2024-02-29", "2025-01-01", "2025-06-15", "2024-08-04", "2031-03-10"];

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn each_today(check: impl Fn(Date, &Db)) {
    for today in TODAYS {
        let today = d(today);
        check(today, &demo_data(today));
    }
}

fn role(db: &Db, id: &str) -> Role {
    db.person(id).unwrap_or_else(|| panic!("no person {id}")).role
}

#[test]
fn is_deterministic() {
    for today in TODAYS {
        assert_eq!(demo_data(d(today)), demo_data(d(today)));
    }
    // A week later, every dated record moves by a week and nothing else changes.
    let a = demo_data(d("2025-03-03"));
    let b = demo_data(d("2025-03-10"));
    let week = |on: Date| on.add_days(7);
    let moved = |mut m: Meta| {
        m.updated_at = format!("{}T12:00:00Z", week(Date::parse(&m.updated_at).unwrap()));
        m
    };
    let checkins: Vec<CheckIn> =
        a.checkins.iter().cloned().map(|c| CheckIn { on: week(c.on), meta: moved(c.meta.clone()), ..c }).collect();
    assert_eq!(checkins, b.checkins);
    // Review dates move too, so the wordings' fingerprints are those of b's wordings.
    let print = |x: &Agreement| {
        let goal = b.goals.iter().find(|g| g.id == x.goal_id).unwrap();
        let wording =
            if x.revision == goal.revision { &goal.content } else { &goal.history[x.revision as usize - 1].content };
        domain::fingerprint::fingerprint(wording)
    };
    let agreements: Vec<Agreement> = a
        .agreements
        .iter()
        .cloned()
        .map(|x| Agreement { on: week(x.on), meta: moved(x.meta.clone()), fingerprint: print(&x), ..x })
        .collect();
    assert_eq!(agreements, b.agreements);
    let members: Vec<Member> =
        a.members.iter().cloned().map(|m| Member { since: week(m.since), meta: moved(m.meta.clone()), ..m }).collect();
    assert_eq!(members, b.members);
}

#[test]
fn people_school_and_clubs() {
    let db = demo_data(d("2026-11-26"));
    let count = |r: Role| db.people.iter().filter(|p| p.role == r).count();
    assert_eq!(count(Role::Pupil), 6);
    assert_eq!(count(Role::Teacher), 2);
    assert_eq!(count(Role::Coach), 2);
    assert!(count(Role::Parent) >= 2);
    let orgs: HashSet<&str> = db.people.iter().map(|p| p.organisation.as_str()).collect();
    for org in [DEMO_SCHOOL, DEMO_FOOTBALL_CLUB, DEMO_HANDBALL_CLUB] {
        assert!(orgs.contains(org), "{org}");
    }
    for p in db.people.iter().filter(|p| matches!(p.role, Role::Pupil | Role::Teacher)) {
        assert_eq!(p.organisation, DEMO_SCHOOL, "{}", p.id);
    }
    for p in &db.people {
        assert_eq!(validate::person_name(&p.name), Ok(p.name.clone()));
        assert!(!p.organisation.is_empty());
    }
    let pupils: Vec<&str> = db.people.iter().filter(|p| p.role == Role::Pupil).map(|p| p.id.as_str()).collect();
    assert_eq!(pupils, ["pupil-emma", "pupil-noah", "pupil-freja", "pupil-oliver", "pupil-yasmin", "pupil-malthe"]);
    // Both clubs have a coach.
    let coach_orgs: HashSet<&str> =
        db.people.iter().filter(|p| p.role == Role::Coach).map(|p| p.organisation.as_str()).collect();
    assert_eq!(coach_orgs, HashSet::from([DEMO_FOOTBALL_CLUB, DEMO_HANDBALL_CLUB]));
}

#[test]
fn every_pupil_has_a_teacher_and_a_coach() {
    each_today(|today, db| {
        for pupil in db.people.iter().filter(|p| p.role == Role::Pupil) {
            let team = db.team(&pupil.id);
            assert_eq!(team[0].id, pupil.id);
            let roles: Vec<Role> = team.iter().map(|p| p.role).collect();
            assert_eq!(roles.iter().filter(|r| **r == Role::Teacher).count(), 1, "{}", pupil.id);
            assert_eq!(roles.iter().filter(|r| **r == Role::Coach).count(), 1, "{}", pupil.id);
            assert!(roles.len() <= 4);
            // The teacher and coach have been there for months.
            for m in db.members.iter().filter(|m| m.pupil_id == pupil.id) {
                assert!(m.since <= today, "{}", m.id);
                if role(db, &m.person_id) != Role::Parent {
                    assert!(m.since.days_until(today) >= 90, "{} since {}", m.id, m.since);
                }
            }
        }
        let with_parent = db.members.iter().filter(|m| role(db, &m.person_id) == Role::Parent).count();
        assert!((2..6).contains(&with_parent), "some pupils, not all, have a parent in the team");
    });
}

#[test]
fn ids_are_unique_and_readable() {
    let db = demo_data(d("2026-11-26"));
    fn check<'a>(prefix: &str, ids: impl Iterator<Item = &'a String>) {
        let mut seen = HashSet::new();
        for id in ids {
            assert!(seen.insert(id.clone()), "duplicate id {id}");
            assert!(id.starts_with(prefix), "{id} should start with {prefix}");
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{id}");
        }
    }
    check("", db.people.iter().map(|p| &p.id));
    check("member-", db.members.iter().map(|m| &m.id));
    check("strength-", db.strengths.iter().map(|s| &s.id));
    check("goal-", db.goals.iter().map(|g| &g.id));
    check("agreement-", db.agreements.iter().map(|a| &a.id));
    check("checkin-", db.checkins.iter().map(|c| &c.id));
    check("comment-", db.comments.iter().map(|c| &c.id));
    assert!(db.goal("goal-emma-reading").is_some());
    assert!(db.person("pupil-emma").is_some());
}

/// Checks one record's bookkeeping: written once, on `on`, by `by`.
fn check_meta(id: &str, meta: &Meta, on: Date, by: &str, db: &Db) {
    assert_eq!(meta.client_id, id);
    assert_eq!(meta.version, 1, "{id}");
    assert_eq!(meta.updated_at, format!("{on}T12:00:00Z"), "{id}");
    assert_eq!(Date::parse(&meta.updated_at), Some(on));
    assert_eq!(meta.updated_by, by, "{id}");
    assert!(db.person(by).is_some(), "{id}: updated by unknown {by}");
    assert!(!meta.deleted, "{id}");
}

#[test]
fn every_record_has_its_meta() {
    each_today(|today, db| {
        for p in &db.people {
            let on = Date::parse(&p.meta.updated_at).unwrap();
            check_meta(&p.id, &p.meta, on, &p.id, db);
            assert!(on <= today);
        }
        for m in &db.members {
            let by = m.meta.updated_by.clone();
            check_meta(&m.id, &m.meta, m.since, &by, db);
            assert_eq!(role(db, &by), Role::Teacher, "the teacher set up the team");
        }
        for s in &db.strengths {
            let on = Date::parse(&s.meta.updated_at).unwrap();
            check_meta(&s.id, &s.meta, on, &s.added_by, db);
            assert!(on <= today);
        }
        for g in &db.goals {
            match &g.ended {
                Some(e) => check_meta(&g.id, &g.meta, e.on, &e.by, db),
                None => check_meta(&g.id, &g.meta, g.proposed_on, &g.proposed_by, db),
            }
        }
        for a in &db.agreements {
            check_meta(&a.id, &a.meta, a.on, &a.person_id, db);
        }
        for c in &db.checkins {
            check_meta(&c.id, &c.meta, c.on, &c.person_id, db);
        }
        for c in &db.comments {
            check_meta(&c.id, &c.meta, c.on, &c.person_id, db);
        }
    });
}

#[test]
fn every_foreign_key_resolves() {
    each_today(|today, db| {
        for m in &db.members {
            assert_eq!(role(db, &m.pupil_id), Role::Pupil, "{}", m.id);
            assert_ne!(role(db, &m.person_id), Role::Pupil, "{}", m.id);
        }
        for s in &db.strengths {
            assert_eq!(role(db, &s.pupil_id), Role::Pupil);
            assert!(db.is_in_team(&s.pupil_id, &s.added_by), "{}", s.id);
            assert!(s.id.contains(s.pupil_id.trim_start_matches("pupil-")), "{}", s.id);
        }
        for g in &db.goals {
            assert_eq!(role(db, &g.pupil_id), Role::Pupil);
            let contents = g.history.iter().map(|h| (&h.content, &h.proposed_by)).chain([(&g.content, &g.proposed_by)]);
            for (content, by) in contents {
                assert!(db.is_in_team(&g.pupil_id, by), "{}: proposer {by}", g.id);
                for c in &content.contributions {
                    assert!(db.is_in_team(&g.pupil_id, &c.person_id), "{}: contribution by {}", g.id, c.person_id);
                }
                for s in &content.strength_ids {
                    let strength = db.strengths.iter().find(|x| &x.id == s).unwrap_or_else(|| panic!("{s}"));
                    assert_eq!(strength.pupil_id, g.pupil_id, "{}: strength of another pupil", g.id);
                }
            }
            if let Some(e) = &g.ended {
                assert!(db.is_in_team(&g.pupil_id, &e.by));
                assert!(e.on <= today && e.on >= g.proposed_on);
            }
        }
        for a in &db.agreements {
            let g = db.goal(&a.goal_id).unwrap_or_else(|| panic!("{}", a.id));
            assert!((1..=g.revision).contains(&a.revision), "{}", a.id);
            assert!(db.is_in_team(&g.pupil_id, &a.person_id), "{}", a.id);
            let proposed_on =
                if a.revision == g.revision { g.proposed_on } else { g.history[a.revision as usize - 1].proposed_on };
            let wording =
                if a.revision == g.revision { &g.content } else { &g.history[a.revision as usize - 1].content };
            assert_eq!(a.fingerprint, domain::fingerprint::fingerprint(wording), "{}: agreed to other words", a.id);
            assert!(a.on >= proposed_on && a.on <= today, "{}", a.id);
            let member_since = db
                .members
                .iter()
                .find(|m| m.pupil_id == g.pupil_id && m.person_id == a.person_id)
                .map_or(d("1900-01-01"), |m| m.since);
            assert!(a.on >= member_since, "{} agreed before joining", a.id);
        }
        for c in &db.checkins {
            let g = db.goal(&c.goal_id).unwrap_or_else(|| panic!("{}", c.id));
            assert_eq!(c.pupil_id, g.pupil_id, "{}", c.id);
            assert!(db.is_in_team(&g.pupil_id, &c.person_id), "{}", c.id);
        }
        for c in &db.comments {
            let g = db.goal(&c.goal_id).unwrap_or_else(|| panic!("{}", c.id));
            assert_eq!(rules::may_comment(db, g, &c.person_id), Ok(()));
            assert!(c.on >= g.history.first().map_or(g.proposed_on, |h| h.proposed_on) && c.on <= today);
        }
    });
}

#[test]
fn every_goal_validates_against_its_own_day() {
    each_today(|_, db| {
        for g in &db.goals {
            let revisions = g.history.iter().map(|h| (&h.content, h.proposed_on)).chain([(&g.content, g.proposed_on)]);
            for (content, proposed_on) in revisions {
                let draft = GoalDraft::from_content(content);
                assert_eq!(draft.validate(proposed_on), Ok(content.clone()), "{}", g.id);
                let gas = content.gas.as_ref();
                assert!(gas.is_some() || content.measure.is_some());
                for level in gas.iter().flat_map(|s| s.levels.iter()) {
                    assert!(level.len() > 10, "{}: a real description, not {level:?}", g.id);
                }
                assert!(content.contributions.iter().any(|c| c.person_id != g.pupil_id), "{}", g.id);
            }
            if let Some(e) = &g.ended {
                assert_eq!(validate::ending_reason(&e.reason), Ok(e.reason.clone()));
            }
        }
        for s in &db.strengths {
            assert_eq!(validate::strength_text(&s.text), Ok(s.text.clone()));
        }
        for c in &db.comments {
            assert_eq!(validate::comment_text(&c.text), Ok(c.text.clone()));
        }
    });
}

#[test]
fn every_check_in_validates() {
    each_today(|_, db| {
        for c in &db.checkins {
            let g = db.goal(&c.goal_id).unwrap();
            let draft = CheckInDraft {
                gas: c.gas.map(GasLevel::value),
                value: c.value.map(validate::format_number).unwrap_or_default(),
                note: c.note.clone(),
                mood: c.mood.map(Mood::value),
            };
            let values = draft.validate(&g.content).unwrap_or_else(|e| panic!("{}: {e:?}", c.id));
            assert_eq!((values.gas, values.value, &values.note, values.mood), (c.gas, c.value, &c.note, c.mood));
        }
    });
}

/// The goal as it stood on `day`: the revision proposed last before it,
/// not yet ended.
fn goal_on(goal: &Goal, day: Date) -> Option<Goal> {
    if goal.ended.as_ref().is_some_and(|e| e.on < day) {
        return None;
    }
    let mut revisions: Vec<GoalRevision> = goal.history.clone();
    revisions.push(GoalRevision {
        revision: goal.revision,
        content: goal.content.clone(),
        proposed_by: goal.proposed_by.clone(),
        proposed_on: goal.proposed_on,
    });
    let at = revisions.iter().rposition(|r| r.proposed_on <= day)?;
    let r = revisions[at].clone();
    Some(Goal {
        revision: r.revision,
        fingerprint: domain::fingerprint::fingerprint(&r.content),
        content: r.content,
        proposed_by: r.proposed_by,
        proposed_on: r.proposed_on,
        history: revisions[..at].to_vec(),
        ended: None,
        ..goal.clone()
    })
}

/// The database as it stood at the end of `day`.
fn db_on(db: &Db, day: Date) -> Db {
    Db {
        members: db.members.iter().filter(|m| m.since <= day).cloned().collect(),
        agreements: db.agreements.iter().filter(|a| a.on <= day).cloned().collect(),
        ..db.clone()
    }
}

#[test]
fn check_ins_were_allowed_when_they_were_made() {
    each_today(|today, db| {
        for c in &db.checkins {
            assert!(c.on <= today, "{}", c.id);
            let goal = db.goal(&c.goal_id).unwrap();
            let then = goal_on(goal, c.on).unwrap_or_else(|| panic!("{} after the goal ended", c.id));
            let before = db_on(db, c.on.add_days(-1));
            assert_eq!(rules::may_check_in(&before, &then, &c.person_id), Ok(()), "{} on {}", c.id, c.on);
        }
        for c in db.checkins.iter().filter(|c| role(db, &c.person_id) == Role::Teacher) {
            assert!(c.on.weekday() < 5, "{}: teachers check in on school days", c.id);
        }
    });
}

#[test]
fn every_state_occurs() {
    each_today(|_, db| {
        let status = |id: &str| rules::goal_status(db, db.goal(id).unwrap());
        let mut proposed = 0;
        let mut active = 0;
        let mut achieved = 0;
        let mut stopped = 0;
        for g in &db.goals {
            match rules::goal_status(db, g) {
                GoalStatus::Proposed { .. } => proposed += 1,
                GoalStatus::Active => active += 1,
                GoalStatus::Ended(Outcome::Achieved) => achieved += 1,
                GoalStatus::Ended(Outcome::Stopped) => stopped += 1,
                GoalStatus::Ended(Outcome::Revised) => {}
            }
        }
        assert!(
            proposed >= 2 && active >= 5 && achieved >= 1 && stopped >= 1,
            "{proposed} {active} {achieved} {stopped}"
        );

        // A revised goal waiting for re-agreement, its first revision agreed by all.
        let reading = db.goal("goal-emma-reading").unwrap();
        assert_eq!(reading.revision, 2);
        assert_eq!(reading.history.len(), 1);
        assert_ne!(reading.history[0].content, reading.content);
        let first: HashSet<&str> = db
            .agreements_to(&reading.id, 1, &domain::fingerprint::fingerprint(&reading.history[0].content))
            .iter()
            .map(|a| a.person_id.as_str())
            .collect();
        assert_eq!(first, HashSet::from(["pupil-emma", "teacher-mette", "coach-sofie", "parent-karin"]));
        assert_eq!(
            status("goal-emma-reading"),
            GoalStatus::Proposed {
                agreed: vec!["teacher-mette".into(), "pupil-emma".into()],
                waiting: vec!["coach-sofie".into(), "parent-karin".into()],
            }
        );
        // A revised goal everyone agreed to again.
        let calm = db.goal("goal-oliver-calm").unwrap();
        assert_eq!((calm.revision, calm.history.len()), (2, 1));
        assert_eq!(status("goal-oliver-calm"), GoalStatus::Active);
        // Proposed goals waiting for some members, one of them the pupil.
        assert!(status("goal-noah-homework").is_waiting_for("teacher-mette"));
        assert!(!status("goal-noah-homework").is_waiting_for("pupil-noah"));
        assert!(status("goal-malthe-words").is_waiting_for("pupil-malthe"));
        // Ended goals with their reasons.
        assert_eq!(status("goal-freja-ask-for-help"), GoalStatus::Ended(Outcome::Achieved));
        assert_eq!(status("goal-yasmin-times-tables"), GoalStatus::Ended(Outcome::Stopped));
        for g in db.goals.iter().filter(|g| g.ended.is_some()) {
            assert!(g.ended.as_ref().unwrap().reason.len() > 20);
        }
    });
}

#[test]
fn a_member_who_joined_late_was_not_asked() {
    each_today(|_, db| {
        let training = db.goal("goal-malthe-training").unwrap();
        let lars = db.members.iter().find(|m| m.person_id == "parent-lars").unwrap();
        assert!(lars.since > training.proposed_on);
        assert!(!rules::required_agreers(db, training).contains(&"parent-lars".to_string()));
        assert_eq!(rules::goal_status(db, training), GoalStatus::Active);
        // But the newer goal waits for him, and he has agreed to it.
        let words = db.goal("goal-malthe-words").unwrap();
        assert!(rules::required_agreers(db, words).contains(&"parent-lars".to_string()));
        assert!(!rules::goal_status(db, words).is_waiting_for("parent-lars"));
    });
}

#[test]
fn strengths_profiles() {
    let db = demo_data(d("2026-11-26"));
    for pupil in db.people.iter().filter(|p| p.role == Role::Pupil) {
        let strengths = db.strengths_of(&pupil.id);
        for kind in [StrengthKind::GoodAt, StrengthKind::Enjoys, StrengthKind::Supporter] {
            assert!(strengths.iter().any(|s| s.kind == kind), "{} has no {kind:?}", pupil.id);
        }
        for s in &strengths {
            assert_eq!(
                s.kind == StrengthKind::Supporter,
                s.circle.is_some(),
                "{}: supporters and only they have a circle",
                s.id
            );
            if s.added_by == pupil.id {
                assert!(s.confirmed, "{}: the pupil's own entries are confirmed", s.id);
            }
        }
        assert!(
            strengths.iter().any(|s| !s.confirmed && s.added_by != pupil.id),
            "{} has a suggestion from an adult waiting for confirmation",
            pupil.id
        );
    }
    let circles: HashSet<Circle> = db.strengths.iter().filter_map(|s| s.circle).collect();
    assert!(circles.len() >= 4, "{circles:?}");
    assert!(
        db.strengths.iter().any(|s| s.confirmed && s.added_by != s.pupil_id),
        "an adult's entry the pupil confirmed"
    );
}

#[test]
fn about_twelve_weeks_of_check_ins_from_every_party() {
    each_today(|today, db| {
        let first = db.checkins.iter().map(|c| c.on).min().unwrap();
        let weeks = first.days_until(today) / 7;
        assert!((11..=15).contains(&weeks), "{weeks} weeks");
        let roles: HashSet<Role> = db.checkins.iter().map(|c| role(db, &c.person_id)).collect();
        assert_eq!(roles, HashSet::from([Role::Pupil, Role::Teacher, Role::Coach, Role::Parent]));
        for g in db.goals.iter().filter(|g| rules::goal_status(db, g).is_active()) {
            let checkins = db.checkins_on(&g.id);
            assert!(checkins.iter().any(|c| c.person_id == g.pupil_id), "{}: the pupil checks in", g.id);
        }
        assert!(db.checkins.iter().filter(|c| !c.note.is_empty()).count() >= 20);
        assert!(
            db.checkins.iter().filter(|c| c.note.is_empty()).count() > db.checkins.len() / 2,
            "notes are occasional"
        );
        assert!(db.checkins.iter().filter(|c| c.mood.is_some()).count() >= 50);
        assert!(db.checkins.len() >= 150 && db.checkins.len() <= 400, "{}", db.checkins.len());
        for c in &db.checkins {
            if let Some(v) = c.value {
                assert!(v >= 0.0 && v.is_sign_positive() && v.fract() == 0.0, "{}: {v:?}", c.id);
            }
        }
        // Notes vary: no note makes up more than a fifth of all notes.
        let notes: Vec<&str> = db.checkins.iter().map(|c| c.note.as_str()).filter(|n| !n.is_empty()).collect();
        for note in &notes {
            let same = notes.iter().filter(|n| *n == note).count();
            assert!(same * 5 <= notes.len(), "{note:?} appears {same} times of {}", notes.len());
        }
    });
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

#[test]
fn trends_go_the_right_way() {
    each_today(|_, db| {
        for id in ["goal-emma-calm", "goal-noah-hand-up", "goal-freja-ask-for-help", "goal-yasmin-reading-aloud"] {
            let g = db.goal(id).unwrap();
            let pupil = &series(db, g, Scale::Gas)[0];
            assert_eq!(pupil.person_id, g.pupil_id);
            let levels: Vec<f64> = pupil.points.iter().map(|p| p.1).collect();
            assert!(levels.len() >= 6, "{id}");
            assert!(mean(&levels[levels.len() - 3..]) > mean(&levels[..3]) + 1.0, "{id}: {levels:?}");
        }
        for id in ["goal-emma-reading", "goal-noah-hand-up", "goal-oliver-maths", "goal-malthe-training"] {
            let g = db.goal(id).unwrap();
            let m = g.history.first().map_or(&g.content, |h| &h.content).measure.clone().unwrap();
            for s in series(db, g, Scale::Measure) {
                if s.points.len() < 4 {
                    continue;
                }
                let values: Vec<f64> = s.points.iter().map(|p| p.1).collect();
                let (early, late) = (mean(&values[..2]), mean(&values[values.len() - 2..]));
                assert!((late - early) * (m.target - m.baseline) > 0.0, "{id} by {}: {values:?}", s.person_id);
            }
        }
    });
}

#[test]
fn progress_scores_are_plausible() {
    each_today(|_, db| {
        for pupil in ["pupil-emma", "pupil-noah", "pupil-oliver", "pupil-yasmin"] {
            let scores = team_scores(db, pupil);
            assert!(scores.goals_counted >= 1, "{pupil}");
            for t in [scores.pupil, scores.adults, scores.everyone] {
                let t = t.unwrap();
                assert!((35.0..=75.0).contains(&t), "{pupil}: {t}");
            }
        }
    });
}

#[test]
fn the_overview_has_something_to_show() {
    each_today(|today, db| {
        let rows = |viewer: &str| pupil_rows(db, viewer, today);
        let find = |rows: &[PupilRow], id: &str| rows.iter().find(|r| r.pupil_id == id).unwrap().clone();

        let mette = rows("teacher-mette");
        assert_eq!(mette.len(), 3);
        let noah = find(&mette, "pupil-noah");
        assert_eq!((noah.reviews_due, noah.waiting_for_me, noah.without_check_in), (1, 1, 0));
        let emma = find(&mette, "pupil-emma");
        assert_eq!((emma.waiting_for_agreement, emma.waiting_for_me, emma.active_goals), (1, 0, 1));

        let jonas = rows("teacher-jonas");
        assert_eq!(jonas.len(), 3);
        let malthe = find(&jonas, "pupil-malthe");
        assert_eq!((malthe.without_check_in, malthe.waiting_for_agreement), (1, 1));
        let oliver = find(&jonas, "pupil-oliver");
        assert_eq!((oliver.reviews_due, oliver.without_check_in), (1, 0));

        // Exactly one active goal has been quiet, for three weeks or more.
        let stale: Vec<&Goal> = db
            .goals
            .iter()
            .filter(|g| rules::goal_status(db, g).is_active())
            .filter(|g| last_check_in(db, &g.id).is_none_or(|last| last.days_until(today) >= 14))
            .collect();
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].id, "goal-malthe-training");
        assert!(last_check_in(db, &stale[0].id).unwrap().days_until(today) >= 21);

        let sofie = rows("coach-sofie");
        assert!(sofie.iter().any(|r| r.waiting_for_me > 0), "the coach has goals to agree to");
    });
}

#[test]
fn every_party_contributes_and_encourages() {
    let db = demo_data(d("2026-11-26"));
    let contributors: HashSet<Role> =
        db.goals.iter().flat_map(|g| g.content.contributions.iter()).map(|c| role(&db, &c.person_id)).collect();
    assert_eq!(contributors, HashSet::from([Role::Pupil, Role::Teacher, Role::Coach, Role::Parent]));
    let proposers: HashSet<Role> = db.goals.iter().map(|g| role(&db, &g.proposed_by)).collect();
    assert_eq!(proposers, HashSet::from([Role::Pupil, Role::Teacher, Role::Coach, Role::Parent]));
    let encouragers: HashSet<Role> =
        db.comments.iter().filter(|c| c.encouragement).map(|c| role(&db, &c.person_id)).collect();
    assert!(encouragers.is_superset(&HashSet::from([Role::Teacher, Role::Coach, Role::Parent])));
    assert!(db.comments.iter().any(|c| !c.encouragement));
    assert!(db.goals.iter().any(|g| g.content.weight != 1.0), "some goal weighs more");
    assert!(db.goals.iter().any(|g| g.content.gas.is_none()), "a goal with a measure only");
    assert!(db.goals.iter().any(|g| g.content.measure.is_none()), "a goal with a GAS scale only");
    assert!(db.goals.iter().any(|g| g.content.gas.is_some() && g.content.measure.is_some()));
    assert!(
        db.goals.iter().filter_map(|g| g.content.measure.as_ref()).any(|m| m.target < m.baseline),
        "a measure that should go down"
    );
}

#[test]
fn survives_a_json_round_trip() {
    let db = demo_data(d("2026-11-26"));
    let text = serde_json::to_string(&db).unwrap();
    assert_eq!(serde_json::from_str::<Db>(&text).unwrap(), db);
}
