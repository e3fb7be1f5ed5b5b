//! A goal in a list: its words, its state, and who it still waits for.

use crate::i18n::{bidi, use_i18n};
use crate::state::use_session;
use domain::rules::{goal_status, GoalStatus};
use domain::Goal;
use leptos::prelude::*;

/// The goal's state in words, with a shape as well as a colour.
#[component]
pub fn StatusBadge(
    /// The goal's derived status.
    status: GoalStatus,
) -> impl IntoView {
    let i18n = use_i18n();
    // The shape comes from CSS, so the badge's text is only its words.
    let class = match &status {
        GoalStatus::Proposed { .. } => "badge proposed",
        GoalStatus::Active => "badge active",
        GoalStatus::Ended(_) => "badge ended",
    };
    view! { <span class=class>{move || i18n.t().status(&status)}</span> }
}

/// A goal as a card linking to its page.
#[component]
pub fn GoalCard(
    /// The goal to show.
    goal: Goal,
    /// Also name the pupil (in lists across pupils).
    #[prop(default = false)]
    show_pupil: bool,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let (status, pupil_name, waiting_names) = session.db.with_untracked(|db| {
        let status = goal_status(db, &goal);
        let pupil = db.person(&goal.pupil_id).map(|p| p.name.clone()).unwrap_or_default();
        let waiting = match &status {
            GoalStatus::Proposed { waiting, .. } => {
                waiting.iter().filter_map(|id| db.person(id).map(|p| p.name.clone())).collect::<Vec<_>>()
            }
            _ => Vec::new(),
        };
        (status, pupil, waiting)
    });
    let href = format!("/goal/{}", goal.id);
    view! {
        <article class="goal-card">
            <div class="goal-card-head">
                <StatusBadge status=status/>
                {show_pupil.then(|| view! { <span class="goal-pupil">{pupil_name}</span> })}
            </div>
            // A plain link: the router handles it all the same, and leptos_router's <A>
            // costs memory that a list of hundreds does not give back.
            <h3><a href=href><bdi>{goal.content.title.clone()}</bdi></a></h3>
            {(!waiting_names.is_empty()).then(|| view! {
                <p class="waiting">{move || bidi(i18n.t().waiting_for(&waiting_names))}</p>
            })}
            <p class="review">{move || i18n.t().review_on(&i18n.date(goal.content.review_date))}</p>
        </article>
    }
}
