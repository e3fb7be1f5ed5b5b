//! Progress maths: each party's ratings over time, and the Kiresuk–Sherman
//! GAS T-score that sums up a pupil's goals.

use crate::date::Date;
use crate::db::Db;
use crate::model::*;

/// Correlation between goal scores assumed by Kiresuk and Sherman.
pub const RHO: f64 = 0.3;

/// One goal's weight and attainment (−2 … +2; may be fractional when it is a
/// mean of several ratings).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Attainment {
    /// The goal's weight, above 0.
    pub weight: f64,
    /// The attainment, −2 … +2 (values outside are clamped).
    pub level: f64,
}

/// Kiresuk–Sherman T-score:
/// T = 50 + 10·Σwᵢxᵢ / √((1−ρ)Σwᵢ² + ρ(Σwᵢ)²), ρ = 0.3.
/// 50 means every goal is at its expected outcome. `None` without goals or
/// when the weights add up to nothing.
pub fn t_score(goals: &[Attainment]) -> Option<f64> {
    let valid: Vec<&Attainment> =
        goals.iter().filter(|g| g.weight.is_finite() && g.weight > 0.0 && g.level.is_finite()).collect();
    if valid.is_empty() {
        return None;
    }
    let sum_wx: f64 = valid.iter().map(|g| g.weight * g.level.clamp(-2.0, 2.0)).sum();
    let sum_w2: f64 = valid.iter().map(|g| g.weight * g.weight).sum();
    let sum_w: f64 = valid.iter().map(|g| g.weight).sum();
    let denominator = ((1.0 - RHO) * sum_w2 + RHO * sum_w * sum_w).sqrt();
    (denominator > 0.0).then(|| 50.0 + 10.0 * sum_wx / denominator)
}

/// One person's check-ins on one goal, as points over time.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Whose ratings these are.
    pub person_id: Id,
    /// The person's role ([`Role::Other`] if the person is unknown).
    pub role: Role,
    /// (day, GAS level or measured value), oldest first.
    pub points: Vec<(Date, f64)>,
}

/// What a chart plots: GAS levels, or measured values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// GAS levels −2 … +2.
    Gas,
    /// The measure's counted values.
    Measure,
}

/// The goal's natural scale: its measure where it has one, as that carries the aim line.
pub fn scale_of(goal: &GoalContent) -> Scale {
    if goal.measure.is_some() {
        Scale::Measure
    } else {
        Scale::Gas
    }
}

/// Each person's ratings of a goal, the pupil's first, never averaged together.
pub fn series(db: &Db, goal: &Goal, scale: Scale) -> Vec<Series> {
    let mut all: Vec<Series> = Vec::new();
    for checkin in db.checkins_on(&goal.id) {
        let point = match scale {
            Scale::Gas => checkin.gas.map(|g| f64::from(g.value())),
            Scale::Measure => checkin.value,
        };
        let Some(point) = point else { continue };
        let role = db.person(&checkin.person_id).map(|p| p.role).unwrap_or(Role::Other);
        match all.iter_mut().find(|s| s.person_id == checkin.person_id) {
            Some(s) => s.points.push((checkin.on, point)),
            None => all.push(Series { person_id: checkin.person_id.clone(), role, points: vec![(checkin.on, point)] }),
        }
    }
    all.sort_by_key(|s| (s.role != Role::Pupil, s.role));
    all
}

/// The latest GAS level each person gave the goal's current revision.
/// Ratings from before the revision was proposed were given on an earlier
/// wording of the scale and say nothing about this one.
fn latest_levels(db: &Db, goal: &Goal) -> Vec<(Role, f64)> {
    series(db, goal, Scale::Gas)
        .into_iter()
        .filter_map(|s| s.points.last().filter(|(day, _)| *day >= goal.proposed_on).map(|&(_, level)| (s.role, level)))
        .collect()
}

/// A pupil's T-scores: from the pupil's own latest ratings, from the adults'
/// latest ratings, and from everyone's. Shown side by side so the pupil's
/// view is never averaged away.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TeamScores {
    /// From the pupil's own latest ratings.
    pub pupil: Option<f64>,
    /// From the adults' latest ratings, averaged per goal.
    pub adults: Option<f64>,
    /// From everyone's latest ratings, averaged per goal.
    pub everyone: Option<f64>,
    /// Active GAS goals with at least one rating.
    pub goals_counted: usize,
}

/// The pupil's T-scores over their active goals with a GAS scale, from each
/// person's latest rating of each goal's current revision.
pub fn team_scores(db: &Db, pupil_id: &str) -> TeamScores {
    let mut pupil = Vec::new();
    let mut adults = Vec::new();
    let mut everyone = Vec::new();
    for goal in db.goals_of(pupil_id) {
        if goal.content.gas.is_none() || !crate::rules::goal_status(db, goal).is_active() {
            continue;
        }
        let weight = goal.content.weight;
        let levels = latest_levels(db, goal);
        if levels.is_empty() {
            continue;
        }
        let mean = |it: &mut dyn Iterator<Item = f64>| {
            let (sum, n) = it.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
            (n > 0).then(|| sum / n as f64)
        };
        if let Some(level) = mean(&mut levels.iter().filter(|(r, _)| *r == Role::Pupil).map(|(_, l)| *l)) {
            pupil.push(Attainment { weight, level });
        }
        if let Some(level) = mean(&mut levels.iter().filter(|(r, _)| *r != Role::Pupil).map(|(_, l)| *l)) {
            adults.push(Attainment { weight, level });
        }
        if let Some(level) = mean(&mut levels.iter().map(|(_, l)| *l)) {
            everyone.push(Attainment { weight, level });
        }
    }
    TeamScores {
        pupil: t_score(&pupil),
        adults: t_score(&adults),
        everyone: t_score(&everyone),
        goals_counted: everyone.len(),
    }
}

/// The day of the latest check-in on a goal, by anyone.
pub fn last_check_in(db: &Db, goal_id: &str) -> Option<Date> {
    db.checkins.in_group(goal_id).filter(|c| !c.meta.deleted).map(|c| c.on).max()
}
