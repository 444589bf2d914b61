//! The GraphQL schema: limits, per-request loaders, and the object types by feature.
//!
//! Resolvers stay thin: they find rows through `store` (batched by [`Loaders`]), read computed
//! figures from `store::facts`, and map them to the objects here. Doc comments become the
//! schema's documentation.

mod account;
mod area;
mod clock;
pub mod cost;
mod edit;
mod entry;
mod history;
mod implementation;
mod measure;
mod note;
mod plan;
mod project;
mod provenance;
mod query;
pub(crate) mod response_cache;
mod scalars;
mod tasks;

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use async_graphql::{EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

pub use clock::Clock;
pub use query::QueryRoot;
pub(crate) use query::{code_at, db, plan_id};

use crate::auth::RequestAuth;
use crate::auth::session::SessionSettings;
pub use crate::store::version::Versions;
pub use response_cache::{Answer, DataVersion, Encoding, Kept, ResponseCache};
pub use tasks::RequestTasks;

use crate::entity as e;
use crate::store::ByColumn;
use std::sync::Arc;

use crate::store::facts::PlanFacts;

/// Every query: the published plan ([`QueryRoot`]), accounts, and what entering data needs.
#[derive(MergedObject, Default)]
pub struct Query(
    QueryRoot,
    account::AccountQuery,
    entry::EntryQuery,
    note::NoteQuery,
    history::HistoryQuery,
);

/// Every mutation: signing in, accounts, entering data, editing the plan.
#[derive(MergedObject, Default)]
pub struct Mutation(
    account::AccountMutation,
    entry::EntryMutation,
    project::ProjectMutation,
    note::NoteMutation,
    edit::EditMutation,
);

/// The schema type served at `/graphql`.
pub type ApiSchema = Schema<Query, Mutation, EmptySubscription>;

/// Builds the schema with its limits. Introspection stays on: ad-hoc queries are a feature.
///
/// The limits that matter are [`cost`]'s, checked by the HTTP layer before a request reaches
/// the schema, in time linear in the document. async-graphql's own depth and nesting checks stay
/// as a second line (they expand fragments, so they only ever see documents `cost` let through).
///
/// `clock` says what today is (milestones' default `asOf`); the response cache must get the same
/// clock, so kept answers are keyed by the date it gives.
///
/// `versions` is every plan's revision as this process knows it (kept current by
/// [`Versions::follow`]); writes raise them, facts and kept answers compare them.
pub fn schema(
    db: DatabaseConnection,
    versions: Versions,
    sessions: SessionSettings,
    clock: Clock,
) -> ApiSchema {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .data(db)
        .data(sessions)
        .data(clock)
        .data(FactsCache::new(versions.clone()))
        .data(versions)
        .limit_depth(cost::MAX_DEPTH)
        .limit_recursive_depth(64)
        .limit_directives(16)
        .finish()
}

/// Executes one request of `caller` with its own loaders, their fetches batched on the
/// request's task.
pub async fn execute(
    schema: &ApiSchema,
    db: &DatabaseConnection,
    caller: RequestAuth,
    request: async_graphql::Request,
) -> async_graphql::Response {
    let tasks = RequestTasks::default();
    let request = request.data(Loaders::new(db, &tasks)).data(caller);
    tasks.run(schema.execute(request)).await
}

/// The SDL of the schema as async-graphql prints it.
pub fn plain_sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .finish()
        .sdl()
}

/// The SDL of the schema with every list's size and every weight of [`cost`], as checked into
/// `schema.graphql`.
pub fn sdl() -> String {
    cost::annotate_sdl(&plain_sdl())
}

/// One DataLoader per parent–child relation, made anew for every request so nothing is cached
/// across requests. Their fetches run on the request's [`RequestTasks`], so a batch collects the
/// keys of every resolver of a nesting level with no timer delay.
pub struct Loaders {
    pub plans: DataLoader<ByColumn<e::plan::Entity>, HashMapCache>,
    pub areas_by_plan: DataLoader<ByColumn<e::area::Entity>, HashMapCache>,
    pub documents_by_plan: DataLoader<ByColumn<e::document::Entity>, HashMapCache>,
    pub documents: DataLoader<ByColumn<e::document::Entity>, HashMapCache>,
    pub action_plans_by_plan: DataLoader<ByColumn<e::action_plan::Entity>, HashMapCache>,
    pub target_groups_by_area: DataLoader<ByColumn<e::target_group::Entity>, HashMapCache>,
    pub strategic_goals_by_area: DataLoader<ByColumn<e::strategic_goal::Entity>, HashMapCache>,
    pub specific_goals_by_strategic_goal:
        DataLoader<ByColumn<e::specific_goal::Entity>, HashMapCache>,
    pub indicators_by_goal: DataLoader<ByColumn<e::impact_indicator::Entity>, HashMapCache>,
    pub values_by_indicator: DataLoader<ByColumn<e::indicator_value::Entity>, HashMapCache>,
    pub summaries_by_goal: DataLoader<ByColumn<e::summary::Entity>, HashMapCache>,
    pub measures_by_goal: DataLoader<ByColumn<e::measure::Entity>, HashMapCache>,
    pub measures_by_area: DataLoader<ByColumn<e::measure::Entity>, HashMapCache>,
    pub outputs_by_measure: DataLoader<ByColumn<e::output_indicator::Entity>, HashMapCache>,
    pub fundings_by_measure: DataLoader<ByColumn<e::measure_funding::Entity>, HashMapCache>,
    pub links_by_measure: DataLoader<ByColumn<e::measure_link::Entity>, HashMapCache>,
    pub statuses_by_measure: DataLoader<ByColumn<e::measure_status::Entity>, HashMapCache>,
    pub projects_by_measure: DataLoader<ByColumn<e::project::Entity>, HashMapCache>,
    pub allocations_by_measure: DataLoader<ByColumn<e::allocation::Entity>, HashMapCache>,
    pub organisations: DataLoader<ByColumn<e::organisation::Entity>, HashMapCache>,
    pub organisations_by_plan: DataLoader<ByColumn<e::organisation::Entity>, HashMapCache>,
    pub statuses_by_organisation: DataLoader<ByColumn<e::measure_status::Entity>, HashMapCache>,
    pub measures: DataLoader<ByColumn<e::measure::Entity>, HashMapCache>,
    pub specific_goals: DataLoader<ByColumn<e::specific_goal::Entity>, HashMapCache>,
    pub strategic_goals: DataLoader<ByColumn<e::strategic_goal::Entity>, HashMapCache>,
    pub areas: DataLoader<ByColumn<e::area::Entity>, HashMapCache>,
    pub global_by_plan: DataLoader<ByColumn<e::global_indicator::Entity>, HashMapCache>,
    pub global_values: DataLoader<ByColumn<e::global_indicator_value::Entity>, HashMapCache>,
    pub context_by_plan: DataLoader<ByColumn<e::context_indicator::Entity>, HashMapCache>,
    pub milestones_by_action_plan: DataLoader<ByColumn<e::milestone::Entity>, HashMapCache>,
    pub risks_by_action_plan: DataLoader<ByColumn<e::risk::Entity>, HashMapCache>,
    pub conflicts_by_plan: DataLoader<ByColumn<e::conflict::Entity>, HashMapCache>,
    pub statements_by_plan: DataLoader<ByColumn<e::statement::Entity>, HashMapCache>,
    pub headlines_by_plan: DataLoader<ByColumn<e::headline::Entity>, HashMapCache>,
    /// Computed `PlanFacts`, every plan of a request's level in one batch.
    pub facts: DataLoader<FactsBatch, HashMapCache>,
    facts_cache: Arc<std::sync::OnceLock<Option<FactsCache>>>,
    /// One cell per plan, so resolvers asking while its batch is in flight wait for it
    /// instead of starting another (the loader's cache fills only when a batch ends).
    facts_cells: std::sync::Mutex<HashMap<i32, Arc<tokio::sync::OnceCell<Arc<PlanFacts>>>>>,
}

impl Loaders {
    pub fn new(db: &DatabaseConnection, tasks: &RequestTasks) -> Loaders {
        macro_rules! by {
            ($entity:ident, $col:ident, $order:ident) => {
                DataLoader::with_cache(
                    ByColumn::<e::$entity::Entity>::new(
                        db.clone(),
                        e::$entity::Column::$col,
                        e::$entity::Column::$order,
                    ),
                    tasks.spawner(),
                    HashMapCache::default(),
                )
                .delay(std::time::Duration::ZERO)
            };
        }
        let facts_cache = Arc::new(std::sync::OnceLock::new());
        Loaders {
            plans: by!(plan, Id, Id),
            areas_by_plan: by!(area, PlanId, SortKey),
            documents_by_plan: by!(document, PlanId, Id),
            documents: by!(document, Id, Id),
            action_plans_by_plan: by!(action_plan, PlanId, Number),
            target_groups_by_area: by!(target_group, AreaId, Position),
            strategic_goals_by_area: by!(strategic_goal, AreaId, SortKey),
            specific_goals_by_strategic_goal: by!(specific_goal, StrategicGoalId, SortKey),
            indicators_by_goal: by!(impact_indicator, SpecificGoalId, Position),
            values_by_indicator: by!(indicator_value, ImpactIndicatorId, RefDate),
            summaries_by_goal: by!(summary, SpecificGoalId, Year),
            measures_by_goal: by!(measure, SpecificGoalId, SortKey),
            measures_by_area: by!(measure, AreaId, SortKey),
            outputs_by_measure: by!(output_indicator, MeasureId, Position),
            fundings_by_measure: by!(measure_funding, MeasureId, Position),
            links_by_measure: by!(measure_link, MeasureId, Position),
            statuses_by_measure: by!(measure_status, MeasureId, Position),
            projects_by_measure: by!(project, MeasureId, RegistrationNumber),
            allocations_by_measure: by!(allocation, MeasureId, Id),
            organisations: by!(organisation, Id, Id),
            organisations_by_plan: by!(organisation, PlanId, Name),
            statuses_by_organisation: by!(measure_status, OrganisationId, Position),
            measures: by!(measure, Id, SortKey),
            specific_goals: by!(specific_goal, Id, SortKey),
            strategic_goals: by!(strategic_goal, Id, SortKey),
            areas: by!(area, Id, SortKey),
            global_by_plan: by!(global_indicator, PlanId, Position),
            global_values: by!(global_indicator_value, GlobalIndicatorId, Position),
            context_by_plan: by!(context_indicator, PlanId, Position),
            milestones_by_action_plan: by!(milestone, ActionPlanId, Position),
            risks_by_action_plan: by!(risk, ActionPlanId, Position),
            conflicts_by_plan: by!(conflict, PlanId, Id),
            statements_by_plan: by!(statement, PlanId, Id),
            headlines_by_plan: by!(headline, PlanId, Position),
            facts: DataLoader::with_cache(
                FactsBatch {
                    db: db.clone(),
                    cache: facts_cache.clone(),
                },
                tasks.spawner(),
                HashMapCache::default(),
            )
            .delay(std::time::Duration::ZERO),
            facts_cache,
            facts_cells: std::sync::Mutex::new(HashMap::new()),
        }
    }
}

/// Today as the request's schema sees it (its [`Clock`]).
pub(crate) fn today(ctx: &async_graphql::Context<'_>) -> shared::Date {
    ctx.data_opt::<Clock>()
        .map_or_else(|| Clock::system().today(), Clock::today)
}

/// The rows of `key` from a [`ByColumn`] loader, empty when there are none.
pub(crate) async fn children<E>(
    loader: &DataLoader<ByColumn<E>, HashMapCache>,
    key: i32,
) -> crate::error::ApiResult<Vec<E::Model>>
where
    E: sea_orm::EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync + 'static,
    E::Column: Send + Sync + 'static,
{
    Ok(shared_children(loader, key).await?.to_vec())
}

/// The rows of `key` from a [`ByColumn`] loader as the request holds them, not copied: for
/// large groups that many resolvers look through (a plan's statements and conflicts).
pub(crate) async fn shared_children<E>(
    loader: &DataLoader<ByColumn<E>, HashMapCache>,
    key: i32,
) -> crate::error::ApiResult<Arc<[E::Model]>>
where
    E: sea_orm::EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync + 'static,
    E::Column: Send + Sync + 'static,
{
    Ok(loader
        .load_one(key)
        .await
        .map_err(crate::error::ApiError::from)?
        .unwrap_or_else(|| Arc::from([])))
}

/// The one row of `key` from a [`ByColumn`] loader keyed by id.
pub(crate) async fn one<E>(
    loader: &DataLoader<ByColumn<E>, HashMapCache>,
    key: i32,
) -> crate::error::ApiResult<Option<E::Model>>
where
    E: sea_orm::EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync + 'static,
    E::Column: Send + Sync + 'static,
{
    Ok(children(loader, key).await?.into_iter().next())
}

/// Every plan's revision as this process knows it.
pub(crate) fn versions<'a>(ctx: &async_graphql::Context<'a>) -> &'a Versions {
    ctx.data_unchecked::<Versions>()
}

/// Who is asking; anonymous when the HTTP layer gave no caller (in-process benchmarks).
pub(crate) fn auth<'a>(ctx: &async_graphql::Context<'a>) -> &'a RequestAuth {
    static ANONYMOUS: std::sync::LazyLock<RequestAuth> =
        std::sync::LazyLock::new(RequestAuth::default);
    ctx.data_opt::<RequestAuth>().unwrap_or(&ANONYMOUS)
}

/// How sessions live.
pub(crate) fn session_settings(ctx: &async_graphql::Context<'_>) -> SessionSettings {
    ctx.data_opt::<SessionSettings>()
        .copied()
        .unwrap_or_default()
}

/// The request's loaders.
pub(crate) fn loaders<'a>(ctx: &async_graphql::Context<'a>) -> &'a Loaders {
    ctx.data_unchecked::<Loaders>()
}

/// Computed [`PlanFacts`] kept across requests, each with the plan revision it was computed at.
///
/// A request takes the plan's `revision` from [`Versions`] (no statement) and reuses the cached
/// figures of that revision; every write raises the revision in its transaction and every
/// instance learns it (`store::version`), so no instance serves figures older than the data.
#[derive(Clone)]
pub struct FactsCache {
    facts: Arc<std::sync::Mutex<CachedFacts>>,
    versions: Versions,
}

/// Cached facts by plan id, with the revision they were computed at.
type CachedFacts = std::collections::HashMap<i32, (i64, Arc<PlanFacts>)>;

impl FactsCache {
    pub fn new(versions: Versions) -> FactsCache {
        FactsCache {
            facts: Arc::default(),
            versions,
        }
    }

    fn get(&self, plan_id: i32, revision: i64) -> Option<Arc<PlanFacts>> {
        let map = self
            .facts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(&plan_id)
            .filter(|(r, _)| *r == revision)
            .map(|(_, f)| f.clone())
    }

    fn put(&self, plan_id: i32, revision: i64, facts: Arc<PlanFacts>) {
        let mut map = self
            .facts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.insert(plan_id, (revision, facts));
    }
}

/// Loads the facts of every plan a request asks about in one batch: their revisions in one
/// statement, the cached facts of unchanged plans, and the rest with one
/// [`PlanFacts::load_many`]. Facts computed while a write landed are not cached (the revision
/// read before and after differs).
pub struct FactsBatch {
    db: DatabaseConnection,
    /// The schema's cache, handed over by the first resolver that asks (see [`facts`]).
    cache: Arc<std::sync::OnceLock<Option<FactsCache>>>,
}

impl Loader<i32> for FactsBatch {
    type Value = Arc<PlanFacts>;
    type Error = Arc<sea_orm::DbErr>;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let db = &self.db;
        let Some(cache) = self.cache.get().cloned().flatten() else {
            let loaded = PlanFacts::load_many(db, keys).await.map_err(Arc::new)?;
            return Ok(loaded
                .into_iter()
                .map(|(id, f)| (id, Arc::new(f)))
                .collect());
        };
        let before = cache
            .versions
            .revisions_of(db, keys)
            .await
            .map_err(Arc::new)?;
        let mut out = HashMap::new();
        let mut missing = Vec::new();
        for id in keys {
            let Some(revision) = before.get(id) else {
                continue;
            };
            match cache.get(*id, *revision) {
                Some(facts) => {
                    out.insert(*id, facts);
                }
                None => missing.push(*id),
            }
        }
        if missing.is_empty() {
            return Ok(out);
        }
        let loaded = PlanFacts::load_many(db, &missing).await.map_err(Arc::new)?;
        let after = cache
            .versions
            .revisions_of(db, &missing)
            .await
            .map_err(Arc::new)?;
        for (id, facts) in loaded {
            let facts = Arc::new(facts);
            if let Some(revision) = before.get(&id).filter(|r| after.get(&id) == Some(*r)) {
                cache.put(id, *revision, facts.clone());
            }
            out.insert(id, facts);
        }
        Ok(out)
    }
}

/// The request's facts of a plan, loaded once however many resolvers ask, and together with
/// every other plan the same level of the query asks about.
pub(crate) async fn facts(
    ctx: &async_graphql::Context<'_>,
    plan_id: i32,
) -> crate::error::ApiResult<Arc<PlanFacts>> {
    let all = loaders(ctx);
    all.facts_cache
        .get_or_init(|| ctx.data_opt::<FactsCache>().cloned());
    let cell = {
        let mut cells = all
            .facts_cells
            .lock()
            .map_err(|_| crate::error::ApiError::Internal)?;
        cells.entry(plan_id).or_default().clone()
    };
    let facts = cell
        .get_or_try_init(|| async {
            all.facts
                .load_one(plan_id)
                .await
                .map_err(crate::error::ApiError::from)?
                .ok_or_else(|| crate::error::ApiError::not_found(format!("plan {plan_id}")))
        })
        .await?;
    Ok(facts.clone())
}
