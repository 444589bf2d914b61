//! Drafting the yearly implementation reports (coordinators and admins):
//!
//! - `/sprava/zpravy`: every report of the plan, drafts too, and a form for a new draft;
//! - `/sprava/zpravy/:id`: a draft's narrative sections in the document's order, each area's and
//!   specific goal's figures beside its sections (so the writer sees what the text comments on),
//!   then issuing it; an issued report only links its files;
//! - `/sprava/zpravy/:id/nahled`: the report as it would be issued now, as the server lays it
//!   out (the same view the PDF and DOCX are made from, every text escaped there).
//!
//! Saving a section raises the report's version: two people writing the same report at once
//! meet a `CONFLICT` that keeps what they typed, never a silent overwrite.

use leptos::prelude::*;
use serde::Deserialize;
use serde_json::json;
use shared::Date;
use shared::format::{self, Lang};

use crate::components::form::{Field, field};
use crate::components::link::link;
use crate::components::staff::{Saver, StaffSpec, history_link, staff_view};
use crate::i18n::T;
use crate::pages::reports::{Download, downloads};
use crate::queries;
use crate::routes::Route;
use crate::session::Me;

/// `/sprava/zpravy`'s answer.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ListData {
    reports: Vec<ReportRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReportRow {
    id: i32,
    number: i32,
    title: String,
    lang: String,
    period_from: String,
    period_to: String,
    cutoff: String,
    state: String,
    issued_at: Option<String>,
    downloads: Vec<Download>,
}

/// `/sprava/zpravy/:id`'s answer.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct EditData {
    report: EditReport,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EditReport {
    id: i32,
    version: i32,
    title: String,
    period_from: String,
    period_to: String,
    cutoff: String,
    state: String,
    issued_at: Option<String>,
    downloads: Vec<Download>,
    parts: Vec<PartData>,
}

#[derive(Debug, Clone, Deserialize)]
struct PartData {
    section: String,
    title: String,
    context: String,
    figures: Vec<Figure>,
    narrative: Option<Narrative>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Figure {
    label: String,
    value: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Narrative {
    id: i32,
    text: String,
}

/// `/sprava/zpravy/:id/nahled`'s answer.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PreviewData {
    report: PreviewReport,
}

#[derive(Debug, Clone, Deserialize)]
struct PreviewReport {
    id: i32,
    title: String,
    state: String,
    /// An `<article>` the server built from the report's view, every text escaped.
    preview: String,
}

const ISSUED: &str = "ISSUED";

/// An ISO date (`2024-12-31`) as the app's language writes it; the text itself otherwise.
fn date(iso: &str, lang: Lang) -> String {
    iso.get(..10)
        .and_then(|d| d.parse::<Date>().ok())
        .map_or_else(|| iso.to_owned(), |d| format::date(d, lang))
}

fn period(from: &str, to: &str, cutoff: &str, lang: Lang) -> String {
    format!(
        "{}: {} – {}. {} {}.",
        T::ReportPeriod.get(lang),
        date(from, lang),
        date(to, lang),
        T::ReportCutoff.get(lang),
        date(cutoff, lang)
    )
}

/// A report's state as a chip: a draft is still in progress, an issued report done.
fn state_chip(state: &str, lang: Lang) -> AnyView {
    let (class, text) = if state == ISSUED {
        ("chip chip-completed", T::ReportIssued.get(lang))
    } else {
        ("chip chip-in-progress", T::ReportDraft.get(lang))
    };
    view! { <span class=class>{text}</span> }.into_any()
}

/// The report named by the route's `:id` (`0`, which no report has, when it is not a number).
fn report_spec(page: &'static str, heading: T, query: &'static str) -> StaffSpec {
    let id = leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    let number = id.parse::<i32>().unwrap_or(0);
    StaffSpec {
        page,
        heading: Box::new(move |lang| heading.get(lang).to_owned()),
        allowed: Me::publishes,
        denied: T::PublishersOnly,
        record: Some((T::ReportWord, id)),
        query,
        variables: json!({ "id": number }),
    }
}

/// The list of reports and the form for a new draft.
#[component]
pub fn ManageReportsPage() -> impl IntoView {
    let spec = StaffSpec {
        page: "manage-reports",
        heading: Box::new(|lang| T::ManageReportsTitle.get(lang).to_owned()),
        allowed: Me::publishes,
        denied: T::PublishersOnly,
        record: None,
        query: queries::REPORT_LIST,
        variables: json!({ "plan": "ostrava" }),
    };
    staff_view(spec, render_list)
}

fn render_list(data: ListData, _: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let list = if data.reports.is_empty() {
        view! { <p class="notice">{T::NoReportDrafts.get(lang)}</p> }.into_any()
    } else {
        let items = data
            .reports
            .iter()
            .map(|r| {
                let issued = r
                    .issued_at
                    .as_deref()
                    .map(|t| format!(" {} {}.", T::ReportIssued.get(lang), date(t, lang)));
                let files = (r.state == ISSUED).then(|| downloads(&r.downloads, lang));
                view! {
                    <li class="report-item" data-report=r.id.to_string() data-state=r.state.clone()>
                        <h2>
                            {link(&Route::EditReport(r.id), view! { <span lang=r.lang.clone()>{r.title.clone()}</span> }.into_any())}
                            " "
                            {state_chip(&r.state, lang)}
                        </h2>
                        <p>{period(&r.period_from, &r.period_to, &r.cutoff, lang)} {issued}</p>
                        {files}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="reports">{items}</ul> }.into_any()
    };
    let numbers: Vec<i32> = data.reports.iter().map(|r| r.number).collect();
    view! {
        <p class="lead">{T::ManageReportsLead.get(lang)}</p>
        <p class="page-links">{link(&Route::Reports, T::PublicPage.get(lang).into_any())}</p>
        {list}
        {create_form(&numbers, saver)}
    }
    .into_any()
}

/// A new draft: number, title, language, period and cut-off. The server checks the rest (a
/// duplicate number, a reversed period, a cut-off in the future) and says which field is wrong.
fn create_form(numbers: &[i32], saver: Saver) -> AnyView {
    let lang = saver.lang();
    let next = numbers.iter().max().map_or(1, |n| n + 1);
    let number = saver
        .field(
            "report-number".into(),
            T::ReportNumber.get(lang),
            "number",
            &next.to_string(),
        )
        .required();
    let title = saver
        .field("report-title".into(), T::TitleLabel.get(lang), "text", "")
        .hint(T::ReportTitleHint.get(lang).to_owned());
    let language = saver
        .field(
            "report-lang".into(),
            T::ReportLang.get(lang),
            "select",
            "cs",
        )
        .options(vec![
            ("cs".into(), T::LangCzech.get(lang).into()),
            ("en".into(), T::LangEnglish.get(lang).into()),
        ]);
    let from = saver
        .field("report-from".into(), T::PeriodFrom.get(lang), "date", "")
        .required();
    let to = saver
        .field("report-to".into(), T::PeriodTo.get(lang), "date", "")
        .required();
    let cutoff = saver
        .field(
            "report-cutoff".into(),
            T::ReportCutoff.get(lang),
            "date",
            "",
        )
        .required()
        .hint(T::CutoffHint.get(lang).to_owned());
    let values = [
        number.value,
        title.value,
        language.value,
        from.value,
        to.value,
        cutoff.value,
    ];
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let [number, title, language, from, to, cutoff] = values.map(|v| v.get_untracked());
        let Ok(number) = number.trim().parse::<i32>() else {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        };
        let mut input = json!({
            "number": number,
            "lang": language,
            "periodFrom": from.trim(),
            "periodTo": to.trim(),
            "cutoff": cutoff.trim(),
        });
        if !title.trim().is_empty() {
            input["title"] = json!(title.trim());
        }
        saver.save(
            queries::REPORT_CREATE,
            json!({ "input": input }),
            T::DraftCreated,
        );
    };
    let row = |fields: Vec<Field>| fields.into_iter().map(|f| field(f, lang)).collect_view();
    view! {
        <section aria-labelledby="new-report-title">
            <h2 id="new-report-title">{T::NewReport.get(lang)}</h2>
            <form class="form" id="new-report" on:submit=submit>
                <div class="field-row">{row(vec![number, language])}</div>
                {field(title, lang)}
                <div class="field-row">{row(vec![from, to, cutoff])}</div>
                <div class="form-actions">
                    <button type="submit" class="button">{T::CreateDraft.get(lang)}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// A draft's editor.
#[component]
pub fn EditReportPage() -> impl IntoView {
    staff_view(
        report_spec("edit-report", T::EditReport, queries::REPORT_EDIT),
        render_editor,
    )
}

/// Consecutive sections about the same thing (one specific goal's three, say) share a heading
/// and one list of figures.
struct Group {
    context: String,
    figures: Vec<Figure>,
    parts: Vec<PartData>,
}

fn groups(parts: Vec<PartData>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for p in parts {
        match out.last_mut() {
            Some(g) if g.context == p.context && g.figures == p.figures => g.parts.push(p),
            _ => out.push(Group {
                context: p.context.clone(),
                figures: p.figures.clone(),
                parts: vec![p],
            }),
        }
    }
    out
}

fn render_editor(data: EditData, _: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let r = data.report;
    let issued = r.state == ISSUED;
    let head = view! {
        <p class="lead">{r.title.clone()} " · " {state_chip(&r.state, lang)}</p>
        <p>{period(&r.period_from, &r.period_to, &r.cutoff, lang)}
            {r.issued_at.as_deref().map(|t| format!(" {} {}.", T::ReportIssued.get(lang), date(t, lang)))}</p>
        <p class="page-links">
            {link(&Route::ReportPreview(r.id), T::Preview.get(lang).into_any())}
            " · "
            {link(&Route::ManageReports, T::ManageReportsTitle.get(lang).into_any())}
        </p>
    };
    if issued {
        return view! {
            {head}
            <p class="notice">{T::IssuedReadOnly.get(lang)}</p>
            {downloads(&r.downloads, lang)}
        }
        .into_any();
    }
    let (id, version) = (r.id, r.version);
    let sections = groups(r.parts)
        .into_iter()
        .map(|g| {
            let heading = if g.context.is_empty() {
                T::WholePlan.get(lang).to_owned()
            } else {
                g.context.clone()
            };
            let figures = (!g.figures.is_empty()).then(|| {
                let rows = g
                    .figures
                    .iter()
                    .map(|f| view! { <dt>{f.label.clone()}</dt><dd>{f.value.clone()}</dd> })
                    .collect_view();
                view! {
                    <aside class="report-figures">
                        <h3>{T::ReportFigures.get(lang)}</h3>
                        <dl>{rows}</dl>
                    </aside>
                }
            });
            let forms = g
                .parts
                .into_iter()
                .map(|p| section_form(id, version, p, saver))
                .collect_view();
            view! {
                <section class="report-group">
                    <h2>{heading}</h2>
                    <div class="report-columns">
                        <div class="report-forms">{forms}</div>
                        {figures}
                    </div>
                </section>
            }
        })
        .collect_view();
    view! {
        {head}
        {sections}
        {issue_form(id, version, saver)}
    }
    .into_any()
}

/// The form id of a section: `part-goal-2.1.3-strengths`.
fn form_id(section: &str) -> String {
    format!("part-{}", section.replace('/', "-"))
}

fn section_form(report: i32, version: i32, p: PartData, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = form_id(&p.section);
    let text = saver
        .field(
            format!("{id}-text"),
            &p.title,
            "textarea",
            &p.narrative
                .as_ref()
                .map(|n| n.text.clone())
                .unwrap_or_default(),
        )
        .hint(T::NarrativeHint.get(lang).to_owned());
    let value = text.value;
    let section = p.section.clone();
    let form = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = json!({ "input": {
            "reportId": report,
            "reportVersion": version,
            "section": section,
            "text": value.get_untracked(),
        }});
        saver.save_form(&form, queries::REPORT_DRAFT, vars, T::Changed);
    };
    let history = p
        .narrative
        .as_ref()
        .map(|n| history_link("report_narrative", n.id, lang));
    view! {
        <form class="form report-section" id=id data-section=p.section.clone() on:submit=submit>
            {field(text, lang)}
            <div class="form-actions">
                <button type="submit" class="button">{T::SaveSection.get(lang)}</button>
                {history}
            </div>
        </form>
    }
    .into_any()
}

/// Issuing: a box to tick first, because an issued report never changes.
fn issue_form(report: i32, version: i32, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saver.save(
            queries::REPORT_ISSUE,
            json!({ "input": { "reportId": report, "version": version } }),
            T::ReportIssuedOk,
        );
    };
    view! {
        <section aria-labelledby="issue-title">
            <h2 id="issue-title">{T::IssueTitle.get(lang)}</h2>
            <form class="form" id="issue-report" on:submit=submit>
                <p>{T::IssueLead.get(lang)}</p>
                <label class="check">
                    <input type="checkbox" id="issue-confirm" required=true />
                    {T::IssueConfirm.get(lang)}
                </label>
                <div class="form-actions">
                    <button type="submit" class="button">{T::IssueButton.get(lang)}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// The preview of a report.
#[component]
pub fn ReportPreviewPage() -> impl IntoView {
    staff_view(
        report_spec("report-preview", T::PreviewTitle, queries::REPORT_PREVIEW),
        render_preview,
    )
}

fn render_preview(data: PreviewData, _: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let r = data.report;
    let back = if r.state == ISSUED {
        T::ManageReportsTitle
    } else {
        T::BackToDraft
    };
    view! {
        <p class="lead">{T::PreviewLead.get(lang)}</p>
        <p class="page-links">{link(&Route::EditReport(r.id), back.get(lang).into_any())}</p>
        <div class="report-frame" aria-label=r.title inner_html=r.preview></div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(section: &str, context: &str, figure: &str) -> PartData {
        PartData {
            section: section.into(),
            title: section.into(),
            context: context.into(),
            figures: vec![Figure {
                label: figure.into(),
                value: "1".into(),
            }],
            narrative: None,
        }
    }

    #[test]
    fn a_goals_sections_share_one_heading_and_its_figures() {
        let g = groups(vec![
            part("summary", "", "a"),
            part("plan-link", "", "b"),
            part("goal/1.1.1/strengths", "1.1.1", "c"),
            part("goal/1.1.1/weaknesses", "1.1.1", "c"),
            part("goal/1.1.2/strengths", "1.1.2", "d"),
        ]);
        let shape: Vec<(String, usize)> = g
            .iter()
            .map(|g| (g.context.clone(), g.parts.len()))
            .collect();
        assert_eq!(
            shape,
            [
                (String::new(), 1),
                (String::new(), 1),
                ("1.1.1".into(), 2),
                ("1.1.2".into(), 1)
            ]
        );
        assert_eq!(form_id("goal/2.1.3/strengths"), "part-goal-2.1.3-strengths");
        assert_eq!(date("2024-12-31", Lang::Cs), "31.\u{a0}12.\u{a0}2024");
        assert_eq!(
            date("2025-03-31T10:00:00Z", Lang::En),
            date("2025-03-31", Lang::En)
        );
    }
}
