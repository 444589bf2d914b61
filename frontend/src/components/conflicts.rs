//! Conflicts between sources, shown plainly: what differs, the Czech description, and every
//! value with the source that prints it. Nothing is picked as the right one.

use leptos::prelude::*;
use shared::format::Lang;

use crate::components::source::source_text;
use crate::i18n::{self, T};
use crate::model::Conflict;

/// A "Rozpory mezi zdroji" section; `none` is what it says when the sources agree.
pub fn conflicts_section(conflicts: &[Conflict], none: T, lang: Lang) -> AnyView {
    let body = if conflicts.is_empty() {
        view! { <p class="notice notice-ok">{none.get(lang)}</p> }.into_any()
    } else {
        let items = conflicts
            .iter()
            .map(|c| {
                let statements = c
                    .statements
                    .iter()
                    .map(|s| {
                        view! {
                            <li>
                                <strong lang="cs">{s.value.clone()}</strong>
                                " — " <span lang="cs">{source_text(&s.source, lang)}</span>
                            </li>
                        }
                    })
                    .map(IntoAny::into_any).collect_view();
                view! {
                    <li class="card conflict">
                        <p>
                            <span class="chip chip-behind">{i18n::severity(&c.severity, lang)}</span>
                            " " <strong>{i18n::field(&c.field, lang)}</strong>
                        </p>
                        <p class="doc-text" lang="cs">{c.description.clone()}</p>
                        <ul class="plain-list">{statements}</ul>
                    </li>
                }
            })
            .map(IntoAny::into_any).collect_view();
        view! {
            <p>{T::ConflictsLead.get(lang)}</p>
            <ul class="plain-list">{items}</ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="rozpory">
            <h2 id="rozpory">{T::Conflicts.get(lang)}</h2>
            {body}
        </section>
    }
    .into_any()
}
