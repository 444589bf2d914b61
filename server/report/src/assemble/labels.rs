//! Every fixed text of the report (headings, column names, notes) in its language.

use shared::format::Lang;

use super::pick;
use crate::view::Labels;

/// The report's fixed texts in `lang`.
pub(super) fn labels(lang: Lang) -> Labels {
    let l = |cs: &str, en: &str| pick(lang, cs, en);
    Labels {
        contents: l("Obsah", "Contents"),
        page: l("Strana", "Page"),
        draft: l("PRACOVNÍ VERZE – NEVYDÁNO", "DRAFT – NOT ISSUED"),
        period: l("Sledované období", "Reporting period"),
        cutoff: l("Data k", "Data as of"),
        issued: l("Vydáno", "Issued"),
        global_title: l(
            "Globální indikátory sociálního začleňování",
            "Global indicators of social inclusion",
        ),
        global_intro: l(
            "Globální indikátory slouží k popisu stavu sociálního vyloučení a k vyjádření očekávaného zlepšení, k němuž přispěje Plán sociálního začleňování.",
            "The global indicators describe the state of social exclusion and the improvement the Social Inclusion Plan is expected to contribute to.",
        ),
        indicator: l("Název indikátoru", "Indicator"),
        baseline: l("Počáteční hodnota", "Baseline"),
        expected: l("Očekávaná hodnota/trend 2027", "Expected value/trend 2027"),
        city_vs_region: l(
            "Hodnoty „A vs. B“: Ostrava vs. Moravskoslezský kraj.",
            "Values “A vs. B”: Ostrava vs. the Moravian-Silesian Region.",
        ),
        area: l("Tematická oblast", "Thematic area"),
        goals_progress: l(
            "Plnění specifických cílů (podíl cílové hodnoty; čárka: očekávaný stav k datu)",
            "Specific goals' progress (share of the target; tick: expected by the date)",
        ),
        goal: l("Cíl", "Goal"),
        progress: l("Plnění", "Progress"),
        expected_by_now: l("Očekáváno", "Expected"),
        state: l("Stav", "State"),
        impact_indicators: l("Indikátory dopadu", "Impact indicators"),
        unit: l("Jednotka", "Unit"),
        change: l("Změna", "Change"),
        trend: l("Trend", "Trend"),
        target: l("Cíl", "Target"),
        measures: l("Opatření specifického cíle", "The goal's measures"),
        measure: l("Opatření", "Measure"),
        status: l("Stav", "Status"),
        implementer: l("Realizátor", "Implementer"),
        activity: l("Typ aktivity", "Activity"),
        project_period: l("Období realizace", "Period"),
        no_measures: l(
            "Cíl nemá popsané opatření.",
            "The goal has no described measure.",
        ),
        no_values: l(
            "Indikátory zatím nemají hodnoty.",
            "The indicators have no values yet.",
        ),
        conflicts_title: l("Rozpory ve zdrojích", "Conflicts between the sources"),
        conflicts_intro: l(
            "Kde se dokumenty v údaji rozcházejí, uvádíme obě hodnoty s jejich zdroji. Vyřešené rozpory uvádějí hodnotu, kterou koordinátor určil jako platnou, a důvod.",
            "Where the documents disagree about a figure, both values are given with their sources. Resolved conflicts give the value a coordinator chose as valid, and why.",
        ),
        open_conflicts: l("Otevřené rozpory", "Open conflicts"),
        resolved_conflicts: l("Vyřešené rozpory", "Resolved conflicts"),
        none_open: l("Žádný rozpor není otevřený.", "No conflict is open."),
        none_resolved: l(
            "Žádný rozpor zatím nebyl vyřešen.",
            "No conflict has been resolved yet.",
        ),
        chosen: l("Platná hodnota", "Valid value"),
        reason: l("Důvod", "Reason"),
        annexes: l("Přílohy", "Annexes"),
        annex_a_title: l("Příloha A: Projekty EU", "Annex A: EU projects"),
        annex_a_intro: l(
            "Projekty, z nichž se opatření Plánu financují: realizátor, registrační číslo, rozpočet a výzva.",
            "The projects that fund the plan's measures: implementer, registration number, budget and call.",
        ),
        annex_b_title: l(
            "Příloha B: Vyhodnocení opatření Akčního plánu",
            "Annex B: Evaluation of the Action Plan's measures",
        ),
        registration: l("Reg. číslo projektu", "Registration number"),
        budget: l("Rozpočet", "Budget"),
        call: l("Výzva", "Call"),
        total: l("Celkem", "Total"),
        sources_title: l("Zdroje údajů", "Sources of the figures"),
        not_written: l("(text zatím nenapsán)", "(not written yet)"),
        strategic_goal: l("Strategický cíl", "Strategic goal"),
        specific_goal: l("Specifický cíl", "Specific goal"),
    }
}
