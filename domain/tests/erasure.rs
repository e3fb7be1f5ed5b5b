//! Erasing a pupil: who may ask, which records go, and the trace that stays.

mod common;

use domain::erasure::*;
use domain::*;

fn demo() -> Db {
    demo::demo_data(Date::parse("2026-11-26").unwrap())
}

/// Every id anywhere in the database, as JSON text, for "no trace" checks.
fn text_of(db: &Db) -> String {
    serde_json::to_string(db).unwrap()
}

#[test]
fn who_may_ask_to_erase_a_pupil() {
    let db = demo();
    assert_eq!(may_erase(&db, "pupil-emma", "pupil-emma"), Ok(()), "the pupil");
    assert_eq!(may_erase(&db, "pupil-emma", "parent-karin"), Ok(()), "their parent");
    assert_eq!(may_erase(&db, "pupil-emma", "teacher-mette"), Ok(()), "a teacher in their team");
    assert_eq!(may_erase(&db, "pupil-emma", "coach-sofie"), Err(EraseError::NotAllowed), "not the coach");
    assert_eq!(may_erase(&db, "pupil-emma", "teacher-jonas"), Err(EraseError::NotAllowed), "not another teacher");
    assert_eq!(may_erase(&db, "pupil-emma", "parent-thomas"), Err(EraseError::NotAllowed), "not another parent");
    assert_eq!(may_erase(&db, "pupil-emma", "pupil-noah"), Err(EraseError::NotAllowed), "not another pupil");
    assert_eq!(may_erase(&db, "teacher-mette", "teacher-mette"), Err(EraseError::NotAPupil));
    assert_eq!(may_erase(&db, "nobody", "teacher-mette"), Err(EraseError::NotAPupil));
}

#[test]
fn every_record_of_the_pupil_and_nothing_else_is_selected() {
    let mut db = demo();
    // A tombstone is a record too.
    let mut old = db.comments.iter().find(|c| c.goal_id.starts_with("goal-emma")).unwrap().clone();
    old.id = "comment-emma-removed".into();
    old.meta.deleted = true;
    db.comments.push(old);

    let list = records_of_pupil(&db, "pupil-emma");
    let ids: Vec<&str> = list.iter().map(|(_, id)| id.as_str()).collect();
    assert!(ids.contains(&"pupil-emma"));
    assert!(ids.contains(&"comment-emma-removed"));
    assert!(ids.contains(&"peername-comic-fox"));
    assert!(ids.contains(&"post-split-homework"));
    assert!(ids.contains(&"post-split-homework-reply"), "Noah's reply to Emma's post goes too");
    assert!(ids.contains(&"helped-split-homework-goalkeeper7"), "marks on her posts go");
    assert!(ids.contains(&"moderation-split-homework"), "decisions on her posts go");
    for goal in db.goals.iter().filter(|g| g.pupil_id == "pupil-emma") {
        assert!(ids.contains(&goal.id.as_str()));
        for a in db.agreements.iter().filter(|a| a.goal_id == goal.id) {
            assert!(ids.contains(&a.id.as_str()), "{}", a.id);
        }
        for c in db.checkins.iter().filter(|c| c.goal_id == goal.id) {
            assert!(ids.contains(&c.id.as_str()), "{}", c.id);
        }
    }
    for m in db.members.iter().filter(|m| m.pupil_id == "pupil-emma") {
        assert!(ids.contains(&m.id.as_str()));
    }
    for s in db.strengths.iter().filter(|s| s.pupil_id == "pupil-emma") {
        assert!(ids.contains(&s.id.as_str()));
    }
    // Nobody else's.
    assert!(!ids.contains(&"teacher-mette"), "the adults stay");
    assert!(!ids.contains(&"post-first-match"));
    assert!(!ids.iter().any(|id| id.contains("noah") && !id.contains("split-homework")), "{ids:?}");

    // Dependants come before what they depend on.
    let at = |id: &str| ids.iter().position(|i| *i == id).unwrap();
    assert!(at("post-split-homework-reply") < at("post-split-homework"));
    assert!(at("helped-split-homework-goalkeeper7") < at("post-split-homework"));
    assert!(ids.iter().position(|i| i.starts_with("checkin-")).unwrap() < at("goal-emma-reading"));
    assert_eq!(ids.last(), Some(&"pupil-emma"));

    let counts = counts(&list);
    assert_eq!(counts[0], ("people", 1));
    assert!(counts.iter().any(|(c, n)| *c == "posts" && *n == 2));
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), list.len());
}

#[test]
fn purging_leaves_no_trace_of_the_pupil() {
    let mut db = demo();
    let before = text_of(&db);
    assert!(before.contains("pupil-emma"));
    let list = records_of_pupil(&db, "pupil-emma");
    purge(&mut db, &list);
    let after = text_of(&db);
    assert!(!after.contains("pupil-emma"), "no record names her any more");
    assert!(!after.contains("Comic Fox"), "nor her pseudonym");
    assert!(db.person("pupil-noah").is_some(), "the others are all there");
    assert_eq!(db.goals_of("pupil-noah").len(), demo().goals_of("pupil-noah").len());
    assert!(records_of_pupil(&db, "pupil-emma").is_empty());
}

#[test]
fn the_erasure_record_names_nobody_but_recognises_the_pupil() {
    let mut db = demo();
    let erasure = erasure_of("e1".into(), "pupil-emma", Date::parse("2026-11-26").unwrap());
    assert!(!serde_json::to_string(&erasure).unwrap().to_lowercase().contains("emma"));
    assert_eq!(erasure.pupil_hash.len(), 64);
    assert_ne!(pupil_hash("pupil-emma"), pupil_hash("pupil-noah"));
    db.erasures.push(erasure);
    // A device that had not heard of the erasure still holds her records.
    assert_eq!(erased_pupils_present(&db), vec!["pupil-emma".to_string()]);
    let list = records_of_pupil(&db, "pupil-emma");
    purge(&mut db, &list);
    assert!(erased_pupils_present(&db).is_empty());
    // A late check-in from an offline device is recognised by its pupil id alone.
    let mut late = demo().checkins.into_iter().find(|c| c.pupil_id == "pupil-emma").unwrap();
    late.id = "late".into();
    db.checkins.push(late);
    assert_eq!(erased_pupils_present(&db), vec!["pupil-emma".to_string()]);
}

#[test]
fn sha256_matches_the_standard_test_vectors() {
    let hex = |bytes: [u8; 32]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    assert_eq!(hex(sha256(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(hex(sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(
        hex(sha256(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" // two blocks
    );
}

/// The demo as a server that keeps pupils apart serves it to Noah: Emma's
/// person id replaced by her alias in her peer-space records.
fn aliased_for_noah(alias: &str) -> Db {
    let mut db = demo();
    for name in db.peer_names.iter_mut().filter(|n| n.person_id == "pupil-emma") {
        name.person_id = alias.to_string();
    }
    for post in db.posts.iter_mut().filter(|p| p.person_id == "pupil-emma") {
        post.person_id = alias.to_string();
    }
    db.people.retain(|p| p.id != "pupil-emma");
    db
}

#[test]
fn an_erasure_naming_a_pupils_alias_purges_what_others_hold_of_her() {
    let alias = format!("{}{}", peer::PUPIL_ALIAS_PREFIX, "0123456789abcdef0123456789abcdef");
    let mut db = aliased_for_noah(&alias);
    assert!(erased_pupils_present(&db).is_empty());
    // The server leaves a second trace, of the alias, beside the one of her id.
    db.erasures.push(erasure_of("e1".into(), "pupil-emma", Date::parse("2026-11-26").unwrap()));
    db.erasures.push(erasure_of("e2".into(), &alias, Date::parse("2026-11-26").unwrap()));
    assert!(erased_pupils_present(&db).contains(&alias));
    let list = records_of_pupil(&db, &alias);
    let ids: Vec<&str> = list.iter().map(|(_, id)| id.as_str()).collect();
    assert!(ids.contains(&"post-split-homework") && ids.contains(&"post-split-homework-reply"), "{ids:?}");
    assert!(ids.contains(&"peername-comic-fox"));
    purge(&mut db, &list);
    assert!(!text_of(&db).contains(&alias));
    assert!(!text_of(&db).contains("Comic Fox"));
    assert!(db.post("post-first-match").is_some(), "Noah's own post stays");
}
