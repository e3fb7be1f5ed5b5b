//! Proposing a goal, and changing one. The same form for both: the pupil's
//! strengths on show, the goal in plain words, how success will be seen, who
//! does what, and when to look again. What was typed is kept on any error.

use crate::backend::new_id;
use crate::components::checkin::signed;
use crate::components::field::{FieldMessage, TextArea, TextField};
use crate::i18n::{bidi, isolate, use_i18n};
use crate::pages::not_found::{Missing, NotFoundFor};
use crate::state::use_session;
use domain::rules::{propose_goal, revise_goal, RuleError};
use domain::validate::{Field, FieldErrors, GoalDraft};
use domain::{GasLevel, Goal, Role, StrengthKind};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewGoalPage(
    /// The pupil's id, from the path.
    id: String,
) -> impl IntoView {
    let session = use_session();
    // Only whether the pupil is known decides what shows: data arriving from the
    // server meanwhile must not rebuild the form and lose what is being typed.
    let pupil = Memo::new(move |_| {
        session.db.with(|db| db.person(&id).filter(|p| p.role == Role::Pupil).map(|p| p.id.clone()))
    });
    move || match pupil.get() {
        None => view! { <NotFoundFor what=Missing::Pupil/> }.into_any(),
        Some(id) => {
            let name = session.db.with_untracked(|db| db.person(&id).map(|p| p.name.clone()).unwrap_or_default());
            view! { <GoalForm pupil_id=id pupil_name=name goal=None/> }.into_any()
        }
    }
}

#[component]
pub fn ReviseGoalPage(
    /// The goal's id, from the path.
    id: String,
) -> impl IntoView {
    let session = use_session();
    // Read once: the form must not be rebuilt (and lose typing) when the goal changes elsewhere.
    let found = session.db.with_untracked(|db| {
        db.goal(&id).cloned().map(|g| {
            let name = db.person(&g.pupil_id).map(|p| p.name.clone()).unwrap_or_default();
            (g, name)
        })
    });
    match found {
        None => view! { <NotFoundFor what=Missing::Goal/> }.into_any(),
        Some((goal, name)) => {
            view! { <GoalForm pupil_id=goal.pupil_id.clone() pupil_name=name goal=Some(goal)/> }.into_any()
        }
    }
}

#[component]
fn GoalForm(
    /// The pupil the goal is for.
    pupil_id: String,
    /// The pupil's name, for the heading.
    pupil_name: String,
    /// The goal being changed, or `None` for a new proposal.
    goal: Option<Goal>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let me = session.me.get_untracked().unwrap_or_default();
    let team = session.db.with_untracked(|db| db.team(&pupil_id).into_iter().cloned().collect::<Vec<_>>());
    let strengths = session.db.with_untracked(|db| db.strengths_of(&pupil_id).into_iter().cloned().collect::<Vec<_>>());
    let in_team = session.db.with_untracked(|db| db.is_in_team(&pupil_id, &me));
    let is_pupil = me == pupil_id;

    let mut initial = match &goal {
        Some(g) => GoalDraft::from_content(&g.content),
        None => GoalDraft { use_gas: true, gas_current: -1, weight: "1".into(), ..Default::default() },
    };
    // One contribution line per team member, in team order, keeping what exists.
    initial.contributions = team
        .iter()
        .map(|p| {
            let text =
                initial.contributions.iter().find(|(id, _)| *id == p.id).map(|(_, t)| t.clone()).unwrap_or_default();
            (p.id.clone(), text)
        })
        .collect();
    if goal.is_none() {
        initial.review_date = session.today_now().add_days(42).to_string();
    }

    let title = RwSignal::new(initial.title.clone());
    let why = RwSignal::new(initial.why.clone());
    let use_gas = RwSignal::new(initial.use_gas);
    let gas_levels: [RwSignal<String>; 5] = std::array::from_fn(|i| RwSignal::new(initial.gas_levels[i].clone()));
    let gas_current = RwSignal::new(initial.gas_current);
    let use_measure = RwSignal::new(initial.use_measure);
    let measure_name = RwSignal::new(initial.measure_name.clone());
    let baseline = RwSignal::new(initial.baseline.clone());
    let target = RwSignal::new(initial.target.clone());
    let contributions: Vec<(String, String, Role, RwSignal<String>)> = team
        .iter()
        .zip(initial.contributions.iter())
        .map(|(p, (_, text))| (p.id.clone(), p.name.clone(), p.role, RwSignal::new(text.clone())))
        .collect();
    let review_date = RwSignal::new(initial.review_date.clone());
    let chosen_strengths = RwSignal::new(initial.strength_ids.clone());
    let weight = RwSignal::new(initial.weight.clone());
    let errors = RwSignal::new(FieldErrors::default());
    let refused = RwSignal::new(None::<RuleError>);

    let contribution_signals: Vec<(String, RwSignal<String>)> =
        contributions.iter().map(|(id, _, _, s)| (id.clone(), *s)).collect();
    let goal_stored = StoredValue::new(goal.clone());
    let pupil = pupil_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = GoalDraft {
            title: title.get_untracked(),
            why: why.get_untracked(),
            use_gas: use_gas.get_untracked(),
            gas_levels: std::array::from_fn(|i| gas_levels[i].get_untracked()),
            gas_current: gas_current.get_untracked(),
            use_measure: use_measure.get_untracked(),
            measure_name: measure_name.get_untracked(),
            baseline: baseline.get_untracked(),
            target: target.get_untracked(),
            contributions: contribution_signals.iter().map(|(id, s)| (id.clone(), s.get_untracked())).collect(),
            review_date: review_date.get_untracked(),
            strength_ids: chosen_strengths.get_untracked(),
            weight: weight.get_untracked(),
        };
        let content = match draft.validate(session.today_now()) {
            Ok(content) => content,
            Err(found) => {
                errors.set(found);
                focus_first_error();
                return;
            }
        };
        errors.set(FieldErrors::default());
        let me = session.me.get_untracked().unwrap_or_default();
        let result = session.db.with_untracked(|db| match goal_stored.get_value() {
            None => propose_goal(db, new_id(), new_id(), &pupil, &me, session.today_now(), content),
            Some(existing) => {
                let current = db.goal(&existing.id).cloned().unwrap_or(existing);
                revise_goal(db, new_id(), &current, &me, session.today_now(), content)
            }
        });
        match result {
            Ok((saved, agreement)) => {
                let id = saved.id.clone();
                session.save_one(saved);
                session.save_one(agreement);
                session.announce(i18n.t_now().goal_proposed.to_string());
                navigate(&format!("/goal/{id}"), Default::default());
            }
            Err(rule) => refused.set(Some(rule)),
        }
    };

    move || {
        let t = i18n.t();
        let strengths = strengths.clone();
        let contributions = contributions.clone();
        let submit = submit.clone();
        let heading = if goal.is_some() { t.change_goal_for(&pupil_name) } else { t.propose_goal_for(&pupil_name) };
        let level_labels = move |i: usize| i18n.t().level_label(isolate(&signed(i as i8 - 2)), i);
        view! {
            <div class="page goal-form-page">
                <h1>{bidi(heading)}</h1>
                {goal.is_some().then(|| view! { <p class="card attention">{t.change_needs_agreement}</p> })}
                {(!in_team).then(|| view! { <p class="card attention" role="alert">{t.not_in_team}</p> })}
                <form class="goal-form" on:submit=submit novalidate>
                    <p class="form-summary" role="alert" hidden=move || errors.with(|e| e.is_empty()) && refused.get().is_none()>
                        {move || refused.get().map(|r| i18n.t().rule(r)).unwrap_or(i18n.t().fix_marked_fields)}
                    </p>
                    {(!strengths.is_empty()).then(|| {
                        let strengths = strengths.clone();
                        view! {
                            <fieldset class="card strengths-pick">
                                <legend><span aria-hidden="true">"★ "</span>{bidi(t.strengths_to_build_on(&pupil_name))}</legend>
                                {strengths.into_iter().filter(|s| s.kind != StrengthKind::Supporter || s.confirmed).map(|s| {
                                    let id = format!("strength-{}", s.id);
                                    let sid = s.id.clone();
                                    let sid2 = s.id.clone();
                                    view! {
                                        <div class="checkbox">
                                            <input type="checkbox" id=id.clone()
                                                prop:checked=move || chosen_strengths.with(|c| c.contains(&sid))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen_strengths.update(|c| {
                                                        c.retain(|x| *x != sid2);
                                                        if on { c.push(sid2.clone()) }
                                                    });
                                                }/>
                                            <label for=id>{s.text.clone()}" "<span class="hint">{i18n.t().strength_kind(s.kind)}</span></label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        }
                    })}
                    <TextField id="goal-title" label=Signal::derive(move || i18n.t().goal_title_label(is_pupil).to_string())
                        hint=Signal::derive(move || i18n.t().goal_title_hint.to_string()) value=title errors=errors field=Field::Title/>
                    <TextArea id="goal-why" label=Signal::derive(move || i18n.t().why_label.to_string()) value=why errors=errors field=Field::Why/>

                    <fieldset class="card">
                        <legend>{t.how_we_see_it}</legend>
                        <FieldMessage id="goal-scale" errors=errors field=Field::Scale/>
                        <div class="checkbox">
                            <input type="checkbox" id="use-gas" prop:checked=move || use_gas.get()
                                on:change=move |ev| use_gas.set(event_target_checked(&ev))/>
                            <label for="use-gas">{t.use_gas}</label>
                        </div>
                        <Show when=move || use_gas.get()>
                            <p class="hint">{move || i18n.t().gas_hint}</p>
                            {(0..5).rev().map(|i| {
                                let id = ["gas-level-0", "gas-level-1", "gas-level-2", "gas-level-3", "gas-level-4"][i];
                                view! {
                                    <TextField id=id label=Signal::derive(move || level_labels(i)) value=gas_levels[i]
                                        errors=errors field=Field::GasLevel(i)/>
                                }
                            }).collect_view()}
                            <fieldset class="radio-levels inline">
                                <legend>{move || i18n.t().where_now}</legend>
                                {GasLevel::ALL.into_iter().map(|level| {
                                    let id = format!("gas-current-{}", level.index());
                                    view! {
                                        <div class="radio">
                                            <input type="radio" name="gas-current" id=id.clone()
                                                prop:checked=move || gas_current.get() == level.value()
                                                on:change=move |_| gas_current.set(level.value())/>
                                            <label for=id dir="ltr">{signed(level.value())}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        </Show>
                        <div class="checkbox">
                            <input type="checkbox" id="use-measure" prop:checked=move || use_measure.get()
                                on:change=move |ev| use_measure.set(event_target_checked(&ev))/>
                            <label for="use-measure">{t.use_measure}</label>
                        </div>
                        <Show when=move || use_measure.get()>
                            <TextField id="measure-name" label=Signal::derive(move || i18n.t().measure_name.to_string())
                                hint=Signal::derive(move || i18n.t().measure_hint.to_string())
                                value=measure_name errors=errors field=Field::MeasureName/>
                            <div class="pair">
                                <TextField id="measure-baseline" label=Signal::derive(move || i18n.t().baseline.to_string())
                                    value=baseline errors=errors field=Field::Baseline decimal=true/>
                                <TextField id="measure-target" label=Signal::derive(move || i18n.t().target.to_string())
                                    value=target errors=errors field=Field::Target decimal=true/>
                            </div>
                        </Show>
                    </fieldset>

                    <fieldset class="card">
                        <legend>{t.who_does_what}</legend>
                        {contributions.into_iter().enumerate().map(|(i, (_, name, role, signal))| view! {
                            <TextArea id=format!("contribution-{i}") label=Signal::derive(move || i18n.t().what_will_do(&name, role))
                                value=signal errors=errors field=Field::Contribution(i) rows=2/>
                        }).collect_view()}
                    </fieldset>

                    <div class="pair">
                        <TextField id="review-date" kind="date" label=Signal::derive(move || i18n.t().review_date.to_string())
                            value=review_date errors=errors field=Field::ReviewDate/>
                        <TextField id="goal-weight" label=Signal::derive(move || i18n.t().weight.to_string())
                            hint=Signal::derive(move || i18n.t().weight_hint.to_string())
                            value=weight errors=errors field=Field::Weight decimal=true/>
                    </div>
                    <button type="submit" class="primary big">
                        {if goal.is_some() { t.propose_change } else { t.propose_goal }}
                    </button>
                </form>
            </div>
        }
    }
}

/// Moves keyboard focus to the first field with a problem, after the messages render.
fn focus_first_error() {
    request_animation_frame(|| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Ok(Some(element)) = document.query_selector("[aria-invalid=\"true\"]") {
            use wasm_bindgen::JsCast;
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}
