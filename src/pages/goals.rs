//! Every goal in the teams of the person using the device, by state.

use crate::components::goal_card::GoalCard;
use crate::i18n::use_i18n;
use crate::state::use_session;
use domain::rules::{goal_status, GoalStatus};
use domain::Goal;
use leptos::prelude::*;
use leptos_router::components::A;

/// Which goals the page lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalGroup {
    Proposed,
    Active,
    Ended,
}

#[component]
pub fn GoalsPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let grouped = Memo::new(move |_| {
        let me = session.me.get().unwrap_or_default();
        session.db.with(|db| {
            let mut groups: [Vec<Goal>; 3] = Default::default();
            for pupil in db.pupils_of(&me) {
                for goal in db.goals_of(&pupil.id) {
                    let index = match goal_status(db, goal) {
                        GoalStatus::Proposed { .. } => 0,
                        GoalStatus::Active => 1,
                        GoalStatus::Ended(_) => 2,
                    };
                    groups[index].push(goal.clone());
                }
            }
            groups
        })
    });
    let section = move |index: usize, kind: GoalGroup| {
        let id = format!("goals-{index}");
        let labelled_by = id.clone();
        view! {
            <section aria-labelledby=labelled_by>
                <h2 id=id>{move || i18n.t().goal_group(kind)}" "<span class="count">{move || format!("({})", grouped.with(|g| g[index].len()))}</span></h2>
                <Show when=move || grouped.with(|g| !g[index].is_empty()) fallback=move || view! { <p class="empty">{move || i18n.t().none_yet}</p> }>
                    <ul class="goal-list" role="list">
                        <For each=move || grouped.with(|g| g[index].clone()) key=|g| (g.id.clone(), g.revision, g.ended.is_some()) let:goal>
                            <li><GoalCard goal=goal show_pupil=true/></li>
                        </For>
                    </ul>
                </Show>
            </section>
        }
    };
    view! {
        <div class="page goals-page">
            <h1>{move || i18n.t().nav_goals}</h1>
            <Show when=move || session.me.get().is_some()
                fallback=move || view! { <p><A href="/">{move || i18n.t().choose_person_first}</A></p> }>
                <div class="goal-groups">
                    {section(0, GoalGroup::Proposed)}
                    {section(1, GoalGroup::Active)}
                    {section(2, GoalGroup::Ended)}
                </div>
            </Show>
        </div>
    }
}
