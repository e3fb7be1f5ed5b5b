//! What exactly a goal says, as 64 hex characters: the SHA-256 of a
//! canonical text of its [`GoalContent`]. A goal carries the fingerprint of
//! its current wording and an agreement the fingerprint of the wording it was
//! given to, so an agreement never counts for words the person did not see
//! (two devices revising one goal offline both make "revision 2", with
//! different words).
//!
//! The canonical text is made to be written again in any language, including
//! PocketBase's JavaScript hooks (no `TextEncoder`; numbers are doubles):
//! see docs/backend-contract.md, "Fingerprint of a goal's wording", which
//! pins one worked example that a test below checks.
//!
//! Tokens, concatenated with nothing between them:
//! - a text: `s`, its length in Unicode scalar values, `:`, the text;
//! - a number: `n` and the 16 lowercase hex digits of its IEEE-754 double
//!   bits, big-endian, with −0 written as 0;
//! - nothing (an absent or `null` optional): `z`;
//! - a list: `a`, its length, `:`, then its items.
//!
//! The content is `G1` followed by title, why, the GAS scale (`z`, or `g` and
//! the five level texts −2 … +2 and `current`), the measure (`z`, or `m`,
//! name, baseline, target), the contributions (a list of person id and text
//! each), the review date (`YYYY-MM-DD`), the strength ids (a list of texts)
//! and the weight.

use crate::erasure::sha256;
use crate::model::GoalContent;
use std::fmt::Write;

/// The canonical text of a goal's wording (see the module's documentation).
pub fn canonical(content: &GoalContent) -> String {
    let mut out = String::with_capacity(256);
    out.push_str("G1");
    text(&mut out, &content.title);
    text(&mut out, &content.why);
    match &content.gas {
        None => out.push('z'),
        Some(gas) => {
            out.push('g');
            for level in &gas.levels {
                text(&mut out, level);
            }
            number(&mut out, f64::from(gas.current.value()));
        }
    }
    match &content.measure {
        None => out.push('z'),
        Some(measure) => {
            out.push('m');
            text(&mut out, &measure.name);
            number(&mut out, measure.baseline);
            number(&mut out, measure.target);
        }
    }
    list(&mut out, content.contributions.len());
    for contribution in &content.contributions {
        text(&mut out, &contribution.person_id);
        text(&mut out, &contribution.text);
    }
    text(&mut out, &content.review_date.to_string());
    list(&mut out, content.strength_ids.len());
    for id in &content.strength_ids {
        text(&mut out, id);
    }
    number(&mut out, content.weight);
    out
}

fn text(out: &mut String, value: &str) {
    let _ = write!(out, "s{}:{value}", value.chars().count());
}

fn number(out: &mut String, value: f64) {
    // JSON cannot tell 0 from −0 reliably (`-0` may be read as an integer).
    let value = if value == 0.0 { 0.0 } else { value };
    let _ = write!(out, "n{:016x}", value.to_bits());
}

fn list(out: &mut String, len: usize) {
    let _ = write!(out, "a{len}:");
}

/// The fingerprint of a goal's wording: SHA-256 of [`canonical`], 64 lowercase hex characters.
pub fn fingerprint(content: &GoalContent) -> String {
    hex(&sha256(canonical(content).as_bytes()))
}

/// Lowercase hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Whether a text has the form of a fingerprint: 64 lowercase hex characters.
pub fn is_fingerprint(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contribution, GasLevel, GasScale, Measure};
    use crate::Date;

    fn content() -> GoalContent {
        GoalContent {
            title: "Læse 10 sider".into(),
            why: "".into(),
            gas: None,
            measure: None,
            contributions: Vec::new(),
            review_date: Date::parse("2026-12-01").unwrap(),
            strength_ids: Vec::new(),
            weight: 1.0,
        }
    }

    #[test]
    fn lengths_count_characters_not_bytes_and_numbers_are_their_bits() {
        assert_eq!(canonical(&content()), "G1s13:Læse 10 siders0:zza0:s10:2026-12-01a0:n3ff0000000000000");
        let mut zero = content();
        zero.weight = -0.0;
        assert!(canonical(&zero).ends_with("n0000000000000000"), "−0 is written as 0");
    }

    #[test]
    fn every_part_of_the_wording_changes_the_fingerprint() {
        let base = content();
        let mut seen = vec![fingerprint(&base)];
        let mut variants = Vec::new();
        let mut c = base.clone();
        c.title = "Læse 10 side".into();
        variants.push(c);
        let mut c = base.clone();
        c.why = "s0:".into();
        variants.push(c);
        let mut c = base.clone();
        c.gas = Some(GasScale {
            levels: ["a".into(), "b".into(), "c".into(), "d".into(), "e".into()],
            current: GasLevel::new(-1).unwrap(),
        });
        variants.push(c);
        let mut c = base.clone();
        c.measure = Some(Measure { name: "pages".into(), baseline: 0.0, target: 10.0 });
        variants.push(c);
        let mut c = base.clone();
        c.contributions = vec![Contribution { person_id: "p".into(), text: "x".into() }];
        variants.push(c);
        let mut c = base.clone();
        c.review_date = Date::parse("2026-12-02").unwrap();
        variants.push(c);
        let mut c = base.clone();
        c.strength_ids = vec!["s".into()];
        variants.push(c);
        let mut c = base.clone();
        c.weight = 2.0;
        variants.push(c);
        // Text that looks like the next token cannot shift the boundaries.
        let mut c = base.clone();
        c.title = "Læse 10 siders0:".into();
        c.why = String::new();
        variants.push(c);
        for variant in variants {
            let print = fingerprint(&variant);
            assert!(is_fingerprint(&print));
            assert!(!seen.contains(&print), "{variant:?}");
            seen.push(print);
        }
    }

    #[test]
    fn only_64_lowercase_hex_characters_are_a_fingerprint() {
        assert!(is_fingerprint(&"0123456789abcdef".repeat(4)));
        assert!(!is_fingerprint(&"0123456789ABCDEF".repeat(4)));
        assert!(!is_fingerprint(&"0".repeat(63)));
        assert!(!is_fingerprint(""));
        assert!(!is_fingerprint(&"g".repeat(64)));
    }
}
