//! A progress bar for a goal or an area: `role="progressbar"` with the real percentage for
//! screen readers, the figure in text beside it, and an optional mark where the goal should be
//! by now.

use leptos::prelude::*;
use shared::format::{self, Lang};

use crate::i18n::T;
use crate::logic::progress::{aria_percent, bar_width, left_class, width_class};

/// A bar for `ratio` (1.0 = target reached) labelled `label`; `text` says the figure in words
/// (`54 z 40 k 28. 2. 2025`); `expected` places the "expected by now" mark.
pub fn progress_bar(
    ratio: Option<f64>,
    expected: Option<f64>,
    label: String,
    text: String,
    lang: Lang,
) -> AnyView {
    let Some(ratio) = ratio else {
        return view! {
            <div class="progress">
                <div class="bar bar-empty" role="progressbar" aria-label=label aria-valuemin="0"
                    aria-valuemax="100" aria-valuetext=T::NoData.get(lang)></div>
                <p class="bar-text">{T::NoData.get(lang)}</p>
            </div>
        }
        .into_any();
    };
    let percent = format::percent(ratio, lang);
    let value_text = if text.is_empty() {
        percent.clone()
    } else {
        format!("{percent}: {text}")
    };
    let over = if ratio > 1.0 { "bar bar-over" } else { "bar" };
    let expected = expected.filter(|e| *e > 0.0 && *e < 1.0);
    let marker = expected.map(|e| {
        view! { <span class=format!("bar-expected {}", left_class(e * 100.0)) aria-hidden="true"></span> }
    });
    let expected_text = expected.map(|e| {
        view! {
            <span class="bar-expected-text">
                " · " {T::ExpectedMark.get(lang)} " " {format::percent(e, lang)}
            </span>
        }
    });
    view! {
        <div class="progress">
            <div class=over role="progressbar" aria-label=label aria-valuemin="0"
                aria-valuemax=aria_percent(ratio).max(100).to_string()
                aria-valuenow=aria_percent(ratio).to_string() aria-valuetext=value_text>
                <span class=format!("bar-fill {}", width_class(bar_width(ratio)))></span>
                {marker}
            </div>
            <p class="bar-text">
                <strong>{percent}</strong>
                {(!text.is_empty()).then(|| view! { " · " {text} })}
                {expected_text}
            </p>
        </div>
    }
    .into_any()
}
