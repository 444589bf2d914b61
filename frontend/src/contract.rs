//! The app's contract with the API, for tests outside the app: which type each page decodes its
//! read document's answer into. The integration tests run every document in `queries/`
//! against the real server and decode the answer with [`decoder`], so a schema change that the
//! GraphQL validation lets through (a field turning nullable, a number turning into a string)
//! still fails before a page meets it. Native builds only.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{pages, queries};

/// Decodes a document's `data` into a page's type.
pub type Decoder = fn(Value) -> Result<(), String>;

fn decode<D: DeserializeOwned>(data: Value) -> Result<(), String> {
    serde_json::from_value::<D>(data)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The waves' document, read by `/sprava/vlny` and by data entry, each into its own type.
#[cfg(feature = "staff")]
fn decode_waves(data: Value) -> Result<(), String> {
    decode::<pages::manage_waves::Data>(data.clone())?;
    decode::<pages::entry::WavesData>(data)
}

/// The read documents and what their pages decode them into.
pub fn decoders() -> Vec<(&'static str, Decoder)> {
    #[allow(unused_mut)]
    let mut all: Vec<(&'static str, Decoder)> = vec![
        (queries::OVERVIEW, decode::<pages::overview::Data>),
        (queries::AREA, decode::<pages::area::Data>),
        (
            queries::STRATEGIC_GOAL,
            decode::<pages::goal::StrategicData>,
        ),
        (queries::SPECIFIC_GOAL, decode::<pages::goal::SpecificData>),
        (queries::MEASURE, decode::<pages::measure::Data>),
        (queries::MEETING_AREA, decode::<pages::meeting::AreaData>),
        (queries::MEETING_GOAL, decode::<pages::meeting::GoalData>),
        (queries::INDICATORS, decode::<pages::indicators::Data>),
        (queries::BUDGET, decode::<pages::budget::Data>),
        (queries::RISKS, decode::<pages::risks::Data>),
        (queries::COMPARISON, decode::<pages::comparison::Data>),
        (queries::REPORTS, decode::<pages::reports::Data>),
        (queries::OPEN_DATA, decode::<pages::open_data::Data>),
        (queries::TIMELINE, decode::<pages::timeline::Data>),
        (queries::SEARCH, decode::<pages::search::Data>),
    ];
    #[cfg(feature = "staff")]
    all.extend([
        (queries::ME, decode::<crate::session::MeData> as Decoder),
        (queries::REPORTING, decode::<pages::entry::Data>),
        (queries::HISTORY, decode::<pages::history::Data>),
        (queries::USERS, decode::<pages::users::Data>),
        (queries::MANAGE, decode::<pages::manage::Data>),
        (queries::WAVES, decode_waves),
        (queries::ACTION_PLANS, decode::<pages::action_plans::Data>),
        (queries::EDIT_GOAL, decode::<pages::edit_goal::Data>),
        (queries::EDIT_MEASURE, decode::<pages::edit_measure::Data>),
        (queries::REPORT_LIST, decode::<pages::edit_report::ListData>),
        (queries::REPORT_EDIT, decode::<pages::edit_report::EditData>),
        (
            queries::REPORT_PREVIEW,
            decode::<pages::edit_report::PreviewData>,
        ),
    ]);
    all
}

/// The decoder of a read document (its text, as in `queries`), if a page reads it.
pub fn decoder(document: &str) -> Option<Decoder> {
    decoders()
        .into_iter()
        .find(|(d, _)| *d == document)
        .map(|(_, f)| f)
}
