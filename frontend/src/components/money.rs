//! Money planned against money drawn, as two bars on a common scale with the amounts in text.

use leptos::prelude::*;
use shared::Czk;
use shared::format::{self, Lang};

use crate::i18n::T;
use crate::logic::budget::{scale, share};
use crate::logic::progress::width_class;

/// One labelled bar of an amount, `max` being the amount of a full bar.
pub fn amount_bar(
    label: &'static str,
    class: &'static str,
    amount: Czk,
    max: Czk,
    lang: Lang,
) -> AnyView {
    view! {
        <div class="money-row">
            <span class="money-label">{label}</span>
            <span class="money-track" aria-hidden="true">
                <span class=format!("money-fill {class} {}", width_class(scale(amount, max)))></span>
            </span>
            <span class="money-amount">{format::czk_short(amount, lang)}</span>
        </div>
    }
    .into_any()
}

/// Planned and drawn as two bars, with the share drawn in words.
pub fn planned_vs_drawn(planned: Czk, drawn: Czk, lang: Lang) -> AnyView {
    money_bars(planned, None, drawn, lang)
}

/// Planned, allocated (when given) and drawn as bars on one scale, with the share drawn in
/// words.
pub fn money_bars(planned: Czk, allocated: Option<Czk>, drawn: Czk, lang: Lang) -> AnyView {
    let max = planned.max(drawn).max(allocated.unwrap_or(Czk::ZERO));
    let allocated =
        allocated.map(|a| amount_bar(T::Allocated.get(lang), "fill-allocated", a, max, lang));
    let drawn_share = share(drawn, planned).map(|s| {
        view! { <p class="money-share">{format::percent(s, lang)} " " {T::DrawnShare.get(lang)}</p> }
    });
    view! {
        <div class="money">
            {amount_bar(T::Planned.get(lang), "fill-planned", planned, max, lang)}
            {allocated}
            {amount_bar(T::Drawn.get(lang), "fill-drawn", drawn, max, lang)}
            {drawn_share}
        </div>
    }
    .into_any()
}
