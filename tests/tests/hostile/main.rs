//! Hostile requests: each attack of issue 11 reproduced against the real server over HTTP, on
//! SQLite and on PostgreSQL, with its bounded outcome asserted.
//!
//! The scenarios run one at a time (a process-wide lock), so the memory a scenario reads from
//! `/proc/self/status` is the server's under that attack alone, not its neighbours'.

use tests::TestApp;

mod cost;
mod login;
mod text;
mod writes;
use cost::*;
use login::*;
use text::*;
use writes::*;

/// One scenario at a time in this binary.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let _one = super::SERIAL.lock().await;
                super::$name(tests::TestApp::spawn(tests::Db::Sqlite).await).await
            }
            )*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let _one = super::SERIAL.lock().await;
                super::$name(tests::TestApp::spawn(tests::Db::Postgres).await).await
            }
            )*
        }
    };
}

both!(
    cost_bombs_are_refused_before_they_run,
    every_refusal_is_json_with_a_code,
    a_flood_of_the_costliest_allowed_queries_leaves_the_server_answering,
    search_wildcards_match_only_themselves,
    control_characters_are_refused,
    forty_wrong_logins_for_one_email_evaluate_five,
    a_burst_of_unknown_emails_keeps_memory_bounded,
    the_admin_is_not_locked_out_for_good,
    four_concurrent_writers_get_ok_or_conflict,
    two_publishes_of_one_draft_one_wins,
);

#[allow(dead_code)]
fn _unused(_: TestApp) {}
