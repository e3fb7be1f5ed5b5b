//! The one place that speaks HTTP. Every request to a backend goes through
//! [`send`], which adds a time limit, refuses oversized answers and turns
//! every way a network can fail into a typed [`HttpError`].

use super::error::describe;
use gloo_net::http::{Method, Request, RequestBuilder};
use serde_json::Value;
use wasm_bindgen::JsCast;

/// Answers larger than this are refused rather than parsed.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// A request that takes longer than this is given up.
pub const TIMEOUT_MS: i32 = 15_000;

/// How a request failed, in terms the sync and the UI act on.
#[derive(Clone, Debug, PartialEq)]
pub enum HttpError {
    /// No connection: offline, refused, DNS, CORS, or timed out.
    Unreachable(String),
    /// The server answered, but not with success.
    Status { status: u16, body: String },
    /// The record changed on the server since it was read (409, 412).
    Conflict,
    /// The server wants a valid login (401), or this device has none.
    Unauthorized,
    /// The answer was not the JSON we asked for (HTML, truncated, garbage).
    NotJson(String),
    /// The answer is larger than [`MAX_BODY_BYTES`].
    TooLarge(usize),
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HttpError::Unreachable(detail) => write!(f, "unreachable: {detail}"),
            HttpError::Status { status, body } => {
                write!(f, "HTTP {status}: {}", body.chars().take(200).collect::<String>())
            }
            HttpError::Conflict => write!(f, "conflict"),
            HttpError::Unauthorized => write!(f, "not logged in, or the login has expired"),
            HttpError::NotJson(detail) => write!(f, "not JSON: {detail}"),
            HttpError::TooLarge(bytes) => write!(f, "answer too large: {bytes} bytes"),
        }
    }
}

/// A request to send: method, full URL, optional JSON body and extra headers.
pub struct Call {
    pub method: Method,
    pub url: String,
    pub body: Option<Value>,
    pub headers: Vec<(String, String)>,
}

impl Call {
    pub fn get(url: String) -> Call {
        Call { method: Method::GET, url, body: None, headers: Vec::new() }
    }

    pub fn with_body(method: Method, url: String, body: Value) -> Call {
        Call { method, url, body: Some(body), headers: Vec::new() }
    }

    pub fn header(mut self, name: &str, value: &str) -> Call {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// Sends a call and parses the JSON answer.
pub async fn send(call: Call) -> Result<Value, HttpError> {
    let controller = web_sys::AbortController::new().map_err(|e| HttpError::Unreachable(describe(&e)))?;
    let signal = controller.signal();
    let timer = web_sys::window().and_then(|window| {
        let abort = wasm_bindgen::closure::Closure::once_into_js(move || controller.abort());
        window.set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS).ok()
    });
    let mut builder = RequestBuilder::new(&call.url).method(call.method).abort_signal(Some(&signal));
    builder = builder.header("Accept", "application/json");
    for (name, value) in &call.headers {
        builder = builder.header(name, value);
    }
    let request: Result<Request, _> = match &call.body {
        Some(body) => builder.json(body),
        None => builder.build(),
    };
    let request = request.map_err(|e| HttpError::Unreachable(e.to_string()))?;
    let response = request.send().await;
    if let (Some(window), Some(timer)) = (web_sys::window(), timer) {
        window.clear_timeout_with_handle(timer);
    }
    let response = response.map_err(|e| HttpError::Unreachable(e.to_string()))?;
    let status = response.status();
    if let Some(length) = response.headers().get("content-length").and_then(|l| l.parse::<usize>().ok()) {
        if length > MAX_BODY_BYTES {
            return Err(HttpError::TooLarge(length));
        }
    }
    let text = response.text().await.map_err(|e| HttpError::Unreachable(e.to_string()))?;
    if text.len() > MAX_BODY_BYTES {
        return Err(HttpError::TooLarge(text.len()));
    }
    match status {
        200..=299 => {
            if text.trim().is_empty() {
                return Ok(Value::Null);
            }
            serde_json::from_str(&text).map_err(|e| {
                let start: String = text.chars().take(60).collect();
                HttpError::NotJson(format!("{e} (starts {start:?})"))
            })
        }
        401 => Err(HttpError::Unauthorized),
        409 | 412 => Err(HttpError::Conflict),
        _ => Err(HttpError::Status { status, body: text.chars().take(500).collect() }),
    }
}
