//! Pages and records that are not there.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;

/// What could not be found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Page,
    Pupil,
    Goal,
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <NotFoundFor what=Missing::Page/> }
}

/// Says what is missing and offers the way home.
#[component]
pub fn NotFoundFor(
    /// What could not be found.
    what: Missing,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page not-found">
            <h1>{move || i18n.t().not_found(what)}</h1>
            <p>{move || i18n.t().not_found_text}</p>
            <A href="/home" attr:class="button primary">{move || i18n.t().back_home}</A>
        </div>
    }
}
