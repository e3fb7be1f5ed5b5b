//! One trait over every kind of record, so that storing, syncing and
//! bookkeeping are written once rather than per collection.

use crate::collection::Collection;
use crate::db::Db;
use crate::erasure::Erasure;
use crate::model::*;
use crate::peer::{Helped, Moderation, PeerName, Post, Report};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A record kept in one of the [`Db`]'s collections.
pub trait Record: Serialize + DeserializeOwned + Clone + 'static {
    /// The collection's name, as the store and backends call it.
    const COLLECTION: &'static str;
    /// The record's id.
    fn id(&self) -> &str;
    /// The record's synchronisation bookkeeping.
    fn meta(&self) -> &Meta;
    /// The record's synchronisation bookkeeping, to change.
    fn meta_mut(&mut self) -> &mut Meta;
    /// What the record is looked up by besides its id: the goal, for
    /// check-ins and comments (see [`Collection::in_group`]).
    fn group(&self) -> Option<&str> {
        None
    }
    /// Whether the record is kept to a few people rather than the whole
    /// team (see [`crate::visibility`]).
    fn is_restricted(&self) -> bool {
        false
    }
    /// Every record of this kind in the database, tombstones included.
    fn all(db: &Db) -> &Collection<Self>;
    /// Every record of this kind in the database, to change.
    fn all_mut(db: &mut Db) -> &mut Collection<Self>;
}

macro_rules! record {
    ($type:ty, $collection:literal, $field:ident) => {
        record!($type, $collection, $field, |_record| None, false);
    };
    ($type:ty, $collection:literal, $field:ident, |$record:ident| $group:expr, $restricted:expr) => {
        impl Record for $type {
            const COLLECTION: &'static str = $collection;
            fn id(&self) -> &str {
                &self.id
            }
            fn meta(&self) -> &Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut Meta {
                &mut self.meta
            }
            fn group(&self) -> Option<&str> {
                let $record = self;
                $group
            }
            fn is_restricted(&self) -> bool {
                let $record = self;
                $restricted
            }
            fn all(db: &Db) -> &Collection<Self> {
                &db.$field
            }
            fn all_mut(db: &mut Db) -> &mut Collection<Self> {
                &mut db.$field
            }
        }
    };
}

record!(Person, "people", people);
record!(Member, "members", members);
record!(Strength, "strengths", strengths);
record!(Goal, "goals", goals);
record!(Agreement, "agreements", agreements);
record!(CheckIn, "checkins", checkins, |checkin| Some(&checkin.goal_id), checkin.visible_to.is_some());
record!(Comment, "comments", comments, |comment| Some(&comment.goal_id), comment.visible_to.is_some());
record!(PeerName, "peerNames", peer_names);
record!(Post, "posts", posts);
record!(Helped, "helped", helped);
record!(Report, "reports", reports);
record!(Moderation, "moderations", moderations);
record!(Erasure, "erasures", erasures);

/// Every collection's name, in the order they are loaded.
pub const COLLECTIONS: [&str; 13] = [
    "people",
    "members",
    "strengths",
    "goals",
    "agreements",
    "checkins",
    "comments",
    // The peer space (see `peer`).
    "peerNames",
    "posts",
    "helped",
    "reports",
    "moderations",
    // Traces of erased pupils (see `erasure`).
    "erasures",
];

impl Db {
    /// Puts a record in its collection, replacing the one with the same id.
    pub fn upsert<T: Record>(&mut self, record: T) {
        T::all_mut(self).upsert(record);
    }
}
