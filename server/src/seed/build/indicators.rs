//! Impact indicators of the specific goals with their values in the report (annex B), and the
//! headlines of the report's summary, whose figures are statements beside those values.

use std::collections::HashMap;

use shared::parse::{self, IndicatorReading};

use super::*;
use crate::seed::format::{HeadlineCheck, HeadlineRec, IndicatorRec};

/// Impact indicators and their values, by (goal code, 1-based position).
type Series = HashMap<(String, usize), IndicatorSeries>;

impl Builder<'_> {
    /// An area's impact indicators, numbered in file order per goal; each one's values go to
    /// `series`.
    pub(super) fn indicators(
        &mut self,
        file: &AreaFile,
        goal_ids: &HashMap<String, GoalIds>,
        report_doc: &str,
        series: &mut Series,
    ) {
        let mut positions: HashMap<String, usize> = HashMap::new();
        for ind in &file.indicator {
            let Some(goal) = goal_ids.get(&ind.goal) else {
                self.problem(format!(
                    "indicator `{}` of unknown goal {}",
                    ind.name, ind.goal
                ));
                continue;
            };
            let pos = positions.entry(ind.goal.clone()).or_insert(0);
            *pos += 1;
            let pos = *pos;
            let Some(goal_rec) = file.specific_goal.iter().find(|g| g.code == ind.goal) else {
                continue;
            };
            let values = self.indicator(ind, goal.id, pos, goal_rec, report_doc);
            series.insert((ind.goal.clone(), pos), values);
        }
    }

    /// An impact indicator, its names as the plan and the report print them, and its values at
    /// the goal's report dates.
    fn indicator(
        &mut self,
        ind: &IndicatorRec,
        goal_id: i32,
        pos: usize,
        goal_rec: &SpecificGoalRec,
        report_doc: &str,
    ) -> IndicatorSeries {
        let dates = self.report_dates(goal_rec);
        let target_value = match &ind.target {
            Some(t) => match parse::number(t) {
                Ok(v) => Some(v),
                Err(e) => {
                    self.problem(e.to_string());
                    None
                }
            },
            None => None,
        };
        let id = self.ids.next("impact_indicator");
        self.seed.indicators.push(impact_indicator::Model {
            version: 1,
            id,
            specific_goal_id: goal_id,
            position: pos as i32,
            name: ind.name.clone(),
            report_name: ind.report_name.clone(),
            note: ind.note.clone(),
            is_key: ind.key,
            in_plan: ind.in_plan,
            unit: ind.unit.clone(),
            target_value,
            target_text: ind.target.clone(),
        });
        let subject = format!("{}#{}", ind.goal, pos);
        self.indicator_names(ind, &subject, dates.len(), report_doc);
        let mut series = Vec::new();
        for ((value_text, date), label) in ind.values.iter().zip(&dates).zip(&goal_rec.report_dates)
        {
            let locator = format!("příloha B, SC {}, {}", ind.goal, label);
            self.indicator_value(
                id,
                &subject,
                value_text,
                (*date, label),
                report_doc,
                &locator,
            );
            series.push((*date, value_text.clone()));
        }
        (id, series)
    }

    /// The dates of a goal's report columns ("28. 2. 2025").
    fn report_dates(&mut self, goal_rec: &SpecificGoalRec) -> Vec<Date> {
        goal_rec
            .report_dates
            .iter()
            .filter_map(|t| match parse::date_cz(t) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.problems.push(e.to_string());
                    None
                }
            })
            .collect()
    }

    /// The indicator's name in the plan (if it is the plan's) and in the report (if the report
    /// gives values), which must be one for each report date.
    fn indicator_names(
        &mut self,
        ind: &IndicatorRec,
        subject: &str,
        dates: usize,
        report_doc: &str,
    ) {
        if ind.in_plan {
            self.text_statement(
                ("indicator", subject),
                "indicator_name",
                &ind.name,
                "ap1",
                &format!("SC {}, indikátory dopadu", ind.goal),
            );
        }
        if !ind.values.is_empty() {
            let report_name = ind.report_name.as_deref().unwrap_or(&ind.name);
            self.text_statement(
                ("indicator", subject),
                "indicator_name",
                report_name,
                report_doc,
                &format!("příloha B, SC {}", ind.goal),
            );
            if ind.values.len() != dates {
                self.problem(format!(
                    "indicator {subject}: {} values for {dates} dates",
                    ind.values.len(),
                ));
            }
        }
    }

    /// One value of the report (a number, parts like "12/30", or missing) and its statement.
    fn indicator_value(
        &mut self,
        impact_indicator_id: i32,
        subject: &str,
        value_text: &str,
        (date, label): (Date, &str),
        report_doc: &str,
        locator: &str,
    ) {
        let (value, parts) = match parse::indicator_value(value_text) {
            Ok(IndicatorReading::Value(v)) => (Some(v), None),
            Ok(IndicatorReading::Parts(p)) => (
                None,
                Some(p.iter().map(f64::to_string).collect::<Vec<_>>().join(";")),
            ),
            Ok(IndicatorReading::Missing) => (None, None),
            Err(e) => {
                self.problem(e.to_string());
                (None, None)
            }
        };
        let document_id = self.doc(report_doc);
        let vid = self.ids.next("indicator_value");
        self.seed.indicator_values.push(indicator_value::Model {
            version: 1,
            replaces_id: None,
            id: vid,
            impact_indicator_id,
            ref_date: date.to_string(),
            ref_label: label.to_owned(),
            value,
            parts,
            value_text: value_text.to_owned(),
            published: true,
            document_id,
            locator: locator.to_owned(),
        });
        self.statement(
            "indicator",
            subject,
            &format!("value:{date}"),
            value_text,
            value_key(value_text),
            Some(date),
            report_doc,
            locator,
        );
    }

    /// The headlines of the report's summary, dated by the latest value of the indicator they
    /// cite first; each figure they cite is a statement beside the report's table value.
    pub(super) fn headlines(
        &mut self,
        headlines: &[HeadlineRec],
        series: &Series,
        report_doc: &str,
    ) {
        for (position, h) in headlines.iter().enumerate() {
            let id = self.ids.next("headline");
            let latest = h
                .checks
                .first()
                .and_then(|c| series.get(&(c.goal.clone(), c.indicator)))
                .and_then(|(_, values)| values.last().map(|(date, _)| date.to_string()));
            let document_id = self.doc(report_doc);
            self.seed.headlines.push(headline::Model {
                id,
                plan_id: self.plan_id,
                position: position as i32 + 1,
                text: h.text.clone(),
                ref_date: latest,
                document_id,
                locator: "Manažerské shrnutí".to_owned(),
            });
            for c in &h.checks {
                self.headline_check(c, series, report_doc);
            }
        }
    }

    /// A figure a headline cites, against the latest value of its indicator (or one part of it).
    fn headline_check(&mut self, c: &HeadlineCheck, series: &Series, report_doc: &str) {
        let Some((_, values)) = series.get(&(c.goal.clone(), c.indicator)) else {
            self.problem(format!(
                "headline check of unknown indicator {}#{}",
                c.goal, c.indicator
            ));
            return;
        };
        let Some((date, table_text)) = values.last().cloned() else {
            return;
        };
        let subject = format!("{}#{}", c.goal, c.indicator);
        let field = match c.part {
            Some(part) => format!("value:{date}:part{part}"),
            None => format!("value:{date}"),
        };
        if let Some(part) = c.part {
            // The report's table value, split into its parts, is the other side.
            let part_text = table_text
                .split('/')
                .nth(part - 1)
                .unwrap_or("")
                .trim()
                .to_owned();
            self.statement(
                "indicator",
                &subject,
                &field,
                &part_text,
                value_key(&part_text),
                Some(date),
                report_doc,
                &format!("příloha B, SC {}", c.goal),
            );
        }
        self.statement(
            "indicator",
            &subject,
            &field,
            &c.value,
            value_key(&c.value),
            Some(date),
            report_doc,
            "Manažerské shrnutí",
        );
    }
}
