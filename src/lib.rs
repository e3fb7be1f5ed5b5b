//! Samspil: a pupil, their teacher, their coach and their family set and
//! follow learning goals together.
//!
//! Layers: [`domain`] holds every rule; [`backend`] alone touches storage and
//! the network; [`state`] is the session shared by the pages and components.

pub mod app;
pub mod backend;
pub mod components;
pub mod crash;
pub mod erasure;
pub mod i18n;
pub mod lazy;
pub mod pages;
pub mod pwa;
pub mod state;
pub mod sync;

use wasm_bindgen::JsCast;

/// Installs the crash screen and mounts the app on `<body>`, in place of the
/// shell that index.html painted while the wasm was on its way.
pub fn start() {
    crash::install();
    remove_shell();
    leptos::mount::mount_to_body(app::App);
}

/// Work that can wait until the first view is painted: once the browser is
/// idle, fetch every page's chunk, then register the service worker, whose
/// precache then finds them (and the main wasm) in the HTTP cache. Before,
/// both would take bandwidth from what the first view needs. The benchmark
/// (bench/lib) reads the marks `samspil:background` (starting) and
/// `samspil:prefetched` (every chunk there).
pub fn after_first_view() {
    let Some(window) = web_sys::window() else { return };
    let start = wasm_bindgen::closure::Closure::once_into_js(|| {
        mark("samspil:background");
        leptos::task::spawn_local(async {
            lazy::prefetch_all().await;
            mark("samspil:prefetched");
            pwa::install();
        });
    });
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let scheduled = idle.is_some_and(|request_idle| request_idle.call1(&window, &start).is_ok());
    if !scheduled {
        // Safari has no requestIdleCallback: a second is long enough for the first view.
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(start.unchecked_ref(), 1000);
    }
}

fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Removes index.html's shell (every `[data-shell]` element). The app draws the
/// same in the same task, so the browser never paints the page without either.
fn remove_shell() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(shell) = document.query_selector_all("[data-shell]") else { return };
    for i in 0..shell.length() {
        if let Some(element) = shell.item(i).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) {
            element.remove();
        }
    }
}
