//! The effect report: terms, anonymity (groups under five pupils and
//! groups that could be subtracted back out) and a hand-computed fixture.
//!
//! The fixture `e2e/fixtures/report.json` is shared with the browser test
//! `e2e/report.test.mjs`, so both check the same hand-computed numbers.
//!
//! Fixture (made by hand; every goal is GAS, weight 1, starting at −1 unless said):
//! - Skole A (Teacher A) and Klub X (Coach X): pupils p1–p5; p1's parent f1 is in p1's team.
//! - Skole B (Teacher B): p6–p10; p6 in Klub Y, p7–p10 in Klub Z.
//! - p2 has a second goal, weight 2, starting at −2.
//! - p4's goal waits for agreement; p5's goal was achieved 2025-11-20;
//!   p6's goal was proposed, agreed and rated 0 in spring 2025, then stopped.
//! - One goal's T-score is 50 + 10·x (ρ = 0.3, one weight-1 goal: √(0.7+0.3) = 1).
//!   p2: 50 + 10·(1·x₁ + 2·x₂)/√(0.7·5 + 0.3·9) = 50 + 10·(x₁ + 2x₂)/√6.2.
//! - A check-in p1 kept to Teacher A (−2, 2026-02-10) is never counted.

mod common;

use common::d;
use domain::effect::*;
use domain::*;

fn fixture() -> Db {
    serde_json::from_str(include_str!("../../e2e/fixtures/report.json")).expect("fixture parses")
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!((actual - expected).abs() < 1e-3, "{actual} is not {expected}");
}

fn participation(f: &Figures) -> Vec<(usize, usize, usize)> {
    f.participation.iter().map(|p| (p.teams, p.teams_checked_in, p.checkins)).collect()
}

const SQRT_6_2: f64 = 2.489_979_919_8;

#[test]
fn terms_split_the_year_in_spring_and_autumn() {
    let spring = Term::of(d("2026-07-31"));
    assert_eq!(spring, Term { year: 2026, season: Season::Spring });
    assert_eq!(Term::of(d("2026-01-01")), spring);
    assert_eq!(Term::of(d("2026-08-01")), Term { year: 2026, season: Season::Autumn });
    assert_eq!(Term::of(d("2026-12-31")).season, Season::Autumn);
    assert_eq!(spring.first_day(), d("2026-01-01"));
    assert_eq!(spring.last_day(), d("2026-07-31"));
    let autumn = Term { year: 2025, season: Season::Autumn };
    assert_eq!((autumn.first_day(), autumn.last_day()), (d("2025-08-01"), d("2025-12-31")));
    assert!(autumn.contains(d("2025-09-01")) && !autumn.contains(d("2026-01-01")));
    assert!(Term { year: 2025, season: Season::Autumn } < Term { year: 2026, season: Season::Spring });
}

#[test]
fn hand_computed_totals() {
    let report = effect_report(&fixture(), d("2026-03-01"));
    let all = report.all.expect("ten pupils are shown");
    assert_eq!(all.pupils, 10);
    assert_eq!((all.goals_proposed, all.goals_agreed, all.goals_achieved), (11, 10, 1));
    // (teams with the party, of them checked in, check-ins): pupil, school, club, family.
    assert_eq!(participation(&all), [(10, 9, 16), (10, 2, 2), (10, 2, 2), (1, 1, 1)]);
    assert_eq!(all.participation[3].percent(), Some(100.0));
    assert_eq!(all.participation[1].percent(), Some(20.0));
    // T now: p1 60 (2, 0, 1 → 1; the private −2 left out), p2 50 + 10/√6.2, p3 60 (1, 1),
    // p5 40, p6 50, p7 60 (2, 0), p8 70, p9 70, p10 60; p4 has no agreed goal.
    assert_eq!(all.t_pupils, 9);
    close(all.t_now, (60.0 + 50.0 + 10.0 / SQRT_6_2 + 60.0 + 40.0 + 50.0 + 60.0 + 70.0 + 70.0 + 60.0) / 9.0);
    close(all.t_now, 58.224_01);
    // T at the start: 40 for everyone but p2, whose start is 50 − 50/√6.2.
    close(all.t_start, (8.0 * 40.0 + 50.0 - 50.0 / SQRT_6_2) / 9.0);
    close(all.t_start, 38.879_95);
    close(all.t_change(), 58.224_01 - 38.879_95);
}

#[test]
fn hand_computed_schools_and_clubs() {
    let report = effect_report(&fixture(), d("2026-03-01"));
    let keys: Vec<&GroupKey> = report.schools.shown.iter().map(|g| &g.key).collect();
    assert_eq!(keys, [&GroupKey::School("Skole A".into()), &GroupKey::School("Skole B".into())]);
    assert_eq!(report.schools.hidden, 0);

    let a = &report.schools.shown[0].figures;
    assert_eq!(a.pupils, 5);
    assert_eq!((a.goals_proposed, a.goals_agreed, a.goals_achieved), (6, 5, 1));
    assert_eq!(participation(a), [(5, 4, 8), (5, 1, 1), (5, 2, 2), (1, 1, 1)]);
    // Four of its pupils have a T-score: a mean of fewer than five is not shown.
    assert_eq!(a.t_pupils, 4);
    assert_eq!((a.t_start, a.t_now, a.t_change()), (None, None, None));

    let b = &report.schools.shown[1].figures;
    assert_eq!((b.pupils, b.goals_proposed, b.goals_agreed, b.goals_achieved), (5, 5, 5, 0));
    close(b.t_now, (50.0 + 60.0 + 70.0 + 70.0 + 60.0) / 5.0);
    close(b.t_start, 40.0);

    // Klub Y (1 pupil) and Klub Z (4) are left out, names and all; Klub X
    // stays, as the five pupils outside it are enough.
    assert_eq!(report.clubs.shown.len(), 1);
    assert_eq!(report.clubs.shown[0].key, GroupKey::Club("Klub X".into()));
    assert_eq!(report.clubs.shown[0].figures, *a);
    assert_eq!(report.clubs.hidden, 2);
}

#[test]
fn hand_computed_term() {
    let report = effect_report(&fixture(), d("2026-03-01"));
    // Spring 2025 has one pupil (p6): hidden. The total minus the other
    // terms would give it back, so spring 2026 (5 pupils, the smaller) goes too.
    assert_eq!(report.terms.hidden, 2);
    assert_eq!(report.terms.shown.len(), 1);
    let autumn = &report.terms.shown[0];
    assert_eq!(autumn.key, GroupKey::Term(Term { year: 2025, season: Season::Autumn }));
    let f = &autumn.figures;
    assert_eq!(f.pupils, 9);
    assert_eq!((f.goals_proposed, f.goals_agreed, f.goals_achieved), (10, 9, 1));
    assert_eq!(participation(f), [(9, 8, 10), (9, 2, 2), (9, 2, 2), (1, 1, 1)]);
    // Ratings in the term only: p1 (1, 0, 1) 56.67, p2 54.02, p3 (0, 1) 55, p5 40, p7 (1, 0) 55, p8–p10 60.
    assert_eq!(f.t_pupils, 8);
    close(f.t_now, (50.0 + 20.0 / 3.0 + 50.0 + 10.0 / SQRT_6_2 + 55.0 + 40.0 + 55.0 + 180.0) / 8.0);
    close(f.t_now, 55.085_35);
    close(f.t_start, 38.739_94);
}

#[test]
fn no_mean_of_fewer_than_five_pupils_is_shown() {
    let db = fixture();
    for day in ["2025-06-01", "2025-10-01", "2026-03-01", "2027-01-01"] {
        let report = effect_report(&db, d(day));
        let groups = report.schools.shown.iter().chain(&report.clubs.shown).chain(&report.terms.shown);
        for f in report.all.iter().chain(groups.map(|g| &g.figures)) {
            let shown = f.t_start.is_some() || f.t_now.is_some();
            assert_eq!(shown, f.t_pupils >= MIN_GROUP, "{day}: {} pupils with a T-score", f.t_pupils);
        }
    }
    // Skole B's five pupils all have one: its mean is shown.
    let report = effect_report(&db, d("2026-03-01"));
    assert_eq!(report.schools.shown[1].figures.t_pupils, 5);
}

#[test]
fn terms_after_today_are_not_shown() {
    let report = effect_report(&fixture(), d("2025-12-01"));
    assert!(report.terms.shown.iter().all(|g| g.key != GroupKey::Term(Term { year: 2026, season: Season::Spring })));
    assert_eq!(report.terms.shown.len() + report.terms.hidden, 2);
}

#[test]
fn no_group_under_five_is_ever_shown() {
    let db = fixture();
    for day in ["2025-06-01", "2025-10-01", "2026-03-01", "2027-01-01"] {
        let report = effect_report(&db, d(day));
        for section in [&report.schools, &report.clubs, &report.terms] {
            for group in &section.shown {
                assert!(group.figures.pupils >= MIN_GROUP, "{:?} has {}", group.key, group.figures.pupils);
            }
        }
    }
}

/// Removes pupils (and everything about them) from the fixture.
fn without(mut db: Db, pupils: &[&str]) -> Db {
    db.people.retain(|p| !pupils.contains(&p.id.as_str()));
    db
}

#[test]
fn fewer_than_five_pupils_shows_nothing() {
    let db = without(fixture(), &["p5", "p6", "p7", "p8", "p9", "p10"]);
    let report = effect_report(&db, d("2026-03-01"));
    assert_eq!(report.all, None);
    for section in [&report.schools, &report.clubs, &report.terms] {
        assert!(section.shown.is_empty());
    }
}

#[test]
fn a_group_that_could_be_subtracted_back_out_is_hidden_too() {
    // Skole B keeps only p6 and p7: Skole A (5) minus the total would give them back.
    let db = without(fixture(), &["p8", "p9", "p10"]);
    let report = effect_report(&db, d("2026-03-01"));
    assert!(report.all.is_some());
    assert!(report.schools.shown.is_empty());
    assert_eq!(report.schools.hidden, 2);
    // Pupils in no club count as well: Klub X (5) would leave p6, p7 exposed.
    assert!(report.clubs.shown.is_empty());
}

#[test]
fn five_pupils_outside_are_enough() {
    // Nine pupils: Skole A (5) and Skole B (4). Skole B is hidden, and then
    // four pupils would be exposed, so Skole A goes too.
    let db = without(fixture(), &["p10"]);
    let report = effect_report(&db, d("2026-03-01"));
    assert!(report.schools.shown.is_empty());
    // Ten pupils, schools of five and five: both shown (see the fixture tests).
    assert_eq!(effect_report(&fixture(), d("2026-03-01")).schools.shown.len(), 2);
}

#[test]
fn leaders_and_private_items_change_nothing() {
    let db = fixture();
    let mut shared = db.clone();
    shared.checkins.retain(|c| c.visible_to.is_none());
    shared.people.retain(|p| p.role != Role::Leader);
    assert_eq!(effect_report(&db, d("2026-03-01")), effect_report(&shared, d("2026-03-01")));
}

#[test]
fn csv_quotes_and_defuses_formulas() {
    let rows = vec![
        vec!["name".to_string(), "value".to_string()],
        vec!["Klub \"X\", Nørrebro".to_string(), "-2".to_string()],
        vec!["=HYPERLINK(\"x\")".to_string(), "+1,5".to_string()],
        vec!["@me".to_string(), "line\nbreak".to_string()],
    ];
    assert_eq!(
        to_csv(&rows),
        "name,value\r\n\"Klub \"\"X\"\", Nørrebro\",-2\r\n\"'=HYPERLINK(\"\"x\"\")\",\"+1,5\"\r\n'@me,\"line\nbreak\"\r\n"
    );
}

#[test]
fn demo_report_shows_some_groups_and_hides_some() {
    let today = d("2026-11-26");
    let report = effect_report(&demo::demo_data(today), today);
    assert!(report.all.is_some());
    assert!(!report.schools.shown.is_empty());
    assert!(report.clubs.hidden >= 1, "the demo's clubs have three pupils each");
    for section in [&report.schools, &report.clubs, &report.terms] {
        assert!(section.shown.iter().all(|g| g.figures.pupils >= MIN_GROUP));
    }
}

#[test]
fn the_demo_has_a_leader_and_a_private_comment() {
    let db = demo::demo_data(d("2026-11-26"));
    let leader = db.person("leader-lone").expect("a leader");
    assert_eq!(leader.role, Role::Leader);
    assert!(db.pupils_of("leader-lone").is_empty());
    let private: Vec<&Comment> = db.comments.iter().filter(|c| c.visible_to.is_some()).collect();
    assert_eq!(private.len(), 1);
    let seen_by = |who: &str| visibility::can_see(&db, who, private[0]);
    assert!(seen_by("pupil-emma") && seen_by("teacher-mette") && seen_by("parent-karin"));
    assert!(!seen_by("coach-sofie") && !seen_by("leader-lone"));
}
