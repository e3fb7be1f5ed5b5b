//! A pupil's page: their team, their strengths (first), their goals and
//! how the goals are going as T-scores, the pupil's own beside the adults'.

use crate::backend::new_id;
use crate::components::field::TextField;
use crate::components::goal_card::GoalCard;
use crate::components::pupil_data::{DownloadData, PrivateItems};
use crate::i18n::{plain, use_i18n};
use crate::pages::not_found::NotFoundFor;
use crate::state::use_session;
use domain::progress::team_scores;
use domain::rules::{confirm_strength, may_add_member, may_add_strength, new_strength_is_confirmed, RuleError};
use domain::validate::{strength_text, Field, FieldErrors};
use domain::{Circle, Member, Meta, Person, Role, Strength, StrengthKind};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PupilPage(
    /// The pupil's id, from the path.
    id: String,
) -> impl IntoView {
    let session = use_session();
    let pupil = Memo::new(move |_| session.db.with(|db| db.person(&id).filter(|p| p.role == Role::Pupil).cloned()));
    move || match pupil.get() {
        None => view! { <NotFoundFor what=crate::pages::not_found::Missing::Pupil/> }.into_any(),
        Some(pupil) => view! { <PupilView pupil=pupil/> }.into_any(),
    }
}

#[component]
fn PupilView(
    /// The pupil shown.
    pupil: Person,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let pupil_id = pupil.id.clone();
    let goals = {
        let id = pupil_id.clone();
        Memo::new(move |_| session.db.with(|db| db.goals_of(&id).into_iter().cloned().collect::<Vec<_>>()))
    };
    let scores = {
        let id = pupil_id.clone();
        Memo::new(move |_| session.with_seen(|db| team_scores(db, &id)))
    };
    let in_team = {
        let id = pupil_id.clone();
        Memo::new(move |_| session.me.get().is_some_and(|me| session.db.with(|db| db.is_in_team(&id, &me))))
    };
    view! {
        <div class="page pupil-page">
            <h1>{pupil.name.clone()}</h1>
            <div class="columns">
                <div>
                    <Strengths pupil_id=pupil_id.clone() in_team=in_team/>
                    <Team pupil_id=pupil_id.clone() in_team=in_team/>
                    <PrivateItems pupil_id=pupil_id.clone()/>
                    <DownloadData pupil_id=pupil_id.clone()/>
                </div>
                <div>
                    <section class="card" aria-labelledby="scores-title">
                        <h2 id="scores-title">{move || i18n.t().how_goals_go}</h2>
                        <dl class="scores">
                            {move || {
                                let s = scores.get();
                                let t = i18n.t();
                                let show = |v: Option<f64>| v.map(|v| domain::number::fixed(v, 0)).unwrap_or_else(|| "–".to_string());
                                view! {
                                    <div><dt>{t.score_pupil}</dt><dd>{show(s.pupil)}</dd></div>
                                    <div><dt>{t.score_adults}</dt><dd>{show(s.adults)}</dd></div>
                                    <div><dt>{t.score_everyone}</dt><dd>{show(s.everyone)}</dd></div>
                                }
                            }}
                        </dl>
                        <p class="hint">{move || i18n.t().t_score_explained}</p>
                    </section>
                    <section aria-labelledby="goals-title">
                        <h2 id="goals-title">{move || i18n.t().goals}</h2>
                        <Show when=move || in_team.get()>
                            <A href=format!("/pupil/{}/new-goal", pupil_id) attr:class="button primary">
                                <span aria-hidden="true">"+ "</span>{move || i18n.t().propose_goal}
                            </A>
                        </Show>
                        <Show when=move || !goals.get().is_empty() fallback=move || view! { <p class="empty">{move || i18n.t().no_goals_yet}</p> }>
                            <ul class="goal-list" role="list">
                                <For each=move || goals.get() key=|g| (g.id.clone(), g.revision, g.ended.is_some()) let:goal>
                                    <li><GoalCard goal=goal/></li>
                                </For>
                            </ul>
                        </Show>
                    </section>
                    <crate::pages::erase::EraseLink pupil=pupil.clone()/>
                </div>
            </div>
        </div>
    }
}

/// What the pupil is good at, enjoys, and who supports them. Anyone in the
/// team may add; the pupil confirms.
#[component]
fn Strengths(
    /// The pupil.
    pupil_id: String,
    /// Whether the person using the device is in the pupil's team.
    in_team: Memo<bool>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let strengths = {
        let id = pupil_id.clone();
        Memo::new(move |_| session.db.with(|db| db.strengths_of(&id).into_iter().cloned().collect::<Vec<_>>()))
    };
    let is_pupil = {
        let id = pupil_id.clone();
        Memo::new(move |_| session.me.get().as_deref() == Some(id.as_str()))
    };
    let group = move |kind: StrengthKind| {
        let items: Vec<Strength> = strengths.get().into_iter().filter(|s| s.kind == kind).collect();
        let t = i18n.t();
        view! {
            <div class="strength-group">
                <h3>{t.strength_kind(kind)}</h3>
                {if items.is_empty() {
                    view! { <p class="empty">{t.none_yet}</p> }.into_any()
                } else {
                    view! {
                        <ul class="chips" role="list">
                            {items.into_iter().map(|s| {
                                let confirm = {
                                    let s = s.clone();
                                    move |_| {
                                        let me = session.me.get_untracked().unwrap_or_default();
                                        if let Ok(confirmed) = confirm_strength(&s, &me) {
                                            session.save_one(confirmed);
                                            session.announce(i18n.t_now().strength_confirmed.to_string());
                                        }
                                    }
                                };
                                let label = plain(&t.confirm_strength(&s.text));
                                view! {
                                    <li class="chip" class:suggested=!s.confirmed>
                                        <bdi>{s.text.clone()}</bdi>
                                        {s.circle.map(|c| view! { <span class="circle">{t.circle(c)}</span> })}
                                        {(!s.confirmed).then(|| view! { <span class="suggestion">{t.suggested}</span> })}
                                        {(!s.confirmed && is_pupil.get()).then(|| view! {
                                            <button type="button" class="small" aria-label=label on:click=confirm>
                                                <span aria-hidden="true">"✓ "</span>{t.confirm}
                                            </button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
        }
    };
    view! {
        <section class="card strengths" aria-labelledby="strengths-title">
            <h2 id="strengths-title"><span aria-hidden="true">"★ "</span>{move || i18n.t().strengths}</h2>
            {move || group(StrengthKind::GoodAt)}
            {move || group(StrengthKind::Enjoys)}
            {move || group(StrengthKind::Supporter)}
            <Show when=move || in_team.get()>
                <AddStrength pupil_id=pupil_id.clone()/>
            </Show>
        </section>
    }
}

#[component]
fn AddStrength(
    /// The pupil.
    pupil_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let kind = RwSignal::new(StrengthKind::GoodAt);
    let circle = RwSignal::new(Circle::Family);
    let errors = RwSignal::new(FieldErrors::default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(me) = session.me.get_untracked() else { return };
        if session.db.with_untracked(|db| may_add_strength(db, &pupil_id, &me)).is_err() {
            return;
        }
        match strength_text(&text.get_untracked()) {
            Ok(checked) => {
                let kind = kind.get_untracked();
                session.save_one(Strength {
                    id: new_id(),
                    pupil_id: pupil_id.clone(),
                    kind,
                    text: checked,
                    circle: (kind == StrengthKind::Supporter).then(|| circle.get_untracked()),
                    added_by: me.clone(),
                    confirmed: new_strength_is_confirmed(&pupil_id, &me),
                    meta: Meta::default(),
                });
                session.announce(i18n.t_now().strength_added.to_string());
                text.set(String::new());
                errors.set(FieldErrors::default());
            }
            Err(found) => errors.set(found),
        }
    };
    let kinds = [StrengthKind::GoodAt, StrengthKind::Enjoys, StrengthKind::Supporter];
    let circles = [Circle::Family, Circle::Friends, Circle::Club, Circle::School, Circle::Other];
    view! {
        <form class="add-strength" on:submit=submit novalidate>
            <h3>{move || i18n.t().add_strength}</h3>
            <label for="strength-kind">{move || i18n.t().kind}</label>
            <select id="strength-kind" on:change=move |ev| {
                let chosen = event_target_value(&ev);
                if let Some(k) = kinds.into_iter().find(|k| format!("{k:?}") == chosen) { kind.set(k) }
            }>
                {kinds.into_iter().map(|k| view! {
                    <option value=format!("{k:?}") selected=move || kind.get() == k>{move || i18n.t().strength_kind(k)}</option>
                }).collect_view()}
            </select>
            <Show when=move || kind.get() == StrengthKind::Supporter>
                <label for="strength-circle">{move || i18n.t().from_where}</label>
                <select id="strength-circle" on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(c) = circles.into_iter().find(|c| format!("{c:?}") == chosen) { circle.set(c) }
                }>
                    {circles.into_iter().map(|c| view! {
                        <option value=format!("{c:?}") selected=move || circle.get() == c>{move || i18n.t().circle(c)}</option>
                    }).collect_view()}
                </select>
            </Show>
            <TextField id="strength-text" label=Signal::derive(move || i18n.t().strength_text.to_string()) value=text
                errors=errors field=Field::Text/>
            <button type="submit">{move || i18n.t().add}</button>
        </form>
    }
}

/// The people around the pupil, and adding one more.
#[component]
fn Team(
    /// The pupil.
    pupil_id: String,
    /// Whether the person using the device is in the pupil's team.
    in_team: Memo<bool>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let team = {
        let id = pupil_id.clone();
        Memo::new(move |_| session.db.with(|db| db.team(&id).into_iter().cloned().collect::<Vec<_>>()))
    };
    let candidates = {
        let id = pupil_id.clone();
        Memo::new(move |_| {
            session.db.with(|db| {
                let me = session.me.get().unwrap_or_default();
                db.people_sorted_by(i18n.t().lang.name_order())
                    .into_iter()
                    .filter(|p| may_add_member(db, &id, &me, p).is_ok())
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let chosen = RwSignal::new(String::new());
    let is_pupil = {
        let id = pupil_id.clone();
        move || session.me.get().as_deref() == Some(id.as_str())
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let person_id = chosen.get_untracked();
        let me = session.me.get_untracked().unwrap_or_default();
        let allowed = session.db.with_untracked(|db| {
            db.person(&person_id).is_some_and(|person| may_add_member(db, &pupil_id, &me, person).is_ok())
        });
        if !allowed {
            return;
        }
        session.save_one(Member {
            id: new_id(),
            pupil_id: pupil_id.clone(),
            person_id: person_id.clone(),
            since: session.today_now(),
            meta: Meta::default(),
        });
        let name = session.db.with_untracked(|db| db.person(&person_id).map(|p| p.name.clone())).unwrap_or_default();
        session.announce(i18n.t_now().member_added(&name));
        chosen.set(String::new());
    };
    view! {
        <section class="card team" aria-labelledby="team-title">
            <h2 id="team-title">{move || i18n.t().team}</h2>
            <ul class="team-list" role="list">
                <For each=move || team.get() key=|p| p.id.clone() let:person>
                    <li>
                        <span class="person-name">{person.name.clone()}</span>
                        <span class="person-detail">
                            {move || i18n.t().role(person.role)}
                            {(!person.organisation.is_empty()).then(|| format!(" · {}", person.organisation))}
                        </span>
                    </li>
                </For>
            </ul>
            <Show when=move || in_team.get() && !candidates.get().is_empty()>
                <form class="inline-form" on:submit=add.clone()>
                    <label for="add-member">{move || i18n.t().add_to_team}</label>
                    <select id="add-member" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="" selected=move || chosen.get().is_empty()>{move || i18n.t().choose}</option>
                        <For each=move || candidates.get() key=|p| p.id.clone() let:person>
                            <option value=person.id.clone()>{move || format!("{} ({})", person.name, i18n.t().role(person.role))}</option>
                        </For>
                    </select>
                    <button type="submit">{move || i18n.t().add}</button>
                </form>
            </Show>
            <Show when=move || in_team.get() && !is_pupil()>
                <p class="hint">{move || i18n.t().rule(RuleError::OnlyPupilInvitesParent)}</p>
            </Show>
        </section>
    }
}
