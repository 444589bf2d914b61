//! Conflicts: the statements that disagree, with a Czech description naming every source.

use std::collections::HashMap;

use shared::conflict::{self as rules};
use shared::format::Lang;

use super::*;

impl Builder<'_> {
    pub(super) fn detect_conflicts(&mut self) {
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
        let by_id: HashMap<i32, &statement::Model> =
            self.seed.statements.iter().map(|s| (s.id, s)).collect();
        let titles: HashMap<i32, &str> = self
            .docs
            .values()
            .map(|(id, t)| (*id, t.as_str()))
            .collect();
        let mut rows = Vec::new();
        for c in found {
            let sides: Vec<String> = c
                .statement_ids
                .iter()
                .filter_map(|id| by_id.get(&(*id as i32)))
                .map(|s| {
                    format!(
                        "„{}“ ({}, {})",
                        s.value_text,
                        titles.get(&s.document_id).copied().unwrap_or(""),
                        s.locator
                    )
                })
                .collect();
            let description = format!(
                "{} – {}: {}",
                shared::conflict::subject_label(&c.subject_type, &c.subject_code, Lang::Cs),
                shared::conflict::field_label(&c.field, Lang::Cs),
                sides.join(" × ")
            );
            rows.push((
                c.subject_type,
                c.subject_code,
                c.field,
                c.severity,
                description,
            ));
        }
        rows.extend(self.gap_rows(&by_id, &titles));
        for (subject_type, subject_code, field, severity, description) in rows {
            let id = self.ids.next("conflict");
            self.seed.conflicts.push(conflict::Model {
                version: 1,
                id,
                plan_id: self.plan_id,
                subject_type,
                subject_code,
                field,
                severity: severity.as_str().to_owned(),
                description,
                resolved_statement_id: None,
                resolution_reason: None,
            });
        }
    }

    /// The missing counterparts between the Action Plan and the report
    /// (`shared::conflict::gaps`) and the report rows that may belong to another measure
    /// (`misplaced_rows`), as conflicts of severity `GAP` naming the statement they rest on; a
    /// coordinator resolves one with a reason like any conflict.
    fn gap_rows(
        &self,
        by_id: &HashMap<i32, &statement::Model>,
        titles: &HashMap<i32, &str>,
    ) -> Vec<(String, String, String, rules::Severity, String)> {
        let keys: HashMap<i32, &str> = self
            .docs
            .iter()
            .map(|(key, (id, _))| (*id, key.as_str()))
            .collect();
        let sourced: Vec<rules::Sourced<'_>> = self
            .seed
            .statements
            .iter()
            .map(|s| rules::Sourced {
                id: i64::from(s.id),
                subject_type: &s.subject_type,
                subject_code: &s.subject_code,
                field: &s.field,
                document: keys.get(&s.document_id).copied().unwrap_or(""),
                text: &s.value_text,
            })
            .collect();
        let mut found = rules::gaps(&sourced, PLAN_DOCUMENT, REPORT_DOCUMENT);
        found.extend(rules::misplaced_rows(
            &sourced,
            PLAN_DOCUMENT,
            REPORT_DOCUMENT,
        ));
        found
            .into_iter()
            .filter_map(|g| {
                let s = by_id.get(&i32::try_from(g.statement_id).ok()?)?;
                let lacking = match &g.counterpart {
                    Some(other) if g.field == "report_row_number" => {
                        format!("číslo opatření {other}; řádek může patřit k němu")
                    }
                    Some(other) => {
                        format!("název opatření {other} v akčním plánu; řádek může patřit k němu")
                    }
                    None if keys.get(&s.document_id) == Some(&PLAN_DOCUMENT) => {
                        "zpráva o naplňování ho neuvádí".to_owned()
                    }
                    None => "akční plán ho neuvádí".to_owned(),
                };
                let description = format!(
                    "{} – {}: „{}“ ({}, {}) × {lacking}",
                    rules::subject_label(&g.subject_type, &g.subject_code, Lang::Cs),
                    rules::field_label(g.field, Lang::Cs),
                    s.value_text,
                    titles.get(&s.document_id).copied().unwrap_or(""),
                    s.locator,
                );
                Some((
                    g.subject_type,
                    g.subject_code,
                    g.field.to_owned(),
                    rules::Severity::Gap,
                    description,
                ))
            })
            .collect()
    }
}

/// The keys of the Action Plan and of its implementation report among the plan's documents.
const PLAN_DOCUMENT: &str = "ap1";
const REPORT_DOCUMENT: &str = "zprava";
