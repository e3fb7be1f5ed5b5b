//! Who may see a check-in or a comment. The pupil may keep an item of their
//! own to chosen team members (`visibleTo`); everything else is seen by the
//! whole team. Every view and every export reads through [`can_see`] (most
//! through [`visible_db`]), so no page has to remember the rule.

use crate::db::Db;
use crate::model::*;

/// A check-in or a comment: something one person wrote about a pupil's goal.
pub trait Item {
    /// Who wrote it.
    fn author(&self) -> &str;
    /// The goal it is about.
    fn goal_id(&self) -> &str;
    /// The chosen members, or `None` for the whole team.
    fn visible_to(&self) -> Option<&[Id]>;
}

impl Item for CheckIn {
    fn author(&self) -> &str {
        &self.person_id
    }
    fn goal_id(&self) -> &str {
        &self.goal_id
    }
    fn visible_to(&self) -> Option<&[Id]> {
        self.visible_to.as_deref()
    }
}

impl Item for Comment {
    fn author(&self) -> &str {
        &self.person_id
    }
    fn goal_id(&self) -> &str {
        &self.goal_id
    }
    fn visible_to(&self) -> Option<&[Id]> {
        self.visible_to.as_deref()
    }
}

/// Whether `viewer` may see `item`:
/// - its author always, and the pupil always (it is about them);
/// - an item for the whole team (`visibleTo` absent): whoever may open the
///   goal — the app itself does not yet limit reading to the team; that is
///   the backend's rule (see `docs/backend-contract.md`);
/// - an item kept to chosen members: only those of them still in the team.
///
/// `viewer` may be empty (nobody chosen on the device): shared items only.
pub fn can_see(db: &Db, viewer: &str, item: &impl Item) -> bool {
    let Some(chosen) = item.visible_to() else { return true };
    if viewer.is_empty() {
        return false;
    }
    if item.author() == viewer {
        return true;
    }
    let Some(goal) = db.goal(item.goal_id()) else { return false };
    goal.pupil_id == viewer || chosen.iter().any(|id| id == viewer) && db.is_in_team(&goal.pupil_id, viewer)
}

/// Whether the item is shared with the whole team (not kept to chosen members).
pub fn is_shared(item: &impl Item) -> bool {
    item.visible_to().is_none()
}

/// Only the pupil chooses who sees their own items; an adult's check-ins and
/// comments are always for the whole team.
pub fn may_restrict(db: &Db, author: &str, goal: &Goal) -> bool {
    author == goal.pupil_id && db.person(author).is_some()
}

/// The audience a pupil chose, cleaned: members of the pupil's team only,
/// each once, the pupil and the author left out (they always see it). An
/// empty choice means "only me".
pub fn audience(db: &Db, pupil_id: &str, author: &str, chosen: &[Id]) -> Vec<Id> {
    let mut kept: Vec<Id> = Vec::new();
    for id in chosen {
        if id != pupil_id && id != author && db.is_in_team(pupil_id, id) && !kept.contains(id) {
            kept.push(id.clone());
        }
    }
    kept
}

/// Whether any check-in or comment is kept from `viewer`. Usually none is,
/// and then [`visible_db`] would only copy everything.
pub fn hides_anything(db: &Db, viewer: &str) -> bool {
    // Only restricted items can be hidden; the index lists them.
    db.checkins.restricted().any(|c| !can_see(db, viewer, c))
        || db.comments.restricted().any(|c| !can_see(db, viewer, c))
}

/// Everything `viewer` may see: the same records with the check-ins and
/// comments they may not see left out. Views read this instead of the full
/// data, so a private item cannot show up in a chart, a count or an export.
pub fn visible_db(db: &Db, viewer: &str) -> Db {
    Db {
        people: db.people.clone(),
        members: db.members.clone(),
        strengths: db.strengths.clone(),
        goals: db.goals.clone(),
        agreements: db.agreements.clone(),
        checkins: db.checkins.iter().filter(|c| can_see(db, viewer, *c)).cloned().collect(),
        comments: db.comments.iter().filter(|c| can_see(db, viewer, *c)).cloned().collect(),
        // The peer space has rules of its own (domain::peer); nothing here is kept to a few.
        peer_names: db.peer_names.clone(),
        posts: db.posts.clone(),
        helped: db.helped.clone(),
        reports: db.reports.clone(),
        moderations: db.moderations.clone(),
        erasures: db.erasures.clone(),
    }
}

/// The pupil's items kept to chosen members that `viewer` may see, grouped
/// by who may see them: (the chosen members, check-ins, comments). For the
/// team view's "who can see what".
pub fn private_items(db: &Db, viewer: &str, pupil_id: &str) -> Vec<(Vec<Id>, usize, usize)> {
    let mut groups: Vec<(Vec<Id>, usize, usize)> = Vec::new();
    let goals: Vec<&str> = db.goals_of(pupil_id).iter().map(|g| g.id.as_str()).collect();
    let mut add = |chosen: &[Id], checkin: bool| {
        let mut key = chosen.to_vec();
        key.sort();
        key.dedup();
        let slot = match groups.iter().position(|(k, _, _)| *k == key) {
            Some(i) => i,
            None => {
                groups.push((key, 0, 0));
                groups.len() - 1
            }
        };
        if checkin {
            groups[slot].1 += 1;
        } else {
            groups[slot].2 += 1;
        }
    };
    for c in db.checkins.iter().filter(|c| !c.meta.deleted && goals.contains(&c.goal_id.as_str())) {
        if let Some(chosen) = c.visible_to.as_deref().filter(|_| can_see(db, viewer, c)) {
            add(chosen, true);
        }
    }
    for c in db.comments.iter().filter(|c| !c.meta.deleted && goals.contains(&c.goal_id.as_str())) {
        if let Some(chosen) = c.visible_to.as_deref().filter(|_| can_see(db, viewer, c)) {
            add(chosen, false);
        }
    }
    groups
}
