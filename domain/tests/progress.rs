//! Progress maths: the Kiresuk–Sherman T-score against worked examples, and
//! the per-person series behind the charts.

mod common;

use common::*;
use domain::progress::*;
use domain::*;

fn a(weight: f64, level: f64) -> Attainment {
    Attainment { weight, level }
}

#[track_caller]
fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a T-score");
    assert!((actual - expected).abs() < 1e-3, "T = {actual}, expected {expected}");
}

// T = 50 + 10·Σwᵢxᵢ / √((1−ρ)Σwᵢ² + ρ(Σwᵢ)²) with ρ = 0.3, so the
// denominator is √(0.7·Σw² + 0.3·(Σw)²).

#[test]
fn one_goal_at_the_expected_level_is_50() {
    // Σwx = 0 → T = 50 + 0 = 50.
    close(t_score(&[a(1.0, 0.0)]), 50.0);
}

#[test]
fn one_goal_one_level_better_is_60() {
    // Σwx = 1, Σw² = 1, Σw = 1: √(0.7·1 + 0.3·1) = √1 = 1 → 50 + 10·1/1 = 60.
    close(t_score(&[a(1.0, 1.0)]), 60.0);
    // At −1: 50 − 10 = 40; at ±2: 70 and 30.
    close(t_score(&[a(1.0, -1.0)]), 40.0);
    close(t_score(&[a(1.0, 2.0)]), 70.0);
    close(t_score(&[a(1.0, -2.0)]), 30.0);
}

#[test]
fn one_goal_is_independent_of_its_weight() {
    // w = 3 at −2: Σwx = −6, Σw² = 9, Σw = 3: √(0.7·9 + 0.3·9) = √9 = 3
    // → 50 − 60/3 = 30, the same as with weight 1.
    close(t_score(&[a(3.0, -2.0)]), 30.0);
    // w = 0.5 at +1: Σwx = 0.5, √(0.7·0.25 + 0.3·0.25) = 0.5 → 50 + 10·0.5/0.5 = 60.
    close(t_score(&[a(0.5, 1.0)]), 60.0);
}

#[test]
fn three_equal_goals_at_plus_one_zero_minus_one_is_50() {
    // Σwx = 1 + 0 − 1 = 0 → 50, whatever the denominator (√(2.1 + 2.7) = √4.8).
    close(t_score(&[a(1.0, 1.0), a(1.0, 0.0), a(1.0, -1.0)]), 50.0);
}

#[test]
fn two_goals_both_at_plus_two() {
    // Σwx = 2 + 2 = 4, Σw² = 2, Σw = 2: √(0.7·2 + 0.3·4) = √(1.4 + 1.2) = √2.6
    // = 1.612 451 5 → 50 + 40/1.612 451 5 = 50 + 24.806 946 = 74.806 946.
    close(t_score(&[a(1.0, 2.0), a(1.0, 2.0)]), 74.806_946);
}

#[test]
fn three_goals_all_at_plus_one() {
    // Σwx = 3, Σw² = 3, Σw = 3: √(2.1 + 2.7) = √4.8 = 2.190 890 2
    // → 50 + 30/2.190 890 2 = 50 + 13.693 064 = 63.693 064.
    // More goals above expectation give a higher T than one goal alone (60).
    close(t_score(&[a(1.0, 1.0), a(1.0, 1.0), a(1.0, 1.0)]), 63.693_064);
}

#[test]
fn unequal_weights() {
    // w = 2 at +1 and w = 1 at −1: Σwx = 2 − 1 = 1, Σw² = 4 + 1 = 5, Σw = 3:
    // √(0.7·5 + 0.3·9) = √(3.5 + 2.7) = √6.2 = 2.489 979 9 → 50 + 10/2.489 979 9
    // = 50 + 4.016 097 = 54.016 097.
    close(t_score(&[a(2.0, 1.0), a(1.0, -1.0)]), 54.016_097);
    // Swapping the weights tips it the other way: Σwx = 1 − 2 = −1 → 45.983 903.
    close(t_score(&[a(1.0, 1.0), a(2.0, -1.0)]), 45.983_903);
    // w = 1, 2, 3 at +2, 0, −1: Σwx = 2 + 0 − 3 = −1, Σw² = 1 + 4 + 9 = 14,
    // Σw = 6: √(9.8 + 10.8) = √20.6 = 4.538 722 → 50 − 10/4.538 722 = 47.796 737.
    close(t_score(&[a(1.0, 2.0), a(2.0, 0.0), a(3.0, -1.0)]), 47.796_737);
}

#[test]
fn fractional_levels_from_averaged_ratings() {
    // One goal at −0.5: 50 + 10·(−0.5)/1 = 45.
    close(t_score(&[a(1.0, -0.5)]), 45.0);
}

#[test]
fn levels_outside_the_scale_are_clamped() {
    // +3 counts as +2 → 70; −7 as −2 → 30.
    close(t_score(&[a(1.0, 3.0)]), 70.0);
    close(t_score(&[a(1.0, -7.0)]), 30.0);
}

#[test]
fn no_goals_or_no_weight_gives_no_score() {
    assert_eq!(t_score(&[]), None);
    assert_eq!(t_score(&[a(0.0, 1.0)]), None);
    assert_eq!(t_score(&[a(-1.0, 1.0)]), None);
    assert_eq!(t_score(&[a(f64::NAN, 1.0)]), None);
    assert_eq!(t_score(&[a(1.0, f64::NAN)]), None);
    assert_eq!(t_score(&[a(f64::INFINITY, 1.0)]), None);
    // Unusable entries are skipped, the rest still count: one goal at +1 → 60.
    close(t_score(&[a(0.0, -2.0), a(1.0, 1.0), a(1.0, f64::NAN)]), 60.0);
}

#[test]
fn t_score_stays_between_the_extremes() {
    for n in 1..8 {
        let best: Vec<Attainment> = (0..n).map(|i| a(1.0 + f64::from(i), 2.0)).collect();
        let worst: Vec<Attainment> = best.iter().map(|g| a(g.weight, -2.0)).collect();
        let (hi, lo) = (t_score(&best).unwrap(), t_score(&worst).unwrap());
        assert!((hi - 50.0 - (50.0 - lo)).abs() < 1e-9, "symmetric around 50");
        assert!(hi >= 70.0 - 1e-9 && hi < 50.0 + 20.0 / RHO.sqrt(), "n = {n}: {hi}");
    }
}

#[test]
fn scale_of_prefers_the_measure() {
    let gas = content("Read");
    assert_eq!(scale_of(&gas), Scale::Gas);
    let measure = Measure { name: "pages".into(), baseline: 2.0, target: 10.0 };
    assert_eq!(scale_of(&GoalContent { measure: Some(measure.clone()), ..gas.clone() }), Scale::Measure);
    assert_eq!(scale_of(&GoalContent { gas: None, measure: Some(measure), ..gas }), Scale::Measure);
}

/// Pupil `p` with one active goal `g` and check-ins from everyone, written
/// out of order and including noise that must be ignored.
fn rated_db() -> Db {
    let mut db = team_db();
    let mut c = content("Read");
    c.measure = Some(Measure { name: "pages".into(), baseline: 2.0, target: 10.0 });
    active_goal(&mut db, "g", d("2024-02-01"), c);
    // Joined after the goal was agreed, so the goal stays active.
    db.people.push(person("o", Role::Other));
    db.members.push(member("p", "o", d("2024-02-02")));
    let ci = |id: &str, person: &str, on: &str, gas: Option<i8>, value: Option<f64>| {
        checkin(id, "g", "p", person, d(on), gas, value)
    };
    db.checkins = vec![
        ci("c1", "c", "2024-02-05", Some(-1), Some(3.0)),
        ci("t2", "t", "2024-02-20", Some(0), None),
        ci("p2", "p", "2024-02-19", Some(1), Some(6.0)),
        ci("t1", "t", "2024-02-06", Some(-1), Some(2.0)),
        ci("p1", "p", "2024-02-07", Some(-1), Some(4.0)),
        ci("o1", "o", "2024-02-08", None, Some(5.0)),
        ci("f1", "f", "2024-02-09", Some(0), None),
        ci("p3", "p", "2024-02-26", None, Some(8.0)),
        CheckIn { meta: Meta { deleted: true, ..meta("gone") }, ..ci("gone", "p", "2024-02-28", Some(-2), Some(0.0)) },
        checkin("other-goal", "h", "p", "p", d("2024-02-27"), Some(2), Some(99.0)),
        ci("x1", "nobody", "2024-02-10", Some(2), None),
    ]
    .into();
    db
}

fn points(series: &Series) -> Vec<(String, f64)> {
    series.points.iter().map(|(day, v)| (day.to_string(), *v)).collect()
}

#[test]
fn gas_series_keep_each_person_apart_pupil_first() {
    let db = rated_db();
    let goal = db.goal("g").unwrap();
    let series = series(&db, goal, Scale::Gas);
    let who: Vec<(&str, Role)> = series.iter().map(|s| (s.person_id.as_str(), s.role)).collect();
    // Pupil first, then by role (teacher, coach, parent, other); someone
    // unknown counts as Other. The other person gave only values, so has no GAS series.
    assert_eq!(
        who,
        [("p", Role::Pupil), ("t", Role::Teacher), ("c", Role::Coach), ("f", Role::Parent), ("nobody", Role::Other)]
    );
    assert_eq!(points(&series[0]), [("2024-02-07".to_string(), -1.0), ("2024-02-19".to_string(), 1.0)]);
    assert_eq!(points(&series[1]), [("2024-02-06".to_string(), -1.0), ("2024-02-20".to_string(), 0.0)]);
    assert_eq!(points(&series[2]), [("2024-02-05".to_string(), -1.0)]);
    assert_eq!(points(&series[3]), [("2024-02-09".to_string(), 0.0)]);
}

#[test]
fn measure_series_use_the_values() {
    let db = rated_db();
    let goal = db.goal("g").unwrap();
    let series = series(&db, goal, Scale::Measure);
    let who: Vec<&str> = series.iter().map(|s| s.person_id.as_str()).collect();
    assert_eq!(who, ["p", "t", "c", "o"]);
    assert_eq!(
        points(&series[0]),
        [("2024-02-07".to_string(), 4.0), ("2024-02-19".to_string(), 6.0), ("2024-02-26".to_string(), 8.0)]
    );
    assert_eq!(points(&series[1]), [("2024-02-06".to_string(), 2.0)]);
    assert_eq!(points(&series[3]), [("2024-02-08".to_string(), 5.0)]);
}

#[test]
fn series_of_a_goal_without_check_ins_is_empty() {
    let mut db = team_db();
    let goal = active_goal(&mut db, "g", d("2024-02-01"), content("Read"));
    assert!(series(&db, &goal, Scale::Gas).is_empty());
    assert_eq!(last_check_in(&db, "g"), None);
}

#[test]
fn last_check_in_is_the_latest_day_by_anyone() {
    let db = rated_db();
    // The deleted one (28th) and the other goal's (27th) do not count.
    assert_eq!(last_check_in(&db, "g"), Some(d("2024-02-26")));
    assert_eq!(last_check_in(&db, "h"), Some(d("2024-02-27")));
    assert_eq!(last_check_in(&db, "none"), None);
}

#[test]
fn team_scores_keep_pupil_and_adults_separate() {
    let mut db = team_db();
    let on = d("2024-02-01");
    // g1, weight 1: pupil's latest +1 (after −1), teacher's latest 0, coach's −1.
    active_goal(&mut db, "g1", on, content("One"));
    // g2, weight 2: only the pupil has rated it, +2.
    active_goal(&mut db, "g2", on, GoalContent { weight: 2.0, ..content("Two") });
    // Ignored: a proposed goal, an ended goal, a goal with only a measure,
    // an active goal without ratings, another pupil's goal.
    let (proposed, a) = rules::propose_goal(&db, "g3".into(), "g3-a".into(), "p", "t", on, content("Three")).unwrap();
    db.goals.push(proposed);
    db.agreements.push(a);
    let ended = active_goal(&mut db, "g4", on, content("Four"));
    let ended = rules::end_goal(&db, &ended, "t", d("2024-02-20"), Outcome::Achieved, "Done").unwrap();
    put_goal(&mut db, ended);
    let measure_only = GoalContent {
        gas: None,
        measure: Some(Measure { name: "pages".into(), baseline: 1.0, target: 5.0 }),
        ..content("Five")
    };
    active_goal(&mut db, "g5", on, measure_only);
    active_goal(&mut db, "g6", on, content("Six"));

    let ci = |id: &str, goal: &str, who: &str, day: &str, level: i8| {
        checkin(id, goal, "p", who, d(day), Some(level), Some(f64::from(level)))
    };
    db.checkins = vec![
        ci("1", "g1", "p", "2024-02-10", 1),
        ci("2", "g1", "p", "2024-02-03", -1),
        ci("3", "g1", "t", "2024-02-05", 0),
        ci("4", "g1", "c", "2024-02-06", -1),
        ci("5", "g2", "p", "2024-02-07", 2),
        ci("6", "g3", "p", "2024-02-07", -2),
        ci("7", "g4", "t", "2024-02-07", -2),
        ci("8", "g5", "t", "2024-02-07", -2),
    ]
    .into();

    let scores = team_scores(&db, "p");
    assert_eq!(scores.goals_counted, 2);
    // Pupil: g1 at +1 (w 1), g2 at +2 (w 2). Σwx = 1 + 4 = 5, Σw² = 5, Σw = 3:
    // √(3.5 + 2.7) = √6.2 = 2.489 979 9 → 50 + 50/2.489 979 9 = 70.080 483.
    close(scores.pupil, 70.080_483);
    // Adults: g1 only, mean of teacher 0 and coach −1 = −0.5 → 50 − 5 = 45.
    close(scores.adults, 45.0);
    // Everyone: g1 mean of +1, 0, −1 = 0; g2 at +2. Σwx = 0 + 4 = 4 over √6.2
    // → 50 + 40/2.489 979 9 = 66.064 386.
    close(scores.everyone, 66.064_386);

    assert_eq!(team_scores(&db, "nobody"), TeamScores::default());
}

#[test]
fn team_scores_without_adult_ratings_leave_the_adults_empty() {
    let mut db = team_db();
    active_goal(&mut db, "g", d("2024-02-01"), content("One"));
    db.checkins.push(checkin("1", "g", "p", "p", d("2024-02-03"), Some(0), None));
    let scores = team_scores(&db, "p");
    assert_eq!(scores, TeamScores { pupil: Some(50.0), adults: None, everyone: Some(50.0), goals_counted: 1 });
}

#[test]
fn team_scores_use_only_ratings_of_the_current_revision() {
    // GAS levels mean what the current wording says; a +2 given on the old
    // scale says nothing about the new one.
    let mut db = team_db();
    let goal = active_goal(&mut db, "g", d("2024-02-01"), content("Read"));
    db.checkins.push(checkin("old-p", "g", "p", "p", d("2024-02-10"), Some(2), None));
    db.checkins.push(checkin("old-t", "g", "p", "t", d("2024-02-11"), Some(1), None));
    assert_eq!(team_scores(&db, "p").pupil, Some(70.0));

    let revised_on = d("2024-03-01");
    let mut harder = content("Read a whole book");
    harder.gas = Some(gas_scale(0));
    let (revised, a) = rules::revise_goal(&db, "r2-t".into(), &goal, "t", revised_on, harder).unwrap();
    put_goal(&mut db, revised.clone());
    db.agreements.push(a);
    for who in ["p", "c", "f"] {
        let a = rules::agree(&db, format!("r2-{who}"), &revised, who, revised_on).unwrap();
        db.agreements.push(a);
    }
    assert_eq!(team_scores(&db, "p"), TeamScores::default(), "no ratings of revision 2 yet");

    db.checkins.push(checkin("new-p", "g", "p", "p", d("2024-03-05"), Some(0), None));
    // Pupil: 0 on the new scale → 50. The teacher's +1 was on the old scale: no adult score.
    assert_eq!(
        team_scores(&db, "p"),
        TeamScores { pupil: Some(50.0), adults: None, everyone: Some(50.0), goals_counted: 1 }
    );
    // The chart still shows the whole history.
    assert_eq!(series(&db, &revised, Scale::Gas)[0].points.len(), 2);
}
