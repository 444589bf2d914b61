//! The top of `/zadavani`: what the signed-in user still owes in the chosen wave, and the
//! navigation by wave, area, specific goal and implementer (links that keep the choice in the
//! URL) with what is missing beside each.

use leptos::prelude::*;
use shared::format::Lang;

use crate::i18n::{self as phrases, T};
use crate::logic::monitoring::{Focus, Item, Wave, WaveMatrix, missing_by, owed};

fn date_of(iso: &str) -> Option<shared::Date> {
    iso.parse().ok()
}

/// A link of the navigation: the current choice is marked for screen readers and the eye.
fn nav_link(
    focus: Focus,
    text: String,
    missing: Option<u32>,
    current: bool,
    lang: Lang,
) -> AnyView {
    let count = missing.filter(|n| *n > 0).map(
        |n| view! { " " <span class="missing-count">{phrases::missing_count(n, lang)}</span> },
    );
    let aria = current.then_some("true");
    view! {
        <li><a href=focus.href() aria-current=aria class:current=current>{text}</a>{count}</li>
    }
    .into_any()
}

/// An owed item in words: "2.1.3 Hodnota indikátoru: Počet …".
fn owed_line(item: &Item, wave: i32, lang: Lang) -> AnyView {
    let kind = if item.kind == "STATUS" {
        T::ItemStatus.get(lang)
    } else {
        T::ItemIndicator.get(lang)
    };
    let what = match &item.measure_code {
        Some(code) => format!("{code} {}", item.name),
        None => item.name.clone(),
    };
    let focus = Focus {
        wave: Some(wave),
        goal: Some(item.goal_code.clone()),
        ..Focus::default()
    };
    let state = phrases::wave_item_state(&item.state, lang);
    view! {
        <li>
            <a href=focus.href()>{item.goal_code.clone()}</a>
            " " {kind} ": " {what} " "
            <span class=format!("wave-state state-{}", item.state.to_lowercase())>{state}</span>
        </li>
    }
    .into_any()
}

/// What the caller still owes in `wave`: each missing item of their rows (an implementer), or
/// the plan's counts (a coordinator, whose rows are everyone's).
pub(super) fn owed_section(wave: &WaveMatrix, everyone: bool, lang: Lang) -> AnyView {
    let deadline = date_of(&wave.deadline)
        .map(|d| phrases::wave_deadline(d, &wave.phase, lang))
        .unwrap_or_default();
    let heading = format!("{}: {} – {deadline}", T::OwedTitle.get(lang), wave.name);
    let body = if everyone {
        let c = wave.matrix.counts;
        view! {
            <p>
                {T::OwedAll.get(lang)} ": "
                {phrases::wave_counts(c.published, c.expected, c.drafts, c.missing, c.late, lang)}
            </p>
        }
        .into_any()
    } else {
        let items = owed(&wave.matrix.rows);
        if items.is_empty() {
            view! { <p>{T::OwedNothing.get(lang)}</p> }.into_any()
        } else {
            let lines = items
                .iter()
                .map(|i| owed_line(i, wave.id, lang))
                .collect_view();
            view! { <ul class="owed-list">{lines}</ul> }.into_any()
        }
    };
    view! {
        <section class="owed" aria-labelledby="owed-title" data-owed=wave.id>
            <h2 id="owed-title">{heading}</h2>
            {body}
        </section>
    }
    .into_any()
}

/// The navigation: waves; then areas, the goals of the chosen area (or all with anything
/// owed), and the implementers (when more than one row is visible), each with its missing count.
pub(super) fn navigation(waves: &[Wave], wave: &WaveMatrix, focus: &Focus, lang: Lang) -> AnyView {
    let here = Focus {
        wave: Some(wave.id),
        ..focus.clone()
    };
    let wave_links = waves
        .iter()
        .map(|w| {
            let text = format!("{} ({})", w.name, phrases::wave_phase(&w.phase, lang));
            nav_link(here.in_wave(w.id), text, None, w.id == wave.id, lang)
        })
        .collect_view();
    let rows = &wave.matrix.rows;
    let by_area = missing_by(rows, |_, i| i.area_code.clone());
    let area_links = by_area
        .iter()
        .map(|(area, n)| {
            let to = Focus {
                area: Some(area.clone()),
                ..here.whole()
            };
            let current = focus.area.as_deref() == Some(area.as_str()) && focus.goal.is_none();
            nav_link(
                to,
                format!("{} {area}", T::Area.get(lang)),
                Some(*n),
                current,
                lang,
            )
        })
        .collect_view();
    let by_goal = missing_by(rows, |_, i| (code_key(&i.goal_code), i.goal_code.clone()));
    let goal_links = by_goal
        .iter()
        .filter(|((_, goal), _)| {
            focus
                .area
                .as_ref()
                .is_none_or(|a| goal.split('.').next() == Some(a.as_str()))
        })
        .map(|((_, goal), n)| {
            let to = Focus {
                area: goal.split('.').next().map(str::to_owned),
                goal: Some(goal.clone()),
                ..here.whole()
            };
            let current = focus.goal.as_deref() == Some(goal.as_str());
            nav_link(to, goal.clone(), Some(*n), current, lang)
        })
        .collect_view();
    let by_org = missing_by(rows, |r, _| {
        (
            r.organisation_id.is_none(),
            r.organisation_name.clone().unwrap_or_default(),
            r.organisation_id,
        )
    });
    let org_links = (by_org.len() > 1).then(|| {
        let links = by_org
            .iter()
            .map(|((_, name, id), n)| {
                let text = match id {
                    Some(_) => name.clone(),
                    None => T::NoImplementerRow.get(lang).to_owned(),
                };
                let to = Focus {
                    organisation: *id,
                    ..here.whole()
                };
                // The row without an organisation is chosen through its goals, not here.
                let current = id.is_some() && focus.organisation == *id;
                nav_link(to, text, Some(*n), current, lang)
            })
            .collect_view();
        view! {
            <h3 id="nav-orgs">{T::EntryOrganisations.get(lang)}</h3>
            <ul class="entry-nav-list entry-nav-orgs" aria-labelledby="nav-orgs">{links}</ul>
        }
    });
    let whole = nav_link(
        here.whole(),
        T::EntryWhole.get(lang).to_owned(),
        Some(wave.matrix.counts.missing),
        !focus.is_narrowed(),
        lang,
    );
    view! {
        <nav class="entry-nav" aria-label=T::EntryNavLabel.get(lang)>
            <h3 id="nav-waves">{T::EntryWaves.get(lang)}</h3>
            <ul class="entry-nav-list" aria-labelledby="nav-waves">{wave_links}</ul>
            <h3 id="nav-areas">{T::EntryAreas.get(lang)}</h3>
            <ul class="entry-nav-list" aria-labelledby="nav-areas">{whole}{area_links}</ul>
            <h3 id="nav-goals">{T::EntryGoals.get(lang)}</h3>
            <ul class="entry-nav-list" aria-labelledby="nav-goals">{goal_links}</ul>
            {org_links}
        </nav>
    }
    .into_any()
}

/// A code's numbers, so goals sort in plan order (`2.1.10` after `2.1.9`).
fn code_key(code: &str) -> Vec<u32> {
    code.split('.').filter_map(|p| p.parse().ok()).collect()
}
