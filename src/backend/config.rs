//! The deployment's choice of backend, read from `config.json` beside
//! `index.html`. A missing or malformed file never stops the app: it falls
//! back to the embedded store and says so.

use super::json::Json;

/// Where the data lives.
#[derive(Clone, Debug, PartialEq)]
pub enum BackendChoice {
    /// IndexedDB in this browser; needs no server.
    Embedded,
    /// A json-server (or anything speaking its conventions) at `url`.
    JsonServer { url: String },
    /// A PocketBase server at `url`.
    PocketBase { url: String },
}

/// Why the configuration in force is not the one the file asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigProblem {
    /// No `config.json` could be fetched.
    Missing,
    /// `config.json` is not valid configuration; the detail is for the console.
    Malformed(String),
    /// The file names a backend this build cannot talk to yet.
    Unsupported(BackendChoice),
}

/// For the console. (Not `Debug`: its quoting of texts brings the standard
/// library's escaping tables into the main module.)
impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigProblem::Missing => f.write_str("there is none"),
            ConfigProblem::Malformed(why) => f.write_str(why),
            ConfigProblem::Unsupported(_) => f.write_str("it names a backend this build cannot use"),
        }
    }
}

/// Reads the text of `config.json`: `{"backend": {"kind": "...", "url": "..."}}`.
pub fn parse(text: &str) -> Result<BackendChoice, ConfigProblem> {
    let malformed = |why: &str| ConfigProblem::Malformed(why.to_string());
    let file = Json::parse(text).ok_or_else(|| malformed("not JSON"))?;
    let backend = file.get("backend").ok_or_else(|| malformed("no backend"))?;
    let kind = backend.string_field("kind").ok().flatten().ok_or_else(|| malformed("backend.kind must be a text"))?;
    let url = backend.string_field("url").map_err(|_| malformed("backend.url must be a text"))?;
    let url = || -> Result<String, ConfigProblem> {
        let url = url.clone().unwrap_or_default();
        let url = url.trim().trim_end_matches('/');
        if url.starts_with("http://") || url.starts_with("https://") {
            Ok(url.to_string())
        } else {
            Err(ConfigProblem::Malformed(format!("backend.url must be an http(s) address, not \"{url}\"")))
        }
    };
    match kind.as_str() {
        "embedded" => Ok(BackendChoice::Embedded),
        "json-server" => Ok(BackendChoice::JsonServer { url: url()? }),
        "pocketbase" => Ok(BackendChoice::PocketBase { url: url()? }),
        other => Err(ConfigProblem::Malformed(format!("unknown backend kind \"{other}\""))),
    }
}

/// The backend to use and, if it differs from what was asked for, why.
pub fn resolve(fetched: Option<&str>) -> (BackendChoice, Option<ConfigProblem>) {
    let Some(text) = fetched else {
        return (BackendChoice::Embedded, Some(ConfigProblem::Missing));
    };
    match parse(text) {
        Ok(choice) => (choice, None),
        Err(problem) => (BackendChoice::Embedded, Some(problem)),
    }
}

/// Where this device keeps the backend chosen on the settings page.
const CHOSEN_KEY: &str = "samspil.backend";

/// The backend chosen on this device's settings page, if any and if valid.
pub fn chosen_on_device() -> Option<BackendChoice> {
    let text = super::remembered(CHOSEN_KEY)?;
    match resolve(Some(&text)) {
        (choice, None) => Some(choice),
        _ => None,
    }
}

/// Remembers a backend for this device (`None`: back to the deployment's default).
pub fn choose_on_device(choice: Option<&BackendChoice>) {
    let text = choice.map(|choice| {
        let backend = match choice {
            BackendChoice::Embedded => serde_json::json!({"kind": "embedded"}),
            BackendChoice::JsonServer { url } => serde_json::json!({"kind": "json-server", "url": url}),
            BackendChoice::PocketBase { url } => serde_json::json!({"kind": "pocketbase", "url": url}),
        };
        serde_json::json!({ "backend": backend }).to_string()
    });
    super::remember(CHOSEN_KEY, text.as_deref());
}

/// Fetches `config.json`; `None` when it is absent or unreadable.
pub async fn fetch_text() -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    // The browser's fetch, not gloo-net (backend/http.rs, which the backends
    // use): for this one static file the main module would carry gloo-net's
    // request code, which nothing else before the first view needs.
    let window = web_sys::window()?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str("/config.json")).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_is_accepted() {
        assert_eq!(resolve(Some(r#"{"backend":{"kind":"embedded"}}"#)), (BackendChoice::Embedded, None));
    }

    #[test]
    fn missing_file_falls_back_with_notice() {
        assert_eq!(resolve(None), (BackendChoice::Embedded, Some(ConfigProblem::Missing)));
    }

    #[test]
    fn malformed_file_falls_back_with_notice() {
        for text in
            ["", "<html>", "{", r#"{"backend":{}}"#, r#"{"backend":{"kind":"ftp"}}"#, "[]", r#"{"backend":{"kind":7}}"#]
        {
            let (choice, problem) = resolve(Some(text));
            assert_eq!(choice, BackendChoice::Embedded, "{text}");
            assert!(matches!(problem, Some(ConfigProblem::Malformed(_))), "{text}: {problem:?}");
        }
    }

    #[test]
    fn json_server_and_pocketbase_are_used() {
        let url = "http://127.0.0.1:3000".to_string();
        assert_eq!(
            resolve(Some(r#"{"backend":{"kind":"json-server","url":"http://127.0.0.1:3000"}}"#)),
            (BackendChoice::JsonServer { url: url.clone() }, None)
        );
        assert_eq!(
            resolve(Some(r#"{"backend":{"kind":"pocketbase","url":"http://127.0.0.1:3000"}}"#)),
            (BackendChoice::PocketBase { url }, None)
        );
    }

    #[test]
    fn remote_backends_need_an_http_url() {
        assert_eq!(
            parse(r#"{"backend":{"kind":"json-server","url":"http://127.0.0.1:3000/"}}"#),
            Ok(BackendChoice::JsonServer { url: "http://127.0.0.1:3000".into() })
        );
        assert!(matches!(
            parse(r#"{"backend":{"kind":"pocketbase","url":"javascript:alert(1)"}}"#),
            Err(ConfigProblem::Malformed(_))
        ));
    }
}
