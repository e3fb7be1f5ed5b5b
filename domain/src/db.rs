//! All records on one device, with the look-ups the rules and views need.
//! Tombstoned records are kept (so removals sync) but never returned by the
//! look-ups.

use crate::collection::Collection;
use crate::erasure::Erasure;
use crate::model::*;
use crate::peer::{Helped, Moderation, PeerName, Post, Report};
use serde::{Deserialize, Serialize};

/// Everything the device knows, one list per collection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Db {
    /// Pupils and adults.
    pub people: Collection<Person>,
    /// Who is in which pupil's team.
    pub members: Collection<Member>,
    /// Entries in the pupils' strengths profiles.
    pub strengths: Collection<Strength>,
    /// Learning goals, with their earlier revisions inside.
    pub goals: Collection<Goal>,
    /// Agreements to goal revisions.
    pub agreements: Collection<Agreement>,
    /// Follow-ups on goals.
    pub checkins: Collection<CheckIn>,
    /// Comments and encouragement on goals.
    pub comments: Collection<Comment>,
    /// Pseudonyms pupils use in the peer space.
    pub peer_names: Collection<PeerName>,
    /// Posts and replies in the peer space.
    pub posts: Collection<Post>,
    /// "This helped me" marks on posts.
    pub helped: Collection<Helped>,
    /// Reports of posts to the moderators.
    pub reports: Collection<Report>,
    /// Moderators' decisions on posts.
    pub moderations: Collection<Moderation>,
    /// Traces of erased pupils: a hash each, nothing else.
    pub erasures: Collection<Erasure>,
}

impl Db {
    /// Nobody is here yet (tombstones aside): time for the welcome page.
    pub fn is_empty(&self) -> bool {
        self.people.iter().all(|p| p.meta.deleted)
    }

    /// The person with this id, unless removed.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id && !p.meta.deleted)
    }

    /// The goal with this id, unless removed.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id && !g.meta.deleted)
    }

    /// People in the order the start page lists them: pupils first, then
    /// adults, each by name as `by_name` orders names (the app passes the
    /// order of the person's language: Danish puts Æ, Ø and Å after Z).
    /// Names it finds equal keep their order in the data.
    pub fn people_sorted_by(&self, by_name: impl Fn(&str, &str) -> std::cmp::Ordering) -> Vec<&Person> {
        let mut people: Vec<&Person> = self.people.iter().filter(|p| !p.meta.deleted).collect();
        people.sort_by(|a, b| {
            (a.role != Role::Pupil).cmp(&(b.role != Role::Pupil)).then_with(|| by_name(&a.name, &b.name))
        });
        people
    }

    /// The pupil and every adult in the pupil's team, pupil first.
    pub fn team(&self, pupil_id: &str) -> Vec<&Person> {
        let mut team: Vec<&Person> = self.person(pupil_id).into_iter().collect();
        for member in self.members.iter().filter(|m| m.pupil_id == pupil_id && !m.meta.deleted) {
            if let Some(person) = self.person(&member.person_id).filter(|p| p.role != Role::Leader) {
                if !team.iter().any(|p| p.id == person.id) {
                    team.push(person);
                }
            }
        }
        team
    }

    /// Whether the person is the pupil themself or a current member of the pupil's team.
    /// A leader is never in a team, even if a member record names them (one
    /// could arrive from another device): they see only the anonymised report.
    pub fn is_in_team(&self, pupil_id: &str, person_id: &str) -> bool {
        pupil_id == person_id && self.person(pupil_id).is_some()
            || self.members.iter().any(|m| m.pupil_id == pupil_id && m.person_id == person_id && !m.meta.deleted)
                && self.person(person_id).is_none_or(|p| p.role != Role::Leader)
    }

    /// The pupils whose teams the person belongs to (their own, for a pupil), by name.
    pub fn pupils_of(&self, person_id: &str) -> Vec<&Person> {
        let mut pupils: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| p.role == Role::Pupil && !p.meta.deleted && self.is_in_team(&p.id, person_id))
            .collect();
        pupils.sort_by_key(|p| p.name.to_lowercase());
        pupils
    }

    /// The pupil's goals, in stored order, ended ones included.
    pub fn goals_of(&self, pupil_id: &str) -> Vec<&Goal> {
        self.goals.iter().filter(|g| g.pupil_id == pupil_id && !g.meta.deleted).collect()
    }

    /// The entries in the pupil's strengths profile, confirmed or not.
    pub fn strengths_of(&self, pupil_id: &str) -> Vec<&Strength> {
        self.strengths.iter().filter(|s| s.pupil_id == pupil_id && !s.meta.deleted).collect()
    }

    /// Agreements to one wording of a goal: its revision number and the
    /// [fingerprint](crate::fingerprint) of its words must both match, so an
    /// agreement to "revision 2" made on another device, to other words,
    /// never counts.
    pub fn agreements_to(&self, goal_id: &str, revision: u32, fingerprint: &str) -> Vec<&Agreement> {
        self.agreements
            .iter()
            .filter(|a| {
                a.goal_id == goal_id && a.revision == revision && a.fingerprint == fingerprint && !a.meta.deleted
            })
            .collect()
    }

    /// Check-ins on a goal, oldest first.
    pub fn checkins_on(&self, goal_id: &str) -> Vec<&CheckIn> {
        let mut checkins: Vec<&CheckIn> = self.checkins.in_group(goal_id).filter(|c| !c.meta.deleted).collect();
        checkins.sort_by(|a, b| a.on.cmp(&b.on).then_with(|| a.meta.updated_at.cmp(&b.meta.updated_at)));
        checkins
    }

    /// Comments on a goal, oldest first.
    pub fn comments_on(&self, goal_id: &str) -> Vec<&Comment> {
        let mut comments: Vec<&Comment> = self.comments.in_group(goal_id).filter(|c| !c.meta.deleted).collect();
        comments.sort_by(|a, b| a.on.cmp(&b.on).then_with(|| a.meta.updated_at.cmp(&b.meta.updated_at)));
        comments
    }
}
