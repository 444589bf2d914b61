//! Rows of the plan tree: specific goals, measure cards, organisations and report status rows.

use std::collections::{BTreeMap, HashMap};

use shared::parse::{self, Cost, LinkTarget, Period};
use shared::progress::TargetKind;
use shared::{Code, Czk, Date};

use super::*;
use crate::seed::format::{MeasureRec, MeasureReportRec};

impl Builder<'_> {
    pub(super) fn specific_goal(
        &mut self,
        g: &SpecificGoalRec,
        code: &Code,
        action_plan_id: i32,
        area_id: i32,
        strategic_goal_id: i32,
        report_doc: &str,
    ) -> i32 {
        let Some(kind) = TargetKind::from_db(&g.target_kind) else {
            self.problem(format!("unknown target kind `{}` of {code}", g.target_kind));
            return 0;
        };
        if kind == TargetKind::CountBy && g.due.is_none() {
            self.problem(format!(
                "specific goal {code} counts by a date but has no due date"
            ));
        }
        let id = self.ids.next("specific_goal");
        let c = code.to_string();
        self.seed.specific_goals.push(specific_goal::Model {
            version: 1,
            id,
            plan_id: self.plan_id,
            action_plan_id,
            area_id,
            strategic_goal_id,
            code: c.clone(),
            sort_key: code.sort_key(),
            target_text: g.target_text.trim().to_owned(),
            expected_impact: g.expected_impact.trim().to_owned(),
            target_kind: kind.as_str().to_owned(),
            due: g.due.map(|d| d.0.to_string()),
            declared_measures: Some(g.declared_measures),
            search_text: shared::search::fold(&format!("{} {}", g.target_text, g.expected_impact)),
        });
        let target = g.target_text.trim();
        self.text_statement(
            ("specific_goal", &c),
            "target_text",
            target,
            "ap1",
            &format!("Specifický cíl {c} (nadpis)"),
        );
        self.text_statement(
            ("specific_goal", &c),
            "target_text",
            g.summary_text.as_deref().unwrap_or(target),
            "ap1",
            "Tabulka 2",
        );
        self.text_statement(
            ("specific_goal", &c),
            "target_text",
            g.report_target_text.as_deref().unwrap_or(target),
            report_doc,
            &format!("příloha B, SC {c} (nadpis)"),
        );
        let summary = g.report_summary.trim();
        if !summary.is_empty() || !g.report_footnotes.is_empty() {
            let document_id = self.doc(report_doc);
            let sid = self.ids.next("summary");
            self.seed.summaries.push(summary::Model {
                version: 1,
                id: sid,
                specific_goal_id: id,
                year: 2024,
                title: "Shrnutí za rok 2024 a příležitosti v roce 2025".into(),
                text: summary.to_owned(),
                footnotes: g.report_footnotes.join("\n"),
                document_id,
                locator: format!("příloha B, SC {c}"),
            });
        }
        id
    }

    /// An area's measure cards, and per specific goal the count of measures Tabulka 2 declares
    /// beside the count the cards describe.
    pub(super) fn measure_cards(
        &mut self,
        file: &AreaFile,
        goal_ids: &HashMap<String, GoalIds>,
        action_plan_id: i32,
        walked: &mut Walked,
    ) {
        let mut per_goal: BTreeMap<String, i32> = BTreeMap::new();
        for m in &file.measure {
            let Some(code) = self.code(&m.code) else {
                continue;
            };
            let goal_code = code.parent().map(|c| c.to_string()).unwrap_or_default();
            let Some(goal) = goal_ids.get(&goal_code) else {
                self.problem(format!("measure {code} has no specific goal {goal_code}"));
                continue;
            };
            *per_goal.entry(goal_code.clone()).or_insert(0) += 1;
            walked.cards += 1;
            let id = self.measure(m, &code, goal, action_plan_id);
            walked.measure_ids.insert(code.to_string(), id);
        }
        for g in &file.specific_goal {
            let described = per_goal.get(&g.code).copied().unwrap_or(0);
            for (count, locator) in [
                (g.declared_measures, "Tabulka 2"),
                (described, "karty opatření (počet popsaných)"),
            ] {
                self.statement(
                    "specific_goal",
                    &g.code,
                    "measure_count",
                    &count.to_string(),
                    count.to_string(),
                    None,
                    "ap1",
                    locator,
                );
            }
        }
    }

    /// An area's rows of annex B, numbered in report order, each a status of a known measure.
    pub(super) fn report_rows(&mut self, file: &AreaFile, frame: &Frame<'_>, walked: &mut Walked) {
        let mut position = 0;
        for r in &file.measure_report {
            position += 1;
            let Some(&measure_id) = walked.measure_ids.get(&r.code) else {
                self.problem(format!("report row of unknown measure {}", r.code));
                continue;
            };
            self.status_row(
                r,
                measure_id,
                position,
                frame.status_date,
                frame.report_doc,
                &mut walked.organisations,
                &file.measure,
            );
        }
    }

    pub(super) fn measure(
        &mut self,
        m: &MeasureRec,
        code: &Code,
        goal: &GoalIds,
        action_plan_id: i32,
    ) -> i32 {
        let c = code.to_string();
        let cost = self.cost(&m.estimated_cost, &c);
        let schedule = match parse::schedule(&m.schedule) {
            Ok(s) => s,
            Err(e) => {
                self.problem(format!("measure {c}: {e}"));
                parse::Schedule {
                    from: None,
                    to: None,
                    start_only: false,
                }
            }
        };
        let unknown = parse::funding_unknown(&m.funding);
        if !unknown.is_empty() {
            self.problem(format!("measure {c}: unknown funding sources {unknown:?}"));
        }
        let id = self.ids.next("measure");
        self.seed.measures.push(measure::Model {
            version: 1,
            id,
            plan_id: self.plan_id,
            action_plan_id,
            area_id: goal.area_id,
            strategic_goal_id: goal.strategic_goal_id,
            specific_goal_id: goal.id,
            code: c.clone(),
            sort_key: code.sort_key(),
            code_as_written: m.code_as_written.clone(),
            name: m.name.clone(),
            description: m.description.trim().to_owned(),
            target_group: m.target_group.clone(),
            responsible_body: m.responsible_body.clone(),
            schedule_text: m.schedule.clone(),
            schedule_from: schedule.from.map(|d| d.to_string()),
            schedule_to: schedule.to.map(|d| d.to_string()),
            estimated_cost_text: m.estimated_cost.clone(),
            estimated_cost: cost.amount.map(Czk::hellers),
            cost_approximate: cost.approximate,
            cost_see_measure: cost.see_measure.as_ref().map(ToString::to_string),
            funding_text: m.funding.clone(),
            links_text: m.links.clone(),
            service_type: None,
            is_social_service: false,
            search_text: shared::search::fold(&format!(
                "{} {} {}",
                m.name, m.description, m.responsible_body
            )),
            origin_id: None,
        });
        self.measure_children(m, id);
        self.card_statements(m, &c, &cost);
        id
    }

    /// A card's output indicators, funding sources and links, in card order.
    fn measure_children(&mut self, m: &MeasureRec, id: i32) {
        for (pos, name) in m.output_indicators.iter().enumerate() {
            let oid = self.ids.next("output_indicator");
            self.seed.output_indicators.push(output_indicator::Model {
                id: oid,
                measure_id: id,
                position: pos as i32 + 1,
                name: name.clone(),
            });
        }
        for (pos, source) in parse::funding(&m.funding).into_iter().enumerate() {
            let fid = self.ids.next("measure_funding");
            self.seed.fundings.push(measure_funding::Model {
                id: fid,
                measure_id: id,
                position: pos as i32 + 1,
                source: source.as_str().to_owned(),
            });
        }
        for (pos, link) in parse::links(&m.links).into_iter().enumerate() {
            let (kind, target, text) = match link {
                LinkTarget::Goal(g) => ("GOAL", Some(g.to_string()), g.to_string()),
                LinkTarget::Measure(g) => ("MEASURE", Some(g.to_string()), g.to_string()),
                LinkTarget::Other(t) => ("OTHER", None, t),
            };
            let lid = self.ids.next("measure_link");
            self.seed.links.push(measure_link::Model {
                id: lid,
                measure_id: id,
                position: pos as i32 + 1,
                target_kind: kind.into(),
                target_code: target,
                text,
            });
        }
    }

    /// The card's code, name, cost and funding as statements.
    fn card_statements(&mut self, m: &MeasureRec, c: &str, cost: &Cost) {
        let locator = format!("{AP1_CARD} {c}");
        let written = m.code_as_written.as_deref().unwrap_or(c);
        self.statement(
            "measure",
            c,
            "code",
            written,
            code_key(written),
            None,
            "ap1",
            &locator,
        );
        self.text_statement(("measure", c), "name", &m.name, "ap1", &locator);
        self.statement(
            "measure",
            c,
            "estimated_cost",
            &m.estimated_cost,
            cost_key(cost),
            None,
            "ap1",
            &locator,
        );
        self.statement(
            "measure",
            c,
            "funding",
            &m.funding,
            funding_key(&m.funding),
            None,
            "ap1",
            &locator,
        );
    }

    pub(super) fn cost(&mut self, text: &str, code: &str) -> Cost {
        parse::cost(text).unwrap_or_else(|e| {
            self.problem(format!("measure {code}: {e}"));
            Cost {
                amount: None,
                approximate: false,
                see_measure: None,
                period: None,
                bracketed: false,
                extra: None,
            }
        })
    }

    pub(super) fn organisation(&mut self, name: &str, orgs: &mut HashMap<String, i32>) -> i32 {
        let key = org_key(name);
        if let Some(id) = orgs.get(&key) {
            return *id;
        }
        let id = self.ids.next("organisation");
        orgs.insert(key, id);
        self.seed.organisations.push(organisation::Model {
            id,
            plan_id: self.plan_id,
            name: name.to_owned(),
            search_text: shared::search::fold(name),
        });
        id
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn status_row(
        &mut self,
        r: &MeasureReportRec,
        measure_id: i32,
        position: i32,
        status_date: Date,
        report_doc: &str,
        orgs: &mut HashMap<String, i32>,
        cards: &[MeasureRec],
    ) {
        let status = match parse::status(&r.status) {
            Ok(s) => s,
            Err(e) => {
                self.problem(format!("measure {}: {e}", r.code));
                return;
            }
        };
        let (activity, service) = match parse::activity(&r.activity) {
            Ok(a) => a,
            Err(e) => {
                self.problem(format!("measure {}: {e}", r.code));
                return;
            }
        };
        let (from, to) = self.report_period(r);
        let organisation_id = r
            .implementer
            .as_deref()
            .map(|name| self.organisation(name, orgs));
        let (reports, of) = match status {
            shared::MeasureStatus::InProgress { reports, of } => {
                (reports.map(i32::from), of.map(i32::from))
            }
            _ => (None, None),
        };
        let locator = format!("příloha B, SC {}", r.goal);
        let document_id = self.doc(report_doc);
        let id = self.ids.next("measure_status");
        self.seed.statuses.push(measure_status::Model {
            version: 1,
            replaces_id: None,
            id,
            measure_id,
            organisation_id,
            ref_date: status_date.to_string(),
            position,
            status: status.kind().as_str().to_owned(),
            status_text: r.status.clone(),
            reports,
            reports_of: of,
            activity: activity.as_str().to_owned(),
            service,
            implementer_text: r.implementer.clone(),
            period_text: r.period.clone(),
            period_from: from,
            period_to: to,
            code_as_written: r.code_as_written.clone(),
            name_as_written: r.name_as_written.clone(),
            footnote: r.footnote.clone(),
            published: true,
            document_id,
            locator: locator.clone(),
        });
        self.status_statements(
            r,
            status.kind().as_str(),
            status_date,
            report_doc,
            &locator,
            cards,
        );
    }

    /// The period a report row prints, as its first and last day; a year is the whole year.
    fn report_period(&mut self, r: &MeasureReportRec) -> (Option<String>, Option<String>) {
        match r.period.as_deref().map(parse::period) {
            Some(Ok(Period::Range { from, to })) => (Some(from.to_string()), Some(to.to_string())),
            Some(Ok(Period::Year(y))) => (
                Date::new(y, 1, 1).map(|d| d.to_string()),
                Date::new(y, 12, 31).map(|d| d.to_string()),
            ),
            Some(Ok(Period::Ongoing)) | None => (None, None),
            Some(Err(e)) => {
                self.problem(format!("measure {}: {e}", r.code));
                (None, None)
            }
        }
    }

    /// The report row's code, name (the card's unless the row prints its own), status and
    /// implementer as statements.
    fn status_statements(
        &mut self,
        r: &MeasureReportRec,
        kind: &str,
        status_date: Date,
        report_doc: &str,
        locator: &str,
        cards: &[MeasureRec],
    ) {
        let written = r.code_as_written.as_deref().unwrap_or(&r.code);
        self.statement(
            "measure",
            &r.code,
            "code",
            written,
            code_key(written),
            Some(status_date),
            report_doc,
            locator,
        );
        let card_name = cards
            .iter()
            .find(|m| m.code == r.code)
            .map(|m| m.name.clone())
            .unwrap_or_default();
        let name = r.name_as_written.clone().unwrap_or(card_name);
        self.text_statement(("measure", &r.code), "name", &name, report_doc, locator);
        self.statement(
            "measure",
            &r.code,
            "status",
            &r.status,
            kind.to_owned(),
            Some(status_date),
            report_doc,
            locator,
        );
        if let Some(implementer) = &r.implementer {
            self.statement(
                "measure",
                &r.code,
                "implementer",
                implementer,
                org_key(implementer),
                Some(status_date),
                report_doc,
                locator,
            );
        }
    }
}
