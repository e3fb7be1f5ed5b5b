//! What the engine keeps on the device, and the trait the device's store
//! (IndexedDB and the app's signals in the browser, memory in the tests)
//! implements.

use domain::erasure::RecordRef;
use domain::Db;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One local change waiting to be sent: the whole record as it is now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The record's collection.
    pub collection: String,
    /// The record's id.
    pub id: String,
    /// The version the change was based on; 0 for a record the backend may not have yet.
    pub base: u32,
    /// The record.
    pub record: Value,
    /// A record made on this device that was never sent: the backend cannot
    /// have it, so its first send needs no question first. Cleared, and the
    /// clearing committed, before that send, so that any later send (after a
    /// lost answer, a reload or a crash) asks whether an earlier one arrived.
    /// Entries stored without it are not fresh.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fresh: bool,
    /// Set aside: the backend refused this change for good. It stays here,
    /// shown to the person, until they send it again or discard it; later
    /// changes to the same record wait behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<Refusal>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl OutboxEntry {
    /// The record this change is to.
    pub fn record_ref(&self) -> (&str, &str) {
        (&self.collection, &self.id)
    }
}

/// Why a change was set aside.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    /// The backend's HTTP status; 0 when it was not the backend that refused
    /// (the record is not valid any more, or the backend's copy is not).
    pub status: u16,
    /// The backend's words (the start of its answer), or ours.
    pub reason: String,
}

/// A change the backend did not take because the record had changed there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The record's collection.
    pub collection: String,
    /// The record's id.
    pub id: String,
    /// This device's version of the record (its latest change).
    pub mine: Value,
    /// The backend's version of the record.
    pub theirs: Value,
}

impl Conflict {
    /// Where it is kept: one conflict per record.
    pub fn key(&self) -> String {
        key_of(&self.collection, &self.id)
    }
}

/// The key of a record's conflict.
pub fn key_of(collection: &str, id: &str) -> String {
    format!("{collection}/{id}")
}

/// An erasure whose records the backend has not deleted yet. Written down
/// (and committed) before anything is purged on the device, so that a tab
/// closed half-way never leaves records on the backend that nobody will delete.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingErasure {
    /// The trace to create on the backend first: the erasure made on this
    /// device. `None` when the trace is there already (a sweep of records
    /// that arrived after another device's erasure).
    #[serde(default)]
    pub erasure: Option<Value>,
    /// `(collection, id)` of every record to delete, on the device and the backend.
    pub records: Vec<(String, String)>,
    /// The erased pupil's id (or the server's alias of them), for a backend
    /// that erases a whole pupil in one request ([`crate::Remote::erases_pupils`]).
    /// Intents stored without it are carried out record by record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pupil: Option<String>,
}

/// Why storing failed, for the console.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "storage: {}", self.0)
    }
}

/// The device's side. Every `put_…` resolves once what it wrote survives a
/// reload (a committed transaction).
#[allow(async_fn_in_trait)]
pub trait Store {
    /// The outbox, in the order the changes were made.
    async fn outbox(&self) -> Result<Vec<(String, OutboxEntry)>, StoreError>;
    /// Stores entries under their keys (new ones, or changed ones).
    async fn put_outbox(&self, entries: &[(String, OutboxEntry)]) -> Result<(), StoreError>;
    /// Removes entries.
    async fn delete_outbox(&self, keys: &[String]) -> Result<(), StoreError>;
    /// A key that sorts after every key given before, across reloads.
    fn next_key(&self) -> String;

    /// Every conflict waiting for the person.
    async fn conflicts(&self) -> Result<Vec<Conflict>, StoreError>;
    /// Stores a conflict under [`Conflict::key`], replacing one about the same record.
    async fn put_conflict(&self, conflict: &Conflict) -> Result<(), StoreError>;
    /// Removes a conflict.
    async fn delete_conflict(&self, key: &str) -> Result<(), StoreError>;

    /// A small value kept with the data (pull cursors).
    async fn setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Keeps a small value; `None` removes it.
    async fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError>;

    /// Reads the records on the device.
    fn read<R>(&self, f: impl FnOnce(&Db) -> R) -> R;
    /// Stores records of one collection (valid, normalised values) and shows them.
    async fn put_records(&self, collection: &str, records: Vec<Value>) -> Result<(), StoreError>;
    /// Removes records for good, from the device and from any change or
    /// conflict about them (erasure, and a discarded change's new record).
    async fn purge(&self, records: &[RecordRef]) -> Result<(), StoreError>;
    /// Records just changed on the device whose change is still on its way to
    /// the outbox: a pull keeps the device's version of them.
    fn saving(&self) -> Vec<(String, String)>;

    /// Erasures the backend has not finished, in the order made.
    async fn pending_erasures(&self) -> Result<Vec<(String, PendingErasure)>, StoreError>;
    /// Stores an erasure's intent.
    async fn put_pending_erasure(&self, key: &str, pending: &PendingErasure) -> Result<(), StoreError>;
    /// Removes a finished erasure.
    async fn delete_pending_erasure(&self, key: &str) -> Result<(), StoreError>;

    /// Now on the device's clock, RFC 3339 (a person's own claim of when they changed something).
    fn now(&self) -> String;
}
