//! The embedded store: every collection in the browser's IndexedDB, so the
//! app works with no server at all and survives reloads.
//!
//! Each record is kept as its JSON text under its id. Reading parses and
//! checks every one; a record that no longer parses is skipped and logged,
//! never allowed to break the app.

use super::error::{describe, StoreError};
use domain::{Db, Record, COLLECTIONS};
use js_sys::{Array, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DB_NAME: &str = "samspil";
/// 2 added the outbox and the conflicts of the sync with a backend.
/// 3 added the peer space's collections, the erasures and `erasing`; the
/// upgrade only creates stores that are missing, so existing data stays.
const DB_VERSION: u32 = 3;
/// Small values such as whether demo data was chosen.
const SETTINGS: &str = "settings";
/// Local changes waiting to be sent to the backend, in the order made.
pub const OUTBOX: &str = "outbox";
/// Changes the backend refused because someone else changed the record first.
pub const CONFLICTS: &str = "conflicts";
/// Erasures made on this device whose records the backend still has to delete.
pub const ERASING: &str = "erasing";
/// Every store besides the collections.
const OTHER_STORES: [&str; 4] = [SETTINGS, OUTBOX, CONFLICTS, ERASING];

thread_local! {
    // IndexedDB handles are not Send, so they cannot live in Leptos context.
    static DATABASE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Resolves when an IndexedDB request succeeds, with its result.
async fn finished(request: &IdbRequest) -> Result<JsValue, StoreError> {
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
    JsFuture::from(promise).await.map_err(|e| StoreError::Failed(describe(&e)))
}

async fn open() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = DATABASE.with(|d| d.borrow().clone()) {
        return Ok(db);
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
    let db: IdbDatabase = finished(&request).await?.unchecked_into();
    DATABASE.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// What loading found: the records, and how many stored ones were unreadable.
pub struct Loaded {
    pub db: Db,
    pub skipped: usize,
}

/// Reads every collection.
pub async fn load() -> Result<Loaded, StoreError> {
    let idb = open().await?;
    let mut db = Db::default();
    let mut skipped = 0;
    skipped += load_collection::<domain::Person>(&idb, &mut db).await?;
    skipped += load_collection::<domain::Member>(&idb, &mut db).await?;
    skipped += load_collection::<domain::Strength>(&idb, &mut db).await?;
    skipped += load_collection::<domain::Goal>(&idb, &mut db).await?;
    skipped += load_collection::<domain::Agreement>(&idb, &mut db).await?;
    skipped += load_collection::<domain::CheckIn>(&idb, &mut db).await?;
    skipped += load_collection::<domain::Comment>(&idb, &mut db).await?;
    skipped += load_collection::<domain::peer::PeerName>(&idb, &mut db).await?;
    skipped += load_collection::<domain::peer::Post>(&idb, &mut db).await?;
    skipped += load_collection::<domain::peer::Helped>(&idb, &mut db).await?;
    skipped += load_collection::<domain::peer::Report>(&idb, &mut db).await?;
    skipped += load_collection::<domain::peer::Moderation>(&idb, &mut db).await?;
    skipped += load_collection::<domain::erasure::Erasure>(&idb, &mut db).await?;
    Ok(Loaded { db, skipped })
}

async fn load_collection<T: Record>(idb: &IdbDatabase, db: &mut Db) -> Result<usize, StoreError> {
    let store = idb
        .transaction_with_str(T::COLLECTION)
        .and_then(|tx| tx.object_store(T::COLLECTION))
        .map_err(|e| StoreError::Failed(describe(&e)))?;
    let request = store.get_all().map_err(|e| StoreError::Failed(describe(&e)))?;
    let values: Array = finished(&request).await?.unchecked_into();
    let mut skipped = 0;
    let list = T::all_mut(db);
    list.reserve(values.length() as usize);
    for value in values.iter() {
        match value.as_string().map(|text| serde_json::from_str::<T>(&text)) {
            Some(Ok(record)) => list.push(record),
            Some(Err(error)) => {
                skipped += 1;
                web_sys::console::warn_1(&format!("skipped a stored {} record: {error}", T::COLLECTION).into());
            }
            None => {
                skipped += 1;
                web_sys::console::warn_1(&format!("skipped a stored {} record that is not text", T::COLLECTION).into());
            }
        }
    }
    Ok(skipped)
}

/// Writes records of one kind in one transaction.
pub async fn put<T: Record>(records: &[T]) -> Result<(), StoreError> {
    let idb = open().await?;
    let store = idb
        .transaction_with_str_and_mode(T::COLLECTION, IdbTransactionMode::Readwrite)
        .and_then(|tx| tx.object_store(T::COLLECTION))
        .map_err(|e| StoreError::Failed(describe(&e)))?;
    let mut last = None;
    for record in records {
        let text = serde_json::to_string(record).map_err(|e| StoreError::Failed(e.to_string()))?;
        let request = store
            .put_with_key(&JsValue::from_str(&text), &JsValue::from_str(record.id()))
            .map_err(|e| StoreError::Failed(describe(&e)))?;
        last = Some(request);
    }
    // Requests in one transaction complete in order: the last one's success means all succeeded.
    if let Some(request) = last {
        finished(&request).await?;
    }
    Ok(())
}

/// Writes a whole set of records (demo data), collection by collection.
pub async fn put_all(db: &Db) -> Result<(), StoreError> {
    put(&db.people).await?;
    put(&db.members).await?;
    put(&db.strengths).await?;
    put(&db.goals).await?;
    put(&db.agreements).await?;
    put(&db.checkins).await?;
    put(&db.comments).await?;
    put(&db.peer_names).await?;
    put(&db.posts).await?;
    put(&db.helped).await?;
    put(&db.reports).await?;
    put(&db.moderations).await?;
    put(&db.erasures).await?;
    Ok(())
}

/// Removes records for good (erasure): each `(collection, id)` from its store.
pub async fn delete_records(list: &[(&str, String)]) -> Result<(), StoreError> {
    for collection in COLLECTIONS {
        let ids: Vec<&String> = list.iter().filter(|(c, _)| *c == collection).map(|(_, id)| id).collect();
        if ids.is_empty() {
            continue;
        }
        let store = store(collection, IdbTransactionMode::Readwrite).await?;
        let mut last = None;
        for id in ids {
            last = Some(store.delete(&JsValue::from_str(id)).map_err(failed)?);
        }
        // Requests in one transaction complete in order.
        if let Some(request) = last {
            finished(&request).await?;
        }
    }
    Ok(())
}

/// Removes every record from this device, including unsent changes.
pub async fn clear() -> Result<(), StoreError> {
    for name in COLLECTIONS.iter().chain(OTHER_STORES.iter()) {
        let request = store(name, IdbTransactionMode::Readwrite).await?.clear().map_err(failed)?;
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
