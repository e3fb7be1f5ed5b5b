//! The JSON shape of the records: camelCase keys, flattened meta, strict
//! ranges, lenient about unknown and missing optional fields.

mod common;

use common::*;
use domain::fingerprint;
use domain::*;
use serde_json::{json, Value};

fn full_meta(id: &str) -> Meta {
    Meta {
        client_id: id.into(),
        version: 3,
        updated_at: "2024-03-01T12:00:00Z".into(),
        updated_by: "t".into(),
        deleted: false,
    }
}

fn meta_json(id: &str) -> Value {
    json!({"clientId": id, "version": 3, "updatedAt": "2024-03-01T12:00:00Z", "updatedBy": "t", "deleted": false})
}

/// `base` with the meta keys added at the top level.
fn with_meta(mut base: Value, id: &str) -> Value {
    let object = base.as_object_mut().unwrap();
    for (k, v) in meta_json(id).as_object().unwrap() {
        object.insert(k.clone(), v.clone());
    }
    base
}

fn sample_goal() -> Goal {
    let mut c = content("Read more");
    c.measure = Some(Measure { name: "pages read per week".into(), baseline: 2.0, target: 10.5 });
    c.contributions = vec![Contribution { person_id: "t".into(), text: "Weekly library visit".into() }];
    c.strength_ids = vec!["s1".into()];
    c.weight = 2.0;
    Goal {
        id: "g".into(),
        pupil_id: "p".into(),
        revision: 2,
        fingerprint: fingerprint::fingerprint(&c),
        content: c,
        proposed_by: "c".into(),
        proposed_on: d("2024-03-01"),
        history: vec![GoalRevision {
            revision: 1,
            content: content("Read"),
            proposed_by: "t".into(),
            proposed_on: d("2024-02-01"),
        }],
        ended: Some(Ending {
            outcome: Outcome::Achieved,
            reason: "Did it".into(),
            by: "p".into(),
            on: d("2024-04-01"),
        }),
        meta: full_meta("g"),
    }
}

#[test]
fn person_json() {
    let p =
        Person { organisation: "Nørrebro Skole".into(), meta: full_meta("t"), ..named("t", "Mette", Role::Teacher) };
    let expected =
        with_meta(json!({"id": "t", "name": "Mette", "role": "teacher", "organisation": "Nørrebro Skole"}), "t");
    assert_eq!(serde_json::to_value(&p).unwrap(), expected);
    assert_eq!(serde_json::from_value::<Person>(expected).unwrap(), p);
}

#[test]
fn enums_are_camel_case_words() {
    let roles: Vec<Value> = Role::ALL.iter().map(|r| serde_json::to_value(r).unwrap()).collect();
    assert_eq!(
        roles,
        [json!("pupil"), json!("teacher"), json!("coach"), json!("parent"), json!("other"), json!("leader")]
    );
    assert_eq!(serde_json::to_value(StrengthKind::GoodAt).unwrap(), json!("goodAt"));
    assert_eq!(serde_json::to_value(StrengthKind::Enjoys).unwrap(), json!("enjoys"));
    assert_eq!(serde_json::to_value(StrengthKind::Supporter).unwrap(), json!("supporter"));
    assert_eq!(serde_json::to_value(Circle::Friends).unwrap(), json!("friends"));
    assert_eq!(serde_json::to_value(Outcome::Stopped).unwrap(), json!("stopped"));
    assert_eq!(serde_json::to_value(Party::School).unwrap(), json!("school"));
    assert!(serde_json::from_value::<Role>(json!("Teacher")).is_err());
    assert!(serde_json::from_value::<Role>(json!("janitor")).is_err());
}

#[test]
fn role_parties() {
    let parties: Vec<Party> = Role::ALL.iter().map(|r| r.party()).collect();
    assert_eq!(parties, [Party::Pupil, Party::School, Party::Club, Party::Family, Party::Other, Party::Other]);
}

#[test]
fn member_json() {
    let m = Member { meta: full_meta("m"), ..member("p", "t", d("2024-01-10")) };
    let expected = with_meta(json!({"id": "member-p-t", "pupilId": "p", "personId": "t", "since": "2024-01-10"}), "m");
    assert_eq!(serde_json::to_value(&m).unwrap(), expected);
    assert_eq!(serde_json::from_value::<Member>(expected).unwrap(), m);
}

#[test]
fn strength_json() {
    let s = Strength {
        id: "s".into(),
        pupil_id: "p".into(),
        kind: StrengthKind::Supporter,
        text: "Grandma".into(),
        circle: Some(Circle::Family),
        added_by: "f".into(),
        confirmed: true,
        meta: full_meta("s"),
    };
    let expected = with_meta(
        json!({"id": "s", "pupilId": "p", "kind": "supporter", "text": "Grandma", "circle": "family",
               "addedBy": "f", "confirmed": true}),
        "s",
    );
    assert_eq!(serde_json::to_value(&s).unwrap(), expected);
    assert_eq!(serde_json::from_value::<Strength>(expected).unwrap(), s);
}

#[test]
fn goal_json() {
    let goal = sample_goal();
    let value = serde_json::to_value(&goal).unwrap();
    let levels = json!([
        "Much less than expected",
        "Less than expected",
        "Expected",
        "More than expected",
        "Much more than expected"
    ]);
    let expected = with_meta(
        json!({
            "id": "g",
            "pupilId": "p",
            "revision": 2,
            "content": {
                "title": "Read more",
                "why": "Because it matters",
                "gas": {"levels": levels, "current": -1},
                "measure": {"name": "pages read per week", "baseline": 2.0, "target": 10.5},
                "contributions": [{"personId": "t", "text": "Weekly library visit"}],
                "reviewDate": "2030-01-01",
                "strengthIds": ["s1"],
                "weight": 2.0
            },
            "fingerprint": goal.fingerprint,
            "proposedBy": "c",
            "proposedOn": "2024-03-01",
            "history": [{
                "revision": 1,
                "content": {
                    "title": "Read",
                    "why": "Because it matters",
                    "gas": {"levels": levels, "current": -1},
                    "measure": null,
                    "contributions": [],
                    "reviewDate": "2030-01-01",
                    "strengthIds": [],
                    "weight": 1.0
                },
                "proposedBy": "t",
                "proposedOn": "2024-02-01"
            }],
            "ended": {"outcome": "achieved", "reason": "Did it", "by": "p", "on": "2024-04-01"}
        }),
        "g",
    );
    assert_eq!(value, expected);
    assert_eq!(serde_json::from_value::<Goal>(value).unwrap(), goal);
    // And through text, as the backend stores it.
    let text = serde_json::to_string(&goal).unwrap();
    assert_eq!(serde_json::from_str::<Goal>(&text).unwrap(), goal);
}

#[test]
fn agreement_checkin_comment_json() {
    let print = "0123456789abcdef".repeat(4);
    let a = Agreement {
        id: "a".into(),
        goal_id: "g".into(),
        revision: 2,
        fingerprint: print.clone(),
        person_id: "f".into(),
        on: d("2024-03-02"),
        meta: full_meta("a"),
    };
    let expected = with_meta(
        json!({"id": "a", "goalId": "g", "revision": 2, "fingerprint": print, "personId": "f", "on": "2024-03-02"}),
        "a",
    );
    assert_eq!(serde_json::to_value(&a).unwrap(), expected);
    assert_eq!(serde_json::from_value::<Agreement>(expected).unwrap(), a);

    let c = CheckIn {
        note: "Good week".into(),
        mood: Mood::new(4),
        visible_to: None,
        meta: full_meta("ci"),
        ..checkin("ci", "g", "p", "c", d("2024-03-08"), Some(-2), Some(7.5))
    };
    let expected = with_meta(
        json!({"id": "ci", "goalId": "g", "pupilId": "p", "personId": "c", "on": "2024-03-08", "gas": -2,
               "value": 7.5, "note": "Good week", "mood": 4}),
        "ci",
    );
    assert_eq!(serde_json::to_value(&c).unwrap(), expected);
    assert_eq!(serde_json::from_value::<CheckIn>(expected).unwrap(), c);

    let comment = Comment {
        id: "k".into(),
        goal_id: "g".into(),
        person_id: "f".into(),
        on: d("2024-03-09"),
        text: "Proud of you!".into(),
        encouragement: true,
        visible_to: None,
        meta: full_meta("k"),
    };
    let expected = with_meta(
        json!({"id": "k", "goalId": "g", "personId": "f", "on": "2024-03-09", "text": "Proud of you!",
               "encouragement": true}),
        "k",
    );
    assert_eq!(serde_json::to_value(&comment).unwrap(), expected);
    assert_eq!(serde_json::from_value::<Comment>(expected).unwrap(), comment);
}

#[test]
fn meta_keys_are_flat_and_camel_case() {
    let value = serde_json::to_value(Person { meta: full_meta("client-1"), ..person("p", Role::Pupil) }).unwrap();
    let object = value.as_object().unwrap();
    for key in ["clientId", "version", "updatedAt", "updatedBy", "deleted"] {
        assert!(object.contains_key(key), "{key} missing in {value}");
    }
    assert!(!object.contains_key("meta"));
    assert!(!object.keys().any(|k| k.contains('_')), "no snake_case keys: {value}");
    assert_eq!(value["clientId"], "client-1");
    assert_eq!(value["version"], 3);
}

#[test]
fn gas_levels_outside_the_scale_are_rejected() {
    for level in -2..=2 {
        let parsed: GasLevel = serde_json::from_value(json!(level)).unwrap();
        assert_eq!(parsed.value(), level as i8);
        assert_eq!(parsed.index(), (level + 2) as usize);
    }
    for bad in [json!(3), json!(-3), json!(100), json!(1000), json!(1.5), json!("1"), json!(null)] {
        assert!(serde_json::from_value::<GasLevel>(bad.clone()).is_err(), "{bad}");
    }
    let mut checkin = serde_json::to_value(checkin("ci", "g", "p", "p", d("2024-03-08"), Some(1), None)).unwrap();
    checkin["gas"] = json!(5);
    assert!(serde_json::from_value::<CheckIn>(checkin.clone()).is_err());
    checkin["gas"] = json!(null);
    assert_eq!(serde_json::from_value::<CheckIn>(checkin).unwrap().gas, None);

    let mut goal = serde_json::to_value(sample_goal()).unwrap();
    goal["content"]["gas"]["current"] = json!(-3);
    assert!(serde_json::from_value::<Goal>(goal).is_err());
    assert_eq!(GasLevel::ALL.map(GasLevel::value), [-2, -1, 0, 1, 2]);
    assert_eq!(GasLevel::new(3), None);
}

#[test]
fn moods_outside_one_to_five_are_rejected() {
    for mood in 1..=5u8 {
        assert_eq!(serde_json::from_value::<Mood>(json!(mood)).unwrap().value(), mood);
    }
    for bad in [json!(0), json!(6), json!(-1), json!(300), json!(2.5), json!("3")] {
        assert!(serde_json::from_value::<Mood>(bad.clone()).is_err(), "{bad}");
    }
    let mut checkin = serde_json::to_value(checkin("ci", "g", "p", "p", d("2024-03-08"), Some(1), None)).unwrap();
    checkin["mood"] = json!(0);
    assert!(serde_json::from_value::<CheckIn>(checkin).is_err());
    assert_eq!(Mood::ALL.map(Mood::value), [1, 2, 3, 4, 5]);
}

#[test]
fn dates_must_be_real() {
    let mut m = serde_json::to_value(member("p", "t", d("2024-01-10"))).unwrap();
    for bad in [json!("2023-02-29"), json!("10/01/2024"), json!(20240110), json!(null)] {
        m["since"] = bad.clone();
        assert!(serde_json::from_value::<Member>(m.clone()).is_err(), "{bad}");
    }
    m["since"] = json!("2024-01-10T08:30:00Z");
    assert_eq!(serde_json::from_value::<Member>(m).unwrap().since, d("2024-01-10"));
    assert_eq!(serde_json::to_string(&d("2024-01-05")).unwrap(), "\"2024-01-05\"");
}

#[test]
fn unknown_fields_are_ignored() {
    let value = with_meta(
        json!({"id": "p", "name": "Emma", "role": "pupil", "organisation": "", "favouriteColour": "green",
               "_rev": "7-abc", "nested": {"a": 1}}),
        "p",
    );
    let p: Person = serde_json::from_value(value).unwrap();
    assert_eq!(p, Person { name: "Emma".into(), meta: full_meta("p"), ..person("p", Role::Pupil) });

    let mut goal = serde_json::to_value(sample_goal()).unwrap();
    goal["content"]["colour"] = json!("red");
    goal["futureField"] = json!([1, 2, 3]);
    assert_eq!(serde_json::from_value::<Goal>(goal).unwrap(), sample_goal());

    let db: Db = serde_json::from_value(json!({"people": [], "schemaVersion": 9})).unwrap();
    assert_eq!(db, Db::default());
}

#[test]
fn missing_optional_fields_default() {
    let p: Person = serde_json::from_value(json!({"id": "p", "name": "Emma", "role": "pupil"})).unwrap();
    assert_eq!(p.organisation, "");
    assert_eq!(p.meta, Meta::default());

    let s: Strength =
        serde_json::from_value(json!({"id": "s", "pupilId": "p", "kind": "goodAt", "text": "Drawing", "addedBy": "p"}))
            .unwrap();
    assert_eq!((s.circle, s.confirmed), (None, false));

    let goal: Goal = serde_json::from_value(json!({
        "id": "g", "pupilId": "p", "revision": 1, "proposedBy": "t", "proposedOn": "2024-03-01",
        "content": {"title": "Read", "why": "", "reviewDate": "2024-06-01"}
    }))
    .unwrap();
    assert_eq!(goal.history, Vec::new());
    assert_eq!(goal.ended, None);
    assert_eq!(goal.content.gas, None);
    assert_eq!(goal.content.measure, None);
    assert_eq!(goal.content.contributions, Vec::new());
    assert_eq!(goal.content.strength_ids, Vec::<Id>::new());
    assert_eq!(goal.content.weight, 1.0, "weight defaults to 1, not 0");
    assert_eq!(goal.meta, Meta::default());

    let c: CheckIn =
        serde_json::from_value(json!({"id": "c", "goalId": "g", "pupilId": "p", "personId": "p", "on": "2024-03-08"}))
            .unwrap();
    assert_eq!((c.gas, c.value, c.note.as_str(), c.mood), (None, None, "", None));

    let k: Comment =
        serde_json::from_value(json!({"id": "k", "goalId": "g", "personId": "p", "on": "2024-03-08", "text": "Hi"}))
            .unwrap();
    assert!(!k.encouragement);

    let partial_meta: Member = serde_json::from_value(json!({
        "id": "m", "pupilId": "p", "personId": "t", "since": "2024-01-10", "version": 4, "deleted": true
    }))
    .unwrap();
    assert_eq!(partial_meta.meta, Meta { version: 4, deleted: true, ..Meta::default() });

    let db: Db = serde_json::from_value(json!({})).unwrap();
    assert_eq!(db, Db::default());
}

#[test]
fn required_fields_are_required() {
    assert!(serde_json::from_value::<Person>(json!({"id": "p", "name": "Emma"})).is_err(), "role");
    assert!(serde_json::from_value::<Member>(json!({"id": "m", "pupilId": "p", "personId": "t"})).is_err(), "since");
    assert!(
        serde_json::from_value::<Agreement>(json!({"id": "a", "goalId": "g", "personId": "p", "on": "2024-03-01"}))
            .is_err(),
        "revision"
    );
}

#[test]
fn a_goal_names_its_wording_and_one_that_names_other_words_is_invalid() {
    let goal = sample_goal();
    let mut value = serde_json::to_value(&goal).unwrap();
    assert_eq!(value["fingerprint"], json!(fingerprint::fingerprint(&goal.content)));
    // Written fresh even when the record in memory was not told of a new wording.
    let mut stale = goal.clone();
    stale.content.title = "Read less".into();
    let written = serde_json::to_value(&stale).unwrap();
    assert_eq!(written["fingerprint"], json!(fingerprint::fingerprint(&stale.content)));
    // Records from before fingerprints (none, or empty) get theirs.
    for missing in [Value::Null, json!("")] {
        let mut old = value.clone();
        match missing {
            Value::Null => old.as_object_mut().unwrap().remove("fingerprint"),
            empty => old.as_object_mut().unwrap().insert("fingerprint".into(), empty),
        };
        assert_eq!(serde_json::from_value::<Goal>(old).unwrap(), goal);
    }
    // The words changed on the way, or the fingerprint is of other words: not a valid goal.
    value["content"]["title"] = json!("Read less");
    let error = serde_json::from_value::<Goal>(value).unwrap_err().to_string();
    assert!(error.contains("fingerprint"), "{error}");
}

#[test]
fn an_agreement_names_a_wording_or_nothing() {
    let base = json!({"id": "a", "goalId": "g", "revision": 1, "personId": "p", "on": "2024-03-01"});
    let read = |print: Value| {
        let mut value = base.clone();
        value["fingerprint"] = print;
        serde_json::from_value::<Agreement>(value)
    };
    // From before fingerprints: it reads, and names no wording (it never counts).
    assert_eq!(serde_json::from_value::<Agreement>(base.clone()).unwrap().fingerprint, "");
    assert_eq!(read(json!("")).unwrap().fingerprint, "");
    for bad in [json!("ABCDEF".repeat(11)[..64]), json!("a".repeat(63)), json!(7), json!("x' || '")] {
        assert!(read(bad.clone()).is_err(), "{bad}");
    }
}

#[test]
fn versions_and_revisions_beyond_the_largest_are_bad_input_never_a_wrap() {
    assert_eq!(MAX_VERSION, 2_147_483_647);
    assert_eq!(next_version(1), Some(2));
    assert_eq!(next_version(MAX_VERSION), None);
    assert_eq!(next_version(u32::MAX), None);
    let member = |version: Value| {
        serde_json::from_value::<Member>(json!({
            "id": "m", "pupilId": "p", "personId": "t", "since": "2024-01-10", "version": version
        }))
    };
    assert_eq!(member(json!(MAX_VERSION)).unwrap().meta.version, MAX_VERSION);
    for bad in [json!(2_147_483_648u64), json!(1_000_000_000_000_000u64), json!(-1), json!(1.5), json!("2")] {
        assert!(member(bad.clone()).is_err(), "{bad}");
    }
    let mut goal = serde_json::to_value(sample_goal()).unwrap();
    goal["revision"] = json!(1_000_000_000_000_000u64);
    assert!(serde_json::from_value::<Goal>(goal).is_err());
    let agreement =
        json!({"id": "a", "goalId": "g", "revision": 4_294_967_296u64, "personId": "p", "on": "2024-03-01"});
    assert!(serde_json::from_value::<Agreement>(agreement).is_err());
}

#[test]
fn whole_database_round_trips() {
    let mut db = team_db();
    let goal = active_goal(&mut db, "g", d("2024-03-01"), content("Read"));
    db.checkins.push(checkin("c1", "g", "p", "t", d("2024-03-05"), Some(0), Some(3.0)));
    db.comments.push(Comment {
        id: "k".into(),
        goal_id: goal.id.clone(),
        person_id: "f".into(),
        on: d("2024-03-06"),
        text: "Well done".into(),
        encouragement: true,
        visible_to: None,
        meta: meta("k"),
    });
    let value = serde_json::to_value(&db).unwrap();
    // Sorted here, so the test holds with serde_json's `preserve_order` too.
    let mut keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    keys.sort();
    // One key per collection, named as the backends name them.
    let mut collections: Vec<&str> = COLLECTIONS.to_vec();
    collections.sort();
    assert_eq!(keys, collections);
    assert_eq!(serde_json::from_value::<Db>(value).unwrap(), db);
}

#[test]
fn peer_space_records_have_a_fixed_shape() {
    use domain::peer::*;
    let post = Post {
        id: "p1".into(),
        person_id: "p".into(),
        topic: Topic::Feelings,
        kind: PostKind::Question,
        text: "How do you calm down?".into(),
        post_id: None,
        on: d("2024-03-01"),
        meta: full_meta("p1"),
    };
    let value = serde_json::to_value(&post).unwrap();
    assert_eq!(
        value,
        with_meta(
            json!({"id": "p1", "personId": "p", "topic": "feelings", "kind": "question",
                   "text": "How do you calm down?", "on": "2024-03-01"}),
            "p1"
        ),
        "no postId key at all on a post of its own: json-server would cascade-delete a null foreign key"
    );
    let reply = Post { post_id: Some("p0".into()), ..post };
    assert_eq!(serde_json::to_value(&reply).unwrap()["postId"], "p0");
    let moderation = Moderation {
        id: "m".into(),
        post_id: "p1".into(),
        person_id: "t".into(),
        decision: Decision::Hide,
        reason: "Names a classmate".into(),
        at: "2024-03-02T10:00:00Z".into(),
        meta: full_meta("m"),
    };
    assert_eq!(
        serde_json::to_value(&moderation).unwrap(),
        with_meta(
            json!({"id": "m", "postId": "p1", "personId": "t", "decision": "hide",
                   "reason": "Names a classmate", "at": "2024-03-02T10:00:00Z"}),
            "m"
        )
    );
    // A person is a moderator only when it says so; older records read as not.
    let person: Person = serde_json::from_value(json!({"id": "t", "name": "Mette", "role": "teacher"})).unwrap();
    assert!(!person.moderator);
    assert!(serde_json::to_value(&person).unwrap().get("moderator").is_none());
    let person = Person { moderator: true, ..person };
    assert_eq!(serde_json::to_value(&person).unwrap()["moderator"], true);
}
