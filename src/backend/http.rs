//! The one place that speaks HTTP. Every request to a backend goes through
//! [`send`], which adds a time limit, refuses oversized answers and turns
//! every way a network can fail into a typed [`HttpError`].

use super::error::describe;
use gloo_net::http::{Method, Request, RequestBuilder};
use serde_json::Value;
use std::future::Future;
use std::task::Poll;

/// Answers larger than this are refused rather than parsed.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// A request that takes longer than this is given up.
pub const TIMEOUT_MS: i32 = 15_000;

pub use sync_engine::HttpError;

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

/// Sends a call and parses the JSON answer. The time limit covers the
/// whole exchange — the answer's headers *and* its body: a server that sends
/// headers and then stalls must not leave the sync "running" for good.
pub async fn send(call: Call) -> Result<Value, HttpError> {
    let controller = web_sys::AbortController::new().map_err(|e| HttpError::Unreachable(describe(&e)))?;
    let (timer, handle) = sleep(TIMEOUT_MS);
    let answer = race(exchange(call, controller.signal()), timer).await;
    if let (Some(window), Some(handle)) = (web_sys::window(), handle) {
        window.clear_timeout_with_handle(handle);
    }
    match answer {
        Either::First(result) => result,
        Either::Second(()) => {
            // Frees the connection; the exchange itself was dropped.
            controller.abort();
            Err(HttpError::Unreachable(format!("no complete answer within {} s", TIMEOUT_MS / 1000)))
        }
    }
}

/// The request and the reading of its answer.
async fn exchange(call: Call, signal: web_sys::AbortSignal) -> Result<Value, HttpError> {
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
    let response = request.send().await.map_err(|e| HttpError::Unreachable(e.to_string()))?;
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
    read_answer(status, &text)
}

/// An answer's status and text as the sync sees them.
pub fn read_answer(status: u16, text: &str) -> Result<Value, HttpError> {
    match status {
        200..=299 => {
            if text.trim().is_empty() {
                return Ok(Value::Null);
            }
            serde_json::from_str(text).map_err(|e| {
                let start: String = text.chars().take(60).collect();
                HttpError::NotJson(format!("{e} (starts {start:?})"))
            })
        }
        401 => Err(HttpError::Unauthorized),
        409 | 412 => Err(HttpError::Conflict),
        _ => Err(HttpError::Status { status, body: text.chars().take(500).collect() }),
    }
}

/// A future that resolves after `ms` on the browser's clock, and the timer's
/// handle (to clear it); without a window it never resolves.
fn sleep(ms: i32) -> (wasm_bindgen_futures::JsFuture, Option<i32>) {
    let mut handle = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        handle =
            web_sys::window().and_then(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).ok());
    });
    (wasm_bindgen_futures::JsFuture::from(promise), handle)
}

/// Which of two futures finished first.
pub enum Either<A, B> {
    First(A),
    Second(B),
}

/// Runs two futures at once; resolves with the first to finish (the other is
/// dropped). A timer that fails counts as finished.
pub async fn race<A, B, T>(first: A, second: B) -> Either<A::Output, ()>
where
    A: Future,
    B: Future<Output = T>,
{
    let (mut first, mut second) = (Box::pin(first), Box::pin(second));
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(value) = first.as_mut().poll(cx) {
            return Poll::Ready(Either::First(value));
        }
        if second.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Either::Second(()));
        }
        Poll::Pending
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::{Context, Waker};

    fn now<F: Future>(future: F) -> Option<F::Output> {
        let mut future = Box::pin(future);
        match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(value) => Some(value),
            Poll::Pending => None,
        }
    }

    #[test]
    fn a_stalled_exchange_loses_to_the_timer() {
        // The answer's body never comes; the time limit still ends the wait.
        let stalled = std::future::pending::<Result<Value, HttpError>>();
        assert!(matches!(now(race(stalled, std::future::ready(()))), Some(Either::Second(()))));
        let answered = std::future::ready(Ok::<Value, HttpError>(Value::Null));
        assert!(matches!(now(race(answered, std::future::pending::<()>())), Some(Either::First(Ok(Value::Null)))));
        assert!(now(race(std::future::pending::<()>(), std::future::pending::<()>())).is_none());
    }

    #[test]
    fn answers_are_read_by_status() {
        assert_eq!(read_answer(200, " "), Ok(Value::Null));
        assert_eq!(read_answer(201, "[1]"), Ok(serde_json::json!([1])));
        assert!(matches!(read_answer(200, "<html>"), Err(HttpError::NotJson(_))));
        assert_eq!(read_answer(401, ""), Err(HttpError::Unauthorized));
        assert_eq!(read_answer(412, "{}"), Err(HttpError::Conflict));
        assert_eq!(read_answer(409, "{}"), Err(HttpError::Conflict));
        assert_eq!(read_answer(422, "no"), Err(HttpError::Status { status: 422, body: "no".into() }));
    }
}
