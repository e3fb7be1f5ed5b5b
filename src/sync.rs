//! Offline-first synchronisation with a backend. Reads always come from the
//! device; every local change is queued in an outbox (IndexedDB, so it
//! survives reloads) and sent in order when the backend can be reached.
//! A change is never written over someone else's: each carries the version
//! it was based on, and a mismatch becomes a conflict the person resolves.

use crate::backend::embedded::{self, CONFLICTS, OUTBOX};
use crate::backend::http::HttpError;
use crate::backend::remote::{Pulled, Remote};
use crate::backend::{new_id, now, StoreError};
use crate::state::Session;
use domain::erasure::Erasure;
use domain::peer::{Helped, Moderation, PeerName, Post, Report};
use domain::{Agreement, CheckIn, Comment, Goal, Member, Person, Record, Strength};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where the last pull got to, so the next asks only for newer changes.
const LAST_PULL_KEY: &str = "lastPull";
/// The backend address the device has already sent its own records to.
const UPLOADED_TO_KEY: &str = "uploadedTo";
/// Pulls ask again for this much before the last pull, against clock skew between devices.
const PULL_OVERLAP_MS: f64 = 5.0 * 60.0 * 1000.0;
const MAX_BACKOFF_SECS: u64 = 60;
const POLL_SECS: u64 = 20;

/// One local change waiting to be sent.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct OutboxEntry {
    collection: String,
    id: String,
    /// The version the change was based on; 0 for a record made on this device.
    base: u32,
    record: Value,
    /// A record made on this device that was never sent: the backend cannot
    /// have it, so its first send needs no question first. Cleared, and the
    /// clearing committed, before that send, so that any later send (after a
    /// lost answer, a reload or a crash) asks whether an earlier one arrived.
    /// Entries stored without it are not fresh.
    #[serde(default, skip_serializing_if = "is_false")]
    fresh: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A change the backend did not take because the record had changed there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub collection: String,
    pub id: String,
    /// This device's version of the record.
    pub mine: Value,
    /// The backend's version of the record.
    pub theirs: Value,
}

impl Conflict {
    fn key(&self) -> String {
        format!("{}/{}", self.collection, self.id)
    }
}

/// Why the last sync did not finish, in words a coach understands (see i18n).
#[derive(Clone, Debug, PartialEq)]
pub enum SyncProblem {
    /// No connection to the backend (offline, or the server is down).
    Unreachable,
    /// The backend answered with an error status.
    Refused(u16),
    /// The backend's answer was not valid data.
    BadAnswer,
    /// The device's own storage failed.
    Storage,
    /// The backend wants a login: none yet, or it expired. Changes wait on the device.
    LoggedOut,
}

/// What the sync indicator shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncState {
    /// The backend's address; `None` when the data stays on the device.
    pub backend: Option<String>,
    pub online: bool,
    /// Changes waiting to be sent.
    pub pending: usize,
    /// Changes made on this device that are still being written to its outbox.
    pub saving: usize,
    /// RFC 3339 time of the last complete sync.
    pub last_success: Option<String>,
    pub problem: Option<SyncProblem>,
    /// Records pulled from the backend that were not valid and were skipped.
    pub skipped: usize,
    pub conflicts: Vec<Conflict>,
    /// People log in to this backend (PocketBase).
    pub accounts: bool,
    /// The email of the account logged in on this device, if any.
    pub logged_in_as: Option<String>,
}

impl SyncState {
    /// Changes not yet at the backend. Counts those still being written to
    /// the outbox, so that nothing is called shared in the moment between a
    /// tap and its change reaching the outbox.
    pub fn waiting(&self) -> usize {
        self.pending + self.saving
    }
}

thread_local! {
    // Handles that are not Send stay out of Leptos context.
    static REMOTE: RefCell<Option<Remote>> = const { RefCell::new(None) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    static FAILURES: Cell<u32> = const { Cell::new(0) };
    static SEQUENCE: Cell<u32> = const { Cell::new(0) };
}

fn remote() -> Option<Remote> {
    REMOTE.with(|r| r.borrow().clone())
}

pub fn is_remote() -> bool {
    REMOTE.with(|r| r.borrow().is_some())
}

fn online_now() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Outbox keys sort in the order changes were made, across reloads.
fn next_key() -> String {
    let sequence = SEQUENCE.with(|s| {
        s.set(s.get().wrapping_add(1));
        s.get()
    });
    format!("{:016}-{:08}", js_sys::Date::now() as u64, sequence)
}

/// Starts syncing with `remote`: loads what waits, uploads this device's own
/// records the first time, and syncs at start, when the connection returns,
/// when the app becomes visible, and every little while.
pub fn start(session: Session, remote: Remote, address: String) {
    let accounts = remote.has_accounts();
    REMOTE.with(|r| *r.borrow_mut() = Some(remote));
    let login = if accounts { crate::backend::pocketbase::login_for(&address) } else { None };
    if let Some(login) = &login {
        // With accounts, who uses the device is whoever logged in.
        if session.me.get_untracked().as_deref() != Some(login.person.as_str()) {
            session.set_me(Some(login.person.clone()));
        }
    }
    session.sync.update(|s| {
        s.backend = Some(address.clone());
        s.online = online_now();
        s.accounts = accounts;
        s.logged_in_as = login.map(|l| l.email);
    });
    listen(session);
    spawn_local(async move {
        let uploaded = embedded::setting(UPLOADED_TO_KEY).await.ok().flatten();
        // With accounts, the server's data is what the person may see: the
        // device's own records (e.g. demo data) are not uploaded.
        if uploaded.as_deref() != Some(address.as_str()) && !accounts {
            let db = session.db.get_untracked();
            let mut result = enqueue_all(&db.people, None).await;
            result = result.and(enqueue_all(&db.members, None).await);
            result = result.and(enqueue_all(&db.strengths, None).await);
            result = result.and(enqueue_all(&db.goals, None).await);
            result = result.and(enqueue_all(&db.agreements, None).await);
            result = result.and(enqueue_all(&db.checkins, None).await);
            result = result.and(enqueue_all(&db.comments, None).await);
            result = result.and(enqueue_all(&db.peer_names, None).await);
            result = result.and(enqueue_all(&db.posts, None).await);
            result = result.and(enqueue_all(&db.helped, None).await);
            result = result.and(enqueue_all(&db.reports, None).await);
            result = result.and(enqueue_all(&db.moderations, None).await);
            result = result.and(enqueue_all(&db.erasures, None).await);
            if result.is_ok() {
                let _ = embedded::set_setting(UPLOADED_TO_KEY, &address).await;
            }
        }
        refresh_counts(session).await;
        sync_now(session);
    });
}

fn listen(session: Session) {
    let Some(window) = web_sys::window() else { return };
    let on_online = Closure::<dyn Fn()>::new(move || {
        session.sync.update(|s| s.online = true);
        FAILURES.with(|f| f.set(0));
        sync_now(session);
    });
    let on_offline = Closure::<dyn Fn()>::new(move || session.sync.update(|s| s.online = false));
    let on_visible = Closure::<dyn Fn()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
            .unwrap_or(true);
        if visible {
            sync_now(session);
        }
    });
    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("offline", on_offline.as_ref().unchecked_ref());
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    }
    // The listeners live as long as the page.
    on_online.forget();
    on_offline.forget();
    on_visible.forget();
    poll(session);
}

fn poll(session: Session) {
    set_timeout(
        move || {
            sync_now(session);
            poll(session);
        },
        Duration::from_secs(POLL_SECS),
    );
}

/// Queues local changes; `bases` are the versions they were based on
/// (`None`: the backend may or may not have them yet). A base of 0 given
/// here is a record just made on this device.
pub async fn enqueue_all<T: Record>(records: &[T], bases: Option<&[u32]>) -> Result<(), StoreError> {
    enqueue(records, bases, bases.is_some()).await
}

async fn enqueue<T: Record>(records: &[T], bases: Option<&[u32]>, made_here: bool) -> Result<(), StoreError> {
    let mut texts = Vec::with_capacity(records.len());
    for (index, record) in records.iter().enumerate() {
        let base = bases.and_then(|b| b.get(index).copied()).unwrap_or(0);
        let entry = OutboxEntry {
            collection: T::COLLECTION.to_string(),
            id: record.id().to_string(),
            base,
            record: serde_json::to_value(record).map_err(|e| StoreError::Failed(e.to_string()))?,
            fresh: made_here && base == 0,
        };
        let text = serde_json::to_string(&entry).map_err(|e| StoreError::Failed(e.to_string()))?;
        texts.push((next_key(), text));
    }
    embedded::put_texts(OUTBOX, &texts).await
}

async fn refresh_counts(session: Session) {
    // An erasure waiting to reach the backend counts as a change waiting too.
    let erasing = embedded::all_texts(embedded::ERASING).await.map(|e| e.len()).unwrap_or(0);
    let pending = embedded::all_texts(OUTBOX).await.map(|e| e.len()).unwrap_or(0) + erasing;
    let conflicts: Vec<Conflict> = embedded::all_texts(CONFLICTS)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(_, text)| serde_json::from_str(&text).ok())
        .collect();
    session.sync.update(|s| {
        s.pending = pending;
        s.conflicts = conflicts;
    });
}

/// Starts a sync unless one is running; a request during a run runs once more after it.
pub fn sync_now(session: Session) {
    let Some(remote) = remote() else { return };
    if RUNNING.with(|r| r.replace(true)) {
        AGAIN.with(|a| a.set(true));
        return;
    }
    spawn_local(async move {
        loop {
            AGAIN.with(|a| a.set(false));
            let result = run(session, &remote).await;
            refresh_counts(session).await;
            match result {
                Ok(()) => {
                    FAILURES.with(|f| f.set(0));
                    session.sync.update(|s| {
                        s.problem = None;
                        s.last_success = Some(now());
                        s.online = true;
                    });
                }
                Err(problem) => {
                    if problem == SyncProblem::LoggedOut {
                        session.sync.update(|s| s.logged_in_as = None);
                    }
                    if problem == SyncProblem::Unreachable {
                        session.sync.update(|s| s.online = online_now() && s.online);
                    }
                    session.sync.update(|s| s.problem = Some(problem));
                    retry_later(session);
                    break;
                }
            }
            if !AGAIN.with(|a| a.get()) {
                break;
            }
        }
        RUNNING.with(|r| r.set(false));
    });
}

/// Tries again after 2, 4, 8 … seconds, at most a minute.
fn retry_later(session: Session) {
    let failures = FAILURES.with(|f| {
        f.set(f.get().saturating_add(1));
        f.get()
    });
    let seconds = 2u64.saturating_pow(failures.min(6)).min(MAX_BACKOFF_SECS);
    set_timeout(move || sync_now(session), Duration::from_secs(seconds));
}

pub(crate) fn problem_of(error: &HttpError) -> SyncProblem {
    match error {
        HttpError::Unreachable(_) => SyncProblem::Unreachable,
        HttpError::Status { status, .. } => SyncProblem::Refused(*status),
        HttpError::Unauthorized => SyncProblem::LoggedOut,
        HttpError::Conflict | HttpError::NotJson(_) | HttpError::TooLarge(_) => SyncProblem::BadAnswer,
    }
}

async fn run(session: Session, remote: &Remote) -> Result<(), SyncProblem> {
    remote.ready().await.map_err(|e| problem_of(&e))?;
    // Erasures first: this device's own go out, and everyone else's are
    // applied before the outbox is sent, so an erased pupil's records are
    // never sent back to the backend.
    crate::erasure::send_pending(remote).await?;
    pull_erasures(session, remote).await?;
    crate::erasure::sweep(session, remote).await?;
    push(session, remote).await?;
    pull(session, remote).await?;
    crate::erasure::sweep(session, remote).await
}

/// Outbox entries sent between two updates of the outbox on the device.
const CHUNK: usize = 100;
/// At most about this much record text in one batch request.
const BATCH_BYTES: usize = 512 * 1024;

/// Sends the outbox in order; stops at the first change the backend cannot take now.
/// Works through it a chunk at a time: one transaction marks the chunk's fresh
/// entries as sent once, one removes what arrived, and the count of waiting
/// changes is updated once per chunk.
async fn push(session: Session, remote: &Remote) -> Result<(), SyncProblem> {
    let texts = embedded::all_texts(OUTBOX).await.map_err(|_| SyncProblem::Storage)?;
    let mut entries = Vec::with_capacity(texts.len());
    let mut unreadable = Vec::new();
    for (key, text) in texts {
        match serde_json::from_str::<OutboxEntry>(&text) {
            Ok(entry) => entries.push((key, text.len(), entry)),
            Err(_) => {
                web_sys::console::warn_1(&format!("dropped an unreadable outbox entry {key}").into());
                unreadable.push(key);
            }
        }
    }
    if !unreadable.is_empty() {
        embedded::delete_texts(OUTBOX, &unreadable).await.map_err(|_| SyncProblem::Storage)?;
    }
    for chunk in entries.chunks(CHUNK) {
        let (delivered, result) = push_chunk(remote, chunk).await;
        if !delivered.is_empty() {
            embedded::delete_texts(OUTBOX, &delivered).await.map_err(|_| SyncProblem::Storage)?;
            session.sync.update(|s| s.pending = s.pending.saturating_sub(delivered.len()));
        }
        result?;
    }
    Ok(())
}

/// What to do with one outbox entry.
enum Send {
    /// Nothing to send (kept on this device, or not a valid record): done.
    Nothing,
    /// The record as the backend gets it.
    Record(Value),
}

/// Sends one chunk of the outbox in order: runs of creates as one batch
/// where the backend offers it, everything else one by one. Returns the keys
/// of the entries that are done, and the first problem, if any.
async fn push_chunk(remote: &Remote, chunk: &[(String, usize, OutboxEntry)]) -> (Vec<String>, Result<(), SyncProblem>) {
    let mut delivered = Vec::with_capacity(chunk.len());
    // Durably "sent once" before anything is sent (see `OutboxEntry::fresh`).
    let mut marks = Vec::new();
    for (key, _, entry) in chunk.iter().filter(|(_, _, entry)| entry.fresh) {
        match serde_json::to_string(&OutboxEntry { fresh: false, ..entry.clone() }) {
            Ok(text) => marks.push((key.clone(), text)),
            Err(_) => return (delivered, Err(SyncProblem::Storage)),
        }
    }
    if embedded::put_texts(OUTBOX, &marks).await.is_err() {
        return (delivered, Err(SyncProblem::Storage));
    }
    let sends: Vec<Send> = chunk.iter().map(|(_, _, entry)| prepare(remote, entry)).collect();
    let mut index = 0;
    while index < chunk.len() {
        let (key, _, entry) = &chunk[index];
        let record = match &sends[index] {
            Send::Nothing => {
                delivered.push(key.clone());
                index += 1;
                continue;
            }
            Send::Record(record) => record,
        };
        if entry.base == 0 && remote.may_batch() {
            let runs: Vec<(u32, bool, usize)> = chunk
                .iter()
                .zip(&sends)
                .map(|((_, bytes, entry), send)| (entry.base, matches!(send, Send::Nothing), *bytes))
                .collect();
            let end = batch_end(&runs, index);
            let creates: Vec<(&str, &Value)> = (index..end)
                .filter_map(|i| match &sends[i] {
                    Send::Record(record) => Some((chunk[i].2.collection.as_str(), record)),
                    Send::Nothing => None,
                })
                .collect();
            match remote.create_batch(&creates).await {
                // Created or there already: either way it arrived, once.
                Ok(Some(_)) => {
                    delivered.extend(chunk[index..end].iter().map(|(key, _, _)| key.clone()));
                    index = end;
                    continue;
                }
                // Not offered: one by one, from this entry on.
                Ok(None) => {}
                Err(error) => {
                    web_sys::console::warn_1(&format!("sync: a batch of {} creates: {error}", creates.len()).into());
                    return (delivered, Err(problem_of(&error)));
                }
            }
        }
        match push_one(remote, entry, record).await {
            Ok(Pushed::Done) => {}
            Ok(Pushed::Conflict(theirs)) => {
                let conflict = Conflict {
                    collection: entry.collection.clone(),
                    id: entry.id.clone(),
                    mine: entry.record.clone(),
                    theirs,
                };
                let stored = match serde_json::to_string(&conflict) {
                    Ok(text) => embedded::put_text(CONFLICTS, &conflict.key(), &text).await.is_ok(),
                    Err(_) => false,
                };
                if !stored {
                    return (delivered, Err(SyncProblem::Storage));
                }
            }
            Err(error) => {
                web_sys::console::warn_1(&format!("sync: {} {}: {error}", entry.collection, entry.id).into());
                return (delivered, Err(problem_of(&error)));
            }
        }
        delivered.push(key.clone());
        index += 1;
    }
    (delivered, Ok(()))
}

/// Where a batch that starts at `start` ends (exclusive), given each entry's
/// (base, nothing to send, bytes): it takes creates (base 0) and entries with
/// nothing to send, and stops before the first update, so that no update
/// overtakes a change made before it. At least one entry, and no more than
/// [`BATCH_BYTES`] of them unless the first alone is larger.
fn batch_end(entries: &[(u32, bool, usize)], start: usize) -> usize {
    let mut end = start;
    let mut bytes = 0;
    while let Some(&(base, nothing, size)) = entries.get(end) {
        if (base != 0 && !nothing) || (end > start && bytes + size > BATCH_BYTES) {
            break;
        }
        bytes += size;
        end += 1;
    }
    end
}

/// Checks an outbox entry before it is sent: a collection this backend does
/// not share stays on the device, and a record that is not valid is dropped.
fn prepare(remote: &Remote, entry: &OutboxEntry) -> Send {
    if !remote.shares(&entry.collection) {
        // Kept on this device; this backend has no place for it.
        return Send::Nothing;
    }
    match normalised(&entry.collection, &entry.record) {
        Some(Ok(record)) => Send::Record(record),
        Some(Err(error)) => {
            web_sys::console::warn_1(&format!("dropped an invalid outbox record {}: {error}", entry.id).into());
            Send::Nothing
        }
        None => {
            let collection = &entry.collection;
            web_sys::console::warn_1(&format!("dropped an outbox entry for unknown collection {collection}").into());
            Send::Nothing
        }
    }
}

/// The record as the backend gets it: read as its collection's type, so that
/// an invalid one is never sent, and written again. `None`: no such collection.
fn normalised(collection: &str, value: &Value) -> Option<Result<Value, serde_json::Error>> {
    fn via<T: Record>(value: &Value) -> Result<Value, serde_json::Error> {
        serde_json::to_value(&serde_json::from_value::<T>(value.clone())?)
    }
    Some(match collection {
        "people" => via::<Person>(value),
        "members" => via::<Member>(value),
        "strengths" => via::<Strength>(value),
        "goals" => via::<Goal>(value),
        "agreements" => via::<Agreement>(value),
        "checkins" => via::<CheckIn>(value),
        "comments" => via::<Comment>(value),
        "peerNames" => via::<PeerName>(value),
        "posts" => via::<Post>(value),
        "helped" => via::<Helped>(value),
        "reports" => via::<Report>(value),
        "moderations" => via::<Moderation>(value),
        "erasures" => via::<Erasure>(value),
        _ => return None,
    })
}

enum Pushed {
    Done,
    /// The backend's version, which differs from the one the change was based on.
    Conflict(Value),
}

fn version_of(value: &Value) -> u64 {
    value.get("version").and_then(Value::as_u64).unwrap_or(0)
}

/// Sends one change; `record` is the entry's record, checked (see [`normalised`]).
async fn push_one(remote: &Remote, entry: &OutboxEntry, record: &Value) -> Result<Pushed, HttpError> {
    let (collection, id) = (entry.collection.as_str(), entry.id.as_str());
    if entry.base == 0 {
        // A create. Unless this is the first send of a record made here, an
        // earlier send may have arrived although its answer did not.
        if !entry.fresh {
            let client_id = record.get("clientId").and_then(Value::as_str).filter(|c| !c.is_empty()).unwrap_or(id);
            if remote.has_client_id(collection, client_id).await? {
                return Ok(Pushed::Done);
            }
        }
        remote.create(collection, record).await?;
        return Ok(Pushed::Done);
    }
    let Some(theirs) = remote.get(collection, id).await? else {
        remote.create(collection, record).await?;
        return Ok(Pushed::Done);
    };
    let server_version = version_of(&theirs);
    if server_version == u64::from(entry.base) {
        return match remote.update(collection, id, record, entry.base).await {
            Ok(()) => Ok(Pushed::Done),
            Err(HttpError::Conflict) => Ok(Pushed::Conflict(remote.get(collection, id).await?.unwrap_or(Value::Null))),
            Err(error) => Err(error),
        };
    }
    // Our own earlier send of this very change, whose answer was lost.
    let same = |field: &str| theirs.get(field) == entry.record.get(field);
    if server_version == version_of(record) && same("updatedAt") && same("updatedBy") {
        return Ok(Pushed::Done);
    }
    Ok(Pushed::Conflict(theirs))
}

/// Brings every collection's changes since the last pull onto the device.
async fn pull(session: Session, remote: &Remote) -> Result<(), SyncProblem> {
    let since = embedded::setting(LAST_PULL_KEY).await.ok().flatten();
    let started = js_sys::Date::now();
    // Records with a change waiting here, or in conflict, keep the device's version.
    let mut ids: BTreeSet<String> = embedded::all_texts(OUTBOX)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(_, text)| serde_json::from_str::<OutboxEntry>(&text).ok().map(|e| e.id))
        .collect();
    session.sync.with_untracked(|s| ids.extend(s.conflicts.iter().map(|c| c.id.clone())));
    let keep_local = Rc::new(ids);
    let kinds: [(&str, Take); 12] = [
        (Person::COLLECTION, take::<Person>),
        (Member::COLLECTION, take::<Member>),
        (Strength::COLLECTION, take::<Strength>),
        (Goal::COLLECTION, take::<Goal>),
        (Agreement::COLLECTION, take::<Agreement>),
        (CheckIn::COLLECTION, take::<CheckIn>),
        (Comment::COLLECTION, take::<Comment>),
        (PeerName::COLLECTION, take::<PeerName>),
        (Post::COLLECTION, take::<Post>),
        (Helped::COLLECTION, take::<Helped>),
        (Report::COLLECTION, take::<Report>),
        (Moderation::COLLECTION, take::<Moderation>),
    ];
    for (collection, take) in kinds {
        pull_one(session, remote, collection, take, since.as_deref(), &keep_local).await?;
    }
    let next = js_sys::Date::new(&JsValue::from_f64(started - PULL_OVERLAP_MS)).to_iso_string();
    embedded::set_setting(LAST_PULL_KEY, &String::from(next)).await.map_err(|_| SyncProblem::Storage)
}

/// Brings the erasures made anywhere (all of them: they are few) onto the device.
async fn pull_erasures(session: Session, remote: &Remote) -> Result<(), SyncProblem> {
    pull_one(session, remote, Erasure::COLLECTION, take::<Erasure>, None, &Rc::new(BTreeSet::new())).await
}

/// Takes the valid records among those pulled that are newer than the
/// device's, stores and shows them; answers why the others were skipped.
type Take =
    fn(Session, Vec<Value>, Rc<BTreeSet<String>>) -> Pin<Box<dyn Future<Output = Result<Vec<String>, SyncProblem>>>>;

fn take<T: Record>(
    session: Session,
    items: Vec<Value>,
    keep_local: Rc<BTreeSet<String>>,
) -> Pin<Box<dyn Future<Output = Result<Vec<String>, SyncProblem>>>> {
    Box::pin(async move {
        // Each record is checked on its own; one bad record does not spoil the rest.
        let pulled = Pulled::<T>::from_list(Value::Array(items)).map_err(|_| SyncProblem::BadAnswer)?;
        let newer: Vec<T> = session.db.with_untracked(|db| {
            pulled
                .records
                .into_iter()
                .filter(|record| !keep_local.contains(record.id()))
                .filter(|record| {
                    T::all(db)
                        .iter()
                        .find(|local| local.id() == record.id())
                        .is_none_or(|local| record.meta().version > local.meta().version)
                })
                .collect()
        });
        if !newer.is_empty() {
            embedded::put(&newer).await.map_err(|_| SyncProblem::Storage)?;
            session.db.update(|db| {
                for record in newer {
                    db.upsert(record);
                }
            });
        }
        Ok(pulled.skipped)
    })
}

async fn pull_one(
    session: Session,
    remote: &Remote,
    collection: &str,
    take: Take,
    since: Option<&str>,
    keep_local: &Rc<BTreeSet<String>>,
) -> Result<(), SyncProblem> {
    if !remote.shares(collection) {
        return Ok(());
    }
    let items = remote.pull(collection, since).await.map_err(|e| {
        web_sys::console::warn_1(&format!("sync: pulling {collection}: {e}").into());
        problem_of(&e)
    })?;
    if items.is_empty() {
        return Ok(());
    }
    let skipped = take(session, items, Rc::clone(keep_local)).await?;
    for reason in &skipped {
        web_sys::console::warn_1(&format!("sync: skipped {reason}").into());
    }
    if !skipped.is_empty() {
        session.sync.update(|s| s.skipped += skipped.len());
    }
    Ok(())
}

/// Settles a conflict by keeping one side. Keeping mine sends it again,
/// now based on the backend's version, so it replaces theirs knowingly.
pub fn resolve(session: Session, conflict: Conflict, keep_mine: bool) {
    spawn_local(async move {
        let result = match conflict.collection.as_str() {
            "people" => settle::<Person>(session, &conflict, keep_mine).await,
            "members" => settle::<Member>(session, &conflict, keep_mine).await,
            "strengths" => settle::<Strength>(session, &conflict, keep_mine).await,
            "goals" => match keep_mine.then(|| mine_over_theirs(session, &conflict)).flatten() {
                Some((rebased, agreement)) => {
                    let settled = settle::<Goal>(session, &rebased, true).await;
                    if settled.is_ok() {
                        session.save_one(agreement);
                    }
                    settled
                }
                None => settle::<Goal>(session, &conflict, keep_mine).await,
            },
            "agreements" => settle::<Agreement>(session, &conflict, keep_mine).await,
            "checkins" => settle::<CheckIn>(session, &conflict, keep_mine).await,
            "comments" => settle::<Comment>(session, &conflict, keep_mine).await,
            "peerNames" => settle::<PeerName>(session, &conflict, keep_mine).await,
            "posts" => settle::<Post>(session, &conflict, keep_mine).await,
            "helped" => settle::<Helped>(session, &conflict, keep_mine).await,
            "reports" => settle::<Report>(session, &conflict, keep_mine).await,
            "moderations" => settle::<Moderation>(session, &conflict, keep_mine).await,
            "erasures" => settle::<Erasure>(session, &conflict, keep_mine).await,
            _ => Ok(()),
        };
        match result {
            Ok(()) => {
                let _ = embedded::delete_text(CONFLICTS, &conflict.key()).await;
                refresh_counts(session).await;
                sync_now(session);
            }
            Err(error) => web_sys::console::error_1(&format!("resolving a conflict: {error}").into()),
        }
    });
}

/// Keeping my words of a goal over another device's: a backend with rules
/// takes new words only as the next revision, so mine go on top of theirs,
/// whose words stay in the history, and I agree to them, as with any
/// revision (`domain::rules::revise_goal`). `None` (keep as it is) for the
/// same words, an ended goal, or a side that cannot be read.
fn mine_over_theirs(session: Session, conflict: &Conflict) -> Option<(Conflict, Agreement)> {
    let mine: Goal = serde_json::from_value(conflict.mine.clone()).ok()?;
    let theirs: Goal = serde_json::from_value(conflict.theirs.clone()).ok()?;
    let me = session.me.get_untracked()?;
    let (mut revised, agreement) = session
        .db
        .with_untracked(|db| domain::rules::revise_goal(db, new_id(), &theirs, &me, session.today, mine.content))
        .ok()?;
    revised.meta = mine.meta;
    let mine = serde_json::to_value(&revised).ok()?;
    Some((Conflict { mine, ..conflict.clone() }, agreement))
}

/// Whether a value is a valid record of the collection, as storing it needs.
pub fn is_valid(collection: &str, value: &Value) -> bool {
    fn parses<T: Record>(value: &Value) -> bool {
        serde_json::from_value::<T>(value.clone()).is_ok()
    }
    match collection {
        "people" => parses::<Person>(value),
        "members" => parses::<Member>(value),
        "strengths" => parses::<Strength>(value),
        "goals" => parses::<Goal>(value),
        "agreements" => parses::<Agreement>(value),
        "checkins" => parses::<CheckIn>(value),
        "comments" => parses::<Comment>(value),
        _ => false,
    }
}

async fn settle<T: Record>(session: Session, conflict: &Conflict, keep_mine: bool) -> Result<(), StoreError> {
    let theirs: Option<T> = serde_json::from_value(conflict.theirs.clone()).ok();
    let mine: Option<T> = serde_json::from_value(conflict.mine.clone()).ok();
    let chosen = match (keep_mine, mine, theirs) {
        (true, Some(mut mine), theirs) => {
            let base = theirs.map(|t| t.meta().version).unwrap_or(0);
            mine.meta_mut().version = base + 1;
            mine.meta_mut().updated_at = now();
            // Sent after asking: the backend may hold it already.
            enqueue(std::slice::from_ref(&mine), Some(&[base]), false).await?;
            mine
        }
        (false, _, Some(theirs)) => theirs,
        // A side that cannot be read any more cannot be kept; keep the other.
        (_, Some(mine), None) => mine,
        (_, None, Some(theirs)) => theirs,
        (_, None, None) => return Ok(()),
    };
    embedded::put(std::slice::from_ref(&chosen)).await?;
    session.db.update(|db| db.upsert(chosen));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_stops_before_an_update_and_keeps_to_its_size() {
        let create = (0, false, 10);
        let update = (1, false, 10);
        let nothing = (3, true, 10);
        // The update of a record waits for the batch with its create, and goes after it.
        assert_eq!(batch_end(&[create, create, update, create], 0), 2);
        assert_eq!(batch_end(&[create, create, update, create], 3), 4);
        // Entries with nothing to send do not end a batch.
        assert_eq!(batch_end(&[create, nothing, create], 0), 3);
        // At most BATCH_BYTES, but never nothing at all.
        let big = (0, false, BATCH_BYTES);
        assert_eq!(batch_end(&[create, big], 0), 1);
        assert_eq!(batch_end(&[big, create], 0), 1);
        assert_eq!(batch_end(&[(0, false, BATCH_BYTES + 1)], 0), 1);
        assert_eq!(batch_end(&[create; 5], 5), 5);
    }

    #[test]
    fn only_records_made_here_are_fresh_and_old_entries_are_not() {
        let old = r#"{"collection":"comments","id":"c","base":0,"record":{}}"#;
        assert!(!serde_json::from_str::<OutboxEntry>(old).unwrap().fresh);
        let entry =
            OutboxEntry { collection: "comments".into(), id: "c".into(), base: 0, record: Value::Null, fresh: false };
        // Not fresh: stored as before, without the field.
        assert!(!serde_json::to_string(&entry).unwrap().contains("fresh"));
        let fresh = OutboxEntry { fresh: true, ..entry };
        let text = serde_json::to_string(&fresh).unwrap();
        assert!(serde_json::from_str::<OutboxEntry>(&text).unwrap().fresh);
    }
}
