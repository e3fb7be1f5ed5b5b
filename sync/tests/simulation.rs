//! Many devices, one server, a random day: a pupil's tablet, a teacher's
//! classroom browser and a coach's phone and laptop, with clocks hours apart,
//! going on- and offline, losing answers, proposing, revising, agreeing,
//! checking in and commenting while their syncs run — interleaved at every
//! request. After everyone syncs and every conflict and refused change is
//! settled by a person:
//! - every device holds exactly what the server holds;
//! - no write was lost (no update was ever accepted on a version its device
//!   had not seen) or duplicated (each record once; every create that was
//!   not discarded by its person is on the server);
//! - no goal is active, on any device at any moment, unless each required
//!   member agreed, on their own device, to exactly its words;
//! - every conflict was shown, and none went away but by a person's choice.
//!
//! proptest shrinks a failing schedule to a short one and prints it.
//! `SYNC_SIM_CASES=5000 cargo test -p sync-engine --test simulation` runs more.

mod sim;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};
use sim::*;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use sync_engine::*;

const HOUR: Millis = 3_600_000;

/// One thing that happens: who, what, and a number that picks the details.
#[derive(Clone, Debug)]
struct Step {
    device: usize,
    what: What,
    pick: usize,
}

#[derive(Clone, Copy, Debug)]
enum What {
    Propose,
    Revise,
    Agree,
    CheckIn,
    Comment,
    /// Starts a sync (as the app does after a change, on a timer, or when online again).
    Sync,
    /// The running sync gets its next answer.
    Answer,
    Offline,
    Online,
    /// The next write's answer is lost on the way back.
    LoseAnswer,
    Resolve,
    Refused,
    /// Time passes (minutes, or a night).
    Wait,
}

fn step() -> impl Strategy<Value = Step> {
    let what = prop_oneof![
        1 => Just(What::Propose),
        2 => Just(What::Revise),
        6 => Just(What::Agree),
        5 => Just(What::CheckIn),
        2 => Just(What::Comment),
        5 => Just(What::Sync),
        16 => Just(What::Answer),
        2 => Just(What::Offline),
        2 => Just(What::Online),
        1 => Just(What::LoseAnswer),
        3 => Just(What::Resolve),
        1 => Just(What::Refused),
        2 => Just(What::Wait),
    ];
    (0..4usize, what, 0..1000usize).prop_map(|(device, what, pick)| Step { device, what, pick })
}

type Running<'a> = Option<Pin<Box<dyn Future<Output = Result<Report, SyncProblem>> + 'a>>>;

/// What the people did, to check the outcome against.
#[derive(Default)]
struct Ledger {
    /// (person, goal, revision, words as shown on their device) for every agreement given.
    agreed: BTreeSet<(String, String, u32, String)>,
    /// (collection, id) of every record created on a device.
    created: BTreeSet<(String, String)>,
    /// Records whose creation a person discarded after it was refused.
    discarded: BTreeSet<(String, String)>,
    /// Conflicts settled, refused changes sent again or discarded.
    resolved: usize,
    refused: usize,
}

struct World<'a> {
    server: &'a Server,
    devices: &'a [Device],
    running: Vec<Running<'a>>,
    ledger: Ledger,
    counter: usize,
}

impl<'a> World<'a> {
    fn goal(&self, device: &Device, pick: usize) -> Option<domain::Goal> {
        let goals = device.goals();
        (!goals.is_empty()).then(|| goals[pick % goals.len()].clone())
    }

    fn words(goal: &domain::Goal) -> String {
        serde_json::to_string(&goal.content).unwrap_or_default()
    }

    /// Notes the agreement a person just gave on their device to the goal as they saw it.
    fn note_agreement(&mut self, device: &Device, goal_id: &str) {
        let db = device.db.borrow();
        if let Some(goal) = db.goal(goal_id) {
            self.ledger.agreed.insert((device.person.clone(), goal.id.clone(), goal.revision, World::words(goal)));
        }
    }

    fn note_created(&mut self, device: &Device, before: &BTreeSet<String>) {
        for (_, entry) in device.outbox.borrow().iter() {
            if entry.base == 0 && !before.contains(&format!("{}/{}", entry.collection, entry.id)) {
                self.ledger.created.insert((entry.collection.clone(), entry.id.clone()));
            }
        }
    }

    fn act(&mut self, step: &Step) -> Result<(), TestCaseError> {
        let index = step.device % self.devices.len();
        let device = &self.devices[index];
        let n = self.counter;
        self.counter += 1;
        // The ids a step makes must be new, as the app's random ones are, while
        // `pick` still chooses the words (`wording` repeats every 12): two steps
        // once made one id for two agreements, which no device can keep apart.
        let unique = n * 12 + step.pick % 12;
        let before: BTreeSet<String> =
            device.outbox.borrow().values().map(|e| format!("{}/{}", e.collection, e.id)).collect();
        let conflicts_before = conflict_keys(device);
        let mut resolved = None;
        match step.what {
            What::Propose => {
                if device.goals().len() < 2 && device.propose(unique, "pupil").unwrap_or(false) {
                    let id = format!("goal-{}-{unique}", device.name);
                    self.note_agreement(device, &id);
                }
            }
            What::Revise => {
                if let Some(goal) = self.goal(device, step.pick) {
                    if device.revise(&goal, unique).unwrap_or(false) {
                        self.note_agreement(device, &goal.id);
                    }
                }
            }
            What::Agree => {
                if let Some(goal) = self.goal(device, step.pick) {
                    if device.agree(&goal, unique).unwrap_or(false) {
                        self.note_agreement(device, &goal.id);
                    }
                }
            }
            What::CheckIn => {
                if let Some(goal) = self.goal(device, step.pick) {
                    let level = (step.pick % 5) as i8 - 2;
                    let _ = device.check_in(&goal, level, n);
                }
            }
            What::Comment => {
                if let Some(goal) = self.goal(device, step.pick) {
                    let text = if step.pick.is_multiple_of(5) { REFUSED_TEXT.to_string() } else { format!("Note {n}") };
                    let _ = device.comment(&goal, &text, n);
                }
            }
            What::Sync => {
                if self.running[index].is_none() {
                    self.running[index] = Some(Box::pin(run(device, device)));
                }
            }
            What::Answer => {
                // Several answers in a row: a sync asks a few dozen questions.
                for _ in 0..=step.pick % 16 {
                    self.answer(index);
                }
            }
            What::Offline => device.online.set(false),
            What::Online => device.online.set(true),
            What::LoseAnswer => device.lose_answers.set(1),
            What::Resolve => {
                let conflict = device.conflicts.borrow().values().nth(step.pick % 3).cloned();
                if let Some(conflict) = conflict {
                    resolved = Some(conflict.key());
                    self.resolve(device, &conflict, step.pick);
                }
            }
            What::Refused => {
                let entries: Vec<_> = device.outbox.borrow().iter().map(|(k, e)| (k.clone(), e.clone())).collect();
                let shown = outline(&entries, &[]);
                if let Some(refused) = shown.refused.first() {
                    self.settle_refused(device, refused, step.pick.is_multiple_of(2));
                }
            }
            What::Wait => {
                let minutes = if step.pick.is_multiple_of(10) { 12 * 60 } else { step.pick as i64 % 90 };
                self.server.now.set(self.server.now.get() + minutes * 60_000);
            }
        }
        self.note_created(device, &before);
        // No conflict goes away but by a person's choice (resolve, or an erasure: none here).
        let gone: Vec<String> = conflicts_before
            .difference(&conflict_keys(device))
            .filter(|key| resolved.as_deref() != Some(key.as_str()))
            .cloned()
            .collect();
        prop_assert!(gone.is_empty(), "conflicts went away unresolved on {}: {gone:?}", device.name);
        // Records change on a device by its person's taps and its syncs: the one that acted.
        let wrong = device.active_without_consent(&self.ledger.agreed);
        prop_assert!(wrong.is_empty(), "on {}: {wrong:?}", device.name);
        Ok(())
    }

    /// Lets a device's running sync take its next step; a sync that ends is gone.
    fn answer(&mut self, index: usize) {
        let before = conflict_keys(&self.devices[index]);
        if let Some(running) = self.running[index].as_mut() {
            if poll_once(running).is_ready() {
                self.running[index] = None;
            }
        }
        // A sync only adds conflicts (it shows them); it never settles one.
        let after = conflict_keys(&self.devices[index]);
        assert!(before.is_subset(&after), "a sync removed a conflict on {}", self.devices[index].name);
    }

    fn resolve(&mut self, device: &Device, conflict: &Conflict, pick: usize) {
        // The person sees both sides before choosing.
        device.saw_theirs(conflict);
        let choice = match pick % 3 {
            0 => Choice::Mine,
            1 => Choice::Theirs,
            _ => {
                // A merge: the server's record with this device's wording (or text) in it.
                let mut merged = conflict.theirs.clone();
                for field in ["content", "gas", "note", "text"] {
                    if let Some(value) = conflict.mine.get(field) {
                        merged[field] = value.clone();
                    }
                }
                Choice::Merged(merged)
            }
        };
        let waiting: Vec<OutboxEntry> = device.outbox.borrow().values().cloned().collect();
        let result = block_on(resolve(device, &conflict.key(), choice)).expect("resolving stores");
        assert!(matches!(result, Resolved::Done | Resolved::Changed), "{result:?}");
        self.ledger.resolved += 1;
        // Choosing the words of a goal lets go of this device's unsent
        // agreements to the words that did not stay, and of those only.
        let db = device.db.borrow();
        for entry in waiting.iter().filter(|e| e.collection == "agreements") {
            if db.agreements.iter().any(|a| a.id == entry.id) {
                continue;
            }
            let goal = db.goal(entry.record["goalId"].as_str().unwrap_or_default());
            let named = (&entry.record["revision"], entry.record["fingerprint"].as_str());
            assert!(
                goal.is_some_and(|g| named != (&json!(g.revision), Some(g.fingerprint.as_str()))),
                "{}: an agreement to the kept words went: {:?}",
                device.name,
                entry.record
            );
            self.ledger.discarded.insert((entry.collection.clone(), entry.id.clone()));
        }
    }

    fn settle_refused(&mut self, device: &Device, refused: &RefusedChange, discard: bool) {
        self.ledger.refused += 1;
        if discard {
            self.ledger.discarded.insert((refused.collection.clone(), refused.id.clone()));
            block_on(discard_refused(device, &refused.key, "sim")).expect("discarding stores");
        } else {
            block_on(retry_refused(device, &refused.key)).expect("retrying stores");
        }
    }

    /// Everyone online; syncs run to their end; every conflict and refused
    /// change is settled; until nothing is left to do.
    fn settle(&mut self) -> Result<(), TestCaseError> {
        for device in self.devices {
            device.online.set(true);
            device.lose_answers.set(0);
        }
        for round in 0..12 {
            for index in 0..self.devices.len() {
                while self.running[index].is_some() {
                    self.answer(index);
                }
                let device = &self.devices[index];
                let result = block_on(run(device, device));
                prop_assert!(result.is_ok(), "a sync failed with everyone online: {result:?}");
                let conflicts: Vec<Conflict> = device.conflicts.borrow().values().cloned().collect();
                for (i, conflict) in conflicts.iter().enumerate() {
                    self.resolve(device, conflict, round + i);
                }
                let entries: Vec<_> = device.outbox.borrow().iter().map(|(k, e)| (k.clone(), e.clone())).collect();
                for refused in outline(&entries, &[]).refused {
                    self.settle_refused(device, &refused, true);
                }
            }
            let quiet = self.devices.iter().all(|d| d.outbox.borrow().is_empty() && d.conflicts.borrow().is_empty());
            if quiet {
                // One more pull each, so everyone has the last changes.
                for device in self.devices {
                    prop_assert!(block_on(run(device, device)).is_ok());
                }
                return Ok(());
            }
        }
        prop_assert!(false, "still not settled after 12 rounds");
        Ok(())
    }

    fn check(&self) -> Result<(), TestCaseError> {
        let state = self.server.state.borrow();
        prop_assert!(state.lost_updates.is_empty(), "lost updates:\n{}", state.lost_updates.join("\n"));
        let server: BTreeMap<String, BTreeMap<String, Value>> = state
            .tables
            .iter()
            .map(|(c, t)| (c.clone(), t.iter().map(|(id, s)| (id.clone(), s.record.clone())).collect()))
            .filter(|(_, t): &(String, BTreeMap<String, Value>)| !t.is_empty())
            .collect();
        drop(state);
        for device in self.devices {
            let mine = device.shared();
            for (collection, records) in &server {
                let here = mine.get(collection).cloned().unwrap_or_default();
                let missing: Vec<&String> = records.keys().filter(|id| !here.contains_key(*id)).collect();
                let extra: Vec<&String> = here.keys().filter(|id| !records.contains_key(*id)).collect();
                prop_assert!(
                    missing.is_empty() && extra.is_empty(),
                    "{} {collection}: missing {missing:?}, extra {extra:?}",
                    device.name
                );
                for (id, record) in records {
                    prop_assert_eq!(&here[id], record, "{} holds another {}/{}", &device.name, collection, id);
                }
            }
            prop_assert!(
                mine.keys().all(|c| server.contains_key(c)),
                "{} holds a collection the server lacks",
                device.name
            );
        }
        // Every create arrived (unless its person discarded it), and nothing twice.
        for (collection, id) in &self.ledger.created {
            if self.ledger.discarded.contains(&(collection.clone(), id.clone())) {
                continue;
            }
            prop_assert!(server.get(collection).is_some_and(|t| t.contains_key(id)), "{collection}/{id} was lost");
        }
        for (collection, records) in &server {
            let client_ids: Vec<&Value> = records.values().map(|r| &r["clientId"]).collect();
            let unique: BTreeSet<String> = client_ids.iter().map(|c| c.to_string()).collect();
            prop_assert_eq!(unique.len(), client_ids.len(), "a {} record arrived twice", collection);
        }
        // No goal active without everyone's agreement to its words, on the server either.
        let mut db = domain::Db::default();
        for (collection, records) in &server {
            if let Some(kind) = sync_engine::registry::kind(collection) {
                (kind.upsert)(&mut db, records.values().cloned().collect());
            }
        }
        let wrong = active_without_consent(&db, &self.ledger.agreed);
        prop_assert!(wrong.is_empty(), "on the server: {wrong:?}");
        Ok(())
    }
}

/// What the runs went through, summed (printed with `SYNC_SIM_STATS=1`), to
/// see that the schedules reach the hard cases.
#[derive(Debug, Default)]
struct Seen {
    runs: usize,
    conflicts_resolved: usize,
    refused_settled: usize,
    revised_goals: usize,
    active_goals: usize,
    checkins: usize,
}

thread_local! {
    static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::default();
}

fn simulate(steps: &[Step], stamps_time: bool, batches: bool) -> Result<(), TestCaseError> {
    let server = Server::new(stamps_time, batches);
    // A server that stamps its own time plays PocketBase, whose hooks also
    // take an agreement only to its goal's current words.
    server.state.borrow_mut().checks_wording = stamps_time;
    let devices = [
        Device::new("tablet", "pupil", 0, &server),
        Device::new("classroom", "teacher", -2 * HOUR, &server),
        Device::new("phone", "coach", 37 * 60_000, &server),
        Device::new("laptop", "coach", -5 * HOUR - 11 * 60_000, &server),
    ];
    team(&server, &devices.iter().collect::<Vec<_>>());
    let (goal, revision, words) = active_goal(&server, &devices.iter().collect::<Vec<_>>());
    let mut world =
        World { server: &server, devices: &devices, running: vec![], ledger: Ledger::default(), counter: 0 };
    for person in ["pupil", "teacher", "coach"] {
        world.ledger.agreed.insert((person.to_string(), goal.clone(), revision, words.clone()));
    }
    world.running = (0..devices.len()).map(|_| None).collect();
    for step in steps {
        world.act(step)?;
    }
    world.settle()?;
    world.check()?;
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        let db = devices[0].db.borrow();
        seen.runs += 1;
        seen.conflicts_resolved += world.ledger.resolved;
        seen.refused_settled += world.ledger.refused;
        seen.revised_goals += db.goals.iter().filter(|g| g.revision > 1).count();
        seen.active_goals +=
            db.goals.iter().filter(|g| domain::rules::goal_status(&db, g) == domain::rules::GoalStatus::Active).count();
        seen.checkins += db.checkins.len();
    });
    Ok(())
}

fn cases() -> u32 {
    std::env::var("SYNC_SIM_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400)
}

#[test]
fn devices_that_come_and_go_end_with_the_server_s_data_and_nothing_lost() {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = (prop::collection::vec(step(), 1..160), any::<bool>(), any::<bool>());
    let result = runner.run(&strategy, |(steps, stamps_time, batches)| simulate(&steps, stamps_time, batches));
    if std::env::var_os("SYNC_SIM_STATS").is_some() {
        SEEN.with(|seen| eprintln!("{:?}", seen.borrow()));
    }
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// Schedules the simulation once found wrong (shrunk by proptest), kept as they were.
#[test]
fn schedules_that_once_failed() {
    use What::*;
    let steps = |list: &[(usize, What, usize)]| -> Vec<Step> {
        list.iter().map(|&(device, what, pick)| Step { device, what, pick }).collect()
    };
    // The coach's laptop and phone make the same correction of one check-in
    // while the laptop's sync runs: the laptop's send counted as its own
    // earlier one, and the laptop kept its copy with its own time in it.
    let same_correction = steps(&[
        (3, Sync, 0),
        (3, CheckIn, 0),
        (0, Propose, 0),
        (3, Answer, 259),
        (0, Propose, 0),
        (2, Sync, 0),
        (2, Answer, 615),
        (2, Answer, 344),
        (2, Sync, 0),
        (2, CheckIn, 778),
        (0, Propose, 0),
        (0, Propose, 0),
        (3, CheckIn, 13),
        (2, Answer, 324),
        (0, Propose, 0),
        (0, Propose, 0),
    ]);
    simulate(&same_correction, false, false).unwrap();
    // A proposal and a later revision on the laptop got the same agreement id
    // from the harness (not from the app, whose ids are random): the second
    // agreement replaced the first on the laptop but not on the server.
    // The tablet's proposals, as shrinking left them: they move on the step counter, from which the ids came.
    let tablet = |k: usize| vec![(0, Propose, 0); k];
    let one_id_for_two_agreements = steps(
        &[
            tablet(5),
            vec![(2, Revise, 27)],
            tablet(19),
            vec![(1, Revise, 0)],
            tablet(28),
            vec![(3, Propose, 560), (0, Propose, 0), (3, Revise, 614), (0, Propose, 0)],
        ]
        .concat(),
    );
    simulate(&one_id_for_two_agreements, false, false).unwrap();
}

#[test]
fn the_simulated_world_catches_a_lost_update() {
    // The harness itself: an update on a version its device never saw is caught.
    let server = Server::new(false, false);
    let a = Device::new("a", "teacher", 0, &server);
    team(&server, &[&a]);
    let mut person = server.records("people")[1].clone();
    person["version"] = Value::from(2);
    person["name"] = Value::from("Someone else's words");
    let result = block_on(a.update("people", "teacher", &person, 1));
    assert!(result.is_ok());
    assert_eq!(server.state.borrow().lost_updates.len(), 0, "version 1 was seen by a (it got it from the team)");
    person["version"] = Value::from(3);
    let _ = block_on(a.update("people", "teacher", &person, 2));
    assert_eq!(server.state.borrow().lost_updates.len(), 1, "a never saw version 2");
}
