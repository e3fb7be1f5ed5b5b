//! Form fields that keep what was typed and show the problem right beside
//! the field, linked for screen readers.

use crate::i18n::{bidi, use_i18n};
use domain::validate::{Field, FieldErrors};
use leptos::prelude::*;

/// The message for one field, if it has a problem. Its id is `{id}-error`,
/// which the field names in `aria-describedby`.
#[component]
pub fn FieldMessage(
    /// The id of the field the message belongs to.
    #[prop(into)]
    id: String,
    /// The form's current problems.
    errors: RwSignal<FieldErrors>,
    /// Which field's problem to show.
    field: Field,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || errors.with(|e| e.of(field)).map(|p| i18n.t().problem(p));
    view! {
        <p id=format!("{id}-error") class="field-error" hidden=move || message().is_none()>
            {move || message().map(|m| view! { <span aria-hidden="true">"⚠ "</span>{m} })}
        </p>
    }
}

/// A one-line text input with its label and message.
#[component]
pub fn TextField(
    /// Unique id of the input.
    #[prop(into)]
    id: String,
    /// The visible label, which is also the accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The text as typed; kept whatever the validation says.
    value: RwSignal<String>,
    /// The form's current problems.
    errors: RwSignal<FieldErrors>,
    /// Which field this is, to find its problem.
    field: Field,
    /// `text`, `number`, `date`…
    #[prop(default = "text")]
    kind: &'static str,
    /// A short hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Decimal keyboard on phones for numbers typed with a comma or point.
    #[prop(optional)]
    decimal: bool,
) -> impl IntoView {
    let invalid = move || errors.with(|e| e.of(field).is_some());
    let described = if hint.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-error") };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{move || bidi(label.get())}</label>
            {hint.map(|hint| view! { <p id=format!("{id}-hint") class="hint">{move || hint.get()}</p> })}
            <input id=id.clone() type=kind prop:value=move || value.get()
                inputmode=decimal.then_some("decimal")
                aria-invalid=move || invalid().to_string()
                aria-describedby=described
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <FieldMessage id=id.clone() errors=errors field=field/>
        </div>
    }
}

/// A multi-line text input with its label and message.
#[component]
pub fn TextArea(
    /// Unique id of the text area.
    #[prop(into)]
    id: String,
    /// The visible label, which is also the accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The text as typed.
    value: RwSignal<String>,
    /// The form's current problems.
    errors: RwSignal<FieldErrors>,
    /// Which field this is.
    field: Field,
    /// Visible rows.
    #[prop(default = 3)]
    rows: u32,
) -> impl IntoView {
    let invalid = move || errors.with(|e| e.of(field).is_some());
    let error_id = format!("{id}-error");
    let i18n = use_i18n();
    let message = move || errors.with(|e| e.of(field)).map(|p| i18n.t().problem(p));
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{move || bidi(label.get())}</label>
            <textarea id=id rows=rows prop:value=move || value.get()
                aria-invalid=move || invalid().to_string()
                aria-describedby=error_id.clone()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            <p id=error_id class="field-error" hidden=move || message().is_none()>
                {move || message().map(|m| view! { <span aria-hidden="true">"⚠ "</span>{m} })}
            </p>
        </div>
    }
}
