//! Entering data: reading what a person typed into a number, and what changed between the
//! before and after of an audit record.

use shared::format::Lang;
use shared::validate::{self, Rule};

/// A typed number, Czech (`1 234,5`) or plain (`1234.5`), not negative. Empty text is
/// `Ok(None)`.
fn number(text: &str) -> Result<Option<f64>, Rule> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let value: f64 = cleaned.parse().map_err(|_| Rule::NotANumber)?;
    if !value.is_finite() {
        return Err(Rule::NotANumber);
    }
    if value < 0.0 {
        return Err(Rule::Negative);
    }
    Ok(Some(value))
}

/// A typed value of a global indicator: a number under the server's rule
/// (`validate::global_value`: not negative, at most 10⁷). Empty text is `Ok(None)`.
pub fn decimal(text: &str) -> Result<Option<f64>, Rule> {
    match number(text)? {
        None => Ok(None),
        Some(v) => validate::global_value("value", v)
            .map(Some)
            .map_err(|e| e.rule),
    }
}

/// A typed indicator value or target: a number under the server's rule for counts (whole,
/// not negative, at most 10⁷). Empty text is `Ok(None)`: the indicator is left out.
pub fn indicator_value(text: &str) -> Result<Option<f64>, Rule> {
    match number(text)? {
        None => Ok(None),
        Some(v) => validate::indicator_value("value", v)
            .map(Some)
            .map_err(|e| e.rule),
    }
}

/// A typed amount in Kč (`6 100 000`, `12 170 133,36 Kč`) under the server's rule
/// (`validate::amount_text`: not negative, at most 10¹² Kč); empty text is `Ok(None)`.
pub fn amount(text: &str) -> Result<Option<shared::Czk>, Rule> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    validate::amount_text("amount", text)
        .map(Some)
        .map_err(|e| e.rule)
}

/// The inline message of a field holding a count ([`indicator_value`]).
pub fn count_problem(text: &str, lang: Lang) -> Option<String> {
    indicator_value(text).err().map(|r| r.message(lang))
}

/// The inline message of a field holding a [`decimal`].
pub fn decimal_problem(text: &str, lang: Lang) -> Option<String> {
    decimal(text).err().map(|r| r.message(lang))
}

/// The inline message of a field holding an [`amount`].
pub fn amount_problem(text: &str, lang: Lang) -> Option<String> {
    amount(text).err().map(|r| r.message(lang))
}

/// The inline message of a registration number that does not have the format
/// `CZ.03.02.01/00/22_018/0001145`.
pub fn registration_problem(text: &str, lang: Lang) -> Option<String> {
    (!text.trim().is_empty())
        .then(|| validate::registration_number("registrationNumber", text).err())
        .flatten()
        .map(|e| e.rule.message(lang))
}

/// One field an audit record changed: its name, the value before and after (as JSON text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The fields whose values differ between `before` and `after` (JSON objects, either may be
/// absent), `version` left out; every field of `after` for a new record.
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<Change> {
    let parse = |t: Option<&str>| {
        t.and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default()
    };
    let (b, a) = (parse(before), parse(after));
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "—".to_owned(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    };
    let mut fields: Vec<&String> = a.keys().chain(b.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| f.as_str() != "version" && f.as_str() != "id")
        .filter(|f| b.get(*f) != a.get(*f))
        .map(|f| Change {
            field: f.clone(),
            before: show(b.get(f)),
            after: show(a.get(f)),
        })
        .collect()
}

/// Whether a record shown for editing is still waiting for a coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Published, nothing pending.
    No,
    /// A proposed change to the published record it stands in for.
    Proposal,
    /// A new record not yet published.
    New,
}

/// The records to edit: each published one, or in its place the pending proposal that
/// replaces it (what an edit must revise: editing the published record meanwhile is a
/// `CONFLICT`), then the new drafts. `replaces` gives a draft's published record.
pub fn with_pending<T>(
    published: Vec<T>,
    drafts: Vec<T>,
    id: impl Fn(&T) -> i32,
    replaces: impl Fn(&T) -> Option<i32>,
) -> Vec<(T, Pending)> {
    let (mut proposals, new): (Vec<T>, Vec<T>) =
        drafts.into_iter().partition(|d| replaces(d).is_some());
    let mut out: Vec<(T, Pending)> = published
        .into_iter()
        .map(
            |p| match proposals.iter().position(|d| replaces(d) == Some(id(&p))) {
                Some(i) => (proposals.swap_remove(i), Pending::Proposal),
                None => (p, Pending::No),
            },
        )
        .collect();
    out.extend(new.into_iter().map(|d| (d, Pending::New)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_read_czech_and_plain_numbers() {
        assert_eq!(indicator_value("41"), Ok(Some(41.0)));
        assert_eq!(indicator_value(" 1 234 "), Ok(Some(1234.0)));
        assert_eq!(indicator_value("1\u{a0}234"), Ok(Some(1234.0)));
        assert_eq!(indicator_value(""), Ok(None));
        assert_eq!(indicator_value("12,5"), Err(Rule::NotWhole));
        assert_eq!(indicator_value("-3"), Err(Rule::Negative));
        assert_eq!(indicator_value("hodně"), Err(Rule::NotANumber));
        assert_eq!(
            indicator_value("1e308"),
            Err(Rule::TooLarge {
                max: validate::MAX_COUNT
            })
        );
    }

    #[test]
    fn decimals_and_amounts_read_as_typed() {
        assert_eq!(decimal("12,5"), Ok(Some(12.5)));
        assert_eq!(decimal(" 0.75 "), Ok(Some(0.75)));
        assert_eq!(decimal(""), Ok(None));
        assert_eq!(decimal("-1"), Err(Rule::Negative));
        assert_eq!(decimal("inf"), Err(Rule::NotANumber));
        assert_eq!(
            amount("12 170 133,36 Kč").map(|c| c.map(|c| c.hellers())),
            Ok(Some(1_217_013_336))
        );
        assert_eq!(amount("  "), Ok(None));
        assert_eq!(amount("hodně"), Err(Rule::NotANumber));
        assert_eq!(
            amount("92 233 720 368 547 758").unwrap_err().code(),
            "TOO_LARGE"
        );
        assert_eq!(decimal("1e308").unwrap_err().code(), "TOO_LARGE");
        assert!(registration_problem("CZ.03.02.01/00/22_018/0001145", Lang::Cs).is_none());
        assert!(registration_problem("CZ.03/1", Lang::Cs).is_some());
        assert!(
            registration_problem("", Lang::Cs).is_none(),
            "required is the form's to say"
        );
    }

    #[test]
    fn only_changed_fields_are_listed() {
        let before = r#"{"id":1,"version":1,"published":false,"value":3.0,"locator":"A"}"#;
        let after = r#"{"id":1,"version":2,"published":true,"value":3.0,"locator":"A"}"#;
        assert_eq!(
            changes(Some(before), Some(after)),
            vec![Change {
                field: "published".into(),
                before: "false".into(),
                after: "true".into()
            }]
        );
        let created = changes(None, Some(r#"{"value":41.0,"locator":"Dotazník"}"#));
        assert_eq!(created.len(), 2);
        assert_eq!(created[0].before, "—");
        assert_eq!(created[0].after, "Dotazník");
    }

    #[test]
    fn a_pending_proposal_stands_in_for_its_published_record() {
        // (id, replaces)
        let published = vec![(7, None), (8, None)];
        let drafts = vec![(21, None), (20, Some(8))];
        let rows = with_pending(published, drafts, |r| r.0, |r| r.1);
        assert_eq!(
            rows,
            vec![
                ((7, None), Pending::No),
                ((20, Some(8)), Pending::Proposal),
                ((21, None), Pending::New),
            ]
        );
        assert!(
            with_pending(Vec::<(i32, Option<i32>)>::new(), vec![], |r| r.0, |r| r.1).is_empty()
        );
    }
}
