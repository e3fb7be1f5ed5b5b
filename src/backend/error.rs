//! What can go wrong below the UI, in terms the UI can translate.

use std::fmt;

/// A failure of the store or of a backend. The UI turns it into a message in
/// the person's language; the detail goes to the console for whoever debugs.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// The browser offers no IndexedDB (private mode in some browsers, or blocked).
    Unavailable(String),
    /// IndexedDB refused a read or write (quota, corruption, blocked upgrade).
    Failed(String),
    /// The app's code for this could not be fetched (no connection, or the
    /// server no longer has this build's files). What is stored is untouched.
    CodeNotFetched(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(detail) => write!(f, "storage unavailable: {detail}"),
            StoreError::Failed(detail) => write!(f, "storage failed: {detail}"),
            StoreError::CodeNotFetched(detail) => write!(f, "code not fetched: {detail}"),
        }
    }
}

/// Describes a JavaScript error value for the console.
pub(crate) fn describe(value: &wasm_bindgen::JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    js_sys::Reflect::get(value, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}
