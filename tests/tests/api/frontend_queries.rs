//! Every GraphQL document the app sends (`frontend/queries/*.graphql`) runs against the real
//! schema and data without errors, so a schema change that would break the app fails here.
//!
//! Each file's first line gives example variables: `# variables: {"code": "2.1.3.4"}`; a second
//! line `# as: admin` runs it signed in as an admin (mutations run for real, on the test's own
//! database).

use std::path::{Path, PathBuf};

use serde_json::Value;
use tests::TestApp;

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

pub async fn frontend_queries_match_the_schema(app: TestApp) {
    let files = query_files();
    assert!(!files.is_empty(), "no query files found");
    // The admin the staff documents run as (each with a session of its own, so `logout` ends
    // only its own), and the account the login document signs in with.
    drop(app.admin().await);
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
        let r = app
            .query_as(session.as_ref(), &document, variables(&path, &document))
            .await;
        assert!(r.get("errors").is_none(), "{}: {r:#}", path.display());
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
