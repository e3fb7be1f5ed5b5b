//! What the PocketBase hooks (server/pocketbase/pb_hooks/) must compute, as
//! the Rust rules compute it, so that `e2e/attack-peer.test.mjs` can check
//! the server's answers against them on the same data:
//!
//! - `mirror report DAY [--db DB_JSON]`: the effect report
//!   (`domain::effect`) for DAY, as JSON;
//! - `mirror erasure DAY [--db DB_JSON] PUPIL…`: for each pupil, the records
//!   `domain::erasure::records_of_pupil` lists, as
//!   `{"pupil": [["collection", "id"], …]}`.
//!
//! Of the demo data for DAY, or of the database in DB_JSON (a JSON object
//! with a list per collection, as `demo_json` prints).
use domain::{Date, Db};
use std::collections::BTreeMap;
use std::io::Write;

fn usage() -> ! {
    eprintln!("usage: mirror report|erasure YYYY-MM-DD [--db DB_JSON] [PUPIL…]");
    std::process::exit(2);
}

fn fail(what: &str, error: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {error}");
    std::process::exit(1);
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let Some(today) = args.get(1).and_then(|arg| Date::parse(arg)) else { usage() };
    let db = match args.iter().position(|a| a == "--db") {
        Some(at) if at + 1 < args.len() => {
            let file = args.remove(at + 1);
            args.remove(at);
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| fail(&file, e));
            serde_json::from_str::<Db>(&text).unwrap_or_else(|e| fail(&file, e))
        }
        Some(_) => usage(),
        None => domain::demo::demo_data(today),
    };
    let json = match args[0].as_str() {
        "report" => serde_json::to_string(&domain::effect::effect_report(&db, today)),
        "erasure" => {
            let lists: BTreeMap<&str, Vec<(&str, String)>> =
                args[2..].iter().map(|pupil| (pupil.as_str(), domain::erasure::records_of_pupil(&db, pupil))).collect();
            serde_json::to_string(&lists)
        }
        _ => usage(),
    };
    match json {
        // A closed pipe is not an error worth a panic.
        Ok(text) => drop(writeln!(std::io::stdout(), "{text}")),
        Err(error) => fail("json", error),
    }
}
