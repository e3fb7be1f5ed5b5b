//! The shell: routes, header, notices and the live region.

use crate::components::notices::Notices;
use crate::components::sync_status::{ConflictNotice, SyncIndicator};
use crate::i18n::{bidi, provide_i18n, use_i18n, with_page_language, LanguagePicker};
use crate::lazy::{self, lazy};
use crate::pages::{not_found::NotFound, start::StartPage};
use crate::state::{use_session, Phase, Session};
use leptos::prelude::*;
use leptos_router::components::{Router, A};
use leptos_router::location::{BrowserUrl, LocationProvider};

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

    // The app is drawn in three tasks, each shorter than the whole (the page
    // answers a tap between them, and TBT counts only a task's time beyond
    // 50 ms): the router and the session, then the header, then everything
    // below it. index.html's shell stays on screen until the app's part
    // replaces it, in the same task, so nothing moves.
    let drawn = RwSignal::new(Drawn::Nothing);
    leptos::task::spawn_local(async move {
        crate::next_task().await;
        drawn.set(Drawn::Header);
        crate::remove_shell_header();
        crate::next_task().await;
        drawn.set(Drawn::All);
        crate::remove_shell_main();
    });

    view! {
        <Router>
            <Show when=move || { drawn.get() >= Drawn::Header }>
                <a class="skip-link" href="#main" on:click=|ev| {
                    ev.prevent_default();
                    crate::components::focus::focus_main();
                }>{move || use_i18n().t().skip_to_content}</a>
                <Header/>
            </Show>
            <Show when=move || drawn.get() == Drawn::All>
                <crate::components::focus::PageFocus/>
                <Notices/>
                <ConflictNotice/>
                <crate::pwa::UpdateNotice/>
                <main id="main" tabindex="-1">
                    <Show
                        when=move || session.phase.get() != Phase::Loading
                        fallback=Skeleton
                    >
                        <Pages/>
                    </Show>
                </main>
                <p class="announcer" role="status" aria-live="polite">{move || {
                    let text = session.announcement.get();
                    // Nothing at all when quiet, so the toast's :empty rule hides it.
                    (!text.is_empty()).then(|| bidi(text))
                }}</p>
            </Show>
        </Router>
    }
}

/// The page a path names: the app's table of routes.
///
/// Why not leptos_router's `<Routes>`: each `<Route>` is a type of its own,
/// and its matching and drawing code is compiled once per route, 23 KB
/// brotli of the main module for thirteen routes. One match on the path's
/// segments does the same for every route. Navigation, links and history are
/// still the router's (`<Router>`, `<A>`, `use_navigate`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/`: who is using the device (and the first start).
    Start,
    /// `/home`
    Home,
    /// `/goals`
    Goals,
    /// `/pupil/:id`
    Pupil(String),
    /// `/pupil/:id/new-goal`
    NewGoal(String),
    /// `/pupil/:id/erase`
    ErasePupil(String),
    /// `/goal/:id`
    Goal(String),
    /// `/goal/:id/revise`
    ReviseGoal(String),
    /// `/settings`
    Settings,
    /// `/peer`
    Peer,
    /// `/peer/moderate`
    Moderation,
    /// `/report`
    Report,
    /// Any other path.
    NotFound,
}

impl Page {
    /// The page at `path` (a URL's path, as the browser gives it: an id's
    /// escapes, e.g. `%20`, are undone here). A slash more or less makes no
    /// difference.
    pub fn from_path(path: &str) -> Page {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Page::Start,
            ["home"] => Page::Home,
            ["goals"] => Page::Goals,
            ["pupil", pupil] => Page::Pupil(unescape(pupil)),
            ["pupil", pupil, "new-goal"] => Page::NewGoal(unescape(pupil)),
            ["pupil", pupil, "erase"] => Page::ErasePupil(unescape(pupil)),
            ["goal", goal] => Page::Goal(unescape(goal)),
            ["goal", goal, "revise"] => Page::ReviseGoal(unescape(goal)),
            ["settings"] => Page::Settings,
            ["peer"] => Page::Peer,
            ["peer", "moderate"] => Page::Moderation,
            ["report"] => Page::Report,
            _ => Page::NotFound,
        }
    }

    /// The page's view: in a chunk (fetched if need be) but for the start
    /// page and "not found", each with a language signal of its own.
    fn view(self) -> AnyView {
        match self {
            Page::Start => with_page_language(StartPage).into_any(),
            Page::Home => lazy(lazy::home).into_any(),
            Page::Goals => lazy(lazy::goals).into_any(),
            Page::Pupil(id) => lazy(move || lazy::pupil(id.clone())).into_any(),
            Page::NewGoal(id) => lazy(move || lazy::new_goal(id.clone())).into_any(),
            Page::ErasePupil(id) => lazy(move || lazy::erase(id.clone())).into_any(),
            Page::Goal(id) => lazy(move || lazy::goal(id.clone())).into_any(),
            Page::ReviseGoal(id) => lazy(move || lazy::revise_goal(id.clone())).into_any(),
            Page::Settings => lazy(lazy::settings).into_any(),
            Page::Peer => lazy(lazy::peer).into_any(),
            Page::Moderation => lazy(lazy::moderation).into_any(),
            Page::Report => lazy(lazy::report).into_any(),
            Page::NotFound => with_page_language(NotFound).into_any(),
        }
    }
}

/// A path segment with its `%xx` escapes undone, as the browser does it; as
/// it is if it cannot be (or, natively, always: the unit tests' ids need none).
fn unescape(segment: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    if segment.contains('%') {
        if let Some(text) = js_sys::decode_uri_component(segment).ok().and_then(|t| t.as_string()) {
            return text;
        }
    }
    segment.to_string()
}

/// The page at the current path, drawn anew when the path names another page
/// and only then: what a page reads while it is built does not rebuild it.
/// Each page has a reactive owner of its own, as `<Route>` gives it: what the
/// page provides (its language signal, `with_page_language`) is its own and
/// goes with it.
///
/// A link's navigation puts the new URL in the address bar only when the
/// router is told the page is there (`ready_to_complete`, which `<Routes>`
/// calls once it has drawn a route): told here for every new path.
#[component]
fn Pages() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname;
    let page = Memo::new(move |_| path.with(|path| Page::from_path(path)));
    let history = use_context::<BrowserUrl>();
    Effect::new(move |_| {
        path.track();
        if let Some(history) = &history {
            history.ready_to_complete();
        }
    });
    move || {
        let page = page.get();
        let owner = Owner::new();
        let view = owner.with(|| untrack(move || page.view()));
        leptos::tachys::reactive_graph::OwnedView::new_with_owner(view, owner)
    }
}

/// How much of the app is drawn (see [`App`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Drawn {
    Nothing,
    Header,
    All,
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
        match path.with(|path| Page::from_path(path)) {
            Page::Start => Some(t.who_is_using),
            Page::Goals => Some(t.nav_goals),
            Page::Settings => Some(t.nav_settings),
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

/// Where the header leaves what index.html's shell needs to draw it as the app will.
/// The same key is read there.
pub const HEADER_HINT_KEY: &str = "samspil.header";

/// The header as it was drawn for the person using the device, kept in
/// localStorage under [`HEADER_HINT_KEY`] for index.html's shell and for the
/// app's first frames. Texts are in `lang`; where that is not the language
/// now, the shell and the app both leave the role and the peer space's link
/// out rather than show them in the wrong language.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
struct HeaderHint {
    lang: String,
    name: String,
    role: String,
    peer: Option<String>,
}

impl HeaderHint {
    /// Anything else than what [`HeaderHint::to_json`] writes (an old or
    /// edited value) is no hint at all.
    fn parse(text: &str) -> Option<HeaderHint> {
        let json = crate::backend::json::Json::parse(text)?;
        let hint = HeaderHint {
            lang: json.string_field("lang").ok()??,
            name: json.string_field("name").ok()??,
            role: json.string_field("role").ok()??,
            peer: json.string_field("peer").ok()?,
        };
        let fits = |text: &str| !text.trim().is_empty() && text.chars().count() <= 200;
        (fits(&hint.name) && hint.lang.len() <= 8).then_some(hint)
    }

    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The top bar: the app's name, the main places, who is using the device and the language.
#[component]
fn Header() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me = move || session.me_person();
    let loading = move || session.phase.with(|phase| matches!(phase, Phase::Loading));
    // What the header showed last time, which index.html's shell has already
    // drawn: while the device's data is read the header shows it too, so that
    // nothing moves when the app takes over or when the data arrives (CLS 0).
    let last_time = crate::backend::remembered(HEADER_HINT_KEY).and_then(|text| HeaderHint::parse(&text));
    let last_time = StoredValue::new(last_time);
    // A memo: the person is looked up in the data, which changes with every
    // save; the header redraws, and localStorage is written, only when what
    // it shows changes.
    let shown = Memo::new(move |_| -> Option<HeaderHint> {
        let texts = i18n.t();
        match me() {
            Some(person) => Some(HeaderHint {
                lang: texts.lang.code().to_string(),
                name: person.name.clone(),
                role: texts.role(person.role).to_string(),
                peer: domain::peer::may_use_peer_space(&person)
                    .then(|| texts.peer(crate::pages::peer::PeerText::Nav).to_string()),
            }),
            None if loading() => last_time.get_value(),
            None => None,
        }
    });
    Effect::new(move |_| {
        // While the device's data is read, nobody is known yet: that is no reason to forget.
        if !loading() {
            let hint = shown.get().map(|hint| hint.to_json());
            crate::backend::remember(HEADER_HINT_KEY, hint.as_deref());
        }
    });
    let same_lang = move |hint: &HeaderHint| hint.lang == i18n.t().lang.code();
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
                {move || shown.get().filter(|hint| hint.peer.is_some() && same_lang(hint)).map(|_| view! {
                    <A href="/peer">{move || i18n.t().peer(crate::pages::peer::PeerText::Nav)}</A>
                })}
                <A href="/settings">{move || i18n.t().nav_settings}</A>
            </nav>
            <div class="who">
                {move || shown.get().map(|hint| {
                    let role = same_lang(&hint).then_some(hint.role);
                    view! {
                        // dir="auto": a cut-off name loses its end, in whichever script it is written.
                        <span class="who-name" dir="auto">
                            {hint.name}
                            {role.map(|role| view! { <span class="who-role">{role}</span> })}
                        </span>
                    }
                })}
                <A href="/" attr:class="switch">
                    {move || if session.me.with(Option::is_some) { i18n.t().switch_person } else { i18n.t().choose_person }}
                </A>
            </div>
            <SyncIndicator/>
            <LanguagePicker/>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::{HeaderHint, Page};

    #[test]
    fn every_path_names_its_page() {
        let id = || "pupil-emma".to_string();
        for (path, page) in [
            ("/", Page::Start),
            ("", Page::Start),
            ("/home", Page::Home),
            ("/goals/", Page::Goals),
            ("/pupil/pupil-emma", Page::Pupil(id())),
            ("/pupil/pupil-emma/new-goal", Page::NewGoal(id())),
            ("/pupil/pupil-emma/erase", Page::ErasePupil(id())),
            ("/goal/pupil-emma", Page::Goal(id())),
            ("/goal/pupil-emma/revise", Page::ReviseGoal(id())),
            ("/settings", Page::Settings),
            ("/peer", Page::Peer),
            ("/peer/moderate", Page::Moderation),
            ("/report", Page::Report),
        ] {
            assert_eq!(Page::from_path(path), page, "{path}");
        }
    }

    #[test]
    fn a_path_no_page_has_is_not_found() {
        for path in ["/no-such-page", "/pupil", "/goal", "/pupil/a/b", "/goal/a/edit", "/peer/a", "/home/x", "/Home"] {
            assert_eq!(Page::from_path(path), Page::NotFound, "{path}");
        }
        assert_eq!(Page::from_path("/report/"), Page::Report, "a slash more is the same page");
    }

    #[test]
    fn a_header_hint_reads_back_what_was_written_and_nothing_else() {
        let hint = HeaderHint {
            lang: "da".into(),
            name: "Emma".into(),
            role: "elev".into(),
            peer: Some("Elev til elev".into()),
        };
        assert_eq!(HeaderHint::parse(&hint.to_json()), Some(hint));
        for bad in [
            "",
            "null",
            "{}",
            "[1]",
            r#"{"lang":"da","name":" ","role":"elev","peer":null}"#,
            r#"{"lang":"da","name":5}"#,
        ] {
            assert_eq!(HeaderHint::parse(bad), None, "{bad}");
        }
        let long = format!(r#"{{"lang":"da","name":"{}","role":"elev","peer":null}}"#, "x".repeat(201));
        assert_eq!(HeaderHint::parse(&long), None);
    }
}
