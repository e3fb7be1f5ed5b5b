//! Times the teacher overview, a pupil's T-scores and a goal's series on the
//! large data set of the benchmark issue (30 pupils × 10 goals × 200
//! check-ins), natively: `cargo run --release -p domain --example big`.
//!
//! `cargo run --release -p domain --example big -- --json YYYY-MM-DD` prints
//! the same data set instead (one array per collection, as the app stores its
//! records), with check-ins counted back from that day: the benchmark suite
//! (`bench/run`) loads it into the app's IndexedDB.
use domain::*;
use std::io::Write;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--json") {
        let Some(today) = args.get(1).and_then(|a| Date::parse(a)) else {
            eprintln!("usage: big --json YYYY-MM-DD");
            std::process::exit(2);
        };
        let db = big_db(today);
        let text = serde_json::to_string(&db).expect("the data set serialises");
        // A closed pipe is not worth a panic.
        let _ = writeln!(std::io::stdout(), "{text}");
        return;
    }
    let today = Date::new(2026, 11, 26).unwrap();
    let db = big_db(today);
    timings(&db, today);
}

/// The teacher "t" with 30 pupils × 10 active goals × 200 check-ins.
fn big_db(today: Date) -> Db {
    let mut db = Db::default();
    let meta = Meta::default;
    db.people.push(Person {
        id: "t".into(),
        name: "Teacher".into(),
        role: Role::Teacher,
        organisation: String::new(),
        moderator: false,
        meta: meta(),
    });
    for p in 0..30 {
        let pid = format!("p{p}");
        db.people.push(Person {
            id: pid.clone(),
            name: format!("Pupil {p}"),
            role: Role::Pupil,
            organisation: String::new(),
            moderator: false,
            meta: meta(),
        });
        db.members.push(Member {
            id: format!("m{p}"),
            pupil_id: pid.clone(),
            person_id: "t".into(),
            since: today.add_days(-400),
            meta: meta(),
        });
        for g in 0..10 {
            let gid = format!("g{p}-{g}");
            let content = GoalContent {
                title: format!("Goal {g}"),
                why: String::new(),
                gas: Some(GasScale { levels: Default::default(), current: GasLevel::new(-1).unwrap() }),
                measure: None,
                contributions: vec![],
                review_date: today.add_days(30),
                strength_ids: vec![],
                weight: 1.0,
            };
            let fingerprint = domain::fingerprint::fingerprint(&content);
            db.goals.push(Goal {
                id: gid.clone(),
                pupil_id: pid.clone(),
                revision: 1,
                fingerprint: fingerprint.clone(),
                content,
                proposed_by: pid.clone(),
                proposed_on: today.add_days(-300),
                history: vec![],
                ended: None,
                meta: meta(),
            });
            for who in [&pid, "t"] {
                db.agreements.push(Agreement {
                    id: format!("a{gid}{who}"),
                    goal_id: gid.clone(),
                    revision: 1,
                    fingerprint: fingerprint.clone(),
                    person_id: who.to_string(),
                    on: today.add_days(-299),
                    meta: meta(),
                });
            }
            for c in 0..200 {
                db.checkins.push(CheckIn {
                    id: format!("c{gid}-{c}"),
                    goal_id: gid.clone(),
                    pupil_id: pid.clone(),
                    person_id: if c % 2 == 0 { pid.clone() } else { "t".into() },
                    on: today.add_days(-(c as i64)),
                    gas: GasLevel::new((c % 5) as i8 - 2),
                    value: None,
                    note: String::new(),
                    mood: None,
                    visible_to: None,
                    meta: meta(),
                });
            }
        }
    }
    db
}

fn timings(db: &Db, today: Date) {
    let db = db.clone();
    let t = Instant::now();
    let rows = overview::pupil_rows(&db, "t", today);
    println!("pupil_rows: {} rows in {:?}", rows.len(), t.elapsed());
    let t = Instant::now();
    let s = progress::team_scores(&db, "p0");
    println!("team_scores: {:?} in {:?}", s.everyone, t.elapsed());
    let t = Instant::now();
    let g = db.goal("g0-0").unwrap().clone();
    let series = progress::series(&db, &g, progress::Scale::Gas);
    println!("series: {} in {:?}", series.len(), t.elapsed());
    let t = Instant::now();
    let json = serde_json::to_string(&db.checkins).unwrap();
    println!("serialize checkins: {} bytes in {:?}", json.len(), t.elapsed());
}
