//! API tests: the real server, over HTTP, on SQLite and on PostgreSQL.
//!
//! Every scenario is a function taking the app; `both!` runs it once per database.

mod action_plans;
mod bounds;
mod carry_over;
mod compression;
mod drafts;
mod entry;
mod figures;
mod frontend_queries;
mod get;
mod installable;
mod limits;
mod live;
mod meeting;
mod monitoring;
mod opendata;
mod opendata_files;
mod pages;
mod proposals;
mod reminders;
mod reports;
mod roles;
mod sheet;
mod targets;

use tests::{Db, TestApp};

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(tests::TestApp::spawn(tests::Db::Sqlite).await).await }
            )*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(tests::TestApp::spawn(tests::Db::Postgres).await).await }
            )*
        }
    };
}

use action_plans::*;
use bounds::*;
use carry_over::*;
use compression::*;
use drafts::*;
use entry::*;
use figures::*;
use frontend_queries::*;
use get::*;
use limits::*;
use live::*;
use meeting::*;
use monitoring::*;
use opendata::*;
use opendata_files::*;
use pages::*;
use proposals::*;
use reports::*;
use roles::*;
use sheet::*;
use targets::*;

both!(
    a_draft_action_plan_is_the_staffs_alone_until_approved,
    action_plan_two_is_carried_over_changed_approved_and_read_beside_the_first,
    a_revised_target_is_in_force_from_its_date_and_progress_counts_against_it,
    public_pages_are_readable_without_javascript,
    meeting_views_show_the_figures_of_their_pages,
    the_qr_code_reads_back_to_the_pages_address,
    public_answers_are_compressed_private_ones_not,
    public_queries_over_get_carry_etags_and_may_be_persisted,
    counts_match_the_documents,
    measure_2_1_3_4_shows_its_project,
    report_totals_match_annex_a,
    goal_progress_follows_the_indicator_values,
    known_conflicts_are_exposed_with_sources,
    gaps_between_the_sources_are_findings_a_coordinator_resolves,
    search_ignores_case_and_diacritics,
    filters_narrow_measures,
    statement_count_does_not_grow_with_rows,
    bad_codes_get_stable_error_codes,
    limits_reject_deep_and_oversized_requests,
    frontend_queries_match_the_schema,
    kept_responses_follow_every_write,
    warm_public_queries_run_no_statement,
    a_remembered_session_is_forgotten_when_accounts_change,
    a_write_on_one_instance_is_seen_on_another,
    cross_plan_aggregates_do_not_query_per_plan,
    a_backup_of_a_running_server_restores,
    every_mutation_is_allowed_exactly_to_its_roles,
    waves_come_from_the_documents_and_count_what_was_delivered,
    coordinators_plan_waves_and_bad_waves_change_nothing,
    the_calendar_feed_lists_waves_and_milestones,
    a_database_from_before_waves_gets_the_documents_waves,
    sessions_are_cookies_with_csrf_and_rate_limited_logins,
    two_stale_writes_one_wins_one_conflicts,
    bad_input_gets_its_rule_and_stores_nothing,
    drafts_stay_internal_until_published_and_leave_an_audit_trail,
    a_target_edit_changes_only_the_fields_it_names,
    facts_keep_the_latest_reading_of_every_indicator,
    facts_from_the_read_model_match_the_database,
    the_latest_value_summary_follows_every_change,
    a_draft_naming_an_organisation_shows_and_grants_nothing_until_published,
    the_status_filter_follows_the_latest_published_status,
    milestones_turn_done_at_midnight_also_when_kept,
    bounds_refuse_overflowing_amounts_and_keep_every_figure,
    an_implementers_change_to_published_data_waits_for_a_coordinator,
    bounds_refuse_indicator_values_beyond_their_unit_and_keep_every_figure,
    an_issued_report_carries_the_documents_figures_and_never_changes,
    an_english_report_is_english_throughout,
    open_data_carries_the_documents_figures,
    open_data_has_no_draft_and_answers_304_until_the_data_change,
    the_plans_workbook_and_data_package_read_back_independently,
    bad_report_input_is_refused_and_stores_nothing,
    a_wave_round_trips_through_a_spreadsheet,
    bad_spreadsheets_get_their_errors_and_store_nothing,
    a_published_value_reaches_every_instances_subscribers_and_a_draft_only_staff,
    live_updates_refuse_forged_origins_and_bad_protocol_input,
);

#[allow(dead_code)]
fn _unused(_: Db, _: TestApp) {}
