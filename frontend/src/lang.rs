//! The interface language: Czech unless the user chose English, remembered in the `psz_lang`
//! cookie (so the server renders pages in it), and mirrored to `<html lang>` so screen readers
//! and hyphenation follow.

use leptos::prelude::*;
use shared::format::Lang;

/// The cookie that remembers the chosen language (`cs` or `en`); the server reads it too.
pub const COOKIE: &str = "psz_lang";

/// The language a stored value names; Czech when nothing (or nothing valid) is stored.
pub fn from_stored(value: Option<&str>) -> Lang {
    value.and_then(Lang::from_code).unwrap_or_default()
}

/// The language a `Cookie` header (or `document.cookie`) chose.
pub fn from_cookies(cookies: &str) -> Lang {
    let value = cookies.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE).then_some(value)
    });
    from_stored(value)
}

/// The language the switch offers.
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Cs => Lang::En,
        Lang::En => Lang::Cs,
    }
}

/// Provides the language signal to every component below, starting from the language the page
/// was rendered in: on the server the request's (a `Lang` in the context), in a page the server
/// rendered its `<html lang>`, else the cookie's.
pub fn provide_lang() -> RwSignal<Lang> {
    let lang = initial();
    apply(lang);
    let signal = RwSignal::new(lang);
    provide_context(signal);
    signal
}

#[cfg(feature = "ssr")]
fn initial() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn initial() -> Lang {
    let rendered = document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"));
    from_stored(rendered.as_deref())
}

#[cfg(not(any(feature = "hydrate", feature = "ssr")))]
fn initial() -> Lang {
    from_cookies(&cookies())
}

/// The current language signal (Czech outside the app's tree, as in tests).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// Switches to `lang`: the document's `lang` attribute and the cookie change at once, then the
/// signal re-renders the interface.
pub fn set_lang(signal: RwSignal<Lang>, lang: Lang) {
    apply(lang);
    remember(lang);
    signal.set(lang);
}

/// Sets `<html lang>`.
fn apply(lang: Lang) {
    #[cfg(not(feature = "ssr"))]
    if let Some(root) = document().document_element() {
        // Setting an attribute on the root element does not fail in practice.
        let _ = root.set_attribute("lang", lang.code());
    }
    #[cfg(feature = "ssr")]
    let _ = lang;
}

/// Remembers the choice for a year, for every page of the site.
fn remember(lang: Lang) {
    use wasm_bindgen::JsCast;
    if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
        // A browser refusing cookies only means the choice is not remembered.
        let _ = doc.set_cookie(&format!(
            "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        ));
    }
}

/// The page's cookies as `document.cookie` gives them.
#[cfg(not(any(feature = "hydrate", feature = "ssr")))]
fn cookies() -> String {
    use wasm_bindgen::JsCast;
    document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.cookie().ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn czech_unless_english_was_chosen() {
        assert_eq!(from_stored(None), Lang::Cs);
        assert_eq!(from_stored(Some("en")), Lang::En);
        assert_eq!(from_stored(Some("cs")), Lang::Cs);
        assert_eq!(from_stored(Some("de")), Lang::Cs);
        assert_eq!(other(Lang::Cs), Lang::En);
        assert_eq!(other(Lang::En), Lang::Cs);
    }

    #[test]
    fn the_cookie_names_the_language() {
        assert_eq!(from_cookies(""), Lang::Cs);
        assert_eq!(from_cookies("psz_lang=en"), Lang::En);
        assert_eq!(from_cookies("psz_staff=1; psz_lang=en"), Lang::En);
        assert_eq!(from_cookies("xpsz_lang=en; psz_lang=cs"), Lang::Cs);
        assert_eq!(from_cookies("psz_lang=xx"), Lang::Cs);
    }
}
