//! Check-ins: the quick one (one tap on a level, for the pupil's tablet and
//! the coach's phone) and the full one with a value, a note and a mood.

use crate::backend::new_id;
use crate::components::audience::AudiencePicker;
use crate::components::field::{FieldMessage, TextArea, TextField};
use crate::i18n::{bidi, use_i18n};
use crate::state::use_session;
use domain::rules::may_check_in;
use domain::validate::{CheckInDraft, CheckInValues, Field, FieldErrors};
use domain::visibility::may_restrict;
use domain::{CheckIn, GasLevel, Goal, Meta, Mood};
use leptos::prelude::*;

/// Saves the person's check-in for today, replacing the one they made
/// earlier today on the same goal: a second tap corrects, it does not pile up.
/// `audience`: `None` keeps who may see it as it was (the whole team for a
/// new one); `Some(choice)` sets it — only the pupil may keep theirs to
/// chosen members (`Some(Some(ids))`).
fn save_check_in(goal: &Goal, values: CheckInValues, audience: Option<Option<Vec<domain::Id>>>) -> bool {
    let session = use_session();
    let i18n = use_i18n();
    let Some(me) = session.me.get_untracked() else { return false };
    let today = session.today_now();
    let allowed = session.db.with_untracked(|db| may_check_in(db, goal, &me));
    if allowed.is_err() {
        return false;
    }
    let earlier = session.db.with_untracked(|db| {
        db.checkins.in_group(&goal.id).find(|c| c.person_id == me && c.on == today && !c.meta.deleted).cloned()
    });
    let visible_to = audience.map(|choice| {
        choice.filter(|_| session.db.with_untracked(|db| may_restrict(db, &me, goal))).map(|chosen| {
            session.db.with_untracked(|db| domain::visibility::audience(db, &goal.pupil_id, &me, &chosen))
        })
    });
    let checkin = match earlier {
        Some(mut checkin) => {
            checkin.gas = values.gas.or(checkin.gas);
            checkin.value = values.value.or(checkin.value);
            if !values.note.is_empty() {
                checkin.note = values.note;
            }
            checkin.mood = values.mood.or(checkin.mood);
            if let Some(visible_to) = visible_to {
                checkin.visible_to = visible_to;
            }
            checkin
        }
        None => CheckIn {
            id: new_id(),
            goal_id: goal.id.clone(),
            pupil_id: goal.pupil_id.clone(),
            person_id: me,
            on: today,
            gas: values.gas,
            value: values.value,
            note: values.note,
            mood: values.mood,
            visible_to: visible_to.flatten(),
            meta: Meta::default(),
        },
    };
    session.save_one(checkin);
    session.announce(i18n.t_now().checkin_saved(&goal.content.title));
    true
}

/// Today's check-in by the person using the device, if any.
fn my_check_in_today(goal_id: &str) -> Option<CheckIn> {
    let session = use_session();
    let me = session.me.get()?;
    session.db.with(|db| {
        db.checkins.in_group(goal_id).find(|c| c.person_id == me && c.on == session.today() && !c.meta.deleted).cloned()
    })
}

/// One tap on a GAS level saves today's check-in. For goals with only a
/// measure, a number and a save button.
#[component]
pub fn QuickCheckIn(
    /// The goal to check in on; must be active.
    goal: Goal,
    /// Show the level descriptions in full (the pupil's view), not only the numbers.
    #[prop(default = false)]
    describe: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let goal = StoredValue::new(goal);
    let goal_id = goal.with_value(|g| g.id.clone());
    let legend_id = format!("quick-{goal_id}");
    let described_by = legend_id.clone();
    let today = {
        let goal_id = goal_id.clone();
        Memo::new(move |_| my_check_in_today(&goal_id))
    };
    let title = goal.with_value(|g| g.content.title.clone());
    let gas = goal.with_value(|g| g.content.gas.clone());
    let measure = goal.with_value(|g| g.content.measure.clone());
    match (gas, measure) {
        (Some(scale), _) => view! {
            <fieldset class="quick-checkin" aria-describedby=described_by>
                <legend>{move || bidi(i18n.t().how_did_it_go(&title))}</legend>
                <p id=legend_id class="visually-hidden">{move || i18n.t().quick_checkin_hint}</p>
                <div class="levels" class:described=describe>
                    {GasLevel::ALL.into_iter().map(|level| {
                        let text = scale.levels[level.index()].clone();
                        let pressed = move || today.get().and_then(|c| c.gas) == Some(level);
                        view! {
                            <button type="button" class=format!("level level{}", level.index())
                                aria-pressed=move || pressed().to_string()
                                on:click=move |_| {
                                    let values = CheckInValues { gas: Some(level), value: None, note: String::new(), mood: None };
                                    goal.with_value(|g| save_check_in(g, values, None));
                                }>
                                <span class="level-number" dir="ltr">{signed(level.value())}</span>
                                <span class="level-text"><bdi>{text}</bdi></span>
                            </button>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
        .into_any(),
        (None, Some(measure)) => {
            let value = RwSignal::new(String::new());
            let errors = RwSignal::new(FieldErrors::default());
            let input_id = format!("quick-value-{goal_id}");
            let label = measure.name.clone();
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let draft = CheckInDraft { value: value.get_untracked(), ..Default::default() };
                match goal.with_value(|g| draft.validate(&g.content)) {
                    Ok(values) => {
                        goal.with_value(|g| save_check_in(g, values, None));
                        errors.set(FieldErrors::default());
                    }
                    // With only a number to give, "no rating" means the number is missing:
                    // say so at the number field, which is then marked invalid and described.
                    Err(mut found) => {
                        for e in found.0.iter_mut().filter(|e| e.field == Field::Rating) {
                            e.field = Field::Value;
                        }
                        errors.set(found)
                    }
                }
            };
            view! {
                <form class="quick-checkin measure" on:submit=submit novalidate>
                    <p class="quick-title">{move || bidi(i18n.t().how_did_it_go(&title))}</p>
                    <TextField id=input_id label=Signal::derive(move || label.clone()) value=value errors=errors
                        field=Field::Value decimal=true/>
                    <button type="submit" class="primary">{move || i18n.t().save}</button>
                </form>
            }
            .into_any()
        }
        (None, None) => ().into_any(),
    }
}

/// A level as people write it: −2, −1, 0, +1, +2.
pub fn signed(level: i8) -> String {
    match level {
        l if l > 0 => format!("+{l}"),
        l if l < 0 => format!("−{}", -l),
        _ => "0".to_string(),
    }
}

/// The full check-in: a level and/or a value, a note and a mood.
#[component]
pub fn CheckInForm(
    /// The goal to check in on; must be active.
    goal: Goal,
) -> impl IntoView {
    let i18n = use_i18n();
    let goal = StoredValue::new(goal);
    let gas = RwSignal::new(None::<i8>);
    let value = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let mood = RwSignal::new(None::<u8>);
    let errors = RwSignal::new(FieldErrors::default());
    let audience = RwSignal::new(None::<Vec<domain::Id>>);
    let content = goal.with_value(|g| g.content.clone());
    let pupil_id = goal.with_value(|g| g.pupil_id.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = CheckInDraft {
            gas: gas.get_untracked(),
            value: value.get_untracked(),
            note: note.get_untracked(),
            mood: mood.get_untracked(),
        };
        match goal.with_value(|g| draft.validate(&g.content)) {
            Ok(values) => {
                if goal.with_value(|g| save_check_in(g, values, Some(audience.get_untracked()))) {
                    gas.set(None);
                    value.set(String::new());
                    note.set(String::new());
                    mood.set(None);
                }
                errors.set(FieldErrors::default());
            }
            Err(found) => errors.set(found),
        }
    };
    let measure_label = content.measure.as_ref().map(|m| m.name.clone());
    view! {
        <form class="checkin-form" on:submit=submit novalidate aria-labelledby="checkin-title">
            <h3 id="checkin-title">{move || i18n.t().new_checkin}</h3>
            {content.gas.clone().map(|scale| view! {
                <fieldset class="radio-levels" aria-describedby="checkin-level-error">
                    <legend>{move || i18n.t().level_now}</legend>
                    {GasLevel::ALL.into_iter().map(|level| {
                        let id = format!("checkin-level-{}", level.index());
                        view! {
                            <div class="radio">
                                <input type="radio" name="checkin-level" id=id.clone()
                                    prop:checked=move || gas.get() == Some(level.value())
                                    on:change=move |_| gas.set(Some(level.value()))/>
                                <label for=id>
                                    <strong dir="ltr">{signed(level.value())}</strong>" "<bdi>{scale.levels[level.index()].clone()}</bdi>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <FieldMessage id="checkin-level" errors=errors field=Field::Rating/>
            {measure_label.map(|label| view! {
                <TextField id="checkin-value" label=Signal::derive(move || label.clone()) value=value errors=errors
                    field=Field::Value decimal=true/>
            })}
            <TextArea id="checkin-note" label=Signal::derive(move || i18n.t().note_optional.to_string()) value=note
                errors=errors field=Field::Note rows=2/>
            <fieldset class="moods">
                <legend>{move || i18n.t().mood_optional}</legend>
                {Mood::ALL.into_iter().map(|m| {
                    let id = format!("checkin-mood-{}", m.value());
                    view! {
                        <div class="radio">
                            <input type="radio" name="checkin-mood" id=id.clone()
                                prop:checked=move || mood.get() == Some(m.value())
                                on:change=move |_| mood.set(Some(m.value()))/>
                            <label for=id>{move || i18n.t().mood(m)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <AudiencePicker id="checkin" pupil_id=pupil_id choice=audience/>
            <button type="submit" class="primary">{move || i18n.t().save_checkin}</button>
        </form>
    }
}
