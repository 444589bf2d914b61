//! The GraphQL schema: limits, per-request loaders, and the object types by feature.
//!
//! Resolvers stay thin: they find rows through `store` (batched by [`Loaders`]), read computed
//! figures from `store::facts`, and map them to the objects here. Doc comments become the
//! schema's documentation.

mod account;
mod action_plan;
mod area;
mod carry_over;
mod clock;
pub mod cost;
mod edit;
mod entry;
mod history;
mod implementation;
mod live;
mod measure;
mod monitoring;
mod note;
pub mod opendata;
mod plan;
mod project;
mod provenance;
mod query;
mod report;
pub(crate) mod response_cache;
mod scalars;
mod target;
mod tasks;

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};
pub use live::Subscription;
use sea_orm::DatabaseConnection;

pub use clock::Clock;
pub use query::QueryRoot;
pub(crate) use query::{code_at, db, plan_id};

use crate::auth::RequestAuth;
use crate::auth::session::SessionSettings;
pub use crate::store::version::Versions;
pub use response_cache::{Answer, DataVersion, Encoding, Kept, ResponseCache};
pub use tasks::RequestTasks;

use crate::store::model::{PlanModel, ReadModel, Rel, Relations, View};
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
    report::ReportQuery,
    monitoring::MonitoringQuery,
    action_plan::ActionPlanQuery,
);

/// Every mutation: signing in, accounts, entering data, editing the plan.
#[derive(MergedObject, Default)]
pub struct Mutation(
    account::AccountMutation,
    entry::EntryMutation,
    project::ProjectMutation,
    note::NoteMutation,
    edit::EditMutation,
    report::ReportMutation,
    monitoring::MonitoringMutation,
    target::TargetMutation,
    action_plan::ActionPlanMutation,
    carry_over::CarryOverMutation,
);

/// The schema type served at `/graphql`.
pub type ApiSchema = Schema<Query, Mutation, Subscription>;

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
    let model = Arc::new(ReadModel::new(
        db.clone(),
        versions.clone(),
        ReadModel::CAPACITY,
    ));
    let licence = opendata::Licence(crate::opendata::DEFAULT_LICENCE.to_owned());
    schema_over(db, versions, sessions, clock, model, licence)
}

/// [`schema`] over a read model shared with others (the open-data downloads).
pub fn schema_over(
    db: DatabaseConnection,
    versions: Versions,
    sessions: SessionSettings,
    clock: Clock,
    model: Arc<ReadModel>,
    licence: opendata::Licence,
) -> ApiSchema {
    let facts = FactsCache::new(versions.clone());
    // Reports take their snapshot through the same queries, anonymously, on a schema that
    // cannot write; it shares the read model and the cached facts.
    let reader = Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .data(db.clone())
        .data(sessions)
        .data(clock.clone())
        .data(facts.clone())
        .data(model.clone())
        .data(versions.clone())
        .finish();
    let hub = crate::live::Hub::new(versions.clone(), model.clone());
    Schema::build(Query::default(), Mutation::default(), Subscription)
        .data(db.clone())
        .data(sessions)
        .data(clock)
        .data(facts)
        .data(model)
        .data(hub)
        .data(versions)
        .data(licence)
        .data(crate::reports::Reports::new(reader))
        .limit_depth(cost::MAX_DEPTH)
        .limit_recursive_depth(64)
        .limit_directives(16)
        .finish()
}

/// Executes one request of `caller` with its own loaders, their fetches batched on the
/// request's task.
pub async fn execute<
    M: async_graphql::ObjectType + 'static,
    S: async_graphql::SubscriptionType + 'static,
>(
    schema: &Schema<Query, M, S>,
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
    Schema::build(Query::default(), Mutation::default(), Subscription)
        .finish()
        .sdl()
}

/// The SDL of the schema with every list's size and every weight of [`cost`], as checked into
/// `schema.graphql`.
pub fn sdl() -> String {
    cost::annotate_sdl(&plain_sdl())
}

/// What a request reads rows through: one [`Rel`](crate::store::model::Rel) per parent–child
/// relation (`Deref`), answered from the plan's in-memory model ([`ReadModel`]) or, for a key
/// the model cannot place, by a DataLoader made anew for the request whose fetches run on the
/// request's [`RequestTasks`] (a batch collects the keys of every resolver of a nesting level
/// with no timer delay).
pub struct Loaders {
    rows: Relations,
    view: Arc<View>,
    /// Computed `PlanFacts`, every plan of a request's level in one batch.
    pub facts: DataLoader<FactsBatch, HashMapCache>,
    facts_cache: Arc<std::sync::OnceLock<Option<FactsCache>>>,
    /// One cell per plan, so resolvers asking while its batch is in flight wait for it
    /// instead of starting another (the loader's cache fills only when a batch ends).
    facts_cells: std::sync::Mutex<HashMap<FactsKey, Arc<tokio::sync::OnceCell<Arc<PlanFacts>>>>>,
}

impl std::ops::Deref for Loaders {
    type Target = Relations;
    fn deref(&self) -> &Relations {
        &self.rows
    }
}

impl Loaders {
    pub fn new(db: &DatabaseConnection, tasks: &RequestTasks) -> Loaders {
        let facts_cache = Arc::new(std::sync::OnceLock::new());
        let view = Arc::new(View::new(db.clone()));
        Loaders {
            rows: Relations::new(db, &view, {
                let tasks = tasks.clone();
                move || Box::new(tasks.spawner())
            }),
            view: view.clone(),
            facts: DataLoader::with_cache(
                FactsBatch {
                    db: db.clone(),
                    cache: facts_cache.clone(),
                    view: view.clone(),
                },
                tasks.spawner(),
                HashMapCache::default(),
            )
            .delay(std::time::Duration::ZERO),
            facts_cache,
            facts_cells: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The request's view of the read model (none where the schema has none).
    pub(crate) fn view(&self) -> &View {
        &self.view
    }
}

/// Today as the request's schema sees it (its [`Clock`]).
pub(crate) fn today(ctx: &async_graphql::Context<'_>) -> shared::Date {
    ctx.data_opt::<Clock>()
        .map_or_else(|| Clock::system().today(), Clock::today)
}

/// The rows of `key` of a relation, empty when there are none.
pub(crate) async fn children<E>(rel: &Rel<E>, key: i32) -> crate::error::ApiResult<Vec<E::Model>>
where
    E: crate::store::model::InPlan + Send + Sync,
    E::Model: Clone + Send + Sync + 'static,
    E::Column: Send + Sync + 'static,
{
    Ok(rel.get(key).await?.to_vec())
}

/// The rows of `key` of a relation as the model holds them, not copied: for large groups that
/// many resolvers look through (a plan's statements and conflicts).
pub(crate) async fn shared_children<E>(
    rel: &Rel<E>,
    key: i32,
) -> crate::error::ApiResult<Arc<[E::Model]>>
where
    E: crate::store::model::InPlan + Send + Sync,
    E::Model: Clone + Send + Sync + 'static,
    E::Column: Send + Sync + 'static,
{
    rel.get(key).await
}

/// The one row of `key` of a relation keyed by id.
pub(crate) async fn one<E>(rel: &Rel<E>, key: i32) -> crate::error::ApiResult<Option<E::Model>>
where
    E: crate::store::model::InPlan + Send + Sync,
    E::Model: Clone + Send + Sync + 'static,
    E::Column: Send + Sync + 'static,
{
    Ok(rel.get(key).await?.first().cloned())
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

/// The request's loaders, with the schema's read model handed to them on first use.
pub(crate) fn loaders<'a>(ctx: &async_graphql::Context<'a>) -> &'a Loaders {
    let all = ctx.data_unchecked::<Loaders>();
    all.view
        .model
        .get_or_init(|| ctx.data_opt::<Arc<ReadModel>>().cloned());
    all.view.year.get_or_init(|| today(ctx).year());
    all
}

/// The model of plan `plan_id` as this request sees it; none without a read model (or for a
/// plan that does not exist).
pub(crate) async fn plan_model(
    ctx: &async_graphql::Context<'_>,
    plan_id: i32,
) -> crate::error::ApiResult<Option<Arc<PlanModel>>> {
    let view = loaders(ctx).view();
    let Some(read) = view.model.get().cloned().flatten() else {
        return Ok(None);
    };
    Ok(view.plan(&read, plan_id).await?)
}

/// Which facts: of a plan with one action plan's measures (`None`: every approved one's).
pub type FactsKey = (i32, Option<i32>);

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

/// Cached facts by plan and action plan, with the revision they were computed at.
type CachedFacts = std::collections::HashMap<FactsKey, (i64, Arc<PlanFacts>)>;

impl FactsCache {
    pub fn new(versions: Versions) -> FactsCache {
        FactsCache {
            facts: Arc::default(),
            versions,
        }
    }

    fn get(&self, key: FactsKey, revision: i64) -> Option<Arc<PlanFacts>> {
        let map = self
            .facts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(&key)
            .filter(|(r, _)| *r == revision)
            .map(|(_, f)| f.clone())
    }

    fn put(&self, key: FactsKey, revision: i64, facts: Arc<PlanFacts>) {
        let mut map = self
            .facts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.insert(key, (revision, facts));
    }
}

/// Loads the facts of every plan a request asks about in one batch: their revisions from memory,
/// the cached facts of unchanged plans, those of plans whose read model is in memory computed
/// from it, and the rest with one [`PlanFacts::load_many`]. Facts computed while a write landed are not cached (the revision
/// read before and after differs).
pub struct FactsBatch {
    db: DatabaseConnection,
    /// The schema's cache, handed over by the first resolver that asks (see [`facts`]).
    cache: Arc<std::sync::OnceLock<Option<FactsCache>>>,
    /// The request's view of the read model: a plan in memory gets its facts computed from it.
    view: Arc<View>,
}

impl Loader<FactsKey> for FactsBatch {
    type Value = Arc<PlanFacts>;
    type Error = Arc<sea_orm::DbErr>;

    async fn load(&self, keys: &[FactsKey]) -> Result<HashMap<FactsKey, Self::Value>, Self::Error> {
        let db = &self.db;
        let Some(cache) = self.cache.get().cloned().flatten() else {
            let loaded = PlanFacts::load_many(db, keys).await.map_err(Arc::new)?;
            return Ok(loaded
                .into_iter()
                .map(|(key, f)| (key, Arc::new(f)))
                .collect());
        };
        let plan_ids: Vec<i32> = keys.iter().map(|(p, _)| *p).collect();
        let before = cache
            .versions
            .revisions_of(db, &plan_ids)
            .await
            .map_err(Arc::new)?;
        let mut out = HashMap::new();
        let mut missing = Vec::new();
        for key in keys {
            let Some(revision) = before.get(&key.0) else {
                continue;
            };
            match cache.get(*key, *revision) {
                Some(facts) => {
                    out.insert(*key, facts);
                }
                None => missing.push(*key),
            }
        }
        // A plan whose model (of the same action plan) is in memory: computed from it, no
        // statement.
        missing.retain(|key| {
            let Some(model) = self
                .view
                .resident(key.0)
                .filter(|m| m.action_plan_id == key.1)
            else {
                return true;
            };
            let facts = Arc::new(PlanFacts::of_model(&model));
            if before.get(&key.0) == Some(&model.revision) {
                cache.put(*key, model.revision, facts.clone());
            }
            out.insert(*key, facts);
            false
        });
        if missing.is_empty() {
            return Ok(out);
        }
        let loaded = PlanFacts::load_many(db, &missing).await.map_err(Arc::new)?;
        let missing_plans: Vec<i32> = missing.iter().map(|(p, _)| *p).collect();
        let after = cache
            .versions
            .revisions_of(db, &missing_plans)
            .await
            .map_err(Arc::new)?;
        for (key, facts) in loaded {
            let facts = Arc::new(facts);
            if let Some(revision) = before.get(&key.0).filter(|r| after.get(&key.0) == Some(*r)) {
                cache.put(key, *revision, facts.clone());
            }
            out.insert(key, facts);
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
    let key = (plan_id, all.view.action_plan(plan_id).await?);
    let cell = {
        let mut cells = all
            .facts_cells
            .lock()
            .map_err(|_| crate::error::ApiError::Internal)?;
        cells.entry(key).or_default().clone()
    };
    let facts = cell
        .get_or_try_init(|| async {
            all.facts
                .load_one(key)
                .await
                .map_err(crate::error::ApiError::from)?
                .ok_or_else(|| crate::error::ApiError::not_found(format!("plan {plan_id}")))
        })
        .await?;
    Ok(facts.clone())
}
