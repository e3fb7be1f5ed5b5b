//! The only layer that touches storage and the network. Pages and
//! components call the session (see `state`), which calls this.

pub mod config;
pub mod embedded;
pub mod error;
pub mod http;
pub mod json;
pub mod json_server;
pub mod pocketbase;
pub mod remote;
pub mod server_report;
pub mod snapshot;

pub use error::StoreError;

/// A fresh record id: a random UUID v4. Built from `getRandomValues`, which
/// (unlike `randomUUID`) also works on plain-http classroom servers.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        // No crypto: fall back to Math.random, still unique enough for one device.
        for byte in bytes.iter_mut() {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Now, as RFC 3339 in UTC.
pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Today on the device's calendar.
pub fn today() -> domain::Date {
    let now = js_sys::Date::new_0();
    domain::Date::new(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8)
        .unwrap_or_else(|| domain::Date::from_days(0))
}

/// A small value remembered on this device (language, who is using it).
pub fn remembered(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn remember(key: &str, value: Option<&str>) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return };
    let _ = match value {
        Some(value) => storage.set_item(key, value),
        None => storage.remove_item(key),
    };
}
