//! Demo data so a newcomer sees the whole app at once: one school, a
//! football club and a handball club, six pupils with their teams, strengths,
//! goals in every state and about twelve weeks of check-ins.
//!
//! Everything is dated relative to the `today` it is given and is
//! deterministic: the same day always gives the same data. The few random
//! touches (which week someone skipped, a rating one step up or down) come
//! from a small xorshift generator with a fixed seed.
//!
//! Names are Danish; goal texts are in English, written the way a pupil
//! would say them.

use crate::date::Date;
use crate::db::Db;
use crate::model::*;

/// Realistic demo data relative to `today`.
///
/// Teacher Jonas Lund and coach Sofie Berg moderate the peer space, where
/// five pupils have pseudonyms and posts: approved ones with replies and
/// "helped me" marks, one waiting for a moderator, one reported and one hidden.
///
/// Six pupils at Nørrebro Skole, each with a teacher, a coach and for some
/// a parent, and a leader at the municipality who reads the effect report.
/// Emma kept one comment to her teacher and her mum. Among their goals are proposed goals still waiting for some
/// members, active goals, a revised goal waiting for re-agreement, a revised
/// goal everyone agreed to again, an achieved goal and a stopped goal; one
/// active goal has had no check-in for three weeks and two have their review
/// date behind them, so the teacher overview has something to show.
pub fn demo_data(today: Date) -> Db {
    let mut demo = Demo { today, db: Db::default(), rng: Rng(0x5A4D_5350_494C_2024) };
    demo.people();
    demo.emma();
    demo.noah();
    demo.freja();
    demo.oliver();
    demo.yasmin();
    demo.malthe();
    demo.peer_space();
    demo.db
}

/// The school every demo pupil goes to.
pub const DEMO_SCHOOL: &str = "Nørrebro Skole";
/// The demo football club.
pub const DEMO_FOOTBALL_CLUB: &str = "BK Nørrebro (football)";
/// The municipality the demo leader works for.
pub const DEMO_MUNICIPALITY: &str = "Københavns Kommune";
/// The demo handball club.
pub const DEMO_HANDBALL_CLUB: &str = "Nørrebro Håndboldklub (handball)";

/// xorshift64: small, deterministic and good enough for sample data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform in `0.0 .. 1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    /// Uniform in `0 .. n`, from the high bits (xorshift's low bits are weak).
    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }

    /// Uniform in `low ..= high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as usize) as i64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Bookkeeping for a record written by `by` on `on`, never changed since.
fn meta(id: &str, on: Date, by: &str) -> Meta {
    Meta {
        client_id: id.to_string(),
        version: 1,
        updated_at: format!("{on}T12:00:00Z"),
        updated_by: by.to_string(),
        deleted: false,
    }
}

/// The goal id without its "goal-" prefix, for the ids of its parts.
fn slug(goal_id: &str) -> &str {
    goal_id.strip_prefix("goal-").unwrap_or(goal_id)
}

/// A pseudonym in lower case with dashes, for the ids of peer-space records.
fn name_slug(pseudonym: &str) -> String {
    pseudonym.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-")
}

/// Five GAS level descriptions, −2 first, and where the pupil starts.
fn gas(levels: [&str; 5], current: i8) -> Option<GasScale> {
    Some(GasScale {
        levels: levels.map(String::from),
        current: GasLevel::new(current).expect("demo GAS levels are within −2..2"),
    })
}

fn measure(name: &str, baseline: f64, target: f64) -> Option<Measure> {
    Some(Measure { name: name.to_string(), baseline, target })
}

fn contributions(list: &[(&str, &str)]) -> Vec<Contribution> {
    list.iter().map(|(person, text)| Contribution { person_id: person.to_string(), text: text.to_string() }).collect()
}

/// One wording of a goal, proposed by `by` some days before today.
struct Wording {
    by: &'static str,
    days_ago: i64,
    content: GoalContent,
}

/// Someone who checks in on a goal every so often.
#[derive(Clone, Copy)]
struct Rater {
    person: &'static str,
    /// Days between check-ins, give or take one.
    every: i64,
    /// Chance of letting a check-in slip.
    skip: f64,
    /// How much higher (or lower) than the trend this person tends to rate.
    bias: f64,
    /// Whether this person counts the goal's measure, or only rates GAS.
    counts: bool,
}

const fn rater(person: &'static str, every: i64, skip: f64, bias: f64, counts: bool) -> Rater {
    Rater { person, every, skip, bias, counts }
}

/// How a goal went between two days: GAS level and measured value move
/// from their first to their last value.
struct Trend {
    goal: &'static str,
    from_days_ago: i64,
    to_days_ago: i64,
    gas: Option<(f64, f64)>,
    value: Option<(f64, f64)>,
}

const PUPIL_NOTES: [&str; 9] = [
    "It went better this week.",
    "Hard week, but I kept trying.",
    "I was proud of myself today!",
    "I forgot on Wednesday, but did it the other days.",
    "It is getting easier.",
    "I was tired this week.",
    "My friend helped me.",
    "Good week!",
    "I did it without anyone telling me.",
];
const TEACHER_NOTES: [&str; 6] = [
    "Good effort in class this week.",
    "Needed one reminder, then did it alone.",
    "Clear progress since last month.",
    "A quieter week, but steady.",
    "Showed it without being asked.",
    "A tough Monday, a great Thursday.",
];
const COACH_NOTES: [&str; 5] = [
    "Showed it at training on Tuesday.",
    "Strong effort in Saturday's match.",
    "A bit tired at training this week.",
    "The team noticed it too.",
    "Good focus in the warm-up.",
];
const PARENT_NOTES: [&str; 4] = [
    "We practised together at home.",
    "Busy week with family visits.",
    "Talked about it at dinner, in a good mood.",
    "Did it without reminders twice this week.",
];

struct Demo {
    today: Date,
    db: Db,
    rng: Rng,
}

impl Demo {
    fn ago(&self, days: i64) -> Date {
        self.today.add_days(-days)
    }

    fn role_of(&self, person: &str) -> Role {
        self.db.people.iter().find(|p| p.id == person).map(|p| p.role).unwrap_or(Role::Other)
    }

    fn person(&mut self, id: &str, name: &str, role: Role, organisation: &str, days_ago: i64) {
        let on = self.ago(days_ago);
        self.db.people.push(Person {
            id: id.to_string(),
            name: name.to_string(),
            role,
            organisation: organisation.to_string(),
            moderator: false,
            meta: meta(id, on, id),
        });
    }

    /// `person` joins `pupil`'s team; the teacher who set the team up writes it.
    fn member(&mut self, pupil: &str, person: &str, days_ago: i64, by: &str) {
        let since = self.ago(days_ago);
        let id = format!("member-{}-{person}", pupil.trim_start_matches("pupil-"));
        self.db.members.push(Member {
            id: id.clone(),
            pupil_id: pupil.to_string(),
            person_id: person.to_string(),
            since,
            meta: meta(&id, since, by),
        });
    }

    /// An entry in `pupil`'s strengths profile. The pupil's own entries are
    /// confirmed; an adult's only when `confirmed` says the pupil agreed.
    #[allow(clippy::too_many_arguments)]
    fn strength(
        &mut self,
        pupil: &str,
        key: &str,
        kind: StrengthKind,
        text: &str,
        circle: Option<Circle>,
        added_by: &str,
        confirmed: bool,
        days_ago: i64,
    ) {
        let id = format!("strength-{}-{key}", pupil.trim_start_matches("pupil-"));
        let on = self.ago(days_ago);
        self.db.strengths.push(Strength {
            id: id.clone(),
            pupil_id: pupil.to_string(),
            kind,
            text: text.to_string(),
            circle,
            added_by: added_by.to_string(),
            confirmed: confirmed || added_by == pupil,
            meta: meta(&id, on, added_by),
        });
    }

    /// A goal with its wordings, oldest first; the last is the current one.
    fn goal(&mut self, id: &str, pupil: &str, mut wordings: Vec<Wording>, ended: Option<(Outcome, &str, &str, i64)>) {
        let current = wordings.pop().expect("a goal has at least one wording");
        let history: Vec<GoalRevision> = wordings
            .into_iter()
            .enumerate()
            .map(|(i, w)| GoalRevision {
                revision: i as u32 + 1,
                content: w.content,
                proposed_by: w.by.to_string(),
                proposed_on: self.ago(w.days_ago),
            })
            .collect();
        let ended = ended.map(|(outcome, reason, by, days_ago)| Ending {
            outcome,
            reason: reason.to_string(),
            by: by.to_string(),
            on: self.ago(days_ago),
        });
        let proposed_on = self.ago(current.days_ago);
        let meta = match &ended {
            Some(ending) => meta(id, ending.on, &ending.by),
            None => meta(id, proposed_on, current.by),
        };
        self.db.goals.push(Goal {
            id: id.to_string(),
            pupil_id: pupil.to_string(),
            revision: history.len() as u32 + 1,
            fingerprint: crate::fingerprint::fingerprint(&current.content),
            content: current.content,
            proposed_by: current.by.to_string(),
            proposed_on,
            history,
            ended,
            meta,
        });
    }

    /// Agreements to one revision of a goal (added before): (person, days ago).
    fn agree(&mut self, goal: &str, revision: u32, who: &[(&str, i64)]) {
        let wording = self.db.goals.iter().find(|g| g.id == goal).and_then(|g| {
            if g.revision == revision {
                Some(g.fingerprint.clone())
            } else {
                g.history.iter().find(|r| r.revision == revision).map(|r| crate::fingerprint::fingerprint(&r.content))
            }
        });
        let fingerprint = wording.unwrap_or_default();
        for &(person, days_ago) in who {
            let id = format!("agreement-{}-r{revision}-{person}", slug(goal));
            let on = self.ago(days_ago);
            self.db.agreements.push(Agreement {
                id: id.clone(),
                goal_id: goal.to_string(),
                revision,
                fingerprint: fingerprint.clone(),
                person_id: person.to_string(),
                on,
                meta: meta(&id, on, person),
            });
        }
    }

    fn comment(&mut self, goal: &str, person: &str, days_ago: i64, text: &str, encouragement: bool) {
        let n = self.db.comments.iter().filter(|c| c.goal_id == goal).count() + 1;
        let id = format!("comment-{}-{n}", slug(goal));
        let on = self.ago(days_ago);
        self.db.comments.push(Comment {
            id: id.clone(),
            goal_id: goal.to_string(),
            person_id: person.to_string(),
            on,
            text: text.to_string(),
            encouragement,
            visible_to: None,
            meta: meta(&id, on, person),
        });
    }

    /// Weekly-ish check-ins along a trend. The first rater is the pupil, who
    /// never lets the last fortnight slip. Teachers check in on school days.
    /// `last_notes` puts a note on a person's latest check-in in the trend.
    fn check_ins(&mut self, trend: Trend, raters: &[Rater], last_notes: &[(&str, &str)]) {
        let pupil =
            self.db.goals.iter().find(|g| g.id == trend.goal).expect("goal before its check-ins").pupil_id.clone();
        let span = (trend.from_days_ago - trend.to_days_ago).max(1) as f64;
        let mut made: Vec<CheckIn> = Vec::new();
        for (index, r) in raters.iter().enumerate() {
            let role = self.role_of(r.person);
            let counts = trend.value.is_some() && r.counts;
            if trend.gas.is_none() && !counts {
                continue;
            }
            let mut days_ago = trend.from_days_ago - self.rng.between(0, 3);
            let mut latest: Option<usize> = None;
            while days_ago >= trend.to_days_ago {
                let mut day_ago = days_ago;
                days_ago -= r.every + self.rng.between(-1, 1);
                if role == Role::Teacher {
                    // Saturday or Sunday: the teacher notes it on Monday.
                    let weekday = self.ago(day_ago).weekday();
                    if weekday >= 5 {
                        day_ago -= 7 - i64::from(weekday);
                    }
                    if day_ago < trend.to_days_ago {
                        break;
                    }
                }
                let late = day_ago - trend.to_days_ago < 14;
                let skipped = self.rng.chance(r.skip);
                if skipped && !(index == 0 && late) {
                    continue;
                }
                let f = (trend.from_days_ago - day_ago) as f64 / span;
                let gas = trend.gas.map(|(start, end)| {
                    let level = start + (end - start) * f + r.bias + (self.rng.unit() - 0.5) * 0.9;
                    GasLevel::new(level.round().clamp(-2.0, 2.0) as i8).expect("clamped")
                });
                let value = trend.value.filter(|_| counts).map(|(start, end)| {
                    let spread = ((end - start).abs() * 0.15).max(0.5);
                    let v = start + (end - start) * f + (self.rng.unit() - 0.5) * 2.0 * spread;
                    // Nothing is counted below zero (and never as −0).
                    if v < 0.5 {
                        0.0
                    } else {
                        v.round()
                    }
                });
                let mood = if role == Role::Pupil {
                    self.rng.chance(0.8).then(|| 3.0 + 1.5 * f + (self.rng.unit() - 0.5) * 2.0)
                } else {
                    self.rng.chance(0.15).then(|| 3.5 + self.rng.unit() * 1.5)
                }
                .and_then(|m| Mood::new(m.round().clamp(1.0, 5.0) as u8));
                let note = if self.rng.chance(0.3) {
                    let pool: &[&str] = match role {
                        Role::Pupil => &PUPIL_NOTES,
                        Role::Teacher => &TEACHER_NOTES,
                        Role::Coach => &COACH_NOTES,
                        _ => &PARENT_NOTES,
                    };
                    self.rng.pick(pool).to_string()
                } else {
                    String::new()
                };
                let on = self.ago(day_ago);
                made.push(CheckIn {
                    id: String::new(),
                    goal_id: trend.goal.to_string(),
                    pupil_id: pupil.clone(),
                    person_id: r.person.to_string(),
                    on,
                    gas,
                    value,
                    note,
                    mood,
                    visible_to: None,
                    meta: Meta::default(),
                });
                if latest.is_none_or(|i| made[i].on < on) {
                    latest = Some(made.len() - 1);
                }
            }
            if let Some(i) = latest {
                if let Some((_, note)) = last_notes.iter().find(|(who, _)| *who == r.person) {
                    made[i].note = note.to_string();
                }
            }
        }
        made.sort_by(|a, b| a.on.cmp(&b.on).then_with(|| a.person_id.cmp(&b.person_id)));
        let first = self.db.checkins.iter().filter(|c| c.goal_id == trend.goal).count();
        for (n, mut checkin) in made.into_iter().enumerate() {
            checkin.id = format!("checkin-{}-{:03}", slug(trend.goal), first + n + 1);
            checkin.meta = meta(&checkin.id, checkin.on, &checkin.person_id);
            self.db.checkins.push(checkin);
        }
    }

    fn people(&mut self) {
        for (id, name) in [
            ("pupil-emma", "Emma"),
            ("pupil-noah", "Noah"),
            ("pupil-freja", "Freja"),
            ("pupil-oliver", "Oliver"),
            ("pupil-yasmin", "Yasmin"),
            ("pupil-malthe", "Malthe"),
        ] {
            self.person(id, name, Role::Pupil, DEMO_SCHOOL, 130);
        }
        self.person("teacher-mette", "Mette Hansen", Role::Teacher, DEMO_SCHOOL, 130);
        self.person("teacher-jonas", "Jonas Lund", Role::Teacher, DEMO_SCHOOL, 130);
        self.person("coach-ali", "Ali Hassan", Role::Coach, DEMO_FOOTBALL_CLUB, 125);
        self.person("coach-sofie", "Sofie Berg", Role::Coach, DEMO_HANDBALL_CLUB, 125);
        self.person("parent-karin", "Karin Nielsen", Role::Parent, "Emma's family", 120);
        self.person("parent-thomas", "Thomas Jensen", Role::Parent, "Noah's family", 120);
        self.person("parent-fatima", "Fatima Haddad", Role::Parent, "Yasmin's family", 120);
        self.person("parent-lars", "Lars Madsen", Role::Parent, "Malthe's family", 10);
        // Reads the effect report; in no team.
        self.person("leader-lone", "Lone Larsen", Role::Leader, DEMO_MUNICIPALITY, 130);

        for (pupil, teacher, coach, parent) in [
            ("pupil-emma", "teacher-mette", "coach-sofie", Some(("parent-karin", 120))),
            ("pupil-noah", "teacher-mette", "coach-ali", Some(("parent-thomas", 120))),
            ("pupil-freja", "teacher-mette", "coach-ali", None),
            ("pupil-oliver", "teacher-jonas", "coach-ali", None),
            ("pupil-yasmin", "teacher-jonas", "coach-sofie", Some(("parent-fatima", 118))),
            // Malthe's dad joined only recently, after some goals were agreed.
            ("pupil-malthe", "teacher-jonas", "coach-sofie", Some(("parent-lars", 10))),
        ] {
            self.member(pupil, teacher, 130, teacher);
            self.member(pupil, coach, 125, teacher);
            if let Some((parent, days_ago)) = parent {
                self.member(pupil, parent, days_ago, teacher);
            }
        }
    }

    fn emma(&mut self) {
        use StrengthKind::*;
        let p = "pupil-emma";
        self.strength(p, "handball", GoodAt, "Handball: I am a fast wing player", None, p, true, 120);
        self.strength(p, "drawing", GoodAt, "Drawing comics", None, p, true, 120);
        self.strength(p, "animals", Enjoys, "Stories about animals, especially horses", None, p, true, 120);
        self.strength(p, "mum", Supporter, "Mum, who reads with me at bedtime", Some(Circle::Family), p, true, 119);
        self.strength(p, "ida", Supporter, "Ida from my handball team", Some(Circle::Club), p, true, 119);
        self.strength(
            p,
            "librarian",
            Supporter,
            "The school librarian, who finds books I like",
            Some(Circle::School),
            "teacher-mette",
            true,
            110,
        );
        self.strength(p, "helping", GoodAt, "Helping the younger players at training", None, "coach-sofie", false, 20);

        let reading = "goal-emma-reading";
        let first = GoalContent {
            title: "I read a little every day".into(),
            why: "Reading gets easier with practice, and I want to read the handball news and horse books myself."
                .into(),
            gas: gas(
                [
                    "I don't read at all in a week.",
                    "I read a few pages, but only when the teacher tells me to.",
                    "I read a little on most days, about 6 pages a week.",
                    "I read almost every day, about 8 pages a week.",
                    "I read every day and choose books myself, 10 pages or more a week.",
                ],
                -1,
            ),
            measure: measure("pages read per week", 2.0, 10.0),
            contributions: contributions(&[
                (p, "I read in bed for 10 minutes before I sleep."),
                ("teacher-mette", "I help Emma find books about horses and animals in the school library."),
                ("coach-sofie", "I ask Emma about her book after Thursday training."),
                ("parent-karin", "I read together with Emma three evenings a week."),
            ]),
            review_date: self.ago(28),
            strength_ids: vec!["strength-emma-animals".into(), "strength-emma-mum".into()],
            weight: 1.0,
        };
        let second = GoalContent {
            title: "I read 15 minutes every day, also at weekends".into(),
            why: "I read almost every day now. Next step: reading for longer and finishing whole books.".into(),
            gas: gas(
                [
                    "I stop reading at home.",
                    "I read on school days only.",
                    "I read 15 minutes on most days, also at weekends.",
                    "I read 15 minutes every day.",
                    "I read every day and tell someone what my book is about.",
                ],
                0,
            ),
            measure: measure("pages read per week", 8.0, 15.0),
            contributions: contributions(&[
                (p, "I read in bed for 15 minutes, also on Saturdays and Sundays."),
                ("teacher-mette", "I give Emma a reading diary and look at it with her on Fridays."),
                ("coach-sofie", "I ask Emma about her book after Thursday training."),
                ("parent-karin", "We visit the public library every second Saturday."),
            ]),
            review_date: self.ago(5).add_days(63),
            strength_ids: vec![
                "strength-emma-animals".into(),
                "strength-emma-mum".into(),
                "strength-emma-librarian".into(),
            ],
            weight: 1.0,
        };
        self.goal(
            reading,
            p,
            vec![
                Wording { by: "teacher-mette", days_ago: 84, content: first },
                Wording { by: "teacher-mette", days_ago: 5, content: second },
            ],
            None,
        );
        self.agree(reading, 1, &[("teacher-mette", 84), (p, 84), ("parent-karin", 82), ("coach-sofie", 80)]);
        // Revision 2 waits for the coach and the parent.
        self.agree(reading, 2, &[("teacher-mette", 5), (p, 4)]);
        self.check_ins(
            Trend { goal: reading, from_days_ago: 79, to_days_ago: 6, gas: Some((-1.0, 1.2)), value: Some((2.0, 9.0)) },
            &[
                rater(p, 7, 0.1, 0.0, true),
                rater("teacher-mette", 7, 0.2, -0.2, true),
                rater("coach-sofie", 10, 0.3, 0.0, false),
                rater("parent-karin", 14, 0.3, 0.2, true),
            ],
            &[(p, "I finished my first whole book! It was about a horse called Storm.")],
        );
        self.comment(
            reading,
            "parent-karin",
            40,
            "So proud of you, Emma! You read to your little brother yesterday.",
            true,
        );
        self.comment(reading, "coach-sofie", 30, "Ida told me you lent her your horse book. Great!", true);
        self.comment(
            reading,
            "teacher-mette",
            5,
            "At the review we agreed to aim a bit higher. Sofie and Karin, please look at the new wording.",
            false,
        );

        let calm = "goal-emma-calm";
        let content = GoalContent {
            title: "I stay calm and keep playing when I miss a shot".into(),
            why: "When I get angry after a miss, I play worse and it is less fun.".into(),
            gas: gas(
                [
                    "I leave the court or stop playing when I miss.",
                    "I get angry and it takes a long time before I play well again.",
                    "I get a little angry, but I keep playing.",
                    "I take a deep breath and keep playing right away.",
                    "I keep playing and cheer on my team after I miss.",
                ],
                -1,
            ),
            measure: None,
            contributions: contributions(&[
                (p, "I take one deep breath after a miss."),
                ("coach-sofie", "I give Emma a thumbs-up after a miss, so she knows it is okay."),
                ("teacher-mette", "We practise the deep breath in PE lessons too."),
                ("parent-karin", "On the way home we talk about one thing that went well in the match."),
            ]),
            review_date: self.ago(70).add_days(84),
            strength_ids: vec!["strength-emma-handball".into(), "strength-emma-ida".into()],
            weight: 1.0,
        };
        self.goal(calm, p, vec![Wording { by: "coach-sofie", days_ago: 70, content }], None);
        self.agree(calm, 1, &[("coach-sofie", 70), (p, 70), ("parent-karin", 68), ("teacher-mette", 66)]);
        self.check_ins(
            Trend { goal: calm, from_days_ago: 65, to_days_ago: 2, gas: Some((-1.0, 1.0)), value: None },
            &[
                rater(p, 7, 0.15, 0.2, false),
                rater("coach-sofie", 7, 0.1, 0.0, false),
                rater("parent-karin", 14, 0.3, 0.0, false),
                rater("teacher-mette", 14, 0.3, -0.2, false),
            ],
            &[("coach-sofie", "Missed two shots in the match and cheered on Ida right after. Super!")],
        );
        self.comment(calm, "teacher-mette", 20, "I saw you cheer on your team after a miss in PE. Well done!", true);
        // Emma keeps one comment to her teacher and her mum.
        self.comment(calm, p, 6, "I was nervous before the match. Only Mette and Mum need to know.", false);
        if let Some(last) = self.db.comments.last_mut() {
            last.visible_to = Some(vec!["teacher-mette".into(), "parent-karin".into()]);
        }
    }

    fn noah(&mut self) {
        use StrengthKind::*;
        let p = "pupil-noah";
        self.strength(p, "dribbling", GoodAt, "Football: I can dribble past two players", None, p, true, 118);
        self.strength(p, "minecraft", Enjoys, "Minecraft and building things", None, p, true, 118);
        self.strength(p, "goalkeeper", Enjoys, "Being goalkeeper in training games", None, "coach-ali", true, 100);
        self.strength(p, "dad", Supporter, "Dad, who drives me to every match", Some(Circle::Family), p, true, 118);
        self.strength(p, "mikkel", Supporter, "Mikkel, my best friend in class", Some(Circle::Friends), p, true, 117);
        self.strength(p, "money", GoodAt, "Mental maths with money", None, "teacher-mette", false, 15);

        let hand = "goal-noah-hand-up";
        let content = GoalContent {
            title: "I put up my hand in maths".into(),
            why: "I often know the answer but don't say it. I want my teacher to hear my ideas.".into(),
            gas: gas(
                [
                    "I never put up my hand in maths.",
                    "I put up my hand once in a while, when I am very sure.",
                    "I put up my hand in most maths lessons.",
                    "I put up my hand in every maths lesson.",
                    "I put up my hand several times, also when I am not sure.",
                ],
                -2,
            ),
            measure: measure("times I put up my hand in a maths lesson", 0.0, 3.0),
            contributions: contributions(&[
                (p, "I put up my hand at least once in every maths lesson."),
                ("teacher-mette", "I give Noah a quiet thumbs-up when he puts up his hand, and time to think."),
                ("coach-ali", "At training I ask Noah to explain the exercise to the team."),
                ("parent-thomas", "We play maths games with money at home."),
            ]),
            review_date: self.ago(7),
            strength_ids: vec!["strength-noah-dribbling".into(), "strength-noah-dad".into()],
            weight: 2.0,
        };
        self.goal(hand, p, vec![Wording { by: "teacher-mette", days_ago: 77, content }], None);
        self.agree(hand, 1, &[("teacher-mette", 77), (p, 76), ("parent-thomas", 75), ("coach-ali", 73)]);
        self.check_ins(
            Trend { goal: hand, from_days_ago: 72, to_days_ago: 3, gas: Some((-2.0, 0.8)), value: Some((0.0, 2.5)) },
            &[
                rater(p, 7, 0.15, 0.0, true),
                rater("teacher-mette", 7, 0.15, 0.0, true),
                rater("coach-ali", 14, 0.2, 0.3, false),
                rater("parent-thomas", 21, 0.2, 0.2, false),
            ],
            &[("teacher-mette", "Noah answered a hard question in front of the class and explained it well.")],
        );
        self.comment(hand, "parent-thomas", 50, "Noah says the thumbs-up really helps him.", false);
        self.comment(hand, "coach-ali", 35, "You explained the passing drill to the whole team. Strong!", true);

        let bag = "goal-noah-homework";
        let content = GoalContent {
            title: "I bring my homework bag to school every day".into(),
            why: "When I forget my bag, I can't show my homework and I feel bad all morning.".into(),
            gas: gas(
                [
                    "I forget my bag on most days.",
                    "I remember my bag on some days.",
                    "I remember my bag on most days.",
                    "I remember my bag every day of the week.",
                    "I pack my bag myself the evening before, every day.",
                ],
                -1,
            ),
            measure: None,
            contributions: contributions(&[
                (p, "I pack my bag right after dinner."),
                ("parent-thomas", "I put a note on the front door as a reminder."),
            ]),
            review_date: self.ago(3).add_days(42),
            strength_ids: Vec::new(),
            weight: 1.0,
        };
        // Noah's own idea; his teacher and coach have not agreed yet.
        self.goal(bag, p, vec![Wording { by: p, days_ago: 3, content }], None);
        self.agree(bag, 1, &[(p, 3), ("parent-thomas", 2)]);
    }

    fn freja(&mut self) {
        use StrengthKind::*;
        let p = "pupil-freja";
        self.strength(p, "running", GoodAt, "Running fast: I won the school run", None, p, true, 115);
        self.strength(p, "choir", Enjoys, "Singing in the school choir", None, p, true, 115);
        self.strength(p, "friend", GoodAt, "Being a good friend to new classmates", None, "teacher-mette", true, 112);
        self.strength(
            p,
            "grandma",
            Supporter,
            "Grandma Inge, who helps with homework on Tuesdays",
            Some(Circle::Family),
            p,
            true,
            115,
        );
        self.strength(p, "ali", Supporter, "Coach Ali", Some(Circle::Club), p, true, 114);
        self.strength(p, "stories", Enjoys, "Making up stories", None, "teacher-mette", false, 14);

        let help = "goal-freja-ask-for-help";
        let content = GoalContent {
            title: "I ask for help when I am stuck".into(),
            why: "I sit and wait for a long time when I don't understand, and then I get sad.".into(),
            gas: gas(
                [
                    "I sit and wait and don't ask anyone.",
                    "I ask for help only when the teacher comes to me.",
                    "I ask a classmate or the teacher when I am stuck.",
                    "I ask for help quickly, before I am stuck for long.",
                    "I ask for help, and I help others when I can.",
                ],
                -1,
            ),
            measure: None,
            contributions: contributions(&[
                (p, "I put my red card on the desk when I am stuck."),
                ("teacher-mette", "I come to Freja's desk within two minutes when I see the red card."),
                ("coach-ali", "At training I remind Freja that asking is part of learning."),
            ]),
            review_date: self.ago(98).add_days(56),
            strength_ids: vec!["strength-freja-grandma".into(), "strength-freja-ali".into()],
            weight: 1.0,
        };
        self.goal(
            help,
            p,
            vec![Wording { by: "teacher-mette", days_ago: 98, content }],
            Some((
                Outcome::Achieved,
                "Freja now asks for help by herself in every lesson, and she even helps her table partner. \
                 We celebrated with the whole team!",
                "teacher-mette",
                14,
            )),
        );
        self.agree(help, 1, &[("teacher-mette", 98), (p, 98), ("coach-ali", 95)]);
        self.check_ins(
            Trend { goal: help, from_days_ago: 94, to_days_ago: 16, gas: Some((-1.0, 1.8)), value: None },
            &[
                rater(p, 7, 0.1, 0.0, false),
                rater("teacher-mette", 7, 0.15, 0.0, false),
                rater("coach-ali", 10, 0.25, 0.2, false),
            ],
            &[(p, "I helped Asta with her maths today!")],
        );
        self.comment(help, "coach-ali", 14, "Fantastic, Freja! On to the next goal.", true);

        let spelling = "goal-freja-spelling";
        let content = GoalContent {
            title: "I check my spelling before I hand in".into(),
            why: "My stories are good, but the mistakes make them hard to read.".into(),
            gas: gas(
                [
                    "I hand in without reading my text.",
                    "I read my text but don't find my mistakes.",
                    "I read my text once and correct some mistakes.",
                    "I read my text and correct most mistakes.",
                    "I read my text twice and use the spell checker.",
                ],
                -1,
            ),
            measure: measure("spelling mistakes per page", 8.0, 3.0),
            contributions: contributions(&[
                (p, "I read my text aloud to myself before I hand it in."),
                ("teacher-mette", "I show Freja how to use the spell checker."),
            ]),
            review_date: self.ago(13).add_days(56),
            strength_ids: vec!["strength-freja-grandma".into()],
            weight: 1.0,
        };
        self.goal(spelling, p, vec![Wording { by: p, days_ago: 13, content }], None);
        self.agree(spelling, 1, &[(p, 13), ("teacher-mette", 12), ("coach-ali", 10)]);
        self.check_ins(
            Trend {
                goal: spelling,
                from_days_ago: 9,
                to_days_ago: 1,
                gas: Some((-1.0, -0.2)),
                value: Some((8.0, 6.0)),
            },
            &[rater(p, 7, 0.0, 0.0, true), rater("teacher-mette", 7, 0.0, 0.0, true)],
            &[],
        );
    }

    fn oliver(&mut self) {
        use StrengthKind::*;
        let p = "pupil-oliver";
        self.strength(p, "defender", GoodAt, "Football: I am a strong defender", None, p, true, 115);
        self.strength(p, "bikes", GoodAt, "Fixing bikes", None, p, true, 115);
        self.strength(p, "lego", Enjoys, "Lego Technic", None, p, true, 115);
        self.strength(p, "anton", Supporter, "My big brother Anton", Some(Circle::Family), p, true, 114);
        self.strength(p, "after-school", Supporter, "Kim at the after-school club", Some(Circle::Other), p, true, 114);
        self.strength(p, "cheering", GoodAt, "Cheering on teammates when we are behind", None, "coach-ali", false, 25);

        let calm = "goal-oliver-calm";
        let first = GoalContent {
            title: "I stay calm at training".into(),
            why: "When I shout at others, training stops and I have to sit out.".into(),
            gas: gas(
                [
                    "I shout at others and have to leave training.",
                    "I shout at others when I get angry.",
                    "I walk away for a moment when I get angry.",
                    "I tell the coach when I get angry, and we talk about it.",
                    "I stay calm and help others calm down.",
                ],
                -1,
            ),
            measure: None,
            contributions: contributions(&[
                (p, "When I get angry I walk to the goal post and count to ten."),
                ("coach-ali", "I give Oliver a sign when I see he is getting angry."),
                ("teacher-jonas", "I ask Oliver on Mondays how training went."),
            ]),
            review_date: self.ago(84).add_days(42),
            strength_ids: vec!["strength-oliver-defender".into()],
            weight: 1.0,
        };
        let second = GoalContent {
            title: "I take a break instead of shouting, at school and at training".into(),
            why: "Taking a break works at training. Now I want it to work in the classroom too.".into(),
            gas: gas(
                [
                    "I often shout at others, at school and at training.",
                    "I shout sometimes, but I say sorry afterwards.",
                    "I take a short break when I get angry, at least at training.",
                    "I take a short break when I get angry, at school and at training.",
                    "I notice early that I am getting angry and take a break before it gets bad.",
                ],
                0,
            ),
            measure: None,
            contributions: contributions(&[
                (p, "I use the break corner in class and the goal post at training."),
                (
                    "teacher-jonas",
                    "Oliver may go to the break corner without asking; I check on him after five minutes.",
                ),
                ("coach-ali", "I keep giving the sign at training."),
            ]),
            review_date: self.ago(40).add_days(42),
            strength_ids: vec!["strength-oliver-defender".into(), "strength-oliver-anton".into()],
            weight: 1.0,
        };
        self.goal(
            calm,
            p,
            vec![
                Wording { by: "coach-ali", days_ago: 84, content: first },
                Wording { by: "teacher-jonas", days_ago: 40, content: second },
            ],
            None,
        );
        self.agree(calm, 1, &[("coach-ali", 84), (p, 84), ("teacher-jonas", 82)]);
        self.agree(calm, 2, &[("teacher-jonas", 40), (p, 39), ("coach-ali", 37)]);
        let raters = [
            rater(p, 7, 0.15, 0.2, false),
            rater("coach-ali", 7, 0.1, 0.0, false),
            rater("teacher-jonas", 14, 0.2, -0.2, false),
        ];
        self.check_ins(
            Trend { goal: calm, from_days_ago: 80, to_days_ago: 41, gas: Some((-1.0, 0.4)), value: None },
            &raters,
            &[],
        );
        self.check_ins(
            Trend { goal: calm, from_days_ago: 36, to_days_ago: 1, gas: Some((0.0, 1.2)), value: None },
            &raters,
            &[("coach-ali", "Two weeks without shouting at training.")],
        );
        self.comment(
            calm,
            "teacher-jonas",
            41,
            "The break works well at training. I suggest we try it in class too: see the new wording.",
            false,
        );
        self.comment(calm, "coach-ali", 20, "Two weeks without shouting at training. Respect, Oliver!", true);

        let maths = "goal-oliver-maths";
        let content = GoalContent {
            title: "I finish the first five maths tasks in each lesson".into(),
            why: "I give up when a task looks long. Five tasks is a good start.".into(),
            gas: None,
            measure: measure("maths tasks finished per lesson", 1.0, 5.0),
            contributions: contributions(&[
                (p, "I start with the task I like best."),
                ("teacher-jonas", "I cut long tasks into small steps on the board."),
            ]),
            review_date: self.ago(4),
            strength_ids: vec!["strength-oliver-lego".into()],
            weight: 1.0,
        };
        self.goal(maths, p, vec![Wording { by: "teacher-jonas", days_ago: 60, content }], None);
        self.agree(maths, 1, &[("teacher-jonas", 60), (p, 59), ("coach-ali", 58)]);
        self.check_ins(
            Trend { goal: maths, from_days_ago: 57, to_days_ago: 2, gas: None, value: Some((1.0, 4.0)) },
            &[rater(p, 7, 0.15, 0.0, true), rater("teacher-jonas", 7, 0.15, 0.0, true)],
            &[],
        );
        self.comment(maths, "teacher-jonas", 9, "Five tasks in a row today, without a break!", true);
    }

    fn yasmin(&mut self) {
        use StrengthKind::*;
        let p = "pupil-yasmin";
        self.strength(p, "keeper", GoodAt, "Handball: I am a brave goalkeeper", None, p, true, 117);
        self.strength(p, "languages", GoodAt, "Speaking Arabic and Danish", None, p, true, 117);
        self.strength(p, "baking", Enjoys, "Baking with my mum", None, p, true, 117);
        self.strength(p, "names", GoodAt, "Remembering everyone's names at training", None, "coach-sofie", true, 100);
        self.strength(p, "mum", Supporter, "Mum", Some(Circle::Family), p, true, 117);
        self.strength(p, "sara", Supporter, "My friend Sara from class", Some(Circle::Friends), p, true, 116);
        self.strength(
            p,
            "leila",
            Supporter,
            "Aunt Leila, who lives next door",
            Some(Circle::Family),
            "parent-fatima",
            false,
            12,
        );

        let aloud = "goal-yasmin-reading-aloud";
        let content = GoalContent {
            title: "I read aloud to a classmate once a week".into(),
            why:
                "I read well in my head, but I get nervous when others listen. I want to feel as brave as I am in goal."
                    .into(),
            gas: gas(
                [
                    "I don't want to read aloud to anyone.",
                    "I read aloud to my mum at home.",
                    "I read aloud to a classmate once a week.",
                    "I read aloud to a classmate twice a week.",
                    "I read aloud in front of a small group.",
                ],
                -2,
            ),
            measure: None,
            contributions: contributions(&[
                (p, "I pick a short text I like and read it to Sara on Fridays."),
                ("teacher-jonas", "I give Yasmin and Sara a quiet corner on Fridays."),
                ("coach-sofie", "Before training, Yasmin may read the warm-up plan aloud to the team."),
                ("parent-fatima", "Yasmin reads the recipe aloud to me while we bake."),
            ]),
            review_date: self.ago(70).add_days(84),
            strength_ids: vec![
                "strength-yasmin-keeper".into(),
                "strength-yasmin-baking".into(),
                "strength-yasmin-sara".into(),
            ],
            weight: 1.0,
        };
        self.goal(aloud, p, vec![Wording { by: "teacher-jonas", days_ago: 70, content }], None);
        self.agree(aloud, 1, &[("teacher-jonas", 70), (p, 69), ("parent-fatima", 69), ("coach-sofie", 67)]);
        self.check_ins(
            Trend { goal: aloud, from_days_ago: 65, to_days_ago: 3, gas: Some((-2.0, 0.6)), value: None },
            &[
                rater(p, 7, 0.1, -0.2, false),
                rater("teacher-jonas", 7, 0.2, 0.0, false),
                rater("coach-sofie", 10, 0.25, 0.2, false),
                rater("parent-fatima", 14, 0.2, 0.2, false),
            ],
            &[(p, "I read a whole page to Sara and she laughed at the funny part!")],
        );
        self.comment(aloud, "parent-fatima", 25, "Yasmin read a whole recipe aloud for the family on Sunday!", true);
        self.comment(aloud, "coach-sofie", 10, "You read the warm-up plan loud and clear today. Brave keeper!", true);

        let tables = "goal-yasmin-times-tables";
        let content = GoalContent {
            title: "I learn all the times tables up to 10".into(),
            why: "Knowing the times tables makes maths faster and easier.".into(),
            gas: gas(
                [
                    "I don't know any times tables by heart.",
                    "I know the 2, 5 and 10 times tables.",
                    "I know the times tables up to 5.",
                    "I know the times tables up to 7.",
                    "I know all the times tables up to 10.",
                ],
                -1,
            ),
            measure: None,
            contributions: contributions(&[
                (p, "I practise with the times-table app for ten minutes a day."),
                ("parent-fatima", "I quiz Yasmin in the car on the way to training."),
                ("teacher-jonas", "I give Yasmin a times-table sheet every Monday."),
            ]),
            review_date: self.ago(75).add_days(42),
            strength_ids: vec!["strength-yasmin-mum".into()],
            weight: 1.0,
        };
        self.goal(
            tables,
            p,
            vec![Wording { by: "parent-fatima", days_ago: 75, content }],
            Some((
                Outcome::Stopped,
                "Two goals at once were too much for now. Yasmin and her family want to put reading first; \
                 we will come back to the times tables after the summer holidays.",
                "teacher-jonas",
                30,
            )),
        );
        self.agree(tables, 1, &[("parent-fatima", 75), (p, 74), ("teacher-jonas", 73), ("coach-sofie", 72)]);
        self.check_ins(
            Trend { goal: tables, from_days_ago: 71, to_days_ago: 31, gas: Some((-1.0, -0.6)), value: None },
            &[
                rater(p, 7, 0.2, 0.0, false),
                rater("teacher-jonas", 14, 0.2, 0.0, false),
                rater("parent-fatima", 10, 0.2, 0.0, false),
            ],
            &[(p, "It is too much with reading too. I get a headache.")],
        );
        self.comment(tables, p, 30, "I am glad we stopped. I want to do reading first.", false);
    }

    fn malthe(&mut self) {
        use StrengthKind::*;
        let p = "pupil-malthe";
        self.strength(p, "maps", GoodAt, "Drawing maps of made-up worlds", None, p, true, 116);
        self.strength(p, "handball", Enjoys, "Playing handball with friends", None, p, true, 116);
        self.strength(p, "rabbits", Enjoys, "Animals: we have two rabbits", None, p, true, 116);
        self.strength(p, "sofie", Supporter, "Coach Sofie", Some(Circle::Club), p, true, 115);
        self.strength(p, "dad", Supporter, "Dad", Some(Circle::Family), p, true, 9);
        self.strength(p, "kind", GoodAt, "Being kind to younger children", None, "teacher-jonas", false, 30);

        let training = "goal-malthe-training";
        let content = GoalContent {
            title: "I come to handball training twice a week".into(),
            why: "When I come often, I get to know the team and feel part of it.".into(),
            gas: None,
            measure: measure("trainings per week", 0.0, 2.0),
            contributions: contributions(&[
                (p, "I pack my sports bag the evening before training."),
                ("coach-sofie", "I send Malthe's family a message the day before training."),
                ("teacher-jonas", "I ask Malthe on Mondays how training went."),
            ]),
            review_date: self.ago(66).add_days(84),
            strength_ids: vec!["strength-malthe-handball".into(), "strength-malthe-sofie".into()],
            weight: 1.0,
        };
        // Agreed before Malthe's dad joined the team, so it never waited for him.
        self.goal(training, p, vec![Wording { by: "coach-sofie", days_ago: 66, content }], None);
        self.agree(training, 1, &[("coach-sofie", 66), (p, 65), ("teacher-jonas", 64)]);
        // Nobody has checked in for three weeks: something for the overview.
        self.check_ins(
            Trend { goal: training, from_days_ago: 63, to_days_ago: 22, gas: None, value: Some((0.5, 1.6)) },
            &[rater(p, 7, 0.1, 0.0, true), rater("coach-sofie", 7, 0.1, 0.0, true)],
            &[(p, "I hurt my knee, so I can't train for a while.")],
        );

        let words = "goal-malthe-words";
        let content = GoalContent {
            title: "I learn five new words each week".into(),
            why: "More words make it easier to understand what we read and to tell my own stories.".into(),
            gas: gas(
                [
                    "I don't learn any new words.",
                    "I learn one or two new words a week.",
                    "I learn five new words a week.",
                    "I learn five new words and use them in a sentence.",
                    "I learn more than five words and teach them to someone.",
                ],
                -1,
            ),
            measure: None,
            contributions: contributions(&[
                ("teacher-jonas", "Every Monday I give Malthe five words from our class book."),
                ("parent-lars", "We use the new words at dinner."),
            ]),
            review_date: self.ago(6).add_days(56),
            strength_ids: vec!["strength-malthe-maps".into()],
            weight: 1.0,
        };
        // Waits for Malthe himself and his coach.
        self.goal(words, p, vec![Wording { by: "teacher-jonas", days_ago: 6, content }], None);
        self.agree(words, 1, &[("teacher-jonas", 6), ("parent-lars", 5)]);
        self.comment(words, "parent-lars", 5, "Good idea. Malthe loves new words for his maps.", false);
    }

    /// The peer space: moderators, pseudonyms, and posts in every state.
    fn peer_space(&mut self) {
        use crate::peer::*;
        for person in self.db.people.iter_mut().filter(|p| p.id == "teacher-jonas" || p.id == "coach-sofie") {
            person.moderator = true;
        }
        for (pupil, pseudonym) in [
            ("pupil-emma", "Comic Fox"),
            ("pupil-noah", "Goalkeeper7"),
            ("pupil-freja", "Sunflower"),
            ("pupil-oliver", "Rocket"),
            ("pupil-yasmin", "Bookworm"),
        ] {
            // Ids made of the pseudonym, never of the pupil's name: other
            // pupils receive these records (a real device makes UUIDs).
            let id = format!("peername-{}", name_slug(pseudonym));
            let on = self.ago(40);
            self.db.peer_names.push(PeerName {
                id: id.clone(),
                person_id: pupil.to_string(),
                pseudonym: pseudonym.to_string(),
                meta: meta(&id, on, pupil),
            });
        }
        // (id, author, topic, kind, replying to, days ago, text)
        type DemoPost = (&'static str, &'static str, Topic, PostKind, Option<&'static str>, i64, &'static str);
        let posts: [DemoPost; 7] = [
            (
                "post-split-homework",
                "pupil-emma",
                Topic::School,
                PostKind::Tip,
                None,
                30,
                "When homework feels too big, I split it into three small parts and tick each one off.",
            ),
            (
                "post-split-homework-reply",
                "pupil-noah",
                Topic::School,
                PostKind::Experience,
                Some("post-split-homework"),
                28,
                "I tried that with maths. It helped!",
            ),
            (
                "post-first-match",
                "pupil-noah",
                Topic::Sport,
                PostKind::Experience,
                None,
                20,
                "I was scared to play my first match. My coach let me start on the bench, and then it was fine.",
            ),
            (
                "post-first-match-reply",
                "pupil-yasmin",
                Topic::Sport,
                PostKind::Experience,
                Some("post-first-match"),
                2,
                "Me too! Starting on the bench is a good idea.",
            ),
            (
                "post-calm-before-test",
                "pupil-freja",
                Topic::Feelings,
                PostKind::Question,
                None,
                1,
                "How do you calm down before a test?",
            ),
            (
                "post-meet-after-training",
                "pupil-oliver",
                Topic::Friends,
                PostKind::Question,
                None,
                6,
                "Does anyone want to meet after training? Write to me on my phone.",
            ),
            (
                "post-mean-words",
                "pupil-yasmin",
                Topic::Other,
                PostKind::Experience,
                None,
                12,
                "Someone in my class was mean, I will tell you who.",
            ),
        ];
        for (id, author, topic, kind, parent, days_ago, text) in posts {
            let on = self.ago(days_ago);
            self.db.posts.push(Post {
                id: id.to_string(),
                person_id: author.to_string(),
                topic,
                kind,
                text: text.to_string(),
                post_id: parent.map(str::to_string),
                on,
                meta: meta(id, on, author),
            });
        }
        // Approved a day after posting; the newest reply and Freja's question still wait.
        let decisions: [(&str, &str, Decision, &str, i64); 5] = [
            ("post-split-homework", "teacher-jonas", Decision::Approve, "", 29),
            ("post-split-homework-reply", "coach-sofie", Decision::Approve, "", 27),
            ("post-first-match", "coach-sofie", Decision::Approve, "", 19),
            ("post-meet-after-training", "teacher-jonas", Decision::Approve, "", 5),
            (
                "post-mean-words",
                "teacher-jonas",
                Decision::Hide,
                "We do not name others here. Talk to an adult you trust about it.",
                11,
            ),
        ];
        for (post, moderator, decision, reason, days_ago) in decisions {
            let id = format!("moderation-{}", post.trim_start_matches("post-"));
            let on = self.ago(days_ago);
            self.db.moderations.push(Moderation {
                id: id.clone(),
                post_id: post.to_string(),
                person_id: moderator.to_string(),
                decision,
                reason: reason.to_string(),
                at: format!("{on}T12:00:00Z"),
                meta: meta(&id, on, moderator),
            });
        }
        for (post, pupil, days_ago) in [
            ("post-split-homework", "pupil-noah", 28),
            ("post-split-homework", "pupil-freja", 25),
            ("post-first-match", "pupil-yasmin", 2),
        ] {
            let by = self.db.pseudonym_of(pupil).map(name_slug).unwrap_or_default();
            let id = format!("helped-{}-{by}", post.trim_start_matches("post-"));
            let on = self.ago(days_ago);
            self.db.helped.push(Helped {
                id: id.clone(),
                post_id: post.to_string(),
                person_id: pupil.to_string(),
                meta: meta(&id, on, pupil),
            });
        }
        // Meeting up outside Samspil is what reports are for.
        let on = self.ago(3);
        self.db.reports.push(Report {
            id: "report-meet-after-training-sunflower".into(),
            post_id: "post-meet-after-training".into(),
            person_id: "pupil-freja".into(),
            at: format!("{on}T15:00:00Z"),
            meta: meta("report-meet-after-training-sunflower", on, "pupil-freja"),
        });
    }
}
