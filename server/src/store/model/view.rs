//! A request's view of the read model ([`View`]): the action plan it reads of each plan and
//! the models it has read, so one request reads one revision and one action plan of a plan.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use sea_orm::{DatabaseConnection, DbErr};

use super::{Kind, PlanModel, ReadModel};
use crate::entity as e;
use crate::error::{ApiError, ApiResult};

/// A request's view of the read model: for each plan the action plan it reads (named by an
/// entry point's `actionPlan`, else the one in force today) and the model as the request first
/// saw it, so one request reads one revision and one action plan of a plan throughout.
pub struct View {
    /// The schema's read model, handed over by the first resolver that asks.
    pub model: OnceLock<Option<Arc<ReadModel>>>,
    /// The request's year ("in force today"), set with the model.
    pub year: OnceLock<i32>,
    db: DatabaseConnection,
    plans: Mutex<HashMap<i32, Arc<PlanModel>>>,
    /// The action plan the request reads of each plan it has read.
    chosen: Mutex<HashMap<i32, Choice>>,
    /// The action plans the loaders read measures of (every plan's chosen one).
    loaded: tokio::sync::OnceCell<Vec<i32>>,
}

/// Which action plan a request reads of a plan (`None`: the plan has no approved one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Choice {
    action_plan: Option<i32>,
    /// Named by an entry point (else: in force today).
    named: bool,
}

/// An approved action plan as the chooser reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approved {
    pub id: i32,
    pub number: i32,
    pub period: shared::action_plan::Period,
}

impl From<&e::action_plan::Model> for Approved {
    fn from(a: &e::action_plan::Model) -> Approved {
        Approved {
            id: a.id,
            number: a.number,
            period: shared::action_plan::Period {
                from: a.period_from,
                to: a.period_to,
            },
        }
    }
}

/// The action plan in force in `year` among `approved` (`shared::action_plan::in_force`).
pub fn in_force(approved: &[Approved], year: i32) -> Option<i32> {
    let periods: Vec<(i32, shared::action_plan::Period)> =
        approved.iter().map(|a| (a.id, a.period)).collect();
    shared::action_plan::in_force(&periods, year)
}

impl View {
    pub fn new(db: DatabaseConnection) -> View {
        View {
            model: OnceLock::new(),
            year: OnceLock::new(),
            db,
            plans: Mutex::default(),
            chosen: Mutex::default(),
            loaded: tokio::sync::OnceCell::new(),
        }
    }

    fn read(&self) -> Option<Arc<ReadModel>> {
        self.model.get().cloned().flatten()
    }

    fn year(&self) -> i32 {
        *self
            .year
            .get_or_init(|| crate::graphql::Clock::system().today().year())
    }

    /// Plan `plan_id`'s approved action plans.
    async fn approved(&self, plan_id: i32) -> Result<Arc<[Approved]>, DbErr> {
        match self.read() {
            Some(read) => read.approved(plan_id).await,
            None => Ok(crate::store::action_plan::approved(&self.db, Some(plan_id))
                .await?
                .into_iter()
                .map(|(_, a)| a)
                .collect()),
        }
    }

    /// Records `choice` for the plan unless one is there: the one the request reads.
    fn settle(&self, plan_id: i32, choice: Choice) -> Choice {
        *self
            .chosen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(plan_id)
            .or_insert(choice)
    }

    /// An entry point names action plan `number` of plan `plan_id`: the request reads it.
    /// `NOT_FOUND` for a number no approved action plan has (a draft's included); a request
    /// that has read another action plan of the plan is refused (one per plan per request).
    pub async fn choose(&self, plan_id: i32, number: i32) -> ApiResult<()> {
        let approved = self.approved(plan_id).await?;
        let id = approved
            .iter()
            .find(|a| a.number == number)
            .map(|a| a.id)
            .ok_or_else(|| ApiError::not_found(format!("action plan {number}")))?;
        let wanted = Choice {
            action_plan: Some(id),
            named: true,
        };
        let mut chosen = self.chosen.lock().unwrap_or_else(PoisonError::into_inner);
        match chosen.get(&plan_id) {
            Some(c) if c.action_plan != Some(id) => Err(ApiError::validation(
                "actionPlan",
                "a request reads one action plan of a plan: give the same actionPlan to every \
                 entry point of the plan",
            )
            .into()),
            _ => {
                chosen.insert(plan_id, wanted);
                Ok(())
            }
        }
    }

    /// The action plan this request reads of plan `plan_id`: the one an entry point named,
    /// else the one in force this year (`None`: the plan has no approved action plan).
    pub async fn action_plan(&self, plan_id: i32) -> Result<Option<i32>, DbErr> {
        if let Some(known) = self.action_plan_known(plan_id) {
            return Ok(known);
        }
        // Not known: every plan's at once (a query across plans asks for each).
        self.loaded().await?;
        Ok(self.chosen_of(plan_id).and_then(|c| c.action_plan))
    }

    fn chosen_of(&self, plan_id: i32) -> Option<Choice> {
        self.chosen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&plan_id)
            .copied()
    }

    /// [`View::action_plan`] when it is known without a statement.
    fn action_plan_known(&self, plan_id: i32) -> Option<Option<i32>> {
        if let Some(c) = self.chosen_of(plan_id) {
            return Some(c.action_plan);
        }
        let approved = self.read()?.approved_known(plan_id)?;
        let choice = Choice {
            action_plan: in_force(&approved, self.year()),
            named: false,
        };
        Some(self.settle(plan_id, choice).action_plan)
    }

    /// The action plans whose measures the request's loaders read: each plan's chosen one
    /// (one statement the first time; plans not chosen yet get the one in force this year).
    pub(super) async fn loaded(&self) -> Result<&[i32], DbErr> {
        let ids = self
            .loaded
            .get_or_try_init(|| async {
                let all = crate::store::action_plan::approved(&self.db, None).await?;
                let mut by_plan: HashMap<i32, Vec<Approved>> = HashMap::new();
                for (plan_id, a) in all {
                    by_plan.entry(plan_id).or_default().push(a);
                }
                let year = self.year();
                let mut ids = Vec::new();
                for (plan_id, approved) in by_plan {
                    let choice = Choice {
                        action_plan: in_force(&approved, year),
                        named: false,
                    };
                    ids.extend(self.settle(plan_id, choice).action_plan);
                }
                Ok::<_, DbErr>(ids)
            })
            .await?;
        Ok(ids.as_slice())
    }

    /// The model of the plan a row of `kind` with id `key` belongs to, when it can be placed
    /// and is in memory. A relation never builds a model: a query across many plans reads
    /// those not in memory through the loaders, in statements bounded by its shape (the entry
    /// points by slug and code build their one plan's model).
    pub(super) fn model_for(&self, kind: Kind, key: i32) -> Option<Arc<PlanModel>> {
        let plan_id = self.read()?.owner(kind, key)?;
        self.resident(plan_id)
    }

    /// Plan `plan_id`'s model as this request sees it, if it is in memory; nothing is built.
    pub fn resident(&self, plan_id: i32) -> Option<Arc<PlanModel>> {
        let read = self.read()?;
        if let Some(m) = self.seen(plan_id) {
            return Some(m);
        }
        let action_plan = self.action_plan_known(plan_id)?;
        Some(self.keep(plan_id, read.resident(plan_id, action_plan)?))
    }

    /// The model of plan `plan_id` this request has read, if any.
    fn seen(&self, plan_id: i32) -> Option<Arc<PlanModel>> {
        self.plans
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&plan_id)
            .cloned()
    }

    /// Keeps `model` as the request's model of plan `plan_id` unless it has one already; the
    /// one it keeps.
    fn keep(&self, plan_id: i32, model: Arc<PlanModel>) -> Arc<PlanModel> {
        self.plans
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(plan_id)
            .or_insert(model)
            .clone()
    }

    /// Plan `plan_id`'s model as this request sees it.
    pub async fn plan(
        &self,
        read: &ReadModel,
        plan_id: i32,
    ) -> Result<Option<Arc<PlanModel>>, DbErr> {
        if let Some(m) = self.seen(plan_id) {
            return Ok(Some(m));
        }
        let action_plan = self.action_plan(plan_id).await?;
        Ok(read
            .plan(plan_id, action_plan)
            .await?
            .map(|model| self.keep(plan_id, model)))
    }
}
