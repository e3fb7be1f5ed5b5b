//! The engine in scenes a person would recognise, each against the
//! simulated server of `sim/` (the simulation test mixes them at random).

mod sim;

use domain::rules::{self, GoalStatus};
use serde_json::{json, Value};
use sim::*;
use std::collections::BTreeSet;
use sync_engine::*;

const HOUR: Millis = 3_600_000;

fn sync(device: &Device) -> Result<Report, SyncProblem> {
    block_on(run(device, device))
}

fn ids(records: &[Value]) -> BTreeSet<String> {
    records.iter().filter_map(|r| r["id"].as_str().map(String::from)).collect()
}

/// A team of pupil, teacher and coach with one active goal, on three synced devices.
fn team_with_active_goal(server: &std::rc::Rc<Server>, coach_skew: Millis) -> (Device, Device, Device, domain::Goal) {
    team_pulling(server, coach_skew, false)
}

/// The same, the devices pulling the old way (by their own clocks) if `old`.
fn team_pulling(server: &std::rc::Rc<Server>, coach_skew: Millis, old: bool) -> (Device, Device, Device, domain::Goal) {
    let pupil = Device::new("tablet", "pupil", 0, server);
    let teacher = Device::new("classroom", "teacher", 0, server);
    let coach = Device::new("phone", "coach", coach_skew, server);
    for device in [&pupil, &teacher, &coach] {
        device.old_pulls.set(old);
    }
    team(server, &[&pupil, &teacher, &coach]);
    assert!(pupil.propose(1, "pupil").unwrap());
    sync(&pupil).unwrap();
    for device in [&teacher, &coach] {
        sync(device).unwrap();
        let goal = device.goals().pop().unwrap();
        assert!(device.agree(&goal, 1).unwrap());
        sync(device).unwrap();
    }
    for device in [&pupil, &teacher, &coach] {
        sync(device).unwrap();
    }
    let goal = pupil.goals().pop().unwrap();
    for device in [&pupil, &teacher, &coach] {
        let status = rules::goal_status(&device.db.borrow(), &goal);
        // The old way, the others never see the agreement of the coach, whose clock is behind.
        assert!(status == GoalStatus::Active || (old && device.name != "phone"), "{}: {status:?}", device.name);
    }
    (pupil, teacher, coach, goal)
}

#[test]
fn a_check_in_from_a_clock_hours_behind_or_an_hour_offline_reaches_the_others() {
    for old in [false, true] {
        let server = Server::new(false, true);
        let (pupil, teacher, coach, goal) = team_pulling(&server, -2 * HOUR, old);
        // The coach's clock is two hours behind: their check-in says it was made two hours ago.
        assert!(coach.check_in(&goal, 1, 1).unwrap());
        sync(&coach).unwrap();
        // The pupil's tablet goes offline for an hour and checks in meanwhile.
        pupil.online.set(false);
        assert!(pupil.check_in(&goal, 2, 2).unwrap() || old);
        server.now.set(server.now.get() + HOUR);
        sync(&teacher).unwrap_or_default();
        server.now.set(server.now.get() + 10 * 60 * 1000);
        pupil.online.set(true);
        sync(&pupil).unwrap();
        sync(&teacher).unwrap();
        let seen: BTreeSet<String> =
            teacher.shared().get("checkins").map(|c| c.keys().cloned().collect()).unwrap_or_default();
        let expected: BTreeSet<String> = ["checkin-phone-1".to_string(), "checkin-tablet-2".to_string()].into();
        if old {
            // The old way (the device's clock, 5 minutes of overlap) never shows the coach's: the harness can tell.
            assert!(!seen.contains("checkin-phone-1"), "{seen:?}");
        } else {
            assert!(seen.is_superset(&expected), "the teacher sees both check-ins: {seen:?}");
        }
    }
}

#[test]
fn a_later_change_to_a_record_in_conflict_waits_for_the_person() {
    let server = Server::new(false, false);
    let (pupil, teacher, _, goal) = team_with_active_goal(&server, 0);
    // The teacher changes the goal and shares it; the pupil, offline, changes it twice.
    assert!(teacher.revise(&goal, 2).unwrap());
    sync(&teacher).unwrap();
    pupil.online.set(false);
    assert!(pupil.revise(&goal, 3).unwrap());
    let once = pupil.goals().pop().unwrap();
    assert!(pupil.revise(&once, 0).unwrap());
    let twice = pupil.goals().pop().unwrap();
    pupil.online.set(true);
    sync(&pupil).unwrap();
    // The second change was based on "version 3" — the pupil's own, not the
    // teacher's version 3 on the server — and must not overwrite it.
    let on_server: Vec<Value> = server.records("goals");
    assert_eq!(on_server[0]["content"]["title"], json!(teacher.goals()[0].content.title), "the teacher's words stay");
    assert!(server.state.borrow().lost_updates.is_empty(), "{:?}", server.state.borrow().lost_updates);
    let conflicts = pupil.conflicts.borrow().values().cloned().collect::<Vec<_>>();
    assert_eq!(conflicts.len(), 1, "one conflict, shown");
    assert_eq!(conflicts[0].mine["content"]["title"], json!(twice.content.title), "holding the pupil's newest words");
    assert!(pupil.outbox.borrow().values().all(|e| e.id != goal.id), "nothing about the goal is sent meanwhile");
    // The pupil keeps theirs: it is sent knowingly, based on the teacher's version.
    pupil.saw_theirs(&conflicts[0]);
    assert_eq!(block_on(resolve(&pupil, &conflicts[0].key(), Choice::Mine)).unwrap(), Resolved::Done);
    sync(&pupil).unwrap();
    assert_eq!(server.records("goals")[0]["content"]["title"], json!(twice.content.title));
    assert!(server.state.borrow().lost_updates.is_empty());
}

/// The teacher and the coach each revise the goal offline (both make
/// "revision 2"), then come online and sync, the teacher first.
fn both_revise_offline(teacher: &Device, coach: &Device, goal: &domain::Goal) {
    teacher.online.set(false);
    coach.online.set(false);
    assert!(teacher.revise(goal, 2).unwrap());
    assert!(coach.revise(goal, 3).unwrap());
    teacher.online.set(true);
    coach.online.set(true);
    sync(teacher).unwrap();
    sync(coach).unwrap();
}

#[test]
fn two_devices_revising_one_goal_offline_never_activate_it_for_unseen_words() {
    let server = Server::new(false, true);
    let (pupil, teacher, coach, goal) = team_with_active_goal(&server, 0);
    both_revise_offline(&teacher, &coach, &goal);
    assert_eq!(coach.conflicts.borrow().len(), 1, "the coach is shown the clash");
    sync(&pupil).unwrap();
    let current = pupil.goals().pop().unwrap();
    assert_eq!(current.content.title, teacher.goals()[0].content.title);
    assert!(pupil.agree(&current, 4).unwrap());
    sync(&pupil).unwrap();
    sync(&teacher).unwrap();
    // Both revisions are "revision 2": the coach's agreement is to other words.
    for device in [&pupil, &teacher] {
        let db = device.db.borrow();
        let goal = db.goal(&goal.id).unwrap();
        assert_eq!(goal.revision, 2);
        assert!(rules::goal_status(&db, goal).is_waiting_for("coach"), "{}: waits for the coach", device.name);
    }
}

#[test]
fn an_agreement_to_words_in_conflict_waits_and_goes_with_the_words_not_kept() {
    for keep_mine in [false, true] {
        let server = Server::new(false, true);
        server.state.borrow_mut().checks_wording = true;
        let (_, teacher, coach, goal) = team_with_active_goal(&server, 0);
        both_revise_offline(&teacher, &coach, &goal);
        let conflicts = coach.conflicts.borrow().values().cloned().collect::<Vec<_>>();
        assert_eq!(conflicts.len(), 1, "the coach is shown the clash");
        // The coach's agreement to the coach's words is neither sent nor refused: it waits.
        let shown = outline(&block_on(coach.outbox_entries()), &conflicts);
        assert!(shown.refused.is_empty(), "nothing refused: {:?}", shown.refused);
        assert_eq!(server.records("agreements").iter().filter(|a| a["personId"] == json!("coach")).count(), 1);
        coach.saw_theirs(&conflicts[0]);
        let choice = if keep_mine { Choice::Mine } else { Choice::Theirs };
        assert_eq!(block_on(resolve(&coach, &conflicts[0].key(), choice)).unwrap(), Resolved::Done);
        sync(&coach).unwrap();
        let shown = outline(&block_on(coach.outbox_entries()), &[]);
        assert!(shown.refused.is_empty(), "nothing refused after resolving: {:?}", shown.refused);
        assert_eq!(shown.waiting, 0);
        let kept = server.records("goals").pop().unwrap();
        let coach_agrees = |a: &&Value| a["personId"] == json!("coach") && a["goalId"] == json!(goal.id);
        let on_device: Vec<Value> = coach.shared()["agreements"].values().filter(coach_agrees).cloned().collect();
        let on_server: Vec<Value> = server.records("agreements").iter().filter(coach_agrees).cloned().collect();
        assert_eq!(on_device, on_server, "the coach's device holds what the server holds");
        // Kept mine: its words go on the server, and the coach's agreement is to them, revision 2.
        let to_kept =
            on_server.iter().any(|a| a["revision"] == kept["revision"] && a["fingerprint"] == kept["fingerprint"]);
        assert_eq!(
            to_kept, keep_mine,
            "keep mine {keep_mine}: the coach agrees to the kept words only if they are the coach's"
        );
    }
}

#[test]
fn a_refused_change_is_set_aside_shown_and_the_rest_goes_on() {
    let server = Server::new(false, false);
    let (pupil, teacher, _, goal) = team_with_active_goal(&server, 0);
    assert!(pupil.comment(&goal, REFUSED_TEXT, 1).unwrap());
    assert!(pupil.check_in(&goal, 1, 2).unwrap());
    assert!(pupil.comment(&goal, "Good week", 3).unwrap());
    sync(&pupil).unwrap();
    // The refused comment no longer blocks what came after it.
    assert_eq!(ids(&server.records("checkins")), BTreeSet::from(["checkin-tablet-2".to_string()]));
    assert_eq!(ids(&server.records("comments")), BTreeSet::from(["comment-tablet-3".to_string()]));
    let entries = block_on(pupil.outbox_entries());
    let shown = outline(&entries, &[]);
    assert_eq!(shown.waiting, 0);
    assert_eq!(shown.refused.len(), 1);
    assert_eq!(shown.refused[0].refusal.status, 422);
    assert_eq!(shown.refused[0].record["text"], json!(REFUSED_TEXT), "with its text, to copy");
    // Nothing is lost until the person says so: trying again is refused again …
    block_on(retry_refused(&pupil, &shown.refused[0].key)).unwrap();
    sync(&pupil).unwrap();
    assert_eq!(outline(&block_on(pupil.outbox_entries()), &[]).refused.len(), 1);
    // … and discarding takes it off this device too: it never reached anyone.
    block_on(discard_refused(&pupil, &shown.refused[0].key, "sim")).unwrap();
    assert!(pupil.outbox.borrow().is_empty());
    assert!(pupil.db.borrow().comments.iter().all(|c| c.id != "comment-tablet-1"));
    sync(&teacher).unwrap();
    assert_eq!(teacher.shared()["comments"].len(), 1);
}

#[test]
fn a_version_no_device_can_count_on_from_is_bad_input_never_a_wedge() {
    let server = Server::new(false, false);
    let (pupil, teacher, _, goal) = team_with_active_goal(&server, 0);
    // Someone wrote a huge version straight into the server (a server without version rules).
    let mut broken = server.records("goals")[0].clone();
    broken["version"] = json!(1_000_000_000_000_000u64);
    server.seed("goals", &[broken]);
    let report = sync(&teacher).unwrap();
    assert_eq!(report.skipped.len(), 1, "skipped as invalid: {:?}", report.skipped);
    assert!(report.skipped[0].contains("goals"), "{:?}", report.skipped);
    // A change to it cannot be based on anything: it is set aside, and the rest goes on.
    assert!(pupil.revise(&goal, 2).unwrap());
    assert!(pupil.comment(&goal, "Still here", 5).unwrap());
    sync(&pupil).unwrap();
    let refused = outline(&block_on(pupil.outbox_entries()), &[]).refused;
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].collection, "goals");
    assert!(refused[0].refusal.reason.contains("not a valid record"), "{:?}", refused[0].refusal);
    assert!(ids(&server.records("comments")).contains("comment-tablet-5"));
}

#[test]
fn a_lost_answer_is_recognised_by_what_was_written_not_by_the_time() {
    // This server writes its own time into `updatedAt`, as PocketBase does.
    let server = Server::new(true, false);
    // The coach's phone is two hours behind.
    let (_, _, coach, goal) = team_with_active_goal(&server, -2 * HOUR);
    assert!(coach.check_in(&goal, 1, 1).unwrap());
    sync(&coach).unwrap();
    let checkin = coach.db.borrow().checkins.iter().find(|c| c.id == "checkin-phone-1").cloned().unwrap();
    server.now.set(server.now.get() + 60_000);
    assert!(coach.check_in(&goal, 2, 1).unwrap(), "a second tap corrects it");
    coach.lose_answers.set(1);
    assert_eq!(sync(&coach), Err(SyncProblem::Unreachable));
    sync(&coach).unwrap();
    assert!(coach.conflicts.borrow().is_empty(), "its own send, not a clash");
    let stored = server.records("checkins");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["gas"], json!(2));
    assert_eq!(stored[0]["version"], json!(checkin.meta.version + 1));
    // And the device ends with the server's copy, the server's time in it.
    assert_eq!(coach.shared()["checkins"]["checkin-phone-1"], stored[0]);
}

/// A team with an active goal and a check-in on it, whose teacher erases the
/// pupil; the tab closes right after the intent is stored.
fn erased_with_the_tab_closed(server: &std::rc::Rc<Server>) -> (Device, Device, Device, domain::Goal) {
    let (pupil, teacher, coach, goal) = team_with_active_goal(server, 0);
    assert!(teacher.check_in(&goal, 1, 1).unwrap());
    sync(&teacher).unwrap();
    let trace = json!({"id": "erasure-1", "pupilHash": domain::erasure::pupil_hash("pupil"), "on": "2026-06-01",
                       "clientId": "erasure-1", "version": 1});
    teacher.writes_left.set(Some(1));
    assert!(block_on(erase_pupil(&teacher, "pupil", trace, true)).is_err());
    teacher.writes_left.set(None);
    assert!(!server.records("goals").is_empty(), "nothing reached the server yet");
    (pupil, teacher, coach, goal)
}

#[test]
fn an_erasure_is_written_ahead_so_a_closed_tab_leaves_nothing_on_the_backend() {
    let server = Server::new(false, false);
    let (pupil, teacher, _, goal) = erased_with_the_tab_closed(&server);
    // Opened again, the next sync finishes the work.
    sync(&teacher).unwrap();
    for collection in ["goals", "agreements", "checkins", "members"] {
        assert_eq!(server.records(collection), Vec::<Value>::new(), "{collection} left on the server");
    }
    assert_eq!(teacher.shared().get("goals"), None);
    // A check-in sent by a device that had not heard of the erasure yet.
    let late = json!({"id": "checkin-late", "goalId": goal.id, "pupilId": "pupil", "personId": "pupil",
                      "on": "2026-06-01", "gas": 1, "clientId": "checkin-late", "version": 1});
    server.seed("checkins", std::slice::from_ref(&late));
    block_on(pupil.put_records("checkins", vec![late])).unwrap();
    // The pupil's tablet purges the pupil at its next sync; the tab closes
    // before the server's copy is deleted, but the intent was stored first.
    pupil.fail_erase.set(true);
    assert!(sync(&pupil).is_err());
    assert_eq!(pupil.shared().get("checkins"), None, "purged on the device");
    pupil.fail_erase.set(false);
    sync(&pupil).unwrap();
    assert_eq!(server.records("checkins"), Vec::<Value>::new(), "and then on the server");
    assert!(pupil.erasing.borrow().is_empty());
}

#[test]
fn a_server_that_erases_pupils_itself_is_asked_once_per_pupil_and_again_harmlessly() {
    let server = Server::new(true, false);
    server.state.borrow_mut().erases_pupils = true;
    // The intent is written ahead here too.
    let (pupil, teacher, coach, goal) = erased_with_the_tab_closed(&server);
    // The next sync asks the server to erase the pupil: no trace or delete of its own (both refused here).
    let report = sync(&teacher).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(server.state.borrow().erase_requests, ["pupil"]);
    for collection in ["people", "goals", "agreements", "checkins", "members"] {
        let left: Vec<Value> =
            server.records(collection).into_iter().filter(|r| r.to_string().contains("\"pupil\"")).collect();
        assert_eq!(left, Vec::<Value>::new(), "{collection} of the pupil left on the server");
    }
    assert_eq!(server.records("erasures").len(), 1, "the server's own trace");
    assert!(teacher.erasing.borrow().is_empty());
    assert!(outline(&block_on(teacher.outbox_entries()), &[]).refused.is_empty());
    // The coach's phone had not heard of it and sends a check-in of the pupil's goal.
    assert!(coach.check_in(&goal, 2, 7).unwrap());
    sync(&coach).unwrap();
    // It pulls the trace, purges the pupil, and asks the server again, which deletes what came late.
    sync(&coach).unwrap();
    assert_eq!(coach.shared().get("checkins"), None);
    assert_eq!(server.records("checkins"), Vec::<Value>::new());
    assert_eq!(server.state.borrow().erase_requests, ["pupil", "pupil"]);
    // Once it is all gone from a device, its syncs ask nothing more.
    sync(&coach).unwrap();
    assert_eq!(server.state.borrow().erase_requests.len(), 2);
    // The pupil's own tablet still held everything: it purges and asks once, harmlessly.
    sync(&pupil).unwrap();
    sync(&pupil).unwrap();
    assert_eq!(server.state.borrow().erase_requests.len(), 3);
    assert_eq!(pupil.shared().get("goals"), None);
}

#[test]
fn an_erasure_the_server_refuses_is_noted_not_retried_for_ever() {
    let server = Server::new(true, false);
    server.state.borrow_mut().erases_pupils = true;
    let (_, teacher, _, _) = team_with_active_goal(&server, 0);
    let pending = PendingErasure { erasure: None, records: Vec::new(), pupil: Some("pupil".into()) };
    block_on(teacher.put_pending_erasure("k", &pending)).unwrap();
    let alias = PendingErasure { erasure: None, records: Vec::new(), pupil: Some(format!("pupil:{}", "a".repeat(32))) };
    block_on(teacher.put_pending_erasure("l", &alias)).unwrap();
    // The server erases pupils, but refuses this one (say, the teacher left the team).
    server.state.borrow_mut().refuses_erasure = true;
    let mut report = Report::default();
    block_on(engine::send_erasures(&teacher, &teacher, &mut report)).unwrap();
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.skipped[0].contains("refused to erase"), "{:?}", report.skipped);
    assert!(teacher.erasing.borrow().is_empty(), "neither waits for ever");
    assert!(!server.records("people").is_empty());
    assert_eq!(server.state.borrow().erase_requests, ["pupil"], "an alias is never asked about");
}

trait Entries {
    async fn outbox_entries(&self) -> Vec<(String, OutboxEntry)>;
}

impl Entries for Device {
    async fn outbox_entries(&self) -> Vec<(String, OutboxEntry)> {
        Store::outbox(self).await.unwrap()
    }
}
