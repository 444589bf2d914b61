//! Turns a plan's data files into the rows of every table, with every figure parsed, checked and
//! backed by a sourced statement, and the conflicts between statements detected.
//!
//! Nothing here touches the database: `build` is a plain function over the parsed files and an
//! id allocator, so it is tested without one. Any problem (an unknown code, an unreadable
//! figure, an unknown funding source) is collected; a plan with problems is not loaded at all.

use std::collections::HashMap;

use shared::conflict::{self as rules};
use shared::{Code, Date};

use super::format::{
    ActionPlanRec, AreaFile, AreaHead, DocumentRec, PlanFiles, PlanHead, SpecificGoalRec,
    StatementRec, StrategicGoalRec, TargetGroupRec,
};
use crate::entity::*;
use keys::*;

mod conflicts;
mod implementation;
mod indicators;
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
    pub waves: Vec<monitoring_wave::Model>,
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

/// What every area of the walk is built against.
struct Frame<'f> {
    /// The action plan the tree belongs to.
    action_plan_id: i32,
    /// The key of the monitoring report.
    report_doc: &'f str,
    /// The date of the report's statuses.
    status_date: Date,
}

/// What the walk over the areas gathers for the rows that span the plan.
#[derive(Default)]
struct Walked {
    /// Measure ids by code.
    measure_ids: HashMap<String, i32>,
    /// Organisation ids by [`org_key`].
    organisations: HashMap<String, i32>,
    /// The measure cards described.
    cards: usize,
    /// Impact indicators and their values, by (goal code, 1-based position).
    indicators: HashMap<(String, usize), IndicatorSeries>,
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

    /// The plan's rows: its head, documents and action plans, the tree area by area, then what
    /// spans the plan (statements listed in `plan.toml`, headlines, money, implementation).
    fn plan(&mut self, files: &PlanFiles) {
        self.plan_row(&files.plan.plan);
        self.documents(&files.plan.document);
        let Some((ap_number, action_plan_id)) = self.action_plans(&files.plan.action_plan) else {
            self.problem("the plan has no action plan".into());
            return;
        };
        let frame = Frame {
            action_plan_id,
            report_doc: &files.plan.report.document,
            status_date: files.plan.report.status_date.0,
        };
        let mut walked = Walked::default();
        // Organisations of annex A first: their spelling is the formal one.
        for p in &files.financing.project {
            self.organisation(&p.implementer, &mut walked.organisations);
        }
        for (i, area_file) in files.areas.iter().enumerate() {
            self.area(i + 1, area_file, &frame, &mut walked);
        }
        self.statement(
            "action_plan",
            &ap_number.to_string(),
            "measure_count",
            &walked.cards.to_string(),
            walked.cards.to_string(),
            None,
            "ap1",
            "karty opatření (počet popsaných)",
        );
        self.listed_statements(&files.plan.statement);
        self.headlines(&files.plan.headline, &walked.indicators, frame.report_doc);
        self.financing(
            files,
            &walked.measure_ids,
            &mut walked.organisations,
            frame.report_doc,
        );
        self.implementation(files, action_plan_id, frame.report_doc);
    }

    fn plan_row(&mut self, head: &PlanHead) {
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
    }

    /// The source documents, remembered by key for every later row and statement.
    fn documents(&mut self, documents: &[DocumentRec]) {
        for d in documents {
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
    }

    /// Every action plan; the first's number and id, which the tree belongs to.
    fn action_plans(&mut self, action_plans: &[ActionPlanRec]) -> Option<(i32, i32)> {
        let mut first = None;
        for ap in action_plans {
            let id = self.ids.next("action_plan");
            let document_id = self.doc(&ap.document);
            first.get_or_insert((ap.number, id));
            self.seed.action_plans.push(action_plan::Model {
                id,
                plan_id: self.plan_id,
                number: ap.number,
                name: ap.name.clone(),
                period_from: ap.period_from,
                period_to: ap.period_to,
                document_id,
                // The documents' action plans are in force: approved (the day and resolution
                // are not in the documents).
                state: action_plan::APPROVED.to_owned(),
                approved_on: None,
                resolution: None,
                version: 1,
            });
        }
        first
    }

    /// One area file (`number` counts from 1): the area, its target groups, goals, impact
    /// indicators, measure cards and report rows.
    fn area(&mut self, number: usize, file: &AreaFile, frame: &Frame<'_>, walked: &mut Walked) {
        let Some((area_code, area_id)) = self.area_row(number, &file.area) else {
            return;
        };
        self.target_groups(&file.target_group, area_id, &file.area.code);
        let sg_ids = self.strategic_goals(&file.strategic_goal, &area_code, area_id);
        let goal_ids = self.specific_goals(&file.specific_goal, &sg_ids, area_id, frame);
        self.indicators(file, &goal_ids, frame.report_doc, &mut walked.indicators);
        self.measure_cards(file, &goal_ids, frame.action_plan_id, walked);
        self.report_rows(file, frame, walked);
    }

    fn area_row(&mut self, number: usize, a: &AreaHead) -> Option<(Code, i32)> {
        if a.code != number.to_string() {
            self.problem(format!("area file {number} holds area {}", a.code));
        }
        let area_code = self.code(&a.code)?;
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
        Some((area_code, area_id))
    }

    fn target_groups(&mut self, groups: &[TargetGroupRec], area_id: i32, area_code: &str) {
        for (pos, tg) in groups.iter().enumerate() {
            if !matches!(tg.kind.as_str(), "people" | "actors") {
                self.problem(format!(
                    "target group kind `{}` in area {area_code}",
                    tg.kind
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
    }

    /// An area's strategic goals; their ids by code.
    fn strategic_goals(
        &mut self,
        goals: &[StrategicGoalRec],
        area_code: &Code,
        area_id: i32,
    ) -> HashMap<String, i32> {
        let mut sg_ids = HashMap::new();
        for sg in goals {
            let Some(code) = self.code(&sg.code) else {
                continue;
            };
            if code.parent().as_ref() != Some(area_code) {
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
        sg_ids
    }

    /// An area's specific goals under their strategic goals (`sg_ids`); where each lies in the
    /// tree by code.
    fn specific_goals(
        &mut self,
        goals: &[SpecificGoalRec],
        sg_ids: &HashMap<String, i32>,
        area_id: i32,
        frame: &Frame<'_>,
    ) -> HashMap<String, GoalIds> {
        let mut goal_ids = HashMap::new();
        for g in goals {
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
                frame.action_plan_id,
                area_id,
                strategic_goal_id,
                frame.report_doc,
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
        goal_ids
    }

    /// The statements `plan.toml` lists as they are (`measure:1.1.1.1` or a plan-wide subject).
    fn listed_statements(&mut self, statements: &[StatementRec]) {
        for s in statements {
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
    fn the_waves_are_the_three_collections_of_tabulka_4() {
        let s = seed();
        let waves: Vec<_> = s
            .waves
            .iter()
            .map(|w| {
                (
                    w.name.as_str(),
                    w.opens_on.as_str(),
                    w.deadline.as_str(),
                    w.as_of.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            waves,
            [
                (
                    "1. vlna, 1. pol. 2024",
                    "2024-01-01",
                    "2024-06-30",
                    Some("2024-04-30")
                ),
                (
                    "2. vlna, 1. pol. 2025",
                    "2025-01-01",
                    "2025-06-30",
                    Some("2025-01-31")
                ),
                ("3. vlna, 1. pol. 2026", "2026-01-01", "2026-06-30", None),
            ]
        );
        // Every collection the timeline names is a wave.
        let collections = s
            .milestones
            .iter()
            .filter(|m| m.text.starts_with("Sběr") && m.text.contains("vlny dat monitoringu"))
            .count();
        assert_eq!(collections, s.waves.len());
        assert!(s.waves.iter().all(|w| w.locator.starts_with("Tabulka 4")));
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
