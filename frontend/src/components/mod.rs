//! Pieces pages share: the page frame and its states, chips, bars, charts, sources.

pub mod action_plan_switch;
pub mod badges;
pub mod breadcrumbs;
pub mod charts;
pub mod conflicts;
pub mod download;
pub mod error_view;
pub mod form;
pub mod goal;
pub mod link;
pub mod money;
pub mod offline;
pub mod page;
pub mod progress_bar;
pub mod search_form;
pub mod source;
#[cfg(feature = "staff")]
pub mod staff;
