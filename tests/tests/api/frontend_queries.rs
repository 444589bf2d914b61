//! Every GraphQL document the app sends (`frontend/queries/*.graphql`) runs against the real
//! schema and data without errors, and every read document's answer decodes into the type its
//! page reads it as (`frontend::contract`), so a schema change that would break the app fails
//! here.
//!
//! Each file's first line gives example variables: `# variables: {"code": "2.1.3.4"}`; a second
//! line `# as: admin` runs it signed in as an admin (mutations run for real, on the test's own
//! database). Ids and versions are never written into a header: a string value
//! `"@manage:/conflicts/0/id"` is taken from the answer of another document (`manage.graphql`,
//! run with its own header) at that JSON pointer, as the app takes them from the page it shows.
//!
//! Files run in name order, which is why a draft action plan's documents are named
//! `action_plan_draft_add_*`: after `action_plan_create`, before `action_plan_draft_approve`.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tests::{Session, TestApp};

/// The app's query files, sorted by name.
fn query_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "graphql"))
        .collect();
    files.sort();
    files
}

/// The variables of the file's `# variables:` header line.
fn variables(path: &Path, document: &str) -> Value {
    let header = document.lines().next().unwrap_or_default();
    let json = header.strip_prefix("# variables:").unwrap_or_else(|| {
        panic!(
            "{}: the first line must be `# variables: {{...}}`",
            path.display()
        )
    });
    serde_json::from_str(json.trim())
        .unwrap_or_else(|e| panic!("{}: variables are not JSON: {e}", path.display()))
}

/// Whether the file's second line says `# as: admin`: the document needs a signed-in user.
fn as_admin(document: &str) -> bool {
    document
        .lines()
        .nth(1)
        .is_some_and(|l| l.trim() == "# as: admin")
}

/// Whether the document is a query (not a mutation): its first line that is not a comment.
fn is_query(document: &str) -> bool {
    document
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("query"))
}

/// `variables` with every `"@document:/pointer"` string replaced by the value at that JSON
/// pointer in the answer of `frontend/queries/document.graphql` (run as an admin, with its own
/// header's variables).
fn resolve<'a>(
    app: &'a TestApp,
    session: &'a Session,
    value: Value,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Value> + 'a>> {
    Box::pin(async move {
        match value {
            Value::String(s) if s.starts_with('@') => {
                let (name, pointer) = s[1..]
                    .split_once(':')
                    .unwrap_or_else(|| panic!("{s}: write `@document:/json/pointer`"));
                let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("../frontend/queries/{name}.graphql"));
                let document = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let r = app
                    .query_as(Some(session), &document, variables(&path, &document))
                    .await;
                r["data"]
                    .pointer(pointer)
                    .filter(|v| !v.is_null())
                    .unwrap_or_else(|| panic!("{s}: nothing at {pointer} in {r:#}"))
                    .clone()
            }
            Value::Object(map) => {
                let mut out = serde_json::Map::new();
                for (k, v) in map {
                    out.insert(k, resolve(app, session, v).await);
                }
                Value::Object(out)
            }
            Value::Array(items) => {
                let mut out = Vec::new();
                for v in items {
                    out.push(resolve(app, session, v).await);
                }
                Value::Array(out)
            }
            other => other,
        }
    })
}

#[test]
fn documents_are_told_apart() {
    assert!(is_query(
        "# variables: {}\n# as: admin\nquery Users {\n users { id } }"
    ));
    assert!(!is_query("# variables: {}\nmutation Login { login }"));
}

pub async fn frontend_queries_match_the_schema(app: TestApp) {
    let files = query_files();
    assert!(!files.is_empty(), "no query files found");
    // A fixed today, so the documents' dates keep their meaning: Action Plan I in force, the
    // Action Plan II the documents approve (2027) not yet.
    app.clock.set(shared::Date::new(2026, 11, 30));
    // The admin the staff documents run as (each with a session of its own, so `logout` ends
    // only its own), and the account the login document signs in with.
    drop(app.admin().await);
    // The session that reads the ids and versions the headers refer to.
    let reader = app
        .login(tests::ADMIN_EMAIL, tests::TEST_PASSWORD)
        .await
        .expect("admin signs in");
    for path in files {
        let document = std::fs::read_to_string(&path).expect("query file");
        let session = if as_admin(&document) {
            Some(
                app.login(tests::ADMIN_EMAIL, tests::TEST_PASSWORD)
                    .await
                    .expect("admin signs in"),
            )
        } else {
            None
        };
        let vars = resolve(&app, &reader, variables(&path, &document)).await;
        let r = app.query_as(session.as_ref(), &document, vars).await;
        assert!(r.get("errors").is_none(), "{}: {r:#}", path.display());
        match frontend::contract::decoder(&document) {
            Some(decode) => decode(r["data"].clone()).unwrap_or_else(|e| {
                panic!(
                    "{}: the page cannot read the answer: {e}\n{r:#}",
                    path.display()
                )
            }),
            None => assert!(
                !is_query(&document),
                "{}: a read document no page decodes (add it to frontend::contract)",
                path.display()
            ),
        }
        let data = r["data"]
            .as_object()
            .unwrap_or_else(|| panic!("{}: no data: {r:#}", path.display()));
        assert!(
            data.values().any(|v| !v.is_null()),
            "{}: every root field is null: {r:#}",
            path.display()
        );
    }
}
