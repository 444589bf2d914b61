//! sea-orm entities, one per table of `migrations`. Relations are not declared: related rows
//! are loaded in batches by foreign key (`store`), one query per level, never per row.

pub mod plan;
pub mod document;
pub mod action_plan;
pub mod area;
pub mod target_group;
pub mod strategic_goal;
pub mod specific_goal;
pub mod impact_indicator;
pub mod indicator_value;
pub mod summary;
pub mod measure;
pub mod output_indicator;
pub mod measure_funding;
pub mod measure_link;
pub mod organisation;
pub mod project;
pub mod allocation;
pub mod measure_status;
pub mod global_indicator;
pub mod global_indicator_value;
pub mod context_indicator;
pub mod milestone;
pub mod risk;
pub mod statement;
pub mod conflict;
