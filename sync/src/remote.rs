//! What the engine needs from a backend: pull changed records in the
//! server's order, and push one change without ever overwriting someone
//! else's. The browser's adapters (json-server, PocketBase) implement it over
//! HTTP; the simulation test implements it in memory.

use serde_json::Value;

/// How a request failed, in terms the sync and the UI act on.
#[derive(Clone, Debug, PartialEq)]
pub enum HttpError {
    /// No connection: offline, refused, DNS, CORS, or timed out.
    Unreachable(String),
    /// The server answered, but not with success.
    Status {
        /// The HTTP status.
        status: u16,
        /// The start of the answer, for the console and the person.
        body: String,
    },
    /// The record changed on the server since it was read (409, 412).
    Conflict,
    /// The server wants a valid login (401), or this device has none.
    Unauthorized,
    /// The answer was not the JSON we asked for (HTML, truncated, garbage).
    NotJson(String),
    /// The answer is larger than the limit.
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

impl HttpError {
    /// The backend refused this change for good (a 4xx that is not a
    /// conflict, a login, a time-out or "too many requests"): sending it again
    /// unchanged would be refused again, so it is set aside for the person and
    /// the rest of the outbox goes on.
    pub fn is_refusal(&self) -> bool {
        matches!(self, HttpError::Status { status: 400..=499, .. })
            && !matches!(self, HttpError::Status { status: 401 | 408 | 409 | 412 | 425 | 429, .. })
    }
}

/// What one pull brought: the records, not checked yet, and where the next
/// pull starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pulled {
    /// Records changed at or after the cursor (some may be older: pulls overlap).
    pub records: Vec<Value>,
    /// Where the next pull starts, in the server's order; `None`: the
    /// backend has no server order, so the next pull asks for everything.
    pub cursor: Option<String>,
}

/// A backend, as the engine sees it. Futures need not be `Send`: the app runs
/// on the browser's one thread.
#[allow(async_fn_in_trait)]
pub trait Remote {
    /// Names the backend (its address): pull cursors are kept per backend.
    fn address(&self) -> &str;

    /// Whether this backend shares a collection at all.
    fn shares(&self, collection: &str) -> bool;

    /// Before a sync: whatever the backend needs first (a valid login).
    async fn ready(&self) -> Result<(), HttpError>;

    /// Records of a collection changed since `cursor` in the server's own
    /// order (all of them without a cursor), and the next cursor. Never by
    /// the editing device's clock: see docs/backend-contract.md.
    async fn pull(&self, collection: &str, cursor: Option<&str>) -> Result<Pulled, HttpError>;

    /// The record with this id on the backend, or `None`.
    async fn get(&self, collection: &str, id: &str) -> Result<Option<Value>, HttpError>;

    /// Whether a record made on a device with this client id already arrived.
    async fn has_client_id(&self, collection: &str, client_id: &str) -> Result<bool, HttpError>;

    /// Creates a record (version 1); a record with its id already there is a [`HttpError::Conflict`].
    async fn create(&self, collection: &str, record: &Value) -> Result<(), HttpError>;

    /// Whether [`Remote::create_batch`] may be offered (not known to be missing).
    fn may_batch(&self) -> bool;

    /// Creates several records with one request, each unless its `clientId`
    /// already arrived: `Ok(None)` when the backend offers no such request,
    /// otherwise whether each was created.
    async fn create_batch(&self, creates: &[(&str, &Value)]) -> Result<Option<Vec<bool>>, HttpError>;

    /// Changes a record, provided the backend still has `base` (the version the
    /// change was based on); the record carries `base + 1`.
    async fn update(&self, collection: &str, id: &str, record: &Value, base: u32) -> Result<(), HttpError>;

    /// Deletes a record for good, for erasure only (backends that do not
    /// [`Remote::erases_pupils`]).
    async fn erase(&self, collection: &str, id: &str) -> Result<(), HttpError>;

    /// Whether the backend erases a whole pupil itself, in one request
    /// ([`Remote::erase_pupil`]), and writes the erasure traces itself: a
    /// server with accounts, whose rules let nobody delete records or write
    /// traces one by one.
    fn erases_pupils(&self) -> bool;

    /// Erases a pupil on the backend: every record of theirs, and the traces.
    /// Asked again, it changes nothing and succeeds.
    async fn erase_pupil(&self, pupil_id: &str) -> Result<(), HttpError>;
}
