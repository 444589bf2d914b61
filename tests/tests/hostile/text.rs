//! Attack 6 of issue 11, text hygiene: LIKE wildcards in a search match only themselves, and
//! control characters and bidi overrides in entered text are refused before anything is stored.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tests::{TestApp, code_of};

/// The keys (`code`, or `id` for organisations) of a table's rows whose folded search text
/// holds `term` literally, computed here rather than by the database.
async fn true_matches(app: &TestApp, table: &str, key: &str, term: &str) -> Vec<String> {
    let rows = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT CAST({key} AS TEXT) AS k, search_text FROM {table}"),
        ))
        .await
        .expect("rows");
    let mut keys: Vec<String> = rows
        .iter()
        .filter(|r| {
            r.try_get::<String>("", "search_text")
                .expect("search_text")
                .contains(term)
        })
        .map(|r| r.try_get::<String>("", "k").expect("key"))
        .collect();
    keys.sort();
    keys
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table}"),
        ))
        .await
        .expect("count")
        .expect("row");
    row.try_get_by_index(0).expect("n")
}

const SEARCH: &str = "query($t: String!) { search(text: $t) { \
    areas { code } strategicGoals { code } specificGoals { code } measures { code } \
    organisations { id } } }";

fn keys(result: &Value, list: &str, key: &str) -> Vec<String> {
    let mut keys: Vec<String> = result["search"][list]
        .as_array()
        .unwrap_or_else(|| panic!("{list} in {result:#}"))
        .iter()
        .map(|row| match &row[key] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    keys.sort();
    keys
}

/// `%`, `_` and `\` find only texts that contain them, on every searched table.
pub async fn search_wildcards_match_only_themselves(app: TestApp) {
    let ordinary = app.data(SEARCH, json!({ "t": "bydleni" })).await;
    assert!(
        !keys(&ordinary, "measures", "code").is_empty(),
        "an ordinary word finds measures, so the checks below are not vacuous"
    );
    let lists = [
        ("areas", "area", "code"),
        ("strategicGoals", "strategic_goal", "code"),
        ("specificGoals", "specific_goal", "code"),
        ("measures", "measure", "code"),
        ("organisations", "organisation", "id"),
    ];
    for term in ["%", "_", "\\", "%%", "a_b", "100\\%"] {
        let found = app.data(SEARCH, json!({ "t": term })).await;
        for (list, table, key) in lists {
            let got = keys(&found, list, key);
            let want = true_matches(&app, table, key, term).await;
            // Searches return at most a page; every row returned must be a true match.
            assert!(
                got.iter().all(|k| want.contains(k)),
                "search {term:?} in {list}: {got:?}, true matches {want:?}"
            );
            if want.len() < 20 {
                assert_eq!(got, want, "search {term:?} in {list}");
            }
        }
    }
    // Control characters are no words: nothing to search for, and nothing reaches the database.
    let r = app.query(SEARCH, json!({ "t": "\u{0}" })).await;
    assert_eq!(code_of(&r), "VALIDATION", "{r:#}");
}

const UPDATE_MEASURE: &str =
    "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { version name } }";
const ADD_NOTE: &str =
    "mutation($i: InternalNoteInput!) { addInternalNote(input: $i) { id text } }";

/// NUL bytes, the right-to-left override and line breaks in one-line fields are refused with
/// `CONTROL_CHARACTER`, and nothing is stored; tabs and newlines in notes are kept.
pub async fn control_characters_are_refused(app: TestApp) {
    let admin = app.admin().await;
    let m = app
        .data(
            r#"{ measure(code: "2.1.3.4") { name version } }"#,
            json!({}),
        )
        .await;
    let (name, version) = (
        m["measure"]["name"].as_str().expect("name").to_owned(),
        m["measure"]["version"].clone(),
    );
    let before = (
        count(&app, "audit_record").await,
        count(&app, "internal_note").await,
    );
    let refused = [
        (
            UPDATE_MEASURE,
            json!({ "i": { "code": "2.1.3.4", "version": version, "name": "Byty\u{0}" } }),
            "name",
            "U+0000",
        ),
        (
            UPDATE_MEASURE,
            json!({ "i": { "code": "2.1.3.4", "version": version, "name": "Byty \u{202E}fdp.exe" } }),
            "name",
            "U+202E",
        ),
        (
            UPDATE_MEASURE,
            json!({ "i": { "code": "2.1.3.4", "version": version, "name": "Byty\npro všechny" } }),
            "name",
            "U+000A",
        ),
        (
            UPDATE_MEASURE,
            json!({ "i": { "code": "2.1.3.4", "version": version, "description": "a\u{2066}b" } }),
            "description",
            "U+2066",
        ),
        (
            ADD_NOTE,
            json!({ "i": { "subject": "MEASURE", "code": "2.1.3.4", "text": "pozn\u{0}ámka" } }),
            "text",
            "U+0000",
        ),
        (
            ADD_NOTE,
            json!({ "i": { "subject": "MEASURE", "code": "2.1.3.4", "text": "\u{202E}akmánzop" } }),
            "text",
            "U+202E",
        ),
    ];
    for (q, vars, field, code_point) in refused {
        let r = app.query_as(Some(&admin), q, vars.clone()).await;
        let e = &r["errors"][0]["extensions"];
        assert_eq!(code_of(&r), "VALIDATION", "{vars}: {r:#}");
        assert_eq!(e["rule"], "CONTROL_CHARACTER", "{vars}: {r:#}");
        assert_eq!(e["field"], field, "{vars}: {r:#}");
        assert!(
            e["messageCs"].as_str().unwrap_or("").contains(code_point),
            "the message names the character: {r:#}"
        );
    }
    assert_eq!(
        (
            count(&app, "audit_record").await,
            count(&app, "internal_note").await,
        ),
        before,
        "nothing was stored"
    );
    let after = app
        .data(
            r#"{ measure(code: "2.1.3.4") { name version } }"#,
            json!({}),
        )
        .await;
    assert_eq!(after["measure"]["name"], name.as_str());
    assert_eq!(after["measure"]["version"], version);

    // Tabs and newlines are ordinary in notes; Windows line ends are kept as `\n`.
    let d = app
        .data_as(
            &admin,
            ADD_NOTE,
            json!({ "i": { "subject": "MEASURE", "code": "2.1.3.4", "text": "1.\tbod\r\n2.\tbod" } }),
        )
        .await;
    assert_eq!(d["addInternalNote"]["text"], "1.\tbod\n2.\tbod");
}
