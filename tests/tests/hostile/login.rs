//! Login bursts (issue 11, attack 3): the rate limit is atomic, argon2 runs a bounded number
//! of times at once, and nobody locks the admin out for good.

use std::collections::BTreeMap;
use std::sync::Arc;

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, Statement};
use serde_json::{Value, json};
use server::auth::{limit, password};
use server::entity::login_failure;
use tests::{ADMIN_EMAIL, TEST_PASSWORD, TestApp, code_of};

/// Runs `n` logins at once, the `i`-th as `email(i)` with `password`; how many answers had
/// each code.
async fn burst(
    app: &Arc<TestApp>,
    n: usize,
    email: impl Fn(usize) -> String,
    password: &str,
) -> BTreeMap<String, usize> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let app = Arc::clone(app);
            let (email, password) = (email(i), password.to_owned());
            tokio::spawn(async move {
                match app.login(&email, &password).await {
                    Ok(_) => "OK".to_owned(),
                    Err(body) => code_of(&body),
                }
            })
        })
        .collect();
    let mut codes = BTreeMap::new();
    for t in tasks {
        *codes.entry(t.await.expect("login task")).or_insert(0) += 1;
    }
    codes
}

/// `VmRSS` and `VmHWM` of this process (the server runs in it), in bytes.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb * 1024)
            .unwrap_or_else(|| panic!("no {name} in {status}"))
    };
    (field("VmRSS:"), field("VmHWM:"))
}

const MB: u64 = 1024 * 1024;

/// 40 parallel wrong passwords for one e-mail: 5 are checked, 35 wait their turn.
pub async fn forty_wrong_logins_for_one_email_evaluate_five(app: TestApp) {
    let app = Arc::new(app);
    app.admin().await;
    let checked = password::checked();
    let codes = burst(&app, 40, |_| ADMIN_EMAIL.to_owned(), "špatné heslo!!").await;
    assert_eq!(
        password::checked() - checked,
        5,
        "passwords checked: {codes:?}"
    );
    let expected = BTreeMap::from([
        ("RATE_LIMITED".to_owned(), 35),
        ("UNAUTHENTICATED".to_owned(), 5),
    ]);
    assert_eq!(codes, expected);
}

/// 150 parallel logins with unknown e-mails: every answer has a code, at most the address's
/// 30 free attempts reach argon2 (two at a time), and memory stays bounded.
pub async fn a_burst_of_unknown_emails_keeps_memory_bounded(app: TestApp) {
    let app = Arc::new(app);
    let (rss_before, hwm_before) = memory();
    let checked = password::checked();
    let codes = burst(&app, 150, |i| format!("nikdo{i}@psz.test"), "nějaké heslo").await;
    let (rss_after, hwm_after) = memory();
    let evaluated = password::checked() - checked;
    for code in codes.keys() {
        assert!(
            ["UNAUTHENTICATED", "RATE_LIMITED", "BUSY"].contains(&code.as_str()),
            "{codes:?}"
        );
    }
    assert_eq!(codes.values().sum::<usize>(), 150);
    assert!(evaluated <= 30, "{evaluated} passwords checked: {codes:?}");
    assert!(codes["RATE_LIMITED"] >= 120, "{codes:?}");
    eprintln!(
        "150 unknown logins: {codes:?}; {evaluated} checked; RSS {} → {} MB, peak {} → {} MB",
        rss_before / MB,
        rss_after / MB,
        hwm_before / MB,
        hwm_after / MB
    );
    assert!(
        rss_after.saturating_sub(rss_before) < 100 * MB,
        "resident memory grew from {} to {} MB",
        rss_before / MB,
        rss_after / MB
    );
    assert!(
        hwm_after.saturating_sub(hwm_before) < 100 * MB,
        "peak memory grew from {} to {} MB",
        hwm_before / MB,
        hwm_after / MB
    );
}

/// Failures stored for another client address, however many, leave the admin's own address
/// free; a locked e-mail signs in again once an admin unlocks it, and only admins may.
pub async fn the_admin_is_not_locked_out_for_good(app: TestApp) {
    let app = Arc::new(app);
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "k@psz.test").await;

    // An attacker at 203.0.113.9 has used every free attempt on the admin's e-mail, and more
    // on others: the rows a claim from there would have stored.
    let at = server::auth::session::now();
    for key in limit::keys(ADMIN_EMAIL, Some("203.0.113.9")) {
        let n = key.scope.free().min(30);
        for _ in 0..n {
            login_failure::ActiveModel {
                key: Set(key.name.clone()),
                at: Set(at),
                email: Set(Some(ADMIN_EMAIL.to_owned())),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .expect("failure row");
        }
    }
    app.login(ADMIN_EMAIL, TEST_PASSWORD)
        .await
        .expect("another address does not lock the admin's");

    // Now the admin's own address fails five times: the e-mail is locked from here.
    let codes = burst(&app, 5, |_| ADMIN_EMAIL.to_owned(), "špatné heslo!!").await;
    assert_eq!(codes, BTreeMap::from([("UNAUTHENTICATED".to_owned(), 5)]));
    let locked = app
        .login(ADMIN_EMAIL, TEST_PASSWORD)
        .await
        .expect_err("locked");
    assert_eq!(code_of(&locked), "RATE_LIMITED");

    let unlock = "mutation($e: String!) { unlockLogin(email: $e) }";
    let refused = app
        .query_as(Some(&coordinator), unlock, json!({ "e": ADMIN_EMAIL }))
        .await;
    assert_eq!(code_of(&refused), "FORBIDDEN");
    let no_csrf = app
        .post_with(
            &[("cookie", &admin.cookie)],
            unlock,
            json!({ "e": ADMIN_EMAIL }),
        )
        .await;
    assert_eq!(code_of(&no_csrf), "FORBIDDEN");
    let done = app
        .data_as(&admin, unlock, json!({ "e": ADMIN_EMAIL }))
        .await;
    assert_eq!(done["unlockLogin"], true);
    app.login(ADMIN_EMAIL, TEST_PASSWORD)
        .await
        .expect("signs in once unlocked");

    let audit = last_audit(&app).await;
    assert_eq!(audit[0], "login_failure");
    assert_eq!(audit[1], "UNLOCK");
    assert_eq!(audit[2], ADMIN_EMAIL);
}

/// Entity, action and user of the newest audit record.
async fn last_audit(app: &TestApp) -> Vec<Value> {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT entity, action, user_email FROM audit_record ORDER BY id DESC LIMIT 1"
                .to_owned(),
        ))
        .await
        .expect("audit")
        .expect("a row");
    (0..3)
        .map(|i| Value::String(row.try_get_by_index::<String>(i).expect("text")))
        .collect()
}
