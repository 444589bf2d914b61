#!/usr/bin/env bash
# Every test: formatting and lints, unit tests, the API tests on SQLite and PostgreSQL, the
# frontend's queries against the schema, and the browser tests in headless Chromium against the
# real server serving the release bundle.
#
# Native lints run inside the build the tests need anyway: clippy-driver compiles the
# workspace's own crates (RUSTC_WORKSPACE_WRAPPER, what `cargo clippy` itself sets), so no
# dependency is built a second time in check mode just for linting. Not for the release bundle:
# clippy-driver turns MIR optimisations off, which makes the wasm larger and its build slower.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step says when it starts, in seconds from the start, so CI's log shows where time goes.
phase() { echo "== $1 (at ${SECONDS} s)"; }
phase "formatting"
cargo fmt --all --check
# The release bundle the browser tests load (both wasm32 builds of the frontend), exactly as
# the README's run command builds it; then the browser-only code linted for wasm32 once, in the
# staff build (client-rendered, every page). The hydrating public build's code is the same
# pages, linted natively below with the server rendering; a second wasm32 check of the whole
# Leptos stack would cost CI two minutes for a few lines of entry point.
#
# Both run beside the native build, in a target directory of their own (Cargo locks one
# directory per build): the wasm builds end in a long single-threaded link (LTO, one codegen
# unit) that leaves a core idle, and the native build fills it. Their output is kept apart
# and printed when they end.
phase "the release bundle and wasm32 lints (beside the native build)"
bundle_target="$PWD/target/bundle"
bundle_log="$(mktemp)"
(
  set -e
  export CARGO_TARGET_DIR="$bundle_target"
  cargo xtask dist
  echo "== wasm32 lints (at ${SECONDS} s)"
  cargo clippy -p frontend --target wasm32-unknown-unknown --features staff,csr -- -D warnings
) >"$bundle_log" 2>&1 &
bundle_pid=$!
trap 'kill "$bundle_pid" 2>/dev/null || true' EXIT
# clippy's driver for the workspace's own crates from here on (not for the bundle above).
RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
export RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
# axe-core, the accessibility checker the browser tests run in every public page (pinned).
if [ ! -f target/axe/node_modules/axe-core/axe.min.js ]; then
  npm install --prefix target/axe --no-save --no-audit --no-fund --silent axe-core@4.14.1
fi
# openpyxl and frictionless, the independent readers of the open-data files (pinned, a venv).
bash scripts/test-tools.sh
# Every target of the workspace built (and linted) once, benches included; then the tests run.
# The frontend's view logic and its server rendering run natively, with the features the
# server's tests build it with (staff, ssr): one build of the Leptos stack for both.
phase "the native build"
cargo test --workspace --exclude xtask --all-targets --no-run
bundle_status=0
wait "$bundle_pid" || bundle_status=$?
phase "the release bundle and wasm32 lints (ended)"
cat "$bundle_log"
if [ "$bundle_status" != 0 ]; then
  echo "the release bundle or the wasm32 lints failed (exit $bundle_status)"
  exit "$bundle_status"
fi
# The browser tests mostly wait on Chromium (over a minute), so they run beside everything
# after them: straight from their binary (cargo would hold its build lock meanwhile), from the
# package's directory as cargo runs it, their output printed when they end.
browser="$(cargo test -p tests --test browser --no-run 2>&1 | grep -o 'target/debug/deps/browser-[0-9a-f]*' | head -1)"
browser_log="$(mktemp)"
(cd tests && "../$browser" >"$browser_log" 2>&1) &
browser_pid=$!
# The browser tests' Chromium lives in a static, so it outlives their process: end it, and
# the tests themselves if a step fails first.
trap 'kill "$browser_pid" 2>/dev/null || true; pkill -f psz_chromium_ || true' EXIT
# Unit tests, the API and attack tests (SQLite and PostgreSQL) and the doc tests, selected by
# target rather than by package: leaving a package out would resolve other features and
# rebuild half the workspace (two minutes). A new integration test file goes in this list.
phase "unit and API tests"
cargo test --workspace --exclude xtask --lib --bins --test schema --test money --test api --test hostile
cargo test --workspace --exclude xtask --doc
# The bundler's own tests (and lints), in the release profile `cargo xtask` built it in.
phase "the bundler's tests"
CARGO_TARGET_DIR="$bundle_target" cargo test -p xtask --release
phase "fuzzing"
# Schema-driven GraphQL fuzzing against the real server, bounded for CI (about a minute).
FUZZ_CASES=2000 bash scripts/fuzz.sh
browser_status=0
wait "$browser_pid" || browser_status=$?
phase "browser tests (ended)"
cat "$browser_log"
phase "done"
exit "$browser_status"
