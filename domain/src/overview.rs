//! The teacher's overview of all their pupils: what waits for agreement,
//! which goals nobody has followed up, which reviews are due.

use crate::date::Date;
use crate::db::Db;
use crate::model::*;
use crate::rules::{activated_on, goal_status, GoalStatus};
use std::collections::HashMap;

/// A goal with no check-in for this many days needs attention.
pub const STALE_DAYS: i64 = 14;

/// One pupil's line in the overview.
#[derive(Clone, Debug, PartialEq)]
pub struct PupilRow {
    /// The pupil.
    pub pupil_id: Id,
    /// The pupil's name.
    pub name: String,
    /// Goals everyone agreed to.
    pub active_goals: usize,
    /// Proposed goals waiting for anyone's agreement.
    pub waiting_for_agreement: usize,
    /// Of those, the ones waiting for the viewer's own agreement.
    pub waiting_for_me: usize,
    /// Active goals without a check-in for [`STALE_DAYS`] days (counted from
    /// the day the goal's current revision became active at the earliest).
    pub without_check_in: usize,
    /// Goals whose review date has come.
    pub reviews_due: usize,
    /// The latest check-in on any of the pupil's goals, ended ones included.
    pub last_check_in: Option<Date>,
}

impl PupilRow {
    /// Something waits for agreement, a follow-up or a review.
    pub fn needs_attention(&self) -> bool {
        self.waiting_for_agreement > 0 || self.without_check_in > 0 || self.reviews_due > 0
    }
}

/// Builds the overview rows for everyone whose team `viewer` is in.
pub fn pupil_rows(db: &Db, viewer: &str, today: Date) -> Vec<PupilRow> {
    // One pass over all check-ins instead of one per goal: a teacher with 30
    // pupils may have tens of thousands of check-ins.
    let mut last_by_goal: HashMap<&str, Date> = HashMap::new();
    for checkin in db.checkins.iter().filter(|c| !c.meta.deleted) {
        let last = last_by_goal.entry(checkin.goal_id.as_str()).or_insert(checkin.on);
        *last = (*last).max(checkin.on);
    }
    db.pupils_of(viewer)
        .into_iter()
        .map(|pupil| {
            let mut row = PupilRow {
                pupil_id: pupil.id.clone(),
                name: pupil.name.clone(),
                active_goals: 0,
                waiting_for_agreement: 0,
                waiting_for_me: 0,
                without_check_in: 0,
                reviews_due: 0,
                last_check_in: None,
            };
            for goal in db.goals_of(&pupil.id) {
                let status = goal_status(db, goal);
                let last = last_by_goal.get(goal.id.as_str()).copied();
                row.last_check_in = row.last_check_in.max(last);
                match &status {
                    GoalStatus::Proposed { waiting, .. } => {
                        row.waiting_for_agreement += 1;
                        if waiting.iter().any(|w| w == viewer) {
                            row.waiting_for_me += 1;
                        }
                    }
                    GoalStatus::Active => {
                        row.active_goals += 1;
                        // Nobody could check in before the goal became active,
                        // so the quiet days count from then at the earliest.
                        let activated = activated_on(db, goal).unwrap_or(goal.proposed_on);
                        let since = last.map_or(activated, |last| last.max(activated));
                        if since.days_until(today) >= STALE_DAYS {
                            row.without_check_in += 1;
                        }
                    }
                    GoalStatus::Ended(_) => continue,
                }
                if goal.content.review_date <= today {
                    row.reviews_due += 1;
                }
            }
            row
        })
        .collect()
}

/// Which rows to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    /// Every pupil.
    #[default]
    All,
    /// Pupils with anything waiting (see [`PupilRow::needs_attention`]).
    NeedsAttention,
    /// Pupils with a goal waiting for agreement.
    WaitingForAgreement,
    /// Pupils with an active goal nobody has checked in on lately.
    WithoutCheckIn,
    /// Pupils with a goal due for review.
    ReviewDue,
}

impl Filter {
    /// Every filter, in the order the UI offers them.
    pub const ALL: [Filter; 5] =
        [Filter::All, Filter::NeedsAttention, Filter::WaitingForAgreement, Filter::WithoutCheckIn, Filter::ReviewDue];

    /// Whether the row passes this filter.
    pub fn keeps(self, row: &PupilRow) -> bool {
        match self {
            Filter::All => true,
            Filter::NeedsAttention => row.needs_attention(),
            Filter::WaitingForAgreement => row.waiting_for_agreement > 0,
            Filter::WithoutCheckIn => row.without_check_in > 0,
            Filter::ReviewDue => row.reviews_due > 0,
        }
    }
}

/// Column to sort by. Counts sort largest first, names A–Z, and the last
/// check-in oldest (or never) first, so what needs attention comes on top.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// The pupil's name, A–Z.
    #[default]
    Name,
    /// Most goals waiting for agreement first.
    WaitingForAgreement,
    /// Most goals without a recent check-in first.
    WithoutCheckIn,
    /// Most reviews due first.
    ReviewsDue,
    /// Never checked in first, then the oldest last check-in.
    LastCheckIn,
}

impl SortBy {
    /// Every sort order, in the order the UI offers them.
    pub const ALL: [SortBy; 5] =
        [SortBy::Name, SortBy::WaitingForAgreement, SortBy::WithoutCheckIn, SortBy::ReviewsDue, SortBy::LastCheckIn];
}

/// Filters and sorts rows; ties keep name order.
pub fn arrange(mut rows: Vec<PupilRow>, filter: Filter, sort: SortBy) -> Vec<PupilRow> {
    rows.retain(|r| filter.keeps(r));
    rows.sort_by_key(|r| r.name.to_lowercase());
    match sort {
        SortBy::Name => {}
        SortBy::WaitingForAgreement => rows.sort_by_key(|r| std::cmp::Reverse(r.waiting_for_agreement)),
        SortBy::WithoutCheckIn => rows.sort_by_key(|r| std::cmp::Reverse(r.without_check_in)),
        SortBy::ReviewsDue => rows.sort_by_key(|r| std::cmp::Reverse(r.reviews_due)),
        SortBy::LastCheckIn => rows.sort_by_key(|r| r.last_check_in),
    }
    rows
}
