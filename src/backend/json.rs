//! Reading the few small JSON texts the app needs before its first view —
//! `config.json` and what localStorage keeps (the header's hint, the login) —
//! with the browser's own `JSON.parse`. serde_json's reader for them was
//! ~4 KB brotli of the main module; the records themselves are read by the
//! store's code, in a chunk. Natively (the unit tests) serde_json reads them,
//! so the code above this module is tested either way.

/// A value in a parsed JSON text.
#[derive(Clone, Debug)]
pub struct Json(
    #[cfg(target_arch = "wasm32")] wasm_bindgen::JsValue,
    #[cfg(not(target_arch = "wasm32"))] serde_json::Value,
);

impl Json {
    /// The text's value; `None` when it is not JSON.
    pub fn parse(text: &str) -> Option<Json> {
        #[cfg(target_arch = "wasm32")]
        return js_sys::JSON::parse(text).ok().map(Json);
        #[cfg(not(target_arch = "wasm32"))]
        return serde_json::from_str(text).ok().map(Json);
    }

    /// The object's own field `key`; `None` when this is not an object, the
    /// field is missing, or it is `null`.
    pub fn get(&self, key: &str) -> Option<Json> {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            // Own fields only: `{}` has no field "constructor", whatever its prototype says.
            let object = self.0.dyn_ref::<js_sys::Object>().filter(|_| !js_sys::Array::is_array(&self.0))?;
            let field = js_sys::Reflect::get_own_property_descriptor(object, &key.into()).ok()?;
            let value = js_sys::Reflect::get(&field, &"value".into()).ok()?;
            (!value.is_null() && !value.is_undefined()).then_some(Json(value))
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.0.as_object()?.get(key).filter(|v| !v.is_null()).cloned().map(Json)
    }

    /// The text, if this is a string.
    pub fn string(&self) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        return self.0.as_string();
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.as_str().map(str::to_owned);
    }

    /// The string field `key` (see [`Json::get`]); `Err` when it is there but not a string.
    pub fn string_field(&self, key: &str) -> Result<Option<String>, NotAText> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value.string().map(Some).ok_or(NotAText),
        }
    }
}

/// A field that should be a text is something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAText;

#[cfg(test)]
mod tests {
    use super::{Json, NotAText};

    #[test]
    fn reads_fields_of_objects_only() {
        let json = Json::parse(r#"{"a":{"b":"text","n":1,"z":null}}"#).unwrap();
        let a = json.get("a").unwrap();
        assert_eq!(a.string_field("b"), Ok(Some("text".to_string())));
        assert_eq!(a.string_field("n"), Err(NotAText));
        assert_eq!(a.string_field("z"), Ok(None));
        assert_eq!(a.string_field("missing"), Ok(None));
        assert!(Json::parse("[1]").unwrap().get("0").is_none());
        assert!(Json::parse("\"a\"").unwrap().get("a").is_none());
        assert!(Json::parse("{").is_none());
        assert!(Json::parse("").is_none());
    }
}
