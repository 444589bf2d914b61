//! Rows of the implementation part: milestones, risks, global indicators, context figures.

use shared::parse::{self};
use shared::timeline;
use shared::trend::Expectation;

use super::*;
use crate::seed::format::{
    ContextRec, GlobalIndicatorRec, GlobalValueRec, MilestoneRec, RiskRec, WaveRec,
};

impl Builder<'_> {
    pub(super) fn implementation(
        &mut self,
        files: &PlanFiles,
        action_plan_id: i32,
        report_doc: &str,
    ) {
        let imp = &files.implementation;
        let ap1 = self.doc("ap1");
        self.milestones(&imp.milestone, action_plan_id, ap1);
        self.waves(&imp.wave, ap1);
        self.risks(&imp.risk, action_plan_id, ap1);
        let report = self.doc(report_doc);
        self.global_indicators(&imp.global_indicator, report);
        self.contexts(&imp.context);
    }

    /// Tabulka 4, the timeline.
    fn milestones(&mut self, milestones: &[MilestoneRec], action_plan_id: i32, ap1: i32) {
        for (pos, m) in milestones.iter().enumerate() {
            let (from, to) = match parse::milestone_period(&m.period) {
                Ok(p) => p,
                Err(e) => {
                    self.problem(e.to_string());
                    continue;
                }
            };
            let id = self.ids.next("milestone");
            self.seed.milestones.push(milestone::Model {
                version: 1,
                id,
                action_plan_id,
                position: pos as i32 + 1,
                period_text: m.period.clone(),
                period_from: from.to_string(),
                period_to: to.to_string(),
                text: m.text.clone(),
                document_id: ap1,
                locator: "Tabulka 4".into(),
            });
        }
    }

    /// The monitoring waves of Tabulka 4: open for their half-year, values as of the report's
    /// date where it prints one.
    fn waves(&mut self, waves: &[WaveRec], ap1: i32) {
        for w in waves {
            let period = parse::milestone_period(&w.period);
            let as_of = w.as_of.as_deref().map(parse::date_cz).transpose();
            let ((opens, deadline), as_of) = match (period, as_of) {
                (Ok(p), Ok(a)) => (p, a),
                (Err(e), _) | (_, Err(e)) => {
                    self.problem(format!("wave `{}`: {e}", w.name));
                    continue;
                }
            };
            let id = self.ids.next("monitoring_wave");
            self.seed.waves.push(monitoring_wave::Model {
                id,
                plan_id: self.plan_id,
                name: w.name.clone(),
                as_of: as_of.map(|d| d.to_string()),
                opens_on: opens.to_string(),
                deadline: deadline.to_string(),
                document_id: ap1,
                locator: w.locator.clone(),
                version: 1,
            });
        }
    }

    /// Tabulka 7, the risks: the printed significance and probability × impact
    /// (`shared::timeline::risk_significance`) are two statements of one figure.
    fn risks(&mut self, risks: &[RiskRec], action_plan_id: i32, ap1: i32) {
        for (pos, r) in risks.iter().enumerate() {
            let computed = timeline::risk_significance(r.probability, r.impact);
            if computed.is_none() {
                self.problem(format!(
                    "risk `{}`: probability and impact must be 1–5",
                    r.name
                ));
            }
            let id = self.ids.next("risk");
            self.seed.risks.push(risk::Model {
                version: 1,
                id,
                action_plan_id,
                position: pos as i32 + 1,
                name: r.name.clone(),
                probability: r.probability,
                impact: r.impact,
                significance: r.significance,
                mitigation: r.mitigation.clone(),
                document_id: ap1,
                locator: "Tabulka 7".into(),
            });
            let subject = (pos + 1).to_string();
            self.statement(
                "risk",
                &subject,
                "significance",
                &r.significance.to_string(),
                r.significance.to_string(),
                None,
                "ap1",
                "Tabulka 7",
            );
            if let Some(computed) = computed {
                self.statement(
                    "risk",
                    &subject,
                    "significance",
                    &computed.to_string(),
                    computed.to_string(),
                    None,
                    "ap1",
                    "Tabulka 7, pravděpodobnost × dopad (vypočteno)",
                );
            }
        }
    }

    /// The global indicators of social inclusion and their values.
    fn global_indicators(&mut self, indicators: &[GlobalIndicatorRec], report: i32) {
        for (pos, g) in indicators.iter().enumerate() {
            let Some(expectation) = Expectation::parse(&g.expected) else {
                self.problem(format!(
                    "global indicator `{}`: unknown expectation `{}`",
                    g.name, g.expected
                ));
                continue;
            };
            let id = self.ids.next("global_indicator");
            self.seed.global_indicators.push(global_indicator::Model {
                version: 1,
                id,
                plan_id: self.plan_id,
                position: pos as i32 + 1,
                name: g.name.clone(),
                note: g.note.clone(),
                expected_text: g.expected.clone(),
                target_kind: expectation.kind_str().to_owned(),
                target_value: expectation.value(),
                lower_is_better: expectation.lower_is_better(),
                document_id: report,
                locator: "Globální indikátory sociálního začleňování".into(),
            });
            for (vpos, v) in g.values.iter().enumerate() {
                self.global_value(v, id, vpos as i32 + 1, report);
            }
        }
    }

    fn global_value(
        &mut self,
        v: &GlobalValueRec,
        global_indicator_id: i32,
        position: i32,
        report: i32,
    ) {
        let value = number_or_missing(&v.value).unwrap_or_else(|e| {
            self.problem(e);
            None
        });
        let region_value = match &v.region_value {
            Some(t) => number_or_missing(t).unwrap_or_else(|e| {
                self.problem(e);
                None
            }),
            None => None,
        };
        let year = v.period.as_deref().and_then(shared::parse::last_year);
        let vid = self.ids.next("global_indicator_value");
        let locator = format!(
            "Globální indikátory, sloupec {}",
            if v.column == "baseline" {
                "Počáteční hodnota"
            } else {
                &v.column
            }
        );
        self.seed.global_values.push(global_indicator_value::Model {
            version: 1,
            id: vid,
            global_indicator_id,
            position,
            column_label: v.column.clone(),
            is_baseline: v.column == "baseline",
            period: v.period.clone(),
            area_text: v.area.clone(),
            year,
            value,
            value_text: v.value.clone(),
            region_value,
            region_value_text: v.region_value.clone(),
            rank: v.rank.clone(),
            document_id: report,
            locator,
        });
    }

    /// The social department's context figures (Sociopoint).
    fn contexts(&mut self, contexts: &[ContextRec]) {
        let sociopoint = self.doc("sociopoint");
        for (pos, c) in contexts.iter().enumerate() {
            let value = context_value(&c.value);
            let id = self.ids.next("context_indicator");
            self.seed.contexts.push(context_indicator::Model {
                id,
                plan_id: self.plan_id,
                position: pos as i32 + 1,
                year: 2025,
                group_name: c.group.clone(),
                label: c.label.clone(),
                value,
                value_text: c.value.clone(),
                note: c.note.clone(),
                document_id: sociopoint,
                locator: format!("Přehled činností 2025, {}", c.group),
            });
        }
    }
}
