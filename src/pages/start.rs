//! "Who is using this device?" School tablets are shared, so anyone can pick
//! themselves here and switch quickly; each person then sees only their teams.

use crate::backend::new_id;
use crate::components::field::TextField;
use crate::components::focus::keep_focus;
use crate::i18n::use_i18n;
use crate::lazy::LazyView;
use crate::state::{use_session, Phase};
use domain::validate::{optional_text, person_name, Field, FieldError, FieldErrors, NAME_MAX};
use domain::{Meta, Person, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn StartPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    view! {
        <div class="page start">
            <h1>{move || i18n.t().who_is_using}</h1>
            // With accounts (PocketBase) the login says who uses the device.
            <Show when=move || !session.sync.with(|s| s.accounts) fallback=|| view! { <LazyView load=crate::lazy::account_start/> }>
                <Show when=move || session.phase.get() == Phase::FirstStart>
                    <FirstStart/>
                </Show>
                <PeopleList/>
                // A task after the people, who are what most come for (TBT).
                <crate::components::later::Later><AddPerson/></crate::components::later::Later>
            </Show>
        </div>
    }
}

/// The first start's choice between demo data and an empty start.
#[component]
fn FirstStart() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    view! {
        <section class="card welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{move || i18n.t().welcome_title}</h2>
            <p>{move || i18n.t().welcome_text}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| {
                    session.begin(true);
                    keep_focus(&[".person"]);
                }>
                    {move || i18n.t().load_demo}
                </button>
                <button type="button" on:click=move |_| {
                    session.begin(false);
                    keep_focus(&[".add-person > summary"]);
                }>
                    {move || i18n.t().start_empty}
                </button>
            </div>
        </section>
    }
}

/// Everyone on this device, pupils first; picking one makes them the user.
#[component]
fn PeopleList() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let groups = move || {
        session.db.with(|db| {
            let people: Vec<Person> = db.people_sorted_by(i18n.t().lang.name_order()).into_iter().cloned().collect();
            let (pupils, adults): (Vec<Person>, Vec<Person>) = people.into_iter().partition(|p| p.role == Role::Pupil);
            (pupils, adults)
        })
    };
    let pick = move |id: String| {
        session.set_me(Some(id));
        navigate("/home", Default::default());
    };
    let list = move |people: Vec<Person>, heading: &'static str, id: &'static str| {
        let pick = pick.clone();
        (!people.is_empty()).then(|| {
            view! {
                <section aria-labelledby=id>
                    <h2 id=id>{heading}</h2>
                    <ul class="people" role="list">
                        {people.into_iter().map(|person| {
                            let pick = pick.clone();
                            let id = person.id.clone();
                            let current = move || session.me.get().as_deref() == Some(id.as_str());
                            let id = person.id.clone();
                            view! {
                                <li>
                                    <button type="button" class="person" aria-pressed=move || current().to_string()
                                        on:click=move |_| pick(id.clone())>
                                        <span class="avatar" aria-hidden="true">{initials(&person.name)}</span>
                                        <span class="person-text">
                                            <span class="person-name">{person.name.clone()}</span>
                                            <span class="person-detail">
                                                {i18n.t().role(person.role)}
                                                {(!person.organisation.is_empty()).then(|| format!(" · {}", person.organisation))}
                                            </span>
                                        </span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! {
        {move || {
            let (pupils, adults) = groups();
            let t = i18n.t();
            let empty = pupils.is_empty() && adults.is_empty() && session.phase.get() != Phase::FirstStart;
            view! {
                {list(pupils, t.pupils, "pupils-title")}
                {list(adults, t.adults, "adults-title")}
                {empty.then(|| view! { <p class="empty">{t.nobody_yet}</p> })}
            }
        }}
    }
}

/// Up to two initials for the avatar, as written: the style shows them in capitals.
pub fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect()
}

/// "Add a person": the form's code is in a chunk (the first start's, `demo`,
/// src/lazy.rs), fetched when the browser is idle after the first view or
/// when the person opens this, whichever comes first. A first view needs no
/// more than the summary line.
#[component]
fn AddPerson() -> impl IntoView {
    let i18n = use_i18n();
    let opened = RwSignal::new(false);
    view! {
        <details class="card add-person" on:toggle=move |_| opened.set(true)>
            <summary>{move || i18n.t().add_person}</summary>
            {move || opened.get().then(|| view! { <LazyView load=crate::lazy::add_person_form within_page=true/> })}
        </details>
    }
}

/// The form that adds a pupil or an adult to this device (see [`AddPerson`]).
#[component]
pub fn AddPersonForm() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Pupil);
    let errors = RwSignal::new(FieldErrors::default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked_name = person_name(&name.get_untracked());
        let checked_org = optional_text(&organisation.get_untracked(), NAME_MAX);
        match (checked_name, checked_org) {
            (Ok(checked_name), Ok(checked_org)) => {
                let person = Person {
                    id: new_id(),
                    name: checked_name.clone(),
                    role: role.get_untracked(),
                    organisation: checked_org,
                    moderator: false,
                    meta: Meta::default(),
                };
                session.save_one(person);
                session.announce(i18n.t_now().person_added(&checked_name));
                name.set(String::new());
                errors.set(FieldErrors::default());
            }
            (name_result, org_result) => {
                let mut found = name_result.err().map(|e| e.0).unwrap_or_default();
                if let Err(problem) = org_result {
                    found.push(FieldError::new(Field::Text, problem));
                }
                errors.set(FieldErrors(found));
            }
        }
    };
    view! {
        <form on:submit=submit novalidate>
                <TextField id="person-name" label=Signal::derive(move || i18n.t().name.to_string()) value=name
                    errors=errors field=Field::Name/>
                <label for="person-role">{move || i18n.t().role_label}</label>
                <select id="person-role" on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(r) = Role::ALL.into_iter().find(|r| format!("{r:?}") == chosen) { role.set(r) }
                }>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=format!("{r:?}") selected=move || role.get() == r>{move || i18n.t().role(r)}</option>
                    }).collect_view()}
                </select>
                <TextField id="person-org" label=Signal::derive(move || i18n.t().organisation.to_string()) value=organisation
                    errors=errors field=Field::Text/>
                <button type="submit" class="primary">{move || i18n.t().add}</button>
        </form>
    }
}
