//! A target's history as the goal page lists it: the plan's own target, then each revision in
//! force from its date, oldest first, the one in force today marked.

use shared::Date;

use crate::model::TargetRevision;

/// One target in the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The first day it is in force; `None` for the plan's own.
    pub from: Option<Date>,
    pub value: Option<f64>,
    /// Why it changed (revisions only).
    pub reason: Option<String>,
    /// Whether it is the target in force today (the latest).
    pub in_force: bool,
}

/// The plan's target and its revisions by date; empty when the target was never revised
/// (the page then shows the target alone).
pub fn history(plan: Option<f64>, revisions: &[TargetRevision]) -> Vec<Step> {
    if revisions.is_empty() {
        return Vec::new();
    }
    let mut sorted: Vec<&TargetRevision> = revisions.iter().collect();
    sorted.sort_by_key(|r| r.valid_from);
    let mut steps = vec![Step {
        from: None,
        value: plan,
        reason: None,
        in_force: false,
    }];
    steps.extend(sorted.iter().map(|r| Step {
        from: Some(r.valid_from),
        value: r.target,
        reason: Some(r.reason.clone()),
        in_force: false,
    }));
    if let Some(last) = steps.last_mut() {
        last.in_force = true;
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision(from: (i32, u8, u8), value: f64) -> TargetRevision {
        TargetRevision {
            id: 1,
            version: 1,
            valid_from: Date::new(from.0, from.1, from.2).expect("date"),
            target: Some(value),
            target_text: None,
            reason: format!("Revize na {value}"),
        }
    }

    #[test]
    fn an_unrevised_target_has_no_history() {
        assert!(history(Some(900.0), &[]).is_empty());
    }

    #[test]
    fn revisions_follow_the_plans_target_by_date_the_latest_in_force() {
        let h = history(
            Some(900.0),
            &[
                revision((2026, 1, 1), 1200.0),
                revision((2025, 7, 1), 1000.0),
            ],
        );
        let values: Vec<_> = h.iter().map(|s| (s.value, s.in_force)).collect();
        assert_eq!(
            values,
            [
                (Some(900.0), false),
                (Some(1000.0), false),
                (Some(1200.0), true)
            ]
        );
        assert_eq!(h[0].from, None);
        assert_eq!(h[0].reason, None);
        assert_eq!(h[2].reason.as_deref(), Some("Revize na 1200"));
    }
}
