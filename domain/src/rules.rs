//! Who may do what, and how a goal moves from proposed to active to ended.
//! Every change is a pure function from the records to the records to write,
//! so the UI never re-implements a rule and every device applies the same ones.

use crate::date::Date;
use crate::db::Db;
use crate::model::*;

/// Where a goal stands. Derived from the agreements, never stored, so that
/// agreements arriving from several devices need no merging.
#[derive(Clone, Debug, PartialEq)]
pub enum GoalStatus {
    /// Waits for agreement to the current revision.
    Proposed {
        /// Who has agreed to this revision.
        agreed: Vec<Id>,
        /// Who still has to agree.
        waiting: Vec<Id>,
    },
    /// Everyone agreed to the current revision.
    Active,
    /// Ended, with how it ended.
    Ended(Outcome),
}

impl GoalStatus {
    /// Everyone agreed and the goal has not ended: check-ins are open.
    pub fn is_active(&self) -> bool {
        matches!(self, GoalStatus::Active)
    }

    /// The goal is proposed and still needs this person's agreement.
    pub fn is_waiting_for(&self, person_id: &str) -> bool {
        matches!(self, GoalStatus::Proposed { waiting, .. } if waiting.iter().any(|w| w == person_id))
    }
}

/// Why an action is not allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleError {
    /// Only members of the pupil's team may do this.
    NotInTeam,
    /// The goal has ended; nothing more can change on it.
    GoalEnded,
    /// Agreement is only given to a proposed revision.
    NotProposed,
    /// This person already agreed to this revision.
    AlreadyAgreed,
    /// Check-ins follow up active goals only.
    NotActive,
    /// A goal never ends silently.
    ReasonMissing,
    /// Only the pupil confirms what stands in their strengths profile.
    OnlyPupilConfirms,
    /// A parent joins the team only if the pupil wants: the pupil adds them.
    OnlyPupilInvitesParent,
    /// Pupils have their own team; they are not members of another's.
    PupilsAreNotMembers,
    /// Leaders read the anonymised report; they are never in a team.
    LeadersAreNotMembers,
    /// The person is in the team already.
    AlreadyInTeam,
    /// The proposed change is the same as the current revision.
    NothingChanged,
    /// The goal has been revised as often as a record can count
    /// ([`MAX_VERSION`] times): propose a new goal instead.
    TooManyRevisions,
    /// A team is always a pupil's: nobody gathers a team around an adult.
    NotAPupil,
    /// Only the pupil, or the member themself, takes someone out of the team.
    OnlyPupilOrMemberRemoves,
}

/// The people whose agreement the goal's current revision needs: the pupil
/// and every member who had joined the team when the revision was proposed.
pub fn required_agreers(db: &Db, goal: &Goal) -> Vec<Id> {
    let mut people = vec![goal.pupil_id.clone()];
    for member in db.members.iter().filter(|m| m.pupil_id == goal.pupil_id && !m.meta.deleted) {
        if member.since <= goal.proposed_on
            && db.person(&member.person_id).is_some_and(|p| p.role != Role::Leader)
            && !people.contains(&member.person_id)
        {
            people.push(member.person_id.clone());
        }
    }
    people
}

/// Where the goal stands: ended if it has an ending; otherwise active when
/// every [required agreer](required_agreers) agreed to the current revision,
/// and proposed until then. Agreements from outside the team never count.
pub fn goal_status(db: &Db, goal: &Goal) -> GoalStatus {
    if let Some(ending) = &goal.ended {
        return GoalStatus::Ended(ending.outcome);
    }
    let agreements = db.agreements_to(&goal.id, goal.revision, &goal.fingerprint);
    let mut agreed: Vec<Id> = Vec::new();
    for agreement in agreements {
        if db.is_in_team(&goal.pupil_id, &agreement.person_id) && !agreed.contains(&agreement.person_id) {
            agreed.push(agreement.person_id.clone());
        }
    }
    let waiting: Vec<Id> = required_agreers(db, goal).into_iter().filter(|p| !agreed.contains(p)).collect();
    if waiting.is_empty() {
        GoalStatus::Active
    } else {
        GoalStatus::Proposed { agreed, waiting }
    }
}

/// The day the goal's current revision became active: the day the last
/// required member agreed to it (each member's first agreement counts).
/// `None` unless the goal is active now.
pub fn activated_on(db: &Db, goal: &Goal) -> Option<Date> {
    if !goal_status(db, goal).is_active() {
        return None;
    }
    let agreements = db.agreements_to(&goal.id, goal.revision, &goal.fingerprint);
    required_agreers(db, goal)
        .iter()
        .filter_map(|person| agreements.iter().filter(|a| &a.person_id == person).map(|a| a.on).min())
        .max()
        .map(|day| day.max(goal.proposed_on))
}

/// A new goal, proposed by a team member. The proposer's own agreement is
/// returned with it: proposing a wording means agreeing to it.
pub fn propose_goal(
    db: &Db,
    id: Id,
    agreement_id: Id,
    pupil_id: &str,
    by: &str,
    on: Date,
    content: GoalContent,
) -> Result<(Goal, Agreement), RuleError> {
    if !db.is_in_team(pupil_id, by) {
        return Err(RuleError::NotInTeam);
    }
    let goal = Goal {
        id,
        pupil_id: pupil_id.to_string(),
        revision: 1,
        fingerprint: crate::fingerprint::fingerprint(&content),
        content,
        proposed_by: by.to_string(),
        proposed_on: on,
        history: Vec::new(),
        ended: None,
        meta: Meta::default(),
    };
    let agreement = agree_record(agreement_id, &goal, by, on);
    Ok((goal, agreement))
}

fn agree_record(id: Id, goal: &Goal, by: &str, on: Date) -> Agreement {
    Agreement {
        id,
        goal_id: goal.id.clone(),
        revision: goal.revision,
        fingerprint: goal.fingerprint.clone(),
        person_id: by.to_string(),
        on,
        meta: Meta::default(),
    }
}

/// One member's agreement to the goal's current revision.
pub fn agree(db: &Db, id: Id, goal: &Goal, by: &str, on: Date) -> Result<Agreement, RuleError> {
    if !db.is_in_team(&goal.pupil_id, by) {
        return Err(RuleError::NotInTeam);
    }
    match goal_status(db, goal) {
        GoalStatus::Ended(_) => Err(RuleError::GoalEnded),
        GoalStatus::Active => Err(RuleError::NotProposed),
        GoalStatus::Proposed { agreed, .. } if agreed.iter().any(|a| a == by) => Err(RuleError::AlreadyAgreed),
        GoalStatus::Proposed { .. } => Ok(agree_record(id, goal, by, on)),
    }
}

/// A changed goal: the next revision, which everyone must agree to again.
/// The earlier wording stays in the history with the agreements it had.
pub fn revise_goal(
    db: &Db,
    agreement_id: Id,
    goal: &Goal,
    by: &str,
    on: Date,
    content: GoalContent,
) -> Result<(Goal, Agreement), RuleError> {
    if !db.is_in_team(&goal.pupil_id, by) {
        return Err(RuleError::NotInTeam);
    }
    if goal.ended.is_some() {
        return Err(RuleError::GoalEnded);
    }
    if content == goal.content {
        return Err(RuleError::NothingChanged);
    }
    let mut revised = goal.clone();
    revised.history.push(GoalRevision {
        revision: goal.revision,
        content: goal.content.clone(),
        proposed_by: goal.proposed_by.clone(),
        proposed_on: goal.proposed_on,
    });
    revised.revision = next_version(goal.revision).ok_or(RuleError::TooManyRevisions)?;
    revised.set_content(content);
    revised.proposed_by = by.to_string();
    revised.proposed_on = on;
    let agreement = agree_record(agreement_id, &revised, by, on);
    Ok((revised, agreement))
}

/// Ends a goal as achieved, revised or stopped, always with a reason.
pub fn end_goal(db: &Db, goal: &Goal, by: &str, on: Date, outcome: Outcome, reason: &str) -> Result<Goal, RuleError> {
    if !db.is_in_team(&goal.pupil_id, by) {
        return Err(RuleError::NotInTeam);
    }
    if goal.ended.is_some() {
        return Err(RuleError::GoalEnded);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(RuleError::ReasonMissing);
    }
    let mut ended = goal.clone();
    ended.ended = Some(Ending { outcome, reason: reason.to_string(), by: by.to_string(), on });
    Ok(ended)
}

/// Whether a person may check in on a goal now.
pub fn may_check_in(db: &Db, goal: &Goal, by: &str) -> Result<(), RuleError> {
    if !db.is_in_team(&goal.pupil_id, by) {
        return Err(RuleError::NotInTeam);
    }
    match goal_status(db, goal) {
        GoalStatus::Active => Ok(()),
        GoalStatus::Ended(_) => Err(RuleError::GoalEnded),
        GoalStatus::Proposed { .. } => Err(RuleError::NotActive),
    }
}

/// Whether a person may comment on or encourage a goal.
pub fn may_comment(db: &Db, goal: &Goal, by: &str) -> Result<(), RuleError> {
    if db.is_in_team(&goal.pupil_id, by) {
        Ok(())
    } else {
        Err(RuleError::NotInTeam)
    }
}

/// Whether a person may add to a pupil's strengths profile.
pub fn may_add_strength(db: &Db, pupil_id: &str, by: &str) -> Result<(), RuleError> {
    if db.is_in_team(pupil_id, by) {
        Ok(())
    } else {
        Err(RuleError::NotInTeam)
    }
}

/// Whether `by` may add `person` to the pupil's team. Anyone in the team
/// may add a teacher, coach or other adult; a parent joins only if the
/// pupil wants, so only the pupil adds a parent. A team is always around a
/// pupil: an adult who added people to a "team" of their own would read
/// whatever those people share there.
pub fn may_add_member(db: &Db, pupil_id: &str, by: &str, person: &Person) -> Result<(), RuleError> {
    if db.person(pupil_id).is_none_or(|p| p.role != Role::Pupil) {
        return Err(RuleError::NotAPupil);
    }
    if !db.is_in_team(pupil_id, by) {
        return Err(RuleError::NotInTeam);
    }
    if db.is_in_team(pupil_id, &person.id) {
        return Err(RuleError::AlreadyInTeam);
    }
    match person.role {
        Role::Pupil => Err(RuleError::PupilsAreNotMembers),
        Role::Leader => Err(RuleError::LeadersAreNotMembers),
        Role::Parent if by != pupil_id => Err(RuleError::OnlyPupilInvitesParent),
        _ => Ok(()),
    }
}

/// Whether `by` may take `member` out of the pupil's team (a tombstone on the
/// membership): the pupil, who decides who stands around them, or the member
/// themself, who may leave. Nobody else: a parent does not remove the teacher.
pub fn may_remove_member(member: &Member, by: &str) -> Result<(), RuleError> {
    if by == member.pupil_id || by == member.person_id {
        Ok(())
    } else {
        Err(RuleError::OnlyPupilOrMemberRemoves)
    }
}

/// The pupil confirms an entry in their own strengths profile.
pub fn confirm_strength(strength: &Strength, by: &str) -> Result<Strength, RuleError> {
    if strength.pupil_id != by {
        return Err(RuleError::OnlyPupilConfirms);
    }
    let mut confirmed = strength.clone();
    confirmed.confirmed = true;
    Ok(confirmed)
}

/// An entry added by the pupil is theirs already; anyone else's waits for the pupil.
pub fn new_strength_is_confirmed(pupil_id: &str, by: &str) -> bool {
    pupil_id == by
}
