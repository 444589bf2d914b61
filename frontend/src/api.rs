//! The one way the app talks to the server: a GraphQL POST to `/graphql`.
//!
//! [`post_graphql`] sends a query (and optional variables) and decodes `data` into the caller's
//! type. Every failure becomes a [`ClientError`]: GraphQL errors by their stable
//! `extensions.code` (`NOT_FOUND`, `VALIDATION`, `CONFLICT`, `FORBIDDEN`, `UNAUTHENTICATED`,
//! `INTERNAL`), and transport or decoding failures by what went wrong. Its `Display` text is the
//! Czech message a user sees.

use std::fmt;

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Where the server answers GraphQL, relative to the page's origin.
pub const GRAPHQL_URL: &str = "/graphql";

/// Why a GraphQL call did not give the data asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// The request got no answer: the server is down, the device is offline, or the request
    /// could not be built.
    Network(String),
    /// The server answered with a non-success HTTP status and no GraphQL errors in the body.
    Http(u16),
    /// The answer was not the JSON the app expected.
    Decode(String),
    /// `NOT_FOUND`: the record asked for does not exist.
    NotFound(String),
    /// `VALIDATION`: the input broke a rule; the server's message says which (in English), and
    /// its Czech words when it sent them (`extensions.messageCs`).
    Validation(String, Option<String>),
    /// `CONFLICT`: someone else changed the record first.
    Conflict(String),
    /// `FORBIDDEN`: the signed-in user's role does not allow this.
    Forbidden(String),
    /// `UNAUTHENTICATED`: the user must sign in first.
    Unauthenticated(String),
    /// `INTERNAL`: the server failed; it logged the detail and sent none.
    Internal,
    /// A GraphQL error with no code or an unknown one (for example a query the schema rejects).
    GraphQl {
        /// `extensions.code`, when the server sent one.
        code: Option<String>,
        /// The server's message.
        message: String,
    },
}

impl ClientError {
    /// Maps a GraphQL error's `extensions.code` and message to a variant.
    pub fn from_code(code: Option<&str>, message: String) -> Self {
        match code {
            Some("NOT_FOUND") => Self::NotFound(message),
            Some("VALIDATION") => Self::Validation(message, None),
            Some("CONFLICT") => Self::Conflict(message),
            Some("FORBIDDEN") => Self::Forbidden(message),
            Some("UNAUTHENTICATED") => Self::Unauthenticated(message),
            Some("INTERNAL") => Self::Internal,
            other => Self::GraphQl {
                code: other.map(str::to_owned),
                message,
            },
        }
    }

    /// A stable machine-readable name of the failure, for logs and tests.
    pub fn code(&self) -> &str {
        match self {
            Self::Network(_) => "NETWORK",
            Self::Http(_) => "HTTP",
            Self::Decode(_) => "DECODE",
            Self::NotFound(_) => "NOT_FOUND",
            Self::Validation(..) => "VALIDATION",
            Self::Conflict(_) => "CONFLICT",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Internal => "INTERNAL",
            Self::GraphQl { code, .. } => code.as_deref().unwrap_or("GRAPHQL"),
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(detail) => write!(f, "Server je nedostupný ({detail})."),
            Self::Http(status) => write!(f, "Server odpověděl chybou HTTP {status}."),
            Self::Decode(detail) => write!(f, "Odpověď serveru má neočekávaný tvar ({detail})."),
            Self::NotFound(message) => write!(f, "Nenalezeno: {message}"),
            Self::Validation(message, _) => write!(f, "Neplatný údaj: {message}"),
            Self::Conflict(message) => {
                write!(f, "Záznam mezitím změnil někdo jiný: {message}")
            }
            Self::Forbidden(message) => write!(f, "K této akci nemáte oprávnění: {message}"),
            Self::Unauthenticated(_) => f.write_str("Nejprve se přihlaste."),
            Self::Internal => f.write_str("Na serveru došlo k chybě. Zkuste to prosím později."),
            Self::GraphQl { message, .. } => write!(f, "Chyba dotazu: {message}"),
        }
    }
}

impl std::error::Error for ClientError {}

/// The JSON body of a GraphQL request.
#[derive(Serialize)]
struct GraphQlRequest<'a> {
    query: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    variables: Option<serde_json::Value>,
}

/// The JSON body of a GraphQL response: `data`, `errors`, or both.
#[derive(Deserialize)]
struct GraphQlResponse<T> {
    data: Option<T>,
    #[serde(default)]
    errors: Vec<GraphQlError>,
}

/// One entry of a response's `errors`.
#[derive(Deserialize)]
struct GraphQlError {
    message: String,
    #[serde(default)]
    extensions: Option<GraphQlErrorExtensions>,
}

/// The part of `extensions` the client reads.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphQlErrorExtensions {
    code: Option<String>,
    /// A broken rule's Czech message (`VALIDATION`).
    #[serde(default)]
    message_cs: Option<String>,
}

/// Sends `query` with `variables` to [`GRAPHQL_URL`] and decodes the response's `data` as `T`.
///
/// The first GraphQL error wins, even next to partial data: pages show either the data they
/// asked for or an error, never half of it.
pub async fn post_graphql<T: DeserializeOwned>(
    query: &str,
    variables: Option<serde_json::Value>,
) -> Result<T, ClientError> {
    let data = post_graphql_value(query, variables).await?;
    serde_json::from_value(data).map_err(|e| ClientError::Decode(e.to_string()))
}

/// Like [`post_graphql`], but gives `data` undecoded. Pages load through this one function and
/// decode when they render, so the bundle holds one loader instead of one per response type.
pub async fn post_graphql_value(
    query: &str,
    variables: Option<serde_json::Value>,
) -> Result<serde_json::Value, ClientError> {
    send(query, variables, None).await
}

/// The header every mutation carries: the session's CSRF token once signed in (see
/// [`crate::session`]), any value before.
pub const CSRF_HEADER: &str = "X-PSZ-CSRF";

/// The [`CSRF_HEADER`]'s value before anybody signs in (the service worker stores answers to
/// requests with this value or none, never to a session's).
pub const PUBLIC_CSRF: &str = "psz-monitor";

/// The header every request of the staff app carries (feature `staff`): the service worker
/// stores nothing it reads, not even a public page's answer after signing out.
pub const STAFF_APP_HEADER: &str = "X-PSZ-Staff-App";

/// Sends a document with the CSRF header (`csrf`, or a placeholder before login) and gives
/// `data` undecoded. The browser sends the session cookie itself (same origin).
pub async fn send(
    query: &str,
    variables: Option<serde_json::Value>,
    csrf: Option<&str>,
) -> Result<serde_json::Value, ClientError> {
    let body = GraphQlRequest { query, variables };
    let request = Request::post(GRAPHQL_URL)
        .header(
            "Accept",
            "application/graphql-response+json, application/json",
        )
        .header(CSRF_HEADER, csrf.unwrap_or(PUBLIC_CSRF));
    #[cfg(feature = "staff")]
    let request = request.header(STAFF_APP_HEADER, "1");
    let response = request
        .json(&body)
        .map_err(|e| ClientError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| ClientError::Network(e.to_string()))?;
    // An answer the service worker gave from its store says when it was stored.
    crate::components::offline::answered(
        response
            .headers()
            .get(crate::components::offline::OFFLINE_HEADER)
            .as_deref(),
    );
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| ClientError::Network(e.to_string()))?;
    decode_response::<serde_json::Value>(status, &text)
}

/// Posts a file (a `File` or `Blob`) to `url` with the CSRF header: the answer's status and
/// JSON body (`null` when it has none). For the spreadsheet import, which is no GraphQL.
pub async fn post_file(
    url: &str,
    file: wasm_bindgen::JsValue,
    csrf: Option<&str>,
) -> Result<(u16, serde_json::Value), ClientError> {
    let response = Request::post(url)
        .header("Accept", "application/json")
        .header(CSRF_HEADER, csrf.unwrap_or(PUBLIC_CSRF))
        .body(file)
        .map_err(|e| ClientError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| ClientError::Network(e.to_string()))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| ClientError::Network(e.to_string()))?;
    Ok((
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    ))
}

/// Turns an HTTP status and body into the data or the error they carry.
fn decode_response<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ClientError> {
    let is_success = (200..300).contains(&status);
    // The body is parsed once into a `Value` and `data` decoded from that: one JSON parser in
    // the bundle instead of one inlined into every response type's decoder.
    let parsed: serde_json::Value = match serde_json::from_str(body) {
        Ok(parsed) => parsed,
        Err(_) if !is_success => return Err(ClientError::Http(status)),
        Err(e) => return Err(ClientError::Decode(e.to_string())),
    };
    let data = decode_value(status, parsed)?;
    serde_json::from_value(data).map_err(|e| ClientError::Decode(e.to_string()))
}

/// The data or the error a parsed GraphQL response carries, given its HTTP status. A page the
/// server rendered decodes the answer it carries with this too, so it shows what the app would.
pub fn decode_value(
    status: u16,
    body: serde_json::Value,
) -> Result<serde_json::Value, ClientError> {
    let is_success = (200..300).contains(&status);
    let parsed: GraphQlResponse<serde_json::Value> = match serde_json::from_value(body) {
        Ok(parsed) => parsed,
        Err(_) if !is_success => return Err(ClientError::Http(status)),
        Err(e) => return Err(ClientError::Decode(e.to_string())),
    };
    if let Some(first) = parsed.errors.into_iter().next() {
        let (code, cs) = first
            .extensions
            .map_or((None, None), |ext| (ext.code, ext.message_cs));
        return Err(
            match ClientError::from_code(code.as_deref(), first.message) {
                ClientError::Validation(m, _) => ClientError::Validation(m, cs),
                other => other,
            },
        );
    }
    match parsed.data {
        Some(data) if is_success => Ok(data),
        Some(_) => Err(ClientError::Http(status)),
        None if is_success => Err(ClientError::Decode("odpověď neobsahuje data".to_owned())),
        None => Err(ClientError::Http(status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Answer {
        n: u32,
    }

    #[test]
    fn data_decodes_into_the_callers_type() {
        let got = decode_response::<Answer>(200, r#"{"data":{"n":6}}"#);
        assert_eq!(got, Ok(Answer { n: 6 }));
    }

    #[test]
    fn a_broken_rule_keeps_its_czech_words() {
        let body = serde_json::json!({ "data": null, "errors": [{ "message": "invalid name: This value is required.",
            "extensions": { "code": "VALIDATION", "field": "name", "rule": "REQUIRED", "messageCs": "Vyplňte tento údaj." } }] });
        let e = decode_value(200, body).expect_err("an error");
        assert_eq!(
            e,
            ClientError::Validation(
                "invalid name: This value is required.".to_owned(),
                Some("Vyplňte tento údaj.".to_owned())
            )
        );
        assert_eq!(
            crate::i18n::error_message(&e, shared::format::Lang::Cs),
            "Neplatný údaj: Vyplňte tento údaj."
        );
    }

    #[test]
    fn the_first_errors_code_picks_the_variant() {
        let cases = [
            ("NOT_FOUND", ClientError::NotFound("m".to_owned())),
            ("VALIDATION", ClientError::Validation("m".to_owned(), None)),
            ("CONFLICT", ClientError::Conflict("m".to_owned())),
            ("FORBIDDEN", ClientError::Forbidden("m".to_owned())),
            (
                "UNAUTHENTICATED",
                ClientError::Unauthenticated("m".to_owned()),
            ),
            ("INTERNAL", ClientError::Internal),
        ];
        for (code, want) in cases {
            let body = format!(
                r#"{{"data":null,"errors":[{{"message":"m","extensions":{{"code":"{code}"}}}},{{"message":"second"}}]}}"#
            );
            assert_eq!(decode_response::<Answer>(200, &body), Err(want));
        }
    }

    #[test]
    fn an_error_without_a_code_keeps_its_message() {
        let body = r#"{"errors":[{"message":"Unknown field \"x\""}]}"#;
        let got = decode_response::<Answer>(400, body);
        assert_eq!(
            got,
            Err(ClientError::GraphQl {
                code: None,
                message: "Unknown field \"x\"".to_owned()
            })
        );
    }

    #[test]
    fn a_non_json_error_page_becomes_an_http_error() {
        let got = decode_response::<Answer>(501, "<html>Unsupported method</html>");
        assert_eq!(got, Err(ClientError::Http(501)));
    }

    #[test]
    fn unexpected_json_on_success_is_a_decode_error() {
        let got = decode_response::<Answer>(200, r#"{"data":{"n":"six"}}"#);
        assert_eq!(
            got.map_err(|e| e.code().to_owned()),
            Err("DECODE".to_owned())
        );
    }
}
