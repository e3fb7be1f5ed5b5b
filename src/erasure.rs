//! Erasing a pupil on this device and on the backend. The domain decides
//! which records go ([`domain::erasure::records_of_pupil`]); this module
//! removes them from memory, IndexedDB, the outbox and the conflicts, and
//! deletes them on the backend (`DELETE /{c}/{id}`, erasure only).
//!
//! An [`Erasure`] record (a hash of the pupil's id, nothing else) stays, so
//! that every other device purges the pupil when it next syncs and deletes
//! any of their records it finds on the backend (see
//! docs/backend-contract.md, "Erasure").

use crate::backend::embedded::{self, CONFLICTS, ERASING, OUTBOX};
use crate::backend::remote::Remote;
use crate::backend::{new_id, StoreError};
use crate::state::Session;
use crate::sync::{self, problem_of, SyncProblem};
use domain::erasure::{self, Erasure, RecordRef};
use domain::Record;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An erasure made on this device whose records the backend has not yet deleted.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Pending {
    erasure: Erasure,
    /// (collection, id) of every record to delete on the backend.
    records: Vec<(String, String)>,
}

/// Erases a pupil everywhere; returns how many records of each collection
/// went from this device. The backend follows at once when reachable,
/// otherwise at the next sync (the work waits in IndexedDB).
pub async fn erase_pupil(session: Session, pupil_id: &str) -> Result<Vec<(&'static str, usize)>, StoreError> {
    let list = session.db.with_untracked(|db| erasure::records_of_pupil(db, pupil_id));
    let counts = erasure::counts(&list);
    let mut trace = erasure::erasure_of(new_id(), pupil_id, session.today);
    // Stamped by hand, not by `Session::save`: the trace must not say who
    // asked (it may have been the pupil) — `updatedBy` stays empty.
    trace.meta.client_id = trace.id.clone();
    trace.meta.version = 1;
    trace.meta.updated_at = crate::backend::now();
    purge_here(session, &list).await?;
    session.db.update(|db| db.upsert(trace.clone()));
    embedded::put(std::slice::from_ref(&trace)).await?;
    if sync::is_remote() {
        let pending = Pending {
            erasure: trace.clone(),
            records: list.iter().map(|(c, id)| (c.to_string(), id.clone())).collect(),
        };
        let text = serde_json::to_string(&pending).map_err(|e| StoreError::Failed(e.to_string()))?;
        embedded::put_text(ERASING, &trace.id, &text).await?;
        // Shown as a change waiting until the backend has deleted everything.
        session.sync.update(|s| s.pending += 1);
        sync::sync_now(session);
    }
    Ok(counts)
}

/// Removes records from this device: memory, IndexedDB, and any unsent
/// change or conflict about them.
async fn purge_here(session: Session, list: &[RecordRef]) -> Result<(), StoreError> {
    if list.is_empty() {
        return Ok(());
    }
    session.db.update(|db| erasure::purge(db, list));
    embedded::delete_records(list).await?;
    let listed = |value: &Value| {
        let collection = value.get("collection").and_then(Value::as_str).unwrap_or_default();
        let id = value.get("id").and_then(Value::as_str).unwrap_or_default();
        list.iter().any(|(c, i)| *c == collection && i == id)
    };
    for store in [OUTBOX, CONFLICTS] {
        for (key, text) in embedded::all_texts(store).await? {
            if serde_json::from_str::<Value>(&text).is_ok_and(|v| listed(&v)) {
                embedded::delete_text(store, &key).await?;
            }
        }
    }
    let pending = embedded::all_texts(OUTBOX).await.map(|e| e.len()).unwrap_or(0)
        + embedded::all_texts(ERASING).await.map(|e| e.len()).unwrap_or(0);
    session.sync.update(|s| {
        s.pending = pending;
        s.conflicts.retain(|c| !list.iter().any(|(col, id)| *col == c.collection && *id == c.id));
    });
    if session.me.get_untracked().is_some_and(|me| list.iter().any(|(c, id)| *c == "people" && *id == me)) {
        session.set_me(None);
    }
    Ok(())
}

async fn erase_remote(remote: &Remote, records: &[(String, String)]) -> Result<(), SyncProblem> {
    if !remote.shares("erasures") {
        return Ok(());
    }
    for (collection, id) in records {
        remote.erase(collection, id).await.map_err(|e| {
            web_sys::console::warn_1(&format!("erasure: {collection} {id}: {e}").into());
            problem_of(&e)
        })?;
    }
    Ok(())
}

/// Sends this device's erasures: the trace first (so that other devices stop
/// sending the pupil's records as soon as possible), then the deletions.
pub async fn send_pending(remote: &Remote) -> Result<(), SyncProblem> {
    if !remote.shares("erasures") {
        // Kept waiting on the device until the backend can take erasures.
        return Ok(());
    }
    let entries = embedded::all_texts(ERASING).await.map_err(|_| SyncProblem::Storage)?;
    for (key, text) in entries {
        let Ok(pending) = serde_json::from_str::<Pending>(&text) else {
            web_sys::console::warn_1(&format!("dropped an unreadable erasure {key}").into());
            embedded::delete_text(ERASING, &key).await.map_err(|_| SyncProblem::Storage)?;
            continue;
        };
        let trace = &pending.erasure;
        let known =
            remote.has_client_id(Erasure::COLLECTION, &trace.meta.client_id).await.map_err(|e| problem_of(&e))?;
        if !known {
            let record = serde_json::to_value(trace).map_err(|_| SyncProblem::Storage)?;
            remote.create(Erasure::COLLECTION, &record).await.map_err(|e| problem_of(&e))?;
        }
        erase_remote(remote, &pending.records).await?;
        embedded::delete_text(ERASING, &key).await.map_err(|_| SyncProblem::Storage)?;
    }
    Ok(())
}

/// Applies erasures made elsewhere: purges every erased pupil this device
/// still holds records of, here and — since a device that had not heard of
/// the erasure may have sent some — on the backend.
pub async fn sweep(session: Session, remote: &Remote) -> Result<(), SyncProblem> {
    let pupils = session.db.with_untracked(erasure::erased_pupils_present);
    for pupil in pupils {
        let list = session.db.with_untracked(|db| erasure::records_of_pupil(db, &pupil));
        purge_here(session, &list).await.map_err(|_| SyncProblem::Storage)?;
        let records: Vec<(String, String)> = list.iter().map(|(c, id)| (c.to_string(), id.clone())).collect();
        erase_remote(remote, &records).await?;
    }
    Ok(())
}
