//! Provenance shown plainly: "Zdroj: Zpráva o naplňování…, příloha B, SC 1.1.1, k 28. 2. 2025".

use leptos::prelude::*;
use shared::format::{self, Lang};

use crate::i18n::T;
use crate::model::Source;

/// The text of a source: document title, locator and date, whichever are known.
pub fn source_text(source: &Source, lang: Lang) -> String {
    let mut text = origin_text(source);
    if let Some(date) = source.ref_date {
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(&format::date(date, lang));
    }
    text
}

/// Where in which document a figure is printed: document title and locator, whichever are
/// known (Czech, as the documents name themselves).
pub fn origin_text(source: &Source) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(document) = &source.document {
        parts.push(&document.title);
    }
    if !source.locator.is_empty() {
        parts.push(&source.locator);
    }
    parts.join(", ")
}

/// A small "Source: …" line (nothing when the source is unknown).
pub fn source_note(source: Option<&Source>, lang: Lang) -> Option<AnyView> {
    let text = source_text(source?, lang);
    (!text.is_empty()).then(|| {
        view! {
            <p class="source">
                <span class="source-label">{T::Source.get(lang)} ": "</span>
                <span lang="cs">{text}</span>
            </p>
        }
        .into_any()
    })
}
