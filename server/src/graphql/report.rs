//! Yearly implementation reports: drafting (narratives per section), issuing (freezing the
//! published data and storing the rendered files) and listing. Coordinators of the plan draft
//! and issue; the public sees issued reports only.

use async_graphql::{ComplexObject, Context, Enum, InputObject, Object, SimpleObject};
use sea_orm::Set;
use shared::Date;
use shared::code::Level;
use shared::format::Lang;
use shared::report::Section;
use shared::validate::{self, Rule, ValidationError};

use super::entry::check;
use super::{auth, db, plan_id};
use crate::auth::Need;
use crate::entity::{report, report_file, report_narrative};
use crate::error::{ApiError, ApiResult};
use crate::reports::{Frozen, Reports};
use crate::store::lookup;
use crate::store::report::{self as store, DRAFT, ISSUED};
use crate::store::write::{Action, Write};
use ::report::view as report_view;

/// Where a report stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum ReportState {
    /// Being written; only staff see it.
    Draft,
    /// Frozen and public; never changes again.
    Issued,
}

/// A file of an issued report.
#[derive(SimpleObject)]
pub struct ReportDownload {
    /// `PDF` or `DOCX`.
    pub format: String,
    /// Where to download it (`/zpravy/3.pdf`).
    pub url: String,
    pub size: i64,
    /// Hex SHA-256 of the file (its entity tag).
    pub sha256: String,
}

/// A narrative section of a report as stored.
#[derive(SimpleObject)]
pub struct ReportNarrative {
    pub id: i32,
    pub version: i32,
    /// The section's key (`summary`, `goal/2.1.3/strengths`, `area/2/people`).
    pub section: String,
    /// The section's heading in the report's language.
    pub title: String,
    pub text: String,
}

/// A label and its value, formatted as the report prints them.
#[derive(SimpleObject)]
pub struct ReportFigure {
    pub label: String,
    pub value: String,
}

/// A place to write in a report: its section, where it is, the figures it comments on and the
/// text saved so far.
#[derive(SimpleObject)]
pub struct ReportPart {
    /// The section's key (`summary`, `area/2/people`, `goal/2.1.3/strengths`).
    pub section: String,
    /// The section's heading in the report's language.
    pub title: String,
    /// The area or specific goal it belongs to (`Specifický cíl 2.1.3: …`); empty for the
    /// plan-wide sections.
    pub context: String,
    /// The figures the section comments on, as the report prints them.
    pub figures: Vec<ReportFigure>,
    /// The text saved so far; null when nothing was.
    pub narrative: Option<ReportNarrative>,
}

/// A yearly implementation report ("Zpráva o naplňování Plánu").
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Report {
    pub id: i32,
    pub version: i32,
    pub number: i32,
    pub title: String,
    /// `cs` or `en`: the language the report is made in.
    pub lang: String,
    /// First day of the reporting period (ISO 8601).
    pub period_from: String,
    /// Last day of the reporting period (ISO 8601).
    pub period_to: String,
    /// The date the data are taken at (ISO 8601).
    pub cutoff: String,
    pub state: ReportState,
    /// When it was issued (RFC 3339), null for a draft.
    pub issued_at: Option<String>,
    #[graphql(skip)]
    pub row: report::Model,
    /// An issued report's files when the read model had them (no statement for `downloads`).
    #[graphql(skip)]
    pub files: Option<Vec<store::FileInfo>>,
}

impl From<&store::Issued> for Report {
    fn from(issued: &store::Issued) -> Report {
        Report {
            files: Some(issued.files.clone()),
            ..Report::from(issued.row.clone())
        }
    }
}

impl From<report::Model> for Report {
    fn from(m: report::Model) -> Report {
        Report {
            id: m.id,
            version: m.version,
            number: m.number,
            title: m.title.clone(),
            lang: m.lang.clone(),
            period_from: m.period_from.clone(),
            period_to: m.period_to.clone(),
            cutoff: m.cutoff.clone(),
            state: if m.state == ISSUED {
                ReportState::Issued
            } else {
                ReportState::Draft
            },
            issued_at: m.issued_at.clone(),
            row: m,
            files: None,
        }
    }
}

#[ComplexObject]
impl Report {
    /// The number of the action plan the report evaluates.
    async fn action_plan(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        use sea_orm::EntityTrait;
        let id = self.row.action_plan_id;
        if let Some(model) = super::plan_model(ctx, self.row.plan_id).await? {
            return Ok(model
                .action_plans_by_plan
                .get(&self.row.plan_id)
                .and_then(|all| all.iter().find(|a| a.id == id))
                .map(|a| a.number)
                .unwrap_or_default());
        }
        Ok(crate::entity::action_plan::Entity::find_by_id(id)
            .one(db(ctx))
            .await
            .map_err(ApiError::from)?
            .map(|a| a.number)
            .unwrap_or_default())
    }

    /// The issued report's files; none for a draft.
    async fn downloads(&self, ctx: &Context<'_>) -> ApiResult<Vec<ReportDownload>> {
        if self.state != ReportState::Issued {
            return Ok(Vec::new());
        }
        let files = match &self.files {
            Some(files) => files.clone(),
            None => store::files(db(ctx), self.id)
                .await
                .map_err(ApiError::from)?,
        };
        Ok(files
            .into_iter()
            .map(|f| ReportDownload {
                url: format!("/zpravy/{}.{}", self.id, f.format.to_ascii_lowercase()),
                format: f.format,
                size: f.size,
                sha256: f.sha256,
            })
            .collect())
    }

    /// Every section of the report to write, in the document's order, with the figures each
    /// comments on and its text so far (a draft from the published data now, an issued report
    /// from what it froze).
    async fn parts(&self, ctx: &Context<'_>) -> ApiResult<Vec<ReportPart>> {
        let narratives = store::narratives(db(ctx), self.id)
            .await
            .map_err(ApiError::from)?;
        let view = self.view(ctx, Some(&narratives)).await?;
        let mut saved: std::collections::HashMap<String, report_narrative::Model> = narratives
            .into_iter()
            .map(|n| (n.section.clone(), n))
            .collect();
        Ok(::report::outline::outline(&view)
            .into_iter()
            .map(|p| ReportPart {
                narrative: saved.remove(&p.key).map(|n| ReportNarrative {
                    id: n.id,
                    version: n.version,
                    section: n.section,
                    title: p.title.clone(),
                    text: n.text,
                }),
                section: p.key,
                title: p.title,
                context: p.context,
                figures: p
                    .figures
                    .into_iter()
                    .map(|f| ReportFigure {
                        label: f.label,
                        value: f.value,
                    })
                    .collect(),
            })
            .collect())
    }

    /// The whole report as an HTML fragment (one `<article>`, every text escaped), laid out
    /// like the PDF: the app's preview while drafting.
    async fn preview(&self, ctx: &Context<'_>) -> ApiResult<String> {
        Ok(::report::html::render(&self.view(ctx, None).await?))
    }

    /// The narrative sections written so far, in key order.
    async fn narratives(&self, ctx: &Context<'_>) -> ApiResult<Vec<ReportNarrative>> {
        let lang = Lang::from_code(&self.lang).unwrap_or_default();
        let year = report_year(&self.row);
        Ok(store::narratives(db(ctx), self.id)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .map(|n| ReportNarrative {
                title: n
                    .section
                    .parse::<Section>()
                    .map(|s| s.title(year, lang))
                    .unwrap_or_default(),
                id: n.id,
                version: n.version,
                section: n.section,
                text: n.text,
            })
            .collect())
    }
}

/// Its preview and places to write are assembled from a snapshot of the published data: the
/// costliest read of a report, weighted so (see `cost::WEIGHTS`).
impl Report {
    async fn view(
        &self,
        ctx: &Context<'_>,
        saved: Option<&[report_narrative::Model]>,
    ) -> ApiResult<report_view::Report> {
        Ok(ctx
            .data::<Reports>()?
            .view(db(ctx), &self.row, saved)
            .await?)
    }
}

/// The last year of the reporting period (the yearly summary's "Shrnutí za rok …").
fn report_year(r: &report::Model) -> i32 {
    r.period_to.parse::<Date>().map(|d| d.year()).unwrap_or(0)
}

/// A new report draft.
#[derive(InputObject)]
pub struct CreateReportInput {
    #[graphql(default_with = "\"ostrava\".to_string()")]
    pub plan: String,
    /// The action plan the report evaluates.
    #[graphql(default = 1)]
    pub action_plan: i32,
    /// The report's number (`3` for the III. zpráva).
    pub number: i32,
    /// Defaults to "<number in Roman numerals>. zpráva o naplňování Plánu".
    pub title: Option<String>,
    /// `cs` (default) or `en`.
    #[graphql(default_with = "\"cs\".to_string()")]
    pub lang: String,
    pub period_from: String,
    pub period_to: String,
    /// The date the data are taken at: within or after the period, not in the future.
    pub cutoff: String,
}

/// A narrative section's new text.
#[derive(InputObject)]
pub struct ReportNarrativeInput {
    pub report_id: i32,
    /// The report's version as read: saving a section raises it, so two people editing the
    /// same report notice each other.
    pub report_version: i32,
    /// The section's key (`summary`, `goal/2.1.3/strengths` …).
    pub section: String,
    pub text: String,
}

/// Issuing a report.
#[derive(InputObject)]
pub struct IssueReportInput {
    pub report_id: i32,
    /// The version read: a report changed meanwhile is `CONFLICT`, not issued.
    pub version: i32,
}

fn invalid(field: &str, rule: Rule) -> async_graphql::Error {
    ApiError::from(ValidationError::new(field, rule)).into()
}

/// Roman numerals for a report's default title (numbers are 1–999).
fn roman(n: i32) -> String {
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The default title of report `number` in `lang`.
fn default_title(number: i32, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("{}. zpráva o naplňování Plánu", roman(number)),
        Lang::En => format!("Implementation report {number}"),
    }
}

/// The report `id` the caller may see (a draft needs the plan's internal data), else
/// `NOT_FOUND`, so a draft's existence is not told to the public.
async fn visible(ctx: &Context<'_>, id: i32) -> ApiResult<report::Model> {
    let r = store::find(db(ctx), id)
        .await
        .map_err(ApiError::from)?
        .ok_or_else(|| ApiError::not_found(format!("report {id}")))?;
    if r.state != ISSUED && !auth(ctx).reads_internal(r.plan_id) {
        return Err(ApiError::not_found(format!("report {id}")).into());
    }
    Ok(r)
}

/// A draft the caller may change (`EditPlan` of its plan); an issued report is `ISSUED`.
async fn editable<'a>(
    ctx: &'a Context<'_>,
    id: i32,
) -> ApiResult<(report::Model, &'a crate::auth::Actor)> {
    let a = auth(ctx);
    a.check_csrf()?;
    let r = store::find(db(ctx), id)
        .await
        .map_err(ApiError::from)?
        .ok_or_else(|| ApiError::not_found(format!("report {id}")))?;
    let actor = a.require(&Need::EditPlan { plan_id: r.plan_id })?;
    if r.state == ISSUED {
        return Err(invalid("reportId", Rule::Issued));
    }
    Ok((r, actor))
}

/// Reading reports.
#[derive(Default)]
pub struct ReportQuery;

#[Object]
impl ReportQuery {
    /// The plan's reports, newest first: issued ones for everybody, drafts too for staff who
    /// read the plan's internal data.
    async fn reports(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
    ) -> ApiResult<Vec<Report>> {
        let plan_id = plan_id(ctx, &plan).await?;
        let drafts = auth(ctx).reads_internal(plan_id);
        // The public list (and the overview's link) from the read model, with no statement.
        if !drafts && let Some(model) = super::plan_model(ctx, plan_id).await? {
            return Ok(model.reports.iter().map(Report::from).collect());
        }
        Ok(store::list(db(ctx), plan_id, drafts)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .map(Report::from)
            .collect())
    }

    /// One report (a draft only for staff who read the plan's internal data).
    async fn report(&self, ctx: &Context<'_>, id: i32) -> ApiResult<Report> {
        Ok(visible(ctx, id).await?.into())
    }
}

/// Drafting and issuing reports.
#[derive(Default)]
pub struct ReportMutation;

#[Object]
impl ReportMutation {
    /// Starts a report draft. Each specific goal's yearly summary starts from the latest one in
    /// the data.
    async fn create_report(
        &self,
        ctx: &Context<'_>,
        input: CreateReportInput,
    ) -> ApiResult<Report> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let lang = Lang::from_code(&input.lang)
            .filter(|_| input.lang.len() <= 5)
            .ok_or_else(|| invalid("lang", Rule::UnknownId))?;
        check(validate::within("number", i64::from(input.number), 1, 999))?;
        let action_plan = store::action_plan(db, plan_id, input.action_plan)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| invalid("actionPlan", Rule::UnknownId))?;
        let (from, to) = check(validate::period(
            "periodFrom",
            Some(&input.period_from),
            "periodTo",
            Some(&input.period_to),
        ))?;
        let from = from.ok_or_else(|| invalid("periodFrom", Rule::Required))?;
        let to = to.ok_or_else(|| invalid("periodTo", Rule::Required))?;
        let cutoff = check(validate::date("cutoff", &input.cutoff))?;
        let today = ctx.data::<super::Clock>()?.today();
        if cutoff < from || cutoff > today {
            return Err(invalid(
                "cutoff",
                Rule::DateOutOfRange {
                    from: from.to_string(),
                    to: today.to_string(),
                },
            ));
        }
        let title = match input.title.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => check(validate::line("title", t))?,
            _ => default_title(input.number, lang),
        };
        let summaries = store::latest_summaries(db, plan_id)
            .await
            .map_err(ApiError::from)?;
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        if store::list(&w.txn, plan_id, true)
            .await
            .map_err(ApiError::from)?
            .iter()
            .any(|r| r.number == input.number && r.lang == lang.code())
        {
            return Err(invalid("number", Rule::Duplicate));
        }
        let created = w
            .create::<report::Entity>(
                "report",
                report::ActiveModel {
                    plan_id: Set(plan_id),
                    action_plan_id: Set(action_plan.id),
                    number: Set(input.number),
                    title: Set(title),
                    lang: Set(lang.code().to_owned()),
                    period_from: Set(from.to_string()),
                    period_to: Set(to.to_string()),
                    cutoff: Set(cutoff.to_string()),
                    state: Set(DRAFT.to_owned()),
                    created_at: Set(crate::store::write::timestamp()),
                    issued_at: Set(None),
                    issued_by: Set(None),
                    snapshot: Set(None),
                    ..Default::default()
                },
            )
            .await?;
        // The starting texts are part of creating the report (its one audit record).
        for (code, text) in summaries {
            let Ok(code) = code.parse() else { continue };
            w.insert(report_narrative::ActiveModel {
                report_id: Set(created.id),
                section: Set(Section::YearSummary(code).key()),
                text: Set(text),
                version: Set(1),
                ..Default::default()
            })
            .await?;
        }
        w.commit().await?;
        Ok(created.into())
    }

    /// Saves one narrative section of a draft (an empty text clears it). The report's
    /// version is checked and raised, so a section changed meanwhile by someone else is
    /// `CONFLICT`, never overwritten.
    async fn save_report_narrative(
        &self,
        ctx: &Context<'_>,
        input: ReportNarrativeInput,
    ) -> ApiResult<Report> {
        let (r, actor) = editable(ctx, input.report_id).await?;
        let section: Section = input
            .section
            .parse()
            .map_err(|_| invalid("section", Rule::UnknownId))?;
        let text = check(validate::optional_text("text", &input.text))?;
        let db = db(ctx);
        // A section of an area or goal the plan does not have is no section of its report.
        if let Some(code) = section.code() {
            let known = match code.level() {
                Level::Area => lookup::area(db, r.plan_id, code)
                    .await
                    .map_err(ApiError::from)?
                    .is_some(),
                _ => lookup::specific_goal(db, r.plan_id, code)
                    .await
                    .map_err(ApiError::from)?
                    .is_some(),
            };
            if !known {
                return Err(invalid("section", Rule::UnknownId));
            }
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(r.plan_id)).await?;
        // Raising the report's version first makes a concurrent save lose with `CONFLICT`.
        let after = w
            .update_audited::<report::Entity>(
                "report",
                Action::Update,
                &r,
                report::ActiveModel::default(),
                input.report_version,
            )
            .await?;
        let existing = store::narratives(&w.txn, r.id)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .find(|n| n.section == section.key());
        let fields = report_narrative::ActiveModel {
            report_id: Set(r.id),
            section: Set(section.key()),
            text: Set(text),
            ..Default::default()
        };
        w.save_versioned::<report_narrative::Entity>(
            "report_narrative",
            existing.as_ref().map(|n| (n, n.version)),
            fields,
        )
        .await?;
        w.commit().await?;
        Ok(after.into())
    }

    /// Issues a draft: freezes a snapshot of the published data as of now with the
    /// narratives, renders the files and stores them. An issued report never changes.
    async fn issue_report(&self, ctx: &Context<'_>, input: IssueReportInput) -> ApiResult<Report> {
        let (r, actor) = editable(ctx, input.report_id).await?;
        if r.version != input.version {
            return Err(ApiError::Conflict {
                current_version: r.version,
            }
            .into());
        }
        let db = db(ctx);
        let reports = ctx.data::<Reports>()?;
        let today = ctx.data::<super::Clock>()?.today();
        let narratives = store::narratives(db, r.id)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .map(|n| (n.section, n.text))
            .collect();
        let frozen = Frozen {
            data: reports.snapshot(db, &r).await?,
            narratives,
        };
        let action_plan = crate::reports::action_plan_number(db, &r).await?;
        let files = reports
            .render(&r, action_plan, &frozen, Some(today))
            .await?;
        let snapshot = serde_json::to_string(&frozen).map_err(|e| {
            tracing::error!(error = %e, "cannot serialise a report snapshot");
            ApiError::Internal
        })?;
        let w = Write::begin(db, super::versions(ctx), actor, Some(r.plan_id)).await?;
        let after = w
            .update_audited::<report::Entity>(
                "report",
                Action::Publish,
                &r,
                report::ActiveModel {
                    state: Set(ISSUED.to_owned()),
                    issued_at: Set(Some(crate::store::write::timestamp())),
                    issued_by: Set(Some(actor.name.clone())),
                    snapshot: Set(Some(snapshot)),
                    ..Default::default()
                },
                input.version,
            )
            .await?;
        for file in files {
            w.insert(report_file::ActiveModel {
                report_id: Set(r.id),
                format: Set(file.format.to_owned()),
                sha256: Set(file.sha256),
                size: Set(i64::try_from(file.bytes.len()).unwrap_or(i64::MAX)),
                content: Set(file.bytes),
                ..Default::default()
            })
            .await?;
        }
        w.commit().await?;
        Ok(after.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_titles_number_reports_in_roman() {
        assert_eq!(default_title(3, Lang::Cs), "III. zpráva o naplňování Plánu");
        assert_eq!(roman(1), "I");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(49), "XLIX");
        assert_eq!(roman(999), "CMXCIX");
    }
}
