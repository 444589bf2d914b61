//! The read model: every row the plan's resolvers read, per plan and revision, held in memory.
//!
//! A plan is small (thousands of rows) and read far more often than written. [`ReadModel`]
//! builds a [`PlanModel`] of a plan the first time a request needs it, in one read transaction
//! (a consistent snapshot, one statement per relation), and keeps it while the plan's revision
//! ([`Versions`], in memory) is unchanged; the first request after a write builds the next one.
//! Requests read the rows of a relation from it with no statement: [`Rel`] answers from the
//! model, and only a key the model cannot place (a row of a plan not yet built, found by a
//! query that still goes to the database) from its batching [`ByColumn`] loader.
//!
//! The model holds exactly what the loaders would fetch, drafts included, so a resolver sees the
//! same rows from either and filters drafts the same way. Which plan a key belongs to is
//! remembered per kind of parent ([`Kind`]) when a plan is built; ids never move between plans,
//! so that map only grows. At most [`ReadModel::capacity`] plans stay in memory, the least
//! recently used leaving first.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use async_graphql::dataloader::{DataLoader, HashMapCache};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait,
    IsolationLevel, QueryFilter, QueryOrder, TransactionTrait,
};
use shared::Code;

use super::version::Versions;
use super::{ByColumn, int_of};
use crate::entity as e;
use crate::error::{ApiError, ApiResult};

/// Rows of one relation, by the key the loader groups them by.
pub type Index<E> = HashMap<i32, Arc<[<E as EntityTrait>::Model]>>;

/// One row of a shared group, not copied: a GraphQL object over a row of the read model holds
/// the group and its place (a measure's card texts are not cloned for every request).
pub struct Row<M> {
    rows: Arc<[M]>,
    at: usize,
}

impl<M> Row<M> {
    /// Every row of a group.
    pub fn all(rows: Arc<[M]>) -> impl Iterator<Item = Row<M>> {
        (0..rows.len()).map(move |at| Row {
            rows: rows.clone(),
            at,
        })
    }
}

impl<M> From<M> for Row<M> {
    fn from(model: M) -> Row<M> {
        Row {
            rows: Arc::from([model]),
            at: 0,
        }
    }
}

impl<M> std::ops::Deref for Row<M> {
    type Target = M;
    fn deref(&self) -> &M {
        &self.rows[self.at]
    }
}

/// What kind of row a relation's key is the id of: the model finds its plan by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Plan,
    Area,
    StrategicGoal,
    SpecificGoal,
    Indicator,
    Measure,
    Organisation,
    Document,
    GlobalIndicator,
    ActionPlan,
}

mod in_plan;
mod view;
pub use in_plan::{InPlan, approved_action_plans, published_measures};
pub use view::{Approved, View, in_force};

/// The rows of `E` in plan `plan_id`, grouped by `column` as [`ByColumn`] groups them, each
/// group in `order`.
async fn index<E, C>(
    db: &C,
    plan_id: i32,
    action_plan: Option<i32>,
    column: E::Column,
    order: E::Column,
) -> Result<Index<E>, DbErr>
where
    E: InPlan,
    E::Model: Send + Sync,
    C: ConnectionTrait,
{
    let mut find = E::find().filter(E::in_plan(plan_id));
    if let Some(id) = action_plan {
        find = find.filter(E::of_action_plans(&[id]));
    }
    let rows = find.order_by_asc(order).all(db).await?;
    let mut groups: HashMap<i32, Vec<E::Model>> = HashMap::new();
    for row in rows {
        if let Some(key) = int_of(&row, column) {
            groups.entry(key).or_default().push(row);
        }
    }
    Ok(groups
        .into_iter()
        .map(|(k, rows)| (k, rows.into()))
        .collect())
}

/// Every relation the resolvers load: its name, entity, the column it groups by, the order
/// within a group, and the kind of row its key is the id of. `PlanModel` holds an [`Index`] of
/// each, [`Relations`] a [`Rel`] of each.
macro_rules! relations {
    ($($field:ident: $entity:ident by $column:ident, $order:ident, $kind:ident;)*) => {
        /// Every row of one plan at one revision that the resolvers read, by relation.
        pub struct PlanModel {
            pub plan_id: i32,
            /// The action plan whose measures (and their rows) it holds; `None`: those of
            /// every approved action plan.
            pub action_plan_id: Option<i32>,
            /// The revision its rows are of.
            pub revision: i64,
            $(pub $field: Index<e::$entity::Entity>,)*
            /// The plan's issued reports with their files, newest first (the public list and
            /// the overview's link; drafts are never here).
            pub reports: Arc<[super::report::Issued]>,
        }

        impl PlanModel {
            /// Reads every relation of the plan in `db`'s consistent snapshot.
            async fn read<C: ConnectionTrait>(
                db: &C,
                plan_id: i32,
                action_plan_id: Option<i32>,
            ) -> Result<PlanModel, DbErr> {
                $(let $field = index::<e::$entity::Entity, _>(
                    db,
                    plan_id,
                    action_plan_id,
                    e::$entity::Column::$column,
                    e::$entity::Column::$order,
                ).await?;)*
                let reports = super::report::issued(db, plan_id).await?.into();
                let mut model = PlanModel { plan_id, action_plan_id, revision: 0, $($field,)* reports };
                model.revision = model
                    .plan()
                    .map(|p| p.revision)
                    .ok_or_else(|| DbErr::RecordNotFound(format!("plan {plan_id}")))?;
                Ok(model)
            }
        }

        /// One [`Rel`] per relation, made for each request.
        pub struct Relations {
            $(pub $field: Rel<e::$entity::Entity>,)*
        }

        impl Relations {
            /// `spawner` makes what each loader runs its fetches with (the request's tasks). A
            /// relation's loader is made the first time a plan not in memory needs it, so a
            /// request the read model serves makes none.
            pub fn new(
                db: &DatabaseConnection,
                view: &Arc<View>,
                spawner: impl Fn() -> Spawn + Send + Sync + 'static,
            ) -> Relations {
                let make = Arc::new(Maker { db: db.clone(), spawner: Box::new(spawner) });
                Relations {
                    $($field: Rel {
                        loader: std::sync::OnceLock::new(),
                        make: make.clone(),
                        column: e::$entity::Column::$column,
                        order: e::$entity::Column::$order,
                        view: view.clone(),
                        kind: Kind::$kind,
                        pick: |m| &m.$field,
                    },)*
                }
            }
        }
    };
}

/// What a request's loaders are made with: the connection and the request's task queue.
pub struct Maker {
    db: DatabaseConnection,
    spawner: Box<dyn Fn() -> Spawn + Send + Sync>,
}

/// What a request's loader runs its fetches with.
pub type Spawn = Box<dyn Fn(futures_util::future::BoxFuture<'static, ()>) + Send + Sync>;

relations! {
    plans: plan by Id, Id, Plan;
    areas_by_plan: area by PlanId, SortKey, Plan;
    documents_by_plan: document by PlanId, Id, Plan;
    documents: document by Id, Id, Document;
    action_plans_by_plan: action_plan by PlanId, Number, Plan;
    target_groups_by_area: target_group by AreaId, Position, Area;
    strategic_goals_by_area: strategic_goal by AreaId, SortKey, Area;
    specific_goals_by_strategic_goal: specific_goal by StrategicGoalId, SortKey, StrategicGoal;
    indicators_by_goal: impact_indicator by SpecificGoalId, Position, SpecificGoal;
    values_by_indicator: indicator_value by ImpactIndicatorId, RefDate, Indicator;
    revisions_by_indicator: target_revision by ImpactIndicatorId, ValidFrom, Indicator;
    summaries_by_goal: summary by SpecificGoalId, Year, SpecificGoal;
    measures_by_goal: measure by SpecificGoalId, SortKey, SpecificGoal;
    measures_by_area: measure by AreaId, SortKey, Area;
    outputs_by_measure: output_indicator by MeasureId, Position, Measure;
    fundings_by_measure: measure_funding by MeasureId, Position, Measure;
    links_by_measure: measure_link by MeasureId, Position, Measure;
    statuses_by_measure: measure_status by MeasureId, Position, Measure;
    projects_by_measure: project by MeasureId, RegistrationNumber, Measure;
    allocations_by_measure: allocation by MeasureId, Id, Measure;
    organisations: organisation by Id, Id, Organisation;
    organisations_by_plan: organisation by PlanId, Name, Plan;
    statuses_by_organisation: measure_status by OrganisationId, Position, Organisation;
    measures: measure by Id, SortKey, Measure;
    specific_goals: specific_goal by Id, SortKey, SpecificGoal;
    strategic_goals: strategic_goal by Id, SortKey, StrategicGoal;
    areas: area by Id, SortKey, Area;
    global_by_plan: global_indicator by PlanId, Position, Plan;
    global_values: global_indicator_value by GlobalIndicatorId, Position, GlobalIndicator;
    context_by_plan: context_indicator by PlanId, Position, Plan;
    milestones_by_action_plan: milestone by ActionPlanId, Position, ActionPlan;
    risks_by_action_plan: risk by ActionPlanId, Position, ActionPlan;
    conflicts_by_plan: conflict by PlanId, Id, Plan;
    statements_by_plan: statement by PlanId, Id, Plan;
    headlines_by_plan: headline by PlanId, Position, Plan;
    waves_by_plan: monitoring_wave by PlanId, Deadline, Plan;
}

impl PlanModel {
    /// The ids of every row a relation's key may name, by kind (to find this plan by them).
    fn keys(&self) -> Vec<(Kind, i32)> {
        fn ids<M>(
            kind: Kind,
            index: &HashMap<i32, Arc<[M]>>,
            id: fn(&M) -> i32,
        ) -> impl Iterator<Item = (Kind, i32)> + '_ {
            index
                .values()
                .flat_map(move |rows| rows.iter().map(move |r| (kind, id(r))))
        }
        ids(Kind::Area, &self.areas, |r| r.id)
            .chain(ids(Kind::StrategicGoal, &self.strategic_goals, |r| r.id))
            .chain(ids(Kind::SpecificGoal, &self.specific_goals, |r| r.id))
            .chain(ids(Kind::Measure, &self.measures, |r| r.id))
            .chain(ids(Kind::Organisation, &self.organisations, |r| r.id))
            .chain(ids(Kind::Document, &self.documents, |r| r.id))
            .chain(ids(Kind::Indicator, &self.indicators_by_goal, |r| r.id))
            .chain(ids(Kind::GlobalIndicator, &self.global_by_plan, |r| r.id))
            .chain(ids(Kind::ActionPlan, &self.action_plans_by_plan, |r| r.id))
            .collect()
    }

    /// The plan's row.
    pub fn plan(&self) -> Option<&e::plan::Model> {
        self.plans.get(&self.plan_id).and_then(|p| p.first())
    }

    /// The plan's approved action plans (every model holds them all, whichever action plan's
    /// measures it holds).
    pub fn approved(&self) -> Vec<Approved> {
        let mut out: Vec<Approved> = self
            .action_plans_by_plan
            .get(&self.plan_id)
            .map(|rows| rows.iter().map(Approved::from).collect())
            .unwrap_or_default();
        out.sort_by_key(|a| a.number);
        out
    }

    /// The row of `code` among rows of `index` grouped by id, shared with the model.
    fn by_code<M>(
        index: &HashMap<i32, Arc<[M]>>,
        code: &Code,
        code_of: impl Fn(&M) -> &str,
    ) -> Option<Row<M>> {
        let code = code.to_string();
        index
            .values()
            .find(|rows| rows.first().is_some_and(|r| code_of(r) == code))
            .map(|rows| Row {
                rows: rows.clone(),
                at: 0,
            })
    }

    pub fn area(&self, code: &Code) -> Option<e::area::Model> {
        Self::by_code(&self.areas, code, |r| &r.code).map(|r| (*r).clone())
    }

    pub fn strategic_goal(&self, code: &Code) -> Option<e::strategic_goal::Model> {
        Self::by_code(&self.strategic_goals, code, |r| &r.code).map(|r| (*r).clone())
    }

    pub fn specific_goal(&self, code: &Code) -> Option<Row<e::specific_goal::Model>> {
        Self::by_code(&self.specific_goals, code, |r| &r.code)
    }

    pub fn measure(&self, code: &Code) -> Option<Row<e::measure::Model>> {
        Self::by_code(&self.measures, code, |r| &r.code)
    }
}

/// One plan's place in the model: its current model, and one builder at a time.
#[derive(Default)]
struct Slot {
    model: RwLock<Option<Arc<PlanModel>>>,
    building: tokio::sync::Mutex<()>,
    used: AtomicU64,
}

/// Which model: a plan's, with one action plan's measures (`None`: every approved one's).
type ModelKey = (i32, Option<i32>);

/// A plan's approved action plans, with the revision they were read at.
type KnownApproved = (i64, Arc<[Approved]>);

/// The models of the plans, shared by every request (schema data).
pub struct ReadModel {
    db: DatabaseConnection,
    versions: Versions,
    /// How many plans' models stay in memory.
    capacity: usize,
    slots: Mutex<HashMap<ModelKey, Arc<Slot>>>,
    /// Each plan's approved action plans, with the revision they were read at.
    approved: RwLock<HashMap<i32, KnownApproved>>,
    /// Which plan a row of each kind belongs to; ids never move, so this only grows.
    owners: RwLock<HashMap<(Kind, i32), i32>>,
    /// Plan ids by slug (a slug never changes).
    slugs: RwLock<HashMap<String, i32>>,
    clock: AtomicU64,
    /// How many models were built (for tests and the log).
    pub built: AtomicU64,
}

impl ReadModel {
    /// The default number of plans kept in memory.
    pub const CAPACITY: usize = 32;

    pub fn new(db: DatabaseConnection, versions: Versions, capacity: usize) -> ReadModel {
        ReadModel {
            db,
            versions,
            capacity,
            slots: Mutex::default(),
            approved: RwLock::default(),
            owners: RwLock::default(),
            slugs: RwLock::default(),
            clock: AtomicU64::new(0),
            built: AtomicU64::new(0),
        }
    }

    /// The id of the plan `slug` (a statement only the first time a slug is asked).
    pub async fn plan_id(&self, slug: &str) -> Result<Option<i32>, DbErr> {
        if let Some(id) = self
            .slugs
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(slug)
        {
            return Ok(Some(*id));
        }
        let found = super::lookup::plan_by_slug(&self.db, slug).await?;
        if let Some(plan) = &found {
            self.slugs
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(plan.slug.clone(), plan.id);
        }
        Ok(found.map(|p| p.id))
    }

    /// The plan a row of `kind` with this id belongs to, if a model of it was ever built.
    fn owner(&self, kind: Kind, id: i32) -> Option<i32> {
        if kind == Kind::Plan {
            return Some(id);
        }
        self.owners
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(kind, id))
            .copied()
    }

    /// Plan `plan_id`'s approved action plans at its current revision, if known without a
    /// statement.
    pub fn approved_known(&self, plan_id: i32) -> Option<Arc<[Approved]>> {
        let revision = self.versions.known(plan_id)?;
        self.approved
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&plan_id)
            .filter(|(r, _)| *r >= revision)
            .map(|(_, a)| a.clone())
    }

    /// Plan `plan_id`'s approved action plans at its current revision (one statement when
    /// they are not known since its last write).
    pub async fn approved(&self, plan_id: i32) -> Result<Arc<[Approved]>, DbErr> {
        let revisions = self.versions.revisions_of(&self.db, &[plan_id]).await?;
        let revision = revisions.get(&plan_id).copied().unwrap_or_default();
        if let Some(known) = self.approved_known(plan_id) {
            return Ok(known);
        }
        let rows: Arc<[Approved]> = super::action_plan::approved(&self.db, Some(plan_id))
            .await?
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        self.remember_approved(plan_id, revision, rows.clone());
        Ok(rows)
    }

    fn remember_approved(&self, plan_id: i32, revision: i64, rows: Arc<[Approved]>) {
        let mut known = self
            .approved
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if known.get(&plan_id).is_none_or(|(r, _)| *r <= revision) {
            known.insert(plan_id, (revision, rows));
        }
    }

    /// The model of plan `plan_id` with the measures of the action plan in force in `year`
    /// (what is monitored: a wave's spreadsheet, the reminders).
    pub async fn plan_in_force(
        &self,
        plan_id: i32,
        year: i32,
    ) -> Result<Option<Arc<PlanModel>>, DbErr> {
        let approved = self.approved(plan_id).await?;
        self.plan(plan_id, in_force(&approved, year)).await
    }

    /// The model of plan `plan_id` with the measures of action plan `action_plan` (`None`:
    /// of every approved one) at the plan's current revision, built if needed; none for a plan
    /// that does not exist.
    pub async fn plan(
        &self,
        plan_id: i32,
        action_plan: Option<i32>,
    ) -> Result<Option<Arc<PlanModel>>, DbErr> {
        let revisions = self.versions.revisions_of(&self.db, &[plan_id]).await?;
        let Some(&revision) = revisions.get(&plan_id) else {
            return Ok(None);
        };
        let slot = self
            .slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry((plan_id, action_plan))
            .or_default()
            .clone();
        slot.used.store(
            self.clock.fetch_add(1, Ordering::Relaxed),
            Ordering::Relaxed,
        );
        let current = || {
            slot.model
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
                .filter(|m| m.revision >= revision)
        };
        if let Some(model) = current() {
            return Ok(Some(model));
        }
        let _turn = slot.building.lock().await;
        if let Some(model) = current() {
            return Ok(Some(model));
        }
        let model = Arc::new(self.build(plan_id, action_plan).await?);
        self.remember_approved(plan_id, model.revision, model.approved().into());
        {
            let mut owners = self.owners.write().unwrap_or_else(PoisonError::into_inner);
            for key in model.keys() {
                owners.insert(key, plan_id);
            }
        }
        *slot.model.write().unwrap_or_else(PoisonError::into_inner) = Some(model.clone());
        self.built.fetch_add(1, Ordering::Relaxed);
        self.evict();
        Ok(Some(model))
    }

    /// The model of plan `plan_id` with action plan `action_plan`'s measures if one of its
    /// current revision is in memory; nothing is built or read.
    pub fn resident(&self, plan_id: i32, action_plan: Option<i32>) -> Option<Arc<PlanModel>> {
        let revision = self.versions.known(plan_id)?;
        let slot = self
            .slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(plan_id, action_plan))?
            .clone();
        let model = slot
            .model
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .filter(|m| m.revision >= revision)?;
        slot.used.store(
            self.clock.fetch_add(1, Ordering::Relaxed),
            Ordering::Relaxed,
        );
        Some(model)
    }

    /// Reads the plan's rows in one snapshot: a read transaction (repeatable read on
    /// PostgreSQL; SQLite's WAL gives a read transaction one snapshot).
    async fn build(&self, plan_id: i32, action_plan: Option<i32>) -> Result<PlanModel, DbErr> {
        let txn = match self.db.get_database_backend() {
            DatabaseBackend::Postgres => {
                self.db
                    .begin_with_config(
                        Some(IsolationLevel::RepeatableRead),
                        Some(AccessMode::ReadOnly),
                    )
                    .await?
            }
            _ => self.db.begin().await?,
        };
        let model = PlanModel::read(&txn, plan_id, action_plan).await?;
        txn.commit().await?;
        Ok(model)
    }

    /// Drops the least recently used models beyond the capacity.
    fn evict(&self) {
        let slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        let mut held: Vec<(u64, &Arc<Slot>)> = slots
            .values()
            .filter(|s| {
                s.model
                    .read()
                    .unwrap_or_else(PoisonError::into_inner)
                    .is_some()
            })
            .map(|s| (s.used.load(Ordering::Relaxed), s))
            .collect();
        if held.len() <= self.capacity {
            return;
        }
        held.sort_by_key(|(used, _)| *used);
        let extra = held.len() - self.capacity;
        for (_, slot) in held.into_iter().take(extra) {
            *slot.model.write().unwrap_or_else(PoisonError::into_inner) = None;
        }
    }
}

/// One relation as a request reads it: from the plan's model, or (a key the model cannot place)
/// through the batching loader.
pub struct Rel<E: EntityTrait> {
    loader: std::sync::OnceLock<DataLoader<ByColumn<E>, HashMapCache>>,
    make: Arc<Maker>,
    column: E::Column,
    order: E::Column,
    view: Arc<View>,
    kind: Kind,
    pick: fn(&PlanModel) -> &Index<E>,
}

impl<E> Rel<E>
where
    E: InPlan + Send + Sync,
    E::Model: Clone + Send + Sync + 'static,
    E::Column: Send + Sync + 'static,
{
    /// The request's loader of this relation, made on first use: the public's rows of the
    /// action plans the request reads.
    async fn loader(&self) -> ApiResult<&DataLoader<ByColumn<E>, HashMapCache>> {
        let action_plans = self.view.loaded().await?;
        Ok(self.loader.get_or_init(|| {
            DataLoader::with_cache(
                ByColumn::<E>::new(
                    self.make.db.clone(),
                    self.column,
                    self.order,
                    E::published().add(E::of_action_plans(action_plans)),
                ),
                (self.make.spawner)(),
                HashMapCache::default(),
            )
            .delay(std::time::Duration::ZERO)
        }))
    }

    /// The rows of `key`, shared (not copied), empty when there are none.
    pub async fn get(&self, key: i32) -> ApiResult<Arc<[E::Model]>> {
        if let Some(model) = self.view.model_for(self.kind, key) {
            return Ok((self.pick)(&model)
                .get(&key)
                .cloned()
                .unwrap_or_else(|| Arc::from([])));
        }
        Ok(self
            .loader()
            .await?
            .load_one(key)
            .await
            .map_err(ApiError::from)?
            .unwrap_or_else(|| Arc::from([])))
    }

    /// The rows of every key, those of keys without rows left out.
    pub async fn get_many(&self, keys: Vec<i32>) -> ApiResult<HashMap<i32, Arc<[E::Model]>>> {
        let mut out = HashMap::new();
        let mut rest = Vec::new();
        for key in keys {
            match self.view.model_for(self.kind, key) {
                Some(model) => {
                    if let Some(rows) = (self.pick)(&model).get(&key) {
                        out.insert(key, rows.clone());
                    }
                }
                None => rest.push(key),
            }
        }
        if !rest.is_empty() {
            out.extend(
                self.loader()
                    .await?
                    .load_many(rest)
                    .await
                    .map_err(ApiError::from)?,
            );
        }
        Ok(out)
    }
}
