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
///
/// What a role may do at all is [`Role`]'s (`shared::role`, which the app asks too); this adds
/// where: a role bound to plans only in its own plans, and a role reporting for its own
/// organisations only for what they implement.
pub fn allows(actor: Option<&Actor>, need: &Need) -> bool {
    let Some(actor) = actor else {
        return false;
    };
    let role = actor.role;
    let in_plan = |plan_id: &i32| !role.bound_to_plans() || actor.plans.contains(plan_id);
    match need {
        Need::ManageUsers => role.manages_users(),
        Need::EditPlan { plan_id } => role.edits_plan() && in_plan(plan_id),
        Need::ReportFor {
            plan_id,
            implementers,
        } => {
            if role.reports_for_own_organisations_only() {
                implementers
                    .iter()
                    .any(|org| actor.organisations.contains(org))
            } else {
                role.reports() && in_plan(plan_id)
            }
        }
        Need::ReadInternal { plan_id } => role.reads_internal() && in_plan(plan_id),
    }
}

/// Whether `actor`, entering data, may name `organisation_id` as the organisation that reports
/// a status or implements a project: a role reporting for its own organisations only those,
/// the others any (the record's measure is checked with [`Need::ReportFor`] first).
pub fn may_name_organisation(actor: &Actor, organisation_id: i32) -> bool {
    !actor.role.reports_for_own_organisations_only()
        || actor.organisations.contains(&organisation_id)
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

    /// The policy and `shared::role` (which the app asks) give the same answers for every
    /// role: in a plan the actor is bound to (plan 1) for its own organisation (10), each need
    /// is exactly the role's right; elsewhere only the scoping takes rights away.
    #[test]
    fn policy_agrees_with_the_shared_role_rights() {
        for role in Role::ALL {
            let a = actor(role);
            let allowed = |need: Need| allows(Some(&a), &need);
            let own = |plan_id| Need::ReportFor {
                plan_id,
                implementers: vec![10],
            };
            let other = |plan_id| Need::ReportFor {
                plan_id,
                implementers: vec![11],
            };
            let unbound = !role.bound_to_plans();
            let any_org = !role.reports_for_own_organisations_only();

            assert_eq!(allowed(Need::ManageUsers), role.manages_users(), "{role:?}");
            assert_eq!(
                allowed(Need::EditPlan { plan_id: 1 }),
                role.edits_plan(),
                "{role:?}"
            );
            assert_eq!(
                allowed(Need::EditPlan { plan_id: 2 }),
                role.edits_plan() && unbound,
                "{role:?}"
            );
            assert_eq!(allowed(own(1)), role.reports(), "{role:?}");
            assert_eq!(allowed(other(1)), role.reports() && any_org, "{role:?}");
            assert_eq!(
                allowed(other(2)),
                role.reports() && any_org && unbound,
                "{role:?}"
            );
            assert_eq!(
                allowed(Need::ReadInternal { plan_id: 1 }),
                role.reads_internal(),
                "{role:?}"
            );
            assert_eq!(
                allowed(Need::ReadInternal { plan_id: 2 }),
                role.reads_internal() && unbound,
                "{role:?}"
            );
            // Publishing drafts needs `EditPlan`: the app's `publishes` is the same answer.
            assert_eq!(
                allowed(Need::EditPlan { plan_id: 1 }),
                role.publishes(),
                "{role:?}"
            );
            // A role that changes nothing is allowed no write anywhere.
            if role.changes_nothing() {
                assert!(!allowed(Need::ManageUsers), "{role:?}");
                assert!(!allowed(Need::EditPlan { plan_id: 1 }), "{role:?}");
                assert!(!allowed(own(1)), "{role:?}");
            }
            assert!(may_name_organisation(&a, 10), "{role:?}");
            assert_eq!(may_name_organisation(&a, 11), any_org, "{role:?}");
        }
    }
}
