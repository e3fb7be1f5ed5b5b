//! One trait over every kind of record, so that storing, syncing and
//! bookkeeping are written once rather than per collection.

use crate::collection::Collection;
use crate::db::Db;
use crate::erasure::Erasure;
use crate::model::*;
use crate::peer::{Helped, Moderation, PeerName, Post, Report};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What a kind of record belongs to; a backend may share some parts only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A pupil's team and what it does: people, members, strengths, goals,
    /// agreements, check-ins, comments.
    Team,
    /// The pupils' peer space (see [`crate::peer`]).
    PeerSpace,
    /// Traces of erased pupils (see [`crate::erasure`]).
    Erasures,
}

/// A record kept in one of the [`Db`]'s collections.
pub trait Record: Serialize + DeserializeOwned + Clone + 'static {
    /// The collection's name, as the store and backends call it.
    const COLLECTION: &'static str;
    /// What the collection belongs to.
    const PART: Part;
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
    ($type:ty, $collection:literal, $part:ident, $field:ident) => {
        record!($type, $collection, $part, $field, |_record| None, false);
    };
    ($type:ty, $collection:literal, $part:ident, $field:ident, |$record:ident| $group:expr, $restricted:expr) => {
        impl Record for $type {
            const COLLECTION: &'static str = $collection;
            const PART: Part = Part::$part;
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

record!(Person, "people", Team, people);
record!(Member, "members", Team, members);
record!(Strength, "strengths", Team, strengths);
record!(Goal, "goals", Team, goals);
record!(Agreement, "agreements", Team, agreements);
record!(CheckIn, "checkins", Team, checkins, |checkin| Some(&checkin.goal_id), checkin.visible_to.is_some());
record!(Comment, "comments", Team, comments, |comment| Some(&comment.goal_id), comment.visible_to.is_some());
record!(PeerName, "peerNames", PeerSpace, peer_names);
record!(Post, "posts", PeerSpace, posts);
record!(Helped, "helped", PeerSpace, helped);
record!(Report, "reports", PeerSpace, reports);
record!(Moderation, "moderations", PeerSpace, moderations);
record!(Erasure, "erasures", Erasures, erasures);

/// Something done once per kind of record, for every kind: see [`each_kind`].
pub trait KindVisitor {
    /// Called once for each kind of record, in the order of [`COLLECTIONS`].
    fn visit<T: Record>(&mut self);
}

/// The one list of Samspil's kinds of record. Everything that handles every
/// collection (the store, the sync, erasure) goes through it or through
/// [`COLLECTIONS`], which it writes too, so none can be left out.
macro_rules! kinds {
    ($($(#[$doc:meta])* $type:ty),* $(,)?) => {
        /// Every collection's name, in the order they are loaded (people
        /// before what points at them).
        pub const COLLECTIONS: &[&str] = &[$(<$type as Record>::COLLECTION),*];

        /// Calls `visitor` once for each kind of record, in the order of [`COLLECTIONS`].
        pub fn each_kind<V: KindVisitor>(visitor: &mut V) {
            $(visitor.visit::<$type>();)*
        }
    };
}

kinds!(
    Person, Member, Strength, Goal, Agreement, CheckIn, Comment, // The peer space (see `peer`).
    PeerName, Post, Helped, Report, Moderation, // Traces of erased pupils (see `erasure`).
    Erasure,
);

impl Db {
    /// Puts a record in its collection, replacing the one with the same id.
    pub fn upsert<T: Record>(&mut self, record: T) {
        T::all_mut(self).upsert(record);
    }
}
