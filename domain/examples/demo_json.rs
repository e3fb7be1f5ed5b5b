//! Prints the demo data as a json-server database (one array per
//! collection), for `scripts/serve --json-server`:
//! `cargo run -p domain --example demo_json -- 2026-11-26 > db.json`.
use domain::{Date, COLLECTIONS};
use std::io::Write;

fn main() {
    let today = std::env::args().nth(1).and_then(|arg| Date::parse(&arg));
    let Some(today) = today else {
        eprintln!("usage: demo_json YYYY-MM-DD");
        std::process::exit(2);
    };
    let db = domain::demo::demo_data(today);
    match serde_json::to_string_pretty(&db) {
        Ok(text) => {
            // Every collection must exist for json-server, even when empty.
            debug_assert!(COLLECTIONS.iter().all(|c| text.contains(&format!("\"{c}\""))));
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout(), "{text}");
        }
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
