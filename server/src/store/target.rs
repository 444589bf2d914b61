//! Targets in force: an impact indicator's target is the plan's own until a revision
//! (`target_revision`) takes over from its date; the latest revision is the one in force.
//!
//! A revision is never dated after the day it is entered (`graphql::target`), so the latest
//! revision on record is the one in force today, and what is in force depends on the data
//! alone (the facts and kept answers follow the plan's revision, not the calendar).

use sea_orm::sea_query::{Expr, SimpleExpr};

use crate::entity::{impact_indicator, target_revision};

/// Where a revision entered in the app says it comes from (its reason is a field of its own).
pub const LOCATOR: &str = "Revize cíle zadaná v psz-monitor";

/// A target: the number to reach and the words of the plan or the revision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InForce<'a> {
    pub value: Option<f64>,
    pub text: Option<&'a str>,
}

/// The target of `indicator` in force given its `revisions` (any order): the latest
/// revision's, else the plan's own.
pub fn in_force<'a>(
    indicator: &'a impact_indicator::Model,
    revisions: &'a [target_revision::Model],
) -> InForce<'a> {
    revisions
        .iter()
        .max_by(|a, b| a.valid_from.cmp(&b.valid_from))
        .map_or(
            InForce {
                value: indicator.target_value,
                text: indicator.target_text.as_deref(),
            },
            |r| InForce {
                value: r.target_value,
                text: r.target_text.as_deref(),
            },
        )
}

/// The number in force as SQL over a row of `impact_indicator` (the facts read it so): the
/// latest revision's number — null when that revision has none — else the plan's own.
pub fn value_in_force_sql() -> SimpleExpr {
    Expr::cust(
        "CASE WHEN EXISTS (SELECT 1 FROM target_revision r \
             WHERE r.impact_indicator_id = impact_indicator.id) \
         THEN (SELECT r.target_value FROM target_revision r \
             WHERE r.impact_indicator_id = impact_indicator.id \
             ORDER BY r.valid_from DESC LIMIT 1) \
         ELSE impact_indicator.target_value END",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator() -> impact_indicator::Model {
        impact_indicator::Model {
            id: 1,
            specific_goal_id: 1,
            position: 1,
            name: "Počet osob".into(),
            report_name: None,
            note: None,
            is_key: true,
            in_plan: true,
            unit: "osoby".into(),
            target_value: Some(900.0),
            target_text: Some("900 osob".into()),
            version: 1,
        }
    }

    fn revision(id: i32, from: &str, value: Option<f64>) -> target_revision::Model {
        target_revision::Model {
            id,
            impact_indicator_id: 1,
            valid_from: from.into(),
            target_value: value,
            target_text: None,
            reason: "Revize".into(),
            document_id: 1,
            version: 1,
        }
    }

    #[test]
    fn the_latest_revision_is_in_force_else_the_plans_target() {
        let i = indicator();
        assert_eq!(
            in_force(&i, &[]),
            InForce {
                value: Some(900.0),
                text: Some("900 osob")
            }
        );
        let revisions = [
            revision(2, "2026-01-01", Some(1200.0)),
            revision(1, "2025-07-01", Some(1000.0)),
        ];
        assert_eq!(in_force(&i, &revisions).value, Some(1200.0));
        // A revision may take the number away (a target only in words).
        let words = [revision(3, "2026-03-01", None)];
        assert_eq!(
            in_force(&i, &words),
            InForce {
                value: None,
                text: None
            }
        );
    }
}
