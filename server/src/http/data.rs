//! Open-data downloads: a dataset of a plan's published figures
//! (`/data/ostrava/opatreni.csv`, `.json`, `.xlsx`; `?oddelovac=strednik` for a `;`-separated
//! CSV as Czech Excel opens it; `?opatreni=2.1.3.4` for the rows a page's table shows) and the
//! whole plan (`/data/ostrava.xlsx`, a workbook of every
//! dataset, and `/data/ostrava.zip`, a data package of CSV files). Made from the plan's read model
//! (no statement when it is in memory), tagged with the plan's revision so a repeated download
//! is a `304`, and kept while the revision holds so a burst of downloads builds a file once.
//! An unknown plan, dataset or format is the app's `404`; a query string that is not a delimiter
//! and fields of the dataset is a `400`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::error::RequestError;
use crate::opendata::{self, Dataset, Filter, Meta};
use crate::store::model::PlanModel;

/// What a download is: one dataset in a format, or the whole plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum File {
    Csv(&'static Dataset, u8),
    Json(&'static Dataset),
    Xlsx(&'static Dataset),
    Workbook,
    Package,
}

impl File {
    fn content_type(self) -> &'static str {
        match self {
            File::Csv(..) => "text/csv; charset=utf-8",
            File::Json(_) => "application/json",
            File::Xlsx(_) | File::Workbook => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            File::Package => "application/zip",
        }
    }

    /// The dataset of a dataset's file.
    fn dataset(self) -> Option<&'static Dataset> {
        match self {
            File::Csv(d, _) | File::Json(d) | File::Xlsx(d) => Some(d),
            File::Workbook | File::Package => None,
        }
    }

    /// The name the file is saved under (`ostrava-opatreni.csv`,
    /// `ostrava-projekty-opatreni-2.1.3.4.xlsx`, `ostrava.zip`).
    fn name(self, plan: &str, filter: &Filter) -> String {
        let part = |d: &Dataset| format!("{plan}-{}{}", d.slug, filter.suffix(d));
        match self {
            File::Csv(d, b';') => format!("{}-strednik.csv", part(d)),
            File::Csv(d, _) => format!("{}.csv", part(d)),
            File::Json(d) => format!("{}.json", part(d)),
            File::Xlsx(d) => format!("{}.xlsx", part(d)),
            File::Workbook => format!("{plan}.xlsx"),
            File::Package => format!("{plan}.zip"),
        }
    }

    /// Writes the file of a plan's model, a dataset's only with the rows `filter` selects.
    /// Pure and synchronous (run off the async threads).
    /// A dataset's file holds the rows `rows` says, those `filter` selects.
    fn build(
        self,
        meta: &Meta,
        model: &PlanModel,
        filter: &Filter,
        rows: Rows,
    ) -> Result<Vec<u8>, String> {
        let drafts = !matches!(rows, Rows::Published);
        let rows = |d: &Dataset| {
            let rows = match &rows {
                Rows::Published => d.rows(model),
                Rows::WithDrafts => d.rows_with_drafts(model).unwrap_or_default(),
                Rows::Given(given) => given.clone(),
            };
            filter.apply(d, model, rows)
        };
        let fields = |d: &'static Dataset| {
            if drafts {
                std::borrow::Cow::Owned(d.fields_with_drafts())
            } else {
                std::borrow::Cow::Borrowed(d.fields)
            }
        };
        match self {
            File::Csv(d, delimiter) => {
                opendata::csv(&fields(d), &rows(d), delimiter).map_err(|e| e.to_string())
            }
            File::Json(d) => Ok(opendata::json(&fields(d), &rows(d))),
            File::Xlsx(d) => {
                opendata::xlsx::dataset(meta, d, &fields(d), &rows(d)).map_err(|e| e.to_string())
            }
            File::Workbook => opendata::xlsx::workbook(meta, model).map_err(|e| e.to_string()),
            File::Package => opendata::package::zip(meta, model).map_err(|e| e.to_string()),
        }
    }
}

/// Which rows a dataset's file holds.
#[derive(Debug)]
enum Rows {
    /// The published ones (every public file).
    Published,
    /// The published ones and the drafts, marked (staff exports).
    WithDrafts,
    /// These, read from the database (the staff export of the internal notes).
    Given(Vec<Vec<opendata::Cell>>),
}

/// A plan with one action plan's measures (`store::model::ReadModel::plan`).
type ModelKey = (i32, Option<i32>);

/// The files made lately, by plan and file, each with the revision it is of: a repeated download
/// of unchanged data costs no building. At most [`Exports::CAPACITY`] are kept (a few MB).
#[derive(Default)]
pub struct Exports {
    /// By plan and action plan, and file.
    kept: Mutex<HashMap<(ModelKey, File), (i64, Bytes)>>,
}

impl Exports {
    const CAPACITY: usize = 64;

    fn get(&self, plan_id: ModelKey, file: File, revision: i64) -> Option<Bytes> {
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.get(&(plan_id, file))
            .filter(|(r, _)| *r == revision)
            .map(|(_, bytes)| bytes.clone())
    }

    fn put(&self, plan_id: ModelKey, file: File, revision: i64, bytes: Bytes) {
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Stale files go first; when all are current, any one (the cache only saves work).
        if kept.len() >= Self::CAPACITY {
            kept.retain(|_, (r, _)| *r == revision);
        }
        if kept.len() >= Self::CAPACITY
            && let Some(key) = kept.keys().next().copied()
        {
            kept.remove(&key);
        }
        kept.insert((plan_id, file), (revision, bytes));
    }
}

/// `GET /data/{plan}/{dataset}.{csv|json|xlsx}`.
pub async fn dataset_file(
    State(state): State<AppState>,
    Path((plan, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let download = parse_file(&file, query.as_deref(), false);
    respond(&state, &plan, download, &headers).await
}

/// `GET /data/{plan}/koncepty/{dataset}.{csv|json|xlsx}`: a dataset with its drafts, each row
/// marked published or not, for those who read the plan's internal data (its coordinators
/// and admins); anyone else gets the `404` of an address that is not there. Never kept, never
/// cached by the browser or a proxy.
pub async fn staff_dataset_file(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((plan, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let download = parse_file(&file, query.as_deref(), true).and_then(|mut d| {
        // Only datasets that can have drafts, and the internal notes, have a staff export.
        if d.file
            .dataset()
            .is_some_and(|d| d.has_drafts() || *d == opendata::INTERNAL_NOTES)
        {
            d.drafts = Some(peer);
            Ok(d)
        } else {
            Err(RequestError::NotFound)
        }
    });
    respond(&state, &plan, download, &headers).await
}

/// `GET /data/{plan}.{xlsx|zip}`.
pub async fn plan_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let parsed = no_query(query.as_deref()).and_then(|()| {
        let (plan, ext) = file.rsplit_once('.').ok_or(RequestError::NotFound)?;
        let kind = match ext {
            "xlsx" => File::Workbook,
            "zip" => File::Package,
            _ => return Err(RequestError::NotFound),
        };
        Ok((plan.to_owned(), kind))
    });
    match parsed {
        Ok((plan, file)) => {
            let download = Download {
                file,
                filter: Filter::default(),
                action_plan: None,
                drafts: None,
            };
            respond(&state, &plan, Ok(download), &headers).await
        }
        Err(e) => e.into_response(),
    }
}

/// The id of the plan a URL names by slug: `NOT_FOUND` for no such plan, and for anything that
/// is not a slug (short ASCII), which is not looked up. `what` names the reader in the log.
pub(super) async fn plan_by_slug(
    state: &AppState,
    plan: &str,
    what: &str,
) -> Result<i32, RequestError> {
    if plan.is_empty()
        || plan.len() > 64
        || !plan.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(RequestError::NotFound);
    }
    state
        .read
        .plan_id(plan)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, what, "reading a plan");
            RequestError::Internal
        })?
        .ok_or(RequestError::NotFound)
}

/// A file and, for a dataset's, the rows it holds.
#[derive(Debug)]
struct Download {
    file: File,
    filter: Filter,
    /// The action plan whose measures it holds, by number (`akcni_plan=1`); none: the one in
    /// force today.
    action_plan: Option<i32>,
    /// A staff export with the drafts, asked from this address (whose caller must read the
    /// plan's internal data).
    drafts: Option<SocketAddr>,
}

async fn respond(
    state: &AppState,
    plan: &str,
    download: Result<Download, RequestError>,
    headers: &HeaderMap,
) -> Response {
    match download {
        Ok(download) => answer(state, plan, download, headers)
            .await
            .unwrap_or_else(IntoResponse::into_response),
        Err(e) => e.into_response(),
    }
}

/// The longest query string looked at; a longer one is refused unread.
const MAX_QUERY: usize = 256;

fn no_query(query: Option<&str>) -> Result<(), RequestError> {
    match query {
        None | Some("") => Ok(()),
        Some(_) => Err(RequestError::BadRequest(
            "this download takes no query parameters".into(),
        )),
    }
}

/// The dataset and format a file name asks for, with the query string's CSV delimiter
/// (`oddelovac=strednik`, or `carka`, the default) and the fields to select rows by
/// (`opatreni=2.1.3.4`); with `staff`, also the datasets only the staff have.
fn parse_file(file: &str, query: Option<&str>, staff: bool) -> Result<Download, RequestError> {
    let (slug, ext) = file.rsplit_once('.').ok_or(RequestError::NotFound)?;
    let dataset = opendata::find(slug)
        .or_else(|| {
            (staff && slug == opendata::INTERNAL_NOTES.slug).then_some(&opendata::INTERNAL_NOTES)
        })
        .ok_or(RequestError::NotFound)?;
    let mut file = match ext {
        "csv" => File::Csv(dataset, b','),
        "json" => File::Json(dataset),
        "xlsx" => File::Xlsx(dataset),
        _ => return Err(RequestError::NotFound),
    };
    let query = query.unwrap_or_default();
    if query.len() > MAX_QUERY {
        return Err(RequestError::BadRequest(format!(
            "the query string is longer than {MAX_QUERY} bytes"
        )));
    }
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if pairs
        .iter()
        .any(|(k, v)| k.contains('\u{fffd}') || v.contains('\u{fffd}'))
    {
        return Err(RequestError::BadRequest(
            "the query string is not percent-encoded UTF-8".into(),
        ));
    }
    let mut conditions = Vec::new();
    let mut action_plan = None;
    for (name, value) in &pairs {
        if name == "akcni_plan" {
            action_plan = Some(
                value
                    .parse::<i32>()
                    .ok()
                    .filter(|n| (1..=20).contains(n))
                    .ok_or_else(|| {
                        RequestError::BadRequest(
                            "akcni_plan is an action plan's number (1 to 20)".into(),
                        )
                    })?,
            );
        } else if name == "oddelovac" {
            file = match (file, value.as_str()) {
                (File::Csv(d, _), "strednik") => File::Csv(d, b';'),
                (File::Csv(d, _), "carka") => File::Csv(d, b','),
                (File::Csv(..), _) => {
                    return Err(RequestError::BadRequest(
                        "oddelovac is carka (a comma) or strednik (a semicolon)".into(),
                    ));
                }
                _ => {
                    return Err(RequestError::BadRequest(
                        "oddelovac is for CSV files only".into(),
                    ));
                }
            };
        } else {
            conditions.push((name.as_str(), value.as_str()));
        }
    }
    let filter = Filter::new(dataset, conditions).map_err(RequestError::BadRequest)?;
    Ok(Download {
        file,
        filter,
        action_plan,
        drafts: None,
    })
}

async fn answer(
    state: &AppState,
    plan: &str,
    Download {
        file,
        filter,
        action_plan,
        drafts,
    }: Download,
    headers: &HeaderMap,
) -> Result<Response, RequestError> {
    let internal = |e: sea_orm::DbErr| {
        tracing::error!(error = %e, "reading a plan for open data");
        RequestError::Internal
    };
    let plan_id = plan_by_slug(state, plan, "open data").await?;
    if let Some(peer) = drafts {
        let caller = super::caller(state, headers, peer, false)
            .await
            .map_err(internal)?;
        if !caller.reads_internal(plan_id) {
            return Err(RequestError::NotFound);
        }
    }
    // The measures of one action plan: the one named, else the one in force today (two action
    // plans' measures share codes, which key the measure datasets).
    let model = match action_plan {
        Some(number) => {
            let approved = state.read.approved(plan_id).await.map_err(internal)?;
            let id = approved
                .iter()
                .find(|a| a.number == number)
                .map(|a| a.id)
                .ok_or(RequestError::NotFound)?;
            state.read.plan(plan_id, Some(id)).await
        }
        None => {
            state
                .read
                .plan_in_force(plan_id, state.clock.today().year())
                .await
        }
    }
    .map_err(internal)?
    .ok_or(RequestError::NotFound)?;
    let model_key = (plan_id, model.action_plan_id);
    if drafts.is_some() {
        let rows = if file.dataset() == Some(&opendata::INTERNAL_NOTES) {
            let notes = crate::store::staff::all_notes(&state.db, plan_id)
                .await
                .map_err(internal)?;
            Rows::Given(opendata::note_rows(&notes))
        } else {
            Rows::WithDrafts
        };
        let body = build(state, file, filter.clone(), rows, model).await?;
        let name = file.name(plan, &filter);
        let name = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}-koncepty.{ext}"),
            None => name,
        };
        return attachment(file, &name, body).map(|mut response| {
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        });
    }
    let name = file.name(plan, &filter);
    let name = match (action_plan, name.rsplit_once('.')) {
        (Some(n), Some((stem, ext))) => format!("{stem}-akcni-plan-{n}.{ext}"),
        _ => name,
    };
    // The plan's revision names its data; the crate's version, how they are written; the
    // filter, which rows (its digest, as file names may read alike).
    let selection = if filter.is_empty() {
        String::new()
    } else {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(format!("{filter:?}"));
        format!(
            "-{}",
            digest[..8]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        )
    };
    let etag = format!(
        "\"{}-{}-{}-{name}{selection}\"",
        env!("CARGO_PKG_VERSION"),
        model.revision,
        model.action_plan_id.unwrap_or_default()
    );
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        // Whole files are kept; a selection is a few rows, made each time.
        let kept = filter
            .is_empty()
            .then(|| state.exports.get(model_key, file, model.revision))
            .flatten();
        let body = match kept {
            Some(bytes) => bytes,
            None => {
                let whole = filter.is_empty();
                let bytes = build(state, file, filter, Rows::Published, model.clone()).await?;
                if whole {
                    state
                        .exports
                        .put(model_key, file, model.revision, bytes.clone());
                }
                bytes
            }
        };
        attachment(file, &name, body)?
    };
    let h = response.headers_mut();
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(|_| RequestError::Internal)?,
    );
    // The data change with any publication: always ask again, cheaply (a `304` on the tag).
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// The file as a download named `name`.
fn attachment(file: File, name: &str, body: Bytes) -> Result<Response, RequestError> {
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(file.content_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                    .map_err(|_| RequestError::Internal)?,
            ),
        ],
        body,
    )
        .into_response())
}

/// Builds a file on the blocking threads, taking a place among the expensive work first (a
/// burst of different files waits, then gets `BUSY`, rather than taking every core).
async fn build(
    state: &AppState,
    file: File,
    filter: Filter,
    rows: Rows,
    model: Arc<PlanModel>,
) -> Result<Bytes, RequestError> {
    let _place = tokio::time::timeout(super::EXPENSIVE_WAIT, state.expensive.acquire())
        .await
        .map_err(|_| RequestError::Busy {
            retry_after_secs: 1,
        })?
        .map_err(|_| RequestError::Internal)?;
    let config = state.config.clone();
    let built = tokio::task::spawn_blocking(move || {
        let plan = model.plan();
        let source_url = format!("{}/data", config.public_url());
        let meta = Meta {
            plan: plan.map_or("", |p| p.slug.as_str()),
            plan_name: plan.map_or("", |p| p.name.as_str()),
            city: plan.map_or("", |p| p.city.as_str()),
            licence: &config.data_licence,
            source_url: &source_url,
        };
        file.build(&meta, &model, &filter, rows)
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "an open-data file's task failed");
        RequestError::Internal
    })?;
    built.map(Bytes::from).map_err(|e| {
        tracing::error!(error = %e, ?file, "writing an open-data file");
        RequestError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_queries_parse_strictly() {
        let d = opendata::find("opatreni").expect("a dataset");
        let file = |name: &str, query: Option<&str>| {
            parse_file(name, query, false)
                .map(|d| d.file)
                .map_err(|e| e.code())
        };
        assert_eq!(file("opatreni.csv", None), Ok(File::Csv(d, b',')));
        assert_eq!(
            file("opatreni.csv", Some("oddelovac=strednik")),
            Ok(File::Csv(d, b';'))
        );
        assert_eq!(file("opatreni.xlsx", Some("")), Ok(File::Xlsx(d)));
        for (name, query, code) in [
            ("opatreni.pdf", None, "NOT_FOUND"),
            ("nic.csv", None, "NOT_FOUND"),
            ("opatreni", None, "NOT_FOUND"),
            ("opatreni.csv", Some("oddelovac=tab"), "BAD_REQUEST"),
            ("opatreni.json", Some("oddelovac=strednik"), "BAD_REQUEST"),
            ("opatreni.json", Some("nepole=1"), "BAD_REQUEST"),
            ("opatreni.json", Some("kod=1&kod=2"), "BAD_REQUEST"),
            ("opatreni.json", Some("kod=%FF"), "BAD_REQUEST"),
            ("interni-poznamky.csv", None, "NOT_FOUND"),
        ] {
            assert_eq!(file(name, query).err(), Some(code), "{name} {query:?}");
        }
        let long = "x".repeat(MAX_QUERY + 1);
        assert_eq!(file("opatreni.csv", Some(&long)).err(), Some("BAD_REQUEST"));
        let selected = parse_file(
            "opatreni.csv",
            Some("oddelovac=strednik&kod=2.1.3.4"),
            false,
        )
        .expect("a selection");
        assert_eq!(
            selected.file.name("ostrava", &selected.filter),
            "ostrava-opatreni-kod-2.1.3.4-strednik.csv"
        );
        // Percent-encoded Czech values decode.
        let czech = parse_file(
            "projekty.csv",
            Some("realizator=Slezsk%C3%A1+diakonie"),
            false,
        )
        .expect("a selection");
        assert_eq!(
            czech.filter,
            Filter::new(
                opendata::find("projekty").expect("projects"),
                [("realizator", "Slezská diakonie")]
            )
            .expect("the same")
        );
    }
}
