//! A goal's page: what was agreed and by whom, how it is going in each
//! person's eyes, check-ins, comments, earlier versions, and ending it.

use crate::backend::new_id;
use crate::components::audience::{audience_names, AudiencePicker};
use crate::components::chart::{ProgressChart, ProgressTable};
use crate::components::checkin::{signed, CheckInForm};
use crate::components::field::TextArea;
use crate::components::focus;
use crate::components::goal_card::StatusBadge;
use crate::components::later::Later;
use crate::i18n::{bidi, plain, use_i18n};
use crate::pages::not_found::{Missing, NotFoundFor};
use crate::state::use_session;
use domain::progress::{scale_of, series, Scale};
use domain::rules::{agree, end_goal, goal_status, may_comment, GoalStatus};
use domain::validate::{comment_text, ending_reason, Field, FieldErrors};
use domain::{Comment, Goal, GoalContent, Meta, Outcome};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn GoalPage(
    /// The goal's id, from the path.
    id: String,
) -> impl IntoView {
    let session = use_session();
    let goal = Memo::new(move |_| session.db.with(|db| db.goal(&id).cloned()));
    move || match goal.get() {
        None => view! { <NotFoundFor what=Missing::Goal/> }.into_any(),
        Some(goal) => view! { <GoalView goal=goal/> }.into_any(),
    }
}

/// Agrees, as the person using the device, to the goal's current revision.
#[component]
pub fn AgreeButton(
    /// The goal waiting for agreement.
    goal: Goal,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let title = goal.content.title.clone();
    let goal = StoredValue::new(goal);
    let on_click = move |_| {
        let Some(me) = session.me.get_untracked() else { return };
        let result =
            goal.with_value(|g| session.db.with_untracked(|db| agree(db, new_id(), g, &me, session.today_now())));
        if let Ok(agreement) = result {
            session.save_one(agreement);
            let active = goal.with_value(|g| session.db.with_untracked(|db| goal_status(db, g).is_active()));
            session.announce(i18n.t_now().agreed(&goal.with_value(|g| g.content.title.clone()), active));
            // The button goes away with the agreement: on to the next goal waiting, else the content.
            focus::keep_focus(&[".agree"]);
        }
    };
    view! {
        <button type="button" class="primary agree" on:click=on_click aria-label=move || plain(&i18n.t().agree_to(&title))>
            <span aria-hidden="true">"✓ "</span>{move || i18n.t().agree}
        </button>
    }
}

fn names(ids: &[String]) -> Vec<String> {
    let session = use_session();
    session.db.with(|db| ids.iter().filter_map(|id| db.person(id).map(|p| p.name.clone())).collect())
}

#[component]
fn GoalView(
    /// The goal shown. A change to the goal record itself rebuilds the view;
    /// agreements, check-ins and comments update it in place, so typing in
    /// its forms is never lost.
    goal: Goal,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let stored = StoredValue::new(goal.clone());
    let status = Memo::new(move |_| stored.with_value(|g| session.db.with(|db| goal_status(db, g))));
    let in_team = Memo::new(move |_| {
        let me = session.me.get().unwrap_or_default();
        stored.with_value(|g| session.db.with(|db| db.is_in_team(&g.pupil_id, &me)))
    });
    let pupil_name =
        session.db.with_untracked(|db| db.person(&goal.pupil_id).map(|p| p.name.clone()).unwrap_or_default());
    let revision = goal.revision;
    let open = goal.ended.is_none();
    // What lies further down is drawn a task later (see `Later`).
    let (for_history, for_notes, for_comments) = (goal.clone(), goal.id.clone(), goal.clone());
    view! {
        <div class="page goal-page">
            <p class="crumbs"><A href=format!("/pupil/{}", goal.pupil_id)>{pupil_name}</A></p>
            <h1><bdi>{goal.content.title.clone()}</bdi></h1>
            <div class="goal-status">
                {move || view! { <StatusBadge status=status.get()/> }}
                <span class="revision">{move || i18n.t().revision(revision)}</span>
            </div>
            {move || match status.get() {
                GoalStatus::Proposed { agreed, waiting } => {
                    let t = i18n.t();
                    let me = session.me.get().unwrap_or_default();
                    let mine = waiting.contains(&me);
                    view! {
                        <section class="card attention" aria-labelledby="agreement-title">
                            <h2 id="agreement-title">{t.agreement}</h2>
                            <p>{bidi(t.agreed_by(&names(&agreed)))}</p>
                            <p>{bidi(t.waiting_for(&names(&waiting)))}</p>
                            {mine.then(|| view! { <AgreeButton goal=stored.get_value()/> })}
                        </section>
                    }
                    .into_any()
                }
                _ => ().into_any(),
            }}
            {goal.ended.clone().map(|e| view! {
                <section class="card ended" aria-labelledby="ended-title">
                    <h2 id="ended-title">{move || i18n.t().outcome(e.outcome)}</h2>
                    <p>{e.reason.clone()}</p>
                    <p class="hint">{move || bidi(i18n.t().ended_by(&names(std::slice::from_ref(&e.by)).concat(), &i18n.date(e.on)))}</p>
                </section>
            })}
            <div class="columns">
                <div>
                    <GoalDetails content=goal.content.clone() pupil_id=goal.pupil_id.clone()/>
                    <Show when=move || in_team.get() && open>
                        <div class="actions">
                            <A href=format!("/goal/{}/revise", stored.with_value(|g| g.id.clone())) attr:class="button">
                                <span aria-hidden="true">"✎ "</span>{move || i18n.t().change_goal}
                            </A>
                        </div>
                        <EndGoal goal=stored.get_value()/>
                    </Show>
                    <Later><History goal=for_history.clone()/></Later>
                </div>
                <div>
                    <Progress goal=goal.clone()/>
                    <Later><CheckInNotes goal_id=for_notes.clone()/></Later>
                    <Show when=move || status.get().is_active() && in_team.get()>
                        <div class="card"><CheckInForm goal=stored.get_value()/></div>
                    </Show>
                    <Later><Comments goal=for_comments.clone() in_team=in_team/></Later>
                </div>
            </div>
        </div>
    }
}

/// The agreed wording: why, how success is seen, who does what, when to review.
#[component]
fn GoalDetails(
    /// The wording shown.
    content: GoalContent,
    /// The pupil, to name the strengths.
    pupil_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    move || {
        let t = i18n.t();
        let strengths: Vec<String> = session.db.with(|db| {
            db.strengths_of(&pupil_id)
                .into_iter()
                .filter(|s| content.strength_ids.contains(&s.id))
                .map(|s| s.text.clone())
                .collect()
        });
        let contributions: Vec<(String, String)> = session.db.with(|db| {
            content
                .contributions
                .iter()
                .map(|c| {
                    let who =
                        db.person(&c.person_id).map(|p| format!("{} ({})", p.name, t.role(p.role))).unwrap_or_default();
                    (who, c.text.clone())
                })
                .collect()
        });
        view! {
            <section class="card" aria-labelledby="details-title">
                <h2 id="details-title">{t.what_we_agreed}</h2>
                {(!content.why.is_empty()).then(|| view! { <h3>{t.why}</h3><p><bdi>{content.why.clone()}</bdi></p> })}
                {(!strengths.is_empty()).then(|| view! {
                    <h3>{t.builds_on}</h3>
                    <ul class="chips" role="list">{strengths.into_iter().map(|s| view! { <li class="chip"><bdi>{s}</bdi></li> }).collect_view()}</ul>
                })}
                <h3>{t.how_we_see_it}</h3>
                {content.gas.clone().map(|gas| view! {
                    <ol class="gas-scale" role="list">
                        {(0..5).rev().map(|i| {
                            let level = i as i8 - 2;
                            let current = gas.current.index() == i;
                            view! {
                                <li class:current=current class:expected=level == 0>
                                    <span class="level-number" dir="ltr">{signed(level)}</span>
                                    <span><bdi>{gas.levels[i].clone()}</bdi></span>
                                    {current.then(|| view! { <span class="marker">{t.where_we_started}</span> })}
                                    {(level == 0).then(|| view! { <span class="marker">{t.expected}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                })}
                {content.measure.clone().map(|m| view! {
                    <p class="measure">
                        <strong>{m.name.clone()}</strong>": "
                        {domain::validate::format_number(m.baseline)}" → "{domain::validate::format_number(m.target)}
                    </p>
                })}
                {(!contributions.is_empty()).then(|| view! {
                    <h3>{t.who_does_what}</h3>
                    <ul class="contributions" role="list">
                        {contributions.into_iter().map(|(who, text)| view! { <li><strong><bdi>{who}</bdi></strong>": "<bdi>{text}</bdi></li> }).collect_view()}
                    </ul>
                })}
                <p class="review">{t.review_on(&i18n.date(content.review_date))}</p>
            </section>
        }
    }
}

/// Each person's ratings: latest side by side, the chart, and the table.
#[component]
fn Progress(
    /// The goal followed up.
    goal: Goal,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let goal = StoredValue::new(goal);
    let data = Memo::new(move |_| {
        goal.with_value(|g| {
            session.with_seen(|db| {
                let scale = scale_of(&g.content);
                let s = series(db, g, scale);
                let gas_series = if scale == Scale::Measure && g.content.gas.is_some() {
                    series(db, g, Scale::Gas)
                } else {
                    Vec::new()
                };
                let names_of = |list: &[domain::progress::Series]| {
                    list.iter()
                        .map(|s| db.person(&s.person_id).map(|p| p.name.clone()).unwrap_or_default())
                        .collect::<Vec<_>>()
                };
                let names = names_of(&s);
                let gas_names = names_of(&gas_series);
                (scale, s, names, gas_series, gas_names)
            })
        })
    });
    let table_open = RwSignal::new(false);
    move || {
        let (scale, s, names, gas_series, gas_names) = data.get();
        let t = i18n.t();
        let (content, start) =
            goal.with_value(|g| (g.content.clone(), g.history.first().map(|h| h.proposed_on).unwrap_or(g.proposed_on)));
        let end = session.today().max(content.review_date);
        let latest: Vec<(String, domain::Role, String)> = s
            .iter()
            .zip(names.iter())
            .filter_map(|(series, name)| {
                series.points.last().map(|&(_, v)| {
                    let shown = match scale {
                        Scale::Gas => signed(v as i8),
                        Scale::Measure => domain::validate::format_number(v),
                    };
                    (name.clone(), series.role, shown)
                })
            })
            .collect();
        let goal_id = goal.with_value(|g| g.id.clone());
        view! {
            <section class="card" aria-labelledby="progress-title">
                <h2 id="progress-title">{t.progress}</h2>
                {if s.is_empty() {
                    view! { <p class="empty">{t.no_checkins_yet}</p> }.into_any()
                } else {
                    view! {
                        <h3>{t.latest_ratings}</h3>
                        <ul class="latest" role="list">
                            {latest.into_iter().map(|(name, role, shown)| view! {
                                <li class:own=role == domain::Role::Pupil>
                                    <span class="latest-value" dir="ltr">{shown}</span>
                                    <span><bdi>{name}</bdi>" ("{t.role(role)}")"</span>
                                </li>
                            }).collect_view()}
                        </ul>
                        <ProgressChart id=format!("chart-{goal_id}") content=content.clone() scale=scale series=s.clone()
                            names=names.clone() start=start end=end/>
                        // The table holds a row per check-in (hundreds on a long goal):
                        // built only while someone reads it, so a check-in stays instant.
                        <details on:toggle=move |ev| table_open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
                            open=table_open.get_untracked()>
                            <summary>{t.show_as_table}</summary>
                            {move || table_open.get().then(|| {
                                view! { <ProgressTable scale=scale series=s.clone() names=names.clone()/> }
                            })}
                        </details>
                        {(!gas_series.is_empty()).then(|| view! {
                            <ProgressChart id=format!("gas-chart-{goal_id}") content=content.clone() scale=Scale::Gas
                                series=gas_series names=gas_names start=start end=end/>
                        })}
                    }.into_any()
                }}
            </section>
        }
    }
}

/// One check-in note as shown.
#[derive(Clone, PartialEq)]
struct Note {
    on: domain::Date,
    name: String,
    role: Option<domain::Role>,
    text: String,
    mood: Option<domain::Mood>,
    /// Who can see it, when the pupil kept it to chosen members.
    private: Option<Vec<String>>,
}

/// What people wrote with their check-ins, newest first, with who and how they felt.
#[component]
fn CheckInNotes(
    /// The goal followed up.
    goal_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let notes = Memo::new(move |_| {
        session.with_seen(|db| {
            let mut notes: Vec<Note> = db
                .checkins_on(&goal_id)
                .into_iter()
                .filter(|c| !c.note.is_empty())
                .map(|c| {
                    let person = db.person(&c.person_id);
                    Note {
                        on: c.on,
                        name: person.map(|p| p.name.clone()).unwrap_or_default(),
                        role: person.map(|p| p.role),
                        text: c.note.clone(),
                        mood: c.mood,
                        private: c
                            .visible_to
                            .as_ref()
                            .map(|chosen| audience_names(db, &c.pupil_id, &c.person_id, chosen)),
                    }
                })
                .collect();
            notes.reverse();
            notes.truncate(20);
            notes
        })
    });
    move || {
        let notes = notes.get();
        (!notes.is_empty()).then(|| {
            let t = i18n.t();
            view! {
                <section class="card" aria-labelledby="notes-title">
                    <h2 id="notes-title">{t.checkin_notes}</h2>
                    <ul class="comment-list" role="list">
                        {notes.into_iter().map(|Note { on, name, role, text: note, mood, private }| view! {
                            <li>
                                <p class="comment-meta">
                                    <strong>{name}{role.map(|r| format!(" ({})", t.role(r)))}</strong>" · "{i18n.date(on)}
                                    {mood.map(|m| format!(" · {}", t.mood(m)))}
                                </p>
                                <p><bdi>{note}</bdi></p>
                                {private.map(|names| view! {
                                    <p class="private-mark">{t.only_these_see_it(&names)}</p>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Comments and encouragement from anyone in the team.
#[component]
fn Comments(
    /// The goal commented on.
    goal: Goal,
    /// Whether the person using the device is in the pupil's team.
    in_team: Memo<bool>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let goal_id = goal.id.clone();
    let comments = {
        let id = goal_id.clone();
        Memo::new(move |_| {
            session.with_seen(|db| {
                let pupil = db.goal(&id).map(|g| g.pupil_id.clone()).unwrap_or_default();
                db.comments_on(&id)
                    .into_iter()
                    .map(|c| {
                        let private =
                            c.visible_to.as_ref().map(|chosen| audience_names(db, &pupil, &c.person_id, chosen));
                        (c.clone(), db.person(&c.person_id).map(|p| (p.name.clone(), p.role)), private)
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let audience = RwSignal::new(None::<Vec<domain::Id>>);
    let pupil_id = goal.pupil_id.clone();
    let goal = StoredValue::new(goal);
    let post = move |encouragement: bool| {
        let Some(me) = session.me.get_untracked() else { return };
        if goal.with_value(|g| session.db.with_untracked(|db| may_comment(db, g, &me))).is_err() {
            return;
        }
        // Only the pupil keeps a comment to chosen members; anyone else's is for the team.
        let visible_to = audience.get_untracked().filter(|_| {
            goal.with_value(|g| session.db.with_untracked(|db| domain::visibility::may_restrict(db, &me, g)))
        });
        let visible_to = visible_to.map(|chosen| {
            goal.with_value(|g| {
                session.db.with_untracked(|db| domain::visibility::audience(db, &g.pupil_id, &me, &chosen))
            })
        });
        match comment_text(&text.get_untracked()) {
            Ok(checked) => {
                session.save_one(Comment {
                    id: new_id(),
                    goal_id: goal.with_value(|g| g.id.clone()),
                    person_id: me,
                    on: session.today_now(),
                    text: checked,
                    encouragement,
                    visible_to,
                    meta: Meta::default(),
                });
                session.announce(i18n.t_now().comment_posted.to_string());
                text.set(String::new());
                errors.set(FieldErrors::default());
            }
            Err(found) => errors.set(found),
        }
    };
    view! {
        <section class="card comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{move || i18n.t().comments}</h2>
            <Show when=move || !comments.get().is_empty() fallback=move || view! { <p class="empty">{move || i18n.t().no_comments}</p> }>
                <ul class="comment-list" role="list">
                    {move || comments.get().into_iter().map(|(c, who, private)| {
                        let t = i18n.t();
                        let who = who.map(|(name, role)| format!("{name} ({})", t.role(role))).unwrap_or_default();
                        view! {
                            <li class:encouragement=c.encouragement>
                                <p class="comment-meta">
                                    {c.encouragement.then(|| view! { <span aria-hidden="true">"♥ "</span> })}
                                    <strong><bdi>{who}</bdi></strong>" · "{i18n.date(c.on)}
                                    {c.encouragement.then(|| view! { <span class="visually-hidden">{format!(" · {}", t.encouragement)}</span> })}
                                </p>
                                <p><bdi>{c.text.clone()}</bdi></p>
                                {private.map(|names| view! {
                                    <p class="private-mark">{t.only_these_see_it(&names)}</p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || in_team.get()>
                <form class="comment-form" on:submit=move |ev| { ev.prevent_default(); post(false) } novalidate>
                    <TextArea id=format!("comment-{goal_id}") label=Signal::derive(move || i18n.t().write_comment.to_string())
                        value=text errors=errors field=Field::Text rows=2/>
                    <AudiencePicker id=format!("comment-{goal_id}-who") pupil_id=pupil_id.clone() choice=audience/>
                    <div class="actions">
                        <button type="submit">{move || i18n.t().post_comment}</button>
                        <button type="button" class="primary" on:click=move |_| post(true)>
                            <span aria-hidden="true">"♥ "</span>{move || i18n.t().send_encouragement}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

/// Earlier revisions and who agreed to each.
#[component]
fn History(
    /// The goal whose history is shown.
    goal: Goal,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    if goal.history.is_empty() {
        return ().into_any();
    }
    let goal = StoredValue::new(goal);
    (move || {
        goal.with_value(|goal| {
            let entries: Vec<(u32, String, String, Vec<String>)> = session.db.with(|db| {
                goal.history
                    .iter()
                    .rev()
                    .map(|h| {
                        let agreed: Vec<String> = db
                            .agreements_to(&goal.id, h.revision, &domain::fingerprint::fingerprint(&h.content))
                            .into_iter()
                            .filter_map(|a| db.person(&a.person_id).map(|p| p.name.clone()))
                            .collect();
                        let by = db.person(&h.proposed_by).map(|p| p.name.clone()).unwrap_or_default();
                        (h.revision, h.content.title.clone(), by, agreed)
                    })
                    .collect()
            });
            let t = i18n.t();
            view! {
                <section class="card history" aria-labelledby="history-title">
                    <h2 id="history-title">{t.earlier_versions}</h2>
                    <ol role="list">
                        {entries.into_iter().map(|(revision, title, by, agreed)| view! {
                            <li>
                                <p><strong>{t.revision(revision)}</strong>": "<bdi>{title}</bdi></p>
                                <p class="hint">{bidi(t.proposed_by(&by))}" · "{bidi(t.agreed_by(&agreed))}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            }
            .into_any()
        })
    })
    .into_any()
}

/// Ending a goal: achieved, replaced by a new goal, or stopped, always with a reason.
#[component]
fn EndGoal(
    /// The goal to end.
    goal: Goal,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let outcome = RwSignal::new(Outcome::Achieved);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let goal = StoredValue::new(goal);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(me) = session.me.get_untracked() else { return };
        match ending_reason(&reason.get_untracked()) {
            Ok(checked) => {
                let result = goal.with_value(|g| {
                    session.db.with_untracked(|db| {
                        end_goal(db, g, &me, session.today_now(), outcome.get_untracked(), &checked)
                    })
                });
                if let Ok(ended) = result {
                    session.save_one(ended);
                    session.announce(i18n.t_now().goal_ended.to_string());
                }
            }
            Err(found) => errors.set(found),
        }
    };
    let outcomes = [Outcome::Achieved, Outcome::Revised, Outcome::Stopped];
    view! {
        <details class="card end-goal">
            <summary>{move || i18n.t().end_goal}</summary>
            <form on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || i18n.t().how_did_it_end}</legend>
                    {outcomes.into_iter().map(|o| {
                        let id = format!("outcome-{o:?}");
                        view! {
                            <div class="radio">
                                <input type="radio" name="outcome" id=id.clone() prop:checked=move || outcome.get() == o
                                    on:change=move |_| outcome.set(o)/>
                                <label for=id>{move || i18n.t().outcome(o)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <TextArea id="end-reason" label=Signal::derive(move || i18n.t().reason.to_string()) value=reason
                    errors=errors field=Field::Reason rows=2/>
                <button type="submit">{move || i18n.t().end_goal}</button>
            </form>
        </details>
    }
}
