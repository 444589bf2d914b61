//! Chips that state a status in words and colour (never colour alone): a measure's status, a
//! goal's state, a global indicator's verdict.

use leptos::prelude::*;
use shared::MeasureStatus;
use shared::format::Lang;
use shared::progress::GoalState;
use shared::status::StatusKind;
use shared::trend::Verdict;

use crate::i18n::{self, T};

/// A measure's status chip: `V realizaci (4 z 6 zpráv)`; "no status reported" when the report
/// gives none.
pub fn status_chip(status: Option<MeasureStatus>, lang: Lang) -> AnyView {
    let (class, text) = match status {
        Some(status) => (status_class(status.kind()), i18n::status(status, lang)),
        None => ("chip chip-none", T::StatusUnknown.get(lang).to_owned()),
    };
    view! { <span class=class>{text}</span> }.into_any()
}

/// The CSS class of a status group's chip.
pub fn status_class(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::NotImplemented => "chip chip-not-implemented",
        StatusKind::InProgress => "chip chip-in-progress",
        StatusKind::Completed => "chip chip-completed",
    }
}

/// The CSS class that fills a bar segment in a status group's colour.
pub fn status_fill(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::NotImplemented => "fill-not-implemented",
        StatusKind::InProgress => "fill-in-progress",
        StatusKind::Completed => "fill-completed",
    }
}

/// A goal's state chip: `Splněno`, `Pozadu` …
pub fn goal_state_chip(state: GoalState, lang: Lang) -> AnyView {
    let class = match state {
        GoalState::Achieved => "chip chip-achieved",
        GoalState::OnTrack => "chip chip-on-track",
        GoalState::Behind => "chip chip-behind",
        GoalState::NoData => "chip chip-none",
    };
    view! { <span class=class>{i18n::goal_state(state, lang)}</span> }.into_any()
}

/// A global indicator's verdict chip, with an arrow that repeats the word.
pub fn verdict_chip(verdict: Verdict, lang: Lang) -> AnyView {
    let (class, mark) = match verdict {
        Verdict::Met => ("chip chip-achieved", "✓"),
        Verdict::RightWay => ("chip chip-on-track", "↗"),
        Verdict::WrongWay => ("chip chip-behind", "↘"),
        Verdict::Flat => ("chip chip-none", "→"),
        Verdict::Unknown => ("chip chip-none", "?"),
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{mark} " "</span>
            {i18n::verdict(verdict, lang)}
        </span>
    }
    .into_any()
}

/// Measures counted by status: a stacked bar (decoration) and the counts in words.
pub fn status_counts(counts: crate::model::StatusCounts, lang: Lang) -> AnyView {
    use crate::logic::progress::width_class;
    let groups = [
        (StatusKind::NotImplemented, counts.not_implemented),
        (StatusKind::InProgress, counts.in_progress),
        (StatusKind::Completed, counts.completed),
    ];
    let total: u32 = groups.iter().map(|(_, n)| n).sum::<u32>() + counts.unknown;
    let segments = groups
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| {
            let percent = f64::from(*n) * 100.0 / f64::from(total.max(1));
            view! { <span class=format!("stack-part {} {}", status_fill(*kind), width_class(percent))></span> }
        })
        .map(IntoAny::into_any)
        .collect_view();
    let items = groups
        .iter()
        .map(|(kind, n)| {
            view! {
                <li>
                    <span class=status_class(*kind)>{i18n::status_kind(*kind, lang)}</span>
                    " "
                    <strong class="count">{n.to_string()}</strong>
                </li>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    let unknown = (counts.unknown > 0).then(|| {
        view! {
            <li>
                <span class="chip chip-none">{T::StatusUnknown.get(lang)}</span>
                " "
                <strong class="count">{counts.unknown.to_string()}</strong>
            </li>
        }
    });
    view! {
        <div class="status-counts">
            <div class="stack" aria-hidden="true">{segments}</div>
            <ul>{items}{unknown}</ul>
        </div>
    }
    .into_any()
}
