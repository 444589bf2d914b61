//! Comparison keys of statements, value readers, and the Czech labels of subjects and fields.

use shared::parse::{self, Cost, IndicatorReading};
use shared::{Code, Czk, FundingSource};

/// The identity key of an organisation name: folded, letters and digits only, so "Renarkon,
/// o.p.s." and "Renarkon o.p.s." are one organisation.
pub fn org_key(name: &str) -> String {
    shared::search::fold(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

pub(super) fn code_key(text: &str) -> String {
    text.parse::<Code>()
        .map(|c| c.to_string())
        .unwrap_or_else(|_| text.trim().to_owned())
}

pub(super) fn cost_key(cost: &Cost) -> String {
    match (&cost.amount, &cost.see_measure) {
        (Some(a), _) => a.hellers().to_string(),
        (None, Some(m)) => format!("see:{m}"),
        (None, None) => "none".into(),
    }
}

pub(super) fn funding_key(text: &str) -> String {
    let mut sources: Vec<FundingSource> = parse::funding(text);
    sources.sort();
    sources
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn value_key(text: &str) -> String {
    match parse::indicator_value(text) {
        Ok(IndicatorReading::Value(v)) => v.to_string(),
        Ok(IndicatorReading::Parts(p)) => {
            p.iter().map(f64::to_string).collect::<Vec<_>>().join("/")
        }
        Ok(IndicatorReading::Missing) | Err(_) => "missing".into(),
    }
}

pub(super) fn number_or_missing(text: &str) -> Result<Option<f64>, String> {
    match parse::indicator_value(text) {
        Ok(IndicatorReading::Value(v)) => Ok(Some(v)),
        Ok(IndicatorReading::Missing) => Ok(None),
        Ok(IndicatorReading::Parts(_)) => Err(format!("`{text}` is not a single number")),
        Err(e) => Err(e.to_string()),
    }
}

/// A context figure as a number: "1 290+" → 1290, "204,6 mil. Kč" → 204 600 000.
pub(super) fn context_value(text: &str) -> Option<f64> {
    let trimmed = text.trim().trim_end_matches('+');
    parse::number(trimmed).ok().or_else(|| {
        parse::cost(text)
            .ok()
            .and_then(|c| c.amount)
            .map(Czk::crowns_f64)
    })
}
