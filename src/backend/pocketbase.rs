//! PocketBase (tested with 0.40.6) as Samspil's backend, with accounts.
//!
//! - Records live at `/api/collections/{c}/records`; lists come in an envelope
//!   `{page, perPage, totalItems, totalPages, items}` that is read page by page.
//! - Ids: the collections' `id` field is configured (server/pocketbase/pb_migrations)
//!   to take Samspil's own ids ([a-z0-9-], up to 100), so a record keeps the id
//!   the device gave it and foreign keys need no translation.
//! - Pulls follow the server's own clock: every collection has PocketBase's
//!   autodate field `updated` (server time of the last write), and a pull pages
//!   through `sort=updated,id` by keyset, from a few seconds before where the
//!   last pull ended (writes may commit slightly out of the order of their
//!   stamps). Never by `updatedAt`, which the editing device stamps.
//! - "Does it exist" is a filter on `id` or `clientId`, so a missing record
//!   is an empty list, not a 404.
//! - Every request carries the person's token (`Authorization`); the API rules
//!   decide what it may see and change. The update rule refuses a `version` that
//!   does not raise the stored one with 404, which is read back and becomes a
//!   conflict when the server's version moved on.
//! - The login (token, person, email) is kept in localStorage so that a reload
//!   or a restart offline keeps it and the outbox can be sent later; see
//!   docs/backend-contract.md for the trade-off.
//!
//! URL building and answer checking are apart from the requests, so they are
//! tested natively.

use super::http::{send, Call, HttpError};
use super::json_server::encode;
use gloo_net::http::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::Cell;
use sync_engine::Pulled;

/// Records asked for per page.
pub const PER_PAGE: u32 = 500;

/// Whether the migrations in server/pocketbase/pb_migrations create a
/// collection: every one of Samspil's — the team's, the peer space's (whose
/// hooks serve other pupils' ids as aliases) and the erasure traces (which
/// only the server writes, see [`PocketBase::erase_pupil`]).
pub fn has_collection(collection: &str) -> bool {
    sync_engine::registry::kind(collection).is_some()
}

/// A pull gives up after this many pages rather than loop on a confused server.
const MAX_PAGES: u64 = 1000;
/// A pull starts this long (server time) before where the last one ended:
/// writes can commit slightly out of the order of their `updated` stamps.
const PULL_OVERLAP_MS: i64 = 5000;
/// PocketBase's own fields, which are not part of Samspil's records.
const SYSTEM_FIELDS: [&str; 5] = ["collectionId", "collectionName", "expand", "created", "updated"];
/// Where this device keeps the login.
const LOGIN_KEY: &str = "samspil.pocketbase";
/// A token with less time left than this is renewed.
const RENEW_WITHIN_SECS: f64 = 24.0 * 60.0 * 60.0;

thread_local! {
    // Whether the server has confirmed the token since the page was loaded.
    static CONFIRMED: Cell<bool> = const { Cell::new(false) };
}

/// Where a PocketBase server lives, e.g. `http://127.0.0.1:8090`.
#[derive(Clone, Debug, PartialEq)]
pub struct PocketBase {
    base: String,
}

/// Who is logged in on this device, and with which token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Login {
    /// The server the token is for.
    pub url: String,
    pub token: String,
    /// The Samspil person the account is linked to.
    pub person: String,
    pub email: String,
}

/// Why logging in did not work.
#[derive(Clone, Debug, PartialEq)]
pub enum LoginError {
    /// Wrong email or password (PocketBase answers 400 and does not say which).
    WrongPassword,
    /// The account exists but is linked to no Samspil person.
    NotLinked,
    /// No connection to the server.
    Unreachable,
    /// Anything else; the detail is for the console.
    Failed(String),
}

/// One page of a list.
#[derive(Debug, PartialEq)]
pub struct Page {
    pub items: Vec<Value>,
    pub page: u64,
    pub total_pages: u64,
    /// Where the last item stands in the server's order: its `updated`
    /// (server time, read before the field is taken off) and id.
    pub last: Option<(String, String)>,
}

/// A pull cursor: where the last pull ended, `updated|id`.
pub fn cursor(updated: &str, id: &str) -> String {
    format!("{updated}|{id}")
}

/// The filter a pull starts from: records the server wrote at or after a
/// few seconds before the cursor. `None`: no (readable) cursor, pull everything.
pub fn start_filter(cursor: Option<&str>) -> Option<String> {
    let (updated, _) = cursor?.split_once('|')?;
    let from = earlier(updated, PULL_OVERLAP_MS)?;
    literal(&from).map(|from| format!("updated >= {from}"))
}

/// The filter for the page after an item: later in (updated, id) order.
pub fn after_filter(updated: &str, id: &str) -> Option<String> {
    let (updated, id) = (literal(updated)?, literal(id)?);
    Some(format!("(updated > {updated} || (updated = {updated} && id > {id}))"))
}

/// A PocketBase time (`2026-11-26 10:00:00.123Z`) `ms` milliseconds earlier, in the same form.
pub fn earlier(time: &str, ms: i64) -> Option<String> {
    let day = domain::Date::parse(time.get(..10)?)?;
    let clock = time.get(11..)?.trim_end_matches('Z');
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let mut parts = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (parts.next()??, parts.next()??, parts.next()??);
    let milli: i64 = format!("{fraction:0<3}").get(..3)?.parse().ok()?;
    let total = day.to_days() * 86_400_000 + ((h * 60 + m) * 60 + sec) * 1000 + milli - ms;
    let (days, rest) = (total.div_euclid(86_400_000), total.rem_euclid(86_400_000));
    Some(format!(
        "{} {:02}:{:02}:{:02}.{:03}Z",
        domain::Date::from_days(days),
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    ))
}

/// A filter value in quotes, or `None` for text that could break out of them.
/// Samspil's ids, client ids and times never contain quotes or backslashes.
pub fn literal(value: &str) -> Option<String> {
    let safe = !value.is_empty()
        && value.len() <= 200
        && !value.chars().any(|c| matches!(c, '\'' | '"' | '\\') || c.is_control());
    safe.then(|| format!("'{value}'"))
}

fn bad_value(value: &str) -> HttpError {
    HttpError::NotJson(format!("refused to put {value:?} in a filter"))
}

impl PocketBase {
    pub fn new(base: &str) -> PocketBase {
        PocketBase { base: base.trim_end_matches('/').to_string() }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn records_url(&self, collection: &str) -> String {
        format!("{}/api/collections/{}/records", self.base, encode(collection))
    }

    pub fn record_url(&self, collection: &str, id: &str) -> String {
        format!("{}/{}", self.records_url(collection), encode(id))
    }

    /// One page of a collection, optionally filtered, in a stable order.
    pub fn list_url(&self, collection: &str, filter: Option<&str>, page: u64) -> String {
        self.sorted_url(collection, filter, page, "id")
    }

    /// One page of a collection in the server's order of writes (keyset paging).
    pub fn changed_url(&self, collection: &str, filter: Option<&str>) -> String {
        self.sorted_url(collection, filter, 1, "updated,id")
    }

    fn sorted_url(&self, collection: &str, filter: Option<&str>, page: u64, sort: &str) -> String {
        let mut url = format!("{}?page={page}&perPage={PER_PAGE}&sort={sort}", self.records_url(collection));
        if let Some(filter) = filter {
            url.push_str("&filter=");
            url.push_str(&encode(filter));
        }
        url
    }

    /// The filter for records whose `field` is `value`.
    pub fn field_filter(field: &str, value: &str) -> Option<String> {
        literal(value).map(|value| format!("{field} = {value}"))
    }

    /// The server's erasure route (server/pocketbase/pb_hooks/erasure.pb.js).
    pub fn erase_url(&self) -> String {
        format!("{}/api/samspil/erase", self.base)
    }

    pub fn login_url(&self) -> String {
        format!("{}/api/collections/users/auth-with-password", self.base)
    }

    pub fn refresh_url(&self) -> String {
        format!("{}/api/collections/users/auth-refresh", self.base)
    }

    /// The login for this server, if there is one that has not expired.
    fn token(&self) -> Result<String, HttpError> {
        let login = login_for(&self.base).ok_or(HttpError::Unauthorized)?;
        match token_expiry(&login.token) {
            Some(expiry) if expiry <= js_sys::Date::now() / 1000.0 => {
                forget_login();
                Err(HttpError::Unauthorized)
            }
            _ => Ok(login.token),
        }
    }

    fn authorized(&self, call: Call) -> Result<Call, HttpError> {
        Ok(call.header("Authorization", &self.token()?))
    }

    /// Before a sync: is there a login, and does the server still take it? The
    /// server is asked once per page load and when the token nears its end; a
    /// refused token is forgotten (the outbox stays).
    pub async fn ready(&self) -> Result<(), HttpError> {
        let token = self.token()?;
        let near_end =
            token_expiry(&token).is_some_and(|expiry| expiry - js_sys::Date::now() / 1000.0 < RENEW_WITHIN_SECS);
        if CONFIRMED.with(Cell::get) && !near_end {
            return Ok(());
        }
        let call = Call::with_body(Method::POST, self.refresh_url(), Value::Object(Default::default()))
            .header("Authorization", &token);
        match send(call).await {
            Ok(answer) => {
                let login = read_login(&self.base, &answer).map_err(|e| HttpError::NotJson(format!("{e:?}")))?;
                remember_login(&login);
                CONFIRMED.with(|c| c.set(true));
                Ok(())
            }
            Err(HttpError::Unauthorized | HttpError::Status { status: 403 | 404, .. }) => {
                forget_login();
                Err(HttpError::Unauthorized)
            }
            Err(other) => Err(other),
        }
    }

    /// Logs in with email and password; on success the login is remembered.
    pub async fn log_in(&self, email: &str, password: &str) -> Result<Login, LoginError> {
        let body = serde_json::json!({ "identity": email.trim(), "password": password });
        match send(Call::with_body(Method::POST, self.login_url(), body)).await {
            Ok(answer) => {
                let login = read_login(&self.base, &answer)?;
                remember_login(&login);
                CONFIRMED.with(|c| c.set(true));
                Ok(login)
            }
            Err(HttpError::Status { status: 400, .. } | HttpError::Unauthorized) => Err(LoginError::WrongPassword),
            Err(HttpError::Unreachable(_)) => Err(LoginError::Unreachable),
            Err(other) => Err(LoginError::Failed(other.to_string())),
        }
    }

    /// Every record of a collection matching `filter`, page by page.
    async fn list(&self, collection: &str, filter: Option<&str>) -> Result<Vec<Value>, HttpError> {
        let mut all = Vec::new();
        let mut page = 1;
        loop {
            let answer = send(self.authorized(Call::get(self.list_url(collection, filter, page)))?).await?;
            let got = parse_page(answer)?;
            let done = got.items.is_empty() || got.page >= got.total_pages || page >= MAX_PAGES;
            all.extend(got.items);
            if done {
                return Ok(all);
            }
            page += 1;
        }
    }

    /// Records of one collection the server wrote since a few seconds before
    /// `cursor` (all of them without one), page by page in (updated, id)
    /// order, each to be checked on its own; and where this pull ended.
    pub async fn pull(&self, collection: &str, cursor: Option<&str>) -> Result<Pulled, HttpError> {
        let mut filter = start_filter(cursor);
        let mut records = Vec::new();
        let mut last = None;
        for _ in 0..MAX_PAGES {
            let answer = send(self.authorized(Call::get(self.changed_url(collection, filter.as_deref())))?).await?;
            let page = parse_page(answer)?;
            let full = page.items.len() >= PER_PAGE as usize;
            records.extend(page.items);
            let Some((updated, id)) = page.last else { break };
            last = cursor_of(&updated, &id);
            match (full, after_filter(&updated, &id)) {
                (true, Some(next)) => filter = Some(next),
                _ => break,
            }
        }
        // No record with a server time (a server without `updated`): pulled whole next time.
        let cursor = match last {
            Some(last) => Some(last),
            None if records.is_empty() => cursor.map(str::to_string),
            None => None,
        };
        Ok(Pulled { records, cursor })
    }

    /// The server's address.
    pub fn address(&self) -> &str {
        &self.base
    }

    /// The record with this id as this person may see it, or `None`.
    pub async fn get(&self, collection: &str, id: &str) -> Result<Option<Value>, HttpError> {
        let filter = PocketBase::field_filter("id", id).ok_or_else(|| bad_value(id))?;
        let mut found = self.list(collection, Some(&filter)).await?;
        if found.len() > 1 {
            return Err(HttpError::NotJson(format!("several {collection} with id {id}")));
        }
        Ok(found.pop())
    }

    /// Whether a record made on a device with this client id already arrived.
    pub async fn has_client_id(&self, collection: &str, client_id: &str) -> Result<bool, HttpError> {
        let filter = PocketBase::field_filter("clientId", client_id).ok_or_else(|| bad_value(client_id))?;
        Ok(!self.list(collection, Some(&filter)).await?.is_empty())
    }

    /// Erases a pupil on the server, in one transaction: every record of
    /// theirs, their account, and the traces other devices purge by. The
    /// route is idempotent, and lets anyone signed in ask again once the
    /// pupil is erased (to delete records a device sent late).
    pub async fn erase_pupil(&self, pupil_id: &str) -> Result<(), HttpError> {
        let body = serde_json::json!({ "pupilId": pupil_id });
        send(self.authorized(Call::with_body(Method::POST, self.erase_url(), body))?).await.map(|_| ())
    }

    pub async fn create(&self, collection: &str, record: &Value) -> Result<(), HttpError> {
        let call = Call::with_body(Method::POST, self.records_url(collection), record.clone());
        send(self.authorized(call)?).await.map(|_| ())
    }

    /// Changes a record, provided the server still has `base_version`. The
    /// update rule refuses a version that is not the stored one plus one; the
    /// refusal (404, or 400/403) is a conflict when the server's version moved
    /// on, and a refusal of this change otherwise.
    pub async fn update(&self, collection: &str, id: &str, record: &Value, base_version: u32) -> Result<(), HttpError> {
        let mut body = record.clone();
        if let Value::Object(fields) = &mut body {
            fields.remove("id");
        }
        let call = Call::with_body(Method::PATCH, self.record_url(collection, id), body);
        match send(self.authorized(call)?).await {
            Ok(_) => Ok(()),
            Err(refused @ HttpError::Status { status: 400 | 403 | 404, .. }) => match self.get(collection, id).await? {
                Some(theirs) if theirs.get("version").and_then(Value::as_u64) != Some(u64::from(base_version)) => {
                    Err(HttpError::Conflict)
                }
                _ => Err(refused),
            },
            Err(other) => Err(other),
        }
    }
}

/// A cursor from an item's place, or `None` when the item had no server time.
fn cursor_of(updated: &str, id: &str) -> Option<String> {
    (!updated.is_empty() && !id.is_empty()).then(|| cursor(updated, id))
}

pub fn parse_page(answer: Value) -> Result<Page, HttpError> {
    let number = |name: &str| answer.get(name).and_then(Value::as_u64);
    let (Some(page), Some(total_pages)) = (number("page"), number("totalPages")) else {
        return Err(HttpError::NotJson("expected a PocketBase list with page and totalPages".into()));
    };
    let Some(Value::Array(items)) = answer.get("items") else {
        return Err(HttpError::NotJson("expected a PocketBase list with items".into()));
    };
    let text = |item: &Value, name: &str| item.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
    let last = items.last().map(|item| (text(item, "updated"), text(item, "id")));
    let items = items
        .iter()
        .cloned()
        .map(|mut item| {
            if let Value::Object(fields) = &mut item {
                for name in SYSTEM_FIELDS {
                    fields.remove(name);
                }
            }
            item
        })
        .collect();
    Ok(Page { items, page, total_pages, last })
}

/// Reads the answer to a login or a token refresh.
pub fn read_login(url: &str, answer: &Value) -> Result<Login, LoginError> {
    let token = answer.get("token").and_then(Value::as_str).filter(|t| !t.is_empty() && t.len() < 4096);
    let record = answer.get("record");
    let field = |name: &str| record.and_then(|r| r.get(name)).and_then(Value::as_str).unwrap_or_default();
    let Some(token) = token else {
        return Err(LoginError::Failed("the answer has no token".into()));
    };
    let person = field("person");
    let linked =
        !person.is_empty() && person.len() <= 100 && person.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !linked {
        return Err(LoginError::NotLinked);
    }
    Ok(Login {
        url: url.to_string(),
        token: token.to_string(),
        person: person.to_string(),
        email: field("email").to_string(),
    })
}

/// The `exp` claim (seconds since 1970) of a JSON Web Token, if it has one.
pub fn token_expiry(token: &str) -> Option<f64> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64url(payload)?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("exp")?.as_f64()
}

/// Decodes unpadded (or padded) base64url.
fn base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.trim_end_matches('=').bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The login kept on this device for the server at `url`.
pub fn login_for(url: &str) -> Option<Login> {
    let json = super::json::Json::parse(&super::remembered(LOGIN_KEY)?)?;
    let field = |key| json.string_field(key).ok().flatten();
    let login = Login { url: field("url")?, token: field("token")?, person: field("person")?, email: field("email")? };
    (login.url == url.trim_end_matches('/') && !login.token.is_empty()).then_some(login)
}

fn remember_login(login: &Login) {
    if let Ok(text) = serde_json::to_string(login) {
        super::remember(LOGIN_KEY, Some(&text));
    }
}

/// Forgets the login on this device (logging out, or the server refused the token).
pub fn forget_login() {
    CONFIRMED.with(|c| c.set(false));
    super::remember(LOGIN_KEY, None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn urls_follow_pocketbase_conventions() {
        let pb = PocketBase::new("http://127.0.0.1:8090/");
        assert_eq!(pb.records_url("goals"), "http://127.0.0.1:8090/api/collections/goals/records");
        assert_eq!(pb.record_url("goals", "a b/c"), "http://127.0.0.1:8090/api/collections/goals/records/a%20b%2Fc");
        assert_eq!(
            pb.changed_url("checkins", start_filter(Some("2026-11-26 10:00:03.250Z|c1")).as_deref()),
            "http://127.0.0.1:8090/api/collections/checkins/records?page=1&perPage=500&sort=updated,id\
             &filter=updated%20%3E%3D%20%272026-11-26%2009%3A59%3A58.250Z%27"
        );
        assert_eq!(
            pb.list_url("checkins", PocketBase::field_filter("id", "c1").as_deref(), 2),
            "http://127.0.0.1:8090/api/collections/checkins/records?page=2&perPage=500&sort=id&filter=id%20%3D%20%27c1%27"
        );
        assert_eq!(
            pb.list_url("people", None, 1),
            "http://127.0.0.1:8090/api/collections/people/records?page=1&perPage=500&sort=id"
        );
        assert_eq!(pb.login_url(), "http://127.0.0.1:8090/api/collections/users/auth-with-password");
    }

    #[test]
    fn pulls_page_by_the_servers_clock_and_start_a_little_before_the_last_one() {
        assert_eq!(earlier("2026-11-26 10:00:03.250Z", 5000).as_deref(), Some("2026-11-26 09:59:58.250Z"));
        assert_eq!(earlier("2026-01-01 00:00:02.000Z", 5000).as_deref(), Some("2025-12-31 23:59:57.000Z"));
        assert_eq!(earlier("2026-11-26 10:00:03Z", 0).as_deref(), Some("2026-11-26 10:00:03.000Z"));
        assert_eq!(earlier("not a time", 5000), None);
        assert_eq!(start_filter(None), None);
        assert_eq!(start_filter(Some("2026-11-26T10:00:00Z")), None, "an old cursor (the device's clock) starts over");
        assert_eq!(
            start_filter(Some("2026-11-26 10:00:03.250Z|c1")).as_deref(),
            Some("updated >= '2026-11-26 09:59:58.250Z'")
        );
        assert_eq!(
            after_filter("2026-11-26 10:00:03.250Z", "c1").as_deref(),
            Some("(updated > '2026-11-26 10:00:03.250Z' || (updated = '2026-11-26 10:00:03.250Z' && id > 'c1'))")
        );
        assert_eq!(after_filter("x' || '", "c1"), None);
        assert_eq!(cursor_of("2026-11-26 10:00:03.250Z", "c1").as_deref(), Some("2026-11-26 10:00:03.250Z|c1"));
        assert_eq!(cursor_of("", "c1"), None);
    }

    #[test]
    fn every_collection_is_on_the_server() {
        let shared: Vec<&str> = domain::COLLECTIONS.iter().copied().filter(|c| has_collection(c)).collect();
        assert_eq!(shared, domain::COLLECTIONS);
        assert!(!has_collection("users"), "accounts are the server's own");
        assert_eq!(PocketBase::new("http://pb/").erase_url(), "http://pb/api/samspil/erase");
    }

    #[test]
    fn filter_values_cannot_break_out_of_their_quotes() {
        assert_eq!(PocketBase::field_filter("id", "goal-1"), Some("id = 'goal-1'".into()));
        for bad in ["x' || id != '", "a\"b", "a\\", "", "line\nbreak"] {
            assert_eq!(PocketBase::field_filter("id", bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_list_envelope_is_checked_and_system_fields_removed() {
        let page = parse_page(json!({
            "page": 1, "perPage": 500, "totalItems": 1, "totalPages": 1,
            "items": [{"id": "p1", "name": "Ida", "collectionId": "pbc_1", "collectionName": "people", "expand": {}}]
        }))
        .unwrap();
        assert_eq!(
            page,
            Page {
                items: vec![json!({"id": "p1", "name": "Ida"})],
                page: 1,
                total_pages: 1,
                last: Some((String::new(), "p1".into()))
            }
        );
        // The server's time of the last item is read before it is taken off.
        let page = parse_page(json!({"page": 1, "totalPages": 1, "items": [
            {"id": "a", "updated": "2026-11-26 10:00:00.000Z"}, {"id": "b", "updated": "2026-11-26 10:00:01.500Z"}
        ]}))
        .unwrap();
        assert_eq!(page.last, Some(("2026-11-26 10:00:01.500Z".into(), "b".into())));
        assert_eq!(page.items[1], json!({"id": "b"}));
        for bad in [json!([]), json!({"items": []}), json!({"page": 1, "totalPages": 1, "items": {}}), json!("<html>")]
        {
            assert!(matches!(parse_page(bad.clone()), Err(HttpError::NotJson(_))), "{bad}");
        }
    }

    #[test]
    fn a_login_needs_a_token_and_a_linked_person() {
        let answer =
            json!({"token": "t", "record": {"id": "abc", "email": "emma@example.com", "person": "pupil-emma"}});
        assert_eq!(
            read_login("http://pb", &answer),
            Ok(Login {
                url: "http://pb".into(),
                token: "t".into(),
                person: "pupil-emma".into(),
                email: "emma@example.com".into()
            })
        );
        assert_eq!(
            read_login("http://pb", &json!({"token": "t", "record": {"person": ""}})),
            Err(LoginError::NotLinked)
        );
        assert_eq!(
            read_login("http://pb", &json!({"token": "t", "record": {"person": "x' || '"}})),
            Err(LoginError::NotLinked)
        );
        assert!(matches!(read_login("http://pb", &json!({"record": {"person": "p"}})), Err(LoginError::Failed(_))));
    }

    #[test]
    fn the_expiry_is_read_from_the_token() {
        // {"alg":"HS256"} . {"exp":1764165600,"id":"x"} . signature
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3NjQxNjU2MDAsImlkIjoieCJ9.c2ln";
        assert_eq!(token_expiry(token), Some(1764165600.0));
        assert_eq!(token_expiry("not a token"), None);
        assert_eq!(token_expiry("a.!!!.c"), None);
    }
}
