//! json-server (0.17) and anything else that speaks its conventions: flat
//! collections, `GET /c?field=value`, `GET /c?serverSeq_gte=…`, `POST /c`,
//! `PATCH /c/{id}`. URL builders are apart from the requests so they can be
//! tested natively. See docs/backend-contract.md.
//!
//! Pulls follow the server's order: `server/occ.cjs` stamps an integer
//! `serverSeq` on every write, and a pull asks for the records stamped after
//! the last one seen. A server without it (plain json-server) is pulled whole.

use super::http::{send, Call, HttpError};
use gloo_net::http::Method;
use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;
use sync_engine::Pulled;

/// Where a json-server lives, e.g. `http://127.0.0.1:3000`.
#[derive(Clone, Debug)]
pub struct JsonServer {
    base: String,
    /// Whether it offers `POST /_batch` (server/occ.cjs): not known yet, yes, no.
    /// Shared by the clones of one configured backend.
    batch: Rc<Cell<Option<bool>>>,
}

impl PartialEq for JsonServer {
    fn eq(&self, other: &JsonServer) -> bool {
        self.base == other.base
    }
}

/// Reads the answer to `POST /_batch`: one `"created"` or `"exists"` per
/// create, in order; `true` for created. Anything else is not a valid answer.
pub fn read_batch(answer: &Value, count: usize) -> Result<Vec<bool>, HttpError> {
    let bad = || HttpError::NotJson(format!("expected {{\"results\": [...]}} with {count} results"));
    let results = answer.get("results").and_then(Value::as_array).ok_or_else(bad)?;
    if results.len() != count {
        return Err(bad());
    }
    results
        .iter()
        .map(|result| match result.as_str() {
            Some("created") => Ok(true),
            Some("exists") => Ok(false),
            _ => Err(bad()),
        })
        .collect()
}

/// Where the next pull starts: the highest `serverSeq` among the records
/// (the cursor stays where it was if there are none). A record without an
/// integer `serverSeq` means the server does not stamp them (plain
/// json-server): `None`, and every pull asks for everything.
pub fn next_cursor(records: &[Value], cursor: Option<&str>) -> Option<String> {
    let seen = cursor.and_then(|c| c.parse::<u64>().ok());
    let mut highest = seen;
    for record in records {
        let seq = record.get("serverSeq").and_then(Value::as_u64)?;
        highest = Some(highest.map_or(seq, |h| h.max(seq)));
    }
    highest.map(|h| h.to_string())
}

/// Percent-encodes a value for a query string or path segment.
pub(super) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

impl JsonServer {
    pub fn new(base: &str) -> JsonServer {
        JsonServer { base: base.trim_end_matches('/').to_string(), batch: Rc::new(Cell::new(None)) }
    }

    pub fn collection_url(&self, collection: &str) -> String {
        format!("{}/{}", self.base, collection)
    }

    pub fn record_url(&self, collection: &str, id: &str) -> String {
        format!("{}/{}/{}", self.base, collection, encode(id))
    }

    /// Records the server stamped after `cursor` (the last `serverSeq` seen), or all of them.
    /// json-server 0.17 has `_gte` but no `_gt`.
    pub fn changed_url(&self, collection: &str, cursor: Option<&str>) -> String {
        match cursor.and_then(|c| c.parse::<u64>().ok()).and_then(|seen| seen.checked_add(1)) {
            Some(next) => format!("{}?serverSeq_gte={next}", self.collection_url(collection)),
            None => self.collection_url(collection),
        }
    }

    /// The server's address.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Records whose `field` equals `value`.
    pub fn field_url(&self, collection: &str, field: &str, value: &str) -> String {
        format!("{}?{}={}", self.collection_url(collection), field, encode(value))
    }

    /// Records of one collection stamped after `cursor`, each to be checked on its own.
    pub async fn pull(&self, collection: &str, cursor: Option<&str>) -> Result<Pulled, HttpError> {
        match send(Call::get(self.changed_url(collection, cursor))).await? {
            Value::Array(records) => {
                let cursor = next_cursor(&records, cursor);
                Ok(Pulled { records, cursor })
            }
            _ => Err(HttpError::NotJson(format!("expected a list of {collection}"))),
        }
    }

    /// The record with this id, or `None` if the server has none. Asked as a
    /// filter (`?id=`), which answers an empty list rather than a 404 that
    /// browsers log as an error.
    pub async fn get(&self, collection: &str, id: &str) -> Result<Option<Value>, HttpError> {
        match send(Call::get(self.field_url(collection, "id", id))).await? {
            Value::Array(mut found) if found.len() <= 1 => Ok(found.pop()),
            Value::Array(_) => Err(HttpError::NotJson(format!("several {collection} with id {id}"))),
            _ => Err(HttpError::NotJson("expected a list".into())),
        }
    }

    /// Whether a record made on a device with this client id already arrived
    /// (a create whose answer was lost must not be sent twice).
    pub async fn has_client_id(&self, collection: &str, client_id: &str) -> Result<bool, HttpError> {
        match send(Call::get(self.field_url(collection, "clientId", client_id))).await? {
            Value::Array(found) => Ok(!found.is_empty()),
            _ => Err(HttpError::NotJson("expected a list".into())),
        }
    }

    pub async fn create(&self, collection: &str, record: &Value) -> Result<(), HttpError> {
        send(Call::with_body(Method::POST, self.collection_url(collection), record.clone())).await.map(|_| ())
    }

    pub fn batch_url(&self) -> String {
        format!("{}/_batch", self.base)
    }

    pub fn may_batch(&self) -> bool {
        self.batch.get() != Some(false)
    }

    /// `POST /_batch` (server/occ.cjs): creates every record whose `clientId`
    /// has not arrived yet, with one write. `Ok(None)`: this server has no
    /// such request (plain json-server answers 404); it is not asked again.
    pub async fn create_batch(&self, creates: &[(&str, &Value)]) -> Result<Option<Vec<bool>>, HttpError> {
        if !self.may_batch() {
            return Ok(None);
        }
        let creates_json: Vec<Value> =
            creates.iter().map(|(collection, record)| json!({"collection": collection, "record": record})).collect();
        let call = Call::with_body(Method::POST, self.batch_url(), json!({ "creates": creates_json }));
        match send(call).await {
            Err(HttpError::Status { status: 404 | 405 | 501, .. }) => {
                self.batch.set(Some(false));
                Ok(None)
            }
            Err(error) => Err(error),
            Ok(answer) => {
                let created = read_batch(&answer, creates.len())?;
                self.batch.set(Some(true));
                Ok(Some(created))
            }
        }
    }

    /// Removes a record for good — for erasure only; normal removals are
    /// tombstones. Asks first, so a record already gone (json-server deletes
    /// dependants with their parent) is not a 404 in the console.
    pub async fn erase(&self, collection: &str, id: &str) -> Result<(), HttpError> {
        match send(Call::get(self.field_url(collection, "id", id))).await? {
            Value::Array(found) if found.is_empty() => return Ok(()),
            Value::Array(_) => {}
            _ => return Err(HttpError::NotJson("expected a list".into())),
        }
        let call =
            Call { method: Method::DELETE, url: self.record_url(collection, id), body: None, headers: Vec::new() };
        match send(call).await {
            // Gone between the question and the DELETE: just as good.
            Ok(_) | Err(HttpError::Status { status: 404, .. }) => Ok(()),
            Err(error) => Err(error),
        }
    }

    /// Replaces the record's fields, provided the server still has `base_version`.
    /// Plain json-server ignores `If-Match`; our middleware (server/occ.cjs)
    /// enforces it, closing the gap between the check and the write.
    pub async fn update(&self, collection: &str, id: &str, record: &Value, base_version: u32) -> Result<(), HttpError> {
        let call = Call::with_body(Method::PATCH, self.record_url(collection, id), record.clone())
            .header("If-Match", &format!("\"{base_version}\""));
        send(call).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_json_server_conventions() {
        let server = JsonServer::new("http://127.0.0.1:3000/");
        assert_eq!(server.collection_url("goals"), "http://127.0.0.1:3000/goals");
        assert_eq!(server.record_url("goals", "a b/c"), "http://127.0.0.1:3000/goals/a%20b%2Fc");
        assert_eq!(server.changed_url("checkins", Some("41")), "http://127.0.0.1:3000/checkins?serverSeq_gte=42");
        assert_eq!(server.changed_url("checkins", None), "http://127.0.0.1:3000/checkins");
        // A cursor that is not a number (e.g. the time of the old pulls) starts over.
        assert_eq!(server.changed_url("checkins", Some("2026-11-26T10:00:00.000Z")), "http://127.0.0.1:3000/checkins");
        assert_eq!(server.field_url("people", "clientId", "x&y=1"), "http://127.0.0.1:3000/people?clientId=x%26y%3D1");
        assert_eq!(server.batch_url(), "http://127.0.0.1:3000/_batch");
    }

    #[test]
    fn the_cursor_follows_the_servers_stamps_never_a_clock() {
        let stamped = |seq: u64| json!({"id": "x", "serverSeq": seq, "updatedAt": "2020-01-01T00:00:00Z"});
        assert_eq!(next_cursor(&[stamped(7), stamped(12), stamped(9)], Some("5")), Some("12".into()));
        // Nothing new: the cursor stays.
        assert_eq!(next_cursor(&[], Some("12")), Some("12".into()));
        assert_eq!(next_cursor(&[], None), None);
        // A server that does not stamp: pulled whole from then on.
        assert_eq!(next_cursor(&[stamped(7), json!({"id": "y"})], Some("5")), None);
        assert_eq!(next_cursor(&[json!({"id": "y", "serverSeq": "7"})], None), None);
    }

    #[test]
    fn a_batch_answer_is_checked_whole() {
        assert_eq!(read_batch(&json!({"results": ["created", "exists"]}), 2), Ok(vec![true, false]));
        // One result short, an unknown word, or no list: nothing is taken as delivered.
        assert!(read_batch(&json!({"results": ["created"]}), 2).is_err());
        assert!(read_batch(&json!({"results": ["created", "maybe"]}), 2).is_err());
        assert!(read_batch(&json!({"results": "created"}), 1).is_err());
        assert!(read_batch(&json!([]), 0).is_err());
    }

    #[test]
    fn clones_share_what_was_learnt_about_batches() {
        let server = JsonServer::new("http://127.0.0.1:3000");
        let clone = server.clone();
        assert!(clone.may_batch());
        server.batch.set(Some(false));
        assert!(!clone.may_batch());
        assert_eq!(server, JsonServer::new("http://127.0.0.1:3000/"));
    }
}
