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

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use wasm_bindgen::JsCast;

/// Installs the panic message (debug builds) and mounts the app on `<body>`, in place of the
/// shell that index.html painted while the wasm was on its way.
pub fn start() {
    crash::install();
    // In a task of its own: compiling and starting the wasm is one long task
    // already. The shell stays on screen until the app replaces it, part by
    // part (app.rs).
    leptos::prelude::set_timeout(|| leptos::mount::mount_to_body(app::App), std::time::Duration::ZERO);
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
            // Without its code (no connection), no service worker: the next start tries again.
            if pwa::install_in_chunk().await.is_err() {
                web_sys::console::warn_1(&"Samspil: the service worker's code could not be fetched".into());
            }
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

/// Resolves in a task of its own (a zero timeout), so that the browser can
/// paint and answer a tap between two long pieces of work. At once where there
/// is no window. `Send`, unlike a `JsFuture`, so a `Suspend` can await it.
pub fn next_task() -> NextTask {
    NextTask { state: None }
}

/// The future of [`next_task`].
pub struct NextTask {
    state: Option<Arc<Mutex<TimerState>>>,
}

#[derive(Default)]
struct TimerState {
    fired: bool,
    waker: Option<Waker>,
}

impl Future for NextTask {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(state) = &self.state else {
            let state = Arc::new(Mutex::new(TimerState { fired: false, waker: Some(cx.waker().clone()) }));
            let fire = state.clone();
            let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
                if let Ok(mut timer) = fire.lock() {
                    timer.fired = true;
                    if let Some(waker) = timer.waker.take() {
                        waker.wake();
                    }
                }
            });
            let scheduled = web_sys::window().is_some_and(|window| {
                window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0).is_ok()
            });
            if !scheduled {
                return Poll::Ready(());
            }
            self.state = Some(state);
            return Poll::Pending;
        };
        // A poisoned lock cannot happen on one thread; if it did, going on beats waiting forever.
        let Ok(mut timer) = state.lock() else { return Poll::Ready(()) };
        if timer.fired {
            Poll::Ready(())
        } else {
            timer.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Removes index.html's shell (every `[data-shell]` element) but its `<main>`,
/// in the task that draws the app's header (app.rs), so the browser never
/// paints the page without either. The app's header comes after the shell's
/// `<main>` in the page: that goes below it until the app's own replaces it.
pub(crate) fn remove_shell_header() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(shell) = document.query_selector_all("[data-shell]:not(main)") else { return };
    for i in 0..shell.length() {
        if let Some(element) = shell.item(i).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) {
            element.remove();
        }
    }
    if let Some((body, main)) = body().zip(shell_main()) {
        let _ = body.append_child(&main);
    }
}

/// Removes the shell's `<main>`, in the task that draws the app's (app.rs).
pub(crate) fn remove_shell_main() {
    if let Some(main) = shell_main() {
        main.remove();
    }
}

fn shell_main() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.query_selector("main[data-shell]").ok().flatten()
}

fn body() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.body()
}
