//! Keeping keyboard focus where people expect it: when the control that had
//! focus goes away (a goal agreed, a confirmation closed), focus moves to the
//! next sensible place instead of falling back to the top of the page.

use leptos::prelude::request_animation_frame;
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
