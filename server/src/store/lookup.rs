//! Single-row lookups by a plan's slug and a code, and filtered lists.

use sea_orm::sea_query::{Condition, LikeExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use shared::{Code, FundingSource};

use super::model::InPlan;
use super::write::Versioned;
use crate::entity::*;
use crate::error::ApiError;

/// The record `id` of `E` that an edit names, or `NOT_FOUND` naming it as `what`.
pub async fn record<E: Versioned, C: ConnectionTrait>(
    db: &C,
    id: i32,
    what: &str,
) -> Result<E::Model, ApiError> {
    E::find()
        .filter(E::ID.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("{what} {id}")))
}

/// Whether statement `id` is one of the conflict's: the same plan, subject and field.
pub async fn statement_of_conflict<C: ConnectionTrait>(
    db: &C,
    c: &conflict::Model,
    id: i32,
) -> Result<bool, DbErr> {
    Ok(statement::Entity::find_by_id(id)
        .filter(statement::Column::PlanId.eq(c.plan_id))
        .filter(statement::Column::SubjectType.eq(c.subject_type.as_str()))
        .filter(statement::Column::SubjectCode.eq(c.subject_code.as_str()))
        .filter(statement::Column::Field.eq(shared::conflict::statement_field(&c.field)))
        .one(db)
        .await?
        .is_some())
}

/// Every plan, by slug.
pub async fn plans(db: &DatabaseConnection) -> Result<Vec<plan::Model>, DbErr> {
    plan::Entity::find()
        .order_by_asc(plan::Column::Slug)
        .all(db)
        .await
}

pub async fn plan_by_slug(
    db: &DatabaseConnection,
    slug: &str,
) -> Result<Option<plan::Model>, DbErr> {
    plan::Entity::find()
        .filter(plan::Column::Slug.eq(slug))
        .one(db)
        .await
}

pub async fn area(
    db: &DatabaseConnection,
    plan_id: i32,
    code: &Code,
) -> Result<Option<area::Model>, DbErr> {
    area::Entity::find()
        .filter(area::Column::PlanId.eq(plan_id))
        .filter(area::Column::Code.eq(code.to_string()))
        .one(db)
        .await
}

pub async fn strategic_goal(
    db: &DatabaseConnection,
    plan_id: i32,
    code: &Code,
) -> Result<Option<strategic_goal::Model>, DbErr> {
    strategic_goal::Entity::find()
        .filter(strategic_goal::Column::PlanId.eq(plan_id))
        .filter(strategic_goal::Column::Code.eq(code.to_string()))
        .one(db)
        .await
}

pub async fn specific_goal<C: sea_orm::ConnectionTrait>(
    db: &C,
    plan_id: i32,
    code: &Code,
) -> Result<Option<specific_goal::Model>, DbErr> {
    specific_goal::Entity::find()
        .filter(specific_goal::Column::PlanId.eq(plan_id))
        .filter(specific_goal::Column::Code.eq(code.to_string()))
        .one(db)
        .await
}

/// The measure `code` of action plan `action_plan` (`None`: of any approved one; a code is
/// unique within an action plan).
pub async fn measure(
    db: &DatabaseConnection,
    plan_id: i32,
    action_plan: Option<i32>,
    code: &Code,
) -> Result<Option<measure::Model>, DbErr> {
    let mut q = measure::Entity::find()
        .filter(measure::Entity::in_plan(plan_id))
        .filter(measure::Column::Code.eq(code.to_string()));
    if let Some(id) = action_plan {
        q = q.filter(measure::Column::ActionPlanId.eq(id));
    }
    q.order_by_desc(measure::Column::ActionPlanId).one(db).await
}

/// What a list of measures may be narrowed by; every given criterion must hold.
#[derive(Debug, Default, Clone)]
pub struct MeasureFilter {
    /// The action plan whose measures are listed (`None`: every approved one's).
    pub action_plan: Option<i32>,
    pub area: Option<Code>,
    pub status: Option<shared::status::StatusKind>,
    pub funding_source: Option<FundingSource>,
    /// Folded text the implementer's name must contain.
    pub implementer: Option<String>,
    /// Folded text the responsible body must contain.
    pub responsible_body: Option<String>,
    /// Folded terms that must all occur in the name, description or responsible body.
    pub terms: Vec<String>,
}

/// A `LIKE` pattern matching texts that contain a folded term literally: the term's `%`, `_`
/// and `\\` are escaped (`ESCAPE '\\'`, given explicitly: SQLite has no escape character
/// by default, PostgreSQL's default is the backslash), so `%` finds only a literal `%`. Terms
/// come folded ([`shared::search::fold`]), which leaves no control characters in them.
fn like(term: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}%", escape_like(term))).escape('\\')
}

fn escape_like(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    for c in term.chars() {
        match c {
            '%' | '_' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Measures of a plan matching a filter, in code order. Sub-selects keep it one statement, and
/// one more for a status filter (the status that counts is chosen by [`shared::status::latest`]).
pub async fn measures(
    db: &DatabaseConnection,
    plan_id: i32,
    f: &MeasureFilter,
) -> Result<Vec<measure::Model>, DbErr> {
    let mut q = measure::Entity::find().filter(measure::Entity::in_plan(plan_id));
    if let Some(id) = f.action_plan {
        q = q.filter(measure::Column::ActionPlanId.eq(id));
    }
    if let Some(area) = &f.area {
        let prefix = format!("{}.", area);
        q = q.filter(measure::Column::Code.starts_with(prefix));
    }
    if let Some(source) = f.funding_source {
        q = q.filter(
            measure::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(measure_funding::Column::MeasureId)
                    .from(measure_funding::Entity)
                    .and_where(measure_funding::Column::Source.eq(source.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(status) = f.status {
        q = q.filter(measure::Column::Id.is_in(with_status(db, plan_id, status).await?));
    }
    if let Some(implementer) = &f.implementer {
        // Which organisation implements a measure is read from published rows only.
        q = q.filter(
            measure::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(measure_status::Column::MeasureId)
                    .from(measure_status::Entity)
                    .and_where(measure_status::Column::Published.eq(true))
                    .and_where(
                        measure_status::Column::OrganisationId.in_subquery(
                            sea_orm::sea_query::Query::select()
                                .column(organisation::Column::Id)
                                .from(organisation::Entity)
                                .and_where(organisation::Column::SearchText.like(like(implementer)))
                                .to_owned(),
                        ),
                    )
                    .to_owned(),
            ),
        );
    }
    let mut cond = Condition::all();
    for t in &f.terms {
        cond = cond.add(measure::Column::SearchText.like(like(t)));
    }
    let rows = q
        .filter(cond)
        .order_by_asc(measure::Column::SortKey)
        .all(db)
        .await?;
    // Diacritics cannot be folded portably in SQL; a plan's measures are few, so the responsible
    // body is matched here.
    Ok(match &f.responsible_body {
        Some(body) => rows
            .into_iter()
            .filter(|m| shared::search::fold(&m.responsible_body).contains(body.as_str()))
            .collect(),
        None => rows,
    })
}

/// Ids of the plan's measures whose status that counts ([`shared::status::latest`]: the latest
/// published report's first row) is of `kind`.
async fn with_status(
    db: &DatabaseConnection,
    plan_id: i32,
    kind: shared::status::StatusKind,
) -> Result<Vec<i32>, DbErr> {
    let rows = measure_status::Entity::find()
        .filter(measure_status::Column::Published.eq(true))
        .filter(
            measure_status::Column::MeasureId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(measure::Column::Id)
                    .from(measure::Entity)
                    .cond_where(measure::Entity::in_plan(plan_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?;
    let mut ids: Vec<i32> =
        shared::status::latest(rows, |s| s.measure_id, super::facts::status_row)
            .into_iter()
            .filter(|(_, s)| s.status == kind.as_str())
            .map(|(id, _)| id)
            .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// Rows whose folded search text contains every term, at most `limit`, in code order.
pub async fn search_areas(
    db: &DatabaseConnection,
    plan_id: i32,
    terms: &[String],
    limit: u64,
) -> Result<Vec<area::Model>, DbErr> {
    let mut cond = Condition::all().add(area::Column::PlanId.eq(plan_id));
    for t in terms {
        cond = cond.add(area::Column::SearchText.like(like(t)));
    }
    area::Entity::find()
        .filter(cond)
        .order_by_asc(area::Column::SortKey)
        .limit(limit)
        .all(db)
        .await
}

pub async fn search_strategic_goals(
    db: &DatabaseConnection,
    plan_id: i32,
    terms: &[String],
    limit: u64,
) -> Result<Vec<strategic_goal::Model>, DbErr> {
    let mut cond = Condition::all().add(strategic_goal::Column::PlanId.eq(plan_id));
    for t in terms {
        cond = cond.add(strategic_goal::Column::SearchText.like(like(t)));
    }
    strategic_goal::Entity::find()
        .filter(cond)
        .order_by_asc(strategic_goal::Column::SortKey)
        .limit(limit)
        .all(db)
        .await
}

pub async fn search_specific_goals(
    db: &DatabaseConnection,
    plan_id: i32,
    terms: &[String],
    limit: u64,
) -> Result<Vec<specific_goal::Model>, DbErr> {
    let mut cond = Condition::all().add(specific_goal::Column::PlanId.eq(plan_id));
    for t in terms {
        cond = cond.add(specific_goal::Column::SearchText.like(like(t)));
    }
    specific_goal::Entity::find()
        .filter(cond)
        .order_by_asc(specific_goal::Column::SortKey)
        .limit(limit)
        .all(db)
        .await
}

pub async fn search_organisations(
    db: &DatabaseConnection,
    plan_id: i32,
    terms: &[String],
    limit: u64,
) -> Result<Vec<organisation::Model>, DbErr> {
    let mut cond = Condition::all().add(organisation::Column::PlanId.eq(plan_id));
    for t in terms {
        cond = cond.add(organisation::Column::SearchText.like(like(t)));
    }
    organisation::Entity::find()
        .filter(cond)
        .order_by_asc(organisation::Column::Name)
        .limit(limit)
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{DbBackend, QueryTrait};

    #[test]
    fn wildcards_are_escaped() {
        assert_eq!(escape_like("100%"), "100\\%");
        assert_eq!(escape_like("a_b\\c"), "a\\_b\\\\c");
        assert_eq!(escape_like("bydleni"), "bydleni");
    }

    #[test]
    fn both_databases_get_the_escape_character() {
        for (backend, escape) in [
            (DbBackend::Sqlite, r"LIKE ? ESCAPE '\'"),
            (DbBackend::Postgres, r"LIKE $1 ESCAPE E'\\'"),
        ] {
            let st = measure::Entity::find()
                .filter(measure::Column::SearchText.like(like("%")))
                .build(backend);
            assert!(st.sql.ends_with(escape), "{backend:?}: {}", st.sql);
            let values = format!("{:?}", st.values);
            assert!(values.contains(r#""%\\%%""#), "{backend:?}: {values}");
        }
    }
}
