//! Turns a plan's data files into the rows of every table, with every figure parsed, checked and
//! backed by a sourced statement, and the conflicts between statements detected.
//!
//! Nothing here touches the database: `build` is a plain function over the parsed files and an
//! id allocator, so it is tested without one. Any problem (an unknown code, an unreadable
//! figure, an unknown funding source) is collected; a plan with problems is not loaded at all.

use std::collections::{BTreeMap, HashMap};

use shared::conflict::{self as rules};
use shared::parse::{self, IndicatorReading};
use shared::{Code, Date};

use super::format::{PlanFiles, SpecificGoalRec};
use crate::entity::*;
use keys::*;

mod conflicts;
mod implementation;
mod keys;
mod money;
mod tree;

pub use keys::org_key;

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

/// An impact indicator's id and its values as (date, text), by (goal code, 1-based position).
type IndicatorSeries = (i32, Vec<(Date, String)>);

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
    pub headlines: Vec<headline::Model>,
}

/// Builds every row of a plan; returns every problem found if there is any.
pub fn build(files: &PlanFiles, ids: &mut IdAlloc) -> Result<Seed, Vec<String>> {
    let mut b = Builder {
        ids,
        seed: Seed::default(),
        problems: Vec::new(),
        docs: HashMap::new(),
        plan_id: 0,
    };
    b.plan(files);
    if b.problems.is_empty() {
        b.detect_conflicts();
    }
    if b.problems.is_empty() {
        Ok(b.seed)
    } else {
        Err(b.problems)
    }
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

    fn text_statement(
        &mut self,
        subject: (&str, &str),
        field: &str,
        text: &str,
        doc: &str,
        locator: &str,
    ) {
        self.statement(
            subject.0,
            subject.1,
            field,
            text,
            rules::text_key(text),
            None,
            doc,
            locator,
        );
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
            revision: 0,
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
        let Some(&(ap_number, action_plan_id, _ap_from)) = action_plan_ids.first() else {
            self.problem("the plan has no action plan".into());
            return;
        };

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
        let mut indicator_ids: HashMap<(String, usize), IndicatorSeries> = HashMap::new();
        for (i, area_file) in files.areas.iter().enumerate() {
            let a = &area_file.area;
            if a.code != (i + 1).to_string() {
                self.problem(format!("area file {} holds area {}", i + 1, a.code));
            }
            let Some(area_code) = self.code(&a.code) else {
                continue;
            };
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
                    self.problem(format!(
                        "target group kind `{}` in area {}",
                        tg.kind, a.code
                    ));
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
                let Some(code) = self.code(&sg.code) else {
                    continue;
                };
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
                let Some(code) = self.code(&g.code) else {
                    continue;
                };
                let parent = code.parent().map(|c| c.to_string()).unwrap_or_default();
                let Some(&strategic_goal_id) = sg_ids.get(&parent) else {
                    self.problem(format!(
                        "specific goal {code} has no strategic goal {parent}"
                    ));
                    continue;
                };
                let id = self.specific_goal(
                    g,
                    &code,
                    action_plan_id,
                    area_id,
                    strategic_goal_id,
                    &report_doc,
                );
                goal_ids.insert(
                    code.to_string(),
                    GoalIds {
                        id,
                        area_id,
                        strategic_goal_id,
                    },
                );
            }
            // Indicators, in file order per goal.
            let mut positions: HashMap<String, usize> = HashMap::new();
            for ind in &area_file.indicator {
                let Some(goal) = goal_ids.get(&ind.goal) else {
                    self.problem(format!(
                        "indicator `{}` of unknown goal {}",
                        ind.name, ind.goal
                    ));
                    continue;
                };
                let goal_id = goal.id;
                let pos = positions.entry(ind.goal.clone()).or_insert(0);
                *pos += 1;
                let pos = *pos;
                let Some(goal_rec) = area_file.specific_goal.iter().find(|g| g.code == ind.goal)
                else {
                    continue;
                };
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
                if ind.in_plan {
                    self.text_statement(
                        ("indicator", &subject),
                        "indicator_name",
                        &ind.name,
                        "ap1",
                        &format!("SC {}, indikátory dopadu", ind.goal),
                    );
                }
                if !ind.values.is_empty() {
                    let report_name = ind.report_name.as_deref().unwrap_or(&ind.name);
                    self.text_statement(
                        ("indicator", &subject),
                        "indicator_name",
                        report_name,
                        &report_doc,
                        &format!("příloha B, SC {}", ind.goal),
                    );
                    if ind.values.len() != dates.len() {
                        self.problem(format!(
                            "indicator {subject}: {} values for {} dates",
                            ind.values.len(),
                            dates.len()
                        ));
                    }
                }
                let mut series = Vec::new();
                for ((value_text, date), label) in
                    ind.values.iter().zip(&dates).zip(&goal_rec.report_dates)
                {
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
                    let locator = format!("příloha B, SC {}, {}", ind.goal, label);
                    let document_id = self.doc(&report_doc);
                    let vid = self.ids.next("indicator_value");
                    self.seed.indicator_values.push(indicator_value::Model {
                        version: 1,
                        replaces_id: None,
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
                    self.statement(
                        "indicator",
                        &subject,
                        &format!("value:{date}"),
                        value_text,
                        value_key(value_text),
                        Some(*date),
                        &report_doc,
                        &locator,
                    );
                    series.push((*date, value_text.clone()));
                }
                indicator_ids.insert((ind.goal.clone(), pos), (id, series));
            }
            // Measure cards.
            let mut per_goal: BTreeMap<String, i32> = BTreeMap::new();
            for m in &area_file.measure {
                let Some(code) = self.code(&m.code) else {
                    continue;
                };
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
                self.statement(
                    subject.0,
                    subject.1,
                    "measure_count",
                    &g.declared_measures.to_string(),
                    g.declared_measures.to_string(),
                    None,
                    "ap1",
                    "Tabulka 2",
                );
                self.statement(
                    subject.0,
                    subject.1,
                    "measure_count",
                    &described.to_string(),
                    described.to_string(),
                    None,
                    "ap1",
                    "karty opatření (počet popsaných)",
                );
            }
            // Report rows (annex B).
            let mut position = 0;
            for r in &area_file.measure_report {
                position += 1;
                let Some(&measure_id) = measure_ids.get(&r.code) else {
                    self.problem(format!("report row of unknown measure {}", r.code));
                    continue;
                };
                self.status_row(
                    r,
                    measure_id,
                    position,
                    status_date,
                    &report_doc,
                    &mut organisations,
                    &area_file.measure,
                );
            }
        }
        self.statement(
            "action_plan",
            &ap_number.to_string(),
            "measure_count",
            &cards.to_string(),
            cards.to_string(),
            None,
            "ap1",
            "karty opatření (počet popsaných)",
        );
        for s in &files.plan.statement {
            let (subject_type, subject_code) = s
                .subject
                .split_once(':')
                .unwrap_or(("plan", s.subject.as_str()));
            let key = if s.field.starts_with("value") {
                value_key(&s.value)
            } else {
                rules::text_key(&s.value)
            };
            self.statement(
                subject_type,
                subject_code,
                &s.field,
                &s.value,
                key,
                None,
                &s.doc,
                &s.locator,
            );
        }
        for (position, h) in files.plan.headline.iter().enumerate() {
            let id = self.ids.next("headline");
            let latest = h
                .checks
                .first()
                .and_then(|c| indicator_ids.get(&(c.goal.clone(), c.indicator)))
                .and_then(|(_, series)| series.last().map(|(date, _)| date.to_string()));
            let document_id = self.doc(&report_doc);
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
                let Some((_, series)) = indicator_ids.get(&(c.goal.clone(), c.indicator)) else {
                    self.problem(format!(
                        "headline check of unknown indicator {}#{}",
                        c.goal, c.indicator
                    ));
                    continue;
                };
                let Some((date, _)) = series.last().cloned() else {
                    continue;
                };
                let subject = format!("{}#{}", c.goal, c.indicator);
                let (field, key) = match c.part {
                    Some(part) => (format!("value:{date}:part{part}"), value_key(&c.value)),
                    None => (format!("value:{date}"), value_key(&c.value)),
                };
                if let Some(part) = c.part {
                    // The report's table value, split into its parts, is the other side.
                    let table_text = series.last().map(|(_, t)| t.clone()).unwrap_or_default();
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
                        &report_doc,
                        &format!("příloha B, SC {}", c.goal),
                    );
                }
                self.statement(
                    "indicator",
                    &subject,
                    &field,
                    &c.value,
                    key,
                    Some(date),
                    &report_doc,
                    "Manažerské shrnutí",
                );
            }
        }
        self.financing(files, &measure_ids, &mut organisations, &report_doc);
        self.implementation(files, action_plan_id, &report_doc);
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
        let renarkon: Vec<_> = s
            .organisations
            .iter()
            .filter(|o| o.name.starts_with("Renarkon"))
            .collect();
        assert_eq!(renarkon.len(), 1, "{renarkon:?}");
        assert_eq!(org_key("CENTROM z. s."), org_key("CENTROM, z.s."));
    }

    #[test]
    fn known_conflicts_are_found() {
        let s = seed();
        let has = |t: &str, c: &str, f: &str| {
            s.conflicts
                .iter()
                .any(|x| x.subject_type == t && x.subject_code == c && x.field == f)
        };
        assert!(has("measure", "1.1.1.1", "estimated_cost"), "25 vs 15 mil.");
        assert!(has("measure", "2.1.1.3", "estimated_cost"), "15 vs 10 mil.");
        assert!(has("action_plan", "1", "measure_count"), "48 vs 47");
        assert!(
            has("specific_goal", "1.1.1", "measure_count"),
            "2 declared, 1 described"
        );
        assert!(has("measure", "2.1.2.1", "code"), "printed as 3.2.1.1");
        assert!(
            has("measure", "5.2.2.1", "name"),
            "printed under the name of 5.2.1.1"
        );
        assert!(
            has("specific_goal", "6.2.3", "target_text"),
            "report gives 6.2.1's text"
        );
        assert!(has("measure", "2.1.3.3", "status"), "twice in the report");
        assert!(has("measure", "6.1.1.1", "code"), "card numbered 6.1.1");
        assert!(
            has("project_table", "zprava", "total:OPZ+"),
            "rows sum to ,16 not ,20"
        );
        assert!(
            !has("measure", "2.1.3.4", "estimated_cost"),
            "12 mil. everywhere"
        );
    }
}
