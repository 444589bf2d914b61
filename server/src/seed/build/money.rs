//! Rows of the money tables: Tabulka 5 (financing), Tabulka 6 (KPSV+ allocation), annex A (projects).

use std::collections::{BTreeMap, HashMap};

use shared::money::Total;
use shared::parse::{self};

use super::*;
use crate::seed::format::{
    AllocationRec, AllocationTotals, FinancingRec, ProjectRec, ProjectTotals,
};

impl Builder<'_> {
    /// The three money tables, each row a statement beside the cards', each table's printed
    /// totals beside the sums of its rows.
    pub(super) fn financing(
        &mut self,
        files: &PlanFiles,
        measure_ids: &HashMap<String, i32>,
        orgs: &mut HashMap<String, i32>,
        report_doc: &str,
    ) {
        let f = &files.financing;
        for row in &f.financing {
            self.financing_row(row, measure_ids);
        }
        let mut allocated: BTreeMap<String, Total> = BTreeMap::new();
        for row in &f.allocation {
            self.allocation(row, measure_ids, &mut allocated);
        }
        self.allocation_totals(&f.allocation_totals, &allocated);
        let mut drawn: BTreeMap<&'static str, Total> = BTreeMap::new();
        for p in &f.project {
            self.project(p, measure_ids, orgs, report_doc, &mut drawn);
        }
        self.project_totals(&f.project_totals, &drawn, report_doc);
    }

    /// A row of Tabulka 5: the measure's service type, and its code, name, cost and funding as
    /// the table prints them.
    fn financing_row(&mut self, row: &FinancingRec, measure_ids: &HashMap<String, i32>) {
        let Some(&id) = measure_ids.get(&row.measure) else {
            self.problem(format!("Tabulka 5 row of unknown measure {}", row.measure));
            return;
        };
        let social = row.service.trim() != "Aktivita";
        if let Some(m) = self.seed.measures.iter_mut().find(|m| m.id == id) {
            m.service_type = Some(row.service.clone());
            m.is_social_service = social;
        }
        let unknown = parse::funding_unknown(&row.funding);
        if !unknown.is_empty() {
            self.problem(format!(
                "Tabulka 5, {}: unknown funding sources {unknown:?}",
                row.measure
            ));
        }
        let cost = self.cost(&row.cost, &row.measure);
        self.statement(
            "measure",
            &row.measure,
            "code",
            &row.measure,
            code_key(&row.measure),
            None,
            "ap1",
            "Tabulka 5",
        );
        self.text_statement(
            ("measure", &row.measure),
            "name",
            &row.name,
            "ap1",
            "Tabulka 5",
        );
        self.statement(
            "measure",
            &row.measure,
            "estimated_cost",
            &row.cost,
            cost_key(&cost),
            None,
            "ap1",
            "Tabulka 5",
        );
        self.statement(
            "measure",
            &row.measure,
            "funding",
            &row.funding,
            funding_key(&row.funding),
            None,
            "ap1",
            "Tabulka 5",
        );
    }

    /// A row of Tabulka 6; an amount not in brackets adds to its programme's sum in `allocated`.
    fn allocation(
        &mut self,
        row: &AllocationRec,
        measure_ids: &HashMap<String, i32>,
        allocated: &mut BTreeMap<String, Total>,
    ) {
        let Some(&id) = measure_ids.get(&row.measure) else {
            self.problem(format!("Tabulka 6 row of unknown measure {}", row.measure));
            return;
        };
        let cost = self.cost(&row.amount, &row.measure);
        let Some(amount) = cost.amount else {
            self.problem(format!(
                "Tabulka 6, {}: no amount in `{}`",
                row.measure, row.amount
            ));
            return;
        };
        if !cost.bracketed {
            allocated
                .entry(row.programme.clone())
                .or_default()
                .add(amount);
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
        self.statement(
            "measure",
            &row.measure,
            "estimated_cost",
            &row.amount,
            cost_key(&cost),
            None,
            "ap1",
            "Tabulka 6",
        );
    }

    /// Tabulka 6's printed totals beside the sums of its rows.
    fn allocation_totals(&mut self, t: &AllocationTotals, allocated: &BTreeMap<String, Total>) {
        let opz = allocated.get("OPZ+").copied().unwrap_or_default();
        let irop = allocated.get("IROP").copied().unwrap_or_default();
        for (field, printed, computed) in [
            ("total:OPZ+", &t.opz, opz),
            ("total:IROP", &t.irop, irop),
            ("total", &t.total, opz.plus_total(irop)),
        ] {
            let printed_cost = self.cost(printed, "Tabulka 6");
            self.statement(
                "allocation_table",
                "ap1",
                field,
                printed,
                cost_key(&printed_cost),
                None,
                "ap1",
                "Tabulka 6, řádek celkem",
            );
            let Ok(computed) = computed.get() else {
                self.problem(format!("Tabulka 6, {field}: the sum of the rows overflows"));
                continue;
            };
            let shown = shared::format::czk(computed, shared::format::Lang::Cs);
            self.statement(
                "allocation_table",
                "ap1",
                field,
                &shown,
                computed.hellers().to_string(),
                None,
                "ap1",
                "Tabulka 6, součet řádků (vypočteno)",
            );
        }
    }

    /// A project of annex A; its budget adds to its programme's sum in `drawn`.
    fn project(
        &mut self,
        p: &ProjectRec,
        measure_ids: &HashMap<String, i32>,
        orgs: &mut HashMap<String, i32>,
        report_doc: &str,
        drawn: &mut BTreeMap<&'static str, Total>,
    ) {
        let Some(&measure_id) = measure_ids.get(&p.measure) else {
            self.problem(format!("annex A project of unknown measure {}", p.measure));
            return;
        };
        let reg = match parse::registration_number(&p.registration) {
            Ok(r) => r,
            Err(e) => {
                self.problem(e.to_string());
                return;
            }
        };
        let budget = match parse::czk(&p.budget) {
            Ok(b) => b,
            Err(e) => {
                self.problem(e.to_string());
                return;
            }
        };
        let Some(programme) = programme_of_call(&p.call) else {
            self.problem(format!(
                "annex A, {}: unknown programme in call `{}`",
                p.measure, p.call
            ));
            return;
        };
        drawn.entry(programme).or_default().add(budget);
        let organisation_id = self.organisation(&p.implementer, orgs);
        let (period_from, period_to) = self.project_period(measure_id);
        let document_id = self.doc(report_doc);
        let id = self.ids.next("project");
        self.seed.projects.push(project::Model {
            version: 1,
            published: true,
            replaces_id: None,
            id,
            measure_id,
            organisation_id,
            registration_number: reg.as_str().to_owned(),
            call: p.call.clone(),
            call_number: i32::from(reg.call()),
            programme: programme.to_owned(),
            budget: budget.hellers(),
            budget_text: p.budget.clone(),
            period_from,
            period_to,
            document_id,
            locator: "příloha A".into(),
        });
        for (field, value, key) in [
            ("implementer", &p.implementer, org_key(&p.implementer)),
            ("code", &p.measure, code_key(&p.measure)),
        ] {
            self.statement(
                "measure",
                &p.measure,
                field,
                value,
                key,
                None,
                report_doc,
                "příloha A",
            );
        }
    }

    /// The project period is the one annex B prints for the measure's project row.
    fn project_period(&self, measure_id: i32) -> (Option<String>, Option<String>) {
        self.seed
            .statuses
            .iter()
            .find(|s| {
                s.measure_id == measure_id
                    && s.period_from.is_some()
                    && s.status != "NOT_IMPLEMENTED"
            })
            .map(|s| (s.period_from.clone(), s.period_to.clone()))
            .unwrap_or((None, None))
    }

    /// Annex A's printed totals beside the sums of its rows.
    fn project_totals(
        &mut self,
        t: &ProjectTotals,
        drawn: &BTreeMap<&'static str, Total>,
        report_doc: &str,
    ) {
        let opz = drawn.get("OPZ+").copied().unwrap_or_default();
        let irop = drawn.get("IROP").copied().unwrap_or_default();
        for (field, printed, computed) in [
            ("total:OPZ+", &t.opz, opz),
            ("total:IROP", &t.irop, irop),
            ("total", &t.kpsv, opz.plus_total(irop)),
        ] {
            match parse::czk(printed) {
                Ok(p) => self.statement(
                    "project_table",
                    report_doc,
                    field,
                    printed,
                    p.hellers().to_string(),
                    None,
                    report_doc,
                    "příloha A, řádek Celkem",
                ),
                Err(e) => self.problem(e.to_string()),
            }
            let Ok(computed) = computed.get() else {
                self.problem(format!("annex A, {field}: the sum of the rows overflows"));
                continue;
            };
            let shown = shared::format::czk(computed, shared::format::Lang::Cs);
            self.statement(
                "project_table",
                report_doc,
                field,
                &shown,
                computed.hellers().to_string(),
                None,
                report_doc,
                "příloha A, součet řádků (vypočteno)",
            );
        }
    }
}

/// The operational programme a call of annex A belongs to.
fn programme_of_call(call: &str) -> Option<&'static str> {
    if call.contains("IROP") {
        Some("IROP")
    } else if call.contains("OPZ") {
        Some("OPZ+")
    } else {
        None
    }
}
