//! The records Samspil keeps. Every record is flat (foreign keys such as
//! `pupilId`, `goalId`) and carries [`Meta`], so that any simple JSON backend
//! can store it and devices can synchronise it.

use crate::date::Date;
use crate::fingerprint::{fingerprint, is_fingerprint};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Record identifier. Made on the device (a UUID) or by the backend.
pub type Id = String;

/// Bookkeeping every record carries for synchronisation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Meta {
    /// Made on the device that created the record, so a retried create is recognised.
    pub client_id: String,
    /// Raised by one on every change; a write names the version it was based on.
    /// At most [`MAX_VERSION`]: a larger number makes the record invalid.
    #[serde(deserialize_with = "in_range")]
    pub version: u32,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// Person id of whoever made the last change.
    pub updated_by: Id,
    /// A tombstone: the record was removed but stays so that the removal syncs.
    pub deleted: bool,
}

/// The largest version or revision a record may have (2³¹ − 1, which every
/// backend stores exactly). A record with a larger one is bad input, skipped
/// like any invalid record, so that counting on can never wrap.
pub const MAX_VERSION: u32 = i32::MAX as u32;

/// The number after a version or revision, or `None` past [`MAX_VERSION`].
pub fn next_version(version: u32) -> Option<u32> {
    version.checked_add(1).filter(|next| *next <= MAX_VERSION)
}

/// Reads a version or revision, refusing one above [`MAX_VERSION`].
pub fn in_range<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let value = u32::deserialize(d)?;
    if value > MAX_VERSION {
        return Err(serde::de::Error::custom(format!("{value} is above the largest version, {MAX_VERSION}")));
    }
    Ok(value)
}

/// What a person is in a pupil's team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// The pupil whose goals they are.
    Pupil,
    /// A teacher at the pupil's school.
    Teacher,
    /// A coach at the pupil's sports club.
    Coach,
    /// A parent or carer.
    Parent,
    /// Anyone else the pupil wants in the team.
    Other,
    /// A school or club leader, or someone at the municipality: reads the
    /// anonymised effect report, is never a team member and never checks in.
    Leader,
}

/// The side of the partnership a contribution comes from; the effect report
/// and participation figures count by party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Party {
    /// The pupil themself.
    Pupil,
    /// The school: teachers.
    School,
    /// The sports club: coaches.
    Club,
    /// The family: parents and carers.
    Family,
    /// Anyone else.
    Other,
}

impl Role {
    /// Every role, in the order lists show them.
    pub const ALL: [Role; 6] = [Role::Pupil, Role::Teacher, Role::Coach, Role::Parent, Role::Other, Role::Leader];

    /// The side of the partnership this role belongs to.
    pub fn party(self) -> Party {
        match self {
            Role::Pupil => Party::Pupil,
            Role::Teacher => Party::School,
            Role::Coach => Party::Club,
            Role::Parent => Party::Family,
            // A leader is outside every partnership; they never check in.
            Role::Other | Role::Leader => Party::Other,
        }
    }

    /// Whether people with this role can be in a pupil's team. Leaders see
    /// only the anonymised report; pupils have their own team.
    pub fn joins_teams(self) -> bool {
        !matches!(self, Role::Pupil | Role::Leader)
    }
}

/// Anyone who uses Samspil: a pupil or an adult around them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// Record id.
    pub id: Id,
    /// The name shown in the app, e.g. "Emma" or "Mette Hansen".
    pub name: String,
    /// What the person is: pupil, teacher, coach, parent or other.
    pub role: Role,
    /// School, club or family the person acts for, e.g. "Nørrebro Skole".
    #[serde(default)]
    pub organisation: String,
    /// An adult (teacher or club adult) who approves and hides posts in the
    /// peer space. Left out of the JSON when false, so older records read the same.
    #[serde(default, skip_serializing_if = "is_false")]
    pub moderator: bool,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// One adult in one pupil's team. Membership is its own record so that two
/// devices adding members at the same time never conflict. The pupil is a
/// member of their own team without a record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// Record id.
    pub id: Id,
    /// The pupil whose team this is.
    pub pupil_id: Id,
    /// The adult who joined the team.
    pub person_id: Id,
    /// Joined the team on this day. Goal revisions proposed before it do not
    /// wait for this member's agreement.
    pub since: Date,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// Who stands around a pupil in daily life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Circle {
    /// Family and relatives.
    Family,
    /// Friends.
    Friends,
    /// The sports club.
    Club,
    /// The school.
    School,
    /// Anywhere else, e.g. the after-school club.
    Other,
}

/// What an entry in the strengths profile says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StrengthKind {
    /// Something the pupil is good at.
    GoodAt,
    /// Something the pupil enjoys.
    Enjoys,
    /// Someone who helps the pupil; `circle` says from where.
    Supporter,
}

/// One entry in a pupil's strengths profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    /// Record id.
    pub id: Id,
    /// The pupil whose profile this entry is in.
    pub pupil_id: Id,
    /// Good at, enjoys, or a supporter.
    pub kind: StrengthKind,
    /// The entry in plain words, e.g. "Drawing comics".
    pub text: String,
    /// Where a supporter is from; `None` for the other kinds.
    #[serde(default)]
    pub circle: Option<Circle>,
    /// Who wrote the entry: the pupil, or an adult suggesting it.
    pub added_by: Id,
    /// The pupil has said this is right; until then it shows as a suggestion.
    #[serde(default)]
    pub confirmed: bool,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// A Goal Attainment Scaling level, −2 … +2, where 0 is the expected outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i8", into = "i8")]
pub struct GasLevel(i8);

impl GasLevel {
    /// Every level, −2 first.
    pub const ALL: [GasLevel; 5] = [GasLevel(-2), GasLevel(-1), GasLevel(0), GasLevel(1), GasLevel(2)];

    /// The level, or `None` outside −2 … +2.
    pub fn new(level: i8) -> Option<GasLevel> {
        (-2..=2).contains(&level).then_some(GasLevel(level))
    }

    /// The level as a number, −2 … +2.
    pub fn value(self) -> i8 {
        self.0
    }

    /// Position 0 … 4 in a five-element scale.
    pub fn index(self) -> usize {
        (self.0 + 2) as usize
    }
}

impl TryFrom<i8> for GasLevel {
    type Error = String;
    fn try_from(level: i8) -> Result<GasLevel, String> {
        GasLevel::new(level).ok_or_else(|| format!("GAS level {level} is outside -2..2"))
    }
}

impl From<GasLevel> for i8 {
    fn from(level: GasLevel) -> i8 {
        level.0
    }
}

/// How success is seen on a five-point Goal Attainment Scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GasScale {
    /// Descriptions of −2, −1, 0, +1, +2, in that order.
    pub levels: [String; 5],
    /// Where the pupil stands when the goal is set.
    pub current: GasLevel,
}

/// How success is seen as a number: from a baseline towards a target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Measure {
    /// What is counted, e.g. "pages read per week".
    pub name: String,
    /// The count when the goal is set.
    pub baseline: f64,
    /// The count the goal aims for; may be below the baseline (fewer mistakes).
    pub target: f64,
}

/// What one team member will do for a goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    /// The team member who will do it.
    pub person_id: Id,
    /// What they will do, in plain words.
    pub text: String,
}

/// The part of a goal that everyone agrees to. Changing any of it makes a new
/// revision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalContent {
    /// The goal in plain words, the pupil's own where possible.
    pub title: String,
    /// Why the goal matters to the pupil; may be empty.
    pub why: String,
    /// How success looks on a five-point scale, if the goal has one.
    pub gas: Option<GasScale>,
    /// How success is counted, if the goal has a measure.
    pub measure: Option<Measure>,
    /// What each team member will do.
    #[serde(default)]
    pub contributions: Vec<Contribution>,
    /// When the team looks at the goal together again.
    pub review_date: Date,
    /// Strengths the goal builds on.
    #[serde(default)]
    pub strength_ids: Vec<Id>,
    /// Weight in the pupil's combined T-score.
    #[serde(default = "default_weight")]
    pub weight: f64,
}

fn default_weight() -> f64 {
    1.0
}

/// An earlier wording of a goal, kept so that everyone can see what was agreed before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalRevision {
    /// Which revision this was, from 1.
    #[serde(deserialize_with = "in_range")]
    pub revision: u32,
    /// Its wording.
    pub content: GoalContent,
    /// Who proposed this wording.
    pub proposed_by: Id,
    /// When this wording was proposed.
    pub proposed_on: Date,
}

/// How a goal ended. It never ends silently: there is always a reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// The pupil reached the goal.
    Achieved,
    /// Replaced by a new goal.
    Revised,
    /// Given up, e.g. because it was too much at once.
    Stopped,
}

/// How, why, when and by whom a goal was ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ending {
    /// Achieved, revised or stopped.
    pub outcome: Outcome,
    /// Why, in plain words; never empty.
    pub reason: String,
    /// Who ended it.
    pub by: Id,
    /// When it was ended.
    pub on: Date,
}

/// A learning goal for one pupil. Whether it is proposed or active is not
/// stored: it follows from the agreements to its current revision (see
/// [`crate::rules::goal_status`]).
///
/// Its JSON carries `fingerprint`, the [fingerprint](crate::fingerprint) of
/// `content`: written fresh every time the goal is written, and checked when
/// one is read — a goal whose fingerprint is not that of its wording is not a
/// valid record. Records from before fingerprints (none, or empty) get theirs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct Goal {
    /// Record id.
    pub id: Id,
    /// The pupil whose goal it is.
    pub pupil_id: Id,
    /// Starts at 1; each change makes the next revision.
    #[serde(deserialize_with = "in_range")]
    pub revision: u32,
    /// The current revision's wording.
    pub content: GoalContent,
    /// The fingerprint of `content` (see [`crate::fingerprint`]); set by the
    /// rules whenever the wording changes, and on reading.
    #[serde(default)]
    pub fingerprint: String,
    /// Who proposed the current revision.
    pub proposed_by: Id,
    /// When the current revision was proposed.
    pub proposed_on: Date,
    /// Earlier revisions, oldest first.
    #[serde(default)]
    pub history: Vec<GoalRevision>,
    /// How the goal ended; `None` while it runs.
    #[serde(default)]
    pub ended: Option<Ending>,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

impl Serialize for Goal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let current = fingerprint(&self.content);
        if self.fingerprint == current {
            return Goal::serialize(self, s);
        }
        // What is written always names the wording it holds.
        Goal::serialize(&Goal { fingerprint: current, ..self.clone() }, s)
    }
}

impl<'de> Deserialize<'de> for Goal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Goal, D::Error> {
        let mut goal = Goal::deserialize(d)?;
        let current = fingerprint(&goal.content);
        if goal.fingerprint.is_empty() {
            goal.fingerprint = current;
        } else if goal.fingerprint != current {
            return Err(serde::de::Error::custom("the fingerprint is not that of the goal's wording"));
        }
        Ok(goal)
    }
}

impl Goal {
    /// Gives the goal a new wording, and the fingerprint that names it.
    pub fn set_content(&mut self, content: GoalContent) {
        self.fingerprint = fingerprint(&content);
        self.content = content;
    }
}

/// One person's agreement to one revision of a goal. Each agreement is its
/// own record, so agreements given at the same time never conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    /// Record id.
    pub id: Id,
    /// The goal agreed to.
    pub goal_id: Id,
    /// The revision of the goal agreed to.
    #[serde(deserialize_with = "in_range")]
    pub revision: u32,
    /// The [fingerprint](crate::fingerprint) of the wording agreed to; it
    /// counts only while the goal still says exactly that. Empty on
    /// agreements from before fingerprints, which count for nothing: the
    /// team agrees again.
    #[serde(default, deserialize_with = "fingerprint_or_empty")]
    pub fingerprint: String,
    /// Who agreed.
    pub person_id: Id,
    /// When they agreed.
    pub on: Date,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// Reads an agreement's fingerprint: 64 lowercase hex characters, or empty.
fn fingerprint_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    if !text.is_empty() && !is_fingerprint(&text) {
        return Err(serde::de::Error::custom("a fingerprint is 64 lowercase hex characters"));
    }
    Ok(text)
}

/// How the person felt, 1 (bad) … 5 (great).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Mood(u8);

impl Mood {
    /// Every mood, worst first.
    pub const ALL: [Mood; 5] = [Mood(1), Mood(2), Mood(3), Mood(4), Mood(5)];

    /// The mood, or `None` outside 1 … 5.
    pub fn new(mood: u8) -> Option<Mood> {
        (1..=5).contains(&mood).then_some(Mood(mood))
    }

    /// The mood as a number, 1 … 5.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Mood {
    type Error = String;
    fn try_from(mood: u8) -> Result<Mood, String> {
        Mood::new(mood).ok_or_else(|| format!("mood {mood} is outside 1..5"))
    }
}

impl From<Mood> for u8 {
    fn from(mood: Mood) -> u8 {
        mood.0
    }
}

/// A follow-up from one party: how far the goal has come, seen by that person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckIn {
    /// Record id.
    pub id: Id,
    /// The goal followed up.
    pub goal_id: Id,
    /// The goal's pupil, so that a pupil's check-ins are found without the goal.
    pub pupil_id: Id,
    /// Who checked in.
    pub person_id: Id,
    /// The day it is about.
    pub on: Date,
    /// Where the goal stands on its GAS scale, seen by this person.
    #[serde(default)]
    pub gas: Option<GasLevel>,
    /// The count of the goal's measure, seen by this person.
    #[serde(default)]
    pub value: Option<f64>,
    /// A few words; may be empty.
    #[serde(default)]
    pub note: String,
    /// How the person felt.
    #[serde(default)]
    pub mood: Option<Mood>,
    /// Who besides the pupil and the author may see this: `None` (the default,
    /// also for records from before this field existed) is the whole team.
    /// Only the pupil restricts their own items; see [`crate::visibility`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_to: Option<Vec<Id>>,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// A comment or a word of encouragement on a goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// Record id.
    pub id: Id,
    /// The goal commented on.
    pub goal_id: Id,
    /// Who wrote it.
    pub person_id: Id,
    /// When it was written.
    pub on: Date,
    /// The comment itself.
    pub text: String,
    /// A word of encouragement rather than a plain comment.
    #[serde(default)]
    pub encouragement: bool,
    /// Who besides the pupil and the author may see this: `None` (the default,
    /// also for records from before this field existed) is the whole team.
    /// Only the pupil restricts their own items; see [`crate::visibility`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_to: Option<Vec<Id>>,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}
