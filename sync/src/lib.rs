//! Samspil's offline-first sync, as plain Rust: the outbox, pull cursors in
//! the server's order, conflict rules and merges, hold-back of later changes
//! to a record in conflict, refused changes set aside for the person, and
//! erasure written ahead. No web: the browser's glue (IndexedDB, HTTP,
//! timers, Leptos signals) implements [`Store`] and [`Remote`] around it, and
//! the tests implement them in memory (`tests/simulation.rs` runs many
//! devices against a simulated server).

#![warn(missing_docs)]

pub mod engine;
pub mod registry;
pub mod remote;
pub mod store;

pub use engine::{
    discard_refused, enqueue, erase_pupil, outline, problem_of, resolve, retry_refused, run, upload_all, Change,
    Choice, Outline, RefusedChange, Report, Resolved, SyncProblem,
};
pub use remote::{HttpError, Pulled, Remote};
pub use store::{Conflict, OutboxEntry, PendingErasure, Refusal, Store, StoreError};
