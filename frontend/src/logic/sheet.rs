//! The spreadsheet round-trip of a wave as `/zadavani` shows it: which templates the user can
//! download (an implementer one per organisation; a coordinator the chosen organisation's or
//! every row), their addresses, and what the server answered to an upload (its preview is
//! `shared::sheet::Preview`, the type the server sends).

use shared::format::Lang;
pub use shared::sheet::Preview;

use super::monitoring::{Focus, Row};

/// Whose rows a template holds: an organisation's (its id and name), or every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetTarget {
    pub organisation: Option<(i32, String)>,
}

impl SheetTarget {
    fn query(&self, wave: i32) -> String {
        match &self.organisation {
            Some((id, _)) => format!("plan=ostrava&vlna={wave}&org={id}"),
            None => format!("plan=ostrava&vlna={wave}"),
        }
    }

    /// Where the template downloads from.
    pub fn template_href(&self, wave: i32) -> String {
        format!("/zadavani/sablona.xlsx?{}", self.query(wave))
    }

    /// Where a filled file is uploaded (with the digest of its preview to store it).
    pub fn import_url(&self, wave: i32, confirm: Option<&str>) -> String {
        match confirm {
            Some(d) => format!("/zadavani/import?{}&potvrdit={d}", self.query(wave)),
            None => format!("/zadavani/import?{}", self.query(wave)),
        }
    }
}

/// The templates a user may download in a wave: an implementer's organisations (their rows of
/// the matrix), a coordinator's chosen organisation, or every row.
pub fn targets(rows: &[Row], focus: &Focus, own_only: bool) -> Vec<SheetTarget> {
    let named = |id: i32| {
        rows.iter()
            .find(|r| r.organisation_id == Some(id))
            .and_then(|r| r.organisation_name.clone())
            .map(|name| SheetTarget {
                organisation: Some((id, name)),
            })
    };
    if own_only {
        return rows
            .iter()
            .filter_map(|r| r.organisation_id)
            .filter(|id| focus.organisation.is_none_or(|o| o == *id))
            .filter_map(named)
            .collect();
    }
    match focus.organisation.and_then(named) {
        Some(t) => vec![t],
        None => vec![SheetTarget { organisation: None }],
    }
}

/// What the server answered to an upload: a preview, or a refusal (its code, its message in
/// the page's language, and the fresh preview a `PREVIEW_CHANGED` or `NOT_STORABLE` carries).
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Preview(Preview),
    Refused {
        code: String,
        message: String,
        preview: Option<Preview>,
    },
}

/// Reads an upload's answer (status and JSON body).
pub fn answer(status: u16, body: &serde_json::Value, lang: Lang) -> Answer {
    if (200..300).contains(&status)
        && let Ok(p) = serde_json::from_value::<Preview>(body.clone())
    {
        return Answer::Preview(p);
    }
    let e = &body["errors"][0];
    let ext = &e["extensions"];
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    let message = match lang {
        Lang::Cs => text(&ext["messageCs"]).or_else(|| text(&e["message"])),
        Lang::En => text(&e["message"]),
    }
    .unwrap_or_else(|| match lang {
        Lang::Cs => format!("Server soubor nepřijal (HTTP {status})."),
        Lang::En => format!("The server refused the file (HTTP {status})."),
    });
    Answer::Refused {
        code: text(&ext["code"]).unwrap_or_else(|| "HTTP".to_owned()),
        message,
        preview: serde_json::from_value(ext["preview"].clone()).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::monitoring::Counts;
    use serde_json::json;

    fn row(org: Option<(i32, &str)>) -> Row {
        Row {
            organisation_id: org.map(|o| o.0),
            organisation_name: org.map(|o| o.1.to_owned()),
            counts: Counts::default(),
            items: vec![],
        }
    }

    #[test]
    fn implementers_get_their_organisations_coordinators_the_chosen_or_all() {
        let rows = vec![
            row(Some((5, "Diakonie"))),
            row(Some((6, "Charita"))),
            row(None),
        ];
        let own = targets(&rows[..1], &Focus::default(), true);
        assert_eq!(
            own,
            vec![SheetTarget {
                organisation: Some((5, "Diakonie".into()))
            }]
        );
        let all = targets(&rows, &Focus::default(), false);
        assert_eq!(all, vec![SheetTarget { organisation: None }]);
        let chosen = Focus {
            organisation: Some(6),
            ..Focus::default()
        };
        assert_eq!(
            targets(&rows, &chosen, false)[0].template_href(3),
            "/zadavani/sablona.xlsx?plan=ostrava&vlna=3&org=6"
        );
        assert_eq!(
            all[0].import_url(3, Some("ab")),
            "/zadavani/import?plan=ostrava&vlna=3&potvrdit=ab"
        );
    }

    #[test]
    fn answers_are_previews_or_refusals_in_the_pages_language() {
        let preview = json!({ "wave": { "id": 3, "name": "3. vlna" }, "refDate": "2026-06-30", "sheet": "Hlášení", "summary": { "rows": 1, "new": 1, "changed": 0, "unchanged": 0, "empty": 0, "conflicts": 0, "errors": 0 },
            "rows": [{ "row": 6, "id": "U1", "code": "2.1.3", "name": "N", "organisation": null, "old": null, "new": "12", "state": "NEW" }],
            "errors": [], "digest": "ab", "storable": true, "stored": null });
        let Answer::Preview(p) = answer(200, &preview, Lang::Cs) else {
            panic!("a preview")
        };
        assert!(p.has_changes() && p.storable);
        assert_eq!(p.shown_rows().count(), 1);
        let refused = json!({ "errors": [{ "message": "The file is empty.", "extensions": { "code": "EMPTY_FILE", "messageCs": "Soubor je prázdný." } }] });
        assert_eq!(
            answer(422, &refused, Lang::Cs),
            Answer::Refused {
                code: "EMPTY_FILE".into(),
                message: "Soubor je prázdný.".into(),
                preview: None
            }
        );
        let changed = json!({ "errors": [{ "message": "m", "extensions": { "code": "PREVIEW_CHANGED", "messageCs": "c", "preview": preview } }] });
        assert!(matches!(
            answer(409, &changed, Lang::En),
            Answer::Refused {
                preview: Some(_),
                ..
            }
        ));
        assert!(
            matches!(answer(502, &json!(null), Lang::Cs), Answer::Refused { code, .. } if code == "HTTP")
        );
    }
}
