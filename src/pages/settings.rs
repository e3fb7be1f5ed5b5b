//! Settings: language, where the data lives, and the data on this device.

use crate::backend::config::ConfigProblem;
use crate::components::account::Account;
use crate::components::focus::focus_soon;
use crate::components::sync_status::{BackendSettings, Conflicts, RefusedChanges};
use crate::i18n::{use_i18n, Lang};
use crate::state::{use_session, Notice, Phase};
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let config_problem = move || {
        session.notices.with(|n| {
            n.iter().find_map(|n| match n {
                Notice::Config(p) => Some(p.clone()),
                _ => None,
            })
        })
    };
    view! {
        <div class="page settings-page">
            <h1>{move || i18n.t().nav_settings}</h1>
            <section class="card" aria-labelledby="language-title">
                <h2 id="language-title">{move || i18n.t().language}</h2>
                <div class="actions" role="group" aria-labelledby="language-title">
                    {Lang::ALL.into_iter().map(|lang| view! {
                        <button type="button" aria-pressed=move || (i18n.lang() == lang).to_string()
                            lang=lang.code() on:click=move |_| i18n.set_lang(lang)>{lang.name()}</button>
                    }).collect_view()}
                </div>
            </section>
            <section class="card" aria-labelledby="storage-title">
                <h2 id="storage-title">{move || i18n.t().where_data_lives}</h2>
                <p>{move || match (session.phase.get(), session.sync.with(|s| (s.backend.is_some(), s.accounts))) {
                    (Phase::NoStorage(_), _) => Some(i18n.t().storage_memory_only),
                    (_, (false, _)) => Some(i18n.t().storage_embedded),
                    // json-server is the simple backend: say plainly what it does not protect.
                    (_, (true, false)) => Some(i18n.t().json_server_unprotected),
                    (_, (true, true)) => None,
                }}</p>
                {move || config_problem().map(|p| view! {
                    <p class="notice-inline">{i18n.t().notice(&Notice::Config(p.clone()))}</p>
                    {matches!(p, ConfigProblem::Unsupported(_)).then(|| view! { <p class="hint">{i18n.t().remote_later}</p> })}
                })}
                <BackendSettings/>
            </section>
            <Show when=move || session.sync.with(|s| s.accounts)>
                <Account/>
            </Show>
            <Conflicts/>
            <RefusedChanges/>
            <section class="card" aria-labelledby="data-title">
                <h2 id="data-title">{move || i18n.t().data_on_device}</h2>
                <p>{move || {
                    let (people, goals, checkins) = session.db.with(|db| (db.people.len(), db.goals.len(), db.checkins.len()));
                    i18n.t().data_counts(people, goals, checkins)
                }}</p>
                <Show when=move || !confirming.get()
                    fallback=move || view! {
                        <div class="card danger" role="alertdialog" aria-labelledby="erase-confirm" on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                confirming.set(false);
                                focus_soon(&["#erase-device"]);
                            }
                        }>
                            <p id="erase-confirm">{i18n.t().erase_confirm}</p>
                            <div class="actions">
                                <button type="button" class="danger" on:click=move |_| {
                                    session.erase_device();
                                    confirming.set(false);
                                    session.announce(i18n.t_now().erased.to_string());
                                    focus_soon(&["#erase-device"]);
                                }>{i18n.t().erase_yes}</button>
                                <button type="button" id="erase-cancel" on:click=move |_| {
                                    confirming.set(false);
                                    focus_soon(&["#erase-device"]);
                                }>{i18n.t().cancel}</button>
                            </div>
                        </div>
                    }>
                    <button type="button" class="danger" id="erase-device" on:click=move |_| {
                        confirming.set(true);
                        // The safe choice gets focus, so Enter never erases by accident.
                        focus_soon(&["#erase-cancel"]);
                    }>{move || i18n.t().erase_device}</button>
                </Show>
            </section>
        </div>
    }
}
