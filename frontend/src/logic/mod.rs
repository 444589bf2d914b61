//! View logic as plain functions, free of the DOM so it is unit-tested natively: bar widths,
//! chart scales, the risk matrix, the timeline's phases, budget shares, entered values,
//! the changes of a record's history, the monitoring cycle's focus and counts, the
//! spreadsheet round-trip's templates and previews, live updates' messages and rules, and a
//! target's revisions.

pub mod budget;
pub mod chart;
pub mod entry;
pub mod live;
pub mod meeting;
pub mod monitoring;
pub mod progress;
pub mod risk;
pub mod sheet;
pub mod target;
pub mod text;
pub mod timeline;
