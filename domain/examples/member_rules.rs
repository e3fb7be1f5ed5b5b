//! Prints, as JSON, who may add whom to a team and who may take whom out,
//! as `domain::rules` decides it, for every combination of a small cast: the
//! PocketBase hooks (`server/pocketbase/pb_hooks/team_rules.js`) must decide
//! every case the same way, and `e2e/attack.test.mjs` checks that they do.
//!
//! `cargo run -p domain --example member_rules`
//!
//! The cast has a pupil with a team (a teacher, a parent, a removed coach, a
//! leader and a person the server has never heard of named by member
//! records), another pupil, one adult of each role outside the team, and a
//! removed person. A case's result is `"ok"` or the `RuleError`'s name;
//! `"NoSuchPerson"` when the person to add is not there (the app and the
//! server look them up first).
use domain::rules::{may_add_member, may_remove_member};
use domain::{Date, Db, Member, Meta, Person, Role};
use serde_json::{json, Value};
use std::io::Write;

fn person(id: &str, role: Role, deleted: bool) -> Person {
    let meta = Meta { deleted, ..Meta::default() };
    Person { id: id.into(), name: id.into(), role, organisation: String::new(), moderator: false, meta }
}

fn member(pupil: &str, person: &str, since: Date, deleted: bool) -> Member {
    let meta = Meta { deleted, ..Meta::default() };
    Member { id: format!("m-{pupil}-{person}"), pupil_id: pupil.into(), person_id: person.into(), since, meta }
}

fn outcome(result: Result<(), domain::rules::RuleError>) -> Value {
    match result {
        Ok(()) => json!("ok"),
        Err(error) => json!(format!("{error:?}")),
    }
}

fn main() {
    let Some(since) = Date::new(2026, 8, 1) else { return };
    let mut db = Db::default();
    let cast = [
        ("ida", Role::Pupil, false),
        ("noah", Role::Pupil, false),
        ("mette", Role::Teacher, false),
        ("mum", Role::Parent, false),
        ("karim", Role::Coach, false),
        ("lone", Role::Leader, false),
        ("jonas", Role::Teacher, false),
        ("sofie", Role::Coach, false),
        ("dad", Role::Parent, false),
        ("aunt", Role::Other, false),
        ("lars", Role::Leader, false),
        ("gone", Role::Teacher, true),
    ];
    for (id, role, deleted) in cast {
        db.people.push(person(id, role, deleted));
    }
    // Ida's team: Mette and Mum; Karim left; a leader and an unknown id named
    // by member records that arrived from elsewhere; Noah's team: Jonas.
    for (pupil, who, deleted) in [
        ("ida", "mette", false),
        ("ida", "mum", false),
        ("ida", "karim", true),
        ("ida", "lone", false),
        ("ida", "stranger", false),
        ("ida", "gone", false),
        ("noah", "jonas", false),
    ] {
        db.members.push(member(pupil, who, since, deleted));
    }
    let ids: Vec<&str> = cast.iter().map(|(id, _, _)| *id).chain(["stranger"]).collect();
    let mut additions = Vec::new();
    for pupil in &ids {
        for by in &ids {
            for added in &ids {
                let result = match db.person(added) {
                    Some(person) => outcome(may_add_member(&db, pupil, by, person)),
                    None => json!("NoSuchPerson"),
                };
                additions.push(json!({"pupilId": pupil, "by": by, "personId": added, "result": result}));
            }
        }
    }
    let mut removals = Vec::new();
    for member in db.members.iter() {
        for by in &ids {
            let result = outcome(may_remove_member(member, by));
            removals.push(json!({"memberId": member.id, "by": by, "result": result}));
        }
    }
    let out = json!({"people": db.people, "members": db.members, "additions": additions, "removals": removals});
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = writeln!(std::io::stdout(), "{out}");
}
