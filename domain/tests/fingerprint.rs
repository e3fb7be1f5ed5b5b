//! The worked example of docs/backend-contract.md, "Fingerprint of a goal's
//! wording": the same content JSON, canonical text and hash, so that an
//! implementation in another language (PocketBase's hooks) can be checked
//! against it.

use domain::fingerprint::{canonical, fingerprint};
use domain::GoalContent;

/// The content as in the contract's example (note the emoji: one character, two UTF-16 units).
const CONTENT: &str = r#"{
  "title": "Læse 10 sider 📚",
  "why": "Så jeg kan følge med",
  "gas": {"levels": ["Ingen sider", "1–4 sider", "5–9 sider", "10 sider", "Mere end 10"], "current": -1},
  "measure": {"name": "sider om ugen", "baseline": 2, "target": 10.5},
  "contributions": [{"personId": "coach-sofie", "text": "Spørger til læsningen"}],
  "reviewDate": "2026-12-01",
  "strengthIds": ["strength-emma-drawing"],
  "weight": 1
}"#;

/// Its canonical text (written in the contract on three lines, without the line breaks).
const CANONICAL: &str = concat!(
    "G1s15:Læse 10 sider 📚s20:Så jeg kan følge med",
    "gs11:Ingen siders9:1–4 siders9:5–9 siders8:10 siders11:Mere end 10nbff0000000000000",
    "ms13:sider om ugenn4000000000000000n4025000000000000",
    "a1:s11:coach-sofies21:Spørger til læsningens10:2026-12-01a1:s21:strength-emma-drawingn3ff0000000000000",
);

const HASH: &str = "4995a0c506b26477dbd04bcb92783a58772f68580ad964a8cc727ec67022b9f1";

#[test]
fn the_worked_example_of_the_contract() {
    let content: GoalContent = serde_json::from_str(CONTENT).unwrap();
    assert_eq!(canonical(&content), CANONICAL);
    assert_eq!(fingerprint(&content), HASH);
}

#[test]
fn absent_lists_and_weight_read_as_their_defaults() {
    // Optional parts left out (as older records do) give the text of their defaults.
    let short: GoalContent =
        serde_json::from_str(r#"{"title": "T", "why": "", "gas": null, "reviewDate": "2026-12-01"}"#).unwrap();
    assert_eq!(canonical(&short), "G1s1:Ts0:zza0:s10:2026-12-01a0:n3ff0000000000000");
}

#[test]
fn the_docs_show_the_same_example() {
    let docs = include_str!("../../docs/backend-contract.md");
    for part in [HASH, "G1s15:Læse 10 sider 📚s20:Så jeg kan følge med"] {
        assert!(docs.contains(part), "docs/backend-contract.md lacks {part}");
    }
}
