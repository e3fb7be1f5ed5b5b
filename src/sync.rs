//! Offline-first synchronisation with a backend: the browser's side of the
//! sync engine (`sync_engine`, plain Rust, tested natively). This module is
//! the glue: the device's store over IndexedDB and the session's signals,
//! when to sync (at start, when the connection returns, when the app
//! becomes visible, every little while, with back-off after a failure), and
//! what the header and the settings page show.

use crate::backend::embedded::{self, CONFLICTS, ERASING, OUTBOX};
use crate::backend::remote::Remote;
use crate::backend::{now, StoreError};
use crate::lazy::{finish, split_fn, ChunkFailed, InChunk};
use crate::state::Session;
use domain::erasure::RecordRef;
use domain::{Db, Record};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::task::{Poll, Waker};
use std::time::Duration;
use sync_engine::registry;
use sync_engine::store::StoreError as EngineError;
use sync_engine::{Change, Choice, OutboxEntry, PendingErasure, Resolved};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use sync_engine::{Conflict, RefusedChange, SyncProblem};

/// The backend address the device has already sent its own records to.
const UPLOADED_TO_KEY: &str = "uploadedTo";
const MAX_BACKOFF_SECS: u64 = 60;
const POLL_SECS: u64 = 20;

/// What the sync indicator and the settings page show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncState {
    /// The backend's address; `None` when the data stays on the device.
    pub backend: Option<String>,
    pub online: bool,
    /// Changes on their way to the backend (not set aside, not waiting for a conflict).
    pub pending: usize,
    /// Changes made on this device that are still being written to its outbox.
    pub saving: usize,
    /// RFC 3339 time of the last complete sync.
    pub last_success: Option<String>,
    pub problem: Option<SyncProblem>,
    /// Records pulled from the backend that were not valid and were skipped.
    pub skipped: usize,
    pub conflicts: Vec<Conflict>,
    /// Changes the backend refused, set aside until the person decides.
    pub refused: Vec<RefusedChange>,
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
    /// A sync run or a person's choice about the sync's work is at it (see [`Turn`]).
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Choices waiting for their turn.
    static WAITING: RefCell<Vec<Waker>> = const { RefCell::new(Vec::new()) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    static FAILURES: Cell<u32> = const { Cell::new(0) };
    static SEQUENCE: Cell<u32> = const { Cell::new(0) };
    /// Records changed on the device whose change is on its way to the outbox.
    static SAVING: RefCell<BTreeSet<(String, String)>> = const { RefCell::new(BTreeSet::new()) };
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

/// The device, as the engine's store: IndexedDB for what must survive a
/// reload, the session's signals for what is shown.
struct Device {
    session: Session,
}

fn failed(error: StoreError) -> EngineError {
    EngineError(error.to_string())
}

fn to_text<T: serde::Serialize>(value: &T) -> Result<String, EngineError> {
    serde_json::to_string(value).map_err(|e| EngineError(e.to_string()))
}

/// Every `(key, value)` of a store that reads as `T`; one that does not is
/// dropped with a line in the console (it cannot be sent or shown anyway).
async fn read_all<T: serde::de::DeserializeOwned>(store: &str) -> Result<Vec<(String, T)>, EngineError> {
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for (key, text) in embedded::all_texts(store).await.map_err(failed)? {
        match serde_json::from_str::<T>(&text) {
            Ok(value) => read.push((key, value)),
            Err(error) => {
                web_sys::console::warn_1(&format!("dropped an unreadable {store} entry {key}: {error}").into());
                unreadable.push(key);
            }
        }
    }
    if !unreadable.is_empty() {
        embedded::delete_texts(store, &unreadable).await.map_err(failed)?;
    }
    Ok(read)
}

impl sync_engine::Store for Device {
    async fn outbox(&self) -> Result<Vec<(String, OutboxEntry)>, EngineError> {
        read_all(OUTBOX).await
    }

    async fn put_outbox(&self, entries: &[(String, OutboxEntry)]) -> Result<(), EngineError> {
        let mut texts = Vec::with_capacity(entries.len());
        for (key, entry) in entries {
            texts.push((key.clone(), to_text(entry)?));
        }
        embedded::put_texts(OUTBOX, &texts).await.map_err(failed)
    }

    async fn delete_outbox(&self, keys: &[String]) -> Result<(), EngineError> {
        embedded::delete_texts(OUTBOX, keys).await.map_err(failed)?;
        self.session.sync.update(|s| s.pending = s.pending.saturating_sub(keys.len()));
        Ok(())
    }

    fn next_key(&self) -> String {
        next_key()
    }

    async fn conflicts(&self) -> Result<Vec<Conflict>, EngineError> {
        Ok(read_all(CONFLICTS).await?.into_iter().map(|(_, c)| c).collect())
    }

    async fn put_conflict(&self, conflict: &Conflict) -> Result<(), EngineError> {
        embedded::put_texts(CONFLICTS, &[(conflict.key(), to_text(conflict)?)]).await.map_err(failed)
    }

    async fn delete_conflict(&self, key: &str) -> Result<(), EngineError> {
        embedded::delete_text(CONFLICTS, key).await.map_err(failed)
    }

    async fn setting(&self, key: &str) -> Result<Option<String>, EngineError> {
        embedded::setting(key).await.map_err(failed)
    }

    async fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), EngineError> {
        match value {
            Some(value) => embedded::set_setting(key, value).await,
            None => embedded::delete_setting(key).await,
        }
        .map_err(failed)
    }

    fn read<R>(&self, f: impl FnOnce(&Db) -> R) -> R {
        self.session.db.with_untracked(f)
    }

    async fn put_records(&self, collection: &str, records: Vec<Value>) -> Result<(), EngineError> {
        let kind = registry::kind(collection).ok_or_else(|| EngineError(format!("no collection {collection}")))?;
        let texts: Vec<(String, String)> = records
            .iter()
            .map(|r| (r.get("id").and_then(Value::as_str).unwrap_or_default().to_string(), r.to_string()))
            .collect();
        embedded::put_texts_of(kind.name, &texts).await.map_err(failed)?;
        let mut unread = Vec::new();
        self.session.db.update(|db| unread = (kind.upsert)(db, records));
        for reason in unread {
            web_sys::console::warn_1(&format!("skipped a {collection} record: {reason}").into());
        }
        Ok(())
    }

    async fn purge(&self, records: &[RecordRef]) -> Result<(), EngineError> {
        purge_here(self.session, records).await.map_err(failed)
    }

    fn saving(&self) -> Vec<(String, String)> {
        SAVING.with(|s| s.borrow().iter().cloned().collect())
    }

    async fn pending_erasures(&self) -> Result<Vec<(String, PendingErasure)>, EngineError> {
        read_all(ERASING).await
    }

    async fn put_pending_erasure(&self, key: &str, pending: &PendingErasure) -> Result<(), EngineError> {
        embedded::put_texts(ERASING, &[(key.to_string(), to_text(pending)?)]).await.map_err(failed)
    }

    async fn delete_pending_erasure(&self, key: &str) -> Result<(), EngineError> {
        embedded::delete_text(ERASING, key).await.map_err(failed)
    }

    fn now(&self) -> String {
        now()
    }
}

/// Removes records from this device for good: memory, IndexedDB, and any
/// unsent change or conflict about them.
async fn purge_here(session: Session, list: &[RecordRef]) -> Result<(), StoreError> {
    if list.is_empty() {
        return Ok(());
    }
    session.db.update(|db| domain::erasure::purge(db, list));
    embedded::delete_records(list).await?;
    let listed = |value: &Value| {
        let collection = value.get("collection").and_then(Value::as_str).unwrap_or_default();
        let id = value.get("id").and_then(Value::as_str).unwrap_or_default();
        list.iter().any(|(c, i)| *c == collection && i == id)
    };
    for store in [OUTBOX, CONFLICTS] {
        let gone: Vec<String> = embedded::all_texts(store)
            .await?
            .into_iter()
            .filter(|(_, text)| serde_json::from_str::<Value>(text).is_ok_and(|v| listed(&v)))
            .map(|(key, _)| key)
            .collect();
        if !gone.is_empty() {
            embedded::delete_texts(store, &gone).await?;
        }
    }
    if session.me.get_untracked().is_some_and(|me| list.iter().any(|(c, id)| *c == "people" && *id == me)) {
        session.set_me(None);
    }
    refresh_counts(session).await;
    Ok(())
}

/// Notes records whose change is on its way to the outbox (`true`), or has arrived there.
pub fn saving<'a>(records: impl Iterator<Item = (&'a str, &'a str)>, on_its_way: bool) {
    SAVING.with(|s| {
        let mut saving = s.borrow_mut();
        for (collection, id) in records {
            let key = (collection.to_string(), id.to_string());
            if on_its_way {
                saving.insert(key);
            } else {
                saving.remove(&key);
            }
        }
    });
}

/// Starts syncing with `remote`: loads what waits, uploads this device's own
/// records the first time, and syncs at start, when the connection returns,
/// when the app becomes visible, and every little while.
///
/// All of it is in the sync's chunk (a device without a backend never needs
/// it). If that chunk cannot be fetched no sync runs: the header says the
/// server cannot be reached and counts every stored change as waiting, so it
/// never says everything is shared while a change waits; the chunk is asked
/// for again after 2, 4, 8 … seconds, at most a minute.
pub fn start(session: Session, remote: Remote, address: String) {
    spawn_local(try_start(session, remote, address, 0));
}

fn try_start(session: Session, remote: Remote, address: String, failures: u32) -> Pin<Box<dyn Future<Output = ()>>> {
    Box::pin(async move {
        if start_in_chunk(session, remote.clone(), address.clone()).await.is_ok() {
            return;
        }
        if failures == 0 {
            let erasing = embedded::all_texts(ERASING).await.map(|e| e.len()).unwrap_or(0);
            let waiting = embedded::all_texts(OUTBOX).await.map(|o| o.len()).unwrap_or(0);
            session.sync.update(|s| {
                s.backend = Some(address.clone());
                s.online = online_now();
                s.problem = Some(SyncProblem::Unreachable);
                s.pending = waiting + erasing;
            });
        }
        set_timeout(move || spawn_local(try_start(session, remote, address, failures + 1)), backoff(failures + 1));
    })
}

split_fn!(
    /// [`start`]'s work, in the sync's chunk.
    fn start_in_chunk(session: Session, remote: Remote, address: String) -> (), preload_start, sync,
    begin(session, remote, address)
);

fn begin(session: Session, remote: Remote, address: String) {
    let accounts = remote.has_accounts();
    REMOTE.with(|r| *r.borrow_mut() = Some(remote.clone()));
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
        // A chunk that cannot be fetched counts as an upload that did not go: the next start tries again.
        if uploaded.as_deref() != Some(address.as_str())
            && !accounts
            && finish(upload_all_in_chunk(session, remote.clone()), || false).await
        {
            let _ = embedded::set_setting(UPLOADED_TO_KEY, &address).await;
        }
        refresh_counts(session).await;
        run_soon(session);
    });
}

fn listen(session: Session) {
    let Some(window) = web_sys::window() else { return };
    let on_online = Closure::<dyn Fn()>::new(move || {
        session.sync.update(|s| s.online = true);
        FAILURES.with(|f| f.set(0));
        run_soon(session);
    });
    let on_offline = Closure::<dyn Fn()>::new(move || session.sync.update(|s| s.online = false));
    let on_visible = Closure::<dyn Fn()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
            .unwrap_or(true);
        if visible {
            run_soon(session);
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
            run_soon(session);
            poll(session);
        },
        Duration::from_secs(POLL_SECS),
    );
}

/// Queues changes just made on this device; `bases` are the versions they
/// were based on (0: a record made here, which the backend cannot have yet).
pub async fn enqueue_made_here<T: Record>(session: Session, records: &[T], bases: &[u32]) -> Result<(), StoreError> {
    let mut changes = Vec::with_capacity(records.len());
    for (record, base) in records.iter().zip(bases) {
        let value = serde_json::to_value(record).map_err(|e| StoreError::Failed(e.to_string()))?;
        changes.push(Change { collection: T::COLLECTION.to_string(), record: value, base: *base, fresh: *base == 0 });
    }
    sync_engine::enqueue(&Device { session }, changes).await.map_err(|e| StoreError::Failed(e.0))
}

/// Updates what the header and the settings page show from what is stored.
async fn refresh_counts(session: Session) {
    // An erasure waiting to reach the backend counts as a change waiting too.
    let erasing = embedded::all_texts(ERASING).await.map(|e| e.len()).unwrap_or(0);
    let outbox = embedded::all_texts(OUTBOX).await.unwrap_or_default();
    let conflicts = embedded::all_texts(CONFLICTS).await.unwrap_or_default();
    let entries = outbox.len();
    match outline_in_chunk(outbox, conflicts).await {
        Ok((outline, conflicts)) => session.sync.update(|s| {
            s.pending = outline.waiting + erasing;
            s.refused = outline.refused;
            s.conflicts = conflicts;
        }),
        // Without the sync's code every entry counts as waiting, so that the
        // header never says "Everything is shared" while a change waits. No
        // sync runs without that code either.
        Err(ChunkFailed) => session.sync.update(|s| s.pending = entries + erasing),
    }
}

split_fn!(
    /// Reads the outbox and the conflicts as they are stored, for the counts
    /// (`sync_engine::outline`). In the sync's chunk: serde's readers for
    /// them are needed by nothing else before a sync, and a device without a
    /// backend never needs them.
    fn outline_in_chunk(outbox: Vec<(String, String)>, conflicts: Vec<(String, String)>) -> (sync_engine::Outline, Vec<Conflict>), preload_outline, sync,
    {
        let outbox: Vec<(String, OutboxEntry)> =
            outbox.into_iter().filter_map(|(key, text)| Some((key, serde_json::from_str(&text).ok()?))).collect();
        let conflicts: Vec<Conflict> = conflicts.into_iter().filter_map(|(_, text)| serde_json::from_str(&text).ok()).collect();
        (sync_engine::outline(&outbox, &conflicts), conflicts)
    }
);

/// Starts a sync unless one is running; a request during a run runs once more
/// after it. Nothing to do before [`start`] (no backend, or its chunk not there).
pub fn sync_now(session: Session) {
    if remote().is_some() {
        spawn_local(async move {
            let _ = sync_now_in_chunk(session).await;
        });
    }
}

split_fn!(
    /// [`sync_now`]'s work, in the sync's chunk, which [`start`] fetched.
    fn sync_now_in_chunk(session: Session) -> (), preload_now, sync, run_soon(session)
);

/// [`sync_now`], for the code in the sync's chunk.
fn run_soon(session: Session) {
    let Some(remote) = remote() else { return };
    let Some(turn) = Turn::try_take() else {
        AGAIN.with(|a| a.set(true));
        return;
    };
    spawn_local(async move {
        let _turn = turn;
        loop {
            AGAIN.with(|a| a.set(false));
            // The sync's own code could not be fetched: as good as no connection.
            let result = finish(run_in_chunk(session, remote.clone()), || Err(SyncProblem::Unreachable)).await;
            refresh_counts(session).await;
            match result {
                Ok(report) => {
                    for reason in &report.skipped {
                        web_sys::console::warn_1(&format!("sync: skipped {reason}").into());
                    }
                    FAILURES.with(|f| f.set(0));
                    session.sync.update(|s| {
                        s.skipped += report.skipped.len();
                        s.problem = None;
                        s.last_success = Some(now());
                        s.online = true;
                    });
                }
                Err(problem) => {
                    web_sys::console::warn_1(&format!("sync: {problem:?}").into());
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
    });
}

/// The sync's runs and the person's choices about its conflicts and refused
/// changes take turns. A choice made in the middle of a run could be undone
/// by it: a pull that read the conflicts before the person settled one
/// stores that conflict again, and the changes waiting for it never go.
/// A run takes it or asks to run again later; a choice waits for it.
struct Turn;

impl Turn {
    /// The turn, unless a run or a choice is at work.
    fn try_take() -> Option<Turn> {
        // No `Turn` is made when refused: dropping it would end the holder's turn.
        if RUNNING.with(|r| r.replace(true)) {
            None
        } else {
            Some(Turn)
        }
    }

    /// Waits until no run and no other choice is at work.
    async fn take() -> Turn {
        std::future::poll_fn(|cx| match Turn::try_take() {
            Some(turn) => Poll::Ready(turn),
            None => {
                WAITING.with(|w| w.borrow_mut().push(cx.waker().clone()));
                Poll::Pending
            }
        })
        .await
    }
}

impl Drop for Turn {
    /// Lets the next run or choice go; whoever of them polls first takes the turn.
    fn drop(&mut self) {
        RUNNING.with(|r| r.set(false));
        for waker in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            waker.wake();
        }
    }
}

/// Why a step of the sync did not happen: its code could not be fetched.
fn chunk_failed<T>() -> Result<T, EngineError> {
    Err(EngineError("the sync's code could not be fetched".into()))
}

// The sync's code (pulls, sends, merges, conflicts, refused changes) is not
// needed to paint the first view from the device's own data, and a device
// without a backend never needs it: it is a chunk of its own (src/lazy.rs),
// fetched when the first sync starts. Each function only starts the work, in
// the chunk; the caller awaits it.
split_fn!(
    /// One sync run (`sync_engine::run`).
    fn run_in_chunk(session: Session, remote: Remote) -> InChunk<Result<sync_engine::Report, SyncProblem>>, preload_sync, sync,
    Box::pin(async move { sync_engine::run(&Device { session }, &remote).await })
);
split_fn!(
    /// The device's own records, sent the first time it syncs with a backend (`true` when they all went).
    fn upload_all_in_chunk(session: Session, remote: Remote) -> InChunk<bool>, preload_upload, sync,
    Box::pin(async move { sync_engine::upload_all(&Device { session }, &remote).await.is_ok() })
);
split_fn!(
    /// `sync_engine::resolve`.
    fn resolve_in_chunk(session: Session, key: String, choice: Choice) -> InChunk<Result<Resolved, EngineError>>, preload_resolve, sync,
    Box::pin(async move { sync_engine::resolve(&Device { session }, &key, choice).await })
);
split_fn!(
    /// `sync_engine::retry_refused`.
    fn retry_refused_in_chunk(session: Session, key: String) -> InChunk<Result<(), EngineError>>, preload_retry, sync,
    Box::pin(async move { sync_engine::retry_refused(&Device { session }, &key).await })
);
split_fn!(
    /// `sync_engine::discard_refused`.
    fn discard_refused_in_chunk(session: Session, key: String, address: String) -> InChunk<Result<(), EngineError>>, preload_discard, sync,
    Box::pin(async move { sync_engine::discard_refused(&Device { session }, &key, &address).await })
);

/// Tries again after 2, 4, 8 … seconds, at most a minute.
fn retry_later(session: Session) {
    let failures = FAILURES.with(|f| {
        f.set(f.get().saturating_add(1));
        f.get()
    });
    set_timeout(move || run_soon(session), backoff(failures));
}

/// How long to wait after the `failures`-th failure in a row: 2, 4, 8 … seconds, at most a minute.
fn backoff(failures: u32) -> Duration {
    Duration::from_secs(2u64.saturating_pow(failures.min(6)).min(MAX_BACKOFF_SECS))
}

/// Settles a conflict as the person chose (see `sync_engine::resolve`).
/// Answers why a choice could not be kept, if it could not.
pub async fn resolve(session: Session, conflict: &Conflict, choice: Choice) -> Result<(), String> {
    let turn = Turn::take().await;
    let kept = match &choice {
        Choice::Mine => Some(&conflict.mine),
        Choice::Merged(kept) => Some(kept),
        Choice::Theirs => None,
    };
    let revision = kept
        .filter(|_| conflict.collection == <domain::Goal as Record>::COLLECTION)
        .and_then(|kept| words_over_theirs(session, conflict, kept));
    let (choice, agreement) = match revision {
        Some((revised, agreement)) => (Choice::Merged(revised), Some(agreement)),
        None => (choice, None),
    };
    let result = finish(resolve_in_chunk(session, conflict.key(), choice), chunk_failed).await;
    refresh_counts(session).await;
    drop(turn);
    match result {
        Ok(Resolved::Done) => {
            if let Some(agreement) = agreement {
                session.save_one(agreement);
            }
            run_soon(session);
            Ok(())
        }
        // Shown again with the newest of this device's work; nothing to say.
        Ok(Resolved::Changed | Resolved::Gone) => Ok(()),
        Ok(Resolved::Invalid(reason)) => Err(reason),
        Err(error) => {
            web_sys::console::error_1(&format!("resolving a conflict: {error}").into());
            Err(error.to_string())
        }
    }
}

/// Keeping my words of a goal over another device's: a backend with rules
/// takes new words only as the next revision (and every backend should: the
/// other device's words may have been agreed to), so `kept` goes on top of
/// theirs, whose words stay in the goal's history, and I agree to mine as
/// with any revision (`domain::rules::revise_goal`). `None` (resolve as
/// chosen) for the same words, an ended goal, or a side that cannot be read.
fn words_over_theirs(session: Session, conflict: &Conflict, kept: &Value) -> Option<(Value, domain::Agreement)> {
    let mine: domain::Goal = serde_json::from_value(kept.clone()).ok()?;
    let theirs: domain::Goal = serde_json::from_value(conflict.theirs.clone()).ok()?;
    let me = session.me.get_untracked()?;
    let today = session.today_now();
    let (mut revised, agreement) = session
        .db
        .with_untracked(|db| {
            domain::rules::revise_goal(db, crate::backend::new_id(), &theirs, &me, today, mine.content)
        })
        .ok()?;
    // Written by me: the engine gives it the version after theirs.
    revised.meta = mine.meta;
    Some((serde_json::to_value(&revised).ok()?, agreement))
}

/// Sends a refused change again.
pub async fn retry_refused(session: Session, key: &str) {
    let turn = Turn::take().await;
    if let Err(error) = finish(retry_refused_in_chunk(session, key.to_string()), chunk_failed).await {
        web_sys::console::error_1(&format!("sending a change again: {error}").into());
    }
    refresh_counts(session).await;
    drop(turn);
    run_soon(session);
}

/// Gives up a refused change (the person confirmed it).
pub async fn discard_refused(session: Session, key: &str) {
    let address = session.sync.with_untracked(|s| s.backend.clone()).unwrap_or_default();
    let turn = Turn::take().await;
    if let Err(error) = finish(discard_refused_in_chunk(session, key.to_string(), address), chunk_failed).await {
        web_sys::console::error_1(&format!("discarding a change: {error}").into());
    }
    refresh_counts(session).await;
    drop(turn);
    run_soon(session);
}

/// Erases a pupil on this device and, with a backend, everywhere (see
/// `sync_engine::erase_pupil`: the intent is stored before anything is
/// purged). Returns what went from the device.
pub async fn erase_pupil(session: Session, pupil_id: &str, trace: Value) -> Result<Vec<RecordRef>, StoreError> {
    let shared = is_remote();
    let list = sync_engine::erase_pupil(&Device { session }, pupil_id, trace, shared)
        .await
        .map_err(|e| StoreError::Failed(e.0))?;
    refresh_counts(session).await;
    if shared {
        run_soon(session);
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::task::{Context, Wake};

    /// Remembers that it was woken.
    #[derive(Default)]
    struct Flag(AtomicBool);

    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_choice_waits_for_the_run_and_the_next_choice_for_it() {
        // A run is at work (as `sync_now` takes the turn).
        let run = Turn::try_take().expect("nothing holds the turn at first");
        let flag = Arc::new(Flag::default());
        let waker = Waker::from(flag.clone());
        let mut cx = Context::from_waker(&waker);
        let mut choice = pin!(Turn::take());
        assert!(choice.as_mut().poll(&mut cx).is_pending(), "a choice does not start during a run");
        assert!(!flag.0.load(Ordering::SeqCst));

        // The run ends: the choice is woken and takes the turn.
        drop(run);
        assert!(flag.0.load(Ordering::SeqCst), "the end of the run wakes the choice");
        let Poll::Ready(turn) = choice.as_mut().poll(&mut cx) else {
            panic!("the choice takes the turn once the run ended")
        };

        // A second choice (or a run) waits for the first.
        let second_flag = Arc::new(Flag::default());
        let second_waker = Waker::from(second_flag.clone());
        let mut second_cx = Context::from_waker(&second_waker);
        let mut second = pin!(Turn::take());
        assert!(second.as_mut().poll(&mut second_cx).is_pending());
        assert!(Turn::try_take().is_none(), "a run asked for now only asks to run again later");
        assert!(RUNNING.with(Cell::get), "asking for the turn does not end the holder's");
        drop(turn);
        assert!(second_flag.0.load(Ordering::SeqCst));
        let Poll::Ready(second_turn) = second.as_mut().poll(&mut second_cx) else {
            panic!("the second choice goes after the first")
        };
        drop(second_turn);
        assert!(!RUNNING.with(Cell::get), "nothing holds the turn after the last choice");
    }
}
