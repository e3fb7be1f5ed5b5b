//! The last line of defence: a panic anywhere shows a calm message with a
//! reload button instead of leaving a dead page. Built with plain DOM calls,
//! because after a panic the reactive system cannot be trusted.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Id of the crash message, so a second panic does not stack another.
const CRASH_ID: &str = "crash";

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Shows the crash message (public so that a browser test can check it).
pub fn show() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id(CRASH_ID).is_some() {
        return;
    }
    let danish = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .is_some_and(|lang| lang.starts_with("da"));
    let (title, body, button) = if danish {
        ("Noget gik galt", "Dine data er i sikkerhed. Genindlæs siden for at fortsætte.", "Genindlæs")
    } else {
        ("Something went wrong", "Your data is safe. Reload the page to carry on.", "Reload")
    };
    let Ok(dialog) = document.create_element("div") else { return };
    dialog.set_id(CRASH_ID);
    let _ = dialog.set_attribute("role", "alertdialog");
    let _ = dialog.set_attribute("aria-labelledby", "crash-title");
    let _ = dialog.set_attribute("aria-describedby", "crash-body");
    let heading = document.create_element("h2").ok();
    let text = document.create_element("p").ok();
    let reload = document.create_element("button").ok();
    if let (Some(heading), Some(text), Some(reload)) = (heading, text, reload) {
        heading.set_id("crash-title");
        heading.set_text_content(Some(title));
        text.set_id("crash-body");
        text.set_text_content(Some(body));
        reload.set_text_content(Some(button));
        let _ = reload.set_attribute("type", "button");
        let on_click = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = reload.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
        let _ = dialog.append_child(&heading);
        let _ = dialog.append_child(&text);
        let _ = dialog.append_child(&reload);
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&dialog);
        if let Some(button) = dialog.query_selector("button").ok().flatten() {
            if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        }
    }
}
