//! The embedded store: every collection in the browser's IndexedDB, so the
//! app works with no server at all and survives reloads.
//!
//! Two halves (layout 4):
//! * the journal — one store per collection, each record's JSON text under
//!   its id. Every change is written here at once, so a change shown as saved
//!   is stored, at the cost of one small write.
//! * the snapshot — the store `snapshot`, each collection in a few chunks of
//!   one record per line (see [`snapshot`](super::snapshot)). A while after
//!   changes stop, the journal is folded into the snapshot and emptied, in one
//!   transaction, so opening reads some dozens of large values instead of one
//!   value per record (60,000 check-ins: `getAll` took 0.7–3 s).
//!
//! Loading reads both, the journal winning. Devices with layout 3 (journal
//! only) keep everything: it is all journal, folded in after their first load.
//! Reading parses and checks every record; one that no longer parses is
//! skipped and logged, never allowed to break the app.

use super::error::{describe, StoreError};
use super::snapshot::{self, SNAPSHOT};
use domain::record::{each_kind, KindVisitor};
use domain::{CheckIn, Db, Record, COLLECTIONS};
use js_sys::{Array, Promise};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DB_NAME: &str = "samspil";
/// 2 added the outbox and the conflicts of the sync with a backend.
/// 3 added the peer space's collections, the erasures and `erasing`; the
/// upgrade only creates stores that are missing, so existing data stays.
/// 4 added the snapshot (the collection stores became its journal).
const DB_VERSION: u32 = 4;
/// Small values such as whether demo data was chosen.
const SETTINGS: &str = "settings";
/// Local changes waiting to be sent to the backend, in the order made.
pub const OUTBOX: &str = "outbox";
/// Changes the backend refused because someone else changed the record first.
pub const CONFLICTS: &str = "conflicts";
/// Erasures made on this device whose records the backend still has to delete.
pub const ERASING: &str = "erasing";
/// Every store besides the collections.
const OTHER_STORES: [&str; 5] = [SETTINGS, OUTBOX, CONFLICTS, ERASING, SNAPSHOT];
/// How long after the last change the journal is folded into the snapshot.
const FOLD_AFTER_MS: i32 = 2000;

/// What the store tells the app about other tabs of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabEvent {
    /// Opening waits: another tab holds the store open at an older version,
    /// and the upgrade cannot start until that tab closes or reloads.
    Blocked,
    /// The wait is over; opening goes on.
    Unblocked,
    /// Another tab opened a newer version of the app: this tab closed its
    /// connection (so the other is not kept waiting) and must be reloaded.
    ReloadNeeded,
}

/// Who hears about other tabs.
type TabListener = Rc<dyn Fn(TabEvent)>;

thread_local! {
    // IndexedDB handles are not Send, so they cannot live in Leptos context.
    static DATABASE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// Closed for good because a newer version opened in another tab.
    static CLOSED: Cell<bool> = const { Cell::new(false) };
    /// Who hears about other tabs (the session).
    static LISTENER: RefCell<Option<TabListener>> = const { RefCell::new(None) };
    /// Collections with journal entries not yet folded into the snapshot.
    static UNFOLDED: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
    /// The pending fold's timer.
    static FOLD_TIMER: Cell<Option<i32>> = const { Cell::new(None) };
}

/// Resolves when an IndexedDB request succeeds, with its result.
async fn finished(request: &IdbRequest) -> Result<JsValue, StoreError> {
    listen(request).await
}

/// Listens to a request at once (not when first polled), so several requests
/// can be made and then awaited one after the other without missing an event.
fn listen(request: &IdbRequest) -> impl std::future::Future<Output = Result<JsValue, StoreError>> {
    let target = request.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let request = target.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let result = request.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let request = target.clone();
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let error = request.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        target.set_onsuccess(Some(on_success.unchecked_ref()));
        target.set_onerror(Some(on_error.unchecked_ref()));
    });
    let future = JsFuture::from(promise);
    async move { future.await.map_err(|e| StoreError::Failed(describe(&e))) }
}

/// Tells `listener` when another tab blocks opening, or makes this tab reload.
pub fn on_tab_event(listener: impl Fn(TabEvent) + 'static) {
    LISTENER.with(|l| *l.borrow_mut() = Some(Rc::new(listener)));
}

fn tell(event: TabEvent) {
    if let Some(listener) = LISTENER.with(|l| l.borrow().clone()) {
        listener(event);
    }
}

async fn open() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = DATABASE.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    if CLOSED.with(Cell::get) {
        return Err(StoreError::Unavailable("a newer version of Samspil opened in another tab: reload".into()));
    }
    let window = web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
    let factory = window
        .indexed_db()
        .map_err(|e| StoreError::Unavailable(describe(&e)))?
        .ok_or_else(|| StoreError::Unavailable("IndexedDB is not offered".into()))?;
    let request: IdbOpenDbRequest =
        factory.open_with_u32(DB_NAME, DB_VERSION).map_err(|e| StoreError::Unavailable(describe(&e)))?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        let Ok(result) = upgrading.result() else { return };
        let db: IdbDatabase = result.unchecked_into();
        let existing = db.object_store_names();
        for name in COLLECTIONS.iter().chain(OTHER_STORES.iter()) {
            if !existing.contains(name) {
                if let Err(e) = db.create_object_store(name) {
                    web_sys::console::error_1(&e);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    // Another tab has the store open at an older version: the upgrade waits
    // for it. Say so, rather than "Loading" for ever.
    let blocked = Rc::new(Cell::new(false));
    let seen = Rc::clone(&blocked);
    let on_blocked = Closure::<dyn Fn()>::new(move || {
        seen.set(true);
        tell(TabEvent::Blocked);
    });
    request.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
    let opened = finished(&request).await;
    request.set_onblocked(None);
    drop(on_blocked);
    if blocked.get() {
        tell(TabEvent::Unblocked);
    }
    let db: IdbDatabase = opened?.unchecked_into();
    // A newer version opening in another tab waits for this connection:
    // close it at once, and ask for a reload.
    let closing = db.clone();
    let on_version_change = Closure::<dyn Fn()>::new(move || {
        closing.close();
        CLOSED.with(|c| c.set(true));
        DATABASE.with(|d| *d.borrow_mut() = None);
        tell(TabEvent::ReloadNeeded);
    });
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    // Lives as long as the connection, which lives as long as the page.
    on_version_change.forget();
    DATABASE.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// What loading found: the records, and how many stored ones were unreadable.
pub struct Loaded {
    pub db: Db,
    pub skipped: usize,
}

/// Reads every collection: the snapshot's chunks and the journal, in one
/// transaction (a fold waits for it, or it for the fold).
pub async fn load() -> Result<Loaded, StoreError> {
    mark("samspil:store-open");
    let idb = open().await?;
    let names = Array::new();
    for name in COLLECTIONS.iter().chain([SNAPSHOT].iter()) {
        names.push(&JsValue::from_str(name));
    }
    let tx = idb.transaction_with_str_sequence(&names).map_err(failed)?;
    let snapshot = tx.object_store(SNAPSHOT).map_err(failed)?;
    let chunk_keys = listen(&snapshot.get_all_keys().map_err(failed)?);
    let chunk_texts = listen(&snapshot.get_all().map_err(failed)?);
    let mut journal_requests = Vec::with_capacity(COLLECTIONS.len());
    for name in COLLECTIONS {
        journal_requests.push(listen(&tx.object_store(name).and_then(|s| s.get_all()).map_err(failed)?));
    }
    let chunk_keys: Array = chunk_keys.await?.unchecked_into();
    let chunk_texts: Array = chunk_texts.await?.unchecked_into();
    let mut parts: BTreeMap<&'static str, Part> = BTreeMap::new();
    for (name, request) in COLLECTIONS.iter().copied().zip(journal_requests) {
        let journal: Array = request.await?.unchecked_into();
        parts.insert(name, Part { journal, chunks: Vec::new() });
    }
    mark("samspil:store-read");
    let mut skipped = 0;
    for (key, text) in chunk_keys.iter().zip(chunk_texts.iter()) {
        let key = key.as_string().unwrap_or_default();
        match snapshot::collection_of(&key).and_then(|c| parts.get_mut(c)) {
            Some(part) => part.chunks.push(text),
            None => {
                skipped += 1;
                web_sys::console::warn_1(&format!("skipped a snapshot chunk of no known collection: {key}").into());
            }
        }
    }
    // A first visit (or an emptied device) has nothing to parse: its first
    // view then never fetches the parsers' chunk.
    if parts.values().all(|part| part.chunks.is_empty() && part.journal.length() == 0) {
        mark("samspil:store-parsed");
        return Ok(Loaded { db: Db::default(), skipped });
    }
    crate::lazy::finish(parse_in_its_chunk(parts, skipped), || {
        Err(StoreError::CodeNotFetched("the code that reads the store could not be fetched".into()))
    })
    .await
}

crate::lazy::split_fn!(
    /// [`parse`], whose code (every kind's reader, most of serde's) is in the
    /// chunk `stored` (src/lazy.rs): a device with nothing stored never needs it.
    pub(crate) fn parse_in_its_chunk(parts: BTreeMap<&'static str, Part>, skipped: usize) -> crate::lazy::InChunk<Result<Loaded, StoreError>>,
    preload_parse, stored, Box::pin(parse(parts, skipped))
);

/// Parses what [`load`] read into the `Db`; `skipped` records were unreadable already.
async fn parse(mut parts: BTreeMap<&'static str, Part>, mut skipped: usize) -> Result<Loaded, StoreError> {
    let mut db = Db::default();
    let mut loader = Loader { db: &mut db, parts: &mut parts, skipped: 0 };
    each_kind(&mut loader);
    skipped += loader.skipped;
    // Check-ins have their own quicker reader (see `snapshot::parse_checkin`),
    // in a task of their own: they are most of the store.
    crate::next_task().await;
    let checkins = parts.remove(CheckIn::COLLECTION).unwrap_or_else(Part::empty);
    skipped += load_with::<CheckIn>(&mut db, checkins, snapshot::parse_checkin);
    mark("samspil:store-parsed");
    Ok(Loaded { db, skipped })
}

/// A User Timing mark, for the benchmark and the browser's profiler.
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// What is stored of one collection: its journal entries and its snapshot chunks (JS strings).
pub(crate) struct Part {
    journal: Array,
    chunks: Vec<JsValue>,
}

impl Part {
    fn empty() -> Part {
        Part { journal: Array::new(), chunks: Vec::new() }
    }
}

/// Reads every collection but the check-ins with serde's derived reader.
struct Loader<'a> {
    db: &'a mut Db,
    parts: &'a mut BTreeMap<&'static str, Part>,
    skipped: usize,
}

impl KindVisitor for Loader<'_> {
    fn visit<T: Record>(&mut self) {
        if T::COLLECTION == CheckIn::COLLECTION {
            return;
        }
        let part = self.parts.remove(T::COLLECTION).unwrap_or_else(Part::empty);
        self.skipped += load_collection::<T>(self.db, part);
    }
}

/// Parses one collection's chunks and journal into the `Db`; returns how many
/// stored records were skipped. A journal with entries is folded in later.
fn load_collection<T: Record>(db: &mut Db, part: Part) -> usize {
    load_with::<T>(db, part, snapshot::parse_derived::<T>)
}

fn load_with<T: Record>(db: &mut Db, part: Part, parse: snapshot::Parse<T>) -> usize {
    let list = T::all_mut(db);
    list.reserve_exact(part.count_hint());
    let skipped = part.read(T::COLLECTION, &mut |line| {
        list.push(parse(line).map_err(|e| e.to_string())?);
        Ok(())
    });
    // The journal alone is already in id order (IndexedDB's key order).
    if !part.chunks.is_empty() {
        snapshot::merge_loaded(list, |r| r.id());
    }
    if part.journal.length() > 0 {
        fold_later(T::COLLECTION);
    }
    skipped
}

impl Part {
    /// How many records the chunks' headers say there are, with the journal's:
    /// one allocation, no growing.
    fn count_hint(&self) -> usize {
        let in_chunks: usize = self
            .chunks
            .iter()
            .filter_map(|c| c.dyn_ref::<js_sys::JsString>())
            .map(|c| snapshot::count_hint(&String::from(c.slice(0, 12))))
            .sum();
        in_chunks + self.journal.length() as usize
    }

    /// Gives `push` every stored line of `collection`, the chunks' first and
    /// the (newer) journal's last; returns how many were skipped, each told
    /// in the console. Not generic, so that its code is there once, not once
    /// per kind: `push` does what depends on the kind.
    fn read(&self, collection: &str, push: &mut dyn FnMut(&str) -> Result<(), String>) -> usize {
        let mut skipped = 0;
        let mut warn = |what: String| {
            web_sys::console::warn_1(&format!("skipped a stored {collection} record: {what}").into());
        };
        for chunk in &self.chunks {
            match chunk.as_string() {
                Some(text) => skipped += snapshot::parse_chunk(&text, push, &mut warn),
                None => {
                    skipped += 1;
                    warn("a snapshot chunk that is not text".into());
                }
            }
        }
        for value in self.journal.iter() {
            match value.as_string().map(|text| push(&text)) {
                Some(Ok(())) => {}
                Some(Err(error)) => {
                    skipped += 1;
                    warn(error);
                }
                None => {
                    skipped += 1;
                    warn("not text".into());
                }
            }
        }
        skipped
    }
}

/// Folds a collection's journal into the snapshot a while after the last
/// change (off the interaction path: a tap only writes its record).
fn fold_later(collection: &'static str) {
    UNFOLDED.with(|u| u.borrow_mut().insert(collection));
    let Some(window) = web_sys::window() else { return };
    if let Some(timer) = FOLD_TIMER.with(|t| t.take()) {
        window.clear_timeout_with_handle(timer);
    }
    let run = Closure::once_into_js(|| {
        FOLD_TIMER.with(|t| t.set(None));
        wasm_bindgen_futures::spawn_local(async {
            let collections = UNFOLDED.with(|u| std::mem::take(&mut *u.borrow_mut()));
            for collection in collections {
                let folded = crate::lazy::finish(fold_in_its_chunk(collection), || {
                    Err(StoreError::Failed("the store's folding code could not be fetched".into()))
                });
                if let Err(error) = folded.await {
                    // The journal keeps everything; the next load tries again.
                    web_sys::console::warn_1(&format!("folding {collection} into the snapshot: {error}").into());
                }
            }
        });
    });
    if let Ok(timer) = window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), FOLD_AFTER_MS)
    {
        FOLD_TIMER.with(|t| t.set(Some(timer)));
    }
}

crate::lazy::split_fn!(
    /// [`fold`], whose code is in the chunk `stored` (src/lazy.rs): painting
    /// the first view never needs it, and it runs a while after a change.
    pub(crate) fn fold_in_its_chunk(collection: &'static str) -> crate::lazy::InChunk<Result<usize, StoreError>>,
    preload_fold, stored, Box::pin(fold(collection))
);

/// Moves a collection's journal into its snapshot chunks, in one transaction:
/// either both change or neither. Entries written meanwhile are in later
/// transactions, so none is removed unfolded. An entry without a readable id
/// stays in the journal (loading skips and counts it, as before).
pub async fn fold(collection: &str) -> Result<usize, StoreError> {
    let idb = open().await?;
    let names = Array::of2(&JsValue::from_str(collection), &JsValue::from_str(SNAPSHOT));
    let tx = idb.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite).map_err(failed)?;
    let journal = tx.object_store(collection).map_err(failed)?;
    let chunks = tx.object_store(SNAPSHOT).map_err(failed)?;
    let keys = listen(&journal.get_all_keys().map_err(failed)?);
    let values = listen(&journal.get_all().map_err(failed)?);
    let keys: Array = keys.await?.unchecked_into();
    let values: Array = values.await?.unchecked_into();
    let mut updates: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut folded = Vec::new();
    for (key, value) in keys.iter().zip(values.iter()) {
        let line = value.as_string().as_deref().and_then(snapshot::as_line);
        match line.as_deref().and_then(|l| Some((snapshot::id_of(l)?, l))) {
            Some((id, line)) => {
                updates.entry(snapshot::chunk_of(collection, &id)).or_default().insert(id, line.to_string());
                folded.push(key);
            }
            None => web_sys::console::warn_1(&format!("left an unreadable {collection} entry in the journal").into()),
        }
    }
    if folded.is_empty() {
        return Ok(0);
    }
    let mut reads = Vec::with_capacity(updates.len());
    for chunk in updates.keys() {
        reads.push(listen(&chunks.get(&JsValue::from_str(chunk)).map_err(failed)?));
    }
    let mut last = None;
    for ((chunk, lines), read) in updates.iter().zip(reads) {
        let old = read.await?.as_string().unwrap_or_default();
        let text = snapshot::merge_chunk(&old, lines, &[]);
        last = Some(chunks.put_with_key(&JsValue::from_str(&text), &JsValue::from_str(chunk)).map_err(failed)?);
    }
    for key in &folded {
        last = Some(journal.delete(key).map_err(failed)?);
    }
    if let Some(request) = last {
        finished(&request).await?;
    }
    Ok(folded.len())
}

/// Writes records of one kind in one transaction.
pub async fn put<T: Record>(records: &[T]) -> Result<(), StoreError> {
    let mut texts = Vec::with_capacity(records.len());
    for record in records {
        let text = serde_json::to_string(record).map_err(|e| StoreError::Failed(e.to_string()))?;
        texts.push((record.id().to_string(), text));
    }
    put_texts_of(T::COLLECTION, &texts).await
}

/// Writes records of one collection, as `(id, JSON text)`, in one transaction.
pub async fn put_texts_of(collection: &str, records: &[(String, String)]) -> Result<(), StoreError> {
    let Some(name) = COLLECTIONS.iter().copied().find(|c| *c == collection) else {
        return Err(StoreError::Failed(format!("no collection {collection}")));
    };
    let idb = open().await?;
    let store = idb
        .transaction_with_str_and_mode(name, IdbTransactionMode::Readwrite)
        .and_then(|tx| tx.object_store(name))
        .map_err(|e| StoreError::Failed(describe(&e)))?;
    let mut last = None;
    for (id, text) in records {
        let request = store
            .put_with_key(&JsValue::from_str(text), &JsValue::from_str(id))
            .map_err(|e| StoreError::Failed(describe(&e)))?;
        last = Some(request);
    }
    // Requests in one transaction complete in order: the last one's success means all succeeded.
    if let Some(request) = last {
        finished(&request).await?;
        fold_later(name);
    }
    Ok(())
}

/// Writes a whole set of records (demo data), collection by collection.
pub async fn put_all(db: &Db) -> Result<(), StoreError> {
    // Each kind's records as text, through `each_kind` rather than the sync's
    // registry: the registry's table would bring every kind's sync code into
    // the main wasm, which this first start does not need.
    struct AsText<'a> {
        db: &'a Db,
        texts: Vec<(&'static str, Vec<(String, String)>)>,
        error: Option<String>,
    }
    impl KindVisitor for AsText<'_> {
        fn visit<T: Record>(&mut self) {
            let mut texts = Vec::new();
            for record in T::all(self.db).iter() {
                match serde_json::to_string(record) {
                    Ok(text) => texts.push((record.id().to_string(), text)),
                    Err(error) => self.error = Some(error.to_string()),
                }
            }
            self.texts.push((T::COLLECTION, texts));
        }
    }
    let mut all = AsText { db, texts: Vec::new(), error: None };
    each_kind(&mut all);
    if let Some(error) = all.error {
        return Err(StoreError::Failed(error));
    }
    for (collection, texts) in &all.texts {
        put_texts_of(collection, texts).await?;
    }
    Ok(())
}

/// Removes records for good (erasure): each `(collection, id)` from its
/// journal and from every snapshot chunk of its collection, all in one
/// transaction (quick, and either everything goes or nothing).
pub async fn delete_records(list: &[(&str, String)]) -> Result<(), StoreError> {
    let touched: Vec<&str> = COLLECTIONS.iter().copied().filter(|c| list.iter().any(|(l, _)| l == c)).collect();
    if touched.is_empty() {
        return Ok(());
    }
    let idb = open().await?;
    let names = Array::new();
    for name in touched.iter().chain([SNAPSHOT].iter()) {
        names.push(&JsValue::from_str(name));
    }
    let tx = idb.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite).map_err(failed)?;
    let chunks = tx.object_store(SNAPSHOT).map_err(failed)?;
    // Every chunk, not only those the ids hash to: nothing may stay behind.
    let keys = listen(&chunks.get_all_keys().map_err(failed)?);
    let texts = listen(&chunks.get_all().map_err(failed)?);
    let mut last = None;
    for collection in &touched {
        let journal = tx.object_store(collection).map_err(failed)?;
        for (_, id) in list.iter().filter(|(c, _)| c == collection) {
            last = Some(journal.delete(&JsValue::from_str(id)).map_err(failed)?);
        }
    }
    let keys: Array = keys.await?.unchecked_into();
    let texts: Array = texts.await?.unchecked_into();
    for (key, text) in keys.iter().zip(texts.iter()) {
        let Some(collection) = key.as_string().and_then(|k| snapshot::collection_of(&k).map(str::to_string)) else {
            continue;
        };
        let ids: Vec<&str> = list.iter().filter(|(c, _)| *c == collection).map(|(_, id)| id.as_str()).collect();
        let old = text.as_string().unwrap_or_default();
        if !ids.iter().any(|id| old.contains(id)) {
            continue;
        }
        let new = snapshot::merge_chunk(&old, &BTreeMap::new(), &ids);
        last = Some(if new.is_empty() {
            chunks.delete(&key).map_err(failed)?
        } else {
            chunks.put_with_key(&JsValue::from_str(&new), &key).map_err(failed)?
        });
    }
    // Requests in one transaction complete in order.
    if let Some(request) = last {
        finished(&request).await?;
    }
    Ok(())
}

/// Removes every record from this device, including unsent changes, in one transaction.
pub async fn clear() -> Result<(), StoreError> {
    let idb = open().await?;
    let names = Array::new();
    for name in COLLECTIONS.iter().chain(OTHER_STORES.iter()) {
        names.push(&JsValue::from_str(name));
    }
    let tx = idb.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite).map_err(failed)?;
    let mut last = None;
    for name in COLLECTIONS.iter().chain(OTHER_STORES.iter()) {
        last = Some(tx.object_store(name).and_then(|s| s.clear()).map_err(failed)?);
    }
    if let Some(request) = last {
        finished(&request).await?;
    }
    Ok(())
}

fn failed(error: JsValue) -> StoreError {
    StoreError::Failed(describe(&error))
}

async fn store(name: &str, mode: IdbTransactionMode) -> Result<web_sys::IdbObjectStore, StoreError> {
    let idb = open().await?;
    idb.transaction_with_str_and_mode(name, mode).and_then(|tx| tx.object_store(name)).map_err(failed)
}

/// Reads a small setting kept with the data (so clearing data clears it too).
pub async fn setting(key: &str) -> Result<Option<String>, StoreError> {
    get_text(SETTINGS, key).await
}

pub async fn set_setting(key: &str, value: &str) -> Result<(), StoreError> {
    put_text(SETTINGS, key, value).await
}

pub async fn delete_setting(key: &str) -> Result<(), StoreError> {
    delete_text(SETTINGS, key).await
}

/// One text value from a store, if present.
pub async fn get_text(store_name: &str, key: &str) -> Result<Option<String>, StoreError> {
    let request =
        store(store_name, IdbTransactionMode::Readonly).await?.get(&JsValue::from_str(key)).map_err(failed)?;
    Ok(finished(&request).await?.as_string())
}

/// Stores a text value under a key, replacing any earlier one.
pub async fn put_text(store_name: &str, key: &str, value: &str) -> Result<(), StoreError> {
    let request = store(store_name, IdbTransactionMode::Readwrite)
        .await?
        .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
        .map_err(failed)?;
    finished(&request).await?;
    Ok(())
}

pub async fn delete_text(store_name: &str, key: &str) -> Result<(), StoreError> {
    let request =
        store(store_name, IdbTransactionMode::Readwrite).await?.delete(&JsValue::from_str(key)).map_err(failed)?;
    finished(&request).await?;
    Ok(())
}

/// Every (key, text) of a store, in key order.
pub async fn all_texts(store_name: &str) -> Result<Vec<(String, String)>, StoreError> {
    let store = store(store_name, IdbTransactionMode::Readonly).await?;
    let keys: Array = finished(&store.get_all_keys().map_err(failed)?).await?.unchecked_into();
    let values: Array = finished(&store.get_all().map_err(failed)?).await?.unchecked_into();
    Ok(keys.iter().zip(values.iter()).filter_map(|(key, value)| Some((key.as_string()?, value.as_string()?))).collect())
}

/// Resolves when a transaction has committed, so what it wrote survives a
/// reload or a crash from then on.
async fn committed(transaction: &web_sys::IdbTransaction) -> Result<(), StoreError> {
    let target = transaction.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        // `complete` and `abort` each fire at most once, and never both.
        let on_complete = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let on_abort = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("the transaction was aborted"));
        });
        target.set_oncomplete(Some(on_complete.unchecked_ref()));
        target.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| StoreError::Failed(describe(&e)))
}

/// Stores several `(key, text)` values in one transaction and waits until it
/// has committed.
pub async fn put_texts(store_name: &str, values: &[(String, String)]) -> Result<(), StoreError> {
    if values.is_empty() {
        return Ok(());
    }
    let store = store(store_name, IdbTransactionMode::Readwrite).await?;
    let transaction = store.transaction();
    for (key, value) in values {
        store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key)).map_err(failed)?;
    }
    committed(&transaction).await
}

/// Removes several keys from a store in one transaction.
pub async fn delete_texts(store_name: &str, keys: &[String]) -> Result<(), StoreError> {
    let store = store(store_name, IdbTransactionMode::Readwrite).await?;
    let mut last = None;
    for key in keys {
        last = Some(store.delete(&JsValue::from_str(key)).map_err(failed)?);
    }
    // Requests in one transaction complete in order.
    if let Some(request) = last {
        finished(&request).await?;
    }
    Ok(())
}
