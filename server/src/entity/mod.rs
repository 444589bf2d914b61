//! sea-orm entities, one per table of `migrations`. Relations are not declared: related rows
//! are loaded in batches by foreign key (`store`), one query per level, never per row.

pub mod action_plan;
pub mod allocation;
pub mod area;
pub mod audit_record;
pub mod conflict;
pub mod context_indicator;
pub mod document;
pub mod global_indicator;
pub mod global_indicator_value;
pub mod headline;
pub mod impact_indicator;
pub mod indicator_value;
pub mod internal_note;
pub mod login_failure;
pub mod measure;
pub mod measure_funding;
pub mod measure_link;
pub mod measure_status;
pub mod milestone;
pub mod organisation;
pub mod output_indicator;
pub mod plan;
pub mod project;
pub mod risk;
pub mod session;
pub mod specific_goal;
pub mod statement;
pub mod strategic_goal;
pub mod summary;
pub mod target_group;
pub mod user_account;
pub mod user_organisation;
pub mod user_plan;
