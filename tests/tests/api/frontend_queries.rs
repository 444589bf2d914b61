//! Every GraphQL document the app sends (`frontend/queries/*.graphql`) runs against the real
//! schema and data without errors, so a schema change that would break the app fails here.
//!
//! Each file's first line gives example variables: `# variables: {"code": "2.1.3.4"}`.

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

pub async fn frontend_queries_match_the_schema(app: TestApp) {
    let files = query_files();
    assert!(!files.is_empty(), "no query files found");
    for path in files {
        let document = std::fs::read_to_string(&path).expect("query file");
        let r = app.query(&document, variables(&path, &document)).await;
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
