//! Erasing a pupil on this device and on the backend. The domain decides
//! which records go ([`domain::erasure::records_of_pupil`]); the sync engine
//! stores the intent first, then purges them here (memory, IndexedDB, the
//! outbox and the conflicts) and deletes them on the backend
//! (`DELETE /{c}/{id}`, erasure only; on PocketBase one request to the
//! server's erasure route instead), at once or at the next sync.
//!
//! An [`domain::erasure::Erasure`] record (a hash of the pupil's id, nothing
//! else) stays, so that every other device purges the pupil when it next
//! syncs and deletes any of their records it finds on the backend (see
//! docs/backend-contract.md, "Erasure").

use crate::backend::{new_id, StoreError};
use crate::state::Session;
use crate::sync;
use domain::erasure;

/// Erases a pupil everywhere; returns how many records of each collection
/// went from this device. The backend follows at once when reachable,
/// otherwise at the next sync (the work waits in IndexedDB).
pub async fn erase_pupil(session: Session, pupil_id: &str) -> Result<Vec<(&'static str, usize)>, StoreError> {
    let mut trace = erasure::erasure_of(new_id(), pupil_id, session.today_now());
    // Stamped by hand, not by `Session::save`: the trace must not say who
    // asked (it may have been the pupil) — `updatedBy` stays empty.
    trace.meta.client_id = trace.id.clone();
    trace.meta.version = 1;
    trace.meta.updated_at = crate::backend::now();
    let trace = serde_json::to_value(&trace).map_err(|e| StoreError::Failed(e.to_string()))?;
    let list = sync::erase_pupil(session, pupil_id, trace).await?;
    Ok(erasure::counts(&list))
}
