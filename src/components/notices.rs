//! Notices about the app itself (configuration, storage), each dismissible.

use crate::i18n::use_i18n;
use crate::state::{use_session, Notice};
use leptos::prelude::*;

/// The app's notices, in the person's language. One that needs the page
/// reloaded (another tab updated the app) offers the reload.
#[component]
pub fn Notices() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    view! {
        <div class="notices" role="status">
            {move || session.notices.get().into_iter().enumerate().map(|(index, notice)| view! {
                <div class="notice">
                    <p>{i18n.t().notice(&notice)}</p>
                    {matches!(notice, Notice::ReloadNeeded | Notice::CodeNotFetched).then(|| view! {
                        <button type="button" class="primary" on:click=|_| {
                            if let Some(window) = web_sys::window() {
                                let _ = window.location().reload();
                            }
                        }>{i18n.t().reload()}</button>
                    })}
                    <button type="button" class="quiet" on:click=move |_| session.notices.update(|n| {
                        if index < n.len() { n.remove(index); }
                    })>{i18n.t().dismiss}</button>
                </div>
            }).collect_view()}
        </div>
    }
}
