//! The peer space: who sees which post, moderation, marks and reports, and
//! pseudonyms that never give a pupil away.

mod common;

use common::*;
use domain::peer::*;
use domain::validate::Problem;
use domain::*;

/// Two pupils, a moderating teacher and a coach who does not moderate.
fn space() -> Db {
    let mut teacher = named("t", "Mette Hansen", Role::Teacher);
    teacher.moderator = true;
    let mut db = Db {
        people: vec![
            named("a", "Emma", Role::Pupil),
            named("b", "Noah", Role::Pupil),
            teacher,
            named("c", "Ali Hassan", Role::Coach),
        ]
        .into(),
        ..Db::default()
    };
    for (person, pseudonym) in [("a", "Comic Fox"), ("b", "Rocket")] {
        db.peer_names.push(PeerName {
            id: format!("n-{person}"),
            person_id: person.into(),
            pseudonym: pseudonym.into(),
            meta: meta(person),
        });
    }
    db
}

fn post(db: &mut Db, id: &str, by: &str, reply_to: Option<&str>) -> Post {
    let post =
        write_post(db, id.into(), by, d("2026-11-20"), Topic::School, PostKind::Tip, "Split it up", reply_to).unwrap();
    db.posts.push(post.clone());
    post
}

fn decide(db: &mut Db, post: &Post, decision: Decision, at: &str) {
    let id = format!("m-{}-{at}", post.id);
    let m = moderate(db, id, post, "t", decision, "Names a classmate", at).unwrap();
    db.moderations.push(m);
}

#[test]
fn a_leader_appoints_moderators_among_the_professionals() {
    let mut db = space();
    db.people.push(named("l", "Birgit Lund", Role::Leader));
    db.people.push(named("p", "Lars", Role::Parent));
    let names: Vec<&str> = moderator_candidates(&db).iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ali Hassan", "Birgit Lund", "Mette Hansen"], "adults who work with young people, by name");

    let coach = appoint_moderator(&db, "l", "c", true).unwrap();
    assert!(coach.moderator && is_moderator(&coach));
    assert_eq!(coach.name, "Ali Hassan", "only the moderator mark changes");
    assert_eq!(appoint_moderator(&db, "l", "t", true), Err(PeerError::AlreadyDone));
    assert!(!appoint_moderator(&db, "l", "t", false).unwrap().moderator, "a leader ends it too");

    assert_eq!(appoint_moderator(&db, "t", "c", true), Err(PeerError::NotAllowed), "a moderator does not appoint");
    assert_eq!(appoint_moderator(&db, "l", "p", true), Err(PeerError::NotAllowed), "parents do not moderate");
    assert_eq!(appoint_moderator(&db, "l", "a", true), Err(PeerError::NotAllowed), "pupils do not moderate");
    assert_eq!(appoint_moderator(&db, "l", "nobody", true), Err(PeerError::NotAllowed));

    let mut parent = named("q", "Lars", Role::Parent);
    parent.moderator = true;
    assert!(!is_moderator(&parent), "a parent marked as moderator in old data does not moderate");
}

#[test]
fn who_may_use_the_peer_space() {
    let db = space();
    assert!(may_use_peer_space(db.person("a").unwrap()));
    assert!(may_use_peer_space(db.person("t").unwrap()));
    assert!(!may_use_peer_space(db.person("c").unwrap()), "a coach who does not moderate stays out");
    let mut pupil = named("p", "Ida", Role::Pupil);
    pupil.moderator = true;
    assert!(!is_moderator(&pupil), "pupils never moderate");
}

#[test]
fn a_new_post_is_seen_only_by_its_author_and_moderators_until_approved() {
    let mut db = space();
    let p = post(&mut db, "p1", "a", None);
    assert_eq!(post_state(&db, &p), PostState::Pending);
    assert!(can_see(&db, &p, "a"), "the author sees their own post, waiting");
    assert!(can_see(&db, &p, "t"), "the moderator sees it to approve it");
    assert!(!can_see(&db, &p, "b"), "another pupil does not");
    assert!(!can_see(&db, &p, "c"), "nor does an adult who is not a moderator");
    assert!(posts_on(&db, Topic::School, "b").is_empty());

    decide(&mut db, &p, Decision::Approve, "2026-11-21T10:00:00Z");
    assert_eq!(post_state(&db, &p), PostState::Approved);
    assert!(can_see(&db, &p, "b"));
    assert!(!can_see(&db, &p, "c"));
    assert_eq!(posts_on(&db, Topic::School, "b").len(), 1);
    assert!(posts_on(&db, Topic::Sport, "b").is_empty(), "grouped by topic");
}

#[test]
fn a_hidden_post_disappears_for_pupils_but_its_author_sees_why() {
    let mut db = space();
    let p = post(&mut db, "p1", "a", None);
    decide(&mut db, &p, Decision::Approve, "2026-11-21T10:00:00Z");
    decide(&mut db, &p, Decision::Hide, "2026-11-22T10:00:00Z");
    assert_eq!(post_state(&db, &p), PostState::Hidden("Names a classmate".into()));
    assert!(!can_see(&db, &p, "b"));
    assert!(can_see(&db, &p, "a"));
    assert!(can_see(&db, &p, "t"));
}

#[test]
fn the_newest_decision_counts_and_on_a_tie_hiding_wins() {
    let mut db = space();
    let p = post(&mut db, "p1", "a", None);
    decide(&mut db, &p, Decision::Hide, "2026-11-21T10:00:00Z");
    decide(&mut db, &p, Decision::Approve, "2026-11-22T10:00:00Z");
    assert_eq!(post_state(&db, &p), PostState::Approved);
    decide(&mut db, &p, Decision::Hide, "2026-11-22T10:00:00Z");
    assert!(matches!(post_state(&db, &p), PostState::Hidden(_)));
}

#[test]
fn only_moderators_decide_and_hiding_needs_a_reason() {
    let mut db = space();
    let p = post(&mut db, "p1", "a", None);
    assert_eq!(moderate(&db, "m".into(), &p, "c", Decision::Approve, "", "x"), Err(PeerError::NotAllowed));
    assert_eq!(moderate(&db, "m".into(), &p, "b", Decision::Approve, "", "x"), Err(PeerError::NotAllowed));
    assert_eq!(moderate(&db, "m".into(), &p, "t", Decision::Hide, "  ", "x"), Err(PeerError::Text(Problem::Required)));
    // A decision record forged by someone who is not a moderator never counts.
    db.moderations.push(Moderation {
        id: "forged".into(),
        post_id: p.id.clone(),
        person_id: "b".into(),
        decision: Decision::Approve,
        reason: String::new(),
        at: "2030-01-01T00:00:00Z".into(),
        meta: meta("forged"),
    });
    assert_eq!(post_state(&db, &p), PostState::Pending);
}

#[test]
fn replies_follow_their_post_and_are_moderated_too() {
    let mut db = space();
    let p = post(&mut db, "p1", "a", None);
    decide(&mut db, &p, Decision::Approve, "2026-11-21T10:00:00Z");
    let r = post(&mut db, "r1", "b", Some("p1"));
    assert_eq!(r.topic, Topic::School);
    assert!(replies_to(&db, "p1", "a").is_empty(), "the reply waits for a moderator");
    assert_eq!(replies_to(&db, "p1", "b").len(), 1, "its author sees it");
    decide(&mut db, &r, Decision::Approve, "2026-11-21T11:00:00Z");
    assert_eq!(replies_to(&db, "p1", "a").len(), 1);
    // Hiding the post hides its replies from other pupils.
    decide(&mut db, &p, Decision::Hide, "2026-11-22T10:00:00Z");
    assert!(!can_see(&db, &r, "b"), "the reply hangs on a post the replier cannot see");
    assert_eq!(
        write_post(&db, "r2".into(), "b", d("2026-11-23"), Topic::Other, PostKind::Tip, "Hi", Some("p1")),
        Err(PeerError::NotVisible)
    );
    assert_eq!(
        write_post(&db, "r3".into(), "a", d("2026-11-23"), Topic::Other, PostKind::Tip, "Hi", Some("r1")),
        Err(PeerError::ReplyToReply)
    );
}

#[test]
fn only_pupils_with_a_pseudonym_write_and_text_is_checked() {
    let mut db = space();
    let write = |db: &Db, by: &str, text: &str| {
        write_post(db, "x".into(), by, d("2026-11-20"), Topic::School, PostKind::Question, text, None)
    };
    assert_eq!(write(&db, "t", "Hello"), Err(PeerError::NotAllowed), "moderators do not post");
    assert_eq!(write(&db, "c", "Hello"), Err(PeerError::NotAllowed));
    db.people.push(named("e", "Freja", Role::Pupil));
    assert_eq!(write(&db, "e", "Hello"), Err(PeerError::NoPseudonym));
    assert_eq!(write(&db, "a", "   "), Err(PeerError::Text(Problem::Required)));
    assert_eq!(write(&db, "a", &"x".repeat(POST_MAX + 1)), Err(PeerError::Text(Problem::TooLong { max: POST_MAX })));
    assert_eq!(write(&db, "a", "bad\u{7}bell"), Err(PeerError::Text(Problem::BadCharacters)));
    assert_eq!(write(&db, "a", "  <b>plain</b>  ").unwrap().text, "<b>plain</b>", "kept as typed, shown as text");
}

#[test]
fn pupils_mark_and_report_approved_posts_of_others_once() {
    let mut db = space();
    let p = post(&mut db, "p1", "a", None);
    assert_eq!(mark_helped(&db, "h".into(), &p, "b"), Err(PeerError::NotVisible), "not approved yet");
    decide(&mut db, &p, Decision::Approve, "2026-11-21T10:00:00Z");
    assert_eq!(mark_helped(&db, "h".into(), &p, "a"), Err(PeerError::OwnPost));
    assert_eq!(mark_helped(&db, "h".into(), &p, "t"), Err(PeerError::NotAllowed));
    let h = mark_helped(&db, "h".into(), &p, "b").unwrap();
    db.helped.push(h.clone());
    assert_eq!(helped_count(&db, "p1"), 1);
    assert_eq!(mark_helped(&db, "h2".into(), &p, "b"), Err(PeerError::AlreadyDone));
    // Taking it back tombstones the mark.
    db.helped[0].meta.deleted = true;
    assert_eq!(helped_count(&db, "p1"), 0);

    let r = report(&db, "r".into(), &p, "b", "2026-11-22T10:00:00Z").unwrap();
    db.reports.push(r);
    assert_eq!(report(&db, "r2".into(), &p, "b", "2026-11-22T11:00:00Z"), Err(PeerError::AlreadyDone));
    assert_eq!(report(&db, "r3".into(), &p, "a", "2026-11-22T11:00:00Z"), Err(PeerError::OwnPost));
}

#[test]
fn the_queue_holds_new_posts_and_reported_ones_until_decided() {
    let mut db = space();
    let p1 = post(&mut db, "p1", "a", None);
    let p2 = post(&mut db, "p2", "b", None);
    decide(&mut db, &p1, Decision::Approve, "2026-11-21T10:00:00Z");
    let queue = moderation_queue(&db);
    assert_eq!(queue.len(), 1);
    assert_eq!((queue[0].0.id.as_str(), &queue[0].1), ("p2", &QueueReason::Pending));

    let reported = report(&db, "r".into(), &p1, "b", "2026-11-22T10:00:00Z").unwrap();
    db.reports.push(reported);
    let queue = moderation_queue(&db);
    assert_eq!(queue[0].0.id, "p1", "reported posts come first");
    assert_eq!(queue[0].1, QueueReason::Reported(1));

    decide(&mut db, &p1, Decision::Hide, "2026-11-22T12:00:00Z");
    decide(&mut db, &p2, Decision::Approve, "2026-11-22T12:00:00Z");
    assert!(moderation_queue(&db).is_empty());
    assert!(!can_see(&db, &p1, "b"));
}

#[test]
fn posts_of_a_person_who_is_gone_or_not_a_pupil_are_never_shown() {
    let mut db = space();
    let p = post(&mut db, "p1", "a", None);
    decide(&mut db, &p, Decision::Approve, "2026-11-21T10:00:00Z");
    db.people.retain(|person| person.id != "a");
    assert!(!can_see(&db, &p, "b"));
    assert!(!can_see(&db, &p, "t"));
    assert!(moderation_queue(&db).is_empty());
}

#[test]
fn pseudonyms_never_give_a_pupil_away() {
    let db = space();
    let check = |person: &str, text: &str| pseudonym(&db, person, text);
    assert_eq!(check("a", "  Star   Kid "), Ok("Star Kid".into()));
    assert_eq!(check("a", ""), Err(PseudonymProblem::Required));
    assert_eq!(check("a", "Jo"), Err(PseudonymProblem::TooShort));
    assert_eq!(check("a", &"a".repeat(PSEUDONYM_MAX + 1)), Err(PseudonymProblem::TooLong));
    assert_eq!(check("a", "Emma"), Err(PseudonymProblem::YourName));
    assert_eq!(check("a", "emma_2014"), Err(PseudonymProblem::YourName));
    assert_eq!(check("a", "SuperEmma"), Err(PseudonymProblem::YourName));
    assert_eq!(check("a", "Noah"), Err(PseudonymProblem::SomeonesName), "not a classmate's name");
    assert_eq!(check("a", "Coach Ali"), Err(PseudonymProblem::SomeonesName));
    assert_eq!(check("a", "rocket"), Err(PseudonymProblem::Taken), "not another pupil's pseudonym");
    assert_eq!(check("b", "Rocket"), Ok("Rocket".into()), "one's own pseudonym again is fine");
    assert_eq!(check("a", "Cat 12345678"), Err(PseudonymProblem::BadCharacters), "no phone numbers");
    assert_eq!(check("a", "me@mail.dk"), Err(PseudonymProblem::BadCharacters));
    assert_eq!(check("a", "1234"), Err(PseudonymProblem::BadCharacters), "some letters");
    assert_eq!(check("a", "Fox\u{0}"), Err(PseudonymProblem::BadCharacters));
    assert_eq!(check("a", "Ræv-Øl_Å"), Ok("Ræv-Øl_Å".into()), "Danish letters are letters");
}

#[test]
fn a_two_letter_name_counts_only_as_a_word_of_its_own() {
    let mut db = space();
    db.people.push(named("bo", "Bo", Role::Pupil));
    assert_eq!(pseudonym(&db, "bo", "Robot"), Ok("Robot".into()));
    assert_eq!(pseudonym(&db, "bo", "Bo Cat"), Err(PseudonymProblem::YourName));
}

#[test]
fn the_newest_pseudonym_counts() {
    let mut db = space();
    db.peer_names.push(PeerName {
        id: "n-a2".into(),
        person_id: "a".into(),
        pseudonym: "Night Owl".into(),
        meta: Meta { updated_at: "2026-11-25T10:00:00Z".into(), ..meta("n-a2") },
    });
    assert_eq!(db.pseudonym_of("a"), Some("Night Owl"));
    // The old one is free again.
    assert_eq!(pseudonym(&db, "b", "Comic Fox"), Ok("Comic Fox".into()));
}

#[test]
fn demo_data_has_posts_in_every_state() {
    let db = demo::demo_data(d("2026-11-26"));
    let states: Vec<PostState> = db.posts.iter().map(|p| post_state(&db, p)).collect();
    assert!(states.contains(&PostState::Pending));
    assert!(states.contains(&PostState::Approved));
    assert!(states.iter().any(|s| matches!(s, PostState::Hidden(_))));
    assert!(moderation_queue(&db).iter().any(|(_, r)| matches!(r, QueueReason::Reported(_))));
    assert!(db.people.iter().any(is_moderator));
    assert!(db.people.iter().any(|p| p.role != Role::Pupil && !is_moderator(p)));
    for name in &db.peer_names {
        let ok = pseudonym(&db, &name.person_id, &name.pseudonym);
        assert_eq!(ok.as_deref(), Ok(name.pseudonym.as_str()), "{}", name.id);
    }
    for post in &db.posts {
        assert!(db.person(&post.person_id).is_some_and(|p| p.role == Role::Pupil), "{}", post.id);
        assert!(db.pseudonym_of(&post.person_id).is_some(), "{}", post.id);
    }
}

/// What Noah's device holds when the peer space is shared through a server
/// that keeps pupils apart (PocketBase): nobody's person record but his
/// own, other pupils' posts, names and marks under the server's alias for
/// them, and moderators' decisions under the moderator alias.
fn as_served_to_noah() -> (Db, Post) {
    let emma = format!("{PUPIL_ALIAS_PREFIX}{}", "0123456789abcdef0123456789abcdef");
    let freja = format!("{PUPIL_ALIAS_PREFIX}{}", "fedcba9876543210fedcba9876543210");
    let mut db = Db { people: vec![named("b", "Noah", Role::Pupil)].into(), ..Db::default() };
    for (id, person, pseudonym) in [("n-a", &emma, "Comic Fox"), ("n-b", &"b".to_string(), "Rocket")] {
        db.peer_names.push(PeerName {
            id: id.into(),
            person_id: person.clone(),
            pseudonym: pseudonym.into(),
            meta: meta(id),
        });
    }
    let post = Post {
        id: "p1".into(),
        person_id: emma.clone(),
        topic: Topic::School,
        kind: PostKind::Tip,
        text: "Split it up".into(),
        post_id: None,
        on: d("2026-11-20"),
        meta: meta("p1"),
    };
    db.posts.push(post.clone());
    db.helped.push(Helped { id: "h1".into(), post_id: "p1".into(), person_id: freja, meta: meta("h1") });
    (db, post)
}

fn decided_by(db: &mut Db, post: &str, person: &str, decision: Decision, at: &str) {
    db.moderations.push(Moderation {
        id: format!("m-{post}-{at}"),
        post_id: post.into(),
        person_id: person.into(),
        decision,
        reason: String::new(),
        at: at.into(),
        meta: meta(post),
    });
}

#[test]
fn a_pupil_alias_from_the_server_stands_for_a_pupil_noah_does_not_know() {
    let (mut db, post) = as_served_to_noah();
    assert!(is_pupil_alias(&post.person_id));
    assert!(!is_pupil_alias("pupil-emma") && !is_pupil_alias("pupil:") && !is_pupil_alias("pupil:xyz"));
    assert!(!is_pupil_alias(MODERATOR_ALIAS));
    assert!(!can_see(&db, &post, "b"), "waiting for a moderator");

    decided_by(&mut db, "p1", MODERATOR_ALIAS, Decision::Approve, "2026-11-21T10:00:00Z");
    assert_eq!(post_state(&db, &post), PostState::Approved, "the moderator alias decides");
    assert_eq!(posts_on(&db, Topic::School, "b"), std::slice::from_ref(&post));
    assert_eq!(db.pseudonym_of(&post.person_id), Some("Comic Fox"));
    assert_eq!(helped_count(&db, "p1"), 1, "a mark under another pupil's alias counts");
    assert!(mark_helped(&db, "h2".into(), &post, "b").is_ok());
    assert!(report(&db, "r1".into(), &post, "b", "2026-11-22T10:00:00Z").is_ok());
    let reply = write_post(&db, "r".into(), "b", d("2026-11-22"), Topic::Other, PostKind::Tip, "Thanks", Some("p1"));
    assert_eq!(reply.map(|r| r.topic), Ok(Topic::School));
    assert_eq!(pseudonym(&db, "b", "comic fox"), Err(PseudonymProblem::Taken), "taken under an alias too");

    decided_by(&mut db, "p1", MODERATOR_ALIAS, Decision::Hide, "2026-11-23T10:00:00Z");
    assert!(!can_see(&db, &post, "b"));
}

#[test]
fn a_pupil_alias_never_decides_and_the_moderator_alias_never_posts() {
    let (mut db, post) = as_served_to_noah();
    // A decision under a pupil's alias is no moderator's.
    let emma = post.person_id.clone();
    decided_by(&mut db, "p1", &emma, Decision::Approve, "2026-11-21T10:00:00Z");
    assert_eq!(post_state(&db, &post), PostState::Pending);
    let forged = Post { id: "p2".into(), person_id: MODERATOR_ALIAS.into(), ..post };
    db.posts.push(forged.clone());
    decided_by(&mut db, "p2", MODERATOR_ALIAS, Decision::Approve, "2026-11-21T10:00:00Z");
    assert!(!can_see(&db, &forged, "b"), "only pupils' posts are shown");
}

#[test]
fn nobody_writes_or_reacts_under_an_alias() {
    let (mut db, post) = as_served_to_noah();
    decided_by(&mut db, "p1", MODERATOR_ALIAS, Decision::Approve, "2026-11-21T10:00:00Z");
    let alias = format!("{PUPIL_ALIAS_PREFIX}{}", "fedcba9876543210fedcba9876543210");
    let write = write_post(&db, "x".into(), &alias, d("2026-11-22"), Topic::School, PostKind::Tip, "Hi", None);
    assert_eq!(write, Err(PeerError::NotAllowed));
    assert_eq!(mark_helped(&db, "h".into(), &post, &alias), Err(PeerError::NotAllowed));
    assert_eq!(report(&db, "r".into(), &post, MODERATOR_ALIAS, "x").map(|_| ()), Err(PeerError::NotAllowed));
}
