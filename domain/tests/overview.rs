//! The teacher's overview: one row per pupil, filters and sorting.

mod common;

use common::*;
use domain::overview::*;
use domain::*;

const TODAY: &str = "2024-05-01";

fn today() -> Date {
    d(TODAY)
}

fn due(content: GoalContent, review: &str) -> GoalContent {
    GoalContent { review_date: d(review), ..content }
}

/// Proposes a goal for `pupil` by `by` and has `agreers` agree, all on `on`.
fn goal(db: &mut Db, id: &str, pupil: &str, by: &str, on: &str, agreers: &[&str], c: GoalContent) -> Goal {
    let on = d(on);
    let (goal, a) = rules::propose_goal(db, id.into(), format!("{id}-{by}"), pupil, by, on, c).unwrap();
    db.goals.push(goal.clone());
    db.agreements.push(a);
    for who in agreers {
        let a = rules::agree(db, format!("{id}-{who}"), &goal, who, on).unwrap();
        db.agreements.push(a);
    }
    goal
}

fn check(db: &mut Db, goal: &str, pupil: &str, who: &str, on: &str) {
    let id = format!("ci-{}", db.checkins.len());
    db.checkins.push(checkin(&id, goal, pupil, who, d(on), Some(0), None));
}

/// Teacher `t` teaches Anna, bo, Carl and Eva; coach `c` coaches bo and Dina.
fn school() -> Db {
    let since = d("2024-01-01");
    let mut db = Db {
        people: vec![
            named("anna", "Anna", Role::Pupil),
            named("bo", "bo", Role::Pupil),
            named("carl", "Carl", Role::Pupil),
            named("dina", "Dina", Role::Pupil),
            named("eva", "Eva", Role::Pupil),
            named("t", "Teacher", Role::Teacher),
            named("c", "Coach", Role::Coach),
        ]
        .into(),
        members: vec![
            member("anna", "t", since),
            member("bo", "t", since),
            member("bo", "c", since),
            member("carl", "t", since),
            member("dina", "c", since),
            member("eva", "t", since),
        ]
        .into(),
        ..Db::default()
    };
    // Anna: two active goals, one checked 11 days ago, one 14 days ago (stale).
    goal(&mut db, "a1", "anna", "t", "2024-03-01", &["anna"], due(content("A1"), "2024-06-01"));
    check(&mut db, "a1", "anna", "anna", "2024-04-20");
    goal(&mut db, "a2", "anna", "anna", "2024-03-01", &["t"], due(content("A2"), "2024-06-01"));
    check(&mut db, "a2", "anna", "t", "2024-04-17");
    // bo: one goal waiting for the teacher, one waiting for the coach only,
    // and an active goal whose review date is today.
    goal(&mut db, "b1", "bo", "c", "2024-04-28", &[], due(content("B1"), "2024-06-01"));
    goal(&mut db, "b2", "bo", "t", "2024-04-28", &["bo"], due(content("B2"), "2024-06-01"));
    goal(&mut db, "b3", "bo", "bo", "2024-03-01", &["t", "c"], due(content("B3"), TODAY));
    check(&mut db, "b3", "bo", "c", "2024-04-30");
    // Carl: an ended goal (review long past, no recent check-in) and a young
    // active goal without check-ins.
    let ended = goal(&mut db, "c1", "carl", "t", "2024-01-15", &["carl"], due(content("C1"), "2024-02-01"));
    check(&mut db, "c1", "carl", "carl", "2024-03-01");
    let ended = rules::end_goal(&db, &ended, "t", d("2024-03-05"), Outcome::Achieved, "Done").unwrap();
    put_goal(&mut db, ended);
    goal(&mut db, "c2", "carl", "t", "2024-04-25", &["carl"], due(content("C2"), "2024-06-01"));
    // Dina is not the teacher's pupil; her goal must not show.
    goal(&mut db, "d1", "dina", "c", "2024-01-15", &["dina"], due(content("D1"), "2024-02-01"));
    db
}

fn row(name: &str, pupil_id: &str) -> PupilRow {
    PupilRow {
        pupil_id: pupil_id.into(),
        name: name.into(),
        active_goals: 0,
        waiting_for_agreement: 0,
        waiting_for_me: 0,
        without_check_in: 0,
        reviews_due: 0,
        last_check_in: None,
    }
}

#[test]
fn rows_for_the_teacher() {
    let db = school();
    let rows = pupil_rows(&db, "t", today());
    assert_eq!(
        rows,
        vec![
            PupilRow {
                active_goals: 2,
                without_check_in: 1,
                last_check_in: Some(d("2024-04-20")),
                ..row("Anna", "anna")
            },
            PupilRow {
                active_goals: 1,
                waiting_for_agreement: 2,
                waiting_for_me: 1,
                reviews_due: 1,
                last_check_in: Some(d("2024-04-30")),
                ..row("bo", "bo")
            },
            PupilRow { active_goals: 1, last_check_in: Some(d("2024-03-01")), ..row("Carl", "carl") },
            row("Eva", "eva"),
        ]
    );
    assert!(rows[0].needs_attention());
    assert!(rows[1].needs_attention());
    assert!(!rows[2].needs_attention());
    assert!(!rows[3].needs_attention());
}

#[test]
fn rows_for_the_coach_and_for_a_pupil() {
    let db = school();
    let coach = pupil_rows(&db, "c", today());
    let names: Vec<&str> = coach.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["bo", "Dina"]);
    // bo's first goal was proposed by the coach; the second waits for the coach.
    assert_eq!((coach[0].waiting_for_agreement, coach[0].waiting_for_me), (2, 1));
    // Dina's goal is active, never checked in since 15 January, and due for review.
    assert_eq!((coach[1].active_goals, coach[1].without_check_in, coach[1].reviews_due), (1, 1, 1));

    let own = pupil_rows(&db, "bo", today());
    assert_eq!(own.len(), 1, "a pupil sees their own row");
    assert_eq!((own[0].waiting_for_agreement, own[0].waiting_for_me), (2, 1));
    assert!(pupil_rows(&db, "stranger", today()).is_empty());
}

#[test]
fn stale_after_fourteen_days() {
    let mut db = team_db();
    let g = active_goal(&mut db, "g", d("2024-03-01"), content("Read"));
    db.checkins.push(checkin("c1", "g", "p", "c", d("2024-04-01"), Some(0), None));
    let stale = |db: &Db, day: &str| pupil_rows(db, "t", d(day))[0].without_check_in;
    assert_eq!(stale(&db, "2024-04-14"), 0, "13 days");
    assert_eq!(stale(&db, "2024-04-15"), 1, "14 days");
    // Any party's check-in counts.
    db.checkins.push(checkin("c2", "g", "p", "f", d("2024-04-10"), Some(1), None));
    assert_eq!(stale(&db, "2024-04-15"), 0);
    // A deleted check-in does not.
    db.checkins[1].meta.deleted = true;
    assert_eq!(stale(&db, "2024-04-15"), 1);
    // Without any check-in, the count starts when the goal became active.
    db.checkins.clear();
    assert_eq!(stale(&db, "2024-03-14"), 0);
    assert_eq!(stale(&db, "2024-03-15"), 1);
    let _ = g;
}

#[test]
fn a_goal_agreed_only_recently_is_not_stale() {
    // Proposed on 1 March, the last agreement came on 30 April: nobody could
    // check in before then, so on 1 May the goal is not "without check-in".
    let mut db = team_db();
    let g = goal(&mut db, "g", "p", "t", "2024-03-01", &["p", "c"], content("Read"));
    let a = rules::agree(&db, "late".into(), &g, "f", d("2024-04-30")).unwrap();
    db.agreements.push(a);
    assert_eq!(rules::activated_on(&db, &g), Some(d("2024-04-30")));
    let row = &pupil_rows(&db, "t", today())[0];
    assert_eq!((row.active_goals, row.without_check_in), (1, 0));
    assert_eq!(pupil_rows(&db, "t", d("2024-05-14"))[0].without_check_in, 1);

    // The same after a revision: check-ins on revision 1 are old, but
    // revision 2 was agreed yesterday.
    db.checkins.push(checkin("c1", "g", "p", "p", d("2024-05-01"), Some(0), None));
    let (r2, a) = rules::revise_goal(&db, "r2-t".into(), &g, "t", d("2024-05-02"), content("Read more")).unwrap();
    put_goal(&mut db, r2.clone());
    db.agreements.push(a);
    assert_eq!(rules::activated_on(&db, &r2), None, "not active while proposed");
    for who in ["p", "c", "f"] {
        let a = rules::agree(&db, format!("r2-{who}"), &r2, who, d("2024-06-10")).unwrap();
        db.agreements.push(a);
    }
    assert_eq!(rules::activated_on(&db, &r2), Some(d("2024-06-10")));
    assert_eq!(pupil_rows(&db, "t", d("2024-06-11"))[0].without_check_in, 0);
    assert_eq!(pupil_rows(&db, "t", d("2024-06-24"))[0].without_check_in, 1);
}

#[test]
fn reviews_due_from_the_review_day_on() {
    let mut db = team_db();
    active_goal(&mut db, "g", d("2024-03-01"), due(content("Read"), "2024-04-10"));
    db.checkins.push(checkin("c1", "g", "p", "c", d("2024-04-09"), Some(0), None));
    let due_on = |day: &str| pupil_rows(&db, "t", d(day))[0].reviews_due;
    assert_eq!(due_on("2024-04-09"), 0);
    assert_eq!(due_on("2024-04-10"), 1);
    assert_eq!(due_on("2024-05-10"), 1);
}

#[test]
fn every_filter() {
    let rows = pupil_rows(&school(), "t", today());
    let names = |filter: Filter| -> Vec<String> {
        arrange(rows.clone(), filter, SortBy::Name).into_iter().map(|r| r.name).collect()
    };
    assert_eq!(names(Filter::All), ["Anna", "bo", "Carl", "Eva"]);
    assert_eq!(names(Filter::NeedsAttention), ["Anna", "bo"]);
    assert_eq!(names(Filter::WaitingForAgreement), ["bo"]);
    assert_eq!(names(Filter::WithoutCheckIn), ["Anna"]);
    assert_eq!(names(Filter::ReviewDue), ["bo"]);
    assert_eq!(Filter::default(), Filter::All);
    assert_eq!(Filter::ALL.len(), 5);
}

#[test]
fn every_sort() {
    let rows = vec![
        PupilRow {
            waiting_for_agreement: 1,
            without_check_in: 2,
            last_check_in: Some(d("2024-04-01")),
            ..row("Carl", "c")
        },
        PupilRow { reviews_due: 2, last_check_in: Some(d("2024-04-20")), ..row("anna", "a") },
        PupilRow { waiting_for_agreement: 3, reviews_due: 1, ..row("Eva", "e") },
        PupilRow {
            waiting_for_agreement: 1,
            without_check_in: 1,
            last_check_in: Some(d("2024-03-01")),
            ..row("Bo", "b")
        },
        row("Ølle", "o"),
    ];
    let sorted = |sort: SortBy| -> Vec<String> {
        arrange(rows.clone(), Filter::All, sort).into_iter().map(|r| r.name).collect()
    };
    // Names A–Z ignoring case.
    assert_eq!(sorted(SortBy::Name), ["anna", "Bo", "Carl", "Eva", "Ølle"]);
    // Counts largest first; ties keep name order.
    assert_eq!(sorted(SortBy::WaitingForAgreement), ["Eva", "Bo", "Carl", "anna", "Ølle"]);
    assert_eq!(sorted(SortBy::WithoutCheckIn), ["Carl", "Bo", "anna", "Eva", "Ølle"]);
    assert_eq!(sorted(SortBy::ReviewsDue), ["anna", "Eva", "Bo", "Carl", "Ølle"]);
    // Never checked in first (by name), then the oldest check-in.
    assert_eq!(sorted(SortBy::LastCheckIn), ["Eva", "Ølle", "Bo", "Carl", "anna"]);
    assert_eq!(SortBy::default(), SortBy::Name);
    assert_eq!(SortBy::ALL.len(), 5);
}

#[test]
fn filter_and_sort_together() {
    let rows = pupil_rows(&school(), "t", today());
    let arranged = arrange(rows, Filter::NeedsAttention, SortBy::WaitingForAgreement);
    let names: Vec<&str> = arranged.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["bo", "Anna"]);
    assert!(arrange(Vec::new(), Filter::All, SortBy::Name).is_empty());
}
