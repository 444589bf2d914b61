//! A page's data carried inside its HTML.
//!
//! The server renders a public page with the answer to the page's own document and writes that
//! answer into the page as `<script id="psz-data" type="application/json">` ([`Carried`]). The
//! app, taking the page over (hydration), reads it back instead of asking the server again, so
//! its first render is exactly the server's and nothing is fetched twice.
//!
//! Both sides meet in [`crate::components::page::page_view`]: it first [`take`]s a carried
//! answer to its document and variables (once; a later page asks the server as before). On the
//! server, a page with nothing carried records what it wants ([`Wanted`]) so the server can
//! execute it and render again.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shared::Date;

use crate::api::{ClientError, decode_value};

/// The `id` of the `<script type="application/json">` that carries a page's answer.
pub const SCRIPT_ID: &str = "psz-data";

/// The answer a server-rendered page was rendered with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Carried {
    /// Which document it answers: [`document_key`] of its text.
    pub document: String,
    /// The variables it was executed with.
    pub variables: Option<Value>,
    /// The HTTP status of the answer.
    pub status: u16,
    /// The GraphQL response (`data`, `errors`).
    pub response: Value,
    /// The server's date the page was rendered on (milestones are current or past by it).
    pub today: Date,
}

/// A short stable name of a document's text (64-bit FNV-1a, hexadecimal): enough to tell the
/// app's few documents apart, and far shorter than the text.
pub fn document_key(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Where a page finds the answer it was rendered with; provided at the root of the app.
#[derive(Clone, Default)]
pub struct Slot(Arc<Mutex<Option<Carried>>>);

impl Slot {
    /// A slot holding `carried`.
    pub fn new(carried: Option<Carried>) -> Slot {
        Slot(Arc::new(Mutex::new(carried)))
    }
}

/// A document and its variables.
pub type Request = (&'static str, Option<Value>);

/// What a page rendered on the server asked for and found nothing carried: its document and
/// variables.
#[derive(Clone, Default)]
pub struct Wanted(Arc<Mutex<Option<Request>>>);

impl Wanted {
    /// The document and variables recorded, if a page asked.
    pub fn get(&self) -> Option<Request> {
        self.0.lock().ok().and_then(|w| w.clone())
    }
}

/// The carried answer to `query` with `variables`, decoded as the app decodes an answer it
/// fetched; taken, so only the page the server rendered uses it. `None` when nothing (or
/// another document's answer) is carried.
pub fn take(query: &str, variables: Option<&Value>) -> Option<Result<Value, ClientError>> {
    let slot = use_context::<Slot>()?;
    let mut held = slot.0.lock().ok()?;
    let matches = held
        .as_ref()
        .is_some_and(|c| c.document == document_key(query) && c.variables.as_ref() == variables);
    if !matches {
        return None;
    }
    let carried = held.take()?;
    Some(decode_value(carried.status, carried.response))
}

/// Records, on the server, that the page wants `query` with `variables`.
pub fn want(query: &'static str, variables: Option<Value>) {
    if let Some(wanted) = use_context::<Wanted>()
        && let Ok(mut w) = wanted.0.lock()
    {
        *w = Some((query, variables));
    }
}

/// The JSON of `carried` for a `<script type="application/json">`: every `<` written as
/// `\u003c`, so no text in the data (`</script>`, `<!--`) can end the element or open markup.
pub fn script_json(carried: &Carried) -> String {
    serde_json::to_string(carried)
        .unwrap_or_else(|_| "null".to_owned())
        .replace('<', "\\u003c")
}

/// Reads the answer the server wrote into the page, if any.
#[cfg(target_arch = "wasm32")]
pub fn from_page() -> Option<Carried> {
    let text = document().get_element_by_id(SCRIPT_ID)?.text_content()?;
    serde_json::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_keys_are_stable_and_tell_texts_apart() {
        assert_eq!(document_key(""), "cbf29ce484222325");
        assert_eq!(document_key("a"), "af63dc4c8601ec8c");
        assert_ne!(document_key("{ a }"), document_key("{ b }"));
    }

    #[test]
    fn no_text_in_the_data_can_close_the_script() {
        let carried = Carried {
            document: "k".to_owned(),
            variables: Some(serde_json::json!({ "q": "</script><script>alert(1)</script><!--" })),
            status: 200,
            response: serde_json::json!({ "data": { "name": "a < b" } }),
            today: Date::new(2026, 12, 3).expect("date"),
        };
        let json = script_json(&carried);
        assert!(!json.contains('<'), "{json}");
        let back: Carried = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back, carried);
    }

    #[test]
    fn only_the_carried_document_and_variables_match_and_only_once() {
        let owner = Owner::new();
        owner.with(|| {
            let carried = Carried {
                document: document_key("{ plan }"),
                variables: Some(serde_json::json!({ "code": "2" })),
                status: 200,
                response: serde_json::json!({ "data": { "plan": 1 } }),
                today: Date::new(2026, 12, 3).expect("date"),
            };
            provide_context(Slot::new(Some(carried)));
            let code = |c: &str| Some(serde_json::json!({ "code": c }));
            assert_eq!(take("{ other }", code("2").as_ref()), None);
            assert_eq!(take("{ plan }", code("3").as_ref()), None);
            assert_eq!(
                take("{ plan }", code("2").as_ref()),
                Some(Ok(serde_json::json!({ "plan": 1 })))
            );
            assert_eq!(take("{ plan }", code("2").as_ref()), None, "taken once");
        });
    }
}
