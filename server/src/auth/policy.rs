//! Who may do what: one plain function over the signed-in [`Actor`] and what a write or read
//! [`Need`]s. Resolvers ask it before they touch the database; the matrix test in
//! `tests/tests/api/roles.rs` checks every mutation against every role.

use shared::role::Role;

/// A signed-in user as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Plans a coordinator coordinates.
    pub plans: Vec<i32>,
    /// Organisations an implementer reports for.
    pub organisations: Vec<i32>,
}

/// What an operation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Creating and changing accounts.
    ManageUsers,
    /// Changing the plan itself: measure cards, targets, global indicators, milestones, risks,
    /// summaries, conflicts; and publishing drafts.
    EditPlan { plan_id: i32 },
    /// Entering monitoring data of something the given organisations implement (a measure, or
    /// a specific goal through its measures).
    ReportFor {
        plan_id: i32,
        implementers: Vec<i32>,
    },
    /// Reading internal notes and unpublished data of a plan.
    ReadInternal { plan_id: i32 },
}

/// Whether `actor` (or an anonymous visitor, `None`) may do what `need` describes.
pub fn allows(actor: Option<&Actor>, need: &Need) -> bool {
    let Some(actor) = actor else {
        return false;
    };
    let coordinates = |plan_id: &i32| actor.plans.contains(plan_id);
    match (actor.role, need) {
        (Role::Admin, _) => true,
        (_, Need::ManageUsers) => false,
        (Role::Coordinator, Need::EditPlan { plan_id })
        | (Role::Coordinator, Need::ReportFor { plan_id, .. })
        | (Role::Coordinator, Need::ReadInternal { plan_id }) => coordinates(plan_id),
        (Role::Implementer, Need::ReportFor { implementers, .. }) => implementers
            .iter()
            .any(|org| actor.organisations.contains(org)),
        (Role::Implementer, Need::ReadInternal { .. }) => false,
        (Role::Viewer, Need::ReadInternal { .. }) => true,
        (Role::Implementer | Role::Viewer, Need::EditPlan { .. })
        | (Role::Viewer, Need::ReportFor { .. }) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 1,
            email: "a@b.cz".into(),
            name: "A".into(),
            role,
            plans: vec![1],
            organisations: vec![10],
        }
    }

    #[test]
    fn each_role_gets_exactly_its_share() {
        let needs = [
            Need::ManageUsers,
            Need::EditPlan { plan_id: 1 },
            Need::EditPlan { plan_id: 2 },
            Need::ReportFor {
                plan_id: 1,
                implementers: vec![10, 11],
            },
            Need::ReportFor {
                plan_id: 1,
                implementers: vec![11],
            },
            Need::ReportFor {
                plan_id: 2,
                implementers: vec![],
            },
            Need::ReadInternal { plan_id: 1 },
            Need::ReadInternal { plan_id: 2 },
        ];
        let expect = |role: Option<Role>| -> Vec<bool> {
            match role {
                None => vec![false; 8],
                Some(Role::Admin) => vec![true; 8],
                Some(Role::Coordinator) => {
                    vec![false, true, false, true, true, false, true, false]
                }
                Some(Role::Implementer) => {
                    vec![false, false, false, true, false, false, false, false]
                }
                Some(Role::Viewer) => vec![false, false, false, false, false, false, true, true],
            }
        };
        for role in [None].into_iter().chain(Role::ALL.map(Some)) {
            let a = role.map(actor);
            let got: Vec<bool> = needs.iter().map(|n| allows(a.as_ref(), n)).collect();
            assert_eq!(got, expect(role), "{role:?}");
        }
    }
}
