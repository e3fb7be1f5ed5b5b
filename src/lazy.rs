//! Pages whose code arrives on demand.
//!
//! The start page stays in the main wasm; every other page is a split
//! function (`wasm_split`, the splitter behind Leptos 0.8's
//! `#[lazy]`): the build hook (`scripts/build-wasm.mjs`) moves its code into a
//! chunk, fetched the first time a page opens, or earlier, when the browser is
//! idle after the first paint ([`prefetch_all`]). Code that is not a page can be
//! split the same way with [`split_fn!`] (the sync, the store's folding).
//!
//! <a id="PAGES_IN_ONE_CHUNK"></a>All the pages share one chunk, `pages`. The
//! splitter makes one more file for every set of splits that shares code: with
//! a chunk per page that was about 85 files, and fetching and linking them
//! cost ~300 ms of main-thread time at 4× CPU (bench/FINDINGS.md). One chunk
//! for the pages makes 9 files; a page opened first fetches all the pages' code.
//!
//! Why not `#[lazy_route]`: Leptos 0.8's lazy routes panic when a chunk cannot
//! be fetched, and a panic ends the whole app. Here every split function is
//! `fallible`: a lost connection shows a message in the person's language with
//! a button to try again, and the rest of the app keeps working.

use crate::components::focus::PageArrived;
use crate::i18n::{use_i18n, with_page_language};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;

/// A page's code could not be fetched (the connection was lost, or the server
/// no longer has this build's files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkFailed;

impl From<SplitLoaderError> for ChunkFailed {
    fn from(_: SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// What a split view function gives: the view, or the news that its code did not arrive.
pub type ViewResult = Result<AnyView, ChunkFailed>;

/// Work a split function started in its chunk (a split function cannot be
/// `async` itself): its caller awaits it with [`finish`].
pub type InChunk<T> = std::pin::Pin<Box<dyn Future<Output = T>>>;

/// Awaits the work that `started` (a call of a split function returning
/// [`InChunk`]) began; `otherwise()` when the chunk could not be fetched.
pub async fn finish<T>(
    started: impl Future<Output = Result<InChunk<T>, ChunkFailed>>,
    otherwise: impl FnOnce() -> T,
) -> T {
    match started.await {
        Ok(work) => work.await,
        Err(ChunkFailed) => otherwise(),
    }
}

/// Declares a function whose code is a chunk of its own, `$chunk`, in the
/// split build (the feature `split`, which only scripts/build-wasm.mjs turns
/// on), and an ordinary function in every other build (clippy, the wasm unit
/// tests): such a build has no loader for a chunk, so a split function there
/// would never finish. Either way it is `async fn $name(..) -> Result<$out,
/// ChunkFailed>`, and `$preload()` fetches the chunk without calling it.
/// Functions declared with the same `$chunk` share one chunk.
macro_rules! split_fn {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty, $preload:ident, $chunk:ident, $body:expr) => {
        #[cfg(feature = "split")]
        $(#[$doc])*
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload(#[doc = "Fetches the chunk without calling the function."] $preload)
        )]
        $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$out, $crate::lazy::ChunkFailed> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $(#[$doc])*
        $vis async fn $name($($arg: $ty),*) -> ::core::result::Result<$out, $crate::lazy::ChunkFailed> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        #[doc = "Nothing to fetch in a build without chunks."]
        #[allow(dead_code)]
        $vis async fn $preload() -> ::core::result::Result<(), ::leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use split_fn;

/// Declares a view whose code lives in a chunk (see [`split_fn!`]): `$name(args)`
/// builds it (fetching the chunk first if needed), `$preload()` only fetches the chunk.
macro_rules! split_view {
    ($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*), $preload:ident, $chunk:ident, $view:expr) => {
        $crate::lazy::split_fn!(
            $(#[$doc])*
            pub fn $name($($arg: $ty),*) -> ::leptos::prelude::AnyView, $preload, $chunk,
            ::leptos::prelude::IntoAny::into_any($view)
        );
    };
}
pub(crate) use split_view;

split_view!(
    /// The person's home, `/home`. Not in the pages' chunk: a returning pupil
    /// opens it first. In the chunk `stored`, with reading the store
    /// (`backend::embedded`), which it always needs and which a first visit,
    /// with nothing stored, needs no more than the home: one file fewer, and
    /// fewer shared chunks between them.
    home(), preload_home, stored, crate::pages::home::HomePage()
);
split_view!(
    /// The effect report, `/report`.
    report(), preload_report, pages, crate::pages::report::ReportPage()
);
split_view!(
    /// The peer space, `/peer`.
    peer(), preload_peer, pages, crate::pages::peer::PeerPage()
);
split_view!(
    /// The peer space's moderation queue, `/peer/moderate`.
    moderation(), preload_moderation, pages, crate::pages::peer::ModerationPage()
);
split_view!(
    /// Settings, `/settings`.
    settings(), preload_settings, pages, crate::pages::settings::SettingsPage()
);
split_view!(
    /// Erasing a pupil, `/pupil/:id/erase`.
    erase(id: String), preload_erase, pages, view! { <crate::pages::erase::ErasePage id/> }
);
split_view!(
    /// A new goal, `/pupil/:id/new-goal`.
    new_goal(id: String), preload_new_goal, pages, view! { <crate::pages::goal_form::NewGoalPage id/> }
);
split_view!(
    /// Revising a goal, `/goal/:id/revise`.
    revise_goal(id: String), preload_revise_goal, pages, view! { <crate::pages::goal_form::ReviseGoalPage id/> }
);
split_view!(
    /// One pupil's goals and team, `/pupil/:id`.
    pupil(id: String), preload_pupil, pages, view! { <crate::pages::pupil::PupilPage id/> }
);
split_view!(
    /// One goal: its progress, check-ins and comments, `/goal/:id`.
    goal(id: String), preload_goal, pages, view! { <crate::pages::goal::GoalPage id/> }
);
split_view!(
    /// Every goal of the person's teams, `/goals`.
    goals(), preload_goals, pages, crate::pages::goals::GoalsPage()
);
split_view!(
    /// Logging in on the start page (with accounts, i.e. PocketBase).
    account_start(), preload_account, pages, view! { <crate::components::account::Account start=true/> }
);

split_view!(
    /// The form that adds a person on the start page. In the first start's
    /// chunk: small, fetched first when the browser is idle, and needed by a
    /// new device, which has nobody yet.
    add_person_form(), preload_add_person, demo, crate::pages::start::AddPersonForm()
);

split_fn!(
    /// The demo data (`domain::demo`), built on this device for its own today.
    /// A chunk of its own: only a first start that asks for it needs the builder.
    pub fn demo_data(today: domain::Date) -> domain::Db, preload_demo, demo, domain::demo::demo_data(today)
);

split_fn!(
    /// Stores a whole set of records (the demo data) on the device. In the
    /// demo's chunk: every kind's writer is needed by nothing else at first.
    pub fn store_all(db: domain::Db) -> InChunk<Result<(), crate::backend::StoreError>>, preload_store_all, demo,
    Box::pin(async move { crate::backend::embedded::put_all(&db).await })
);

/// A route's view for a page in a chunk, e.g. `lazy(lazy::report)`, with a
/// language signal of its own (see [`with_page_language`]).
pub fn lazy<L, F>(load: L) -> impl IntoView
where
    L: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = ViewResult> + Send + 'static,
{
    let load = LoadView::from(load);
    with_page_language(move || view! { <LazyView load=load.clone()/> })
}

/// Builds a view, fetching its chunk first if needed: a split view function,
/// boxed so that one [`LazyView`] serves every page. Generic, it would be one
/// LazyView per page, each ~1.6 KB of the main module's code for the same work.
#[derive(Clone)]
pub struct LoadView(Arc<dyn Fn() -> Pin<Box<dyn Future<Output = ViewResult> + Send>> + Send + Sync>);

impl<L, F> From<L> for LoadView
where
    L: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = ViewResult> + Send + 'static,
{
    fn from(load: L) -> Self {
        LoadView(Arc::new(move || Box::pin(load())))
    }
}

/// A view in a chunk: the view once the chunk is there (at once, when it was
/// fetched before), a loading line while it is on its way, and a message with
/// "Try again" if it cannot be fetched.
#[component]
pub fn LazyView(
    /// Builds the view, fetching its chunk first if needed (a split view
    /// function, or a closure calling one).
    #[prop(into)]
    load: LoadView,
    /// A part of a page, not a page: if the code cannot be fetched, the
    /// message has no heading of its own.
    #[prop(optional)]
    within_page: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    // Each "Try again" bumps this, which builds the view anew.
    let attempt = RwSignal::new(0u32);
    let pending = RwSignal::new(true);
    let view = move || {
        attempt.track();
        let load = load.clone();
        Suspend::new(async move {
            let mut loading = (load.0)();
            let view = match std::future::poll_fn(|cx| Poll::Ready(loading.as_mut().poll(cx))).await {
                // The chunk was there already: draw at once.
                Poll::Ready(view) => view,
                Poll::Pending => {
                    let view = loading.await;
                    // Linking a chunk that just arrived is one long task; drawing the page is the next.
                    crate::next_task().await;
                    view
                }
            };
            pending.set(false);
            // A heading is there now: the page's title and focus follow (components/focus.rs).
            PageArrived::arrived();
            match view {
                Ok(view) => view,
                Err(ChunkFailed) => view! { <ChunkFailedNotice within_page=within_page retry=move || {
                    pending.set(true);
                    attempt.update(|n| *n += 1);
                }/> }
                .into_any(),
            }
        })
    };
    view! {
        {move || pending.get().then(|| view! { <p class="loading" role="status">{move || i18n.t().loading}</p> })}
        {view}
    }
}

/// "This page could not be loaded", with a button that tries again.
#[component]
fn ChunkFailedNotice(
    /// Tries to fetch the code again.
    retry: impl Fn() + Send + Sync + 'static,
    /// Only a part of the page failed: no heading.
    within_page: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class=if within_page { "chunk-failed" } else { "page chunk-failed" } role="alert">
            {(!within_page).then(|| view! { <h1>{move || i18n.t().chunk_failed_title}</h1> })}
            <p>{move || i18n.t().chunk_failed_text}</p>
            <button type="button" class="primary" on:click=move |_| retry()>{move || i18n.t().try_again}</button>
        </div>
    }
}

/// Fetches every chunk, one after the other, so that opening a page later
/// needs no network (and works offline). A failure is no problem here: the
/// page fetches its chunk again when it opens.
pub async fn prefetch_all() {
    // The likeliest next first. Every page is in the one chunk `pages` (see
    // PAGES_IN_ONE_CHUNK), so one of its preloads fetches them all.
    let _ = preload_demo().await;
    // The home shares its chunk with reading and folding the store (`stored`):
    // every device that saves folds its journal a while later.
    let _ = preload_home().await;
    let _ = preload_goal().await;
}
