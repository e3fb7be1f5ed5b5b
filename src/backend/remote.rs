//! The configured backend, as the sync engine sees it (`sync_engine::Remote`):
//! pull changed records in the server's order, and push one change without
//! ever overwriting someone else's. Adding a backend is one new file plus one
//! arm here.

use super::config::BackendChoice;
use super::http::HttpError;
use super::json_server::JsonServer;
use super::pocketbase::PocketBase;
use serde_json::Value;
use sync_engine::Pulled;

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
}

impl sync_engine::Remote for Remote {
    fn address(&self) -> &str {
        match self {
            Remote::JsonServer(server) => server.base(),
            Remote::PocketBase(server) => server.address(),
        }
    }

    /// Both share every collection; PocketBase's hooks serve other pupils'
    /// peer-space records under aliases (docs/backend-contract.md).
    fn shares(&self, collection: &str) -> bool {
        match self {
            Remote::JsonServer(_) => sync_engine::registry::kind(collection).is_some(),
            Remote::PocketBase(_) => super::pocketbase::has_collection(collection),
        }
    }

    async fn ready(&self) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(_) => Ok(()),
            Remote::PocketBase(server) => server.ready().await,
        }
    }

    async fn pull(&self, collection: &str, cursor: Option<&str>) -> Result<Pulled, HttpError> {
        match self {
            Remote::JsonServer(server) => server.pull(collection, cursor).await,
            Remote::PocketBase(server) => server.pull(collection, cursor).await,
        }
    }

    async fn get(&self, collection: &str, id: &str) -> Result<Option<Value>, HttpError> {
        match self {
            Remote::JsonServer(server) => server.get(collection, id).await,
            Remote::PocketBase(server) => server.get(collection, id).await,
        }
    }

    async fn has_client_id(&self, collection: &str, client_id: &str) -> Result<bool, HttpError> {
        match self {
            Remote::JsonServer(server) => server.has_client_id(collection, client_id).await,
            Remote::PocketBase(server) => server.has_client_id(collection, client_id).await,
        }
    }

    async fn create(&self, collection: &str, record: &Value) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(server) => server.create(collection, record).await,
            Remote::PocketBase(server) => server.create(collection, record).await,
        }
    }

    fn may_batch(&self) -> bool {
        match self {
            Remote::JsonServer(server) => server.may_batch(),
            Remote::PocketBase(_) => false,
        }
    }

    async fn create_batch(&self, creates: &[(&str, &Value)]) -> Result<Option<Vec<bool>>, HttpError> {
        match self {
            Remote::JsonServer(server) => server.create_batch(creates).await,
            Remote::PocketBase(_) => Ok(None),
        }
    }

    async fn update(&self, collection: &str, id: &str, record: &Value, base: u32) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(server) => server.update(collection, id, record, base).await,
            Remote::PocketBase(server) => server.update(collection, id, record, base).await,
        }
    }

    async fn erase(&self, collection: &str, id: &str) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(server) => server.erase(collection, id).await,
            // Never called: PocketBase erases whole pupils (see `erases_pupils`).
            Remote::PocketBase(_) => {
                Err(HttpError::Status { status: 405, body: format!("no deletes on PocketBase: {collection}/{id}") })
            }
        }
    }

    /// PocketBase's rules let no device delete or write traces; its erasure
    /// route does both, in one transaction.
    fn erases_pupils(&self) -> bool {
        self.has_accounts()
    }

    async fn erase_pupil(&self, pupil_id: &str) -> Result<(), HttpError> {
        match self {
            Remote::JsonServer(_) => {
                Err(HttpError::Status { status: 405, body: format!("json-server erases record by record: {pupil_id}") })
            }
            Remote::PocketBase(server) => server.erase_pupil(pupil_id).await,
        }
    }
}
