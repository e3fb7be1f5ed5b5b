//! Keeping keyboard focus where people expect it: when the control that had
//! focus goes away (a goal agreed, a confirmation closed), focus moves to the
//! next sensible place instead of falling back to the top of the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn focus_first(selectors: &[&str]) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    selectors.iter().any(|selector| {
        match document.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(element) => element.focus().is_ok(),
            None => false,
        }
    })
}

/// Moves focus to `<main>` (which has `tabindex="-1"`), so the next Tab starts
/// at the beginning of the content. Used by the skip link, whose `#main` the
/// router would otherwise take for a route (changing the URL, moving nothing).
pub fn focus_main() {
    focus_first(&["#main"]);
}

/// After the next render, focuses the first element that matches one of
/// `selectors` (tried in order), else `<main>`.
pub fn focus_soon(selectors: &'static [&'static str]) {
    request_animation_frame(move || {
        if !focus_first(selectors) {
            focus_main();
        }
    });
}

/// After the next render, and only if focus was lost because the focused
/// element was removed, focuses the first element that matches one of
/// `selectors`, else `<main>`.
pub fn keep_focus(selectors: &'static [&'static str]) {
    request_animation_frame(move || {
        let lost = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.active_element().is_none() || d.active_element() == d.body().map(Into::into))
            .unwrap_or(false);
        if lost && !focus_first(selectors) {
            focus_main();
        }
    });
}

/// Names the page after its level-1 heading ("Goals – Samspil"), so each
/// view has its own title (WCAG 2.4.2) in tabs, history and screen readers.
fn name_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let heading = document.query_selector("main h1").ok().flatten().and_then(|h| h.text_content());
    let title = match heading.map(|h| h.trim().to_string()).filter(|h| !h.is_empty()) {
        Some(heading) => format!("{heading} – Samspil"),
        None => "Samspil".to_string(),
    };
    if document.title() != title {
        document.set_title(&title);
    }
}

/// Moves focus to the page's level-1 heading, so a screen reader announces
/// the new page and the next Tab starts in it, not back at the header.
/// Returns whether the page had its heading yet.
fn focus_heading() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(heading) =
        document.query_selector("main h1").ok().flatten().and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    let _ = heading.focus();
    true
}

/// Counts the pages whose code arrived after their route was opened
/// (`crate::lazy::LazyView`): their heading is there only then.
#[derive(Clone, Copy)]
pub struct PageArrived(pub RwSignal<u32>);

impl PageArrived {
    /// Provides the counter; call once, above the router.
    pub fn provide() {
        provide_context(PageArrived(RwSignal::new(0)));
    }

    /// Says that a page's code has arrived and the page is about to be shown.
    pub fn arrived() {
        if let Some(PageArrived(count)) = use_context::<PageArrived>() {
            count.update(|n| *n += 1);
        }
    }
}

/// After every move to another page inside the app: focus on the new page's
/// heading, and the page's title from that heading — when the page's code
/// arrives, for a page in a chunk that was not there yet. The first page load
/// leaves focus where the browser puts it. Lives inside the router.
#[component]
pub fn PageFocus() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let session = crate::state::use_session();
    let i18n = crate::i18n::use_i18n();
    let arrived = use_context::<PageArrived>().map(|PageArrived(count)| count);
    // A move whose page had no heading yet: focus it once it comes.
    let focus_pending = StoredValue::new(false);
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        // The title follows the language, the end of loading and a page's arrival too.
        i18n.lang();
        session.phase.track();
        if let Some(arrived) = arrived {
            arrived.track();
        }
        if previous.is_some_and(|p| p != path) {
            focus_pending.set_value(true);
        }
        request_animation_frame(move || {
            name_page();
            if focus_pending.get_value() && focus_heading() {
                focus_pending.set_value(false);
            }
        });
        path
    });
}
