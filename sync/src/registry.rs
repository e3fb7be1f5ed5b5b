//! The collections, once: for each kind of record its name, its part, and a
//! few functions over JSON values, so that the engine, the store and the
//! conflict view handle every collection without a hand-written list each
//! (the lists had drifted: a peer-space conflict could never be merged).
//!
//! The engine is type-erased (JSON values and this table), so it is compiled
//! once rather than once per kind of record.

use domain::record::{each_kind, KindVisitor};
use domain::{Db, Part, Record};
use serde_json::Value;
use std::sync::OnceLock;

/// One kind of record, seen through JSON values.
pub struct Kind {
    /// The collection's name, as the store and backends call it.
    pub name: &'static str,
    /// What it belongs to (a backend may share some parts only).
    pub part: Part,
    /// Reads a value as this kind's record and writes it again: the record as
    /// it is stored and sent (unknown fields dropped, derived ones such as a
    /// goal's fingerprint written fresh), or why it is not a valid record.
    pub normalise: fn(&Value) -> Result<Value, String>,
    /// Puts valid record values (see `normalise`) into the database,
    /// replacing those with the same ids; answers the values it could not read.
    pub upsert: fn(&mut Db, Vec<Value>) -> Vec<String>,
    /// The device's copy of a record, as JSON.
    pub local: fn(&Db, &str) -> Option<Value>,
    /// Every record of the kind on the device (tombstones included), as `(id, JSON)`.
    pub all: fn(&Db) -> Vec<(String, Value)>,
    /// Removes a record from the database for good.
    pub remove: fn(&mut Db, &str),
    /// Fields the record derives from its others, written fresh whenever it
    /// is written (never chosen in a merge).
    pub derived: &'static [&'static str],
}

fn normalise<T: Record>(value: &Value) -> Result<Value, String> {
    let record: T = T::deserialize(value).map_err(|e| e.to_string())?;
    serde_json::to_value(&record).map_err(|e| e.to_string())
}

fn upsert<T: Record>(db: &mut Db, values: Vec<Value>) -> Vec<String> {
    let mut unread = Vec::new();
    for value in values {
        // Read from a borrowed value, as `normalise` does: one reader per kind in the wasm, not two.
        match T::deserialize(&value) {
            Ok(record) => db.upsert(record),
            Err(error) => unread.push(error.to_string()),
        }
    }
    unread
}

fn local<T: Record>(db: &Db, id: &str) -> Option<Value> {
    T::all(db).by_id(id).and_then(|record| serde_json::to_value(record).ok())
}

fn all<T: Record>(db: &Db) -> Vec<(String, Value)> {
    T::all(db).iter().filter_map(|record| Some((record.id().to_string(), serde_json::to_value(record).ok()?))).collect()
}

fn remove<T: Record>(db: &mut Db, id: &str) {
    T::all_mut(db).retain(|record| record.id() != id);
}

struct Table(Vec<Kind>);

impl KindVisitor for Table {
    fn visit<T: Record>(&mut self) {
        self.0.push(Kind {
            name: T::COLLECTION,
            part: T::PART,
            normalise: normalise::<T>,
            upsert: upsert::<T>,
            local: local::<T>,
            all: all::<T>,
            remove: remove::<T>,
            derived: if T::COLLECTION == domain::Goal::COLLECTION { &["fingerprint"] } else { &[] },
        });
    }
}

/// Every kind of record, in the order of [`domain::COLLECTIONS`].
pub fn kinds() -> &'static [Kind] {
    static KINDS: OnceLock<Vec<Kind>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let mut table = Table(Vec::new());
        each_kind(&mut table);
        table.0
    })
}

/// The kind of record a collection holds, if it is one of ours.
pub fn kind(collection: &str) -> Option<&'static Kind> {
    kinds().iter().find(|kind| kind.name == collection)
}

/// The goal whose words a record names, if it names any: an agreement is to
/// one wording of a goal (its revision and fingerprint), so it is sent only
/// once that goal is settled — never while it is in conflict, when the words
/// it names may not be the ones that stay.
pub fn names_words_of(collection: &str, record: &Value) -> Option<String> {
    (collection == domain::Agreement::COLLECTION).then(|| record.get("goalId")?.as_str().map(String::from)).flatten()
}

/// A value as a valid record of its collection, its derived fields made
/// fresh: what a person chose (their own version, the server's, or a merge
/// field by field) becomes a record that names what it holds.
pub fn chosen(collection: &str, value: &Value) -> Result<Value, String> {
    let kind = kind(collection).ok_or_else(|| format!("no collection {collection}"))?;
    let mut value = value.clone();
    if let Value::Object(fields) = &mut value {
        for field in kind.derived {
            fields.remove(*field);
        }
    }
    (kind.normalise)(&value)
}

/// Whether a value is a valid record of the collection once its derived
/// fields are made fresh (see [`chosen`]).
pub fn is_valid(collection: &str, value: &Value) -> bool {
    chosen(collection, value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_collection_once_in_the_order_of_the_domain() {
        let names: Vec<&str> = kinds().iter().map(|k| k.name).collect();
        assert_eq!(names, domain::COLLECTIONS);
        assert!(kind("peerNames").is_some_and(|k| k.part == Part::PeerSpace));
        assert!(kind("erasures").is_some_and(|k| k.part == Part::Erasures));
        assert!(kind("goals").is_some_and(|k| k.part == Part::Team));
        assert!(kind("wizards").is_none());
    }

    #[test]
    fn every_collection_can_be_merged_and_checked() {
        // The old hand-written list knew seven collections: a merged peer-space record was always "invalid".
        let name = json!({"id": "n1", "personId": "p", "pseudonym": "Blue fox", "version": 2});
        assert!(is_valid("peerNames", &name));
        assert!(!is_valid("peerNames", &json!({"id": "n1"})));
    }

    #[test]
    fn a_chosen_goal_names_its_own_wording() {
        let goal = json!({
            "id": "g", "pupilId": "p", "revision": 2, "proposedBy": "t", "proposedOn": "2024-03-01",
            "content": {"title": "Read", "why": "", "reviewDate": "2024-06-01"},
            "fingerprint": "0".repeat(64)
        });
        // As pulled, a goal whose fingerprint names other words is not valid …
        assert!((kind("goals").unwrap().normalise)(&goal).is_err());
        // … but as chosen in a merge its fingerprint is made from its words.
        let chosen = chosen("goals", &goal).unwrap();
        let content: domain::GoalContent = serde_json::from_value(chosen["content"].clone()).unwrap();
        assert_eq!(chosen["fingerprint"], json!(domain::fingerprint::fingerprint(&content)));
    }

    #[test]
    fn values_go_in_and_out_of_the_database() {
        let mut db = Db::default();
        let person = json!({"id": "p", "name": "Ida", "role": "pupil", "version": 1});
        let people = kind("people").unwrap();
        let unread = (people.upsert)(&mut db, vec![person.clone(), json!({"id": "q"})]);
        assert_eq!(unread.len(), 1);
        assert_eq!((people.local)(&db, "p").map(|v| v["name"].clone()), Some(json!("Ida")));
        assert_eq!((people.all)(&db).len(), 1);
        (people.remove)(&mut db, "p");
        assert!(db.people.is_empty());
    }
}
