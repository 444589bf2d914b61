#!/usr/bin/env bash
# Every test: formatting and lints, unit tests, the API tests on SQLite and PostgreSQL, the
# frontend's queries against the schema, and the browser tests in headless Chromium against the
# real server serving the release bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
# The release bundle the browser tests load (and the wasm32 build of the frontend).
cargo xtask dist
# axe-core, the accessibility checker the browser tests run in every public page (pinned).
if [ ! -f target/axe/node_modules/axe-core/axe.min.js ]; then
  npm install --prefix target/axe --no-save --no-audit --no-fund --silent axe-core@4.14.1
fi
cargo clippy --workspace --all-targets --exclude frontend -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown --features hydrate -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown --features staff,csr -- -D warnings
# Also the frontend's view logic and its server rendering, natively, with the features the
# server's tests build it with (staff, ssr): one build of the Leptos stack for both.
cargo test --workspace --exclude xtask
# The bundler's own tests, in the release profile `cargo xtask` already built it in.
cargo test -p xtask --release
# Schema-driven GraphQL fuzzing against the real server, bounded for CI (about a minute).
FUZZ_CASES=2000 bash scripts/fuzz.sh
