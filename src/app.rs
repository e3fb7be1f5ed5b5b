//! The shell: routes, header, notices and the live region.

use crate::components::notices::Notices;
use crate::components::sync_status::{ConflictNotice, SyncIndicator};
use crate::i18n::{bidi, provide_i18n, use_i18n, with_page_language, LanguagePicker};
use crate::lazy::{self, lazy};
use crate::pages::{home::HomePage, not_found::NotFound, start::StartPage};
use crate::state::{use_session, Phase, Session};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    provide_i18n();
    crate::components::focus::PageArrived::provide();
    session.start();
    // The first view is there once the data is read: then the background work may begin.
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let ready = session.phase.get() != Phase::Loading;
        if ready {
            crate::after_first_view();
        }
        ready
    });

    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=|ev| {
                ev.prevent_default();
                crate::components::focus::focus_main();
            }>{move || use_i18n().t().skip_to_content}</a>
            <crate::components::focus::PageFocus/>
            <Header/>
            <Notices/>
            <ConflictNotice/>
            <crate::pwa::UpdateNotice/>
            <main id="main" tabindex="-1">
                <Show
                    when=move || session.phase.get() != Phase::Loading
                    fallback=Skeleton
                >
                    <Routes fallback=|| with_page_language(NotFound)>
                        <Route path=path!("/") view=|| with_page_language(StartPage)/>
                        <Route path=path!("/home") view=|| with_page_language(HomePage)/>
                        <Route path=path!("/goals") view=|| lazy(lazy::goals)/>
                        <Route path=path!("/pupil/:id") view=|| lazy(lazy::pupil)/>
                        <Route path=path!("/pupil/:id/new-goal") view=|| lazy(lazy::new_goal)/>
                        <Route path=path!("/goal/:id") view=|| lazy(lazy::goal)/>
                        <Route path=path!("/goal/:id/revise") view=|| lazy(lazy::revise_goal)/>
                        <Route path=path!("/settings") view=|| lazy(lazy::settings)/>
                        <Route path=path!("/peer") view=|| lazy(lazy::peer)/>
                        <Route path=path!("/peer/moderate") view=|| lazy(lazy::moderation)/>
                        <Route path=path!("/pupil/:id/erase") view=|| lazy(lazy::erase)/>
                        <Route path=path!("/report") view=|| lazy(lazy::report)/>
                    </Routes>
                </Show>
            </main>
            <p class="announcer" role="status" aria-live="polite">{move || {
                let text = session.announcement.get();
                // Nothing at all when quiet, so the toast's :empty rule hides it.
                (!text.is_empty()).then(|| bidi(text))
            }}</p>
        </Router>
    }
}

/// What a page shows while this device's data is read: its heading when that
/// does not depend on the data (drawn where the page will put it), "Loading…"
/// and two grey blocks. index.html's
/// shell paints the same before the wasm arrives, so the app takes over
/// without anything moving.
#[component]
fn Skeleton() -> impl IntoView {
    let i18n = use_i18n();
    let path = leptos_router::hooks::use_location().pathname;
    let heading = move || {
        let t = i18n.t();
        match path.get().trim_end_matches('/') {
            "" => Some(t.who_is_using),
            "/goals" => Some(t.nav_goals),
            "/settings" => Some(t.nav_settings),
            _ => None,
        }
    };
    view! {
        <div class="page waiting">
            // Only drawn: the page is not there yet (tests and screen readers wait for its real <h1>).
            {move || heading().map(|text| view! { <p class="h1" aria-hidden="true">{text}</p> })}
            <p class="loading" role="status">{move || i18n.t().loading}</p>
            <div class="skeleton" aria-hidden="true"><div></div><div></div></div>
        </div>
    }
}

/// The top bar: the app's name, the main places, who is using the device and the language.
#[component]
fn Header() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me = move || session.me_person();
    view! {
        <header class="top">
            <A href="/home" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"◐"</span>
                "Samspil"
            </A>
            <nav aria-label=move || i18n.t().nav_label>
                <A href="/home">{move || i18n.t().nav_home}</A>
                <A href="/goals">{move || i18n.t().nav_goals}</A>
                // Only pupils and moderators see that the peer space exists.
                {move || me().filter(domain::peer::may_use_peer_space).map(|_| view! {
                    <A href="/peer">{move || i18n.t().peer(crate::pages::peer::PeerText::Nav)}</A>
                })}
                <A href="/settings">{move || i18n.t().nav_settings}</A>
            </nav>
            <div class="who">
                {move || me().map(|person| view! {
                    // dir="auto": a cut-off name loses its end, in whichever script it is written.
                    <span class="who-name" dir="auto">
                        {person.name.clone()}
                        <span class="who-role">{i18n.t().role(person.role)}</span>
                    </span>
                })}
                <A href="/" attr:class="switch">{move || if me().is_some() { i18n.t().switch_person } else { i18n.t().choose_person }}</A>
            </div>
            <SyncIndicator/>
            <LanguagePicker/>
        </header>
    }
}
