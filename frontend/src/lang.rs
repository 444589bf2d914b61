//! The interface language: Czech unless the user chose English, remembered in `localStorage`
//! under `psz-lang`, and mirrored to `<html lang>` so screen readers and hyphenation follow.

use leptos::prelude::*;
use shared::format::Lang;

/// The `localStorage` key of the chosen language (`cs` or `en`).
pub const STORAGE_KEY: &str = "psz-lang";

/// The language a stored value names; Czech when nothing (or nothing valid) is stored.
pub fn from_stored(value: Option<&str>) -> Lang {
    value.and_then(Lang::from_code).unwrap_or_default()
}

/// The language the switch offers.
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Cs => Lang::En,
        Lang::En => Lang::Cs,
    }
}

/// Reads the stored choice, applies it to `<html lang>` and provides the language signal to
/// every component below.
pub fn provide_lang() -> RwSignal<Lang> {
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let lang = from_stored(stored.as_deref());
    apply(lang);
    let signal = RwSignal::new(lang);
    provide_context(signal);
    signal
}

/// The current language signal (Czech outside the app's tree, as in tests).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// Switches to `lang`: the document's `lang` attribute and the stored choice change at once,
/// then the signal re-renders the interface.
pub fn set_lang(signal: RwSignal<Lang>, lang: Lang) {
    apply(lang);
    if let Some(storage) = storage() {
        // A full or disabled storage only means the choice is not remembered.
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
    signal.set(lang);
}

/// Sets `<html lang>`.
fn apply(lang: Lang) {
    if let Some(root) = document().document_element() {
        // Setting an attribute on the root element does not fail in practice.
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// The page's `localStorage`, when the browser allows it.
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
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
}
