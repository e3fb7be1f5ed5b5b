//! Saving a file the app made (a CSV, a JSON export) on the person's
//! device: a Blob URL and an `<a download>`, so nothing goes over the network.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file called `name`. CSV gets a byte-order mark so that
/// spreadsheet programs read æ, ø and å right. The error is for the console;
/// the caller tells the person in their language.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let describe = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let body = if mime.starts_with("text/csv") { format!("\u{feff}{text}") } else { text.to_string() };
    let parts = js_sys::Array::of1(&JsValue::from_str(&body));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(describe)?.dyn_into().map_err(|_| "not an anchor".to_string())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The browser has taken the file by the next tick; give it a moment more.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// A file name without characters file systems dislike: "samspil-emma-2026-11-26.json".
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let joined = parts.join("-").to_lowercase();
    let clean: String = joined
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{clean}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            file_name(&["samspil", "Emma Ø. Hansen", "2026-11-26"], "json"),
            "samspil-emma-ø-hansen-2026-11-26.json"
        );
        assert_eq!(file_name(&["a/b\\c", "<x>"], "csv"), "a-b-c-x.csv");
    }
}
