//! The overview page (`/`): every plan with its action plans and its thematic areas.
//!
//! A first, minimal version of the dashboard: it proves the path from the browser through
//! `/graphql` and back, with the loading, error and empty states every fetched view has.

use leptos::prelude::*;
use serde::Deserialize;
use shared::Code;

use crate::api::{ClientError, post_graphql};
use crate::components::ErrorView;

/// The GraphQL document this page sends.
const PLANS_QUERY: &str = "{ plans { slug name actionPlans { name } areas { code name } } }";

/// The `data` of [`PLANS_QUERY`].
#[derive(Debug, Clone, Deserialize)]
struct PlansData {
    plans: Vec<Plan>,
}

/// A social inclusion plan, as the overview shows it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    slug: String,
    name: String,
    action_plans: Vec<ActionPlan>,
    areas: Vec<Area>,
}

/// An action plan of a plan; only its name for now.
#[derive(Debug, Clone, Deserialize)]
struct ActionPlan {
    name: String,
}

/// A thematic area (1 Bydlení … 6 Zdraví).
#[derive(Debug, Clone, Deserialize)]
struct Area {
    code: Code,
    name: String,
}

/// Loads the plans, areas in code order.
async fn load_plans() -> Result<Vec<Plan>, ClientError> {
    let data: PlansData = post_graphql(PLANS_QUERY, None).await?;
    let mut plans = data.plans;
    for plan in &mut plans {
        plan.areas.sort_by(|a, b| a.code.cmp(&b.code));
    }
    Ok(plans)
}

/// The overview: a heading, then the plans once they have loaded.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let plans = LocalResource::new(load_plans);
    view! {
        <h1>"Plán sociálního začleňování"</h1>
        <p class="lead">"Přehled plánů, jejich akčních plánů a tematických oblastí."</p>
        <Transition fallback=|| {
            view! {
                <p class="notice" role="status" aria-live="polite">
                    "Načítání…"
                </p>
            }
        }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors /> }>
                {move || Suspend::new(async move {
                    plans.await.map(|plans| {
                        if plans.is_empty() {
                            view! {
                                <p class="notice">"Zatím nejsou zveřejněny žádné plány."</p>
                            }
                                .into_any()
                        } else {
                            plans
                                .into_iter()
                                .map(|plan| view! { <PlanSummary plan /> })
                                .collect_view()
                                .into_any()
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// One plan: its name, its action plans and its areas as a list of code and name.
#[component]
fn PlanSummary(plan: Plan) -> impl IntoView {
    let heading_id = format!("plan-{}", plan.slug);
    let labelled_by = heading_id.clone();
    let action_plans = plan
        .action_plans
        .into_iter()
        .map(|action_plan| action_plan.name)
        .collect::<Vec<_>>()
        .join(", ");
    let areas = if plan.areas.is_empty() {
        view! { <p>"Plán zatím nemá žádné tematické oblasti."</p> }.into_any()
    } else {
        view! {
            <ol class="areas">
                {plan
                    .areas
                    .into_iter()
                    .map(|area| {
                        view! {
                            <li>
                                <span class="area-code">{area.code.to_string()}</span>
                                <span class="area-name">{area.name}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="plan" aria-labelledby=labelled_by>
            <h2 id=heading_id>{plan.name}</h2>
            {(!action_plans.is_empty())
                .then(|| view! { <p class="action-plans">"Akční plány: " {action_plans}</p> })}
            <h3>"Tematické oblasti"</h3>
            {areas}
        </section>
    }
}
