//! What every backend adapter gives the sync: pull changed records, and
//! push one change without ever overwriting someone else's. Adding a
//! backend is one new file plus one arm here.

use super::config::BackendChoice;
use super::http::HttpError;
use super::json_server::JsonServer;
use super::pocketbase::PocketBase;
use domain::Record;
use serde_json::Value;

/// The records a pull brought, and why any were skipped.
pub struct Pulled<T> {
    pub records: Vec<T>,
    /// One line per record that was not a valid record, for the console.
    pub skipped: Vec<String>,
}

impl<T: Record> Pulled<T> {
    /// Checks each element of a JSON list on its own: one bad record is
    /// skipped with a reason, it does not spoil the rest.
    pub fn from_list(answer: Value) -> Result<Pulled<T>, HttpError> {
        let Value::Array(items) = answer else {
            return Err(HttpError::NotJson(format!("expected a list of {}", T::COLLECTION)));
        };
        let mut pulled = Pulled { records: Vec::with_capacity(items.len()), skipped: Vec::new() };
        for item in items {
            let id = item.get("id").map(|id| id.to_string()).unwrap_or_else(|| "?".into());
            match serde_json::from_value::<T>(item) {
                Ok(record) => pulled.records.push(record),
                Err(error) => pulled.skipped.push(format!("{} {id}: {error}", T::COLLECTION)),
            }
        }
        Ok(pulled)
    }
}

/// A configured backend.
#[derive(Clone, Debug, PartialEq)]
pub enum Remote {
    JsonServer(JsonServer),
    /// PocketBase, with accounts: see `pocketbase.rs`.
    PocketBase(PocketBase),
}

impl Remote {
    /// The adapter for a configured backend; `None` for the embedded store.
    pub fn for_choice(choice: &BackendChoice) -> Option<Remote> {
        match choice {
            BackendChoice::Embedded => None,
            BackendChoice::JsonServer { url } => Some(Remote::JsonServer(JsonServer::new(url))),
            BackendChoice::PocketBase { url } => Some(Remote::PocketBase(PocketBase::new(url))),
        }
    }

    /// Whether people log in to this backend (and each sees only their teams).
    pub fn has_accounts(&self) -> bool {
        matches!(self, Remote::PocketBase(_))
    }

    /// Before a sync: whatever the backend needs first (a valid login).
    pub async fn ready(&self) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(_) => Ok(()),
            Remote::PocketBase(server) => server.ready().await,
        }
    }

    /// The records of a collection changed since `since` (all of them
    /// without), not checked yet: see [`Pulled::from_list`].
    pub async fn pull(&self, collection: &str, since: Option<&str>) -> Result<Vec<Value>, HttpError> {
        match self {
            Remote::JsonServer(server) => server.pull(collection, since).await,
            Remote::PocketBase(server) => server.pull(collection, since).await,
        }
    }

    /// The record with this id on the backend, or `None`.
    pub async fn get(&self, collection: &str, id: &str) -> Result<Option<Value>, HttpError> {
        match self {
            Remote::JsonServer(server) => server.get(collection, id).await,
            Remote::PocketBase(server) => server.get(collection, id).await,
        }
    }

    pub async fn has_client_id(&self, collection: &str, client_id: &str) -> Result<bool, HttpError> {
        match self {
            Remote::JsonServer(server) => server.has_client_id(collection, client_id).await,
            Remote::PocketBase(server) => server.has_client_id(collection, client_id).await,
        }
    }

    /// Creates a record; `record` must be a valid record of `collection`.
    pub async fn create(&self, collection: &str, record: &Value) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(server) => server.create(collection, record).await,
            Remote::PocketBase(server) => server.create(collection, record).await,
        }
    }

    /// Creates several records with one request, each unless its `clientId`
    /// already arrived: `Ok(None)` when this backend offers no such request
    /// (then create them one by one), otherwise whether each was created
    /// (`false`: it was there already). See docs/backend-contract.md.
    pub async fn create_batch(&self, creates: &[(&str, &Value)]) -> Result<Option<Vec<bool>>, HttpError> {
        match self {
            Remote::JsonServer(server) => server.create_batch(creates).await,
            Remote::PocketBase(_) => Ok(None),
        }
    }

    /// Whether [`Remote::create_batch`] may be offered (not known to be missing).
    pub fn may_batch(&self) -> bool {
        match self {
            Remote::JsonServer(server) => server.may_batch(),
            Remote::PocketBase(_) => false,
        }
    }

    /// Changes a record, provided the backend still has `base_version`.
    pub async fn update(&self, collection: &str, id: &str, record: &Value, base_version: u32) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(server) => server.update(collection, id, record, base_version).await,
            Remote::PocketBase(server) => server.update(collection, id, record, base_version).await,
        }
    }

    /// Whether this backend shares a collection. PocketBase's migrations
    /// cover the team's records only: the peer space and erasure traces stay
    /// on the device there (docs/backend-contract.md).
    pub fn shares(&self, collection: &str) -> bool {
        match self {
            Remote::JsonServer(_) => true,
            Remote::PocketBase(_) => crate::backend::pocketbase::COLLECTIONS.contains(&collection),
        }
    }

    /// Deletes a record for good, for erasure only (see docs/backend-contract.md).
    pub async fn erase(&self, collection: &str, id: &str) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(server) => server.erase(collection, id).await,
            // Never called: erasures are not shared with PocketBase (see `shares`).
            Remote::PocketBase(_) => {
                Err(HttpError::Status { status: 405, body: format!("no erasure on PocketBase: {collection}/{id}") })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Person;
    use serde_json::json;

    #[test]
    fn a_bad_record_is_skipped_not_fatal() {
        let answer = json!([
            {"id": "a", "name": "Ida", "role": "pupil"},
            {"id": "b", "name": 7, "role": "pupil"},
            {"id": "c", "name": "Karim", "role": "wizard"},
            "not a record",
            {"id": "d", "name": "<script>alert(1)</script>", "role": "coach", "extra": true}
        ]);
        let pulled = Pulled::<Person>::from_list(answer).unwrap();
        let ids: Vec<&str> = pulled.records.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        assert_eq!(pulled.skipped.len(), 3);
        assert!(pulled.skipped[0].starts_with("people \"b\""), "{}", pulled.skipped[0]);
    }

    #[test]
    fn an_answer_that_is_not_a_list_is_refused() {
        assert!(matches!(Pulled::<Person>::from_list(json!({"items": []})), Err(HttpError::NotJson(_))));
    }
}
