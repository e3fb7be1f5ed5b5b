//! Samspil's domain: the rules of co-produced learning goals.
//!
//! A pupil, their teacher, their coach and (if the pupil wants) a parent form
//! a team. Any of them may propose a goal; it becomes active only when every
//! member has agreed to that exact wording. Everyone checks in, and progress
//! is measured by Goal Attainment Scaling or a baseline and a target.
//!
//! This crate knows nothing of the web: it is plain data and pure functions,
//! tested natively.

#![warn(missing_docs)]

pub mod collection;
pub mod date;
pub mod db;
pub mod demo;
pub mod effect;
pub mod erasure;
pub mod export;
pub mod fingerprint;
pub mod model;
pub mod number;
pub mod overview;
pub mod peer;
pub mod progress;
pub mod record;
pub mod rules;
pub mod validate;
pub mod visibility;

pub use date::Date;
pub use db::Db;
pub use model::*;
pub use record::{Part, Record, COLLECTIONS};
