//! The JavaScript around the app cannot read the registry, so it keeps
//! lists of the collections of its own: they must say the same as the
//! registry (one of them had drifted before the registry existed).

use sync_engine::registry::kinds;

/// The quoted names in the array that follows `start` in a file.
fn listed(file: &str, start: &str) -> Vec<String> {
    let path = format!("{}/../{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let from = text.find(start).unwrap_or_else(|| panic!("{file} has no {start}")) + start.len();
    let array = &text[from..from + text[from..].find(']').unwrap_or(0)];
    array.split(['\'', '"']).skip(1).step_by(2).map(str::to_string).collect()
}

fn names() -> Vec<String> {
    kinds().iter().map(|k| k.name.to_string()).collect()
}

#[test]
fn the_test_servers_and_the_store_know_every_collection() {
    let all = names();
    assert_eq!(listed("e2e/json-server.mjs", "export const COLLECTIONS = ["), all);
    assert_eq!(listed("e2e/stored.mjs", "export const STORE_COLLECTIONS = ["), all);
}

#[test]
fn pocketbase_seeds_every_collection() {
    // The team's, the peer space's and the erasure traces: the app shares them all with PocketBase.
    assert_eq!(listed("server/pocketbase/pocketbase.mjs", "export const COLLECTIONS = ["), names());
}
