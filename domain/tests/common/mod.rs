//! Small builders shared by the integration tests. Each test file uses a
//! different subset, hence the `dead_code` allowance.
#![allow(dead_code)]

use domain::*;

/// A date from `YYYY-MM-DD`, panicking on typos in the tests themselves.
pub fn d(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

pub fn meta(id: &str) -> Meta {
    Meta { client_id: id.to_string(), version: 1, ..Meta::default() }
}

pub fn person(id: &str, role: Role) -> Person {
    Person {
        id: id.to_string(),
        name: id.to_string(),
        role,
        organisation: String::new(),
        moderator: false,
        meta: meta(id),
    }
}

pub fn named(id: &str, name: &str, role: Role) -> Person {
    Person { name: name.to_string(), ..person(id, role) }
}

pub fn member(pupil: &str, person: &str, since: Date) -> Member {
    let id = format!("member-{pupil}-{person}");
    Member { id: id.clone(), pupil_id: pupil.to_string(), person_id: person.to_string(), since, meta: meta(&id) }
}

pub fn gas_scale(current: i8) -> GasScale {
    GasScale {
        levels: [
            "Much less than expected".to_string(),
            "Less than expected".to_string(),
            "Expected".to_string(),
            "More than expected".to_string(),
            "Much more than expected".to_string(),
        ],
        current: GasLevel::new(current).unwrap(),
    }
}

/// A GAS goal with review date 2030-01-01.
pub fn content(title: &str) -> GoalContent {
    GoalContent {
        title: title.to_string(),
        why: "Because it matters".to_string(),
        gas: Some(gas_scale(-1)),
        measure: None,
        contributions: Vec::new(),
        review_date: d("2030-01-01"),
        strength_ids: Vec::new(),
        weight: 1.0,
    }
}

/// The day the standard team was formed.
pub const TEAM_SINCE: &str = "2024-01-10";

/// Pupil `p` with teacher `t`, coach `c` and parent `f`, all members since
/// [`TEAM_SINCE`]; `x` is a person outside the team.
pub fn team_db() -> Db {
    let since = d(TEAM_SINCE);
    Db {
        people: vec![
            person("p", Role::Pupil),
            person("t", Role::Teacher),
            person("c", Role::Coach),
            person("f", Role::Parent),
            person("x", Role::Teacher),
        ]
        .into(),
        members: vec![member("p", "t", since), member("p", "c", since), member("p", "f", since)].into(),
        ..Db::default()
    }
}

/// Replaces (or inserts) a goal in the database.
pub fn put_goal(db: &mut Db, goal: Goal) {
    match db.goals.iter_mut().find(|g| g.id == goal.id) {
        Some(slot) => *slot = goal,
        None => db.goals.push(goal),
    }
}

/// A goal proposed by `t` for `p` on `on` and agreed by everyone in the
/// standard team on the same day, written into the database.
pub fn active_goal(db: &mut Db, id: &str, on: Date, content: GoalContent) -> Goal {
    let (goal, first) =
        rules::propose_goal(db, id.to_string(), format!("{id}-agree-t"), "p", "t", on, content).unwrap();
    db.goals.push(goal.clone());
    db.agreements.push(first);
    for who in ["p", "c", "f"] {
        let a = rules::agree(db, format!("{id}-agree-{who}"), &goal, who, on).unwrap();
        db.agreements.push(a);
    }
    assert_eq!(rules::goal_status(db, &goal), rules::GoalStatus::Active);
    goal
}

pub fn checkin(
    id: &str,
    goal: &str,
    pupil: &str,
    person: &str,
    on: Date,
    gas: Option<i8>,
    value: Option<f64>,
) -> CheckIn {
    CheckIn {
        id: id.to_string(),
        goal_id: goal.to_string(),
        pupil_id: pupil.to_string(),
        person_id: person.to_string(),
        on,
        gas: gas.map(|g| GasLevel::new(g).unwrap()),
        value,
        note: String::new(),
        mood: None,
        visible_to: None,
        meta: Meta { updated_at: format!("{on}T12:00:00Z"), ..meta(id) },
    }
}
