//! How each dataset's rows are made from a plan's read model: published rows only (or, for a
//! staff export, with the drafts marked), in the documents' order, with their provenance.

use std::sync::Arc;

use shared::format::Lang;

use super::Cell;
use crate::entity as e;
use crate::store::facts::PlanFacts;
use crate::store::model::PlanModel;

/// Which rows a dataset's row function makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// Published rows only: what everyone may read.
    Public,
    /// Drafts too, each row ending with whether it is published.
    WithDrafts,
}

impl Scope {
    pub(super) fn keeps(self, published: bool) -> bool {
        published || self == Scope::WithDrafts
    }

    /// Ends a row with whether it is published, when drafts are asked for.
    pub(super) fn finish(self, mut row: Vec<Cell>, published: bool) -> Vec<Cell> {
        if self == Scope::WithDrafts {
            row.push(Cell::Boolean(published));
        }
        row
    }
}

/// The rows of [`INTERNAL_NOTES`].
pub fn note_rows(notes: &[e::internal_note::Model]) -> Vec<Vec<Cell>> {
    notes
        .iter()
        .map(|n| {
            vec![
                Cell::Integer(n.id.into()),
                Cell::text(&n.subject_type),
                Cell::text(&n.subject_code),
                Cell::text(&n.text),
                Cell::text(&n.author_name),
                Cell::text(&n.created_at),
            ]
        })
        .collect()
}

/// The rows of `index` under `key`, in their order; none when there are none.
pub(super) fn under<M>(index: &std::collections::HashMap<i32, Arc<[M]>>, key: i32) -> &[M] {
    index.get(&key).map_or(&[], |rows| rows)
}

pub(super) fn areas(m: &PlanModel) -> &[e::area::Model] {
    under(&m.areas_by_plan, m.plan_id)
}

pub(super) fn strategic_goals(
    m: &PlanModel,
) -> impl Iterator<Item = (&e::area::Model, &e::strategic_goal::Model)> {
    areas(m).iter().flat_map(|a| {
        under(&m.strategic_goals_by_area, a.id)
            .iter()
            .map(move |s| (a, s))
    })
}

pub(super) fn specific_goals(m: &PlanModel) -> impl Iterator<Item = &e::specific_goal::Model> {
    strategic_goals(m).flat_map(|(_, s)| under(&m.specific_goals_by_strategic_goal, s.id))
}

pub(super) fn measures(m: &PlanModel) -> impl Iterator<Item = &e::measure::Model> {
    specific_goals(m).flat_map(|g| under(&m.measures_by_goal, g.id))
}

/// A document's title and the place in it.
pub(super) fn source(m: &PlanModel, document_id: i32, locator: &str) -> [Cell; 2] {
    let title = under(&m.documents, document_id)
        .first()
        .map(|d| d.title.as_str());
    [Cell::opt_text(title), Cell::opt_text(Some(locator))]
}

pub(super) fn organisation(m: &PlanModel, id: Option<i32>) -> Option<&str> {
    id.and_then(|id| under(&m.organisations, id).first())
        .map(|o| o.name.as_str())
}

pub(super) fn area_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    areas(m)
        .iter()
        .map(|a| {
            vec![
                Cell::text(&a.code),
                Cell::text(&a.name),
                Cell::text(&a.name_en),
            ]
        })
        .collect()
}

pub(super) fn strategic_goal_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    strategic_goals(m)
        .map(|(a, s)| {
            vec![
                Cell::text(&s.code),
                Cell::text(&a.code),
                Cell::text(&s.name),
            ]
        })
        .collect()
}

pub(super) fn specific_goal_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    strategic_goals(m)
        .flat_map(|(a, s)| {
            under(&m.specific_goals_by_strategic_goal, s.id)
                .iter()
                .map(move |g| {
                    vec![
                        Cell::text(&g.code),
                        Cell::text(&s.code),
                        Cell::text(&a.code),
                        Cell::text(&g.target_text),
                        Cell::opt_text(Some(&g.expected_impact)),
                        Cell::opt_date(g.due.as_deref()),
                    ]
                })
        })
        .collect()
}

pub(super) fn indicator_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    specific_goals(m)
        .flat_map(|g| {
            under(&m.indicators_by_goal, g.id).iter().map(move |i| {
                let target =
                    crate::store::target::in_force(i, under(&m.revisions_by_indicator, i.id));
                vec![
                    Cell::text(&g.code),
                    Cell::Integer(i.position.into()),
                    Cell::text(&i.name),
                    Cell::Boolean(i.is_key),
                    Cell::text(&i.unit),
                    target.value.map_or(Cell::Empty, Cell::Number),
                    Cell::opt_text(target.text),
                ]
            })
        })
        .collect()
}

pub(super) fn revision_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for g in specific_goals(m) {
        for i in under(&m.indicators_by_goal, g.id) {
            for r in under(&m.revisions_by_indicator, i.id) {
                let mut row = vec![
                    Cell::text(&g.code),
                    Cell::Integer(i.position.into()),
                    Cell::opt_date(Some(&r.valid_from)),
                    r.target_value.map_or(Cell::Empty, Cell::Number),
                    Cell::opt_text(r.target_text.as_deref()),
                    Cell::text(&r.reason),
                ];
                row.extend(source(m, r.document_id, crate::store::target::LOCATOR));
                rows.push(row);
            }
        }
    }
    rows
}

pub(super) fn value_rows(m: &PlanModel, scope: Scope) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for g in specific_goals(m) {
        for i in under(&m.indicators_by_goal, g.id) {
            for v in under(&m.values_by_indicator, i.id)
                .iter()
                .filter(|v| scope.keeps(v.published))
            {
                let mut row = vec![
                    Cell::text(&g.code),
                    Cell::Integer(i.position.into()),
                    Cell::text(&i.name),
                    Cell::opt_date(Some(&v.ref_date)),
                    Cell::opt_text(Some(&v.ref_label)),
                    v.value.map_or(Cell::Empty, Cell::Number),
                    Cell::opt_text(Some(&v.value_text)),
                ];
                row.extend(source(m, v.document_id, &v.locator));
                rows.push(scope.finish(row, v.published));
            }
        }
    }
    rows
}

pub(super) fn measure_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let goal_code = |id: i32| {
        under(&m.specific_goals, id)
            .first()
            .map(|g| g.code.as_str())
    };
    let action_plan = |id: i32| {
        under(&m.action_plans_by_plan, m.plan_id)
            .iter()
            .find(|a| a.id == id)
            .map_or(Cell::Empty, |a| Cell::Integer(a.number.into()))
    };
    measures(m)
        .map(|x| {
            let outputs: Vec<&str> = under(&m.outputs_by_measure, x.id)
                .iter()
                .map(|o| o.name.as_str())
                .collect();
            vec![
                Cell::text(&x.code),
                action_plan(x.action_plan_id),
                Cell::opt_text(goal_code(x.specific_goal_id)),
                Cell::text(&x.name),
                Cell::opt_text(Some(&x.description)),
                Cell::opt_text(Some(&x.target_group)),
                Cell::opt_text(Some(&x.responsible_body)),
                Cell::opt_text(Some(&x.schedule_text)),
                Cell::opt_date(x.schedule_from.as_deref()),
                Cell::opt_date(x.schedule_to.as_deref()),
                x.estimated_cost.map_or(Cell::Empty, Cell::Money),
                Cell::Boolean(x.cost_approximate),
                Cell::opt_text(Some(&x.estimated_cost_text)),
                Cell::opt_text(Some(&x.funding_text)),
                Cell::opt_text(Some(&outputs.join("\n"))),
                Cell::opt_text(Some(&x.links_text)),
                Cell::opt_text(x.service_type.as_deref()),
                Cell::Boolean(x.is_social_service),
            ]
        })
        .collect()
}

pub(super) fn funding_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    measures(m)
        .flat_map(|x| {
            under(&m.fundings_by_measure, x.id).iter().map(move |s| {
                let name = shared::FundingSource::from_db(&s.source)
                    .map(|f| frontend::i18n::funding_source(f, Lang::Cs));
                vec![
                    Cell::text(&x.code),
                    Cell::Integer(s.position.into()),
                    Cell::text(&s.source),
                    Cell::opt_text(name),
                ]
            })
        })
        .collect()
}

pub(super) fn allocation_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for x in measures(m) {
        for (n, a) in (1_i64..).zip(under(&m.allocations_by_measure, x.id)) {
            let mut row = vec![
                Cell::text(&x.code),
                Cell::Integer(n),
                Cell::text(&a.programme),
                Cell::opt_text(Some(&a.priority)),
                Cell::opt_text(Some(&a.programme_goal)),
                Cell::Money(a.amount),
                Cell::opt_text(Some(&a.amount_text)),
                Cell::Boolean(a.bracketed),
            ];
            row.extend(source(m, a.document_id, &a.locator));
            rows.push(row);
        }
    }
    rows
}

pub(super) fn status_rows(m: &PlanModel, scope: Scope) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for x in measures(m) {
        for s in under(&m.statuses_by_measure, x.id)
            .iter()
            .filter(|s| scope.keeps(s.published))
        {
            let implementer = organisation(m, s.organisation_id).or(s.implementer_text.as_deref());
            let mut row = vec![
                Cell::text(&x.code),
                Cell::Integer(s.position.into()),
                Cell::opt_date(Some(&s.ref_date)),
                Cell::text(&s.status),
                Cell::opt_text(Some(&s.status_text)),
                Cell::opt_text(implementer),
                Cell::opt_text(Some(&s.activity)),
                Cell::opt_date(s.period_from.as_deref()),
                Cell::opt_date(s.period_to.as_deref()),
            ];
            row.extend(source(m, s.document_id, &s.locator));
            rows.push(scope.finish(row, s.published));
        }
    }
    rows
}

pub(super) fn project_rows(m: &PlanModel, scope: Scope) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for x in measures(m) {
        for p in under(&m.projects_by_measure, x.id)
            .iter()
            .filter(|p| scope.keeps(p.published))
        {
            let mut row = vec![
                Cell::text(&p.registration_number),
                Cell::text(&x.code),
                Cell::text(&p.call),
                Cell::text(&p.programme),
                Cell::Money(p.budget),
                Cell::opt_text(organisation(m, Some(p.organisation_id))),
                Cell::opt_date(p.period_from.as_deref()),
                Cell::opt_date(p.period_to.as_deref()),
            ];
            row.extend(source(m, p.document_id, &p.locator));
            rows.push(scope.finish(row, p.published));
        }
    }
    rows
}

/// A sum of money as a cell; a sum that overflows (never a real plan's) is left empty rather
/// than written wrong.
pub(super) fn money_cell(total: shared::money::Total) -> Cell {
    total
        .get()
        .map_or(Cell::Empty, |c| Cell::Money(c.hellers()))
}

pub(super) fn count(n: usize) -> Cell {
    Cell::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The figures the overview and the budget page show for each area.
pub(super) fn area_summary_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let facts = PlanFacts::of_model(m);
    areas(m)
        .iter()
        .map(|a| {
            let g = facts.areas.get(&a.id).cloned().unwrap_or_default();
            let p = g.progress;
            let s = g.statuses;
            vec![
                Cell::text(&a.code),
                Cell::text(&a.name),
                count(p.map_or(0, |p| p.goals)),
                count(p.map_or(0, |p| p.goals_with_data)),
                count(p.map_or(0, |p| p.achieved)),
                count(p.map_or(0, |p| p.on_track)),
                count(p.map_or(0, |p| p.behind)),
                p.and_then(|p| p.attainment)
                    .map_or(Cell::Empty, Cell::Number),
                count(s.not_implemented),
                count(s.in_progress),
                count(s.completed),
                count(s.unknown),
                money_cell(g.money.planned),
                money_cell(g.money.allocated),
                money_cell(g.money.drawn),
                count(g.conflicts),
            ]
        })
        .collect()
}

pub(super) fn measure_budget_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let facts = PlanFacts::of_model(m);
    measures(m)
        .map(|x| {
            let money = facts.measure_money.get(&x.id).copied().unwrap_or_default();
            vec![
                Cell::text(&x.code),
                Cell::text(&x.name),
                money_cell(money.planned),
                money_cell(money.allocated),
                money_cell(money.drawn),
            ]
        })
        .collect()
}

pub(super) fn source_budget_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    PlanFacts::of_model(m)
        .by_source
        .iter()
        .filter_map(|(code, money)| {
            let source = shared::FundingSource::from_db(code)?;
            Some(vec![
                Cell::text(code),
                Cell::text(frontend::i18n::funding_source(source, Lang::Cs)),
                money_cell(money.planned),
                money_cell(money.allocated),
                money_cell(money.drawn),
                count(money.measures_with_cost),
            ])
        })
        .collect()
}

pub(super) fn programme_budget_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    PlanFacts::of_model(m)
        .by_programme
        .iter()
        .map(|(programme, money)| {
            vec![
                Cell::text(programme),
                money_cell(money.allocated),
                money_cell(money.drawn),
            ]
        })
        .collect()
}

pub(super) fn global_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    under(&m.global_by_plan, m.plan_id)
        .iter()
        .map(|g| {
            let mut row = vec![
                Cell::Integer(g.position.into()),
                Cell::text(&g.name),
                Cell::opt_text(g.note.as_deref()),
                Cell::opt_text(Some(&g.expected_text)),
                Cell::text(&g.target_kind),
                g.target_value.map_or(Cell::Empty, Cell::Number),
                Cell::Boolean(g.lower_is_better),
            ];
            row.extend(source(m, g.document_id, &g.locator));
            row
        })
        .collect()
}

pub(super) fn global_value_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for g in under(&m.global_by_plan, m.plan_id) {
        for v in under(&m.global_values, g.id) {
            let mut row = vec![
                Cell::Integer(g.position.into()),
                Cell::Integer(v.position.into()),
                Cell::text(&v.column_label),
                Cell::Boolean(v.is_baseline),
                Cell::opt_text(v.period.as_deref()),
                v.year.map_or(Cell::Empty, |y| Cell::Integer(y.into())),
                Cell::opt_text(v.area_text.as_deref()),
                v.value.map_or(Cell::Empty, Cell::Number),
                Cell::opt_text(Some(&v.value_text)),
                v.region_value.map_or(Cell::Empty, Cell::Number),
                Cell::opt_text(v.region_value_text.as_deref()),
                Cell::opt_text(v.rank.as_deref()),
            ];
            row.extend(source(m, v.document_id, &v.locator));
            rows.push(row);
        }
    }
    rows
}

/// The plan's action plans, in their order.
pub(super) fn action_plans(m: &PlanModel) -> &[e::action_plan::Model] {
    under(&m.action_plans_by_plan, m.plan_id)
}

pub(super) fn milestone_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for a in action_plans(m) {
        for s in under(&m.milestones_by_action_plan, a.id) {
            let mut row = vec![
                Cell::Integer(a.number.into()),
                Cell::Integer(s.position.into()),
                Cell::opt_text(Some(&s.period_text)),
                Cell::opt_date(Some(&s.period_from)),
                Cell::opt_date(Some(&s.period_to)),
                Cell::text(&s.text),
            ];
            row.extend(source(m, s.document_id, &s.locator));
            rows.push(row);
        }
    }
    rows
}

pub(super) fn risk_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for a in action_plans(m) {
        for k in under(&m.risks_by_action_plan, a.id) {
            let mut row = vec![
                Cell::Integer(a.number.into()),
                Cell::Integer(k.position.into()),
                Cell::text(&k.name),
                Cell::Integer(k.probability.into()),
                Cell::Integer(k.impact.into()),
                Cell::Integer(k.significance.into()),
                Cell::opt_text(Some(&k.mitigation)),
            ];
            row.extend(source(m, k.document_id, &k.locator));
            rows.push(row);
        }
    }
    rows
}

/// Unresolved conflicts (what the public API lists), a row for each of their statements.
pub(super) fn conflict_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let statements = under(&m.statements_by_plan, m.plan_id);
    let mut rows = Vec::new();
    for c in under(&m.conflicts_by_plan, m.plan_id)
        .iter()
        .filter(|c| c.resolved_statement_id.is_none())
    {
        let field = shared::conflict::statement_field(&c.field);
        for s in statements.iter().filter(|s| {
            s.subject_type == c.subject_type && s.subject_code == c.subject_code && s.field == field
        }) {
            let mut row = vec![
                Cell::Integer(c.id.into()),
                Cell::text(&c.subject_type),
                Cell::text(&c.subject_code),
                Cell::text(&c.field),
                Cell::text(&c.severity),
                Cell::opt_text(Some(&c.description)),
                Cell::Integer(s.id.into()),
                Cell::text(&s.value_text),
                Cell::opt_date(s.ref_date.as_deref()),
            ];
            row.extend(source(m, s.document_id, &s.locator));
            rows.push(row);
        }
    }
    rows
}

pub(super) fn document_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    under(&m.documents_by_plan, m.plan_id)
        .iter()
        .map(|d| {
            vec![
                Cell::text(&d.title),
                Cell::text(&d.key),
                Cell::opt_text(Some(&d.issued)),
                Cell::text(&d.kind),
                Cell::opt_text(Some(&d.description)),
            ]
        })
        .collect()
}
