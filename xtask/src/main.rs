//! Project chores in Rust, run as `cargo xtask <task>` (an alias in `.cargo/config.toml`).
//!
//! `cargo xtask dist [--debug]` builds the frontend bundle into `dist/` at the workspace root,
//! offline and with no tool outside Cargo: see [`dist`]. A failure prints what went wrong and
//! exits non-zero.

#![allow(
    clippy::print_stdout,
    reason = "a command-line tool whose report is its standard output"
)]

mod compress;
mod dist;
mod icons;

use std::env;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: cargo xtask <task>

Tasks:
  dist           build the frontend (wasm-release profile) into dist/ with .gz and .br copies
  dist --debug   the same with the dev profile: faster to build, larger files
  help           show this text";

/// A failed chore: a message for the person who ran it.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Adds what was being done to a lower-level error.
pub trait Context<T> {
    /// Wraps the error as `"{what}: {error}"`.
    fn context(self, what: impl FnOnce() -> String) -> Result<T, Error>;
}

impl<T, E: fmt::Display> Context<T> for Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T, Error> {
        self.map_err(|e| Error(format!("{}: {e:#}", what())))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["dist"] => dist::run(&workspace_root(), dist::Profile::Release),
        ["dist", "--debug"] => dist::run(&workspace_root(), dist::Profile::Debug),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}
