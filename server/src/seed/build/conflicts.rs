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
}
