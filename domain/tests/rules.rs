//! The goal state machine: propose, agree, revise, end; who may do what.

mod common;

use common::*;
use domain::fingerprint;
use domain::rules::{self, GoalStatus, RuleError};
use domain::*;

fn agreement_fingerprint(db: &Db, goal: &str, revision: u32) -> String {
    db.agreements.iter().find(|a| a.goal_id == goal && a.revision == revision).map(|a| a.fingerprint.clone()).unwrap()
}

fn ids(list: &[&str]) -> Vec<Id> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Proposes a goal by `by` on `on` and writes goal and agreement into `db`.
fn propose(db: &mut Db, id: &str, by: &str, on: Date) -> Goal {
    let (goal, agreement) =
        rules::propose_goal(db, id.to_string(), format!("{id}-a-{by}"), "p", by, on, content("Read more")).unwrap();
    db.goals.push(goal.clone());
    db.agreements.push(agreement);
    goal
}

fn agree(db: &mut Db, goal: &Goal, by: &str, on: Date) -> Result<(), RuleError> {
    let id = format!("{}-r{}-a-{by}-{}", goal.id, goal.revision, db.agreements.len());
    let agreement = rules::agree(db, id, goal, by, on)?;
    db.agreements.push(agreement);
    Ok(())
}

#[test]
fn proposing_is_agreeing_and_others_are_waited_for() {
    let mut db = team_db();
    let on = d("2024-03-01");
    let (goal, agreement) =
        rules::propose_goal(&db, "g".into(), "a1".into(), "p", "t", on, content("Read more")).unwrap();
    assert_eq!(goal.id, "g");
    assert_eq!(goal.pupil_id, "p");
    assert_eq!(goal.revision, 1);
    assert_eq!(goal.proposed_by, "t");
    assert_eq!(goal.proposed_on, on);
    assert!(goal.history.is_empty());
    assert_eq!(goal.ended, None);
    assert_eq!(goal.content, content("Read more"));
    assert_eq!(agreement.id, "a1");
    assert_eq!(agreement.goal_id, "g");
    assert_eq!(agreement.revision, 1);
    assert_eq!(agreement.person_id, "t");
    assert_eq!(agreement.on, on);
    db.goals.push(goal.clone());
    db.agreements.push(agreement);

    let status = rules::goal_status(&db, &goal);
    assert_eq!(status, GoalStatus::Proposed { agreed: ids(&["t"]), waiting: ids(&["p", "c", "f"]) });
    assert!(!status.is_active());
    assert!(status.is_waiting_for("p"));
    assert!(status.is_waiting_for("c"));
    assert!(status.is_waiting_for("f"));
    assert!(!status.is_waiting_for("t"), "the proposer has agreed");
    assert!(!status.is_waiting_for("x"), "outsiders are never waited for");
}

#[test]
fn goal_becomes_active_when_the_last_member_agrees() {
    let mut db = team_db();
    let on = d("2024-03-01");
    let goal = propose(&mut db, "g", "t", on);
    assert_eq!(rules::required_agreers(&db, &goal), ids(&["p", "t", "c", "f"]));

    agree(&mut db, &goal, "p", on).unwrap();
    assert_eq!(
        rules::goal_status(&db, &goal),
        GoalStatus::Proposed { agreed: ids(&["t", "p"]), waiting: ids(&["c", "f"]) }
    );
    agree(&mut db, &goal, "c", on.add_days(1)).unwrap();
    assert_eq!(
        rules::goal_status(&db, &goal),
        GoalStatus::Proposed { agreed: ids(&["t", "p", "c"]), waiting: ids(&["f"]) }
    );
    assert_eq!(rules::may_check_in(&db, &goal, "p"), Err(RuleError::NotActive));

    agree(&mut db, &goal, "f", on.add_days(2)).unwrap();
    let status = rules::goal_status(&db, &goal);
    assert_eq!(status, GoalStatus::Active);
    assert!(status.is_active());
    assert!(!status.is_waiting_for("f"));
    for who in ["p", "t", "c", "f"] {
        assert_eq!(rules::may_check_in(&db, &goal, who), Ok(()));
    }
}

#[test]
fn pupil_alone_may_propose_and_the_adults_must_agree() {
    let mut db = team_db();
    let goal = propose(&mut db, "g", "p", d("2024-03-01"));
    assert_eq!(
        rules::goal_status(&db, &goal),
        GoalStatus::Proposed { agreed: ids(&["p"]), waiting: ids(&["t", "c", "f"]) }
    );
}

#[test]
fn a_pupil_without_a_team_activates_their_own_goal() {
    let mut db = Db { people: vec![person("p", Role::Pupil)].into(), ..Db::default() };
    let goal = propose(&mut db, "g", "p", d("2024-03-01"));
    assert_eq!(rules::goal_status(&db, &goal), GoalStatus::Active);
}

#[test]
fn agreeing_twice_is_refused() {
    let mut db = team_db();
    let on = d("2024-03-01");
    let goal = propose(&mut db, "g", "t", on);
    assert_eq!(agree(&mut db, &goal, "t", on), Err(RuleError::AlreadyAgreed), "the proposer already agreed");
    agree(&mut db, &goal, "c", on).unwrap();
    assert_eq!(agree(&mut db, &goal, "c", on.add_days(1)), Err(RuleError::AlreadyAgreed));
    assert_eq!(db.agreements.len(), 2);
}

#[test]
fn agreeing_to_an_active_goal_is_refused() {
    let mut db = team_db();
    let goal = active_goal(&mut db, "g", d("2024-03-01"), content("Read more"));
    assert_eq!(agree(&mut db, &goal, "p", d("2024-03-02")), Err(RuleError::NotProposed));
}

#[test]
fn outsiders_may_do_nothing() {
    let mut db = team_db();
    let on = d("2024-03-01");
    assert_eq!(
        rules::propose_goal(&db, "g".into(), "a".into(), "p", "x", on, content("Read")).unwrap_err(),
        RuleError::NotInTeam
    );
    assert_eq!(
        rules::propose_goal(&db, "g".into(), "a".into(), "p", "nobody", on, content("Read")).unwrap_err(),
        RuleError::NotInTeam
    );
    let goal = propose(&mut db, "g", "t", on);
    assert_eq!(agree(&mut db, &goal, "x", on), Err(RuleError::NotInTeam));
    assert_eq!(
        rules::revise_goal(&db, "a".into(), &goal, "x", on, content("Other")).unwrap_err(),
        RuleError::NotInTeam
    );
    assert_eq!(rules::end_goal(&db, &goal, "x", on, Outcome::Stopped, "no").unwrap_err(), RuleError::NotInTeam);
    assert_eq!(rules::may_check_in(&db, &goal, "x"), Err(RuleError::NotInTeam));
    assert_eq!(rules::may_comment(&db, &goal, "x"), Err(RuleError::NotInTeam));
    assert_eq!(rules::may_add_strength(&db, "p", "x"), Err(RuleError::NotInTeam));
    for who in ["p", "t", "c", "f"] {
        assert_eq!(rules::may_comment(&db, &goal, who), Ok(()));
        assert_eq!(rules::may_add_strength(&db, "p", who), Ok(()));
    }
}

#[test]
fn agreements_from_outsiders_or_deleted_records_do_not_count() {
    let mut db = team_db();
    let on = d("2024-03-01");
    let goal = propose(&mut db, "g", "t", on);
    // Written straight into the database, bypassing the rules (e.g. synced
    // from a misbehaving device): they must not activate the goal.
    for who in ["x", "nobody"] {
        db.agreements.push(Agreement {
            id: format!("forged-{who}"),
            goal_id: "g".into(),
            revision: 1,
            fingerprint: goal.fingerprint.clone(),
            person_id: who.into(),
            on,
            meta: meta("forged"),
        });
    }
    for who in ["p", "c"] {
        agree(&mut db, &goal, who, on).unwrap();
    }
    let mut withdrawn = rules::agree(&db, "withdrawn".into(), &goal, "f", on).unwrap();
    withdrawn.meta.deleted = true;
    db.agreements.push(withdrawn);
    assert_eq!(
        rules::goal_status(&db, &goal),
        GoalStatus::Proposed { agreed: ids(&["t", "p", "c"]), waiting: ids(&["f"]) }
    );
    // An agreement to another revision does not count either.
    db.agreements.push(Agreement {
        id: "other-revision".into(),
        goal_id: "g".into(),
        revision: 2,
        fingerprint: goal.fingerprint.clone(),
        person_id: "f".into(),
        on,
        meta: meta("other-revision"),
    });
    assert!(rules::goal_status(&db, &goal).is_waiting_for("f"));
    agree(&mut db, &goal, "f", on).unwrap();
    assert_eq!(rules::goal_status(&db, &goal), GoalStatus::Active);
}

#[test]
fn an_agreement_to_the_same_revision_with_other_words_never_counts() {
    // Two devices revise one active goal offline: both make "revision 2".
    let mut db = team_db();
    let on = d("2024-03-01");
    let goal = active_goal(&mut db, "g", on, content("Read more"));
    let (mine, my_agreement) =
        rules::revise_goal(&db, "a-t".into(), &goal, "t", on, content("Read 15 minutes a day")).unwrap();
    let (theirs, their_agreement) =
        rules::revise_goal(&db, "a-c".into(), &goal, "c", on, content("Read 12 minutes a day")).unwrap();
    assert_eq!((mine.revision, theirs.revision), (2, 2));
    assert_ne!(mine.fingerprint, theirs.fingerprint);
    assert_eq!(their_agreement.fingerprint, theirs.fingerprint);
    // Both agreements arrive on every device; the goal says the teacher's words.
    db.goals.retain(|g| g.id != "g");
    db.goals.push(mine.clone());
    db.agreements.push(my_agreement);
    db.agreements.push(their_agreement);
    for who in ["p", "f"] {
        agree(&mut db, &mine, who, on).unwrap();
    }
    // The coach agreed to other words: the goal waits for them.
    assert_eq!(
        rules::goal_status(&db, &mine),
        GoalStatus::Proposed { agreed: ids(&["t", "p", "f"]), waiting: ids(&["c"]) }
    );
    agree(&mut db, &mine, "c", on).unwrap();
    assert_eq!(rules::goal_status(&db, &mine), GoalStatus::Active);
}

#[test]
fn words_agreed_before_do_not_count_for_a_later_revision_with_the_same_words() {
    let mut db = team_db();
    let on = d("2024-03-01");
    let goal = active_goal(&mut db, "g", on, content("Read more"));
    let (changed, a1) = rules::revise_goal(&db, "a1".into(), &goal, "t", on, content("Read less")).unwrap();
    let (back, a2) = rules::revise_goal(&db, "a2".into(), &changed, "t", on, content("Read more")).unwrap();
    assert_eq!(back.fingerprint, goal.fingerprint, "the same words have the same fingerprint");
    db.goals.retain(|g| g.id != "g");
    db.goals.push(back.clone());
    db.agreements.push(a1);
    db.agreements.push(a2);
    // Everyone agreed to revision 1 with these words, but revision 3 needs agreement again.
    assert!(rules::goal_status(&db, &back).is_waiting_for("p"));
}

#[test]
fn a_goal_revised_as_often_as_a_record_can_count_stops_there() {
    let db = team_db();
    let on = d("2024-03-01");
    let mut goal = rules::propose_goal(&db, "g".into(), "a".into(), "p", "t", on, content("Read")).unwrap().0;
    goal.revision = MAX_VERSION;
    assert_eq!(
        rules::revise_goal(&db, "b".into(), &goal, "t", on, content("Read more")).map(|_| ()),
        Err(RuleError::TooManyRevisions)
    );
}

#[test]
fn revising_an_active_goal_needs_agreement_again() {
    let mut db = team_db();
    let first_day = d("2024-03-01");
    let goal = active_goal(&mut db, "g", first_day, content("Read more"));
    let revised_on = d("2024-04-15");
    let mut new_content = content("Read 15 minutes a day");
    new_content.review_date = d("2030-06-01");

    let (revised, agreement) =
        rules::revise_goal(&db, "a-rev2".into(), &goal, "c", revised_on, new_content.clone()).unwrap();
    assert_eq!(revised.id, "g");
    assert_eq!(revised.revision, 2);
    assert_eq!(revised.content, new_content);
    assert_eq!(revised.proposed_by, "c");
    assert_eq!(revised.proposed_on, revised_on);
    assert_eq!(
        revised.history,
        vec![GoalRevision {
            revision: 1,
            content: content("Read more"),
            proposed_by: "t".into(),
            proposed_on: first_day
        }]
    );
    assert_eq!(revised.ended, None);
    assert_eq!(agreement.revision, 2);
    assert_eq!(agreement.person_id, "c");
    assert_eq!(agreement.goal_id, "g");
    assert_eq!(agreement.on, revised_on);

    put_goal(&mut db, revised.clone());
    db.agreements.push(agreement);
    assert_eq!(
        rules::goal_status(&db, &revised),
        GoalStatus::Proposed { agreed: ids(&["c"]), waiting: ids(&["p", "t", "f"]) }
    );
    // The agreements to revision 1 still exist and still say who agreed to what.
    let old: Vec<&str> = db
        .agreements_to("g", 1, &fingerprint::fingerprint(&content("Read more")))
        .iter()
        .map(|a| a.person_id.as_str())
        .collect();
    assert_eq!(old, ["t", "p", "c", "f"]);
    assert_eq!(db.agreements_to("g", 2, &revised.fingerprint).len(), 1);
    assert_eq!(agreement_fingerprint(&db, "g", 2), revised.fingerprint);
    assert_eq!(rules::may_check_in(&db, &revised, "p"), Err(RuleError::NotActive));

    for who in ["p", "t", "f"] {
        agree(&mut db, &revised, who, revised_on).unwrap();
    }
    assert_eq!(rules::goal_status(&db, &revised), GoalStatus::Active);

    // A third revision keeps both earlier wordings, oldest first.
    let (third, _) =
        rules::revise_goal(&db, "a-rev3".into(), &revised, "p", d("2024-05-01"), content("Read a whole book")).unwrap();
    assert_eq!(third.revision, 3);
    let history: Vec<(u32, &str, &str)> =
        third.history.iter().map(|h| (h.revision, h.content.title.as_str(), h.proposed_by.as_str())).collect();
    assert_eq!(history, [(1, "Read more", "t"), (2, "Read 15 minutes a day", "c")]);
}

#[test]
fn revising_a_proposed_goal_moves_on_to_the_next_revision() {
    let mut db = team_db();
    let on = d("2024-03-01");
    let goal = propose(&mut db, "g", "t", on);
    agree(&mut db, &goal, "p", on).unwrap();
    let (revised, agreement) = rules::revise_goal(&db, "a2".into(), &goal, "f", on, content("Read with dad")).unwrap();
    put_goal(&mut db, revised.clone());
    db.agreements.push(agreement);
    assert_eq!(revised.revision, 2);
    assert_eq!(
        rules::goal_status(&db, &revised),
        GoalStatus::Proposed { agreed: ids(&["f"]), waiting: ids(&["p", "t", "c"]) }
    );
}

#[test]
fn revising_without_a_change_is_refused() {
    let mut db = team_db();
    let goal = active_goal(&mut db, "g", d("2024-03-01"), content("Read more"));
    assert_eq!(
        rules::revise_goal(&db, "a".into(), &goal, "t", d("2024-03-05"), goal.content.clone()).unwrap_err(),
        RuleError::NothingChanged
    );
    // Any change at all is a change, even the weight.
    let mut heavier = goal.content.clone();
    heavier.weight = 2.0;
    assert!(rules::revise_goal(&db, "a".into(), &goal, "t", d("2024-03-05"), heavier).is_ok());
}

#[test]
fn ending_needs_a_reason() {
    let mut db = team_db();
    let on = d("2024-05-01");
    let goal = active_goal(&mut db, "g", d("2024-03-01"), content("Read more"));
    for reason in ["", "   ", "\n\t"] {
        assert_eq!(
            rules::end_goal(&db, &goal, "t", on, Outcome::Achieved, reason).unwrap_err(),
            RuleError::ReasonMissing
        );
    }
    let ended = rules::end_goal(&db, &goal, "p", on, Outcome::Achieved, "  I read a whole book!  ").unwrap();
    assert_eq!(
        ended.ended,
        Some(Ending { outcome: Outcome::Achieved, reason: "I read a whole book!".into(), by: "p".into(), on })
    );
    // Nothing else about the goal changes.
    assert_eq!(Goal { ended: None, ..ended.clone() }, goal);
    put_goal(&mut db, ended.clone());
    assert_eq!(rules::goal_status(&db, &ended), GoalStatus::Ended(Outcome::Achieved));
}

#[test]
fn a_proposed_goal_can_be_stopped() {
    let mut db = team_db();
    let goal = propose(&mut db, "g", "t", d("2024-03-01"));
    let ended = rules::end_goal(&db, &goal, "c", d("2024-03-02"), Outcome::Stopped, "Too much at once").unwrap();
    put_goal(&mut db, ended.clone());
    assert_eq!(rules::goal_status(&db, &ended), GoalStatus::Ended(Outcome::Stopped));
}

#[test]
fn ended_goals_refuse_every_change() {
    for outcome in [Outcome::Achieved, Outcome::Revised, Outcome::Stopped] {
        let mut db = team_db();
        let goal = propose(&mut db, "g", "t", d("2024-03-01"));
        let ended = rules::end_goal(&db, &goal, "t", d("2024-03-10"), outcome, "Reason").unwrap();
        put_goal(&mut db, ended.clone());
        let later = d("2024-03-11");
        assert_eq!(rules::goal_status(&db, &ended), GoalStatus::Ended(outcome));
        assert_eq!(rules::agree(&db, "a".into(), &ended, "p", later).unwrap_err(), RuleError::GoalEnded);
        assert_eq!(
            rules::revise_goal(&db, "a".into(), &ended, "t", later, content("Other")).unwrap_err(),
            RuleError::GoalEnded
        );
        assert_eq!(
            rules::end_goal(&db, &ended, "t", later, Outcome::Stopped, "Again").unwrap_err(),
            RuleError::GoalEnded
        );
        assert_eq!(rules::may_check_in(&db, &ended, "p"), Err(RuleError::GoalEnded));
        // Talking about an ended goal is still fine.
        assert_eq!(rules::may_comment(&db, &ended, "p"), Ok(()));
    }
}

#[test]
fn members_who_joined_after_the_proposal_are_not_required() {
    let mut db = team_db();
    db.people.push(person("late", Role::Other));
    let proposed_on = d("2024-03-01");
    db.members.push(member("p", "late", proposed_on.add_days(1)));
    let goal = propose(&mut db, "g", "t", proposed_on);
    assert_eq!(rules::required_agreers(&db, &goal), ids(&["p", "t", "c", "f"]));
    for who in ["p", "c", "f"] {
        agree(&mut db, &goal, who, proposed_on).unwrap();
    }
    assert_eq!(rules::goal_status(&db, &goal), GoalStatus::Active);
    assert_eq!(rules::may_check_in(&db, &goal, "late"), Ok(()), "but they are in the team");

    // A revision proposed after they joined waits for them too.
    let (revised, agreement) =
        rules::revise_goal(&db, "r2".into(), &goal, "t", d("2024-04-01"), content("Read even more")).unwrap();
    put_goal(&mut db, revised.clone());
    db.agreements.push(agreement);
    assert_eq!(rules::required_agreers(&db, &revised), ids(&["p", "t", "c", "f", "late"]));
    assert!(rules::goal_status(&db, &revised).is_waiting_for("late"));
}

#[test]
fn a_late_member_may_still_agree_while_the_goal_is_proposed() {
    let mut db = team_db();
    db.people.push(person("late", Role::Other));
    let proposed_on = d("2024-03-01");
    db.members.push(member("p", "late", proposed_on.add_days(3)));
    let goal = propose(&mut db, "g", "t", proposed_on);
    agree(&mut db, &goal, "late", proposed_on.add_days(4)).unwrap();
    assert_eq!(
        rules::goal_status(&db, &goal),
        GoalStatus::Proposed { agreed: ids(&["t", "late"]), waiting: ids(&["p", "c", "f"]) }
    );
}

#[test]
fn members_who_joined_on_the_day_of_the_proposal_are_required() {
    // A team usually meets, adds everyone and proposes the first goal on one day.
    let mut db = team_db();
    db.people.push(person("same-day", Role::Other));
    let on = d("2024-03-01");
    db.members.push(member("p", "same-day", on));
    let goal = propose(&mut db, "g", "t", on);
    assert!(rules::required_agreers(&db, &goal).contains(&"same-day".to_string()));
}

#[test]
fn removed_members_are_neither_required_nor_in_the_team() {
    let mut db = team_db();
    db.members.iter_mut().find(|m| m.person_id == "f").unwrap().meta.deleted = true;
    let on = d("2024-03-01");
    let goal = propose(&mut db, "g", "t", on);
    assert_eq!(rules::required_agreers(&db, &goal), ids(&["p", "t", "c"]));
    assert_eq!(agree(&mut db, &goal, "f", on), Err(RuleError::NotInTeam));
    for who in ["p", "c"] {
        agree(&mut db, &goal, who, on).unwrap();
    }
    assert_eq!(rules::goal_status(&db, &goal), GoalStatus::Active);
}

#[test]
fn a_member_counts_once_even_with_two_membership_records() {
    let mut db = team_db();
    db.members.push(Member { id: "dup".into(), ..member("p", "c", d("2024-01-20")) });
    let goal = propose(&mut db, "g", "t", d("2024-03-01"));
    assert_eq!(rules::required_agreers(&db, &goal), ids(&["p", "t", "c", "f"]));
}

#[test]
fn only_the_pupil_confirms_strengths() {
    let strength = Strength {
        id: "s".into(),
        pupil_id: "p".into(),
        kind: StrengthKind::GoodAt,
        text: "Football".into(),
        circle: None,
        added_by: "c".into(),
        confirmed: false,
        meta: meta("s"),
    };
    for who in ["t", "c", "f", "x"] {
        assert_eq!(rules::confirm_strength(&strength, who).unwrap_err(), RuleError::OnlyPupilConfirms);
    }
    let confirmed = rules::confirm_strength(&strength, "p").unwrap();
    assert!(confirmed.confirmed);
    assert_eq!(Strength { confirmed: false, ..confirmed }, strength);

    assert!(rules::new_strength_is_confirmed("p", "p"));
    assert!(!rules::new_strength_is_confirmed("p", "t"));
}

mod properties {
    //! Random sequences of actions never break the state machine's promises.

    use super::*;
    use proptest::prelude::*;

    /// Everyone who might act: the team, an outsider, someone unknown, and
    /// two people who may join later.
    const PEOPLE: [&str; 8] = ["p", "t", "c", "f", "x", "nobody", "late1", "late2"];

    #[derive(Clone, Debug)]
    enum Action {
        Agree(usize),
        Revise(usize, u8),
        End(usize, bool, u8),
        AddMember(usize, i64),
        RemoveMember(usize),
        Wait(i64),
    }

    fn action() -> impl Strategy<Value = Action> {
        let who = 0..PEOPLE.len();
        prop_oneof![
            6 => who.clone().prop_map(Action::Agree),
            2 => (who.clone(), 0u8..4).prop_map(|(w, v)| Action::Revise(w, v)),
            1 => (who.clone(), any::<bool>(), 0u8..3).prop_map(|(w, r, o)| Action::End(w, r, o)),
            1 => (who.clone(), -20i64..20).prop_map(|(w, s)| Action::AddMember(w, s)),
            1 => who.prop_map(Action::RemoveMember),
            2 => (0i64..10).prop_map(Action::Wait),
        ]
    }

    /// Who must agree, worked out from the definition rather than by the
    /// function under test: the pupil and every living member (with a
    /// person record) who joined on or before the revision's day.
    fn must_agree(db: &Db, goal: &Goal) -> Vec<String> {
        let mut people = vec![goal.pupil_id.clone()];
        for m in &db.members {
            let known = db.people.iter().any(|p| p.id == m.person_id && !p.meta.deleted);
            if m.pupil_id == goal.pupil_id && !m.meta.deleted && known && m.since <= goal.proposed_on {
                people.push(m.person_id.clone());
            }
        }
        people
    }

    fn has_agreed(db: &Db, goal: &Goal, who: &str) -> bool {
        db.agreements.iter().any(|a| {
            a.goal_id == goal.id
                && a.revision == goal.revision
                && a.fingerprint == fingerprint::fingerprint(&goal.content)
                && a.person_id == who
                && !a.meta.deleted
        })
    }

    fn check_invariants(db: &Db, goal: &Goal) -> Result<(), TestCaseError> {
        prop_assert!(goal.revision >= 1);
        prop_assert_eq!(goal.history.len() as u32, goal.revision - 1);
        for (i, h) in goal.history.iter().enumerate() {
            prop_assert_eq!(h.revision, i as u32 + 1);
            prop_assert!(h.proposed_on <= goal.proposed_on);
        }
        let all_agreed = must_agree(db, goal).iter().all(|p| has_agreed(db, goal, p));
        match rules::goal_status(db, goal) {
            GoalStatus::Active => {
                prop_assert!(goal.ended.is_none());
                prop_assert!(all_agreed, "active without everyone's agreement: {:?}", goal);
            }
            GoalStatus::Proposed { agreed, waiting } => {
                prop_assert!(goal.ended.is_none());
                prop_assert!(!all_agreed, "everyone agreed but still proposed");
                prop_assert!(!waiting.is_empty());
                for w in &waiting {
                    prop_assert!(!has_agreed(db, goal, w));
                    prop_assert!(!agreed.contains(w));
                }
                for a in &agreed {
                    prop_assert!(has_agreed(db, goal, a));
                    prop_assert!(db.is_in_team(&goal.pupil_id, a));
                }
            }
            GoalStatus::Ended(outcome) => {
                prop_assert_eq!(Some(outcome), goal.ended.as_ref().map(|e| e.outcome));
            }
        }
        Ok(())
    }

    fn variant(v: u8) -> GoalContent {
        let mut c = content(["Read more", "Read 15 minutes", "Read a book", "Read aloud"][v as usize % 4]);
        c.weight = 1.0 + f64::from(v);
        c
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn random_actions_keep_the_promises(
            proposer in 0..PEOPLE.len(),
            actions in proptest::collection::vec(action(), 0..40),
        ) {
            let mut db = team_db();
            let mut today = d("2024-03-01");
            let Ok((mut goal, agreement)) = rules::propose_goal(
                &db, "g".into(), "a0".into(), "p", PEOPLE[proposer], today, variant(0),
            ) else {
                prop_assert!(!db.is_in_team("p", PEOPLE[proposer]));
                return Ok(());
            };
            db.goals.push(goal.clone());
            db.agreements.push(agreement);
            check_invariants(&db, &goal)?;
            let mut ended_snapshot: Option<Goal> = None;

            for (step, action) in actions.into_iter().enumerate() {
                let before = goal.clone();
                let status_before = rules::goal_status(&db, &goal);
                match action {
                    Action::Agree(w) => {
                        let who = PEOPLE[w];
                        match rules::agree(&db, format!("a{step}"), &goal, who, today) {
                            Ok(a) => {
                                let was_proposed = matches!(status_before, GoalStatus::Proposed { .. });
                                prop_assert!(was_proposed);
                                prop_assert!(db.is_in_team("p", who));
                                prop_assert!(!has_agreed(&db, &goal, who));
                                prop_assert_eq!(a.revision, goal.revision);
                                db.agreements.push(a);
                            }
                            Err(RuleError::NotInTeam) => prop_assert!(!db.is_in_team("p", who)),
                            Err(RuleError::GoalEnded) => prop_assert!(goal.ended.is_some()),
                            Err(RuleError::NotProposed) => prop_assert!(status_before.is_active()),
                            Err(RuleError::AlreadyAgreed) => prop_assert!(has_agreed(&db, &goal, who)),
                            Err(other) => prop_assert!(false, "unexpected {:?}", other),
                        }
                    }
                    Action::Revise(w, v) => {
                        match rules::revise_goal(&db, format!("a{step}"), &goal, PEOPLE[w], today, variant(v)) {
                            Ok((revised, a)) => {
                                prop_assert!(goal.ended.is_none());
                                prop_assert_eq!(revised.revision, goal.revision + 1);
                                prop_assert_eq!(&revised.history[..goal.history.len()], &goal.history[..]);
                                prop_assert_eq!(&revised.history.last().unwrap().content, &goal.content);
                                prop_assert_eq!(a.revision, revised.revision);
                                goal = revised;
                                put_goal(&mut db, goal.clone());
                                db.agreements.push(a);
                            }
                            Err(e) => {
                                let expected = match e {
                                    RuleError::NotInTeam => !db.is_in_team("p", PEOPLE[w]),
                                    RuleError::GoalEnded => goal.ended.is_some(),
                                    RuleError::NothingChanged => variant(v) == goal.content,
                                    _ => false,
                                };
                                prop_assert!(expected, "unexpected {:?}", e);
                            }
                        }
                    }
                    Action::End(w, with_reason, o) => {
                        let outcome = [Outcome::Achieved, Outcome::Revised, Outcome::Stopped][o as usize];
                        let reason = if with_reason { "Done" } else { "  " };
                        match rules::end_goal(&db, &goal, PEOPLE[w], today, outcome, reason) {
                            Ok(ended) => {
                                prop_assert!(with_reason);
                                prop_assert!(goal.ended.is_none());
                                prop_assert_eq!(ended.revision, goal.revision);
                                goal = ended;
                                put_goal(&mut db, goal.clone());
                                ended_snapshot = Some(goal.clone());
                            }
                            Err(e) => {
                                let expected = match e {
                                    RuleError::NotInTeam => !db.is_in_team("p", PEOPLE[w]),
                                    RuleError::GoalEnded => goal.ended.is_some(),
                                    RuleError::ReasonMissing => !with_reason,
                                    _ => false,
                                };
                                prop_assert!(expected, "unexpected {:?}", e);
                            }
                        }
                    }
                    Action::AddMember(w, offset) => {
                        let who = PEOPLE[w];
                        if who != "p" {
                            db.members.push(Member {
                                id: format!("m{step}"),
                                ..member("p", who, today.add_days(offset))
                            });
                            if !db.people.iter().any(|p| p.id == who) && who != "nobody" {
                                db.people.push(person(who, Role::Other));
                            }
                        }
                    }
                    Action::RemoveMember(w) => {
                        for m in db.members.iter_mut().filter(|m| m.person_id == PEOPLE[w]) {
                            m.meta.deleted = true;
                        }
                    }
                    Action::Wait(days) => today = today.add_days(days),
                }
                prop_assert!(goal.revision >= before.revision, "revisions only grow");
                check_invariants(&db, &goal)?;
                if let Some(snapshot) = &ended_snapshot {
                    prop_assert_eq!(&goal, snapshot, "an ended goal never changes");
                    let ended = matches!(rules::goal_status(&db, &goal), GoalStatus::Ended(_));
                    prop_assert!(ended);
                    prop_assert!(rules::may_check_in(&db, &goal, "p").is_err());
                }
            }
        }

        #[test]
        fn agreement_by_every_required_member_activates(
            order in Just(vec!["p", "t", "c", "f"]).prop_shuffle(),
            proposer in 0usize..4,
        ) {
            let mut db = team_db();
            let on = d("2024-03-01");
            let by = ["p", "t", "c", "f"][proposer];
            let (goal, a) = rules::propose_goal(&db, "g".into(), "a0".into(), "p", by, on, variant(1)).unwrap();
            db.goals.push(goal.clone());
            db.agreements.push(a);
            let mut remaining: Vec<&str> = order.into_iter().filter(|w| *w != by).collect();
            while let Some(who) = remaining.pop() {
                prop_assert!(!rules::goal_status(&db, &goal).is_active());
                prop_assert!(rules::goal_status(&db, &goal).is_waiting_for(who));
                let a = rules::agree(&db, format!("a-{who}"), &goal, who, on).unwrap();
                db.agreements.push(a);
            }
            prop_assert_eq!(rules::goal_status(&db, &goal), GoalStatus::Active);
        }
    }
}

mod adding_members {
    use domain::rules::{may_add_member, may_remove_member, RuleError};
    use domain::{Date, Db, Member, Meta, Person, Role};

    fn person(id: &str, role: Role) -> Person {
        Person {
            id: id.into(),
            name: id.into(),
            role,
            organisation: String::new(),
            moderator: false,
            meta: Meta::default(),
        }
    }

    fn team() -> Db {
        let mut db = Db::default();
        for (id, role) in
            [("ida", Role::Pupil), ("mette", Role::Teacher), ("karim", Role::Coach), ("mum", Role::Parent)]
        {
            db.people.push(person(id, role));
        }
        db.people.push(person("noah", Role::Pupil));
        db.members.push(Member {
            id: "m1".into(),
            pupil_id: "ida".into(),
            person_id: "mette".into(),
            since: Date::new(2026, 8, 1).unwrap(),
            meta: Meta::default(),
        });
        db
    }

    #[test]
    fn team_members_add_adults_but_only_the_pupil_adds_a_parent() {
        let db = team();
        let coach = db.person("karim").unwrap().clone();
        let mum = db.person("mum").unwrap().clone();
        assert_eq!(may_add_member(&db, "ida", "mette", &coach), Ok(()));
        assert_eq!(may_add_member(&db, "ida", "ida", &coach), Ok(()));
        assert_eq!(may_add_member(&db, "ida", "mette", &mum), Err(RuleError::OnlyPupilInvitesParent));
        assert_eq!(may_add_member(&db, "ida", "ida", &mum), Ok(()));
    }

    #[test]
    fn outsiders_pupils_and_members_cannot_be_added() {
        let db = team();
        let coach = db.person("karim").unwrap().clone();
        let mette = db.person("mette").unwrap().clone();
        let noah = db.person("noah").unwrap().clone();
        assert_eq!(may_add_member(&db, "ida", "karim", &coach), Err(RuleError::NotInTeam));
        assert_eq!(may_add_member(&db, "ida", "ida", &mette), Err(RuleError::AlreadyInTeam));
        assert_eq!(may_add_member(&db, "ida", "ida", &noah), Err(RuleError::PupilsAreNotMembers));
    }

    #[test]
    fn a_team_is_always_around_a_pupil() {
        let db = team();
        let coach = db.person("karim").unwrap().clone();
        let mum = db.person("mum").unwrap().clone();
        // An adult cannot make a "team" of their own and so read whoever they add.
        assert_eq!(may_add_member(&db, "mette", "mette", &coach), Err(RuleError::NotAPupil));
        assert_eq!(may_add_member(&db, "karim", "karim", &mum), Err(RuleError::NotAPupil));
        // Nor around somebody nobody knows.
        assert_eq!(may_add_member(&db, "ghost", "ghost", &coach), Err(RuleError::NotAPupil));
    }

    #[test]
    fn only_the_pupil_or_the_member_takes_a_member_out() {
        let db = team();
        let mette = db.members.iter().find(|m| m.person_id == "mette").unwrap().clone();
        assert_eq!(may_remove_member(&mette, "ida"), Ok(()), "the pupil decides who stands around them");
        assert_eq!(may_remove_member(&mette, "mette"), Ok(()), "a member may leave");
        // A parent does not remove the teacher, nor a coach anyone.
        assert_eq!(may_remove_member(&mette, "mum"), Err(RuleError::OnlyPupilOrMemberRemoves));
        assert_eq!(may_remove_member(&mette, "karim"), Err(RuleError::OnlyPupilOrMemberRemoves));
    }
}
