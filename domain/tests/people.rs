//! The start page's list of people: pupils first, then adults, each in the
//! order of names it is given.
mod common;

use common::named;
use domain::{Db, Role};

fn names(db: &Db, by_name: impl Fn(&str, &str) -> std::cmp::Ordering) -> Vec<String> {
    db.people_sorted_by(by_name).into_iter().map(|p| p.name.clone()).collect()
}

#[test]
fn pupils_come_first_then_adults_each_in_the_order_of_names_given() {
    let db = Db {
        people: vec![
            named("t", "Åse Holm", Role::Teacher),
            named("p1", "Zara", Role::Pupil),
            named("c", "Bo", Role::Coach),
            named("p2", "adam", Role::Pupil),
            named("p3", "Øjvind", Role::Pupil),
        ]
        .into(),
        ..Db::default()
    };
    assert_eq!(names(&db, |a, b| a.cmp(b)), ["Zara", "adam", "Øjvind", "Bo", "Åse Holm"]);
    assert_eq!(
        names(&db, |a, b| a.to_lowercase().cmp(&b.to_lowercase())),
        ["adam", "Zara", "Øjvind", "Bo", "Åse Holm"]
    );
    assert_eq!(names(&db, |a, b| b.cmp(a)), ["Øjvind", "adam", "Zara", "Åse Holm", "Bo"]);
}

#[test]
fn names_found_equal_keep_their_order_and_deleted_people_are_left_out() {
    let mut gone = named("p0", "Ali", Role::Pupil);
    gone.meta.deleted = true;
    let db = Db {
        people: vec![named("p1", "Emma", Role::Pupil), gone, named("p2", "emma", Role::Pupil)].into(),
        ..Db::default()
    };
    let ids: Vec<&str> =
        db.people_sorted_by(|_, _| std::cmp::Ordering::Equal).into_iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2"]);
}
