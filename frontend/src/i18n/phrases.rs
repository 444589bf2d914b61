//! Texts with numbers, names or choices in them: formatted through [`shared::format`], each
//! Czech first and English second.

use shared::format::{self, Lang};
use shared::progress::GoalState;
use shared::role::Role;
use shared::status::StatusKind;
use shared::trend::Verdict;
use shared::{Date, FundingSource, MeasureStatus};

use super::T;
use crate::api::ClientError;

/// When a revised target starts: `od 1. 1. 2026`.
pub fn in_force_from(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("od {}", format::date(date, lang)),
        Lang::En => format!("from {}", format::date(date, lang)),
    }
}

/// A target's number with its unit (`1 200 osoby`), or "in words only".
pub fn target_value(value: Option<f64>, unit: &str, lang: Lang) -> String {
    match value {
        Some(v) if unit.is_empty() => format::number_auto(v, lang),
        Some(v) => format!("{} {unit}", format::number_auto(v, lang)),
        None => T::TargetInWords.get(lang).to_owned(),
    }
}

/// An ISO date as people read it (`20. 10. 2025`), or the text as it is when it is no date.
pub fn date_text(iso: &str, lang: Lang) -> String {
    iso.parse::<Date>()
        .map(|d| format::date(d, lang))
        .unwrap_or_else(|_| iso.to_owned())
}

/// What a draft action plan is compared with: `Ve srovnání s „Akční plán I.“:`.
pub fn compared_with(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("Ve srovnání s „{name}“:"),
        Lang::En => format!("Compared with “{name}”:"),
    }
}

/// A field of a measure's card as the comparison names it (the API's `CardField`).
pub fn card_field(field: &str, lang: Lang) -> &'static str {
    let cs = lang == Lang::Cs;
    match field {
        "NAME" if cs => "název",
        "NAME" => "name",
        "DESCRIPTION" if cs => "popis",
        "DESCRIPTION" => "description",
        "TARGET_GROUP" if cs => "cílová skupina",
        "TARGET_GROUP" => "target group",
        "RESPONSIBLE_BODY" if cs => "odpovědný subjekt",
        "RESPONSIBLE_BODY" => "responsible body",
        "SCHEDULE" if cs => "harmonogram",
        "SCHEDULE" => "schedule",
        "ESTIMATED_COST_TEXT" if cs => "náklady (text)",
        "ESTIMATED_COST_TEXT" => "cost (as worded)",
        "ESTIMATED_COST" if cs => "předpokládané náklady",
        "ESTIMATED_COST" => "estimated cost",
        "FUNDING" if cs => "zdroje financování",
        "FUNDING" => "funding sources",
        "FUNDING_TEXT" if cs => "financování (text)",
        "FUNDING_TEXT" => "funding (as worded)",
        "LINKS" if cs => "vazby",
        "LINKS" => "links",
        "SERVICE_TYPE" if cs => "druh služby",
        "SERVICE_TYPE" => "service type",
        "OUTPUT_INDICATORS" if cs => "indikátory výstupu",
        "OUTPUT_INDICATORS" => "output indicators",
        _ if cs => "jiný údaj",
        _ => "another field",
    }
}

/// What became of the measures: `nová 2, ukončená 45, změněná 1, beze změny 0`.
pub fn comparison_counts(
    added: usize,
    ended: usize,
    changed: usize,
    unchanged: usize,
    lang: Lang,
) -> String {
    match lang {
        Lang::Cs => format!(
            "opatření nová {added}, ukončená {ended}, změněná {changed}, beze změny {unchanged}"
        ),
        Lang::En => format!(
            "measures added {added}, ended {ended}, changed {changed}, unchanged {unchanged}"
        ),
    }
}

/// A role's name.
pub fn role(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Admin => T::RoleAdmin,
        Role::Coordinator => T::RoleCoordinator,
        Role::Implementer => T::RoleImplementer,
        Role::Viewer => T::RoleViewer,
    }
    .get(lang)
}

/// What a broken input rule says, in the user's language.
pub fn rule(rule: &shared::validate::Rule, lang: Lang) -> String {
    rule.message(lang)
}

/// The text of a measure's status group.
pub fn status_kind(kind: StatusKind, lang: Lang) -> &'static str {
    match kind {
        StatusKind::NotImplemented => T::StatusNotImplemented,
        StatusKind::InProgress => T::StatusInProgress,
        StatusKind::Completed => T::StatusCompleted,
    }
    .get(lang)
}

/// A measure's status in words: `V realizaci (4 z 6 zpráv)`, `Completed`.
pub fn status(status: MeasureStatus, lang: Lang) -> String {
    let word = status_kind(status.kind(), lang);
    match status.reports() {
        Some((n, of)) => format!("{word} ({})", format::reports(n, of, lang)),
        None => word.to_owned(),
    }
}

/// A goal's state in words.
pub fn goal_state(state: GoalState, lang: Lang) -> &'static str {
    match state {
        GoalState::Achieved => T::StateAchieved,
        GoalState::OnTrack => T::StateOnTrack,
        GoalState::Behind => T::StateBehind,
        GoalState::NoData => T::StateNoData,
    }
    .get(lang)
}

/// A global indicator's verdict in words.
pub fn verdict(verdict: Verdict, lang: Lang) -> &'static str {
    match verdict {
        Verdict::Met => T::VerdictMet,
        Verdict::RightWay => T::VerdictRightWay,
        Verdict::WrongWay => T::VerdictWrongWay,
        Verdict::Flat => T::VerdictFlat,
        Verdict::Unknown => T::VerdictUnknown,
    }
    .get(lang)
}

/// A funding source's name.
pub fn funding_source(source: FundingSource, lang: Lang) -> &'static str {
    match (source, lang) {
        (FundingSource::OpzPlus, _) => "OPZ+",
        (FundingSource::Irop, _) => "IROP",
        (FundingSource::OtherProgramme, Lang::Cs) => "Jiný operační program",
        (FundingSource::OtherProgramme, Lang::En) => "Other operational programme",
        (FundingSource::City, Lang::Cs) => "Rozpočet města",
        (FundingSource::City, Lang::En) => "City budget",
        (FundingSource::District, Lang::Cs) => "Rozpočet městského obvodu",
        (FundingSource::District, Lang::En) => "City district budget",
        (FundingSource::Ngo, Lang::Cs) => "Rozpočet NNO",
        (FundingSource::Ngo, Lang::En) => "NGO budget",
        (FundingSource::Organisation, Lang::Cs) => "Rozpočet organizace",
        (FundingSource::Organisation, Lang::En) => "Organisation's budget",
        (FundingSource::Agency, Lang::Cs) => "Agentura pro sociální začleňování",
        (FundingSource::Agency, Lang::En) => "Agency for Social Inclusion",
        (FundingSource::External, Lang::Cs) => "Externí zdroje",
        (FundingSource::External, Lang::En) => "External sources",
    }
}

/// The name of a figure the provenance of a measure lists (`estimated_cost` …); unknown names
/// stay as the API gives them.
pub fn field(name: &str, lang: Lang) -> String {
    let key = name.split(':').next().unwrap_or(name);
    let text = match key {
        "estimated_cost" => T::EstimatedCost.get(lang),
        "name" => T::Name.get(lang),
        "code" => T::Code.get(lang),
        "funding" => T::FundingSources.get(lang),
        "status" => T::Status.get(lang),
        "implementer" => T::Implementer.get(lang),
        "responsible_body" => T::ResponsibleBody.get(lang),
        "schedule" => T::Schedule.get(lang),
        "target" => T::Target.get(lang),
        "value" => T::Value.get(lang),
        "budget" => T::ProjectBudget.get(lang),
        "allocation" => T::Allocations.get(lang),
        "measure_count" => T::FieldMeasureCount.get(lang),
        "target_text" => T::FieldTargetText.get(lang),
        "indicator_name" => T::FieldIndicatorName.get(lang),
        "total" => T::Total.get(lang),
        _ => return name.to_owned(),
    };
    match name.split_once(':') {
        Some((_, rest)) => format!("{text} ({rest})"),
        None => text.to_owned(),
    }
}

/// A conflict's severity in words (`FIGURE`, `IDENTITY`, `TEXT`, `GAP`).
pub fn severity(severity: &str, lang: Lang) -> &'static str {
    match severity {
        "IDENTITY" => T::SeverityIdentity,
        "TEXT" => T::SeverityText,
        "GAP" => T::SeverityGap,
        _ => T::SeverityFigure,
    }
    .get(lang)
}

/// A risk's significance level in words (see [`crate::logic::risk::Level`]).
pub fn risk_level(level: crate::logic::risk::Level, lang: Lang) -> &'static str {
    use crate::logic::risk::Level;
    match level {
        Level::Low => T::RiskLow,
        Level::Medium => T::RiskMedium,
        Level::High => T::RiskHigh,
        Level::Critical => T::RiskCritical,
    }
    .get(lang)
}

/// A count with its noun: `5 opatření`, `1 goal`.
pub fn count(n: usize, noun: Noun, lang: Lang) -> String {
    let n64 = n as u64;
    let word = match (noun, lang) {
        (Noun::Measure, Lang::Cs) => "opatření",
        (Noun::Measure, Lang::En) => english_plural(n, "measure", "measures"),
        (Noun::Goal, Lang::Cs) => format::plural_cs(n64, "cíl", "cíle", "cílů"),
        (Noun::Goal, Lang::En) => english_plural(n, "goal", "goals"),
        (Noun::Conflict, Lang::Cs) => format::plural_cs(n64, "rozpor", "rozpory", "rozporů"),
        (Noun::Conflict, Lang::En) => english_plural(n, "conflict", "conflicts"),
        (Noun::Result, Lang::Cs) => format::plural_cs(n64, "výsledek", "výsledky", "výsledků"),
        (Noun::Result, Lang::En) => english_plural(n, "result", "results"),
    };
    format!("{n}\u{a0}{word}")
}

/// Nouns [`count`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Measure,
    Goal,
    Conflict,
    Result,
}

fn english_plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// `3 z 5 cílů s daty` / `3 of 5 goals with data`.
pub fn goals_with_data(with_data: usize, goals: usize, lang: Lang) -> String {
    match lang {
        Lang::Cs => {
            let noun = format::plural_cs(goals as u64, "cíle", "cílů", "cílů");
            format!("{with_data} z {goals} {noun} s daty")
        }
        Lang::En => format!("{with_data} of {goals} goals with data"),
    }
}

/// Goal states counted: `splněno 2 · na dobré cestě 1 · pozadu 3`.
pub fn goal_state_counts(achieved: usize, on_track: usize, behind: usize, lang: Lang) -> String {
    format!(
        "{} {achieved} · {} {on_track} · {} {behind}",
        T::StateAchieved.get(lang).to_lowercase(),
        T::StateOnTrack.get(lang).to_lowercase(),
        T::StateBehind.get(lang).to_lowercase(),
    )
}

/// An indicator's value against its target: `54 z 40 (135 %) k 28. 2. 2025` /
/// `54 of 40 (135%) as of 28 Feb 2025`.
pub fn value_of_target(latest: f64, target: f64, date: Date, lang: Lang) -> String {
    let latest = format::number_auto(latest, lang);
    let target_text = format::number_auto(target, lang);
    let when = format::date(date, lang);
    match lang {
        Lang::Cs => format!("{latest} z {target_text} k {when}"),
        Lang::En => format!("{latest} of {target_text} as of {when}"),
    }
}

/// `do 31. 12. 2025` / `by 31 Dec 2025`.
pub fn due_by(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("do {}", format::date(date, lang)),
        Lang::En => format!("by {}", format::date(date, lang)),
    }
}

/// A wave's deadline and where it stands: `uzávěrka 30. 6. 2026 (uzavřená)`.
pub fn wave_deadline(deadline: Date, phase: &str, lang: Lang) -> String {
    let phase = wave_phase(phase, lang);
    match lang {
        Lang::Cs => format!("uzávěrka {} ({phase})", format::date(deadline, lang)),
        Lang::En => format!("deadline {} ({phase})", format::date(deadline, lang)),
    }
}

/// A wave's phase in words.
pub fn wave_phase(phase: &str, lang: Lang) -> &'static str {
    match phase {
        "UPCOMING" => T::PhaseUpcoming.get(lang),
        "OPEN" => T::PhaseOpen.get(lang),
        _ => T::PhaseClosed.get(lang),
    }
}

/// An item's state in words.
pub fn wave_item_state(state: &str, lang: Lang) -> &'static str {
    match state {
        "PUBLISHED" => T::StatePublished.get(lang),
        "DRAFT" => T::StateDraft.get(lang),
        "DUE" => T::StateDue.get(lang),
        _ => T::StateLate.get(lang),
    }
}

/// `chybí 3` / `3 missing`.
pub fn missing_count(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("chybí {n}"),
        Lang::En => format!("{n} missing"),
    }
}

/// What a confirmed spreadsheet stored.
pub fn sheet_stored(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Cs => {
            format!("Z tabulky uloženo záznamů: {n}. Jsou to koncepty; zveřejní je koordinátor.")
        }
        Lang::En => format!(
            "Records stored from the spreadsheet: {n}. They are drafts; a coordinator publishes them."
        ),
    }
}

/// A wave's counts in words: `zveřejněno 12 z 40, koncepty 3, chybí 25 (po termínu 25)`.
pub fn wave_counts(
    published: u32,
    expected: u32,
    drafts: u32,
    missing: u32,
    late: u32,
    lang: Lang,
) -> String {
    match lang {
        Lang::Cs => format!(
            "zveřejněno {published} z {expected}, koncepty {drafts}, chybí {missing} (po termínu {late})"
        ),
        Lang::En => format!(
            "{published} of {expected} published, {drafts} drafts, {missing} missing ({late} late)"
        ),
    }
}

/// The public line of a wave: `zveřejněno 12 z 40 očekávaných údajů (30 %)`.
pub fn wave_public(published: u32, expected: u32, lang: Lang) -> String {
    let percent = (published * 100).checked_div(expected).unwrap_or(0);
    match lang {
        Lang::Cs => format!("zveřejněno {published} z {expected} očekávaných údajů ({percent} %)"),
        Lang::En => format!("{published} of {expected} expected figures published ({percent}%)"),
    }
}

/// `k 28. 2. 2025` / `as of 28 Feb 2025`.
pub fn as_of(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("k {}", format::date(date, lang)),
        Lang::En => format!("as of {}", format::date(date, lang)),
    }
}

/// The date a headline's figures refer to: `údaje k 28. 2. 2025` / `data as of 28 Feb 2025`.
pub fn data_as_of(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("údaje k {}", format::date(date, lang)),
        Lang::En => format!("data as of {}", format::date(date, lang)),
    }
}

/// What the not-found page says about a record the URL names but the plan lacks.
pub fn missing_record(kind: T, code: &str, lang: Lang) -> String {
    let kind = kind.get(lang);
    match lang {
        Lang::Cs => format!("{kind} s kódem „{code}“ v plánu není."),
        Lang::En => format!(
            "The plan has no {} with the code “{code}”.",
            kind.to_lowercase()
        ),
    }
}

/// `Výsledky pro „bydleni“: 12 výsledků` / `Results for “bydleni”: 12 results`.
pub fn search_summary(query: &str, found: usize, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("Hledáno „{query}“: {}", count(found, Noun::Result, lang)),
        Lang::En => format!(
            "Searched for “{query}”: {}",
            count(found, Noun::Result, lang)
        ),
    }
}

/// The site's name at the end of every tab title (as in `index.html`).
pub const SITE_NAME: &str = "psz-monitor";

/// The page title in the browser tab: `Opatření 2.1.3.4 – psz-monitor`; `page` is already in
/// the interface language.
pub fn document_title(page: &str) -> String {
    format!("{page} – {SITE_NAME}")
}

/// The name of a scrollable table's region: its section's heading and the word "table", so
/// it differs from the section's own name (landmarks' names are unique).
pub fn table_region(heading: T, lang: Lang) -> String {
    format!("{} ({})", heading.get(lang), T::TableWord.get(lang))
}

/// A failure the user can read, in their language.
pub fn error_message(error: &ClientError, lang: Lang) -> String {
    match (error, lang) {
        (ClientError::Network(_), Lang::Cs) => {
            "Server je nedostupný. Zkontrolujte připojení a zkuste to znovu.".to_owned()
        }
        (ClientError::Network(_), Lang::En) => {
            "The server cannot be reached. Check the connection and try again.".to_owned()
        }
        (ClientError::Http(status), Lang::Cs) => format!("Server odpověděl chybou HTTP {status}."),
        (ClientError::Http(status), Lang::En) => {
            format!("The server answered with HTTP error {status}.")
        }
        (ClientError::Decode(_), Lang::Cs) => "Odpověď serveru má neočekávaný tvar.".to_owned(),
        (ClientError::Decode(_), Lang::En) => {
            "The server's answer has an unexpected shape.".to_owned()
        }
        (ClientError::NotFound(m), Lang::Cs) => format!("Nenalezeno: {m}"),
        (ClientError::NotFound(m), Lang::En) => format!("Not found: {m}"),
        (ClientError::Validation(_, Some(cs)), Lang::Cs) => format!("Neplatný údaj: {cs}"),
        (ClientError::Validation(m, _), Lang::Cs) => format!("Neplatný údaj: {m}"),
        (ClientError::Validation(m, _), Lang::En) => format!("Invalid input: {m}"),
        (ClientError::Conflict(m), Lang::Cs) => {
            format!("Záznam mezitím změnil někdo jiný: {m}")
        }
        (ClientError::Conflict(m), Lang::En) => {
            format!("Someone else changed the record first: {m}")
        }
        (ClientError::Forbidden(_), Lang::Cs) => "K této akci nemáte oprávnění.".to_owned(),
        (ClientError::Forbidden(_), Lang::En) => "You are not allowed to do this.".to_owned(),
        (ClientError::Unauthenticated(_), Lang::Cs) => "Nejprve se přihlaste.".to_owned(),
        (ClientError::Unauthenticated(_), Lang::En) => "Please sign in first.".to_owned(),
        (ClientError::Internal, Lang::Cs) => {
            "Na serveru došlo k chybě. Zkuste to prosím později.".to_owned()
        }
        (ClientError::Internal, Lang::En) => {
            "The server failed. Please try again later.".to_owned()
        }
        (ClientError::GraphQl { message, .. }, Lang::Cs) => format!("Chyba dotazu: {message}"),
        (ClientError::GraphQl { message, .. }, Lang::En) => format!("Query error: {message}"),
    }
}

/// How many conflicts the work list shows, of all open ones.
pub fn open_conflicts(shown: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Cs if shown == total => format!("Otevřených rozporů: {total}"),
        Lang::Cs => format!("Zobrazeno {shown} z {total} otevřených rozporů"),
        Lang::En if shown == total => format!("Open conflicts: {total}"),
        Lang::En => format!("Showing {shown} of {total} open conflicts"),
    }
}
