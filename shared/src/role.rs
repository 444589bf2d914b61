//! The roles of psz-monitor's accounts, as the API and the app name them.

use serde::{Deserialize, Serialize};

/// What an account may do. Anonymous visitors have no role: they read the published plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Manages users and may change everything.
    Admin,
    /// May change everything in the plans they coordinate, and publishes drafts.
    Coordinator,
    /// Enters data of the measures their organisations implement.
    Implementer,
    /// Reads internal notes and unpublished data; changes nothing.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Coordinator,
        Role::Implementer,
        Role::Viewer,
    ];

    /// The stable name used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "ADMIN",
            Role::Coordinator => "COORDINATOR",
            Role::Implementer => "IMPLEMENTER",
            Role::Viewer => "VIEWER",
        }
    }

    pub fn from_db(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    // What a role may do whatever the plan or organisation. `server::auth::policy::allows`
    // builds every answer on these and adds the scoping (which plans, which organisations);
    // the app asks the same methods, so the two never disagree.

    /// Creates and changes accounts.
    pub fn manages_users(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// Changes the plan itself (measure cards, targets, global indicators, milestones, risks,
    /// summaries, conflicts) and publishes drafts.
    pub fn edits_plan(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }

    /// Publishes drafts and proposals: part of editing the plan, the same roles.
    pub fn publishes(self) -> bool {
        self.edits_plan()
    }

    /// Enters monitoring data (values, statuses, projects, notes), at least for some measures.
    pub fn reports(self) -> bool {
        !self.changes_nothing()
    }

    /// Enters data only of the measures its own organisations implement, and names only its
    /// own organisations as implementers.
    pub fn reports_for_own_organisations_only(self) -> bool {
        matches!(self, Role::Implementer)
    }

    /// Reads internal notes, unpublished data of every measure, and the history.
    pub fn reads_internal(self) -> bool {
        !matches!(self, Role::Implementer)
    }

    /// Reads and never writes.
    pub fn changes_nothing(self) -> bool {
        matches!(self, Role::Viewer)
    }

    /// Its rights hold only in the plans the account is bound to (a coordinator's own plans);
    /// the other roles are bound to no plan.
    pub fn bound_to_plans(self) -> bool {
        matches!(self, Role::Coordinator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_db(r.as_str()), Some(r));
        }
        assert_eq!(Role::from_db("admin"), None);
    }

    #[test]
    fn serde_names_are_the_api_names() {
        for r in Role::ALL {
            let json = format!("\"{}\"", r.as_str());
            assert_eq!(serde_json::to_string(&r).unwrap(), json);
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), r);
        }
    }

    #[test]
    fn each_role_has_its_rights() {
        use Role::*;
        // (role, manages users, edits plan, reports, own organisations only, reads internal,
        //  changes nothing, bound to plans)
        let table = [
            (Admin, true, true, true, false, true, false, false),
            (Coordinator, false, true, true, false, true, false, true),
            (Implementer, false, false, true, true, false, false, false),
            (Viewer, false, false, false, false, true, true, false),
        ];
        for (r, users, edits, reports, own, internal, nothing, bound) in table {
            let got = (
                r.manages_users(),
                r.edits_plan(),
                r.reports(),
                r.reports_for_own_organisations_only(),
                r.reads_internal(),
                r.changes_nothing(),
                r.bound_to_plans(),
            );
            assert_eq!(
                got,
                (users, edits, reports, own, internal, nothing, bound),
                "{r:?}"
            );
            assert_eq!(r.publishes(), r.edits_plan(), "{r:?}");
        }
        assert_eq!(table.len(), Role::ALL.len());
    }

    #[test]
    fn rights_are_consistent() {
        for r in Role::ALL {
            // Who manages users edits the plan; who edits the plan reports.
            assert!(!r.manages_users() || r.edits_plan(), "{r:?}");
            assert!(!r.edits_plan() || r.reports(), "{r:?}");
            // A role restricted to its organisations does not edit the plan.
            assert!(
                !r.reports_for_own_organisations_only() || !r.edits_plan(),
                "{r:?}"
            );
            // A role that changes nothing has no write right at all.
            if r.changes_nothing() {
                assert!(
                    !r.manages_users() && !r.edits_plan() && !r.reports(),
                    "{r:?}"
                );
            }
        }
    }
}
