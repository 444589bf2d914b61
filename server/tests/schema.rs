//! The schema SDL checked into `schema.graphql` must be the one the code builds.
//!
//! Analysts and the frontend read the checked-in file; this test fails when the code and the file
//! drift apart. After an intended schema change, rewrite the file with
//! `UPDATE_SCHEMA=1 cargo test -p server --test schema` and commit it with the change.

use std::path::PathBuf;

#[test]
fn checked_in_sdl_matches_the_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let built = server::graphql::sdl();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &built).expect("write schema.graphql");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != built {
        let first_difference = checked_in
            .lines()
            .zip(built.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| checked_in.lines().count().min(built.lines().count()));
        panic!(
            "schema.graphql is out of date (first difference at line {}): run \
             `UPDATE_SCHEMA=1 cargo test -p server --test schema` and commit the file",
            first_difference + 1
        );
    }
}
