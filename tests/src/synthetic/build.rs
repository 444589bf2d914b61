//! The rows of one synthetic plan, built in memory: deterministic, no IO.

use shared::search::fold;
use shared::status::StatusKind;
use shared::{Code, Date, FundingSource};

use server::entity::*;

use super::{Ids, Rows, Shape, measure_token, slug};

/// A well-mixed number from a few small ones (splitmix64 of their combination).
fn mix(parts: &[u64]) -> u64 {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for p in parts {
        x = x.wrapping_add(*p).wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
    }
    x
}

/// The `k`-th monitoring date (0-based): quarter ends from 31. 3. 2023.
pub fn monitoring_date(k: usize) -> Date {
    let quarter = k as i32;
    let year = 2023 + quarter / 4;
    let month = (3 * (quarter % 4) + 3) as u8;
    Date::last_of_month(year, month).unwrap_or_else(|| unreachable!("months 3, 6, 9, 12 exist"))
}

fn czech_date(d: Date) -> String {
    format!("{}. {}. {}", d.day(), d.month(), d.year())
}

/// Hellers of a whole number of crowns, printed the Czech way (`12 500 000 Kč`).
pub(super) fn crowns_text(crowns: i64) -> String {
    let digits = crowns.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    format!("{out} Kč")
}

const AREA_NAMES: [(&str, &str); 6] = [
    ("Bydlení", "Housing"),
    ("Prevence kriminality", "Crime prevention"),
    ("Zaměstnanost a dluhová problematika", "Employment and debt"),
    ("Rodina", "Family"),
    ("Participace", "Participation"),
    ("Zdraví", "Health"),
];

const PROGRAMMES: [&str; 2] = ["OPZ+", "IROP"];

/// The status reports of every measure: two half-year dates.
const STATUS_DATES: [&str; 2] = ["2024-06-30", "2024-12-31"];

/// Builds the rows of synthetic plan `number`, taking ids from `ids`.
pub fn build(shape: &Shape, number: usize, ids: &mut Ids) -> Rows {
    let n = number as u64;
    let mut r = Rows::default();
    let slug = slug(number);
    let plan_id = ids.next("plan");
    let city = format!("Syntetice {number}");
    r.plans.push(plan::Model {
        id: plan_id,
        slug: slug.clone(),
        city: city.clone(),
        name: format!("Plán sociálního začleňování {city} 2022–2027"),
        period_from: 2022,
        period_to: 2027,
        description: format!("Syntetický plán č. {number} pro měření výkonu; data jsou vymyšlená."),
        revision: 0,
    });
    let document_id = ids.next("document");
    r.documents.push(document::Model {
        id: document_id,
        plan_id,
        key: "ap1".to_owned(),
        title: format!("Akční plán I. – {city}"),
        issued: "2022".to_owned(),
        kind: "ACTION_PLAN".to_owned(),
        description: "Syntetický dokument.".to_owned(),
    });
    let action_plan_id = ids.next("action_plan");
    r.action_plans.push(action_plan::Model {
        id: action_plan_id,
        plan_id,
        number: 1,
        name: "Akční plán I.".to_owned(),
        period_from: 2022,
        period_to: 2025,
        document_id,
        state: action_plan::APPROVED.to_owned(),
        approved_on: None,
        resolution: None,
        version: 1,
    });
    let locator = |what: &str| format!("synteticky, {what}");

    // The tree: areas > strategic goals > specific goals, with indicators and their values.
    struct Goal {
        id: i32,
        area_id: i32,
        strategic_goal_id: i32,
        code: Code,
        measures: usize,
    }
    let mut goals: Vec<Goal> = Vec::with_capacity(shape.specific_goals_per_plan());
    for a in 1..=shape.areas_per_plan {
        let (name, name_en) = AREA_NAMES[(a - 1) % AREA_NAMES.len()];
        let name = if a <= AREA_NAMES.len() {
            name.to_owned()
        } else {
            format!("{name} {a}")
        };
        let code: Code = a
            .to_string()
            .parse()
            .unwrap_or_else(|e| panic!("area code {a}: {e}"));
        let area_id = ids.next("area");
        r.areas.push(area::Model {
            id: area_id,
            plan_id,
            code: code.to_string(),
            sort_key: code.sort_key(),
            search_text: fold(&name),
            name,
            name_en: name_en.to_owned(),
            target_group_intro: String::new(),
            target_group_outro: String::new(),
            structure_note: String::new(),
        });
        for s in 1..=shape.strategic_goals_per_area {
            let code: Code = format!("{a}.{s}")
                .parse()
                .unwrap_or_else(|e| panic!("strategic goal code: {e}"));
            let strategic_goal_id = ids.next("strategic_goal");
            let name = format!("Strategický cíl {code} plánu {city}");
            r.strategic_goals.push(strategic_goal::Model {
                id: strategic_goal_id,
                plan_id,
                area_id,
                code: code.to_string(),
                sort_key: code.sort_key(),
                search_text: fold(&name),
                name,
            });
            for g in 1..=shape.specific_goals_per_strategic_goal {
                let code: Code = format!("{a}.{s}.{g}")
                    .parse()
                    .unwrap_or_else(|e| panic!("specific goal code: {e}"));
                let id = ids.next("specific_goal");
                goals.push(Goal {
                    id,
                    area_id,
                    strategic_goal_id,
                    code,
                    measures: 0,
                });
            }
        }
    }
    let n_goals = goals.len();
    for i in 0..shape.measures_per_plan {
        goals[i % n_goals].measures += 1;
    }
    let dates: Vec<Date> = (0..shape.dates).map(monitoring_date).collect();
    for (gi, goal) in goals.iter().enumerate() {
        let per_year = mix(&[n, gi as u64, 1]).is_multiple_of(8);
        let target_text = format!(
            "Do roku 2025 podpořit {} osob v rámci cíle {}",
            20 + gi,
            goal.code
        );
        r.specific_goals.push(specific_goal::Model {
            version: 1,
            id: goal.id,
            plan_id,
            action_plan_id,
            area_id: goal.area_id,
            strategic_goal_id: goal.strategic_goal_id,
            code: goal.code.to_string(),
            sort_key: goal.code.sort_key(),
            search_text: fold(&target_text),
            target_text,
            expected_impact: "Zlepšení situace cílové skupiny.".to_owned(),
            target_kind: if per_year { "PER_YEAR" } else { "COUNT_BY" }.to_owned(),
            due: (!per_year).then(|| "2025-12-31".to_owned()),
            declared_measures: Some(goal.measures as i32),
        });
        for p in 1..=shape.indicators_per_goal {
            let h = mix(&[n, gi as u64, p as u64, 2]);
            let target = (10 + h % 190) as f64;
            // Where the indicator ends, as a share of its target: 30 % to 130 %.
            let end_share = 0.3 + ((h >> 8) % 101) as f64 / 100.0;
            let indicator_id = ids.next("impact_indicator");
            r.indicators.push(impact_indicator::Model {
                version: 1,
                id: indicator_id,
                specific_goal_id: goal.id,
                position: p as i32,
                name: format!("Počet podpořených osob ({}, ukazatel {p})", goal.code),
                report_name: None,
                note: None,
                is_key: p <= 2,
                in_plan: true,
                unit: "osob".to_owned(),
                target_value: Some(target),
                target_text: Some(format!("{target}")),
            });
            for (k, date) in dates.iter().enumerate() {
                // Every seventh reading is printed as "-" (no number).
                let missing = mix(&[n, gi as u64, p as u64, k as u64, 3]).is_multiple_of(7);
                let value = (!missing)
                    .then(|| (target * end_share * (k + 1) as f64 / dates.len() as f64).round());
                r.indicator_values.push(indicator_value::Model {
                    version: 1,
                    replaces_id: None,
                    id: ids.next("indicator_value"),
                    impact_indicator_id: indicator_id,
                    ref_date: date.to_string(),
                    ref_label: czech_date(*date),
                    value,
                    parts: None,
                    value_text: value.map_or_else(|| "-".to_owned(), |v| format!("{v}")),
                    published: true,
                    document_id,
                    locator: locator(&format!("SC {}", goal.code)),
                });
            }
        }
    }

    // Monitoring waves: one per half-year of the monitoring dates, each collecting its two
    // quarter ends, open for the half-year after them.
    for half in 0..shape.dates.div_ceil(2) {
        let year = 2023 + (half / 2) as i32;
        let (from, to) = if half % 2 == 0 { (7, 12) } else { (1, 6) };
        let year = if half % 2 == 0 { year } else { year + 1 };
        let id = ids.next("monitoring_wave");
        r.waves.push(monitoring_wave::Model {
            id,
            plan_id,
            name: format!("{}. vlna", half + 1),
            as_of: Some(monitoring_date(2 * half + 1).to_string()),
            opens_on: Date::first_of_month(year, from)
                .unwrap_or_else(|| unreachable!("a month"))
                .to_string(),
            deadline: Date::last_of_month(year, to)
                .unwrap_or_else(|| unreachable!("a month"))
                .to_string(),
            document_id,
            locator: "Syntetická vlna".to_owned(),
            version: 1,
        });
    }

    // Implementers.
    let organisations: Vec<i32> = (1..=shape.organisations_per_plan)
        .map(|o| {
            let id = ids.next("organisation");
            let name = format!("Syntetická organizace {o} ({city})");
            r.organisations.push(organisation::Model {
                id,
                plan_id,
                search_text: fold(&name),
                name,
            });
            id
        })
        .collect();

    // Measures: the i-th measure belongs to goal i mod goals, numbered within its goal.
    let mut within = vec![0usize; n_goals];
    for i in 0..shape.measures_per_plan {
        let index = i + 1;
        let gi = i % n_goals;
        within[gi] += 1;
        let goal = &goals[gi];
        let code: Code = format!("{}.{}", goal.code, within[gi])
            .parse()
            .unwrap_or_else(|e| panic!("measure code: {e}"));
        let h = mix(&[n, i as u64, 4]);
        let id = ids.next("measure");
        let crowns = ((1 + h % 50) * 1_000_000) as i64;
        let has_cost = i % 5 != 4;
        let sources: Vec<FundingSource> = if (h >> 12) & 1 == 0 {
            vec![FundingSource::ALL[(h >> 16) as usize % FundingSource::ALL.len()]]
        } else {
            vec![FundingSource::OpzPlus, FundingSource::City]
        };
        let name = format!(
            "Opatření {code} {} plánu {city}",
            measure_token(number, index)
        );
        let responsible_body = format!("Odbor sociálních věcí, oddělení {}", 1 + h % 4);
        let description =
            "Synteticky vytvořené opatření: poradenství, doprovázení a podpora cílové skupiny."
                .to_owned();
        r.measures.push(measure::Model {
            version: 1,
            id,
            plan_id,
            action_plan_id,
            area_id: goal.area_id,
            strategic_goal_id: goal.strategic_goal_id,
            specific_goal_id: goal.id,
            code: code.to_string(),
            sort_key: code.sort_key(),
            code_as_written: None,
            search_text: fold(&format!("{name} {description} {responsible_body}")),
            name,
            description,
            target_group: "Osoby ohrožené sociálním vyloučením".to_owned(),
            responsible_body,
            schedule_text: "2023–2025".to_owned(),
            schedule_from: Some("2023-01-01".to_owned()),
            schedule_to: Some("2025-12-31".to_owned()),
            estimated_cost_text: if has_cost {
                crowns_text(crowns)
            } else {
                "neuvedeno".to_owned()
            },
            estimated_cost: has_cost.then_some(crowns * 100),
            cost_approximate: (h >> 20) & 1 == 1,
            cost_see_measure: None,
            funding_text: sources
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            links_text: format!("Specifický cíl {}", goal.code),
            service_type: None,
            is_social_service: false,
            origin_id: None,
        });
        for p in 1..=2 {
            r.output_indicators.push(output_indicator::Model {
                id: ids.next("output_indicator"),
                measure_id: id,
                position: p,
                name: format!("Počet podpořených osob (výstup {p} opatření {code})"),
            });
        }
        for (p, source) in sources.iter().enumerate() {
            r.fundings.push(measure_funding::Model {
                id: ids.next("measure_funding"),
                measure_id: id,
                position: p as i32 + 1,
                source: source.as_str().to_owned(),
            });
        }
        r.links.push(measure_link::Model {
            id: ids.next("measure_link"),
            measure_id: id,
            position: 1,
            target_kind: "GOAL".to_owned(),
            target_code: Some(goal.code.to_string()),
            text: format!("SC {}", goal.code),
        });
        let organisation_id = organisations[(h >> 24) as usize % organisations.len()];
        let programme = PROGRAMMES[(h >> 28) as usize % PROGRAMMES.len()];
        if i.is_multiple_of(3) {
            let budget = ((2 + (h >> 32) % 18) * 1_000_000) as i64;
            r.projects.push(project::Model {
                version: 1,
                published: true,
                replaces_id: None,
                id: ids.next("project"),
                measure_id: id,
                organisation_id,
                registration_number: format!("SYN.{number:04}/{index:04}"),
                call: format!("018 {programme}"),
                call_number: 18,
                programme: programme.to_owned(),
                budget: budget * 100,
                budget_text: crowns_text(budget),
                period_from: Some("2023-01-01".to_owned()),
                period_to: Some("2025-12-31".to_owned()),
                document_id,
                locator: locator("příloha A"),
            });
        }
        if i.is_multiple_of(4) {
            let amount = ((1 + (h >> 40) % 15) * 1_000_000) as i64;
            r.allocations.push(allocation::Model {
                id: ids.next("allocation"),
                measure_id: id,
                amount: amount * 100,
                amount_text: crowns_text(amount),
                bracketed: i % 12 == 8,
                programme: programme.to_owned(),
                priority: "2.1".to_owned(),
                programme_goal: "ESO4.11".to_owned(),
                document_id,
                locator: locator("tabulka 6"),
            });
        }
        // Two reports; the later one counts. 20 % not implemented, 60 % in progress, 20 % done.
        let latest = match (h >> 44) % 10 {
            0 | 1 => StatusKind::NotImplemented,
            2..=7 => StatusKind::InProgress,
            _ => StatusKind::Completed,
        };
        let earlier = if latest == StatusKind::Completed {
            StatusKind::InProgress
        } else {
            latest
        };
        for (k, (date, kind)) in STATUS_DATES.iter().zip([earlier, latest]).enumerate() {
            let reports = (k as i32 + 1) * 2;
            let (text, reports) = match kind {
                StatusKind::NotImplemented => ("Nerealizováno".to_owned(), None),
                StatusKind::InProgress => (format!("V realizaci ({reports}/6)"), Some(reports)),
                StatusKind::Completed => ("Dokončeno".to_owned(), Some(6)),
            };
            r.statuses.push(measure_status::Model {
                version: 1,
                replaces_id: None,
                id: ids.next("measure_status"),
                measure_id: id,
                organisation_id: Some(organisation_id),
                ref_date: (*date).to_owned(),
                position: 1,
                status: kind.as_str().to_owned(),
                status_text: text,
                reports,
                reports_of: reports.map(|_| 6),
                activity: if i.is_multiple_of(3) {
                    "PROJECT"
                } else {
                    "NON_PROJECT"
                }
                .to_owned(),
                service: None,
                implementer_text: None,
                period_text: Some("1. 1. 2023–31. 12. 2025".to_owned()),
                period_from: Some("2023-01-01".to_owned()),
                period_to: Some("2025-12-31".to_owned()),
                code_as_written: None,
                name_as_written: None,
                footnote: None,
                published: true,
                document_id,
                locator: locator(&format!("příloha B, {date}")),
            });
        }
        // Every tenth measure's cost disagrees between two sources.
        if i % 10 == 5 {
            for (k, value) in [crowns, crowns + 500_000].into_iter().enumerate() {
                r.statements.push(statement::Model {
                    id: ids.next("statement"),
                    plan_id,
                    subject_type: "measure".to_owned(),
                    subject_code: code.to_string(),
                    field: "estimated_cost".to_owned(),
                    value_text: crowns_text(value),
                    value_key: (value * 100).to_string(),
                    ref_date: None,
                    document_id,
                    locator: locator(if k == 0 {
                        "karta opatření"
                    } else {
                        "tabulka 5"
                    }),
                });
            }
            r.conflicts.push(conflict::Model {
                version: 1,
                id: ids.next("conflict"),
                plan_id,
                subject_type: "measure".to_owned(),
                subject_code: code.to_string(),
                field: "estimated_cost".to_owned(),
                severity: "FIGURE".to_owned(),
                description: format!("Karta opatření {code} a tabulka 5 uvádějí různé náklady."),
                resolved_statement_id: None,
                resolution_reason: None,
            });
        }
    }
    r
}
