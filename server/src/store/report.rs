//! Reports, their narratives and their stored files.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entity::{action_plan, report, report_file, report_narrative, specific_goal, summary};
use crate::store::model::InPlan;

/// `DRAFT`: being written, staff only.
pub const DRAFT: &str = "DRAFT";
/// `ISSUED`: frozen and public.
pub const ISSUED: &str = "ISSUED";

/// The reports of a plan, newest number first; drafts only when `with_drafts`.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    with_drafts: bool,
) -> Result<Vec<report::Model>, DbErr> {
    let mut q = report::Entity::find()
        .filter(report::Column::PlanId.eq(plan_id))
        // The frozen snapshot is large and no list needs it.
        .select_only()
        .columns([
            report::Column::Id,
            report::Column::PlanId,
            report::Column::ActionPlanId,
            report::Column::Number,
            report::Column::Title,
            report::Column::Lang,
            report::Column::PeriodFrom,
            report::Column::PeriodTo,
            report::Column::Cutoff,
            report::Column::State,
            report::Column::CreatedAt,
            report::Column::IssuedAt,
            report::Column::IssuedBy,
            report::Column::Version,
        ])
        .expr_as(sea_orm::sea_query::Expr::cust("NULL"), "snapshot");
    if !with_drafts {
        q = q.filter(report::Column::State.eq(ISSUED));
    }
    q.order_by_desc(report::Column::Number)
        .order_by_asc(report::Column::Lang)
        .all(db)
        .await
}

/// One report with its snapshot.
pub async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<report::Model>, DbErr> {
    report::Entity::find_by_id(id).one(db).await
}

/// A report's narratives in section order.
pub async fn narratives<C: ConnectionTrait>(
    db: &C,
    report_id: i32,
) -> Result<Vec<report_narrative::Model>, DbErr> {
    report_narrative::Entity::find()
        .filter(report_narrative::Column::ReportId.eq(report_id))
        .order_by_asc(report_narrative::Column::Section)
        .all(db)
        .await
}

/// What a stored file is, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct FileInfo {
    pub format: String,
    pub sha256: String,
    pub size: i64,
}

/// The files of an issued report, without their bytes, the PDF first.
pub async fn files<C: ConnectionTrait>(db: &C, report_id: i32) -> Result<Vec<FileInfo>, DbErr> {
    report_file::Entity::find()
        .filter(report_file::Column::ReportId.eq(report_id))
        .select_only()
        .columns([
            report_file::Column::Format,
            report_file::Column::Sha256,
            report_file::Column::Size,
        ])
        // `PDF` (for publishing) before `DOCX` (for editing).
        .order_by_desc(report_file::Column::Format)
        .into_model::<FileInfo>()
        .all(db)
        .await
}

/// An issued report as the read model holds it: its row (without the snapshot) and its files.
#[derive(Debug, Clone)]
pub struct Issued {
    pub row: report::Model,
    pub files: Vec<FileInfo>,
}

/// A stored file's facts with the report it belongs to.
#[derive(sea_orm::FromQueryResult)]
struct FileOf {
    report_id: i32,
    format: String,
    sha256: String,
    size: i64,
}

/// The plan's issued reports with their files (two statements), as [`list`] orders them.
pub async fn issued<C: ConnectionTrait>(db: &C, plan_id: i32) -> Result<Vec<Issued>, DbErr> {
    let rows = list(db, plan_id, false).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let files = report_file::Entity::find()
        .filter(report_file::Column::ReportId.is_in(rows.iter().map(|r| r.id)))
        .select_only()
        .columns([
            report_file::Column::ReportId,
            report_file::Column::Format,
            report_file::Column::Sha256,
            report_file::Column::Size,
        ])
        .order_by_desc(report_file::Column::Format)
        .into_model::<FileOf>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Issued {
            files: files
                .iter()
                .filter(|f| f.report_id == row.id)
                .map(|f| FileInfo {
                    format: f.format.clone(),
                    sha256: f.sha256.clone(),
                    size: f.size,
                })
                .collect(),
            row,
        })
        .collect())
}

/// The stored file of an issued report in `format`.
pub async fn file<C: ConnectionTrait>(
    db: &C,
    report_id: i32,
    format: &str,
) -> Result<Option<report_file::Model>, DbErr> {
    report_file::Entity::find()
        .filter(report_file::Column::ReportId.eq(report_id))
        .filter(report_file::Column::Format.eq(format))
        .one(db)
        .await
}

/// The plan's action plan numbered `number`.
pub async fn action_plan<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    number: i32,
) -> Result<Option<action_plan::Model>, DbErr> {
    action_plan::Entity::find()
        .filter(action_plan::Entity::in_plan(plan_id))
        .filter(action_plan::Column::Number.eq(number))
        .one(db)
        .await
}

/// Per specific goal of the plan, the text of its latest yearly summary: a new report's
/// starting text for "Shrnutí za rok … a příležitosti v roce …".
pub async fn latest_summaries<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
) -> Result<Vec<(String, String)>, DbErr> {
    let goals = specific_goal::Entity::find()
        .filter(specific_goal::Column::PlanId.eq(plan_id))
        .all(db)
        .await?;
    let summaries = summary::Entity::find()
        .filter(summary::Column::SpecificGoalId.is_in(goals.iter().map(|g| g.id)))
        .order_by_asc(summary::Column::Year)
        .order_by_asc(summary::Column::Id)
        .all(db)
        .await?;
    Ok(goals
        .iter()
        .filter_map(|g| {
            summaries
                .iter()
                .rfind(|s| s.specific_goal_id == g.id && !s.text.trim().is_empty())
                .map(|s| (g.code.clone(), s.text.clone()))
        })
        .collect())
}
