//! The records Samspil keeps. Every record is flat (foreign keys such as
//! `pupilId`, `goalId`) and carries [`Meta`], so that any simple JSON backend
//! can store it and devices can synchronise it.

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// Record identifier. Made on the device (a UUID) or by the backend.
pub type Id = String;

/// Bookkeeping every record carries for synchronisation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Meta {
    /// Made on the device that created the record, so a retried create is recognised.
    pub client_id: String,
    /// Raised by one on every change; a write names the version it was based on.
    pub version: u32,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// Person id of whoever made the last change.
    pub updated_by: Id,
    /// A tombstone: the record was removed but stays so that the removal syncs.
    pub deleted: bool,
}

/// What a person is in a pupil's team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Pupil,
    Teacher,
    Coach,
    Parent,
    Other,
}

/// The side of the partnership a contribution comes from; the effect report
/// and participation figures count by party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Party {
    Pupil,
    School,
    Club,
    Family,
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Pupil, Role::Teacher, Role::Coach, Role::Parent, Role::Other];

    pub fn party(self) -> Party {
        match self {
            Role::Pupil => Party::Pupil,
            Role::Teacher => Party::School,
            Role::Coach => Party::Club,
            Role::Parent => Party::Family,
            Role::Other => Party::Other,
        }
    }
}

/// Anyone who uses Samspil: a pupil or an adult around them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: Id,
    pub name: String,
    pub role: Role,
    /// School, club or family the person acts for, e.g. "Nørrebro Skole".
    #[serde(default)]
    pub organisation: String,
    #[serde(flatten)]
    pub meta: Meta,
}

/// One adult in one pupil's team. Membership is its own record so that two
/// devices adding members at the same time never conflict. The pupil is a
/// member of their own team without a record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: Id,
    pub pupil_id: Id,
    pub person_id: Id,
    /// Joined the team on this day. Goal revisions proposed before it do not
    /// wait for this member's agreement.
    pub since: Date,
    #[serde(flatten)]
    pub meta: Meta,
}

/// Who stands around a pupil in daily life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Circle {
    Family,
    Friends,
    Club,
    School,
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
    pub id: Id,
    pub pupil_id: Id,
    pub kind: StrengthKind,
    pub text: String,
    #[serde(default)]
    pub circle: Option<Circle>,
    pub added_by: Id,
    /// The pupil has said this is right; until then it shows as a suggestion.
    #[serde(default)]
    pub confirmed: bool,
    #[serde(flatten)]
    pub meta: Meta,
}

/// A Goal Attainment Scaling level, −2 … +2, where 0 is the expected outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i8", into = "i8")]
pub struct GasLevel(i8);

impl GasLevel {
    pub const ALL: [GasLevel; 5] = [GasLevel(-2), GasLevel(-1), GasLevel(0), GasLevel(1), GasLevel(2)];

    pub fn new(level: i8) -> Option<GasLevel> {
        (-2..=2).contains(&level).then_some(GasLevel(level))
    }

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
    pub baseline: f64,
    pub target: f64,
}

/// What one team member will do for a goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    pub person_id: Id,
    pub text: String,
}

/// The part of a goal that everyone agrees to. Changing any of it makes a new
/// revision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalContent {
    /// The goal in plain words, the pupil's own where possible.
    pub title: String,
    pub why: String,
    pub gas: Option<GasScale>,
    pub measure: Option<Measure>,
    #[serde(default)]
    pub contributions: Vec<Contribution>,
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
    pub revision: u32,
    pub content: GoalContent,
    pub proposed_by: Id,
    pub proposed_on: Date,
}

/// How a goal ended. It never ends silently: there is always a reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Achieved,
    /// Replaced by a new goal.
    Revised,
    Stopped,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ending {
    pub outcome: Outcome,
    pub reason: String,
    pub by: Id,
    pub on: Date,
}

/// A learning goal for one pupil. Whether it is proposed or active is not
/// stored: it follows from the agreements to its current revision (see
/// [`crate::rules::goal_status`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub id: Id,
    pub pupil_id: Id,
    /// Starts at 1; each change makes the next revision.
    pub revision: u32,
    pub content: GoalContent,
    pub proposed_by: Id,
    pub proposed_on: Date,
    /// Earlier revisions, oldest first.
    #[serde(default)]
    pub history: Vec<GoalRevision>,
    #[serde(default)]
    pub ended: Option<Ending>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// One person's agreement to one revision of a goal. Each agreement is its
/// own record, so agreements given at the same time never conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    pub id: Id,
    pub goal_id: Id,
    pub revision: u32,
    pub person_id: Id,
    pub on: Date,
    #[serde(flatten)]
    pub meta: Meta,
}

/// How the person felt, 1 (bad) … 5 (great).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Mood(u8);

impl Mood {
    pub const ALL: [Mood; 5] = [Mood(1), Mood(2), Mood(3), Mood(4), Mood(5)];

    pub fn new(mood: u8) -> Option<Mood> {
        (1..=5).contains(&mood).then_some(Mood(mood))
    }

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
    pub id: Id,
    pub goal_id: Id,
    pub pupil_id: Id,
    pub person_id: Id,
    pub on: Date,
    #[serde(default)]
    pub gas: Option<GasLevel>,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub mood: Option<Mood>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// A comment or a word of encouragement on a goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub id: Id,
    pub goal_id: Id,
    pub person_id: Id,
    pub on: Date,
    pub text: String,
    #[serde(default)]
    pub encouragement: bool,
    #[serde(flatten)]
    pub meta: Meta,
}
