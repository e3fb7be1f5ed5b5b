//! Erasing a pupil: every record that belongs to them goes, from the device
//! and the backend, tombstones included. Which records those are is decided
//! here, once, so every device and every backend removes the same ones.
//!
//! What stays is an [`Erasure`] record holding only a hash of the pupil's id.
//! Devices that were offline find it on their next sync, purge the pupil's
//! records they still hold, and never send them back (see
//! docs/backend-contract.md).

use crate::date::Date;
use crate::db::Db;
use crate::model::{Id, Meta, Role};
use crate::record::Record;
use serde::{Deserialize, Serialize};

/// The trace an erasure leaves: a hash of the pupil's id, no name, no id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Erasure {
    /// Record id.
    pub id: Id,
    /// [`pupil_hash`] of the erased pupil's id.
    pub pupil_hash: String,
    /// When the pupil was erased.
    pub on: Date,
    /// Synchronisation bookkeeping; `updatedBy` stays empty, so the record
    /// does not say who asked (it may have been the pupil).
    #[serde(flatten)]
    pub meta: Meta,
}

/// Why an erasure is not allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EraseError {
    /// Only pupils are erased this way.
    NotAPupil,
    /// Only the pupil, their parent, or a teacher in their team may ask.
    NotAllowed,
}

/// Who may ask to erase a pupil: the pupil themself, a parent in the pupil's
/// team, or a teacher in the pupil's team. Coaches and others may not: the
/// school and the family answer for the pupil's data.
pub fn may_erase(db: &Db, pupil_id: &str, by: &str) -> Result<(), EraseError> {
    let pupil = db.person(pupil_id).filter(|p| p.role == Role::Pupil).ok_or(EraseError::NotAPupil)?;
    if by == pupil.id {
        return Ok(());
    }
    let role = db.person(by).map(|p| p.role);
    match role {
        Some(Role::Parent | Role::Teacher) if db.is_in_team(pupil_id, by) => Ok(()),
        _ => Err(EraseError::NotAllowed),
    }
}

/// One record to remove: its collection and id.
pub type RecordRef = (&'static str, Id);

fn refs<T: Record>(db: &Db, keep: impl Fn(&T) -> bool) -> Vec<RecordRef> {
    T::all(db).iter().filter(|r| keep(r)).map(|r| (T::COLLECTION, r.id().to_string())).collect()
}

/// Every record that belongs to the pupil, tombstones included, dependants
/// before what they depend on (so a backend that deletes dependants with
/// their parent finds nothing left to cascade):
/// their peer-space marks, reports and the decisions on their posts; their
/// posts and replies, and other pupils' replies to their posts (these would
/// hang in the air, and may quote them); their pseudonym; comments, check-ins
/// and agreements on their goals or by them; their goals, strengths profile,
/// team memberships, and the pupil's own person record.
pub fn records_of_pupil(db: &Db, pupil_id: &str) -> Vec<RecordRef> {
    let goals: Vec<&str> = db.goals.iter().filter(|g| g.pupil_id == pupil_id).map(|g| g.id.as_str()).collect();
    let on_goal = |goal_id: &str| goals.contains(&goal_id);
    let own_posts: Vec<&str> = db.posts.iter().filter(|p| p.person_id == pupil_id).map(|p| p.id.as_str()).collect();
    let posts: Vec<&str> = db
        .posts
        .iter()
        .filter(|p| p.person_id == pupil_id || p.post_id.as_deref().is_some_and(|parent| own_posts.contains(&parent)))
        .map(|p| p.id.as_str())
        .collect();
    let on_post = |post_id: &str| posts.contains(&post_id);

    let mut list = Vec::new();
    list.extend(refs::<crate::peer::Helped>(db, |h| h.person_id == pupil_id || on_post(&h.post_id)));
    list.extend(refs::<crate::peer::Report>(db, |r| r.person_id == pupil_id || on_post(&r.post_id)));
    list.extend(refs::<crate::peer::Moderation>(db, |m| on_post(&m.post_id)));
    // Replies before the posts they answer.
    list.extend(refs::<crate::peer::Post>(db, |p| on_post(&p.id) && p.post_id.is_some()));
    list.extend(refs::<crate::peer::Post>(db, |p| on_post(&p.id) && p.post_id.is_none()));
    list.extend(refs::<crate::peer::PeerName>(db, |n| n.person_id == pupil_id));
    list.extend(refs::<crate::model::Comment>(db, |c| on_goal(&c.goal_id) || c.person_id == pupil_id));
    list.extend(refs::<crate::model::CheckIn>(db, |c| {
        c.pupil_id == pupil_id || on_goal(&c.goal_id) || c.person_id == pupil_id
    }));
    list.extend(refs::<crate::model::Agreement>(db, |a| on_goal(&a.goal_id) || a.person_id == pupil_id));
    list.extend(refs::<crate::model::Goal>(db, |g| g.pupil_id == pupil_id));
    list.extend(refs::<crate::model::Strength>(db, |s| s.pupil_id == pupil_id));
    list.extend(refs::<crate::model::Member>(db, |m| m.pupil_id == pupil_id || m.person_id == pupil_id));
    list.extend(refs::<crate::model::Person>(db, |p| p.id == pupil_id));
    list
}

/// How many records of each collection the list holds, in the order of
/// [`crate::COLLECTIONS`], leaving out collections with none.
pub fn counts(list: &[RecordRef]) -> Vec<(&'static str, usize)> {
    crate::COLLECTIONS
        .iter()
        .map(|c| (*c, list.iter().filter(|(collection, _)| collection == c).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Removes the listed records from the database for good (no tombstones).
pub fn purge(db: &mut Db, list: &[RecordRef]) {
    struct Purge<'a> {
        db: &'a mut Db,
        list: &'a [RecordRef],
    }
    impl crate::record::KindVisitor for Purge<'_> {
        fn visit<T: Record>(&mut self) {
            let list = self.list;
            if list.iter().any(|(c, _)| *c == T::COLLECTION) {
                T::all_mut(self.db).retain(|r| !list.iter().any(|(c, id)| *c == T::COLLECTION && id == r.id()));
            }
        }
    }
    crate::record::each_kind(&mut Purge { db, list });
}

/// The erasure record for a pupil.
pub fn erasure_of(id: Id, pupil_id: &str, on: Date) -> Erasure {
    Erasure { id, pupil_hash: pupil_hash(pupil_id), on, meta: Meta::default() }
}

/// Every pupil id the database still mentions that an erasure record names:
/// records of theirs that arrived from a device that had not heard of the
/// erasure yet. Each is then purged with [`records_of_pupil`].
pub fn erased_pupils_present(db: &Db) -> Vec<Id> {
    let hashes: Vec<&str> = db.erasures.iter().filter(|e| !e.meta.deleted).map(|e| e.pupil_hash.as_str()).collect();
    if hashes.is_empty() {
        return Vec::new();
    }
    let mut ids: Vec<&str> = Vec::new();
    ids.extend(db.people.iter().filter(|p| p.role == Role::Pupil).map(|p| p.id.as_str()));
    ids.extend(db.members.iter().map(|m| m.pupil_id.as_str()));
    ids.extend(db.strengths.iter().map(|s| s.pupil_id.as_str()));
    ids.extend(db.goals.iter().map(|g| g.pupil_id.as_str()));
    ids.extend(db.checkins.iter().map(|c| c.pupil_id.as_str()));
    ids.extend(db.peer_names.iter().map(|n| n.person_id.as_str()));
    ids.extend(db.posts.iter().map(|p| p.person_id.as_str()));
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().filter(|id| hashes.contains(&pupil_hash(id).as_str())).map(str::to_string).collect()
}

/// What an erasure record keeps of the pupil: the SHA-256 of the pupil's id
/// with a fixed prefix, in hex. It recognises the pupil's records on other
/// devices, and names nobody.
pub fn pupil_hash(pupil_id: &str) -> String {
    sha256(format!("samspil-erasure:{pupil_id}").as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 (FIPS 180-4), small and dependency-free; checked against the
/// standard's test vectors in the tests.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut message = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_be_bytes());
    for block in message.chunks(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, value) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 32];
    for (i, word) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}
