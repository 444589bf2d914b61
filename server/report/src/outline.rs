//! The places to write in a report, in the document's order, each with the figures it comments
//! on: what the draft editor shows beside each narrative field, so the writer sees the numbers
//! the text is about (a goal's indicators over the monitoring dates and its measures' statuses,
//! an area's progress, the plan's figures for the summary).

use serde::Serialize;
use shared::report::Section;

use crate::view::{Fact, GoalView, Part, Report};

/// A narrative section with its context and figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlinePart {
    /// The section's key (`summary`, `area/2/people`, `goal/2.1.3/strengths`).
    pub key: String,
    pub title: String,
    /// Where in the report it is (`2 Prevence kriminality`, `Specifický cíl 2.1.3: …`); empty
    /// for the plan-wide sections.
    pub context: String,
    pub figures: Vec<Fact>,
}

fn fact(label: impl Into<String>, value: impl Into<String>) -> Fact {
    Fact {
        label: label.into(),
        value: value.into(),
    }
}

/// Every narrative section of `r` in the document's order.
pub fn outline(r: &Report) -> Vec<OutlinePart> {
    let l = &r.labels;
    let mut out = Vec::new();
    let plan_wide = |p: &Part| -> OutlinePart {
        let figures = match p.key.parse::<Section>() {
            Ok(Section::Summary) => {
                let mut f = r.plan_facts.clone();
                f.extend(
                    r.areas
                        .iter()
                        .map(|a| fact(format!("{} {}", a.code, a.name), a.statuses.clone())),
                );
                f
            }
            Ok(Section::PlanLink | Section::Recommendations) => r.plan_facts.clone(),
            Ok(Section::Setting) => vec![
                fact(l.period.clone(), r.period.clone()),
                fact(l.cutoff.clone(), r.cutoff.clone()),
            ],
            _ => Vec::new(),
        };
        OutlinePart {
            key: p.key.clone(),
            title: p.title.clone(),
            context: String::new(),
            figures,
        }
    };
    out.extend(r.opening.iter().map(plan_wide));
    for a in &r.areas {
        let mut figures = vec![fact(l.measures.clone(), a.statuses.clone())];
        figures.extend(a.bars.iter().map(|b| {
            let mut value = format!("{} {}", l.progress, b.attainment_text);
            if !b.expected_text.is_empty() {
                value.push_str(&format!(", {} {}", l.expected_by_now, b.expected_text));
            }
            if !b.state.is_empty() {
                value.push_str(&format!(" ({})", b.state));
            }
            fact(format!("{} {}", l.goal, b.code), value)
        }));
        out.push(OutlinePart {
            key: a.people.key.clone(),
            title: a.people.title.clone(),
            context: format!("{} {}", a.code, a.name),
            figures,
        });
        for g in a.strategic_goals.iter().flat_map(|s| &s.goals) {
            let context = format!("{} {}: {}", l.specific_goal, g.code, g.target_text);
            let figures = goal_figures(r, g);
            out.extend(g.reflection.iter().map(|p| OutlinePart {
                key: p.key.clone(),
                title: p.title.clone(),
                context: context.clone(),
                figures: figures.clone(),
            }));
        }
    }
    out.extend(r.closing.iter().map(plan_wide));
    out
}

/// A goal's progress, each indicator over the monitoring dates with its change and target, and
/// each measure's status.
fn goal_figures(r: &Report, g: &GoalView) -> Vec<Fact> {
    let l = &r.labels;
    let mut figures = Vec::new();
    if !g.progress.is_empty() {
        figures.push(fact(l.progress.clone(), g.progress.clone()));
    }
    for i in &g.indicators {
        let mut value: Vec<String> = g
            .dates
            .iter()
            .zip(&i.values)
            .filter(|(_, v)| !v.is_empty())
            .map(|(d, v)| format!("{d}: {v}"))
            .collect();
        if value.is_empty() {
            value.push(l.no_values.clone());
        }
        if !i.change.is_empty() {
            value.push(format!("{} {}", l.change, i.change));
        }
        if !i.target.is_empty() {
            value.push(format!("{} {}", l.target, i.target));
        }
        let name = if i.unit.is_empty() {
            i.name.clone()
        } else {
            format!("{} ({})", i.name, i.unit)
        };
        figures.push(fact(name, value.join("; ")));
    }
    figures.extend(
        g.measures
            .iter()
            .map(|m| fact(format!("{} {}", m.code, m.name), m.status.clone())),
    );
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::tests::{meta, snapshot};
    use shared::format::Lang;

    #[test]
    fn every_section_of_a_draft_has_its_place_and_figures() {
        let report = crate::assemble(&snapshot(), &meta(None, Lang::Cs), &Default::default())
            .expect("a report");
        let parts = outline(&report);
        let keys: Vec<&str> = parts.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "summary",
                "introduction",
                "setting",
                "plan-link",
                "area/1/people",
                "goal/1.1.1/strengths",
                "goal/1.1.1/weaknesses",
                "goal/1.1.1/summary",
                "services",
                "sustainability",
                "recommendations",
            ]
        );
        let strengths = &parts[5];
        assert_eq!(strengths.context, "Specifický cíl 1.1.1: 40 bytů");
        let indicator = strengths
            .figures
            .iter()
            .find(|f| f.label == "Počet bytů (byty)")
            .expect("the indicator");
        assert!(indicator.value.contains("39"), "{indicator:?}");
        assert!(indicator.value.contains("54"), "{indicator:?}");
        assert!(indicator.value.contains("+15"), "{indicator:?}");
        assert!(
            strengths
                .figures
                .iter()
                .any(|f| f.label == "1.1.1.1 Sociální byty" && f.value == "V realizaci (4/6)"),
            "{:?}",
            strengths.figures
        );
        assert_eq!(parts[4].context, "1 Bydlení");
        assert!(parts[4].figures.iter().any(|f| f.label.ends_with("1.1.1")));
        assert!(parts[0].figures.iter().any(|f| f.label == "1 Bydlení"));
    }
}
