//! The spreadsheet round-trip of a monitoring wave (`crate::sheet`):
//!
//! - `GET /zadavani/sablona.xlsx?plan=ostrava&vlna=3&org=5` — the template of an organisation's
//!   items (without `org`, every row: coordinators);
//! - `POST /zadavani/import?plan=…&vlna=…&org=…` with the filled file (XLSX or CSV, at most
//!   5 MB) as the body — its preview; with `&potvrdit=<digest of that preview>` the preview's
//!   changes are stored as drafts in one transaction, or nothing is.
//!
//! Both need a signed-in caller allowed to report for the organisation (an implementer only for
//! their own; every row only for coordinators); the upload is a change, so it also needs the
//! CSRF header and a same-site origin. Answers are never cached. Errors are JSON like the API's:
//! `{"errors": [{"message", "extensions": {"code", "messageCs"}}]}`.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use shared::format::Lang;

use super::AppState;
use crate::auth::{Need, RequestAuth, policy};
use crate::error::ApiError;
use crate::sheet::import::{self, Context, Preview};
use crate::sheet::read::{self, FileError};
use crate::sheet::{self, Expected, Key, Scope, Target};
use crate::store::model::PlanModel;
use crate::store::write::Write;

/// A refusal, answered as JSON with its status.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: String,
    message_cs: String,
    extra: Option<(&'static str, Value)>,
}

impl Refusal {
    fn new(
        status: StatusCode,
        code: &'static str,
        en: impl Into<String>,
        cs: impl Into<String>,
    ) -> Self {
        Refusal {
            status,
            code,
            message: en.into(),
            message_cs: cs.into(),
            extra: None,
        }
    }

    fn internal() -> Self {
        Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL",
            "Something failed inside the server.",
            "Na serveru nastala chyba.",
        )
    }

    fn not_found(en: &str, cs: &str) -> Self {
        Refusal::new(StatusCode::NOT_FOUND, "NOT_FOUND", en, cs)
    }

    fn bad_request(en: &str, cs: &str) -> Self {
        Refusal::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", en, cs)
    }
}

impl From<FileError> for Refusal {
    fn from(e: FileError) -> Self {
        let status = match e {
            FileError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Refusal::new(status, e.code(), e.message(Lang::En), e.message(Lang::Cs))
    }
}

impl From<ApiError> for Refusal {
    fn from(e: ApiError) -> Self {
        let (status, cs) = match &e {
            ApiError::Unauthenticated => (StatusCode::UNAUTHORIZED, "Přihlaste se.".to_owned()),
            ApiError::Forbidden(_) => (
                StatusCode::FORBIDDEN,
                "Za tuto organizaci nebo vlnu údaje nahrávat nemůžete.".to_owned(),
            ),
            ApiError::Conflict { .. } => (
                StatusCode::CONFLICT,
                "Údaje se mezitím změnily; nahrajte soubor znovu a zkontrolujte náhled.".to_owned(),
            ),
            ApiError::Busy { .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Server je právě vytížen; zkuste to za chvíli.".to_owned(),
            ),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "Nenalezeno.".to_owned()),
            _ => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Na serveru nastala chyba.".to_owned(),
            ),
        };
        Refusal {
            status,
            code: e.code(),
            message: e.message(),
            message_cs: cs,
            extra: None,
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let mut extensions = json!({ "code": self.code, "messageCs": self.message_cs });
        if let Some((k, v)) = self.extra {
            extensions[k] = v;
        }
        let body = json!({ "errors": [{ "message": self.message, "extensions": extensions }] });
        let mut r = (self.status, Json(body)).into_response();
        no_store(&mut r);
        r
    }
}

fn no_store(r: &mut Response) {
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
}

/// The query string of both routes.
#[derive(Debug, Default, PartialEq)]
struct Query {
    plan: String,
    wave: i32,
    organisation: Option<i32>,
    confirm: Option<String>,
}

fn query(text: Option<&str>, upload: bool) -> Result<Query, Refusal> {
    let bad = |en: &str, cs: &str| Err(Refusal::bad_request(en, cs));
    let mut q = Query {
        plan: "ostrava".to_owned(),
        ..Query::default()
    };
    let mut wave = None;
    let mut seen = BTreeSet::new();
    for (k, v) in form_urlencoded::parse(text.unwrap_or_default().as_bytes()) {
        if !seen.insert(k.to_string()) {
            return bad("a parameter is given twice", "Parametr je uveden dvakrát.");
        }
        let id = || v.parse::<i32>().ok().filter(|n| *n > 0);
        match k.as_ref() {
            "plan" => q.plan = v.to_string(),
            "vlna" => wave = id(),
            "org" => {
                q.organisation = Some(id().ok_or_else(|| {
                    Refusal::bad_request("org must be an id", "Parametr org musí být číslo.")
                })?);
            }
            "potvrdit" if upload => q.confirm = Some(v.to_string()),
            _ => return bad("unknown parameter", "Neznámý parametr."),
        }
    }
    match wave {
        Some(w) => q.wave = w,
        None => {
            return bad(
                "vlna (the wave's id) is required",
                "Chybí vlna (její číslo).",
            );
        }
    }
    Ok(q)
}

/// The plan, its model, the caller's rights and the wave's target of a request.
struct Resolved {
    plan_id: i32,
    model: Arc<PlanModel>,
    target: Target,
    window: shared::wave::Window,
    organisation_name: Option<String>,
}

async fn resolve(state: &AppState, auth: &RequestAuth, q: &Query) -> Result<Resolved, Refusal> {
    let plan_id = super::data::plan_by_slug(state, &q.plan, "a wave's sheet")
        .await
        .map_err(|_| Refusal::not_found("no such plan", "Takový plán neexistuje."))?;
    let scope = match q.organisation {
        Some(o) => {
            let actor = auth.require(&Need::ReportFor {
                plan_id,
                implementers: vec![o],
            })?;
            if !policy::may_name_organisation(actor, o) {
                return Err(
                    ApiError::Forbidden("you report only for your own organisations").into(),
                );
            }
            Scope::Organisation(o)
        }
        None => {
            auth.require(&Need::EditPlan { plan_id })?;
            Scope::All
        }
    };
    let read_model = |year: i32| async move {
        state
            .read
            .plan_in_force(plan_id, year)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "reading a plan for a wave's sheet");
                Refusal::internal()
            })?
            .ok_or_else(|| Refusal::not_found("no such plan", "Takový plán neexistuje."))
    };
    // The measures a wave asks about: those of the action plan in force in its deadline's
    // year (a wave of 2025 is Action Plan I's even once Action Plan II is in force).
    let mut model = read_model(state.clock.today().year()).await?;
    let wave_year = model
        .waves_by_plan
        .get(&plan_id)
        .and_then(|waves| waves.iter().find(|w| w.id == q.wave))
        .and_then(|w| w.deadline.parse::<shared::Date>().ok())
        .map(shared::Date::year);
    if let Some(year) = wave_year.filter(|y| *y != state.clock.today().year()) {
        model = read_model(year).await?;
    }
    let organisation_name = match q.organisation {
        Some(o) => Some(
            model
                .organisations_by_plan
                .get(&plan_id)
                .and_then(|rows| rows.iter().find(|r| r.id == o))
                .map(|r| r.name.clone())
                .ok_or_else(|| {
                    Refusal::not_found(
                        "no such organisation in the plan",
                        "Taková organizace v plánu není.",
                    )
                })?,
        ),
        None => None,
    };
    let (target, window) = Target::of(&model, &q.plan, q.wave, scope).ok_or_else(|| {
        Refusal::not_found(
            "no such wave in the plan",
            "Taková vlna monitoringu v plánu není.",
        )
    })?;
    Ok(Resolved {
        plan_id,
        model,
        target,
        window,
        organisation_name,
    })
}

/// Runs `work` on a blocking thread once a place among the expensive work is free.
async fn expensive<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Refusal> {
    let _place = tokio::time::timeout(super::EXPENSIVE_WAIT, state.expensive.acquire())
        .await
        .map_err(|_| {
            Refusal::from(ApiError::Busy {
                retry_after_secs: 1,
            })
        })?
        .map_err(|_| Refusal::internal())?;
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "a wave sheet's task failed");
        Refusal::internal()
    })
}

/// `GET /zadavani/sablona.xlsx`.
pub async fn template(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    template_answer(&state, peer, raw.as_deref(), &headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn template_answer(
    state: &AppState,
    peer: SocketAddr,
    raw: Option<&str>,
    headers: &HeaderMap,
) -> Result<Response, Refusal> {
    let q = query(raw, false)?;
    let auth = super::caller(state, headers, peer, false)
        .await
        .map_err(|_| Refusal::internal())?;
    let r = resolve(state, &auth, &q).await?;
    let name = format!(
        "psz-vlna-{}-{}.xlsx",
        q.wave,
        q.organisation
            .map_or_else(|| "vse".to_owned(), |o| o.to_string())
    );
    let bytes = expensive(state, move || {
        let items = sheet::expected(&r.model, &r.target, r.window);
        sheet::template::workbook(&r.target, r.organisation_name.as_deref(), &items)
    })
    .await?
    .map_err(|e| {
        tracing::error!(error = %e, "writing a wave's template");
        Refusal::internal()
    })?;
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                    .map_err(|_| Refusal::internal())?,
            ),
        ],
        Bytes::from(bytes),
    )
        .into_response();
    no_store(&mut response);
    Ok(response)
}

/// `POST /zadavani/import`.
pub async fn upload(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    upload_answer(&state, peer, raw.as_deref(), &headers, body)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// The preview of a file against a wave (on a blocking thread).
fn check(
    model: &PlanModel,
    target: &Target,
    window: shared::wave::Window,
    bytes: &[u8],
) -> Result<Preview, FileError> {
    let upload = read::read(bytes)?;
    let expected: Vec<Expected> = sheet::expected(model, target, window);
    let all_keys = sheet::all_keys(model, window);
    let wave_name_of = |id: i32| {
        model
            .waves_by_plan
            .get(&model.plan_id)
            .and_then(|ws| ws.iter().find(|w| w.id == id))
            .map(|w| w.name.clone())
    };
    let default_activity =
        |key: Key, current: Option<&sheet::Current>| sheet::default_activity(model, key, current);
    import::preview(
        &upload,
        &Context {
            target,
            wave_name_of: &wave_name_of,
            expected: &expected,
            all_keys: &all_keys,
            default_activity: &default_activity,
        },
    )
}

fn preview_json(target: &Target, p: &Preview, stored: Option<usize>) -> Value {
    serde_json::to_value(p.wire(target, stored)).unwrap_or(Value::Null)
}

async fn upload_answer(
    state: &AppState,
    peer: SocketAddr,
    raw: Option<&str>,
    headers: &HeaderMap,
    body: Bytes,
) -> Result<Response, Refusal> {
    let q = query(raw, true)?;
    let auth = super::caller(state, headers, peer, true)
        .await
        .map_err(|_| Refusal::internal())?;
    // Anonymous callers are told to sign in; a signed-in one's upload must come from this site.
    let actor = auth.signed_in()?.clone();
    auth.check_csrf()?;
    let r = resolve(state, &auth, &q).await?;
    let (model, target, window) = (r.model.clone(), r.target.clone(), r.window);
    let preview = expensive(state, move || check(&model, &target, window, &body))
        .await?
        .map_err(Refusal::from)?;
    let Some(confirm) = q.confirm else {
        let mut response = Json(preview_json(&r.target, &preview, None)).into_response();
        no_store(&mut response);
        return Ok(response);
    };
    if confirm != preview.digest {
        let mut refusal = Refusal::new(
            StatusCode::CONFLICT,
            "PREVIEW_CHANGED",
            "The data changed since the preview; check the new preview and confirm again.",
            "Údaje se od náhledu změnily; zkontrolujte nový náhled a potvrďte znovu.",
        );
        refusal.extra = Some(("preview", preview_json(&r.target, &preview, None)));
        return Err(refusal);
    }
    if !preview.storable() {
        let mut refusal = Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "NOT_STORABLE",
            "The file has errors or conflicts; nothing was stored.",
            "Soubor obsahuje chyby nebo konflikty; nic nebylo uloženo.",
        );
        refusal.extra = Some(("preview", preview_json(&r.target, &preview, None)));
        return Err(refusal);
    }
    let stored = if preview.changes.is_empty() {
        0
    } else {
        let w = Write::begin(&state.db, &state.versions, &actor, Some(r.plan_id)).await?;
        let n = sheet::apply::apply(&w, r.plan_id, &r.target, &preview.changes).await?;
        w.commit().await?;
        tracing::info!(
            plan = %q.plan,
            wave = q.wave,
            organisation = ?q.organisation,
            account = actor.user_id,
            stored = n,
            "a wave's sheet was imported"
        );
        n
    };
    let mut response = Json(preview_json(&r.target, &preview, Some(stored))).into_response();
    no_store(&mut response);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_parse_strictly() {
        let q = query(Some("vlna=3&org=5"), false).ok().unwrap();
        assert_eq!(
            (q.plan.as_str(), q.wave, q.organisation),
            ("ostrava", 3, Some(5))
        );
        assert_eq!(
            query(Some("vlna=3&potvrdit=ab"), true)
                .ok()
                .unwrap()
                .confirm
                .as_deref(),
            Some("ab")
        );
        for bad in [
            None,
            Some(""),
            Some("vlna=x"),
            Some("vlna=0"),
            Some("vlna=3&org=x"),
            Some("vlna=3&vlna=4"),
            Some("vlna=3&potvrdit=ab"),
            Some("vlna=3&x=1"),
        ] {
            assert!(query(bad, false).is_err(), "{bad:?}");
        }
    }
}
