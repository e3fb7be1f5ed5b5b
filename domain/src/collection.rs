//! One collection of records, with the look-ups by id and by goal kept in an
//! index so that a teacher with 60,000 check-ins does not wait for a scan of
//! all of them on every tap.
//!
//! A [`Collection`] reads and writes like the `Vec` it wraps (it derefs to
//! one), and serialises as that plain list. Any mutable access through the
//! `Vec` drops the index, which is then rebuilt on the next look-up, so the
//! index can never disagree with the records; [`Collection::upsert`] keeps it
//! up to date instead, which is what makes adding one record cheap.
//!
//! # Usage
//! ```
//! use domain::collection::Collection;
//! use domain::CheckIn;
//! let checkin: CheckIn = serde_json::from_str(
//!     r#"{"id": "c1", "goalId": "g1", "pupilId": "p1", "personId": "p1", "on": "2026-11-26", "gas": 0}"#,
//! ).unwrap();
//! let mut checkins: Collection<CheckIn> = Collection::default();
//! checkins.upsert(checkin);
//! assert_eq!(checkins.by_id("c1").map(|c| c.goal_id.as_str()), Some("g1"));
//! assert_eq!(checkins.in_group("g1").count(), 1);
//! ```

use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

/// The records of one kind, in stored order, tombstones included.
#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Collection<T> {
    items: Vec<T>,
    /// Each index is built on its first use, apart from the others: opening the
    /// app with 60,000 check-ins needs none of them before the first paint.
    #[serde(skip)]
    ids: OnceLock<Ids>,
    /// Positions by group (the goal, for check-ins and comments).
    #[serde(skip)]
    groups: OnceLock<HashMap<String, Vec<u32>>>,
    /// Records kept to a few people (see [`Record::is_restricted`]): usually
    /// none, and then nobody's view has to look through all the others.
    #[serde(skip)]
    restricted: OnceLock<Vec<u32>>,
}

/// Positions of records by id.
#[derive(Debug, Default, Clone)]
struct Ids {
    /// A hash of the id, not the id itself: 60,000 copied strings would cost megabytes.
    by_id: HashMap<u64, u32>,
    /// Two ids had the same hash: a look-up that misses must then scan.
    collided: bool,
}

fn hash_of(id: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

impl Ids {
    fn of<T: Record>(items: &[T]) -> Ids {
        let mut ids = Ids::default();
        for (position, item) in items.iter().enumerate() {
            ids.add(item, position as u32, items);
        }
        ids
    }

    fn add<T: Record>(&mut self, item: &T, position: u32, items: &[T]) {
        match self.by_id.entry(hash_of(item.id())) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(position);
            }
            std::collections::hash_map::Entry::Occupied(slot) => {
                // Same hash, or a duplicate id (possible in stored data):
                // the first keeps the slot, others are found by scanning.
                if items.get(*slot.get() as usize).is_none_or(|other| other.id() != item.id()) {
                    self.collided = true;
                }
            }
        }
    }
}

fn add_to_group<T: Record>(groups: &mut HashMap<String, Vec<u32>>, item: &T, position: u32) {
    if let Some(group) = item.group() {
        groups.entry(group.to_string()).or_default().push(position);
    }
}

impl<T: Record> Collection<T> {
    fn ids(&self) -> &Ids {
        self.ids.get_or_init(|| Ids::of(&self.items))
    }

    fn groups(&self) -> &HashMap<String, Vec<u32>> {
        self.groups.get_or_init(|| {
            let mut groups = HashMap::new();
            for (position, item) in self.items.iter().enumerate() {
                add_to_group(&mut groups, item, position as u32);
            }
            groups
        })
    }

    /// Where the record with this id is, tombstone or not.
    fn position(&self, id: &str) -> Option<usize> {
        let ids = self.ids();
        match ids.by_id.get(&hash_of(id)).map(|&p| p as usize) {
            Some(p) if self.items.get(p).is_some_and(|r| r.id() == id) => Some(p),
            _ if ids.collided => self.items.iter().position(|r| r.id() == id),
            _ => None,
        }
    }

    /// The record with this id, tombstone or not.
    pub fn by_id(&self, id: &str) -> Option<&T> {
        self.position(id).and_then(|p| self.items.get(p))
    }

    /// The records of one group (see [`Record::group`]), tombstones
    /// included, in stored order.
    pub fn in_group<'a>(&'a self, group: &str) -> impl Iterator<Item = &'a T> + 'a {
        let positions = self.groups().get(group).map(Vec::as_slice).unwrap_or_default();
        positions.iter().filter_map(|&p| self.items.get(p as usize))
    }

    /// The records kept to a few people (see [`Record::is_restricted`]),
    /// tombstones included, in stored order.
    pub fn restricted(&self) -> impl Iterator<Item = &T> + '_ {
        let restricted = self.restricted.get_or_init(|| {
            self.items.iter().enumerate().filter(|(_, r)| r.is_restricted()).map(|(p, _)| p as u32).collect()
        });
        restricted.iter().filter_map(|&p| self.items.get(p as usize))
    }

    /// Puts a record in, replacing the one with the same id, and keeps the
    /// index without rebuilding it.
    pub fn upsert(&mut self, record: T) {
        match self.position(record.id()) {
            Some(p)
                if self.items[p].group() == record.group()
                    && self.items[p].is_restricted() == record.is_restricted() =>
            {
                self.items[p] = record
            }
            // The group or the audience changed (the group never does in the
            // app, but a record from elsewhere might): rebuild the index.
            Some(p) => {
                self.items[p] = record;
                self.forget();
            }
            None => {
                let position = self.items.len() as u32;
                self.items.push(record);
                let Some(last) = self.items.last() else { return };
                if let Some(ids) = self.ids.get_mut() {
                    ids.add(last, position, &self.items);
                }
                if let Some(groups) = self.groups.get_mut() {
                    add_to_group(groups, last, position);
                }
                if let Some(restricted) = self.restricted.get_mut() {
                    if last.is_restricted() {
                        restricted.push(position);
                    }
                }
            }
        }
    }

    /// The records as a plain list.
    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

impl<T> Collection<T> {
    /// Forgets every index: they are rebuilt when next needed.
    fn forget(&mut self) {
        self.ids = OnceLock::new();
        self.groups = OnceLock::new();
        self.restricted = OnceLock::new();
    }
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl<T: Clone> Clone for Collection<T> {
    fn clone(&self) -> Self {
        // The index is cheap to rebuild when needed and costly to copy.
        self.items.clone().into()
    }
}

impl<T: PartialEq> PartialEq for Collection<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<T: PartialEq> PartialEq<Vec<T>> for Collection<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.items == *other
    }
}

impl<T: PartialEq> PartialEq<Collection<T>> for Vec<T> {
    fn eq(&self, other: &Collection<T>) -> bool {
        *self == other.items
    }
}

impl<T> Deref for Collection<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.items
    }
}

impl<T> DerefMut for Collection<T> {
    /// Whoever changes the list directly may move anything: forget the index.
    fn deref_mut(&mut self) -> &mut Vec<T> {
        self.forget();
        &mut self.items
    }
}

impl<T> From<Vec<T>> for Collection<T> {
    fn from(items: Vec<T>) -> Self {
        Collection { items, ids: OnceLock::new(), groups: OnceLock::new(), restricted: OnceLock::new() }
    }
}

impl<T> FromIterator<T> for Collection<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Vec::from_iter(iter).into()
    }
}

impl<T> IntoIterator for Collection<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Collection<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckIn;

    fn checkin(id: &str, goal: &str, note: &str) -> CheckIn {
        CheckIn {
            id: id.into(),
            goal_id: goal.into(),
            pupil_id: "p".into(),
            person_id: "p".into(),
            on: crate::Date::parse("2026-11-26").unwrap(),
            gas: None,
            value: None,
            note: note.into(),
            mood: None,
            visible_to: None,
            meta: crate::Meta::default(),
        }
    }

    fn notes(list: &Collection<CheckIn>, goal: &str) -> Vec<String> {
        list.in_group(goal).map(|c| c.note.clone()).collect()
    }

    #[test]
    fn upsert_adds_new_records_and_replaces_by_id() {
        let mut list = Collection::default();
        list.upsert(checkin("a", "g1", "one"));
        list.upsert(checkin("b", "g2", "two"));
        list.upsert(checkin("a", "g1", "one, corrected"));
        assert_eq!(list.len(), 2);
        assert_eq!(notes(&list, "g1"), ["one, corrected"]);
        assert_eq!(notes(&list, "g2"), ["two"]);
        assert!(list.by_id("c").is_none());
    }

    #[test]
    fn changing_the_list_directly_never_leaves_a_stale_index() {
        let mut list: Collection<CheckIn> =
            vec![checkin("a", "g1", "one"), checkin("b", "g1", "two"), checkin("c", "g2", "three")].into();
        assert_eq!(notes(&list, "g1"), ["one", "two"]);
        list.retain(|c| c.id != "a");
        assert_eq!(notes(&list, "g1"), ["two"]);
        assert_eq!(list.by_id("c").map(|c| c.note.as_str()), Some("three"));
        list[0].goal_id = "g2".into();
        assert_eq!(notes(&list, "g2"), ["two", "three"]);
        assert!(notes(&list, "g1").is_empty());
    }

    #[test]
    fn a_record_that_moves_to_another_goal_is_found_under_the_new_one_only() {
        let mut list = Collection::default();
        list.upsert(checkin("a", "g1", "one"));
        assert_eq!(notes(&list, "g1"), ["one"]);
        list.upsert(checkin("a", "g2", "moved"));
        assert!(notes(&list, "g1").is_empty());
        assert_eq!(notes(&list, "g2"), ["moved"]);
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn records_kept_to_a_few_are_listed_as_they_come_and_go() {
        let mut list = Collection::default();
        list.upsert(checkin("a", "g1", "shared"));
        assert_eq!(list.restricted().count(), 0);
        let mut private = checkin("b", "g1", "private");
        private.visible_to = Some(vec!["t".into()]);
        list.upsert(private.clone());
        assert_eq!(list.restricted().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["b"]);
        private.visible_to = None;
        list.upsert(private);
        assert_eq!(list.restricted().count(), 0);
        list[0].visible_to = Some(Vec::new());
        assert_eq!(list.restricted().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn duplicate_ids_in_stored_data_are_still_found_and_replaced_once() {
        let mut list: Collection<CheckIn> = vec![checkin("a", "g1", "first"), checkin("a", "g1", "second")].into();
        assert_eq!(list.by_id("a").map(|c| c.note.as_str()), Some("first"));
        list.upsert(checkin("a", "g1", "replaced"));
        assert_eq!(list.iter().map(|c| c.note.as_str()).collect::<Vec<_>>(), ["replaced", "second"]);
    }

    #[test]
    fn serialises_as_the_plain_list() {
        let list: Collection<CheckIn> = vec![checkin("a", "g1", "one")].into();
        let text = serde_json::to_string(&list).unwrap();
        assert!(text.starts_with('['));
        let back: Collection<CheckIn> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, list);
        assert_eq!(notes(&back, "g1"), ["one"]);
    }

    #[test]
    fn the_index_agrees_with_a_scan_after_any_sequence_of_upserts() {
        // Small deterministic mix: new ids, repeated ids, two goals.
        let mut list = Collection::default();
        let mut plain: Vec<CheckIn> = Vec::new();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for step in 0..500 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let id = format!("c{}", x % 97);
            let record = checkin(&id, if x.is_multiple_of(3) { "g1" } else { "g2" }, &step.to_string());
            match plain.iter_mut().find(|r| r.id == record.id) {
                Some(slot) => *slot = record.clone(),
                None => plain.push(record.clone()),
            }
            list.upsert(record);
        }
        assert_eq!(list.as_slice(), plain.as_slice());
        for goal in ["g1", "g2"] {
            let scanned: Vec<String> = plain.iter().filter(|c| c.goal_id == goal).map(|c| c.note.clone()).collect();
            assert_eq!(notes(&list, goal), scanned);
        }
    }
}
