//! The snapshot half of the embedded store's layout, kept free of IndexedDB
//! so it is tested natively (see `embedded` for how it is used).
//!
//! Each collection's snapshot is split into a few chunks by a hash of the
//! record id, so that folding one new check-in in rewrites ~1/64 of the
//! check-ins, not all of them. A chunk is text: one record's JSON per line,
//! sorted by id. Lines are independent, so one damaged line costs that record
//! only, never the rest of the chunk.

use domain::CheckIn;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The store holding every chunk, under [`chunk_key`].
pub const SNAPSHOT: &str = "snapshot";

/// How many chunks a collection is split into. Loading and erasing read every
/// chunk of a collection whatever its number, but folding writes a record to
/// the chunk its id hashes to: changing a count needs the collection's chunks
/// rewritten (until then loading keeps one of two stale copies).
pub fn buckets(collection: &str) -> u32 {
    match collection {
        "checkins" | "comments" => 64,
        "goals" | "agreements" | "posts" | "helped" => 8,
        _ => 2,
    }
}

/// 32-bit FNV-1a over the id's UTF-8 bytes: stable across versions and platforms.
fn fnv1a(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// The key of the chunk that holds the record with this id.
pub fn chunk_of(collection: &str, id: &str) -> String {
    chunk_key(collection, fnv1a(id) % buckets(collection))
}

pub fn chunk_key(collection: &str, bucket: u32) -> String {
    format!("{collection}#{bucket:02}")
}

/// The collection a chunk key belongs to.
pub fn collection_of(key: &str) -> Option<&str> {
    key.rsplit_once('#').map(|(collection, _)| collection)
}

/// Only the id of a record, read without building the rest.
#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
}

/// The id of a record's JSON text, if it is an object with a string id.
pub fn id_of(text: &str) -> Option<String> {
    serde_json::from_str::<IdOnly>(text).ok().map(|r| r.id.into_owned())
}

/// A record's JSON as one line: our own texts already are; a text with a
/// line break (written by something else) is rewritten compactly.
pub fn as_line(text: &str) -> Option<String> {
    if !text.contains(['\n', '\r']) {
        return Some(text.to_string());
    }
    serde_json::from_str::<serde_json::Value>(text).ok().and_then(|v| serde_json::to_string(&v).ok())
}

/// The records a chunk says it holds, from its first few characters.
pub fn count_hint(head: &str) -> usize {
    head.strip_prefix('#').and_then(|rest| rest.split('\n').next()).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

/// The lines of a chunk that may hold records (not the header, not blank).
fn record_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Parses one record's JSON: serde's derived parser, but for check-ins (see
/// [`parse_checkin`]).
pub type Parse<T> = fn(&str) -> serde_json::Result<T>;

/// The derived parser of a record type.
pub fn parse_derived<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_str(text)
}

/// A check-in's JSON exactly as [`CheckIn`] reads it, with the bookkeeping
/// fields inline: serde's `#[serde(flatten)]` buffers every field of a record
/// before reading it, which made reading 60,000 check-ins ~1.5× slower.
/// Building the [`CheckIn`] names every field, so a field added to it does not
/// compile until it is added here (and `checkin_lines_read_as_derived` checks the rest).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CheckInLine {
    id: domain::Id,
    goal_id: domain::Id,
    pupil_id: domain::Id,
    person_id: domain::Id,
    on: domain::Date,
    #[serde(default)]
    gas: Option<domain::GasLevel>,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    mood: Option<domain::Mood>,
    #[serde(default)]
    visible_to: Option<Vec<domain::Id>>,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    version: u32,
    #[serde(default)]
    updated_at: String,
    #[serde(default)]
    updated_by: domain::Id,
    #[serde(default)]
    deleted: bool,
}

/// Reads a check-in as [`parse_derived`] does, faster.
pub fn parse_checkin(text: &str) -> serde_json::Result<CheckIn> {
    let l: CheckInLine = serde_json::from_str(text)?;
    Ok(CheckIn {
        id: l.id,
        goal_id: l.goal_id,
        pupil_id: l.pupil_id,
        person_id: l.person_id,
        on: l.on,
        gas: l.gas,
        value: l.value,
        note: l.note,
        mood: l.mood,
        visible_to: l.visible_to,
        meta: domain::Meta {
            client_id: l.client_id,
            version: l.version,
            updated_at: l.updated_at,
            updated_by: l.updated_by,
            deleted: l.deleted,
        },
    })
}

/// Gives `push` every line of a chunk (which parses and keeps it); returns
/// the lines skipped, each logged through `warn`.
pub fn parse_chunk(
    text: &str,
    push: &mut dyn FnMut(&str) -> Result<(), String>,
    warn: &mut dyn FnMut(String),
) -> usize {
    let mut skipped = 0;
    for line in record_lines(text) {
        if let Err(error) = push(line) {
            skipped += 1;
            warn(error);
        }
    }
    skipped
}

/// A chunk with `updates` (id → line) folded in and the records `removed`
/// taken out. Lines that cannot be read are kept as they are (loading counts
/// them), unless they mention a removed id: an erasure leaves no trace.
/// Returns the new text, empty when nothing is left.
pub fn merge_chunk(old: &str, updates: &BTreeMap<String, String>, removed: &[&str]) -> String {
    let mut lines: BTreeMap<String, &str> = BTreeMap::new();
    let mut unreadable: Vec<&str> = Vec::new();
    for line in record_lines(old) {
        match id_of(line) {
            Some(id) => {
                if !removed.contains(&id.as_str()) && !updates.contains_key(&id) {
                    lines.insert(id, line);
                }
            }
            None => {
                if !removed.iter().any(|id| line.contains(id)) {
                    unreadable.push(line);
                }
            }
        }
    }
    for (id, line) in updates {
        if !removed.contains(&id.as_str()) {
            lines.insert(id.clone(), line);
        }
    }
    if lines.is_empty() && unreadable.is_empty() {
        return String::new();
    }
    let mut text = String::with_capacity(old.len() + updates.values().map(|l| l.len() + 1).sum::<usize>() + 8);
    text.push_str(&format!("#{}\n", lines.len() + unreadable.len()));
    for line in lines.values().chain(unreadable.iter()) {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// The first 8 bytes of an id, zero-padded, as a number: ordering these
/// agrees with ordering the ids, so most comparisons need no look at the records.
fn prefix(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = id.len().min(8);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Makes one list of what loading read, in place: the chunks' records with
/// the journal's (newer) after them. Sorts by id — the order the
/// one-store-per-record layout loaded in — and keeps one record per id, the
/// last: the journal's copy. Sorts (id prefix, index) pairs, not records (a
/// check-in is ~140 bytes, and comparing through the list is slow), and then
/// moves each record once, so no second list is needed.
pub fn merge_loaded<T>(list: &mut Vec<T>, id: impl Fn(&T) -> &str) {
    const DONE: u32 = u32::MAX;
    let n = list.len();
    let mut order = {
        let ids: Vec<&str> = list.iter().map(&id).collect();
        order_by_id(&ids)
    };
    // Puts the record order[i] at i, cycle by cycle.
    for start in 0..n {
        if order[start] == DONE {
            continue;
        }
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            list.swap(at, from);
            at = from;
        }
    }
    list.dedup_by(|later, earlier| {
        let same = id(later) == id(earlier);
        if same {
            std::mem::swap(later, earlier);
        }
        same
    });
}

/// The indices of `ids` in id order, equal ids in the order they come. Not
/// generic over the record: one copy of the sort serves every kind (each copy
/// of a slice sort is ~3 KB of wasm, and there are twelve kinds).
fn order_by_id(ids: &[&str]) -> Vec<u32> {
    let mut keys: Vec<(u64, u32)> = ids.iter().enumerate().map(|(i, id)| (prefix(id), i as u32)).collect();
    // Index last: equal ids keep their order, as a stable sort would.
    keys.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| ids[a.1 as usize].cmp(ids[b.1 as usize])).then(a.1.cmp(&b.1))
    });
    keys.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct R {
        id: String,
        n: u32,
    }

    fn updates(list: &[(&str, &str)]) -> BTreeMap<String, String> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn chunks_are_stable_and_in_range() {
        // Pinned: bench/lib/common.mjs and existing devices depend on these.
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        // The same as e2e/stored.mjs `chunkOf`, which the bench seeds with.
        assert_eq!(chunk_of("checkins", "c0-0-0"), "checkins#30");
        for i in 0..1000 {
            let key = chunk_of("checkins", &format!("c{i}"));
            assert_eq!(collection_of(&key), Some("checkins"));
            let n: u32 = key.rsplit_once('#').unwrap().1.parse().unwrap();
            assert!(n < 64);
        }
        assert_eq!(chunk_key("people", 1), "people#01");
    }

    #[test]
    fn ids_are_read_from_records_only() {
        assert_eq!(id_of(r#"{"id":"x","n":1}"#).as_deref(), Some("x"));
        assert_eq!(id_of(r#"{"n":1,"id":"a\"b"}"#).as_deref(), Some("a\"b"));
        assert_eq!(id_of(r#"{"id":3}"#), None);
        assert_eq!(id_of("[1,2]"), None);
        assert_eq!(id_of("{broken"), None);
    }

    #[test]
    fn lines_never_hold_line_breaks() {
        assert_eq!(as_line(r#"{"id":"a"}"#).as_deref(), Some(r#"{"id":"a"}"#));
        assert_eq!(as_line("{\n  \"id\": \"a\"\n}").as_deref(), Some(r#"{"id":"a"}"#));
        assert_eq!(as_line("{\n broken"), None);
    }

    #[test]
    fn merging_replaces_adds_removes_and_keeps_order() {
        let old = "{\"id\":\"b\",\"n\":1}\n{\"id\":\"d\",\"n\":1}\n";
        let text = merge_chunk(old, &updates(&[("a", r#"{"id":"a","n":2}"#), ("d", r#"{"id":"d","n":2}"#)]), &["b"]);
        assert_eq!(text, "#2\n{\"id\":\"a\",\"n\":2}\n{\"id\":\"d\",\"n\":2}\n");
        assert_eq!(count_hint(&text[..4]), 2);
        assert_eq!(count_hint("{\"id\""), 0);
        assert_eq!(merge_chunk(&text, &BTreeMap::new(), &["a", "d"]), "");
    }

    #[test]
    fn unreadable_lines_stay_unless_they_name_an_erased_record() {
        let old = "{\"id\":\"p-1\",\"n\":1}\nnot json about p-1\nnot json at all\n";
        let text = merge_chunk(old, &updates(&[("p-3", r#"{"id":"p-3","n":1}"#)]), &[]);
        assert_eq!(
            text,
            "#4\n{\"id\":\"p-1\",\"n\":1}\n{\"id\":\"p-3\",\"n\":1}\nnot json about p-1\nnot json at all\n"
        );
        let text = merge_chunk(&text, &BTreeMap::new(), &["p-1"]);
        assert_eq!(text, "#2\n{\"id\":\"p-3\",\"n\":1}\nnot json at all\n");
    }

    #[test]
    fn a_damaged_line_costs_only_itself() {
        let mut out: Vec<R> = Vec::new();
        let mut warned = Vec::new();
        let text = "#4\n{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":\"x\"}\n{trunc\n\n{\"id\":\"c\",\"n\":3}";
        let mut push = |line: &str| -> Result<(), String> {
            out.push(parse_derived(line).map_err(|e| e.to_string())?);
            Ok(())
        };
        let skipped = parse_chunk(text, &mut push, &mut |w| warned.push(w));
        assert_eq!(skipped, 2);
        assert_eq!(warned.len(), 2);
        assert_eq!(out, vec![R { id: "a".into(), n: 1 }, R { id: "c".into(), n: 3 }]);
    }

    #[test]
    fn checkin_lines_read_as_derived() {
        let mut lines: Vec<String> = domain::demo::demo_data(domain::Date::parse("2026-03-02").unwrap())
            .checkins
            .iter()
            .map(|c| serde_json::to_string(c).unwrap())
            .collect();
        assert!(lines.len() > 10);
        lines.extend(
            [
                r#"{"id":"a","goalId":"g","pupilId":"p","personId":"p","on":"2026-01-02"}"#,
                r#"{"id":"a","goalId":"g","pupilId":"p","personId":"p","on":"2026-01-02","gas":2,"value":3.5,"note":"n","mood":1,"visibleTo":["t"],"clientId":"c","version":4,"updatedAt":"x","updatedBy":"y","deleted":true,"extra":{"z":[1]}}"#,
                r#"{"id":"a","goalId":"g","pupilId":"p","personId":"p","on":"2026-01-02","gas":null,"mood":null,"visibleTo":null}"#,
                r#"{"id":"a","goalId":"g","pupilId":"p","personId":"p","on":"2026-13-02"}"#,
                r#"{"id":"a","goalId":"g","pupilId":"p","personId":"p","on":"2026-01-02","gas":7}"#,
                r#"{"id":"a","goalId":"g","pupilId":"p","on":"2026-01-02"}"#,
                r#"{"id":"a","goalId":"g","pupilId":"p","personId":"p","on":"2026-01-02","version":-1}"#,
                r#"{"id":"a","goalId":"g","pupilId":"p","personId":"p","on":"2026-01-02","clientId":null}"#,
                r#"{"id":1,"goalId":"g","pupilId":"p","personId":"p","on":"2026-01-02"}"#,
                r#"[1,2]"#,
                r#"{"id":"a""#,
            ]
            .map(String::from),
        );
        for line in &lines {
            let derived = parse_derived::<CheckIn>(line).ok();
            assert_eq!(parse_checkin(line).ok(), derived, "{line}");
        }
    }

    #[test]
    fn loading_sorts_by_id_and_the_journal_wins() {
        let r = |id: &str, n| R { id: id.into(), n };
        // Two chunks (sorted runs), then the journal.
        let mut list = vec![r("c", 1), r("x", 1), r("a", 1), r("b", 1), r("y", 1), r("b", 9), r("z", 9)];
        merge_loaded(&mut list, |r| &r.id);
        assert_eq!(list, vec![r("a", 1), r("b", 9), r("c", 1), r("x", 1), r("y", 1), r("z", 9)]);
        let mut list: Vec<R> = (0..500).rev().map(|i| r(&format!("{i:03}"), i)).collect();
        merge_loaded(&mut list, |r| &r.id);
        assert!(list.windows(2).all(|w| w[0].id < w[1].id) && list.len() == 500);
        // Long ids with equal first 8 bytes, shorter ids, and a copy that must win.
        let mut list = vec![r("prefix-0b", 1), r("prefix-0a", 1), r("prefix", 1), r("pre", 1), r("prefix-0a", 2)];
        merge_loaded(&mut list, |r| &r.id);
        assert_eq!(list, vec![r("pre", 1), r("prefix", 1), r("prefix-0a", 2), r("prefix-0b", 1)]);
        let mut empty: Vec<R> = vec![];
        merge_loaded(&mut empty, |r| &r.id);
    }
}
