//! The yearly implementation report of a plan ("Zpráva o naplňování Plánu").
//!
//! A report is made from a **snapshot**: the answer of [`SNAPSHOT_QUERY`] run anonymously, so it
//! holds only published data. [`assemble()`] turns the snapshot, the report's [`Meta`] and the
//! coordinators' [`Narratives`] into the printed report ([`view::Report`]), every figure
//! formatted; [`pdf::render`] typesets it, [`docx::render`] writes it for Word and
//! [`html::render`] shows it in the app while it is drafted, with [`outline::outline`] listing
//! the places to write and the figures beside each. The heavy typesetting dependencies live in
//! this crate only, which only the server links.

// `serde_json::json!` of a whole snapshot in the unit tests.
#![recursion_limit = "256"]

pub mod assemble;
pub mod docx;
pub mod html;
pub mod input;
pub mod outline;
pub mod pdf;
pub mod view;

pub use assemble::{AssembleError, Meta, Narratives, assemble};

/// The GraphQL document whose answer is a report's snapshot ([`input::Snapshot`]); its one
/// variable is `plan`, the plan's slug.
pub const SNAPSHOT_QUERY: &str = include_str!("snapshot.graphql");
