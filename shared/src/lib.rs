#![doc = include_str!("../README.md")]
#![warn(clippy::unwrap_used)]

pub mod action_plan;
pub mod code;
pub mod conflict;
pub mod date;
pub mod format;
pub mod funding;
pub mod money;
pub mod parse;
pub mod progress;
pub mod report;
pub mod role;
pub mod search;
pub mod sheet;
pub mod status;
pub mod timeline;
pub mod trend;
pub mod validate;
pub mod wave;

pub use code::Code;
pub use date::Date;
pub use funding::FundingSource;
pub use money::Czk;
pub use status::{ActivityKind, MeasureStatus};
