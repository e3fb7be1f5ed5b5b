//! The person's home: the pupil's goals and self check-in, the coach's pupils
//! and quick check-ins, or the teacher's overview of all their pupils.

use crate::components::checkin::QuickCheckIn;
use crate::components::goal_card::GoalCard;
use crate::i18n::{bidi, use_i18n};
use crate::lazy::{split_view, LazyView};
use crate::pages::goal::AgreeButton;
use crate::pages::peer::Moderators;
use crate::state::use_session;
use domain::overview::{arrange, pupil_rows, Filter, SortBy};
use domain::rules::goal_status;
use domain::{Goal, Person, Role};
use leptos::prelude::*;
use leptos_router::components::{Redirect, A};

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    // A memo, so that a check-in (a change elsewhere in the data) does not rebuild the home.
    let me = Memo::new(move |_| session.me_person());
    move || match me.get() {
        None => view! { <Redirect path="/"/> }.into_any(),
        Some(me) => match me.role {
            Role::Pupil => view! { <PupilHome me=me/> }.into_any(),
            // The adults' homes live in the pages' chunk (src/lazy.rs), not in the main module.
            Role::Teacher => view! { <LazyView load=move || teacher_home(me.clone())/> }.into_any(),
            Role::Leader => view! { <LazyView load=move || leader_home(me.clone())/> }.into_any(),
            _ => view! { <LazyView load=move || coach_home(me.clone())/> }.into_any(),
        },
    }
}

split_view!(
    /// The teacher's overview.
    teacher_home(me: Person), preload_adult_homes, pages, view! { <TeacherHome me=me/> }
);
split_view!(
    /// The coach's (or parent's) home.
    coach_home(me: Person), preload_coach_home, pages, view! { <CoachHome me=me/> }
);
split_view!(
    /// The leader's home.
    leader_home(me: Person), preload_leader_home, pages, view! { <LeaderHome me=me/> }
);

/// Goals of these pupils that wait for this person's agreement.
fn waiting_for(person_id: &str) -> Vec<Goal> {
    let session = use_session();
    session.db.with(|db| {
        db.pupils_of(person_id)
            .into_iter()
            .flat_map(|p| db.goals_of(&p.id))
            .filter(|g| goal_status(db, g).is_waiting_for(person_id))
            .cloned()
            .collect()
    })
}

/// Active goals of one pupil.
fn active_goals(pupil_id: &str) -> Vec<Goal> {
    let session = use_session();
    session
        .db
        .with(|db| db.goals_of(pupil_id).into_iter().filter(|g| goal_status(db, g).is_active()).cloned().collect())
}

/// "Waiting for your agreement", with an agree button on each goal.
#[component]
fn WaitingForMe(
    /// The person using the device.
    me: Person,
) -> impl IntoView {
    let i18n = use_i18n();
    let me_id = me.id.clone();
    let goals = Memo::new(move |_| waiting_for(&me_id));
    view! {
        <Show when=move || !goals.get().is_empty()>
            <section class="card attention" aria-labelledby="waiting-title">
                <h2 id="waiting-title">
                    <span aria-hidden="true">"⚑ "</span>{move || i18n.t().waiting_for_your_agreement}
                </h2>
                <ul class="goal-list" role="list">
                    <For each=move || goals.get() key=|g| (g.id.clone(), g.revision) let:goal>
                        <li>
                            <GoalCard goal=goal.clone() show_pupil=true/>
                            <AgreeButton goal=goal/>
                        </li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

/// The pupil's home on a tablet: big buttons, plain words.
#[component]
fn PupilHome(
    /// The pupil using the device.
    me: Person,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me_id = me.id.clone();
    let goals = {
        let me_id = me_id.clone();
        Memo::new(move |_| active_goals(&me_id))
    };
    let proposed = {
        let me_id = me_id.clone();
        Memo::new(move |_| {
            session.db.with(|db| {
                db.goals_of(&me_id)
                    .into_iter()
                    .filter(|g| matches!(goal_status(db, g), domain::rules::GoalStatus::Proposed { .. }))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let strengths = {
        let me_id = me_id.clone();
        Memo::new(move |_| {
            session.db.with(|db| {
                db.strengths_of(&me_id)
                    .into_iter()
                    .filter(|s| s.confirmed && s.kind != domain::StrengthKind::Supporter)
                    .map(|s| s.text.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let first_name = me.name.split_whitespace().next().unwrap_or(&me.name).to_string();
    view! {
        <div class="page home pupil-home">
            <h1>{move || bidi(i18n.t().hello(&first_name))}</h1>
            <WaitingForMe me=me.clone()/>
            <section aria-labelledby="today-title">
                <h2 id="today-title">{move || i18n.t().how_did_today_go}</h2>
                <Show when=move || !goals.get().is_empty()
                    fallback=move || view! { <p class="empty">{move || i18n.t().no_active_goals_pupil}</p> }>
                    <For each=move || goals.get() key=|g| (g.id.clone(), g.revision) let:goal>
                        <div class="card">
                            <QuickCheckIn goal=goal.clone() describe=true/>
                            <A href=format!("/goal/{}", goal.id) attr:class="more">{move || i18n.t().see_goal}</A>
                        </div>
                    </For>
                </Show>
            </section>
            <Show when=move || !proposed.get().is_empty()>
                <section aria-labelledby="ideas-title">
                    <h2 id="ideas-title">{move || i18n.t().goals_being_agreed}</h2>
                    <ul class="goal-list" role="list">
                        <For each=move || proposed.get() key=|g| (g.id.clone(), g.revision) let:goal>
                            <li><GoalCard goal=goal/></li>
                        </For>
                    </ul>
                </section>
            </Show>
            <Show when=move || !strengths.get().is_empty()>
                <section class="card" aria-labelledby="my-strengths-title">
                    <h2 id="my-strengths-title"><span aria-hidden="true">"★ "</span>{move || i18n.t().good_at_heading}</h2>
                    <ul class="chips" role="list">
                        <For each=move || strengths.get() key=|s| s.clone() let:text>
                            <li class="chip"><bdi>{text}</bdi></li>
                        </For>
                    </ul>
                </section>
            </Show>
            <nav class="big-actions" aria-label=move || i18n.t().more_actions>
                <A href=format!("/pupil/{}/new-goal", me_id) attr:class="button primary">
                    <span aria-hidden="true">"+ "</span>{move || i18n.t().propose_my_goal}
                </A>
                <A href=format!("/pupil/{}", me_id) attr:class="button">
                    <span aria-hidden="true">"★ "</span>{move || i18n.t().my_strengths_and_team}
                </A>
            </nav>
        </div>
    }
}

/// The coach's home on a phone: each pupil, one tap to open, one tap to rate.
#[component]
fn CoachHome(
    /// The coach, parent or other adult using the device.
    me: Person,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me_id = me.id.clone();
    let pupils =
        Memo::new(move |_| session.db.with(|db| db.pupils_of(&me_id).into_iter().cloned().collect::<Vec<_>>()));
    let first_name = me.name.split_whitespace().next().unwrap_or(&me.name).to_string();
    view! {
        <div class="page home coach-home">
            <h1>{move || bidi(i18n.t().hello(&first_name))}</h1>
            <WaitingForMe me=me.clone()/>
            <section aria-labelledby="pupils-today-title">
                <h2 id="pupils-today-title">{move || i18n.t().your_pupils_today}</h2>
                <Show when=move || !pupils.get().is_empty()
                    fallback=move || view! { <p class="empty">{move || i18n.t().no_teams_yet}</p> }>
                    <ul class="pupil-list" role="list">
                        <For each=move || pupils.get() key=|p| p.id.clone() let:pupil>
                            <li><PupilQuickCheckIns pupil=pupil/></li>
                        </For>
                    </ul>
                </Show>
            </section>
        </div>
    }
}

/// A pupil as a disclosure: the summary opens the pupil's active goals, each with one-tap levels.
#[component]
fn PupilQuickCheckIns(
    /// The pupil.
    pupil: Person,
) -> impl IntoView {
    let i18n = use_i18n();
    let pupil_id = pupil.id.clone();
    let goals = Memo::new(move |_| active_goals(&pupil_id));
    view! {
        <details class="card pupil-quick">
            <summary>
                <span class="person-name">{pupil.name.clone()}</span>
                <span class="count">{move || i18n.t().active_goal_count(goals.get().len())}</span>
            </summary>
            <For each=move || goals.get() key=|g| (g.id.clone(), g.revision) let:goal>
                <QuickCheckIn goal=goal/>
            </For>
            <A href=format!("/pupil/{}", pupil.id) attr:class="more">{move || bidi(i18n.t().open_pupil(&pupil.name))}</A>
        </details>
    }
}

/// A leader's home: no team of their own, the way to the anonymised effect
/// report, and who moderates the peer space.
#[component]
fn LeaderHome(
    /// The leader using the device.
    me: Person,
) -> impl IntoView {
    let i18n = use_i18n();
    let first_name = me.name.split_whitespace().next().unwrap_or(&me.name).to_string();
    view! {
        <div class="page home leader-home">
            <h1>{move || bidi(i18n.t().hello(&first_name))}</h1>
            <section class="card" aria-labelledby="report-link-title">
                <h2 id="report-link-title">{move || i18n.t().report_title()}</h2>
                <p>{move || i18n.t().leader_intro()}</p>
                <A href="/report" attr:class="button primary">{move || i18n.t().open_report()}</A>
            </section>
            <Moderators me_id=me.id.clone()/>
        </div>
    }
}

/// The teacher's overview in a classroom browser: sortable, filterable.
#[component]
fn TeacherHome(
    /// The teacher using the device.
    me: Person,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let filter = RwSignal::new(Filter::All);
    let sort = RwSignal::new(SortBy::Name);
    let me_id = me.id.clone();
    let rows = Memo::new(move |_| {
        let rows = session.with_seen(|db| pupil_rows(db, &me_id, session.today()));
        arrange(rows, filter.get(), sort.get())
    });
    let first_name = me.name.split_whitespace().next().unwrap_or(&me.name).to_string();
    let header = move |column: SortBy, label: &'static str| {
        view! {
            <th scope="col" aria-sort=move || match (sort.get() == column, column) {
                (false, _) => "none",
                // Names A–Z and oldest check-in first ascend; counts put the largest first.
                (true, SortBy::Name | SortBy::LastCheckIn) => "ascending",
                (true, _) => "descending",
            }>
                <button type="button" class="sort" on:click=move |_| sort.set(column)>
                    {label}<span aria-hidden="true">{move || match (sort.get() == column, column) {
                        (false, _) => "",
                        (true, SortBy::Name | SortBy::LastCheckIn) => " ▲",
                        (true, _) => " ▼",
                    }}</span>
                </button>
            </th>
        }
    };
    view! {
        <div class="page home teacher-home">
            <h1>{move || bidi(i18n.t().hello(&first_name))}</h1>
            <WaitingForMe me=me.clone()/>
            <section aria-labelledby="overview-title">
                <h2 id="overview-title">{move || i18n.t().overview_title}</h2>
                <div class="toolbar">
                    <label for="overview-filter">{move || i18n.t().show}</label>
                    <select id="overview-filter" on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some(f) = Filter::ALL.into_iter().find(|f| format!("{f:?}") == chosen) { filter.set(f) }
                    }>
                        {Filter::ALL.into_iter().map(|f| view! {
                            <option value=format!("{f:?}") selected=move || filter.get() == f>{move || i18n.t().filter(f)}</option>
                        }).collect_view()}
                    </select>
                    <span class="count" role="status">{move || i18n.t().pupil_count(rows.get().len())}</span>
                </div>
                <div class="table-wrap">
                    <table class="overview">
                        <caption class="visually-hidden">{move || i18n.t().overview_title}</caption>
                        <thead>
                            {move || {
                                let t = i18n.t();
                                view! {
                                    <tr>
                                        {header(SortBy::Name, t.col_pupil)}
                                        <th scope="col">{t.col_active}</th>
                                        {header(SortBy::WaitingForAgreement, t.col_waiting)}
                                        {header(SortBy::WithoutCheckIn, t.col_stale)}
                                        {header(SortBy::ReviewsDue, t.col_reviews)}
                                        {header(SortBy::LastCheckIn, t.col_last)}
                                    </tr>
                                }
                            }}
                        </thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|row| {
                                let t = i18n.t();
                                let flag = |n: usize| if n > 0 { "attention-cell" } else { "" };
                                view! {
                                    <tr>
                                        <th scope="row"><A href=format!("/pupil/{}", row.pupil_id)>{row.name.clone()}</A></th>
                                        <td>{row.active_goals}</td>
                                        <td class=flag(row.waiting_for_agreement)>{row.waiting_for_agreement}
                                            {(row.waiting_for_me > 0).then(|| view! { <span class="mine">{t.incl_you(row.waiting_for_me)}</span> })}
                                        </td>
                                        <td class=flag(row.without_check_in)>{row.without_check_in}</td>
                                        <td class=flag(row.reviews_due)>{row.reviews_due}</td>
                                        <td>{row.last_check_in.map(|d| i18n.date(d)).unwrap_or_else(|| t.never.to_string())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <p class="more-link"><A href="/report">{move || i18n.t().open_report()}</A></p>
        </div>
    }
}
