//! Installable and offline: registers the service worker (`public/sw.js`, whose
//! file list and version `scripts/pwa-post-build.mjs` writes after each build),
//! asks the browser once to keep this device's data, and offers to reload when a
//! new version is waiting.
//!
//! None of this may stop the app: every failure is a `console.warn`, never a
//! panic or a console error. Without a service worker (an insecure origin, a
//! private window) the app still works; it just needs the network to start.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The worker's URL; it serves the whole origin.
const SCRIPT: &str = "/sw.js";
/// Remembers that persistent storage was asked for, so it is asked once per device.
const PERSIST_ASKED_KEY: &str = "samspil.persist-asked";
/// If the new worker has not taken over this long after "Reload", reload anyway.
const RELOAD_FALLBACK_MS: i32 = 3000;

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    static UPDATE_READY: ArcRwSignal<bool> = ArcRwSignal::new(false);
    static RELOAD_ASKED: Cell<bool> = const { Cell::new(false) };
}

crate::lazy::split_fn!(
    /// [`install`], in the chunk `stored`: it runs after the first view, once
    /// the chunks are fetched (`after_first_view`), and that one is there by
    /// then. A first view needs none of it.
    pub fn install_in_chunk() -> (), preload_install, stored, install()
);

/// Registers the service worker and asks to keep the data. Call once, after the first view.
pub fn install() {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if has(&navigator, "serviceWorker") {
        spawn_local(register(navigator.service_worker()));
    } else {
        warn("Samspil: no service worker in this browser or on this address; the app needs the network to start.");
    }
    if has(&navigator, "storage") {
        spawn_local(keep_data(navigator.storage()));
    }
}

/// "A new version is ready — Reload", shown once a new build's worker is waiting.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let i18n = use_i18n();
    let ready = UPDATE_READY.with(ArcRwSignal::clone);
    // The live region is always there (and empty), so screen readers announce the notice when it appears.
    view! {
        <div role="status">
            {move || ready.get().then(|| view! {
                <div class="notices">
                    <div class="notice">
                        <p>{move || i18n.t().update_ready}</p>
                        <button type="button" on:click=move |_| apply_update()>{move || i18n.t().update_reload}</button>
                    </div>
                </div>
            })}
        </div>
    }
}

fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(target, &JsValue::from_str(name)).is_ok_and(|value| !value.is_undefined() && !value.is_null())
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

fn warn_with(message: &str, err: &JsValue) {
    web_sys::console::warn_2(&JsValue::from_str(message), err);
}

async fn register(container: ServiceWorkerContainer) {
    let registration = match JsFuture::from(container.register(SCRIPT)).await {
        Ok(registration) => registration.dyn_into::<ServiceWorkerRegistration>(),
        Err(err) => return warn_with("Samspil: no service worker; the app needs the network to start.", &err),
    };
    // Only a browser that blocks service workers (an automated one) answers with something else.
    let registration = match registration {
        Ok(registration) => registration,
        Err(other) => {
            return warn_with("Samspil: no service worker registration; the app needs the network to start.", &other)
        }
    };
    watch(&container, &registration);
    REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
}

/// Follows the registration: a worker waiting now, one that finishes installing
/// later, the new worker taking over after "Reload", and an update check each
/// time the page becomes visible again (a tablet left open all week).
fn watch(container: &ServiceWorkerContainer, registration: &ServiceWorkerRegistration) {
    // With no controller this is the first install, which takes over by itself: nothing to offer.
    if registration.waiting().is_some() && container.controller().is_some() {
        UPDATE_READY.with(|ready| ready.set(true));
    }

    let on_update_found = {
        let registration = registration.clone();
        let container = container.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(worker) = registration.installing() {
                follow_installing(&container, worker);
            }
        })
    };
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();

    let on_new_controller = Closure::<dyn FnMut()>::new(|| {
        if RELOAD_ASKED.with(Cell::get) {
            reload();
        }
    });
    let _ = container.add_event_listener_with_callback("controllerchange", on_new_controller.as_ref().unchecked_ref());
    on_new_controller.forget();

    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let registration = registration.clone();
        let watched = document.clone();
        let on_visible = Closure::<dyn FnMut()>::new(move || {
            if !watched.hidden() {
                if let Ok(check) = registration.update() {
                    // Offline, the check fails; that is expected and not worth a word.
                    spawn_local(async move {
                        let _ = JsFuture::from(check).await;
                    });
                }
            }
        });
        let _ = document.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
        on_visible.forget();
    }
}

fn follow_installing(container: &ServiceWorkerContainer, worker: ServiceWorker) {
    let container = container.clone();
    let watched = worker.clone();
    let on_state_change = Closure::<dyn FnMut()>::new(move || {
        if watched.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            UPDATE_READY.with(|ready| ready.set(true));
        }
    });
    worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
    on_state_change.forget();
}

/// Tells the waiting worker to take over; `controllerchange` then reloads the page.
fn apply_update() {
    RELOAD_ASKED.with(|asked| asked.set(true));
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(ServiceWorkerRegistration::waiting));
    let Some(waiting) = waiting else {
        // Another tab already switched to the new version.
        return reload();
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("type"), &JsValue::from_str("SKIP_WAITING"));
    if let Err(err) = waiting.post_message(&message) {
        warn_with("Samspil: could not reach the new version's service worker; reloading.", &err);
        return reload();
    }
    if let Some(window) = web_sys::window() {
        let later = Closure::once_into_js(reload);
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), RELOAD_FALLBACK_MS);
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        if let Err(err) = window.location().reload() {
            warn_with("Samspil: could not reload the page.", &err);
        }
    }
}

/// Asks the browser, once per device, not to evict this origin's data (Safari
/// otherwise may after seven days without a visit). Any answer or failure is fine.
async fn keep_data(storage: web_sys::StorageManager) {
    if crate::backend::remembered(PERSIST_ASKED_KEY).is_some() {
        return;
    }
    if let Ok(persisted) = storage.persisted() {
        if JsFuture::from(persisted).await.ok().and_then(|v| v.as_bool()) == Some(true) {
            return;
        }
    }
    if let Ok(persist) = storage.persist() {
        let _ = JsFuture::from(persist).await;
    }
    crate::backend::remember(PERSIST_ASKED_KEY, Some("1"));
}
