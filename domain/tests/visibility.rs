//! Items kept to chosen members (`visibleTo`), and the pupil's data export.

mod common;

use common::d;
use domain::export::{goals_csv, may_export, pupil_export, GOAL_COLUMNS};
use domain::visibility::*;
use domain::*;

fn fixture() -> Db {
    serde_json::from_str(include_str!("../../e2e/fixtures/report.json")).expect("fixture parses")
}

fn checkin(db: &Db, id: &str) -> CheckIn {
    db.checkins.iter().find(|c| c.id == id).cloned().expect("check-in in the fixture")
}

fn private_checkin(db: &Db) -> CheckIn {
    db.checkins.iter().find(|c| c.visible_to.is_some()).cloned().expect("a private check-in")
}

#[test]
fn a_shared_item_is_seen_by_whoever_may_open_the_goal() {
    let db = fixture();
    let shared = checkin(&db, "ci-02"); // p1's own, 2025-10-01
    for viewer in ["p1", "tA", "cX", "f1", "", "tB"] {
        assert!(can_see(&db, viewer, &shared), "{viewer}");
    }
}

#[test]
fn a_private_item_is_seen_by_the_pupil_author_and_chosen_only() {
    let db = fixture();
    let private = private_checkin(&db);
    assert_eq!(private.visible_to, Some(vec!["tA".to_string()]));
    assert!(can_see(&db, "p1", &private));
    assert!(can_see(&db, "tA", &private));
    for viewer in ["cX", "f1", "tB", "lead", ""] {
        assert!(!can_see(&db, viewer, &private), "{viewer}");
    }
    // The author always sees their own, even an adult whose item someone restricted.
    let mut by_adult = private.clone();
    by_adult.person_id = "cX".into();
    by_adult.visible_to = Some(Vec::new());
    assert!(can_see(&db, "cX", &by_adult));
    assert!(can_see(&db, "p1", &by_adult));
    assert!(!can_see(&db, "tA", &by_adult));
    // A chosen person who left the team sees it no more.
    let mut left = db.clone();
    left.members.retain(|m| !(m.pupil_id == "p1" && m.person_id == "tA"));
    assert!(!can_see(&left, "tA", &private));
}

#[test]
fn comments_follow_the_same_rule() {
    let db = fixture();
    let private = db.comments.iter().find(|c| c.id == "k-1").unwrap();
    assert!(can_see(&db, "tA", private) && can_see(&db, "p1", private));
    assert!(!can_see(&db, "f1", private) && !can_see(&db, "cX", private));
    let shared = db.comments.iter().find(|c| c.id == "k-2").unwrap();
    assert!(can_see(&db, "f1", shared));
}

#[test]
fn visible_db_leaves_out_what_the_viewer_may_not_see() {
    let db = fixture();
    let for_coach = visible_db(&db, "cX");
    assert!(for_coach.checkins.iter().all(|c| c.visible_to.is_none()));
    assert!(for_coach.comments.iter().all(|c| c.id != "k-1"));
    let for_teacher = visible_db(&db, "tA");
    assert!(for_teacher.checkins.iter().any(|c| c.visible_to.is_some()));
    // Nobody chosen on the device, or a leader: shared items only.
    for viewer in ["", "lead"] {
        let seen = visible_db(&db, viewer);
        assert!(seen.checkins.iter().all(|c| c.visible_to.is_none()));
        assert_eq!(seen.comments.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["k-2"]);
        assert_eq!(seen.goals, db.goals);
    }
}

#[test]
fn hides_anything_says_exactly_when_visible_db_leaves_something_out() {
    let db = fixture();
    for viewer in ["", "lead", "cX", "tA"] {
        let seen = visible_db(&db, viewer);
        let left_out = seen.checkins.len() < db.checkins.len() || seen.comments.len() < db.comments.len();
        assert_eq!(hides_anything(&db, viewer), left_out, "viewer {viewer:?}");
    }
    assert!(hides_anything(&db, "cX"));
    let mut shared = db.clone();
    shared.checkins.iter_mut().for_each(|c| c.visible_to = None);
    shared.comments.iter_mut().for_each(|c| c.visible_to = None);
    assert!(!hides_anything(&shared, "cX"));
}

#[test]
fn only_the_pupil_restricts_and_only_to_the_team() {
    let db = fixture();
    let goal = db.goal("g1").unwrap();
    assert!(may_restrict(&db, "p1", goal));
    assert!(!may_restrict(&db, "tA", goal));
    let chosen = ["tA", "tA", "p1", "tB", "lead", "f1"].map(String::from);
    assert_eq!(audience(&db, "p1", "p1", &chosen), ["tA", "f1"]);
}

#[test]
fn private_items_are_grouped_by_who_may_see_them() {
    let db = fixture();
    assert_eq!(private_items(&db, "p1", "p1"), [(vec!["tA".to_string()], 1, 1)]);
    assert_eq!(private_items(&db, "tA", "p1"), [(vec!["tA".to_string()], 1, 1)]);
    assert!(private_items(&db, "f1", "p1").is_empty());
}

#[test]
fn old_records_without_visible_to_are_for_the_whole_team() {
    let mut json: serde_json::Value = serde_json::to_value(checkin(&fixture(), "ci-02")).unwrap();
    assert!(json.get("visibleTo").is_none(), "None is not written");
    json["visibleTo"] = serde_json::json!(["tA"]);
    let back: CheckIn = serde_json::from_value(json).unwrap();
    assert_eq!(back.visible_to, Some(vec!["tA".to_string()]));
}

#[test]
fn only_the_pupil_and_parents_export() {
    let db = fixture();
    assert!(may_export(&db, "p1", "p1"));
    assert!(may_export(&db, "f1", "p1"));
    for viewer in ["tA", "cX", "lead", "p2", "nobody"] {
        assert!(!may_export(&db, viewer, "p1"), "{viewer}");
        assert!(pupil_export(&db, viewer, "p1", d("2026-03-01")).is_none());
        assert!(goals_csv(&db, viewer, "p1").is_none());
    }
    assert!(!may_export(&db, "p1", "tA"), "only pupils' data is exported");
}

#[test]
fn the_export_respects_visibility() {
    let db = fixture();
    let by_pupil = pupil_export(&db, "p1", "p1", d("2026-03-01")).unwrap();
    assert_eq!(by_pupil.checkins.len(), 5);
    assert_eq!(by_pupil.comments.len(), 2);
    let by_parent = pupil_export(&db, "f1", "p1", d("2026-03-01")).unwrap();
    assert_eq!(by_parent.checkins.len(), 4);
    assert!(by_parent.checkins.iter().all(|c| c.visible_to.is_none()));
    assert_eq!(by_parent.comments.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["k-2"]);
    // Only p1's records; the people named in them.
    assert!(by_parent.goals.iter().all(|g| g.pupil_id == "p1"));
    let mut names: Vec<&str> = by_parent.people.iter().map(|p| p.id.as_str()).collect();
    names.sort();
    assert_eq!(names, ["cX", "f1", "p1", "tA"]);
    let json = serde_json::to_value(&by_parent).unwrap();
    assert_eq!(json["format"], "samspil-pupil-export");
    assert_eq!(json["formatVersion"], 1);
    assert_eq!(json["exportedOn"], "2026-03-01");
}

#[test]
fn goals_csv_has_a_row_per_goal() {
    let db = fixture();
    let csv = goals_csv(&db, "f1", "p2").is_none();
    assert!(csv, "f1 is not p2's parent");
    let by_pupil = goals_csv(&db, "p1", "p1").unwrap();
    let lines: Vec<&str> = by_pupil.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], GOAL_COLUMNS.join(","));
    assert_eq!(lines.len(), 2);
    // The pupil sees their private −2 as their latest; the parent does not.
    assert!(lines[1].starts_with("g1,Goal g1,,active,1,Teacher A,2025-09-01,2025-09-03,2026-06-01,-1,"));
    assert!(lines[1].contains(",-0.33,"), "{}", lines[1]);
    assert!(lines[1].ends_with(",5,2,,,"), "{}", lines[1]);
    let by_parent = goals_csv(&db, "f1", "p1").unwrap();
    assert!(by_parent.contains(",1.00,"), "{by_parent}");
    assert!(by_parent.contains(",4,1,,,"), "{by_parent}");
}

#[test]
fn a_leader_is_never_in_a_team() {
    let mut db = fixture();
    let leader = db.person("lead").cloned().unwrap();
    assert_eq!(leader.role, Role::Leader);
    assert!(!leader.role.joins_teams() && !Role::Pupil.joins_teams() && Role::Coach.joins_teams());
    assert_eq!(rules::may_add_member(&db, "p1", "p1", &leader), Err(rules::RuleError::LeadersAreNotMembers));
    // Even a member record arriving from elsewhere does not make them one.
    db.members.push(common::member("p1", "lead", d("2025-08-15")));
    assert!(!db.is_in_team("p1", "lead"));
    assert!(db.team("p1").iter().all(|p| p.id != "lead"));
    assert!(!rules::required_agreers(&db, db.goal("g1").unwrap()).contains(&"lead".to_string()));
    assert_eq!(leader.role.party(), Party::Other);
}
