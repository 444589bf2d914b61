//! Turns a plan's data files into the rows of every table, with every figure parsed, checked and
//! backed by a sourced statement, and the conflicts between statements detected.
//!
//! Nothing here touches the database: `build` is a plain function over the parsed files and an
//! id allocator, so it is tested without one. Any problem (an unknown code, an unreadable
//! figure, an unknown funding source) is collected; a plan with problems is not loaded at all.

use std::collections::{BTreeMap, HashMap};

use shared::conflict::{self as rules, Severity};
use shared::parse::{self, Cost, IndicatorReading, LinkTarget, Period};
use shared::progress::TargetKind;
use shared::trend::Expectation;
use shared::{Code, Czk, Date, FundingSource};

use super::format::{PlanFiles, SpecificGoalRec};
use crate::entity::*;

/// Next free id per table, so a plan can be added to a database that already holds others.
#[derive(Debug, Default, Clone)]
pub struct IdAlloc(pub HashMap<&'static str, i32>);

impl IdAlloc {
    fn next(&mut self, table: &'static str) -> i32 {
        let id = self.0.entry(table).or_insert(0);
        *id += 1;
        *id
    }
}

/// The rows of one plan, ready to insert, parents before children.
#[derive(Debug, Default)]
pub struct Seed {
    pub plan: Vec<plan::Model>,
    pub documents: Vec<document::Model>,
    pub action_plans: Vec<action_plan::Model>,
    pub areas: Vec<area::Model>,
    pub target_groups: Vec<target_group::Model>,
    pub strategic_goals: Vec<strategic_goal::Model>,
    pub specific_goals: Vec<specific_goal::Model>,
    pub indicators: Vec<impact_indicator::Model>,
    pub indicator_values: Vec<indicator_value::Model>,
    pub summaries: Vec<summary::Model>,
    pub measures: Vec<measure::Model>,
    pub output_indicators: Vec<output_indicator::Model>,
    pub fundings: Vec<measure_funding::Model>,
    pub links: Vec<measure_link::Model>,
    pub organisations: Vec<organisation::Model>,
    pub projects: Vec<project::Model>,
    pub allocations: Vec<allocation::Model>,
    pub statuses: Vec<measure_status::Model>,
    pub global_indicators: Vec<global_indicator::Model>,
    pub global_values: Vec<global_indicator_value::Model>,
    pub contexts: Vec<context_indicator::Model>,
    pub milestones: Vec<milestone::Model>,
    pub risks: Vec<risk::Model>,
    pub statements: Vec<statement::Model>,
    pub conflicts: Vec<conflict::Model>,
}

/// Builds every row of a plan; returns every problem found if there is any.
pub fn build(files: &PlanFiles, ids: &mut IdAlloc) -> Result<Seed, Vec<String>> {
    let mut b = Builder { ids, seed: Seed::default(), problems: Vec::new(), docs: HashMap::new(), plan_id: 0 };
    b.plan(files);
    if b.problems.is_empty() {
        b.detect_conflicts();
    }
    if b.problems.is_empty() { Ok(b.seed) } else { Err(b.problems) }
}

struct Builder<'a> {
    ids: &'a mut IdAlloc,
    seed: Seed,
    problems: Vec<String>,
    /// Document id and title by key.
    docs: HashMap<String, (i32, String)>,
    plan_id: i32,
}

/// Where the rows of one area file live in the tree.
struct GoalIds {
    id: i32,
    area_id: i32,
    strategic_goal_id: i32,
}

const AP1_CARD: &str = "karta opatření";

impl Builder<'_> {
    fn problem(&mut self, p: String) {
        self.problems.push(p);
    }

    fn doc(&mut self, key: &str) -> i32 {
        match self.docs.get(key) {
            Some((id, _)) => *id,
            None => {
                self.problem(format!("unknown document key `{key}`"));
                0
            }
        }
    }

    fn code(&mut self, text: &str) -> Option<Code> {
        match text.parse::<Code>() {
            Ok(c) => Some(c),
            Err(e) => {
                self.problem(e.to_string());
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn statement(
        &mut self,
        subject_type: &str,
        subject_code: &str,
        field: &str,
        value_text: &str,
        value_key: String,
        ref_date: Option<Date>,
        doc: &str,
        locator: &str,
    ) {
        let document_id = self.doc(doc);
        let id = self.ids.next("statement");
        self.seed.statements.push(statement::Model {
            id,
            plan_id: self.plan_id,
            subject_type: subject_type.to_owned(),
            subject_code: subject_code.to_owned(),
            field: field.to_owned(),
            value_text: value_text.to_owned(),
            value_key,
            ref_date: ref_date.map(|d| d.to_string()),
            document_id,
            locator: locator.to_owned(),
        });
    }

    fn text_statement(&mut self, subject: (&str, &str), field: &str, text: &str, doc: &str, locator: &str) {
        self.statement(subject.0, subject.1, field, text, rules::text_key(text), None, doc, locator);
    }

    fn plan(&mut self, files: &PlanFiles) {
        let head = &files.plan.plan;
        self.plan_id = self.ids.next("plan");
        self.seed.plan.push(plan::Model {
            id: self.plan_id,
            slug: head.slug.clone(),
            city: head.city.clone(),
            name: head.name.clone(),
            period_from: head.period_from,
            period_to: head.period_to,
            description: head.description.trim().to_owned(),
        });
        for d in &files.plan.document {
            let id = self.ids.next("document");
            self.docs.insert(d.key.clone(), (id, d.title.clone()));
            self.seed.documents.push(document::Model {
                id,
                plan_id: self.plan_id,
                key: d.key.clone(),
                title: d.title.clone(),
                issued: d.issued.clone(),
                kind: d.kind.clone(),
                description: d.description.clone(),
            });
        }
        let mut action_plan_ids = Vec::new();
        for ap in &files.plan.action_plan {
            let id = self.ids.next("action_plan");
            let document_id = self.doc(&ap.document);
            action_plan_ids.push((ap.number, id, ap.period_from));
            self.seed.action_plans.push(action_plan::Model {
                id,
                plan_id: self.plan_id,
                number: ap.number,
                name: ap.name.clone(),
                period_from: ap.period_from,
                period_to: ap.period_to,
                document_id,
            });
        }
        let Some(&(ap_number, action_plan_id, ap_from)) = action_plan_ids.first() else {
            self.problem("the plan has no action plan".into());
            return;
        };
        let window_start = Date::new(ap_from, 1, 1);

        // The tree, area by area.
        let mut measure_ids: HashMap<String, i32> = HashMap::new();
        let mut organisations: HashMap<String, i32> = HashMap::new();
        // Organisations of annex A first: their spelling is the formal one.
        for p in &files.financing.project {
            self.organisation(&p.implementer, &mut organisations);
        }
        let report_doc = files.plan.report.document.clone();
        let status_date = files.plan.report.status_date.0;
        let mut cards = 0usize;
        let mut indicator_ids: HashMap<(String, usize), (i32, Vec<(Date, String)>)> = HashMap::new();
        for (i, area_file) in files.areas.iter().enumerate() {
            let a = &area_file.area;
            if a.code != (i + 1).to_string() {
                self.problem(format!("area file {} holds area {}", i + 1, a.code));
            }
            let Some(area_code) = self.code(&a.code) else { continue };
            let area_id = self.ids.next("area");
            self.seed.areas.push(area::Model {
                id: area_id,
                plan_id: self.plan_id,
                code: area_code.to_string(),
                sort_key: area_code.sort_key(),
                name: a.name.clone(),
                name_en: a.name_en.clone(),
                search_text: shared::search::fold(&a.name),
                target_group_intro: a.target_group_intro.trim().to_owned(),
                target_group_outro: a.target_group_outro.trim().to_owned(),
                structure_note: a.structure_note.trim().to_owned(),
            });
            for (pos, tg) in area_file.target_group.iter().enumerate() {
                if !matches!(tg.kind.as_str(), "people" | "actors") {
                    self.problem(format!("target group kind `{}` in area {}", tg.kind, a.code));
                }
                let id = self.ids.next("target_group");
                self.seed.target_groups.push(target_group::Model {
                    id,
                    area_id,
                    position: pos as i32 + 1,
                    text: tg.text.clone(),
                    kind: tg.kind.to_uppercase(),
                });
            }
            let mut sg_ids: HashMap<String, i32> = HashMap::new();
            for sg in &area_file.strategic_goal {
                let Some(code) = self.code(&sg.code) else { continue };
                if code.parent().as_ref() != Some(&area_code) {
                    self.problem(format!("strategic goal {code} is not in area {area_code}"));
                }
                let id = self.ids.next("strategic_goal");
                sg_ids.insert(code.to_string(), id);
                self.seed.strategic_goals.push(strategic_goal::Model {
                    id,
                    plan_id: self.plan_id,
                    area_id,
                    code: code.to_string(),
                    sort_key: code.sort_key(),
                    name: sg.name.clone(),
                    search_text: shared::search::fold(&sg.name),
                });
            }
            let mut goal_ids: HashMap<String, GoalIds> = HashMap::new();
            for g in &area_file.specific_goal {
                let Some(code) = self.code(&g.code) else { continue };
                let parent = code.parent().map(|c| c.to_string()).unwrap_or_default();
                let Some(&strategic_goal_id) = sg_ids.get(&parent) else {
                    self.problem(format!("specific goal {code} has no strategic goal {parent}"));
                    continue;
                };
                let id = self.specific_goal(g, &code, action_plan_id, area_id, strategic_goal_id, &report_doc);
                goal_ids.insert(code.to_string(), GoalIds { id, area_id, strategic_goal_id });
            }
            // Indicators, in file order per goal.
            let mut positions: HashMap<String, usize> = HashMap::new();
            for ind in &area_file.indicator {
                let Some(goal) = goal_ids.get(&ind.goal) else {
                    self.problem(format!("indicator `{}` of unknown goal {}", ind.name, ind.goal));
                    continue;
                };
                let goal_id = goal.id;
                let pos = positions.entry(ind.goal.clone()).or_insert(0);
                *pos += 1;
                let pos = *pos;
                let Some(goal_rec) = area_file.specific_goal.iter().find(|g| g.code == ind.goal) else { continue };
                let dates: Vec<Date> = goal_rec
                    .report_dates
                    .iter()
                    .filter_map(|t| match parse::date_cz(t) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            self.problems.push(e.to_string());
                            None
                        }
                    })
                    .collect();
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
                if ind.in_plan {
                    self.text_statement(("indicator", &subject), "indicator_name", &ind.name, "ap1", &format!("SC {}, indikátory dopadu", ind.goal));
                }
                if !ind.values.is_empty() {
                    let report_name = ind.report_name.as_deref().unwrap_or(&ind.name);
                    self.text_statement(("indicator", &subject), "indicator_name", report_name, &report_doc, &format!("příloha B, SC {}", ind.goal));
                    if ind.values.len() != dates.len() {
                        self.problem(format!("indicator {subject}: {} values for {} dates", ind.values.len(), dates.len()));
                    }
                }
                let mut series = Vec::new();
                for ((value_text, date), label) in ind.values.iter().zip(&dates).zip(&goal_rec.report_dates) {
                    let (value, parts) = match parse::indicator_value(value_text) {
                        Ok(IndicatorReading::Value(v)) => (Some(v), None),
                        Ok(IndicatorReading::Parts(p)) => {
                            (None, Some(p.iter().map(f64::to_string).collect::<Vec<_>>().join(";")))
                        }
                        Ok(IndicatorReading::Missing) => (None, None),
                        Err(e) => {
                            self.problem(e.to_string());
                            (None, None)
                        }
                    };
                    let locator = format!("příloha B, SC {}, {}", ind.goal, label);
                    let document_id = self.doc(&report_doc);
                    let vid = self.ids.next("indicator_value");
                    self.seed.indicator_values.push(indicator_value::Model {
                        id: vid,
                        impact_indicator_id: id,
                        ref_date: date.to_string(),
                        ref_label: label.clone(),
                        value,
                        parts,
                        value_text: value_text.clone(),
                        published: true,
                        document_id,
                        locator: locator.clone(),
                    });
                    self.statement("indicator", &subject, &format!("value:{date}"), value_text, value_key(value_text), Some(*date), &report_doc, &locator);
                    series.push((*date, value_text.clone()));
                }
                indicator_ids.insert((ind.goal.clone(), pos), (id, series));
            }
            // Measure cards.
            let mut per_goal: BTreeMap<String, i32> = BTreeMap::new();
            for m in &area_file.measure {
                let Some(code) = self.code(&m.code) else { continue };
                let goal_code = code.parent().map(|c| c.to_string()).unwrap_or_default();
                let Some(goal) = goal_ids.get(&goal_code) else {
                    self.problem(format!("measure {code} has no specific goal {goal_code}"));
                    continue;
                };
                *per_goal.entry(goal_code.clone()).or_insert(0) += 1;
                cards += 1;
                let id = self.measure(m, &code, goal, action_plan_id);
                measure_ids.insert(code.to_string(), id);
            }
            for g in &area_file.specific_goal {
                let described = per_goal.get(&g.code).copied().unwrap_or(0);
                let subject = ("specific_goal", g.code.as_str());
                self.statement(subject.0, subject.1, "measure_count", &g.declared_measures.to_string(), g.declared_measures.to_string(), None, "ap1", "Tabulka 2");
                self.statement(subject.0, subject.1, "measure_count", &described.to_string(), described.to_string(), None, "ap1", "karty opatření (počet popsaných)");
            }
            // Report rows (annex B).
            let mut position = 0;
            for r in &area_file.measure_report {
                position += 1;
                let Some(&measure_id) = measure_ids.get(&r.code) else {
                    self.problem(format!("report row of unknown measure {}", r.code));
                    continue;
                };
                self.status_row(r, measure_id, position, status_date, &report_doc, &mut organisations, &area_file.measure);
            }
        }
        self.statement("action_plan", &ap_number.to_string(), "measure_count", &cards.to_string(), cards.to_string(), None, "ap1", "karty opatření (počet popsaných)");
        for s in &files.plan.statement {
            let (subject_type, subject_code) = s.subject.split_once(':').unwrap_or(("plan", s.subject.as_str()));
            let key = if s.field.starts_with("value") { value_key(&s.value) } else { rules::text_key(&s.value) };
            self.statement(subject_type, subject_code, &s.field, &s.value, key, None, &s.doc, &s.locator);
        }
        for h in &files.plan.headline {
            for c in &h.checks {
                let Some((_, series)) = indicator_ids.get(&(c.goal.clone(), c.indicator)) else {
                    self.problem(format!("headline check of unknown indicator {}#{}", c.goal, c.indicator));
                    continue;
                };
                let Some((date, _)) = series.last().cloned() else { continue };
                let subject = format!("{}#{}", c.goal, c.indicator);
                let (field, key) = match c.part {
                    Some(part) => (format!("value:{date}:part{part}"), value_key(&c.value)),
                    None => (format!("value:{date}"), value_key(&c.value)),
                };
                if let Some(part) = c.part {
                    // The report's table value, split into its parts, is the other side.
                    let table_text = series.last().map(|(_, t)| t.clone()).unwrap_or_default();
                    let part_text = table_text.split('/').nth(part - 1).unwrap_or("").trim().to_owned();
                    self.statement("indicator", &subject, &field, &part_text, value_key(&part_text), Some(date), &report_doc, &format!("příloha B, SC {}", c.goal));
                }
                self.statement("indicator", &subject, &field, &c.value, key, Some(date), &report_doc, "Manažerské shrnutí");
            }
        }
        self.financing(files, &measure_ids, &mut organisations, &report_doc);
        self.implementation(files, action_plan_id, window_start, &report_doc);
    }

    fn specific_goal(&mut self, g: &SpecificGoalRec, code: &Code, action_plan_id: i32, area_id: i32, strategic_goal_id: i32, report_doc: &str) -> i32 {
        let Some(kind) = TargetKind::from_db(&g.target_kind) else {
            self.problem(format!("unknown target kind `{}` of {code}", g.target_kind));
            return 0;
        };
        if kind == TargetKind::CountBy && g.due.is_none() {
            self.problem(format!("specific goal {code} counts by a date but has no due date"));
        }
        let id = self.ids.next("specific_goal");
        let c = code.to_string();
        self.seed.specific_goals.push(specific_goal::Model {
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
        self.text_statement(("specific_goal", &c), "target_text", target, "ap1", &format!("Specifický cíl {c} (nadpis)"));
        self.text_statement(("specific_goal", &c), "target_text", g.summary_text.as_deref().unwrap_or(target), "ap1", "Tabulka 2");
        self.text_statement(("specific_goal", &c), "target_text", g.report_target_text.as_deref().unwrap_or(target), report_doc, &format!("příloha B, SC {c} (nadpis)"));
        let summary = g.report_summary.trim();
        if !summary.is_empty() || !g.report_footnotes.is_empty() {
            let document_id = self.doc(report_doc);
            let sid = self.ids.next("summary");
            self.seed.summaries.push(summary::Model {
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

    fn measure(&mut self, m: &super::format::MeasureRec, code: &Code, goal: &GoalIds, action_plan_id: i32) -> i32 {
        let c = code.to_string();
        let cost = self.cost(&m.estimated_cost, &c);
        let schedule = match parse::schedule(&m.schedule) {
            Ok(s) => s,
            Err(e) => {
                self.problem(format!("measure {c}: {e}"));
                parse::Schedule { from: None, to: None, start_only: false }
            }
        };
        let unknown = parse::funding_unknown(&m.funding);
        if !unknown.is_empty() {
            self.problem(format!("measure {c}: unknown funding sources {unknown:?}"));
        }
        let id = self.ids.next("measure");
        self.seed.measures.push(measure::Model {
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
            search_text: shared::search::fold(&format!("{} {} {}", m.name, m.description, m.responsible_body)),
        });
        for (pos, name) in m.output_indicators.iter().enumerate() {
            let oid = self.ids.next("output_indicator");
            self.seed.output_indicators.push(output_indicator::Model { id: oid, measure_id: id, position: pos as i32 + 1, name: name.clone() });
        }
        for (pos, source) in parse::funding(&m.funding).into_iter().enumerate() {
            let fid = self.ids.next("measure_funding");
            self.seed.fundings.push(measure_funding::Model { id: fid, measure_id: id, position: pos as i32 + 1, source: source.as_str().to_owned() });
        }
        for (pos, link) in parse::links(&m.links).into_iter().enumerate() {
            let (kind, target, text) = match link {
                LinkTarget::Goal(g) => ("GOAL", Some(g.to_string()), g.to_string()),
                LinkTarget::Measure(g) => ("MEASURE", Some(g.to_string()), g.to_string()),
                LinkTarget::Other(t) => ("OTHER", None, t),
            };
            let lid = self.ids.next("measure_link");
            self.seed.links.push(measure_link::Model { id: lid, measure_id: id, position: pos as i32 + 1, target_kind: kind.into(), target_code: target, text });
        }
        let locator = format!("{AP1_CARD} {c}");
        let written = m.code_as_written.as_deref().unwrap_or(&c);
        self.statement("measure", &c, "code", written, code_key(written), None, "ap1", &locator);
        self.text_statement(("measure", &c), "name", &m.name, "ap1", &locator);
        self.statement("measure", &c, "estimated_cost", &m.estimated_cost, cost_key(&cost), None, "ap1", &locator);
        self.statement("measure", &c, "funding", &m.funding, funding_key(&m.funding), None, "ap1", &locator);
        id
    }

    fn cost(&mut self, text: &str, code: &str) -> Cost {
        parse::cost(text).unwrap_or_else(|e| {
            self.problem(format!("measure {code}: {e}"));
            Cost { amount: None, approximate: false, see_measure: None, period: None, bracketed: false, extra: None }
        })
    }

    fn organisation(&mut self, name: &str, orgs: &mut HashMap<String, i32>) -> i32 {
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
    fn status_row(
        &mut self,
        r: &super::format::MeasureReportRec,
        measure_id: i32,
        position: i32,
        status_date: Date,
        report_doc: &str,
        orgs: &mut HashMap<String, i32>,
        cards: &[super::format::MeasureRec],
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
        let (from, to) = match r.period.as_deref().map(parse::period) {
            Some(Ok(Period::Range { from, to })) => (Some(from.to_string()), Some(to.to_string())),
            Some(Ok(Period::Year(y))) => (Date::new(y, 1, 1).map(|d| d.to_string()), Date::new(y, 12, 31).map(|d| d.to_string())),
            Some(Ok(Period::Ongoing)) | None => (None, None),
            Some(Err(e)) => {
                self.problem(format!("measure {}: {e}", r.code));
                (None, None)
            }
        };
        let organisation_id = r.implementer.as_deref().map(|name| self.organisation(name, orgs));
        let (reports, of) = match status {
            shared::MeasureStatus::InProgress { reports, of } => (reports.map(i32::from), of.map(i32::from)),
            _ => (None, None),
        };
        let locator = format!("příloha B, SC {}", r.goal);
        let document_id = self.doc(report_doc);
        let id = self.ids.next("measure_status");
        self.seed.statuses.push(measure_status::Model {
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
        let written = r.code_as_written.as_deref().unwrap_or(&r.code);
        self.statement("measure", &r.code, "code", written, code_key(written), Some(status_date), report_doc, &locator);
        let card_name = cards.iter().find(|m| m.code == r.code).map(|m| m.name.clone()).unwrap_or_default();
        let name = r.name_as_written.clone().unwrap_or(card_name);
        self.text_statement(("measure", &r.code), "name", &name, report_doc, &locator);
        self.statement("measure", &r.code, "status", &r.status, status.kind().as_str().to_owned(), Some(status_date), report_doc, &locator);
        if let Some(implementer) = &r.implementer {
            self.statement("measure", &r.code, "implementer", implementer, org_key(implementer), Some(status_date), report_doc, &locator);
        }
    }

    fn financing(&mut self, files: &PlanFiles, measure_ids: &HashMap<String, i32>, orgs: &mut HashMap<String, i32>, report_doc: &str) {
        let f = &files.financing;
        for row in &f.financing {
            let Some(&id) = measure_ids.get(&row.measure) else {
                self.problem(format!("Tabulka 5 row of unknown measure {}", row.measure));
                continue;
            };
            let social = row.service.trim() != "Aktivita";
            if let Some(m) = self.seed.measures.iter_mut().find(|m| m.id == id) {
                m.service_type = Some(row.service.clone());
                m.is_social_service = social;
            }
            let unknown = parse::funding_unknown(&row.funding);
            if !unknown.is_empty() {
                self.problem(format!("Tabulka 5, {}: unknown funding sources {unknown:?}", row.measure));
            }
            let cost = self.cost(&row.cost, &row.measure);
            self.statement("measure", &row.measure, "code", &row.measure, code_key(&row.measure), None, "ap1", "Tabulka 5");
            self.text_statement(("measure", &row.measure), "name", &row.name, "ap1", "Tabulka 5");
            self.statement("measure", &row.measure, "estimated_cost", &row.cost, cost_key(&cost), None, "ap1", "Tabulka 5");
            self.statement("measure", &row.measure, "funding", &row.funding, funding_key(&row.funding), None, "ap1", "Tabulka 5");
        }
        let mut allocated: BTreeMap<String, Czk> = BTreeMap::new();
        for row in &f.allocation {
            let Some(&id) = measure_ids.get(&row.measure) else {
                self.problem(format!("Tabulka 6 row of unknown measure {}", row.measure));
                continue;
            };
            let cost = self.cost(&row.amount, &row.measure);
            let Some(amount) = cost.amount else {
                self.problem(format!("Tabulka 6, {}: no amount in `{}`", row.measure, row.amount));
                continue;
            };
            if !cost.bracketed {
                *allocated.entry(row.programme.clone()).or_default() = allocated.get(&row.programme).copied().unwrap_or_default() + amount;
            }
            let document_id = self.doc("ap1");
            let aid = self.ids.next("allocation");
            self.seed.allocations.push(allocation::Model {
                id: aid,
                measure_id: id,
                amount: amount.hellers(),
                amount_text: row.amount.clone(),
                bracketed: cost.bracketed,
                programme: row.programme.clone(),
                priority: row.priority.clone(),
                programme_goal: row.programme_goal.clone(),
                document_id,
                locator: "Tabulka 6".into(),
            });
            self.statement("measure", &row.measure, "estimated_cost", &row.amount, cost_key(&cost), None, "ap1", "Tabulka 6");
        }
        let t = &f.allocation_totals;
        let opz = allocated.get("OPZ+").copied().unwrap_or_default();
        let irop = allocated.get("IROP").copied().unwrap_or_default();
        for (field, printed, computed) in [("total:OPZ+", &t.opz, opz), ("total:IROP", &t.irop, irop), ("total", &t.total, opz + irop)] {
            let printed_cost = self.cost(printed, "Tabulka 6");
            self.statement("allocation_table", "ap1", field, printed, cost_key(&printed_cost), None, "ap1", "Tabulka 6, řádek celkem");
            let shown = shared::format::czk(computed, shared::format::Lang::Cs);
            self.statement("allocation_table", "ap1", field, &shown, computed.hellers().to_string(), None, "ap1", "Tabulka 6, součet řádků (vypočteno)");
        }

        let mut drawn: BTreeMap<&'static str, Czk> = BTreeMap::new();
        for p in &f.project {
            let Some(&measure_id) = measure_ids.get(&p.measure) else {
                self.problem(format!("annex A project of unknown measure {}", p.measure));
                continue;
            };
            let reg = match parse::registration_number(&p.registration) {
                Ok(r) => r,
                Err(e) => {
                    self.problem(e.to_string());
                    continue;
                }
            };
            let budget = match parse::czk(&p.budget) {
                Ok(b) => b,
                Err(e) => {
                    self.problem(e.to_string());
                    continue;
                }
            };
            let programme = if p.call.contains("IROP") { "IROP" } else if p.call.contains("OPZ") { "OPZ+" } else {
                self.problem(format!("annex A, {}: unknown programme in call `{}`", p.measure, p.call));
                continue;
            };
            *drawn.entry(programme).or_default() = drawn.get(programme).copied().unwrap_or_default() + budget;
            let organisation_id = self.organisation(&p.implementer, orgs);
            // The project period is the one annex B prints for the measure's project row.
            let period = self
                .seed
                .statuses
                .iter()
                .find(|s| s.measure_id == measure_id && s.period_from.is_some() && s.status != "NOT_IMPLEMENTED")
                .map(|s| (s.period_from.clone(), s.period_to.clone()))
                .unwrap_or((None, None));
            let document_id = self.doc(report_doc);
            let id = self.ids.next("project");
            self.seed.projects.push(project::Model {
                id,
                measure_id,
                organisation_id,
                registration_number: reg.as_str().to_owned(),
                call: p.call.clone(),
                call_number: i32::from(reg.call()),
                programme: programme.to_owned(),
                budget: budget.hellers(),
                budget_text: p.budget.clone(),
                period_from: period.0,
                period_to: period.1,
                document_id,
                locator: "příloha A".into(),
            });
            self.statement("measure", &p.measure, "implementer", &p.implementer, org_key(&p.implementer), None, report_doc, "příloha A");
            self.statement("measure", &p.measure, "code", &p.measure, code_key(&p.measure), None, report_doc, "příloha A");
        }
        let t = &f.project_totals;
        let opz = drawn.get("OPZ+").copied().unwrap_or_default();
        let irop = drawn.get("IROP").copied().unwrap_or_default();
        for (field, printed, computed) in [("total:OPZ+", &t.opz, opz), ("total:IROP", &t.irop, irop), ("total", &t.kpsv, opz + irop)] {
            match parse::czk(printed) {
                Ok(p) => self.statement("project_table", report_doc, field, printed, p.hellers().to_string(), None, report_doc, "příloha A, řádek Celkem"),
                Err(e) => self.problem(e.to_string()),
            }
            let shown = shared::format::czk(computed, shared::format::Lang::Cs);
            self.statement("project_table", report_doc, field, &shown, computed.hellers().to_string(), None, report_doc, "příloha A, součet řádků (vypočteno)");
        }
    }

    fn implementation(&mut self, files: &PlanFiles, action_plan_id: i32, _window_start: Option<Date>, report_doc: &str) {
        let imp = &files.implementation;
        let ap1 = self.doc("ap1");
        for (pos, m) in imp.milestone.iter().enumerate() {
            let (from, to) = match parse::milestone_period(&m.period) {
                Ok(p) => p,
                Err(e) => {
                    self.problem(e.to_string());
                    continue;
                }
            };
            let id = self.ids.next("milestone");
            self.seed.milestones.push(milestone::Model {
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
        for (pos, r) in imp.risk.iter().enumerate() {
            if !(1..=5).contains(&r.probability) || !(1..=5).contains(&r.impact) {
                self.problem(format!("risk `{}`: probability and impact must be 1–5", r.name));
            }
            let id = self.ids.next("risk");
            self.seed.risks.push(risk::Model {
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
            self.statement("risk", &subject, "significance", &r.significance.to_string(), r.significance.to_string(), None, "ap1", "Tabulka 7");
            let computed = r.probability * r.impact;
            self.statement("risk", &subject, "significance", &computed.to_string(), computed.to_string(), None, "ap1", "Tabulka 7, pravděpodobnost × dopad (vypočteno)");
        }
        let report = self.doc(report_doc);
        for (pos, g) in imp.global_indicator.iter().enumerate() {
            let Some(expectation) = Expectation::parse(&g.expected) else {
                self.problem(format!("global indicator `{}`: unknown expectation `{}`", g.name, g.expected));
                continue;
            };
            let id = self.ids.next("global_indicator");
            self.seed.global_indicators.push(global_indicator::Model {
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
                let year = v.period.as_deref().and_then(last_year);
                let vid = self.ids.next("global_indicator_value");
                let locator = format!("Globální indikátory, sloupec {}", if v.column == "baseline" { "Počáteční hodnota" } else { &v.column });
                self.seed.global_values.push(global_indicator_value::Model {
                    id: vid,
                    global_indicator_id: id,
                    position: vpos as i32 + 1,
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
        }
        let sociopoint = self.doc("sociopoint");
        for (pos, c) in imp.context.iter().enumerate() {
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

    fn detect_conflicts(&mut self) {
        let statements: Vec<rules::Statement<'_>> = self
            .seed
            .statements
            .iter()
            .map(|s| rules::Statement {
                id: i64::from(s.id),
                subject_type: &s.subject_type,
                subject_code: &s.subject_code,
                field: &s.field,
                value_key: &s.value_key,
                value_text: &s.value_text,
            })
            .collect();
        let found = rules::detect(&statements);
        let by_id: HashMap<i32, &statement::Model> = self.seed.statements.iter().map(|s| (s.id, s)).collect();
        let titles: HashMap<i32, &str> = self.docs.values().map(|(id, t)| (*id, t.as_str())).collect();
        let mut rows = Vec::new();
        for c in found {
            let sides: Vec<String> = c
                .statement_ids
                .iter()
                .filter_map(|id| by_id.get(&(*id as i32)))
                .map(|s| format!("„{}“ ({}, {})", s.value_text, titles.get(&s.document_id).copied().unwrap_or(""), s.locator))
                .collect();
            let description = format!("{} – {}: {}", subject_label(&c.subject_type, &c.subject_code), field_label(&c.field), sides.join(" × "));
            rows.push((c.subject_type, c.subject_code, c.field, c.severity, description));
        }
        for (subject_type, subject_code, field, severity, description) in rows {
            let id = self.ids.next("conflict");
            self.seed.conflicts.push(conflict::Model {
                id,
                plan_id: self.plan_id,
                subject_type,
                subject_code,
                field,
                severity: severity_str(severity).to_owned(),
                description,
                resolved_statement_id: None,
                resolution_reason: None,
            });
        }
    }
}

fn severity_str(s: Severity) -> &'static str {
    s.as_str()
}

/// The identity key of an organisation name: folded, letters and digits only, so "Renarkon,
/// o.p.s." and "Renarkon o.p.s." are one organisation.
pub fn org_key(name: &str) -> String {
    shared::search::fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn code_key(text: &str) -> String {
    text.parse::<Code>().map(|c| c.to_string()).unwrap_or_else(|_| text.trim().to_owned())
}

fn cost_key(cost: &Cost) -> String {
    match (&cost.amount, &cost.see_measure) {
        (Some(a), _) => a.hellers().to_string(),
        (None, Some(m)) => format!("see:{m}"),
        (None, None) => "none".into(),
    }
}

fn funding_key(text: &str) -> String {
    let mut sources: Vec<FundingSource> = parse::funding(text);
    sources.sort();
    sources.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
}

fn value_key(text: &str) -> String {
    match parse::indicator_value(text) {
        Ok(IndicatorReading::Value(v)) => v.to_string(),
        Ok(IndicatorReading::Parts(p)) => p.iter().map(f64::to_string).collect::<Vec<_>>().join("/"),
        Ok(IndicatorReading::Missing) | Err(_) => "missing".into(),
    }
}

fn number_or_missing(text: &str) -> Result<Option<f64>, String> {
    match parse::indicator_value(text) {
        Ok(IndicatorReading::Value(v)) => Ok(Some(v)),
        Ok(IndicatorReading::Missing) => Ok(None),
        Ok(IndicatorReading::Parts(_)) => Err(format!("`{text}` is not a single number")),
        Err(e) => Err(e.to_string()),
    }
}

/// A context figure as a number: "1 290+" → 1290, "204,6 mil. Kč" → 204 600 000.
fn context_value(text: &str) -> Option<f64> {
    let trimmed = text.trim().trim_end_matches('+');
    parse::number(trimmed)
        .ok()
        .or_else(|| parse::cost(text).ok().and_then(|c| c.amount).map(Czk::crowns_f64))
}

/// The last four-digit year in a period text ("12/2021" → 2021, "školní rok 2020/21" → 2020).
fn last_year(period: &str) -> Option<i32> {
    rules::numbers_in(period).into_iter().filter(|n| n.len() == 4).filter_map(|n| n.parse().ok()).next_back()
}

fn subject_label(subject_type: &str, code: &str) -> String {
    match subject_type {
        "measure" => format!("Opatření {code}"),
        "specific_goal" => format!("Specifický cíl {code}"),
        "indicator" => {
            let (goal, pos) = code.split_once('#').unwrap_or((code, ""));
            format!("Indikátor dopadu {pos} specifického cíle {goal}")
        }
        "action_plan" => format!("Akční plán {code}"),
        "document" => format!("Dokument {code}"),
        "global_indicator" => format!("Globální indikátor {code}"),
        "risk" => format!("Riziko {code}"),
        "project_table" => "Příloha A (čerpání z výzev KPSV+)".to_owned(),
        "allocation_table" => "Tabulka 6 (alokace KPSV+)".to_owned(),
        other => format!("{other} {code}"),
    }
}

fn field_label(field: &str) -> String {
    match field {
        "code" => "číslo".into(),
        "name" => "název".into(),
        "target_text" => "znění cíle".into(),
        "estimated_cost" => "předpokládané náklady".into(),
        "funding" => "zdroje financování".into(),
        "status" => "stav realizace".into(),
        "implementer" => "realizátor".into(),
        "measure_count" => "počet opatření".into(),
        "indicator_name" => "název indikátoru".into(),
        "significance" => "významnost".into(),
        "total" => "celkem".into(),
        f if f.starts_with("total:") => format!("celkem {}", &f[6..]),
        f if f.starts_with("value:") => format!("hodnota k {}", &f[6..]),
        f if f.starts_with("table_number:") => format!("číslo tabulky „{}“", &f[13..]),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Seed {
        let files = PlanFiles::ostrava().expect("data files parse");
        build(&files, &mut IdAlloc::default()).unwrap_or_else(|p| panic!("problems: {p:#?}"))
    }

    #[test]
    fn ostrava_builds_with_the_documents_counts() {
        let s = seed();
        assert_eq!(s.areas.len(), 6);
        assert_eq!(s.strategic_goals.len(), 12);
        assert_eq!(s.specific_goals.len(), 23);
        assert_eq!(s.measures.len(), 47);
        assert_eq!(s.projects.len(), 21);
        assert_eq!(s.allocations.len(), 34);
        assert_eq!(s.risks.len(), 6);
        assert_eq!(s.global_indicators.len(), 11);
        assert_eq!(s.milestones.len(), 13);
    }

    #[test]
    fn organisations_are_merged_across_spellings() {
        let s = seed();
        let renarkon: Vec<_> = s.organisations.iter().filter(|o| o.name.starts_with("Renarkon")).collect();
        assert_eq!(renarkon.len(), 1, "{renarkon:?}");
        assert_eq!(org_key("CENTROM z. s."), org_key("CENTROM, z.s."));
    }

    #[test]
    fn known_conflicts_are_found() {
        let s = seed();
        let has = |t: &str, c: &str, f: &str| s.conflicts.iter().any(|x| x.subject_type == t && x.subject_code == c && x.field == f);
        assert!(has("measure", "1.1.1.1", "estimated_cost"), "25 vs 15 mil.");
        assert!(has("measure", "2.1.1.3", "estimated_cost"), "15 vs 10 mil.");
        assert!(has("action_plan", "1", "measure_count"), "48 vs 47");
        assert!(has("specific_goal", "1.1.1", "measure_count"), "2 declared, 1 described");
        assert!(has("measure", "2.1.2.1", "code"), "printed as 3.2.1.1");
        assert!(has("measure", "5.2.2.1", "name"), "printed under the name of 5.2.1.1");
        assert!(has("specific_goal", "6.2.3", "target_text"), "report gives 6.2.1's text");
        assert!(has("measure", "2.1.3.3", "status"), "twice in the report");
        assert!(has("measure", "6.1.1.1", "code"), "card numbered 6.1.1");
        assert!(has("project_table", "zprava", "total:OPZ+"), "rows sum to ,16 not ,20");
        assert!(!has("measure", "2.1.3.4", "estimated_cost"), "12 mil. everywhere");
    }
}
