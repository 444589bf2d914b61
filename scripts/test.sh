#!/usr/bin/env bash
# Every test: unit tests, API tests on SQLite and PostgreSQL, and the frontend's wasm32 build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --exclude frontend --exclude xtask
cargo build -p frontend --target wasm32-unknown-unknown
