//! A simulated world for the engine: a server that behaves as the contract
//! says (server order, version rules, refusals, lost answers) and devices
//! whose store is memory, whose clocks are skewed, that go on- and offline
//! and whose people use the domain's rules as the app does. Shared by the
//! scenario tests and the simulation.
#![allow(dead_code)]

use domain::rules::{self, GoalStatus};
use domain::*;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use sync_engine::store::key_of;
use sync_engine::*;

/// Milliseconds of the world's true time; devices add their skew.
pub type Millis = i64;

/// RFC 3339 of a time in milliseconds since 1970.
pub fn rfc3339(ms: Millis) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let (h, m, s, milli) = (rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000);
    format!("{}T{h:02}:{m:02}:{s:02}.{milli:03}Z", Date::from_days(days))
}

/// A pending point in a future: the first poll answers "not yet", so the
/// scheduler decides what happens in between (other devices, other taps).
pub struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

pub fn yield_now() -> Yield {
    Yield(false)
}

/// Polls a future once.
pub fn poll_once<T>(future: &mut Pin<Box<dyn Future<Output = T> + '_>>) -> Poll<T> {
    future.as_mut().poll(&mut Context::from_waker(Waker::noop()))
}

/// Runs a future to its end (each poll lets it reach its next request).
pub fn block_on<T>(future: impl Future<Output = T>) -> T {
    let mut future: Pin<Box<dyn Future<Output = T> + '_>> = Box::pin(future);
    loop {
        if let Poll::Ready(value) = poll_once(&mut future) {
            return value;
        }
    }
}

/// What a record says, leaving out what servers stamp and the version (the
/// key says the version): two records with the same content say the same.
pub fn content_of(record: &Value) -> String {
    let mut record = record.clone();
    if let Value::Object(fields) = &mut record {
        fields.remove("updatedAt");
        fields.remove("version");
    }
    record.to_string()
}

/// A record on the server and where it stands in the server's order.
#[derive(Clone, Debug)]
pub struct Stored {
    pub record: Value,
    pub seq: u64,
}

/// The server's state.
#[derive(Default)]
pub struct ServerState {
    pub seq: u64,
    pub tables: BTreeMap<String, BTreeMap<String, Stored>>,
    /// What each version of each record said: (collection, id, version) → content.
    pub history: BTreeMap<(String, String, u32), String>,
    /// Updates accepted from a device that had never seen the version they were based on.
    pub lost_updates: Vec<String>,
    /// Writes its own time into `updatedAt` (as PocketBase does) instead of keeping the device's.
    pub stamps_time: bool,
    /// Offers `POST /_batch`.
    pub batches: bool,
    /// Takes an agreement only to its goal's current wording (revision and
    /// fingerprint), as PocketBase's hooks do; json-server takes any.
    pub checks_wording: bool,
    /// Erases a whole pupil in one request and writes the traces itself (as
    /// PocketBase's erasure route does); refuses traces and deletes from devices.
    pub erases_pupils: bool,
    /// Pupils the server was asked to erase, in order.
    pub erase_requests: Vec<String>,
    /// Refuses every erasure (403), as a server whose rules say the asker may not.
    pub refuses_erasure: bool,
}

pub struct Server {
    pub state: RefCell<ServerState>,
    /// The world's true time.
    pub now: Cell<Millis>,
}

/// Comments with this text are refused by the server, for good (a 422).
pub const REFUSED_TEXT: &str = "REFUSE ME";

impl Server {
    pub fn new(stamps_time: bool, batches: bool) -> Rc<Server> {
        Rc::new(Server {
            state: RefCell::new(ServerState { stamps_time, batches, ..ServerState::default() }),
            now: Cell::new(1_780_000_000_000),
        })
    }

    /// Records of a collection, as on the server.
    pub fn records(&self, collection: &str) -> Vec<Value> {
        self.state
            .borrow()
            .tables
            .get(collection)
            .map(|t| t.values().map(|s| s.record.clone()).collect())
            .unwrap_or_default()
    }

    /// Puts records on the server, as the app writes them if they are valid, as they are if not (seeding).
    pub fn seed(&self, collection: &str, records: &[Value]) {
        for record in records {
            let id = record["id"].as_str().unwrap_or_default().to_string();
            let kind = sync_engine::registry::kind(collection);
            let written = kind.and_then(|k| (k.normalise)(record).ok()).unwrap_or_else(|| record.clone());
            self.insert(collection, &id, written);
        }
    }

    fn insert(&self, collection: &str, id: &str, mut record: Value) {
        let mut state = self.state.borrow_mut();
        state.seq += 1;
        let seq = state.seq;
        if state.stamps_time {
            record["updatedAt"] = Value::from(rfc3339(self.now.get()));
        }
        let version = record["version"].as_u64().unwrap_or(0) as u32;
        state.history.insert((collection.into(), id.into(), version), content_of(&record));
        state.tables.entry(collection.into()).or_default().insert(id.into(), Stored { record, seq });
    }

    fn find(&self, collection: &str, id: &str) -> Option<Value> {
        self.state.borrow().tables.get(collection).and_then(|t| t.get(id)).map(|s| s.record.clone())
    }

    fn refuses(&self, collection: &str, record: &Value) -> bool {
        if record.get("text").and_then(Value::as_str) == Some(REFUSED_TEXT) {
            return true;
        }
        if !self.state.borrow().checks_wording || collection != Agreement::COLLECTION {
            return false;
        }
        let goal = record["goalId"].as_str().and_then(|id| self.find(Goal::COLLECTION, id));
        goal.is_none_or(|g| g["revision"] != record["revision"] || g["fingerprint"] != record["fingerprint"])
    }

    fn create(&self, collection: &str, record: &Value) -> Result<(), HttpError> {
        let id = record["id"].as_str().unwrap_or_default();
        if collection == "erasures" && self.state.borrow().erases_pupils {
            return Err(HttpError::Status { status: 403, body: "only the server writes traces".into() });
        }
        if record["version"] != json!(1) {
            return Err(HttpError::Status { status: 422, body: "a create is version 1".into() });
        }
        if self.refuses(collection, record) {
            return Err(HttpError::Status { status: 422, body: "not this text".into() });
        }
        if self.find(collection, id).is_some() {
            return Err(HttpError::Conflict);
        }
        self.insert(collection, id, record.clone());
        Ok(())
    }

    fn has_client_id(&self, collection: &str, client_id: &str) -> bool {
        self.records(collection).iter().any(|r| r["clientId"] == json!(client_id) || r["id"] == json!(client_id))
    }

    fn create_batch(&self, creates: &[(&str, &Value)]) -> Result<Vec<bool>, HttpError> {
        if creates.iter().any(|(collection, record)| record["version"] != json!(1) || self.refuses(collection, record))
        {
            return Err(HttpError::Status { status: 400, body: "a create in the batch is refused".into() });
        }
        Ok(creates
            .iter()
            .map(|(collection, record)| {
                let client_id = record["clientId"].as_str().unwrap_or_default();
                let id = record["id"].as_str().unwrap_or_default();
                if self.has_client_id(collection, client_id) || self.find(collection, id).is_some() {
                    return false;
                }
                self.insert(collection, id, (*record).clone());
                true
            })
            .collect())
    }

    fn update(&self, device: &Device, collection: &str, id: &str, record: &Value, base: u32) -> Result<(), HttpError> {
        let Some(stored) = self.find(collection, id) else {
            return Err(HttpError::Status { status: 404, body: "no such record".into() });
        };
        if stored["version"] != json!(base) {
            return Err(HttpError::Conflict);
        }
        if record["version"] != json!(base + 1) {
            return Err(HttpError::Status { status: 422, body: "an update is stored + 1".into() });
        }
        let key = (collection.to_string(), id.to_string(), base);
        let server_said = self.state.borrow().history.get(&key).cloned();
        let device_saw = device.seen.borrow().get(&key).cloned();
        if server_said != device_saw {
            self.state.borrow_mut().lost_updates.push(format!(
                "{} wrote {collection}/{id} v{} on v{base} it never saw:\n  server had {server_said:?}\n  device saw {device_saw:?}",
                device.name,
                base + 1
            ));
        }
        self.insert(collection, id, record.clone());
        Ok(())
    }

    fn pull(&self, collection: &str, cursor: Option<&str>) -> Pulled {
        let after: u64 = cursor.and_then(|c| c.parse().ok()).unwrap_or(0);
        let state = self.state.borrow();
        let mut rows: Vec<&Stored> =
            state.tables.get(collection).map(|t| t.values().filter(|s| s.seq > after).collect()).unwrap_or_default();
        rows.sort_by_key(|s| s.seq);
        let last = rows.last().map_or(after, |s| s.seq);
        Pulled { records: rows.into_iter().map(|s| s.record.clone()).collect(), cursor: Some(last.to_string()) }
    }

    /// The server's records as a database (the valid ones).
    fn db(&self) -> Db {
        let mut db = Db::default();
        for kind in sync_engine::registry::kinds() {
            (kind.upsert)(&mut db, self.records(kind.name));
        }
        db
    }

    /// Erases a pupil as PocketBase's route does: every record
    /// `records_of_pupil` lists, and a trace unless there is one.
    fn erase_pupil(&self, pupil: &str) {
        for (collection, id) in domain::erasure::records_of_pupil(&self.db(), pupil) {
            self.erase(collection, &id);
        }
        let hash = domain::erasure::pupil_hash(pupil);
        if !self.records("erasures").iter().any(|t| t["pupilHash"] == json!(hash)) {
            let id = format!("erasure-server-{}", self.state.borrow().erase_requests.len());
            let on = Date::from_days(self.now.get() / 86_400_000);
            let trace = json!({"id": id, "pupilHash": hash, "on": on, "clientId": id, "version": 1});
            self.insert("erasures", &id, trace);
        }
    }

    fn erase(&self, collection: &str, id: &str) {
        if let Some(table) = self.state.borrow_mut().tables.get_mut(collection) {
            table.remove(id);
        }
    }
}

/// One device: a store in memory, a skewed clock, a connection that comes
/// and goes; it is also its own remote (the server behind it).
pub struct Device {
    pub name: String,
    /// Who uses it.
    pub person: String,
    pub db: RefCell<Db>,
    pub outbox: RefCell<BTreeMap<String, OutboxEntry>>,
    pub conflicts: RefCell<BTreeMap<String, Conflict>>,
    pub settings: RefCell<BTreeMap<String, String>>,
    pub erasing: RefCell<BTreeMap<String, PendingErasure>>,
    keys: Cell<u64>,
    /// Added to the world's time: a clock that is wrong.
    pub skew: Millis,
    pub online: Cell<bool>,
    /// The next write's answer is lost (the server takes it, the device hears nothing).
    pub lose_answers: Cell<u32>,
    /// What this device has seen of each version of each record: (collection, id, version) → content.
    pub seen: RefCell<BTreeMap<(String, String, u32), String>>,
    /// Pulls by the device's own clock, as before server order: `updatedAt >= last pull − 5 min`.
    pub old_pulls: Cell<bool>,
    /// A store write fails once this reaches 0 (then it is a crash: nothing more is written).
    pub writes_left: Cell<Option<u32>>,
    /// Deleting on the server fails (the connection drops, or the tab closes, right then).
    pub fail_erase: Cell<bool>,
    pub server: Rc<Server>,
}

impl Device {
    pub fn new(name: &str, person: &str, skew: Millis, server: &Rc<Server>) -> Device {
        Device {
            name: name.into(),
            person: person.into(),
            db: RefCell::new(Db::default()),
            outbox: RefCell::default(),
            conflicts: RefCell::default(),
            settings: RefCell::default(),
            erasing: RefCell::default(),
            keys: Cell::new(0),
            skew,
            online: Cell::new(true),
            lose_answers: Cell::new(0),
            seen: RefCell::default(),
            old_pulls: Cell::new(false),
            writes_left: Cell::new(None),
            fail_erase: Cell::new(false),
            server: Rc::clone(server),
        }
    }

    /// The device's own idea of now.
    pub fn clock(&self) -> Millis {
        self.server.now.get() + self.skew
    }

    /// Today on the device's calendar.
    pub fn today(&self) -> Date {
        Date::from_days(self.clock().div_euclid(86_400_000))
    }

    fn saw(&self, collection: &str, record: &Value) {
        let id = record["id"].as_str().unwrap_or_default().to_string();
        let version = record["version"].as_u64().unwrap_or(0) as u32;
        self.seen.borrow_mut().insert((collection.into(), id, version), content_of(record));
    }

    /// The person saw the backend's side of a conflict.
    pub fn saw_theirs(&self, conflict: &Conflict) {
        self.saw(&conflict.collection, &conflict.theirs);
    }

    fn write(&self) -> Result<(), StoreError> {
        match self.writes_left.get() {
            Some(0) => Err(StoreError("the tab was closed".into())),
            Some(n) => {
                self.writes_left.set(Some(n - 1));
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Saves records as the app's `Session::save` does: stamps them, shows
    /// them, stores them and queues the change.
    pub fn save<T: Record>(&self, records: Vec<T>) -> Result<(), StoreError> {
        let mut changes = Vec::new();
        for mut record in records {
            let base = record.meta().version;
            let id = record.id().to_string();
            let meta = record.meta_mut();
            if meta.client_id.is_empty() {
                meta.client_id = id;
            }
            meta.version = next_version(base).ok_or_else(|| StoreError("version".into()))?;
            meta.updated_at = rfc3339(self.clock());
            meta.updated_by = self.person.clone();
            let value = serde_json::to_value(&record).map_err(|e| StoreError(e.to_string()))?;
            self.saw(T::COLLECTION, &value);
            self.db.borrow_mut().upsert(record);
            changes.push(Change { collection: T::COLLECTION.into(), record: value, base, fresh: base == 0 });
        }
        block_on(enqueue(self, changes))
    }

    fn offline(&self) -> Result<(), HttpError> {
        if self.online.get() {
            Ok(())
        } else {
            Err(HttpError::Unreachable("offline".into()))
        }
    }

    /// The answer to a write, unless it is to be lost.
    fn answer<T>(&self, result: Result<T, HttpError>) -> Result<T, HttpError> {
        if result.is_ok() && self.lose_answers.get() > 0 {
            self.lose_answers.set(self.lose_answers.get() - 1);
            return Err(HttpError::Unreachable("the answer was lost".into()));
        }
        result
    }

    // --- What the people do, with the domain's rules, as the app does ---

    pub fn goals(&self) -> Vec<Goal> {
        self.db.borrow().goals.iter().filter(|g| !g.meta.deleted && g.ended.is_none()).cloned().collect()
    }

    pub fn propose(&self, n: usize, pupil: &str) -> Result<bool, StoreError> {
        let today = self.today();
        let made = {
            let db = self.db.borrow();
            rules::propose_goal(
                &db,
                format!("goal-{}-{n}", self.name),
                format!("agree-{}-{n}", self.name),
                pupil,
                &self.person,
                today,
                wording(n, today),
            )
        };
        let Ok((goal, agreement)) = made else { return Ok(false) };
        self.save(vec![goal])?;
        self.save(vec![agreement])?;
        Ok(true)
    }

    pub fn revise(&self, goal: &Goal, n: usize) -> Result<bool, StoreError> {
        let today = self.today();
        let made = {
            let db = self.db.borrow();
            rules::revise_goal(&db, format!("agree-{}-{n}", self.name), goal, &self.person, today, wording(n, today))
        };
        let Ok((goal, agreement)) = made else { return Ok(false) };
        self.save(vec![goal])?;
        self.save(vec![agreement])?;
        Ok(true)
    }

    pub fn agree(&self, goal: &Goal, n: usize) -> Result<bool, StoreError> {
        let today = self.today();
        let made = rules::agree(&self.db.borrow(), format!("agree-{}-{n}", self.name), goal, &self.person, today);
        let Ok(agreement) = made else { return Ok(false) };
        self.save(vec![agreement])?;
        Ok(true)
    }

    /// Today's check-in on a goal: a second tap corrects the first, as the app's quick check-in does.
    pub fn check_in(&self, goal: &Goal, level: i8, n: usize) -> Result<bool, StoreError> {
        let today = self.today();
        if rules::may_check_in(&self.db.borrow(), goal, &self.person).is_err() {
            return Ok(false);
        }
        let existing = self
            .db
            .borrow()
            .checkins
            .in_group(&goal.id)
            .find(|c| c.person_id == self.person && c.on == today && !c.meta.deleted)
            .cloned();
        let checkin = match existing {
            Some(mut checkin) => {
                checkin.gas = GasLevel::new(level);
                checkin
            }
            None => CheckIn {
                id: format!("checkin-{}-{n}", self.name),
                goal_id: goal.id.clone(),
                pupil_id: goal.pupil_id.clone(),
                person_id: self.person.clone(),
                on: today,
                gas: GasLevel::new(level),
                value: None,
                note: String::new(),
                mood: None,
                visible_to: None,
                meta: Meta::default(),
            },
        };
        self.save(vec![checkin])?;
        Ok(true)
    }

    pub fn comment(&self, goal: &Goal, text: &str, n: usize) -> Result<bool, StoreError> {
        if rules::may_comment(&self.db.borrow(), goal, &self.person).is_err() {
            return Ok(false);
        }
        let comment = Comment {
            id: format!("comment-{}-{n}", self.name),
            goal_id: goal.id.clone(),
            person_id: self.person.clone(),
            on: self.today(),
            text: text.into(),
            encouragement: false,
            visible_to: None,
            meta: Meta::default(),
        };
        self.save(vec![comment])?;
        Ok(true)
    }

    /// Everything on the device that the server holds too, as JSON by collection and id.
    pub fn shared(&self) -> BTreeMap<String, BTreeMap<String, Value>> {
        let db = self.db.borrow();
        sync_engine::registry::kinds()
            .iter()
            .map(|kind| (kind.name.to_string(), (kind.all)(&db).into_iter().collect()))
            .filter(|(_, records): &(String, BTreeMap<String, Value>)| !records.is_empty())
            .collect()
    }

    /// Goals active on this device with an agreement to words someone never saw.
    pub fn active_without_consent(&self, agreed: &BTreeSet<(String, String, u32, String)>) -> Vec<String> {
        let db = self.db.borrow();
        active_without_consent(&db, agreed)
    }
}

/// Goals active in `db` although some required member never agreed, on their
/// own device, to exactly this revision's words.
pub fn active_without_consent(db: &Db, agreed: &BTreeSet<(String, String, u32, String)>) -> Vec<String> {
    let mut wrong = Vec::new();
    for goal in db.goals.iter().filter(|g| !g.meta.deleted) {
        if rules::goal_status(db, goal) != GoalStatus::Active {
            continue;
        }
        let words = serde_json::to_string(&goal.content).unwrap_or_default();
        for person in rules::required_agreers(db, goal) {
            if !agreed.contains(&(person.clone(), goal.id.clone(), goal.revision, words.clone())) {
                wrong.push(format!(
                    "{} is active r{} ({:?}) without {person}'s agreement to its words",
                    goal.id, goal.revision, goal.content.title
                ));
            }
        }
    }
    wrong
}

/// A goal's wording, one of a few (so that two devices sometimes write the same words).
pub fn wording(n: usize, today: Date) -> GoalContent {
    const TITLES: [&str; 4] = ["Read 10 pages", "Read 15 pages", "Ask for help", "Come to practice"];
    GoalContent {
        title: TITLES[n % TITLES.len()].into(),
        why: if n.is_multiple_of(3) { "It matters".into() } else { String::new() },
        gas: Some(GasScale {
            levels: ["−2", "−1", "0", "+1", "+2"].map(String::from),
            current: GasLevel::new(-1).unwrap_or(GasLevel::ALL[0]),
        }),
        measure: None,
        contributions: Vec::new(),
        review_date: today.add_days(30),
        strength_ids: Vec::new(),
        weight: 1.0,
    }
}

/// An active goal of the pupil's, agreed by all three long ago, on the
/// server and every device; answers the goal's id and its words.
pub fn active_goal(server: &Server, devices: &[&Device]) -> (String, u32, String) {
    let long_ago = Date::from_days(server.now.get() / 86_400_000 - 100);
    let mut db = Db::default();
    for collection in ["people", "members"] {
        if let Some(kind) = sync_engine::registry::kind(collection) {
            (kind.upsert)(&mut db, server.records(collection));
        }
    }
    let made = rules::propose_goal(
        &db,
        "goal-team".into(),
        "agree-team-pupil".into(),
        "pupil",
        "pupil",
        long_ago,
        wording(1, long_ago),
    );
    let (goal, first) = made.expect("the pupil proposes");
    db.upsert(goal.clone());
    let mut agreements = vec![first];
    for person in ["teacher", "coach"] {
        agreements
            .push(rules::agree(&db, format!("agree-team-{person}"), &goal, person, long_ago).expect("they agree"));
    }
    let stamp = |value: Value| {
        let mut value = value;
        value["version"] = json!(1);
        value["clientId"] = value["id"].clone();
        value
    };
    let goal_json = stamp(serde_json::to_value(&goal).unwrap_or_default());
    let agreement_json: Vec<Value> =
        agreements.iter().map(|a| stamp(serde_json::to_value(a).unwrap_or_default())).collect();
    server.seed("goals", &[goal_json]);
    server.seed("agreements", &agreement_json);
    for device in devices {
        for collection in ["goals", "agreements"] {
            block_on(device.put_records(collection, server.records(collection))).unwrap();
        }
    }
    (goal.id.clone(), goal.revision, serde_json::to_string(&goal.content).unwrap_or_default())
}

/// A pupil, her teacher and her coach, members since long ago: on the server and every device.
pub fn team(server: &Server, devices: &[&Device]) {
    let since = Date::from_days(server.now.get() / 86_400_000 - 400);
    let person = |id: &str, role: &str| json!({"id": id, "name": id, "role": role, "clientId": id, "version": 1});
    let member = |person: &str| {
        json!({"id": format!("member-{person}"), "pupilId": "pupil", "personId": person, "since": since,
               "clientId": format!("member-{person}"), "version": 1})
    };
    let people = vec![person("pupil", "pupil"), person("teacher", "teacher"), person("coach", "coach")];
    let members = vec![member("teacher"), member("coach")];
    server.seed("people", &people);
    server.seed("members", &members);
    for device in devices {
        for collection in ["people", "members"] {
            block_on(device.put_records(collection, server.records(collection))).unwrap();
        }
    }
}

impl Store for Device {
    async fn outbox(&self) -> Result<Vec<(String, OutboxEntry)>, StoreError> {
        Ok(self.outbox.borrow().iter().map(|(k, e)| (k.clone(), e.clone())).collect())
    }
    async fn put_outbox(&self, entries: &[(String, OutboxEntry)]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        self.write()?;
        let mut outbox = self.outbox.borrow_mut();
        for (key, entry) in entries {
            outbox.insert(key.clone(), entry.clone());
        }
        Ok(())
    }
    async fn delete_outbox(&self, keys: &[String]) -> Result<(), StoreError> {
        self.write()?;
        let mut outbox = self.outbox.borrow_mut();
        for key in keys {
            outbox.remove(key);
        }
        Ok(())
    }
    fn next_key(&self) -> String {
        self.keys.set(self.keys.get() + 1);
        format!("{:012}", self.keys.get())
    }
    async fn conflicts(&self) -> Result<Vec<Conflict>, StoreError> {
        Ok(self.conflicts.borrow().values().cloned().collect())
    }
    async fn put_conflict(&self, conflict: &Conflict) -> Result<(), StoreError> {
        self.write()?;
        self.conflicts.borrow_mut().insert(conflict.key(), conflict.clone());
        Ok(())
    }
    async fn delete_conflict(&self, key: &str) -> Result<(), StoreError> {
        self.write()?;
        self.conflicts.borrow_mut().remove(key);
        Ok(())
    }
    async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.settings.borrow().get(key).cloned())
    }
    async fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        self.write()?;
        match value {
            Some(value) => self.settings.borrow_mut().insert(key.into(), value.into()),
            None => self.settings.borrow_mut().remove(key),
        };
        Ok(())
    }
    fn read<R>(&self, f: impl FnOnce(&Db) -> R) -> R {
        f(&self.db.borrow())
    }
    async fn put_records(&self, collection: &str, records: Vec<Value>) -> Result<(), StoreError> {
        self.write()?;
        for record in &records {
            self.saw(collection, record);
        }
        let kind = sync_engine::registry::kind(collection).ok_or_else(|| StoreError(collection.into()))?;
        let unread = (kind.upsert)(&mut self.db.borrow_mut(), records);
        assert!(unread.is_empty(), "the engine stored records that are not valid: {unread:?}");
        Ok(())
    }
    async fn purge(&self, records: &[domain::erasure::RecordRef]) -> Result<(), StoreError> {
        self.write()?;
        domain::erasure::purge(&mut self.db.borrow_mut(), records);
        let listed = |c: &str, id: &str| records.iter().any(|(rc, rid)| *rc == c && rid == id);
        self.outbox.borrow_mut().retain(|_, e| !listed(&e.collection, &e.id));
        self.conflicts.borrow_mut().retain(|_, c| !listed(&c.collection, &c.id));
        Ok(())
    }
    fn saving(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    async fn pending_erasures(&self) -> Result<Vec<(String, PendingErasure)>, StoreError> {
        Ok(self.erasing.borrow().iter().map(|(k, p)| (k.clone(), p.clone())).collect())
    }
    async fn put_pending_erasure(&self, key: &str, pending: &PendingErasure) -> Result<(), StoreError> {
        self.write()?;
        self.erasing.borrow_mut().insert(key.into(), pending.clone());
        Ok(())
    }
    async fn delete_pending_erasure(&self, key: &str) -> Result<(), StoreError> {
        self.write()?;
        self.erasing.borrow_mut().remove(key);
        Ok(())
    }
    fn now(&self) -> String {
        rfc3339(self.clock())
    }
}

/// Pull cursors of the old way: the device's clock minus five minutes.
const OLD_OVERLAP_MS: Millis = 5 * 60 * 1000;

impl Remote for Device {
    fn address(&self) -> &str {
        "sim"
    }
    fn shares(&self, collection: &str) -> bool {
        // The team's records and erasures (the peer space plays no part here).
        sync_engine::registry::kind(collection).is_some_and(|k| k.part != domain::Part::PeerSpace)
    }
    async fn ready(&self) -> Result<(), HttpError> {
        self.offline()
    }
    async fn pull(&self, collection: &str, cursor: Option<&str>) -> Result<Pulled, HttpError> {
        yield_now().await;
        self.offline()?;
        if self.old_pulls.get() {
            let next = rfc3339(self.clock() - OLD_OVERLAP_MS);
            let records = self
                .server
                .records(collection)
                .into_iter()
                .filter(|r| cursor.is_none_or(|since| r["updatedAt"].as_str().unwrap_or_default() >= since))
                .collect();
            yield_now().await;
            return Ok(Pulled { records, cursor: Some(next) });
        }
        let pulled = self.server.pull(collection, cursor);
        yield_now().await;
        self.offline()?;
        Ok(pulled)
    }
    async fn get(&self, collection: &str, id: &str) -> Result<Option<Value>, HttpError> {
        yield_now().await;
        self.offline()?;
        Ok(self.server.find(collection, id))
    }
    async fn has_client_id(&self, collection: &str, client_id: &str) -> Result<bool, HttpError> {
        yield_now().await;
        self.offline()?;
        Ok(self.server.has_client_id(collection, client_id))
    }
    async fn create(&self, collection: &str, record: &Value) -> Result<(), HttpError> {
        yield_now().await;
        self.offline()?;
        let result = self.server.create(collection, record);
        yield_now().await;
        self.answer(result)
    }
    fn may_batch(&self) -> bool {
        self.server.state.borrow().batches
    }
    async fn create_batch(&self, creates: &[(&str, &Value)]) -> Result<Option<Vec<bool>>, HttpError> {
        yield_now().await;
        self.offline()?;
        let result = self.server.create_batch(creates).map(Some);
        yield_now().await;
        self.answer(result)
    }
    async fn update(&self, collection: &str, id: &str, record: &Value, base: u32) -> Result<(), HttpError> {
        yield_now().await;
        self.offline()?;
        let result = self.server.update(self, collection, id, record, base);
        yield_now().await;
        self.answer(result)
    }
    async fn erase(&self, collection: &str, id: &str) -> Result<(), HttpError> {
        yield_now().await;
        self.offline()?;
        if self.fail_erase.get() {
            return Err(HttpError::Unreachable("the tab was closed".into()));
        }
        if self.server.state.borrow().erases_pupils {
            return Err(HttpError::Status { status: 403, body: "no deletes by devices".into() });
        }
        self.server.erase(collection, id);
        Ok(())
    }
    fn erases_pupils(&self) -> bool {
        self.server.state.borrow().erases_pupils
    }
    async fn erase_pupil(&self, pupil_id: &str) -> Result<(), HttpError> {
        yield_now().await;
        self.offline()?;
        if self.fail_erase.get() {
            return Err(HttpError::Unreachable("the tab was closed".into()));
        }
        if !self.server.state.borrow().erases_pupils {
            return Err(HttpError::Status { status: 404, body: "no such route".into() });
        }
        self.server.state.borrow_mut().erase_requests.push(pupil_id.to_string());
        if self.server.state.borrow().refuses_erasure {
            return Err(HttpError::Status { status: 403, body: "not allowed".into() });
        }
        self.server.erase_pupil(pupil_id);
        Ok(())
    }
}

/// The conflicts of a device, by key.
pub fn conflict_keys(device: &Device) -> BTreeSet<String> {
    device.conflicts.borrow().keys().cloned().collect()
}

/// The key of a record's conflict.
pub fn conflict_key(collection: &str, id: &str) -> String {
    key_of(collection, id)
}
