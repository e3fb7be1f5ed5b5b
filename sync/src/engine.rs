//! The sync itself: send the outbox in order without ever overwriting
//! someone else's change, pull what changed in the server's order, keep
//! conflicts and refused changes for the person, and carry erasures out
//! everywhere. Plain Rust over [`Store`] and [`Remote`]: tested natively, and
//! the browser's glue (IndexedDB, HTTP, timers, signals) stays thin.

use crate::registry::{self, kinds, Kind};
use crate::remote::{HttpError, Remote};
use crate::store::{key_of, Conflict, OutboxEntry, PendingErasure, Refusal, Store, StoreError};
use domain::erasure::{self, RecordRef};
use domain::{Part, Record};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Outbox entries sent between two updates of the outbox on the device.
const CHUNK: usize = 100;
/// At most about this much record text in one batch request.
pub const BATCH_BYTES: usize = 512 * 1024;
/// The server's stamps, which say nothing about what a person changed: a
/// record that differs from ours only in these is ours (see [`is_own_send`]).
/// A server with accounts writes its own time into `updatedAt`, and into the
/// `at` of a report or a moderator's decision (a phone's clock may be hours off).
const SERVER_STAMPED: [&str; 2] = ["updatedAt", "at"];

/// Why a sync did not finish, in terms the person is told (see the app's i18n).
#[derive(Clone, Debug, PartialEq)]
pub enum SyncProblem {
    /// No connection to the backend (offline, the server is down, or it timed out).
    Unreachable,
    /// The backend answered with an error status (a 5xx, or "too many requests").
    Refused(u16),
    /// The backend's answer was not valid data.
    BadAnswer,
    /// The device's own storage failed.
    Storage,
    /// The backend wants a login: none yet, or it expired. Changes wait on the device.
    LoggedOut,
}

impl From<StoreError> for SyncProblem {
    fn from(_: StoreError) -> SyncProblem {
        SyncProblem::Storage
    }
}

/// The problem a failed request means for the sync.
pub fn problem_of(error: &HttpError) -> SyncProblem {
    match error {
        HttpError::Unreachable(_) => SyncProblem::Unreachable,
        HttpError::Status { status, .. } => SyncProblem::Refused(*status),
        HttpError::Unauthorized => SyncProblem::LoggedOut,
        HttpError::Conflict | HttpError::NotJson(_) | HttpError::TooLarge(_) => SyncProblem::BadAnswer,
    }
}

/// What a finished sync found, besides the records it stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// One line per pulled record that was not valid and was skipped (for the console).
    pub skipped: Vec<String>,
}

/// One whole sync: erasures first (this device's go out, everyone else's are
/// applied before the outbox is sent, so an erased pupil's records are never
/// sent back), then the outbox, then the pull.
pub async fn run<S: Store, R: Remote>(store: &S, remote: &R) -> Result<Report, SyncProblem> {
    remote.ready().await.map_err(|e| problem_of(&e))?;
    let mut report = Report::default();
    send_erasures(store, remote, &mut report).await?;
    if remote.shares(domain::erasure::Erasure::COLLECTION) {
        pull_kind(store, remote, erasures_kind(), false, &mut report).await?;
    }
    sweep(store, remote, &mut report).await?;
    push(store, remote).await?;
    pull(store, remote, &mut report).await?;
    sweep(store, remote, &mut report).await?;
    Ok(report)
}

fn erasures_kind() -> &'static Kind {
    // The registry holds every collection of the domain, erasures among them.
    kinds().iter().find(|k| k.part == Part::Erasures).unwrap_or(&kinds()[0])
}

// --- The outbox -----------------------------------------------------------

/// A change to queue: the record as it is now, and what it was based on.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The record's collection.
    pub collection: String,
    /// The record, with its new version.
    pub record: Value,
    /// The version it was based on; 0 for a new record.
    pub base: u32,
    /// Made on this device just now, never sent anywhere (see [`OutboxEntry::fresh`]).
    pub fresh: bool,
}

/// Queues changes, in the order given, after everything queued before.
pub async fn enqueue<S: Store>(store: &S, changes: Vec<Change>) -> Result<(), StoreError> {
    let entries: Vec<(String, OutboxEntry)> = changes
        .into_iter()
        .map(|change| {
            let id = change.record.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            let entry = OutboxEntry {
                collection: change.collection,
                id,
                base: change.base,
                record: change.record,
                fresh: change.fresh && change.base == 0,
                refused: None,
            };
            (store.next_key(), entry)
        })
        .collect();
    store.put_outbox(&entries).await
}

/// Queues every record on the device that `remote` shares, the first time the
/// device meets a backend. They are created there as version 1 (the contract:
/// a create is version 1), so the device's copies are numbered 1 too; the
/// backend may have some already, so each is asked about first.
pub async fn upload_all<S: Store, R: Remote>(store: &S, remote: &R) -> Result<(), StoreError> {
    // A backend that erases pupils itself writes the traces itself too.
    let uploaded = |kind: &Kind| remote.shares(kind.name) && !(kind.part == Part::Erasures && remote.erases_pupils());
    for kind in kinds().iter().filter(|k| uploaded(k)) {
        let records: Vec<Value> = store
            .read(|db| (kind.all)(db))
            .into_iter()
            .map(|(_, mut record)| {
                record["version"] = Value::from(1);
                record
            })
            .collect();
        if records.is_empty() {
            continue;
        }
        store.put_records(kind.name, records.clone()).await?;
        let changes = records
            .into_iter()
            .map(|record| Change { collection: kind.name.to_string(), record, base: 0, fresh: false })
            .collect();
        enqueue(store, changes).await?;
    }
    Ok(())
}

/// What to do with one outbox entry now.
enum Plan {
    /// Nothing to send: this backend has no place for it. Done.
    Nothing,
    /// Waits: the record is in conflict, or behind a refused change to it.
    Wait,
    /// Sends the record (checked and normalised).
    Send(Value),
    /// Sets it aside for the person.
    SetAside(Refusal),
}

/// Whether the entry names the words of a goal among `goals` (record keys):
/// an agreement waits while its goal is held back.
fn names_words_in(entry: &OutboxEntry, goals: &BTreeSet<String>) -> bool {
    registry::names_words_of(&entry.collection, &entry.record)
        .is_some_and(|goal| goals.contains(&key_of(domain::Goal::COLLECTION, &goal)))
}

fn plan<R: Remote>(remote: &R, entry: &OutboxEntry, blocked: &BTreeSet<String>) -> Plan {
    if entry.refused.is_some()
        || names_words_in(entry, blocked)
        || blocked.contains(&key_of(&entry.collection, &entry.id))
    {
        return Plan::Wait;
    }
    if !remote.shares(&entry.collection) {
        return Plan::Nothing;
    }
    let Some(kind) = registry::kind(&entry.collection) else {
        return Plan::SetAside(Refusal { status: 0, reason: format!("no collection {}", entry.collection) });
    };
    match (kind.normalise)(&entry.record) {
        Ok(mut record) => {
            // What the contract says a write carries: a create is version 1,
            // an update exactly the version it was based on plus one.
            let version = if entry.base == 0 { Some(1) } else { domain::next_version(entry.base) };
            match version {
                Some(version) => {
                    record["version"] = Value::from(version);
                    Plan::Send(record)
                }
                None => Plan::SetAside(Refusal { status: 0, reason: format!("version {} is the largest", entry.base) }),
            }
        }
        Err(error) => Plan::SetAside(Refusal { status: 0, reason: format!("not a valid record: {error}") }),
    }
}

/// Where a batch that starts at `start` ends (exclusive), given each entry's
/// (is a create to send, nothing to send, bytes): it takes creates and
/// entries with nothing to send, and stops before anything else, so that no
/// update overtakes a change made before it. At least one entry, and no more
/// than [`BATCH_BYTES`] of them unless the first alone is larger.
pub fn batch_end(entries: &[(bool, bool, usize)], start: usize) -> usize {
    let mut end = start;
    let mut bytes = 0;
    while let Some(&(create, nothing, size)) = entries.get(end) {
        if !(create || nothing) || (end > start && bytes + size > BATCH_BYTES) {
            break;
        }
        if create {
            bytes += size;
        }
        end += 1;
    }
    end
}

/// Sends the outbox in order. A change the backend refuses for good is set
/// aside and the rest goes on; a change that meets someone else's becomes a
/// conflict, and later changes to that record wait for the person (they are
/// folded into the conflict as its newest "mine"), so none is ever sent on a
/// base that only looks right. Stops at the first problem that a later try
/// may not have (no connection, a 5xx, a bad answer).
pub async fn push<S: Store, R: Remote>(store: &S, remote: &R) -> Result<(), SyncProblem> {
    let entries = store.outbox().await?;
    let mut conflicts: BTreeMap<String, Conflict> =
        store.conflicts().await?.into_iter().map(|c| (c.key(), c)).collect();
    let mut blocked: BTreeSet<String> = conflicts.keys().cloned().collect();
    let mut batching = remote.may_batch();
    for chunk in entries.chunks(CHUNK) {
        let mut done: Vec<String> = Vec::new();
        let result = push_chunk(store, remote, chunk, &mut conflicts, &mut blocked, &mut batching, &mut done).await;
        if !done.is_empty() {
            store.delete_outbox(&done).await?;
        }
        result?;
    }
    Ok(())
}

async fn push_chunk<S: Store, R: Remote>(
    store: &S,
    remote: &R,
    chunk: &[(String, OutboxEntry)],
    conflicts: &mut BTreeMap<String, Conflict>,
    blocked: &mut BTreeSet<String>,
    batching: &mut bool,
    done: &mut Vec<String>,
) -> Result<(), SyncProblem> {
    // Durably "sent once" before anything is sent (see `OutboxEntry::fresh`).
    let marks: Vec<(String, OutboxEntry)> = chunk
        .iter()
        .filter(|(_, entry)| entry.fresh)
        .map(|(key, entry)| (key.clone(), OutboxEntry { fresh: false, ..entry.clone() }))
        .collect();
    store.put_outbox(&marks).await?;
    let mut index = 0;
    while index < chunk.len() {
        let (key, entry) = &chunk[index];
        let record_key = key_of(&entry.collection, &entry.id);
        if entry.refused.is_some() {
            blocked.insert(record_key.clone());
        }
        match plan(remote, entry, blocked) {
            Plan::Nothing => done.push(key.clone()),
            Plan::Wait => {
                // Held back: a later change to a record in conflict becomes the
                // conflict's "mine" (it holds everything the earlier one did),
                // so resolving it keeps the newest of this device's work.
                if let Some(conflict) = conflicts.get_mut(&record_key) {
                    conflict.mine = entry.record.clone();
                    store.put_conflict(conflict).await?;
                    done.push(key.clone());
                }
            }
            Plan::SetAside(refusal) => set_aside(store, key, entry, refusal, blocked).await?,
            Plan::Send(record) => {
                if entry.base == 0 && *batching {
                    let sends: Vec<(bool, bool, usize)> = chunk
                        .iter()
                        .map(|(_, e)| match plan(remote, e, blocked) {
                            Plan::Send(_) => (e.base == 0, false, e.record.to_string().len()),
                            Plan::Nothing | Plan::Wait => (false, true, 0),
                            Plan::SetAside(_) => (false, false, 0),
                        })
                        .collect();
                    let end = batch_end(&sends, index);
                    let batch: Vec<(String, &OutboxEntry, Value)> = chunk[index..end]
                        .iter()
                        .filter_map(|(k, e)| match plan(remote, e, blocked) {
                            Plan::Send(record) => Some((k.clone(), e, record)),
                            _ => None,
                        })
                        .collect();
                    let creates: Vec<(&str, &Value)> =
                        batch.iter().map(|(_, e, record)| (e.collection.as_str(), record)).collect();
                    match remote.create_batch(&creates).await {
                        // Created or there already: either way it arrived, once.
                        Ok(Some(created)) => {
                            for ((_, entry, _), created) in batch.iter().zip(created) {
                                if !created {
                                    known(store, remote, &entry.collection).await?;
                                }
                            }
                            done.extend(batch.iter().map(|(k, _, _)| k.clone()));
                            // Entries that wait stay; those with nothing to send are done.
                            for (k, e) in &chunk[index..end] {
                                if matches!(plan(remote, e, blocked), Plan::Nothing) {
                                    done.push(k.clone());
                                }
                            }
                            index = end;
                            continue;
                        }
                        // Not offered: one by one, from this entry on.
                        Ok(None) => *batching = false,
                        // One of them is refused: one by one, so that only that one is set aside.
                        Err(error) if error.is_refusal() => *batching = false,
                        Err(error) => return Err(problem_of(&error)),
                    }
                }
                match push_one(remote, entry, &record).await {
                    Ok(Pushed::Done) => done.push(key.clone()),
                    Ok(Pushed::Arrived(theirs)) => {
                        arrived(store, entry, &record, theirs).await?;
                        done.push(key.clone());
                    }
                    Ok(Pushed::Known) => {
                        known(store, remote, &entry.collection).await?;
                        done.push(key.clone());
                    }
                    Ok(Pushed::Conflict(theirs)) => {
                        let conflict = Conflict {
                            collection: entry.collection.clone(),
                            id: entry.id.clone(),
                            mine: entry.record.clone(),
                            theirs,
                        };
                        store.put_conflict(&conflict).await?;
                        done.push(key.clone());
                        blocked.insert(record_key.clone());
                        conflicts.insert(record_key, conflict);
                    }
                    Ok(Pushed::Refused(refusal)) => set_aside(store, key, entry, refusal, blocked).await?,
                    Err(error) => return Err(problem_of(&error)),
                }
            }
        }
        index += 1;
    }
    Ok(())
}

/// An earlier send arrived and the backend's copy is at hand: the device
/// takes it (it may carry the server's stamps), unless the record has
/// changed here since — a pull may have passed the backend's copy while
/// this change was waiting, and would not bring it again.
async fn arrived<S: Store>(store: &S, entry: &OutboxEntry, sent: &Value, theirs: Value) -> Result<(), StoreError> {
    let Some(kind) = registry::kind(&entry.collection) else { return Ok(()) };
    let unchanged = store.read(|db| {
        (kind.local)(db, &entry.id).is_some_and(|local| {
            let mut local = local;
            local["version"] = sent["version"].clone();
            local == *sent
        })
    });
    if unchanged && store.read(|db| (kind.local)(db, &entry.id)) != Some(theirs.clone()) {
        store.put_records(kind.name, vec![theirs]).await?;
    }
    Ok(())
}

/// An earlier send arrived, its copy not read: the collection is pulled
/// whole next, so that the device ends with the backend's copy.
async fn known<S: Store, R: Remote>(store: &S, remote: &R, collection: &str) -> Result<(), StoreError> {
    store.set_setting(&cursor_key(remote.address(), collection), None).await
}

async fn set_aside<S: Store>(
    store: &S,
    key: &str,
    entry: &OutboxEntry,
    refusal: Refusal,
    blocked: &mut BTreeSet<String>,
) -> Result<(), StoreError> {
    blocked.insert(key_of(&entry.collection, &entry.id));
    let set = OutboxEntry { refused: Some(refusal), fresh: false, ..entry.clone() };
    store.put_outbox(&[(key.to_string(), set)]).await
}

/// What became of one change.
enum Pushed {
    /// It arrived.
    Done,
    /// An earlier send of it had arrived although its answer was lost; this
    /// is the backend's copy (which may carry the server's own stamps).
    Arrived(Value),
    /// An earlier send had arrived; the backend's copy was not read.
    Known,
    /// The backend's version, which is not the one the change was based on.
    Conflict(Value),
    /// Refused for good.
    Refused(Refusal),
}

fn refusal(error: &HttpError) -> Option<Refusal> {
    match error {
        HttpError::Status { status, body } if error.is_refusal() => {
            Some(Refusal { status: *status, reason: reason_in(body).chars().take(300).collect() })
        }
        _ => None,
    }
}

/// The words in a server's error answer: its JSON `error` or `message`
/// (json-server's middleware, PocketBase), or the answer as it came.
fn reason_in(body: &str) -> String {
    let said = serde_json::from_str::<Value>(body).ok().and_then(|answer| {
        ["error", "message"].iter().find_map(|field| answer.get(field).and_then(Value::as_str).map(str::to_string))
    });
    said.unwrap_or_else(|| body.to_string())
}

fn version_of(value: &Value) -> Option<u64> {
    value.get("version").and_then(Value::as_u64)
}

/// Whether the backend's record is this very change, sent before although
/// its answer was lost: the same version and the same fields, but for those
/// the server stamps itself (never the device's clock: a server may write
/// its own time into `updatedAt`).
pub fn is_own_send(theirs: &Value, record: &Value) -> bool {
    let without = |value: &Value| {
        let mut value = value.clone();
        if let Value::Object(fields) = &mut value {
            for field in SERVER_STAMPED {
                fields.remove(field);
            }
        }
        value
    };
    version_of(theirs) == version_of(record) && without(theirs) == without(record)
}

/// Sends one change; `record` is the entry's record, checked and numbered (see [`plan`]).
async fn push_one<R: Remote>(remote: &R, entry: &OutboxEntry, record: &Value) -> Result<Pushed, HttpError> {
    let (collection, id) = (entry.collection.as_str(), entry.id.as_str());
    if entry.base == 0 {
        // Unless this is the first send of a record made here, an earlier
        // send may have arrived although its answer did not.
        if !entry.fresh {
            let client_id = record.get("clientId").and_then(Value::as_str).filter(|c| !c.is_empty()).unwrap_or(id);
            if remote.has_client_id(collection, client_id).await? {
                return Ok(Pushed::Known);
            }
        }
        return create(remote, collection, id, record).await;
    }
    let Some(theirs) = remote.get(collection, id).await? else {
        // Gone from the backend, or never arrived: it is created again, as version 1.
        let mut first = record.clone();
        first["version"] = Value::from(1);
        return create(remote, collection, id, &first).await;
    };
    let theirs = match checked(collection, &theirs) {
        Ok(theirs) => theirs,
        // The backend's copy is damaged (e.g. a version no device can count
        // on from): nothing can be based on it.
        Err(error) => {
            return Ok(Pushed::Refused(Refusal {
                status: 0,
                reason: format!("the backend's copy is not a valid record: {error}"),
            }));
        }
    };
    if version_of(&theirs) == Some(u64::from(entry.base)) {
        let sent = remote.update(collection, id, record, entry.base).await;
        return answered(remote, collection, id, sent).await;
    }
    if is_own_send(&theirs, record) {
        return Ok(Pushed::Arrived(theirs));
    }
    Ok(Pushed::Conflict(theirs))
}

async fn create<R: Remote>(remote: &R, collection: &str, id: &str, record: &Value) -> Result<Pushed, HttpError> {
    let sent = remote.create(collection, record).await;
    answered(remote, collection, id, sent).await
}

/// What a write's answer means: done, a conflict (the record changed, or
/// for a create: another record has its id) shown with the backend's copy
/// as it is now, a refusal, or a problem for later.
async fn answered<R: Remote>(
    remote: &R,
    collection: &str,
    id: &str,
    sent: Result<(), HttpError>,
) -> Result<Pushed, HttpError> {
    match sent {
        Ok(()) => Ok(Pushed::Done),
        Err(HttpError::Conflict) => match remote.get(collection, id).await? {
            Some(theirs) => Ok(checked(collection, &theirs)
                .map_or_else(|error| Pushed::Refused(Refusal { status: 0, reason: error }), Pushed::Conflict)),
            None => Err(HttpError::Conflict),
        },
        Err(error) => refusal(&error).map(Pushed::Refused).ok_or(error),
    }
}

/// A record as its collection reads it, or why it is not one.
fn checked(collection: &str, value: &Value) -> Result<Value, String> {
    match registry::kind(collection) {
        Some(kind) => (kind.normalise)(value),
        None => Err(format!("no collection {collection}")),
    }
}

// --- Pulling --------------------------------------------------------------

/// Where the device keeps a collection's pull cursor for a backend.
pub fn cursor_key(address: &str, collection: &str) -> String {
    format!("pull {address} {collection}")
}

/// Brings every shared collection's changes onto the device, in the
/// server's order (see [`Remote::pull`]). Records with a change waiting here,
/// in conflict, or just being saved keep the device's version; any other
/// record the backend has differently is taken as the backend has it.
pub async fn pull<S: Store, R: Remote>(store: &S, remote: &R, report: &mut Report) -> Result<(), SyncProblem> {
    for kind in kinds().iter().filter(|k| k.part != Part::Erasures && remote.shares(k.name)) {
        pull_kind(store, remote, kind, true, report).await?;
    }
    Ok(())
}

/// The records whose device version a pull must keep, asked right before
/// the pulled ones are stored (a change may have been made meanwhile), and
/// the conflicts among them.
async fn kept<S: Store>(store: &S) -> Result<(BTreeSet<String>, BTreeMap<String, Conflict>), StoreError> {
    let mut keep: BTreeSet<String> =
        store.outbox().await?.into_iter().map(|(_, e)| key_of(&e.collection, &e.id)).collect();
    let conflicts: BTreeMap<String, Conflict> = store.conflicts().await?.into_iter().map(|c| (c.key(), c)).collect();
    keep.extend(conflicts.keys().cloned());
    keep.extend(store.saving().into_iter().map(|(c, id)| key_of(&c, &id)));
    Ok((keep, conflicts))
}

async fn pull_kind<S: Store, R: Remote>(
    store: &S,
    remote: &R,
    kind: &Kind,
    by_cursor: bool,
    report: &mut Report,
) -> Result<(), SyncProblem> {
    let key = cursor_key(remote.address(), kind.name);
    let cursor = if by_cursor { store.setting(&key).await? } else { None };
    let pulled = remote.pull(kind.name, cursor.as_deref()).await.map_err(|e| problem_of(&e))?;
    let (keep, conflicts) = if pulled.records.is_empty() { Default::default() } else { kept(store).await? };
    let mut skipped = Vec::new();
    let mut newer_theirs: BTreeMap<String, Conflict> = BTreeMap::new();
    let take: Vec<Value> = store.read(|db| {
        let mut take: BTreeMap<String, Value> = BTreeMap::new();
        for raw in &pulled.records {
            let id = raw.get("id").and_then(Value::as_str).unwrap_or("?");
            let record_key = key_of(kind.name, id);
            match (kind.normalise)(raw) {
                Err(error) => skipped.push(format!("{} {id}: {error}", kind.name)),
                Ok(record) if keep.contains(&record_key) => {
                    // A conflict shows the backend's version as it is now, so
                    // that keeping it (or basing one's own on it) is up to date.
                    if let Some(conflict) = conflicts.get(&record_key).filter(|c| c.theirs != record) {
                        newer_theirs.insert(record_key, Conflict { theirs: record, ..conflict.clone() });
                    }
                }
                Ok(record) => {
                    if (kind.local)(db, id).as_ref() != Some(&record) {
                        take.insert(id.to_string(), record);
                    }
                }
            }
        }
        take.into_values().collect()
    });
    for conflict in newer_theirs.values() {
        store.put_conflict(conflict).await?;
    }
    if !take.is_empty() {
        store.put_records(kind.name, take).await?;
    }
    if by_cursor && pulled.cursor != cursor {
        store.set_setting(&key, pulled.cursor.as_deref()).await?;
    }
    report.skipped.extend(skipped);
    Ok(())
}

// --- Erasure ---------------------------------------------------------------

fn record_refs(records: &[(String, String)]) -> Vec<RecordRef> {
    records.iter().filter_map(|(c, id)| Some((registry::kind(c)?.name, id.clone()))).collect()
}

/// Erases a pupil on this device and, through the outbox of erasures, on the
/// backend. With a backend the intent (the trace and every record to delete)
/// is stored first, so that a tab closed half-way leaves work that the next
/// sync finishes, never records on the backend that nobody will delete.
/// Returns what went from the device.
pub async fn erase_pupil<S: Store>(
    store: &S,
    pupil_id: &str,
    trace: Value,
    shared: bool,
) -> Result<Vec<RecordRef>, StoreError> {
    let list = store.read(|db| erasure::records_of_pupil(db, pupil_id));
    if shared {
        let pending = PendingErasure {
            erasure: Some(trace.clone()),
            records: list.iter().map(|(c, id)| (c.to_string(), id.clone())).collect(),
            pupil: Some(pupil_id.to_string()),
        };
        store.put_pending_erasure(&store.next_key(), &pending).await?;
    }
    store.purge(&list).await?;
    store.put_records(domain::erasure::Erasure::COLLECTION, vec![trace]).await?;
    Ok(list)
}

/// Applies erasures made elsewhere: for each erased pupil the device still
/// holds records of (sent by a device that had not heard of the erasure),
/// stores the intent, purges them here, then deletes them on the backend.
pub async fn sweep<S: Store, R: Remote>(store: &S, remote: &R, report: &mut Report) -> Result<(), SyncProblem> {
    let pupils = store.read(erasure::erased_pupils_present);
    if pupils.is_empty() {
        return Ok(());
    }
    for pupil in pupils {
        let list = store.read(|db| erasure::records_of_pupil(db, &pupil));
        if remote.shares(domain::erasure::Erasure::COLLECTION) {
            let records = list.iter().map(|(c, id)| (c.to_string(), id.clone())).collect();
            let pending = PendingErasure { erasure: None, records, pupil: Some(pupil) };
            store.put_pending_erasure(&store.next_key(), &pending).await?;
        }
        store.purge(&list).await?;
    }
    send_erasures(store, remote, report).await
}

/// Carries out the erasures waiting on this device: purges their records
/// here (again: a tab may have closed between the intent and the purge),
/// then creates the trace on the backend (so other devices stop sending the
/// pupil's records as soon as possible) and deletes every record there — or,
/// with a backend that [`Remote::erases_pupils`], asks it to erase the pupil.
pub async fn send_erasures<S: Store, R: Remote>(store: &S, remote: &R, report: &mut Report) -> Result<(), SyncProblem> {
    for (key, pending) in store.pending_erasures().await? {
        let refs = record_refs(&pending.records);
        let present = store
            .read(|db| refs.iter().any(|(c, id)| registry::kind(c).is_some_and(|kind| (kind.local)(db, id).is_some())));
        if present {
            store.purge(&refs).await?;
        }
        if !remote.shares(domain::erasure::Erasure::COLLECTION) {
            // Kept waiting until the backend can take erasures.
            continue;
        }
        if remote.erases_pupils() {
            erase_on_server(remote, &pending, report).await?;
            store.delete_pending_erasure(&key).await?;
            continue;
        }
        if let Some(trace) = &pending.erasure {
            let id = trace.get("id").and_then(Value::as_str).unwrap_or_default();
            let client_id = trace.get("clientId").and_then(Value::as_str).filter(|c| !c.is_empty()).unwrap_or(id);
            let known = remote.has_client_id(domain::erasure::Erasure::COLLECTION, client_id).await;
            if !known.map_err(|e| problem_of(&e))? {
                let sent = remote.create(domain::erasure::Erasure::COLLECTION, trace).await;
                match sent {
                    Ok(()) | Err(HttpError::Conflict) => {}
                    Err(error) => return Err(problem_of(&error)),
                }
            }
        }
        for (collection, id) in &pending.records {
            if remote.shares(collection) {
                remote.erase(collection, id).await.map_err(|e| problem_of(&e))?;
            }
        }
        store.delete_pending_erasure(&key).await?;
    }
    Ok(())
}

/// One erasure, by a backend that erases pupils itself. An alias names a
/// pupil the server erased already (it wrote the trace of the alias then);
/// an intent stored without the pupil's id was purged here and has nothing
/// to ask. A refusal (the server's rules say this person may not erase the
/// pupil) would be refused again: it is noted, not tried for ever.
async fn erase_on_server<R: Remote>(
    remote: &R,
    pending: &PendingErasure,
    report: &mut Report,
) -> Result<(), SyncProblem> {
    let Some(pupil) = pending.pupil.as_deref().filter(|p| !domain::peer::is_pupil_alias(p)) else {
        return Ok(());
    };
    match remote.erase_pupil(pupil).await {
        Ok(()) => Ok(()),
        Err(error) if error.is_refusal() => {
            report.skipped.push(format!("the backend refused to erase a pupil: {error}"));
            Ok(())
        }
        Err(error) => Err(problem_of(&error)),
    }
}

// --- What the person decides ------------------------------------------------

/// What a person keeps of a conflict.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// Their own version, sent again based on the backend's.
    Mine,
    /// The backend's version.
    Theirs,
    /// A merge, field by field (a whole record).
    Merged(Value),
}

/// How resolving went.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    /// Done: the choice is on the device, and in the outbox unless it was theirs.
    Done,
    /// The device changed the record again since the conflict was shown: the
    /// conflict now holds the newest "mine"; the person chooses again.
    Changed,
    /// The choice is not a valid record (a merge that does not fit together,
    /// or a side that can no longer be read).
    Invalid(String),
    /// No such conflict (resolved already).
    Gone,
}

/// Settles a conflict as the person chose. What they keep becomes a valid
/// record that names what it holds (a goal's fingerprint is that of the kept
/// wording, so agreements never move over to other words); keeping their own
/// or a merge sends it again, based on the backend's version, so it replaces
/// theirs knowingly.
pub async fn resolve<S: Store>(store: &S, key: &str, choice: Choice) -> Result<Resolved, StoreError> {
    let Some(mut conflict) = store.conflicts().await?.into_iter().find(|c| c.key() == key) else {
        return Ok(Resolved::Gone);
    };
    // Later changes made here that are not folded in yet: show them first.
    let later: Vec<(String, OutboxEntry)> = store
        .outbox()
        .await?
        .into_iter()
        .filter(|(_, e)| e.collection == conflict.collection && e.id == conflict.id && e.refused.is_none())
        .collect();
    if let Some((_, newest)) = later.last() {
        conflict.mine = newest.record.clone();
        store.put_conflict(&conflict).await?;
        store.delete_outbox(&later.into_iter().map(|(k, _)| k).collect::<Vec<_>>()).await?;
        return Ok(Resolved::Changed);
    }
    let collection = conflict.collection.clone();
    let theirs = match registry::chosen(&collection, &conflict.theirs) {
        Ok(theirs) => theirs,
        Err(error) => return Ok(Resolved::Invalid(format!("the backend's version: {error}"))),
    };
    let kept = match &choice {
        Choice::Theirs => None,
        Choice::Mine => Some(&conflict.mine),
        Choice::Merged(value) => Some(value),
    };
    let record = match kept {
        None => theirs,
        Some(value) => {
            let mut record = match registry::chosen(&collection, value) {
                Ok(record) => record,
                Err(error) => return Ok(Resolved::Invalid(error)),
            };
            let base = version_of(&theirs).and_then(|v| u32::try_from(v).ok()).unwrap_or(0);
            let Some(version) = domain::next_version(base) else {
                return Ok(Resolved::Invalid(format!("version {base} is the largest")));
            };
            record["version"] = Value::from(version);
            record["updatedAt"] = Value::from(store.now());
            // Sent after asking: the backend may hold it already.
            let change = Change { collection: collection.clone(), record: record.clone(), base, fresh: false };
            enqueue(store, vec![change]).await?;
            record
        }
    };
    if collection == domain::Goal::COLLECTION {
        settle_agreements(store, &record).await?;
    }
    store.put_records(&collection, vec![record]).await?;
    store.delete_conflict(key).await?;
    Ok(Resolved::Done)
}

/// This device's agreements to a goal whose conflict was just resolved,
/// which waited for it (see [`registry::names_words_of`]). Those to the kept
/// words go after the goal's change, so the backend has the words before
/// the agreement to them. The others name words that did not stay: no
/// backend should take them (one with rules refuses them) and they would
/// count for nothing, so they leave the outbox and the device.
async fn settle_agreements<S: Store>(store: &S, goal: &Value) -> Result<(), StoreError> {
    let Some(goal_id) = goal.get("id").and_then(Value::as_str) else {
        return Ok(());
    };
    let kept = (goal.get("revision"), goal.get("fingerprint"));
    let waiting: Vec<(String, OutboxEntry)> = store
        .outbox()
        .await?
        .into_iter()
        .filter(|(_, e)| e.base == 0 && registry::names_words_of(&e.collection, &e.record).as_deref() == Some(goal_id))
        .collect();
    if waiting.is_empty() {
        return Ok(());
    }
    store.delete_outbox(&waiting.iter().map(|(key, _)| key.clone()).collect::<Vec<_>>()).await?;
    let (to_kept, lost): (Vec<OutboxEntry>, Vec<OutboxEntry>) = waiting
        .into_iter()
        .map(|(_, e)| e)
        .partition(|e| (e.record.get("revision"), e.record.get("fingerprint")) == kept);
    let again = to_kept
        .into_iter()
        .map(|e| Change { collection: e.collection, record: e.record, base: 0, fresh: e.fresh })
        .collect();
    enqueue(store, again).await?;
    let records: Vec<RecordRef> = lost.into_iter().map(|e| (domain::Agreement::COLLECTION, e.id)).collect();
    store.purge(&records).await
}

/// Sends a refused change again, with the changes to its record that waited behind it.
pub async fn retry_refused<S: Store>(store: &S, key: &str) -> Result<(), StoreError> {
    let entries = store.outbox().await?;
    let cleared: Vec<(String, OutboxEntry)> = entries
        .into_iter()
        .filter(|(k, e)| k == key && e.refused.is_some())
        .map(|(k, e)| (k, OutboxEntry { refused: None, ..e }))
        .collect();
    store.put_outbox(&cleared).await
}

/// Gives up a refused change after the person confirmed it: the change and
/// the later ones to the same record (they built on it) leave the outbox, and
/// the device goes back to the backend's copy of the record — none, for a
/// record the backend never took, so the device drops it; otherwise the
/// collection is pulled whole at the next sync.
pub async fn discard_refused<S: Store>(store: &S, key: &str, address: &str) -> Result<(), StoreError> {
    let entries = store.outbox().await?;
    let Some((_, refused)) = entries.iter().find(|(k, e)| k == key && e.refused.is_some()).cloned() else {
        return Ok(());
    };
    let same: Vec<&(String, OutboxEntry)> =
        entries.iter().filter(|(_, e)| e.collection == refused.collection && e.id == refused.id).collect();
    let never_taken = same.first().is_some_and(|(_, e)| e.base == 0 && e.refused.is_some());
    store.delete_outbox(&same.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()).await?;
    match registry::kind(&refused.collection) {
        Some(kind) if never_taken => store.purge(&[(kind.name, refused.id.clone())]).await?,
        _ => store.set_setting(&cursor_key(address, &refused.collection), None).await?,
    }
    Ok(())
}

// --- What the person is shown ------------------------------------------------

/// A change set aside, as the person is shown it.
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedChange {
    /// The outbox key, to send it again or discard it.
    pub key: String,
    /// The record's collection.
    pub collection: String,
    /// The record's id.
    pub id: String,
    /// The record as it was to be sent.
    pub record: Value,
    /// Why.
    pub refusal: Refusal,
    /// How many later changes to the same record wait behind it.
    pub later: usize,
}

/// The outbox as the person is told about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    /// Changes on their way (not set aside, not waiting for a conflict or a refused change).
    pub waiting: usize,
    /// Changes set aside, oldest first.
    pub refused: Vec<RefusedChange>,
}

/// What the outbox holds, for the person (see [`Outline`]).
pub fn outline(outbox: &[(String, OutboxEntry)], conflicts: &[Conflict]) -> Outline {
    let mut outline = Outline::default();
    let mut blocked: BTreeMap<String, usize> = BTreeMap::new();
    let in_conflict: BTreeSet<String> = conflicts.iter().map(Conflict::key).collect();
    for (key, entry) in outbox {
        let record_key = key_of(&entry.collection, &entry.id);
        if let Some(refusal) = &entry.refused {
            if let std::collections::btree_map::Entry::Vacant(slot) = blocked.entry(record_key.clone()) {
                slot.insert(outline.refused.len());
                outline.refused.push(RefusedChange {
                    key: key.clone(),
                    collection: entry.collection.clone(),
                    id: entry.id.clone(),
                    record: entry.record.clone(),
                    refusal: refusal.clone(),
                    later: 0,
                });
                continue;
            }
        }
        match blocked.get(&record_key) {
            Some(&at) => outline.refused[at].later += 1,
            // Held back by `plan` until the person settles the conflict.
            None if names_words_in(entry, &in_conflict) || in_conflict.contains(&record_key) => {}
            None => outline.waiting += 1,
        }
    }
    outline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_stops_before_an_update_and_keeps_to_its_size() {
        let create = (true, false, 10);
        let update = (false, false, 10);
        let nothing = (false, true, 10);
        // The update of a record waits for the batch with its create, and goes after it.
        assert_eq!(batch_end(&[create, create, update, create], 0), 2);
        assert_eq!(batch_end(&[create, create, update, create], 3), 4);
        // Entries with nothing to send do not end a batch.
        assert_eq!(batch_end(&[create, nothing, create], 0), 3);
        // At most BATCH_BYTES, but never nothing at all.
        let big = (true, false, BATCH_BYTES);
        assert_eq!(batch_end(&[create, big], 0), 1);
        assert_eq!(batch_end(&[big, create], 0), 1);
        assert_eq!(batch_end(&[(true, false, BATCH_BYTES + 1)], 0), 1);
        assert_eq!(batch_end(&[create; 5], 5), 5);
    }

    #[test]
    fn refusals_are_4xx_answers_a_later_try_would_get_again() {
        let status = |status| HttpError::Status { status, body: String::new() };
        for refused in [400, 403, 404, 405, 413, 422] {
            assert!(status(refused).is_refusal(), "{refused}");
        }
        for passing in [401, 408, 409, 412, 425, 429, 500, 503] {
            assert!(!status(passing).is_refusal(), "{passing}");
        }
        assert!(!HttpError::Unreachable("x".into()).is_refusal());
        assert!(!HttpError::Conflict.is_refusal());
    }

    #[test]
    fn a_refusal_keeps_the_servers_own_words() {
        let status = |body: &str| HttpError::Status { status: 422, body: body.into() };
        let reason = |body: &str| refusal(&status(body)).map(|r| r.reason);
        assert_eq!(reason(r#"{"error": "a create has version 1"}"#).as_deref(), Some("a create has version 1"));
        assert_eq!(
            reason(r#"{"message": "Failed to create record.", "data": {}}"#).as_deref(),
            Some("Failed to create record.")
        );
        assert_eq!(reason("<html>no</html>").as_deref(), Some("<html>no</html>"));
        assert_eq!(refusal(&HttpError::Status { status: 500, body: String::new() }), None);
    }

    #[test]
    fn an_own_send_is_recognised_whatever_time_the_server_wrote() {
        let mine = serde_json::json!({"id": "c", "note": "a", "version": 2, "updatedAt": "2026-01-01T10:00:00Z"});
        let stamped = serde_json::json!({"id": "c", "note": "a", "version": 2, "updatedAt": "2026-01-01T12:00:03Z"});
        assert!(is_own_send(&stamped, &mine));
        let other = serde_json::json!({"id": "c", "note": "b", "version": 2, "updatedAt": "2026-01-01T10:00:00Z"});
        assert!(!is_own_send(&other, &mine), "the same time but other words is someone else's");
        let later = serde_json::json!({"id": "c", "note": "a", "version": 3, "updatedAt": "2026-01-01T10:00:00Z"});
        assert!(!is_own_send(&later, &mine));
        // A moderator's decision: PocketBase writes its own time into `at` as well.
        let decided = serde_json::json!({"id": "m", "decision": "approve", "version": 1, "at": "2026-01-01T08:00:00Z"});
        let on_server =
            serde_json::json!({"id": "m", "decision": "approve", "version": 1, "at": "2026-01-01T10:00:04Z"});
        assert!(is_own_send(&on_server, &decided));
    }

    #[test]
    fn the_outline_counts_what_is_on_its_way_and_what_waits_for_the_person() {
        let entry = |id: &str, refused: bool| OutboxEntry {
            collection: "comments".into(),
            id: id.into(),
            base: 0,
            record: serde_json::json!({"id": id}),
            fresh: false,
            refused: refused.then(|| Refusal { status: 422, reason: "no".into() }),
        };
        let outbox = vec![
            ("1".to_string(), entry("a", true)),
            ("2".to_string(), entry("b", false)),
            ("3".to_string(), entry("a", false)),
            ("4".to_string(), entry("c", false)),
        ];
        let conflict =
            Conflict { collection: "comments".into(), id: "c".into(), mine: Value::Null, theirs: Value::Null };
        let outline = outline(&outbox, &[conflict]);
        assert_eq!(outline.waiting, 1, "only b is on its way");
        assert_eq!(outline.refused.len(), 1);
        assert_eq!((outline.refused[0].key.as_str(), outline.refused[0].later), ("1", 1));
    }

    #[test]
    fn an_agreement_to_words_in_conflict_is_not_counted_as_on_its_way() {
        let agreement = |id: &str, goal: &str| OutboxEntry {
            collection: "agreements".into(),
            id: id.into(),
            base: 0,
            record: serde_json::json!({"id": id, "goalId": goal}),
            fresh: false,
            refused: None,
        };
        let outbox = vec![("1".to_string(), agreement("a1", "clashed")), ("2".to_string(), agreement("a2", "settled"))];
        let conflict =
            Conflict { collection: "goals".into(), id: "clashed".into(), mine: Value::Null, theirs: Value::Null };
        assert_eq!(outline(&outbox, &[conflict]).waiting, 1, "only the agreement to a settled goal is on its way");
        assert_eq!(outline(&outbox, &[]).waiting, 2);
    }
}
