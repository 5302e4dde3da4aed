//! Small facts from the browser: the clock, randomness, an idempotency key, the page URL. Host
//! builds get fixed stand-ins (render tests never submit).

use super::IN_BROWSER;

/// Milliseconds since the epoch (`Date.now()`).
pub fn now_ms() -> f64 {
    if IN_BROWSER {
        js_sys::Date::now()
    } else {
        0.0
    }
}

/// Now as ISO 8601 (`2026-11-28T10:00:00.000Z`).
pub fn now_iso() -> String {
    if IN_BROWSER {
        js_sys::Date::new_0().to_iso_string().into()
    } else {
        "1970-01-01T00:00:00.000Z".into()
    }
}

/// A random number in `[0, 1)`.
pub fn random() -> f64 {
    if IN_BROWSER {
        js_sys::Math::random()
    } else {
        0.5
    }
}

/// A fresh UUID v4: `crypto.randomUUID()` where the page is a secure context, otherwise built
/// from `Math.random` (the key only has to be unique per draft, not secret).
pub fn new_uuid() -> String {
    use wasm_bindgen::JsCast;
    if IN_BROWSER {
        let global = js_sys::global();
        let uuid = js_sys::Reflect::get(&global, &"crypto".into())
            .ok()
            .and_then(|crypto| {
                let f = js_sys::Reflect::get(&crypto, &"randomUUID".into()).ok()?;
                f.dyn_ref::<js_sys::Function>()?
                    .call0(&crypto)
                    .ok()?
                    .as_string()
            });
        if let Some(uuid) = uuid {
            return uuid;
        }
    }
    let mut bytes = [0u8; 16];
    for b in bytes.iter_mut() {
        *b = (random() * 256.0) as u8;
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The host page's URL as the browser has it (the payload keeps only its origin and path:
/// `correction::payload::page_only`, tested on the host).
pub fn page_url() -> String {
    if !IN_BROWSER {
        return String::new();
    }
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
