//! E-mail reminders against a real SMTP server on loopback (Python's `aiosmtpd`, started by the
//! test, writing every message it receives as a JSON line): the right implementer accounts get
//! the right lists of what their organisations miss, once; a deactivated account and a viewer
//! get nothing; an English account reads English; coordinators get the weekly digest; a refused
//! send is retried and then sent once; a wave name with a line break injects no header or
//! recipient. Two server instances on one database (SQLite and PostgreSQL) run their checks at
//! the same time and each reminder goes out exactly once. The checks are run by the test
//! (`Reminders::check`), not waited for.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tests::{Db, TestApp};

/// The SMTP sink: accepts every message, except the first one for an address starting with
/// `flaky` (451, try again later), and appends what it received to the file `argv[1]`.
const SINK: &str = r#"
import asyncio, email, json, socket, sys
from email import policy
from aiosmtpd.controller import Controller

out = open(sys.argv[1], "a", encoding="utf-8")
refused = set()

class Handler:
    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            if rcpt.startswith("flaky") and rcpt not in refused:
                refused.add(rcpt)
                return "451 4.3.0 try again later"
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        out.write(json.dumps({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": [k.lower() for k in msg.keys()],
            "from": str(msg["from"]),
            "to": str(msg["to"]),
            "subject": str(msg["subject"]),
            "date": msg["date"] is not None,
            "message_id": str(msg["message-id"]),
            "auto_submitted": str(msg["auto-submitted"]),
            "content_type": msg.get_content_type(),
            "charset": msg.get_content_charset(),
            "body": msg.get_content(),
        }, ensure_ascii=False) + "\n")
        out.flush()
        return "250 OK"

s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
sys.stdin.read()
controller.stop()
"#;

/// The running sink; stopped (killed) when dropped.
struct Sink {
    child: Child,
    port: u16,
    file: std::path::PathBuf,
}

impl Sink {
    fn start() -> Sink {
        let file = std::env::temp_dir().join(format!(
            "psz_smtp_{}_{}.jsonl",
            std::process::id(),
            rand_suffix()
        ));
        let mut child = Command::new(tests::tool_python())
            .args(["-c", SINK])
            .arg(&file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the SMTP sink starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the sink's port");
        let port = line.trim().parse().expect("a port number");
        Sink { child, port, file }
    }

    /// Every message received so far.
    fn messages(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.file)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.file);
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

fn smtp(port: u16) -> impl FnOnce(&mut server::config::Config) {
    move |c| {
        c.smtp_host = Some("127.0.0.1".to_owned());
        c.smtp_port = Some(port);
        c.smtp_tls = "none".to_owned();
        c.smtp_from = Some("Monitoring PSZ <monitoring@psz.test>".to_owned());
        c.public_url = Some("https://psz.test/".to_owned());
        c.remind_days_before = 7;
        // The timer's first check would come after a minute: the test runs its own.
        c.remind_check_secs = 86_400;
    }
}

async fn exec(app: &TestApp, sql: &str) {
    app.db
        .execute_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .expect(sql);
}

async fn rows(app: &TestApp, sql: &str) -> Vec<Vec<String>> {
    app.db
        .query_all_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .expect(sql)
        .iter()
        .map(|r| {
            (0..)
                .map_while(|i| {
                    r.try_get_by_index::<String>(i)
                        .ok()
                        .or_else(|| r.try_get_by_index::<i32>(i).ok().map(|n| n.to_string()))
                        .or_else(|| r.try_get_by_index::<i64>(i).ok().map(|n| n.to_string()))
                })
                .collect()
        })
        .collect()
}

/// Each organisation's missing items in the wave as the matrix shows them: "code name" lines.
async fn missing_by_org(
    app: &TestApp,
    admin: &tests::Session,
    wave: i64,
) -> BTreeMap<i64, (String, BTreeSet<String>)> {
    let d = app
        .data_as(
            admin,
            r#"query($id: Int!) { monitoring { wave(id: $id) { matrix { rows {
                organisationId organisationName
                items { kind state goalCode measureCode name } } } } } }"#,
            json!({ "id": wave }),
        )
        .await;
    let mut out = BTreeMap::new();
    for row in d["monitoring"]["wave"]["matrix"]["rows"]
        .as_array()
        .expect("rows")
    {
        let Some(org) = row["organisationId"].as_i64() else {
            continue;
        };
        let items: BTreeSet<String> = row["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| matches!(i["state"].as_str(), Some("DUE" | "LATE")))
            .map(|i| {
                let code = i["measureCode"]
                    .as_str()
                    .or(i["goalCode"].as_str())
                    .expect("code");
                format!("{code} {}", i["name"].as_str().expect("name"))
            })
            .collect();
        if !items.is_empty() {
            out.insert(
                org,
                (
                    row["organisationName"].as_str().expect("name").to_owned(),
                    items,
                ),
            );
        }
    }
    out
}

/// The listed items of a reminder's body: its "  - code name (what)" lines, without "(what)".
fn listed(body: &str) -> BTreeSet<String> {
    body.lines()
        .filter_map(|l| l.strip_prefix("  - "))
        .map(|l| l.rsplit_once(" (").map_or(l, |(item, _)| item).to_owned())
        .collect()
}

async fn check_all(apps: &[&TestApp]) {
    let checks = apps.iter().map(|a| {
        let r = a.reminders.clone().expect("reminders are configured");
        tokio::spawn(async move { r.check().await.expect("a check") })
    });
    for c in checks.collect::<Vec<_>>() {
        c.await.expect("the check ran");
    }
}

async fn two_instances_send_each_reminder_once(db: Db) {
    let sink = Sink::start();
    let a = TestApp::spawn_with(db, smtp(sink.port)).await;
    let b = TestApp::spawn_on_with(a.database_url(), smtp(sink.port)).await;
    // The third wave (2026-01-01 to 2026-06-30) has just opened.
    let today = shared::Date::new(2026, 1, 5);
    a.clock.set(today);
    b.clock.set(today);
    let admin = a.admin().await;
    let waves = a
        .data(r#"{ monitoring { current { id name } } }"#, json!({}))
        .await;
    assert_eq!(
        waves["monitoring"]["current"]["name"],
        "3. vlna, 1. pol. 2026"
    );
    let wave = waves["monitoring"]["current"]["id"]
        .as_i64()
        .expect("wave id");
    let missing = missing_by_org(&a, &admin, wave).await;
    assert!(
        missing.len() >= 2,
        "two organisations miss something: {missing:?}"
    );
    let mut orgs = missing.keys().copied();
    let (x, y) = (orgs.next().expect("x"), orgs.next().expect("y"));

    a.implementer(&admin, "one@psz.test", json!([x])).await;
    a.implementer(&admin, "both@psz.test", json!([x, y])).await;
    a.implementer(&admin, "english@psz.test", json!([y])).await;
    a.implementer(&admin, "flaky@psz.test", json!([y])).await;
    a.implementer(&admin, "left@psz.test", json!([x])).await;
    a.coordinator(&admin, "coordinator@psz.test").await;
    a.user(&admin, "viewer@psz.test", "VIEWER", json!({})).await;
    // The language of an account's mails is the one its person signs in with (the app's
    // language cookie).
    let signed_in = reqwest::Client::new()
        .post(format!("{}/graphql", a.url))
        .header("x-psz-csrf", "login")
        .header("cookie", "psz_lang=en")
        .json(&json!({
            "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { csrfToken } }",
            "variables": { "e": "english@psz.test", "p": tests::TEST_PASSWORD },
        }))
        .send()
        .await
        .expect("login");
    assert_eq!(signed_in.status().as_u16(), 200);
    exec(
        &a,
        "UPDATE user_account SET active = false WHERE email = 'left@psz.test'",
    )
    .await;
    // A name with a line break (written around the validation) must stay in the subject.
    let crlf = match db {
        Db::Sqlite => "char(13, 10)",
        Db::Postgres => "chr(13) || chr(10)",
    };
    exec(
        &a,
        &format!(
            "UPDATE monitoring_wave SET name = '3. vlna' || {crlf} || 'Bcc: evil@psz.test' \
             WHERE id = {wave}"
        ),
    )
    .await;
    // The read model is kept per plan revision: a write around the server raises it.
    exec(&a, "UPDATE plan SET revision = revision + 1").await;
    a.wrote_around().await;
    b.wrote_around().await;

    // Both instances check at once, three times: the first sends, the second retries the
    // refused one, the third finds nothing left.
    for _ in 0..3 {
        check_all(&[&a, &b]).await;
    }
    let messages = sink.messages();
    let mut by_rcpt: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for m in &messages {
        let rcpt = m["rcpt_tos"].as_array().expect("rcpt");
        assert_eq!(rcpt.len(), 1, "one recipient per message: {m:#}");
        by_rcpt
            .entry(rcpt[0].as_str().expect("address").to_owned())
            .or_default()
            .push(m);
    }
    let recipients: Vec<&str> = by_rcpt.keys().map(String::as_str).collect();
    assert_eq!(
        recipients,
        [
            "both@psz.test",
            "coordinator@psz.test",
            "english@psz.test",
            "flaky@psz.test",
            "one@psz.test"
        ],
        "the deactivated account, the viewer and the admin get nothing"
    );
    for (rcpt, ms) in &by_rcpt {
        assert_eq!(ms.len(), 1, "{rcpt} got exactly one message: {ms:#?}");
        let m = ms[0];
        assert_eq!(m["mail_from"], "monitoring@psz.test");
        assert_eq!(m["to"], rcpt.as_str());
        assert_eq!(m["content_type"], "text/plain");
        assert_eq!(m["charset"], "utf-8");
        assert_eq!(m["auto_submitted"], "auto-generated");
        assert_eq!(m["date"], true);
        assert!(
            m["message_id"]
                .as_str()
                .expect("id")
                .ends_with("@psz.test>")
        );
        let headers = m["headers"].as_array().expect("headers");
        assert!(
            !headers.iter().any(|h| h == "bcc"),
            "no injected header: {m:#}"
        );
        let subject = m["subject"].as_str().expect("subject");
        assert!(subject.contains("3. vlna Bcc: evil@psz.test"), "{subject}");
    }
    let body = |rcpt: &str| by_rcpt[rcpt][0]["body"].as_str().expect("body").to_owned();
    let expect = |os: &[i64]| -> BTreeSet<String> {
        os.iter()
            .flat_map(|o| missing[o].1.iter().cloned())
            .collect()
    };
    assert_eq!(listed(&body("one@psz.test")), expect(&[x]));
    assert_eq!(listed(&body("both@psz.test")), expect(&[x, y]));
    assert_eq!(listed(&body("english@psz.test")), expect(&[y]));
    assert_eq!(listed(&body("flaky@psz.test")), expect(&[y]));
    assert!(body("one@psz.test").starts_with("Dobrý den,"));
    assert!(body("one@psz.test").contains("byl otevřen sběr dat monitoringu"));
    assert!(
        body("one@psz.test").contains(&format!("https://psz.test/zadavani?vlna={wave}&org={x}"))
    );
    assert!(
        body("both@psz.test").contains(&format!("https://psz.test/zadavani?vlna={wave}&org={y}"))
    );
    assert!(body("english@psz.test").starts_with("Hello,"));
    assert!(body("english@psz.test").contains("has opened"));
    assert!(
        by_rcpt["english@psz.test"][0]["subject"]
            .as_str()
            .expect("s")
            .contains("is open")
    );
    let digest = body("coordinator@psz.test");
    let digest_subject = by_rcpt["coordinator@psz.test"][0]["subject"]
        .as_str()
        .expect("s");
    assert!(
        digest_subject.contains("týdenní přehled"),
        "{digest_subject}"
    );
    for (name, _) in missing.values() {
        assert!(
            digest.contains(name.as_str()),
            "the digest names {name}: {digest}"
        );
    }
    assert!(digest.contains(&format!("https://psz.test/sprava/vlny?vlna={wave}")));

    // What was sent is recorded, once per (account, wave, kind, period), all sent; the refused
    // one on its second attempt.
    let recorded = rows(
        &a,
        "SELECT u.email, r.kind, r.period, r.status, r.attempts FROM reminder r \
         JOIN user_account u ON u.id = r.account_id ORDER BY u.email",
    )
    .await;
    let week = "2026-W02".to_owned();
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        recorded,
        vec![
            s(&["both@psz.test", "OPENED", "", "SENT", "1"]),
            vec![
                "coordinator@psz.test".into(),
                "DIGEST".into(),
                week.clone(),
                "SENT".into(),
                "1".into()
            ],
            s(&["english@psz.test", "OPENED", "", "SENT", "1"]),
            s(&["flaky@psz.test", "OPENED", "", "SENT", "2"]),
            s(&["one@psz.test", "OPENED", "", "SENT", "1"]),
        ]
    );

    // Later that week nothing new is due; in the last week before the deadline the near
    // deadline is, once, and the digest of that week.
    let later = shared::Date::new(2026, 1, 8);
    a.clock.set(later);
    b.clock.set(later);
    check_all(&[&a, &b]).await;
    assert_eq!(sink.messages().len(), messages.len(), "nothing twice");
    let soon = shared::Date::new(2026, 6, 25);
    a.clock.set(soon);
    b.clock.set(soon);
    check_all(&[&a, &b]).await;
    check_all(&[&a, &b]).await;
    let after = sink.messages();
    let new: Vec<&Value> = after[messages.len()..].iter().collect();
    let mut to: Vec<&str> = new
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().expect("rcpt"))
        .collect();
    to.sort_unstable();
    assert_eq!(
        to,
        [
            "both@psz.test",
            "coordinator@psz.test",
            "english@psz.test",
            "flaky@psz.test",
            "one@psz.test"
        ]
    );
    let one = new
        .iter()
        .find(|m| m["rcpt_tos"][0] == "one@psz.test")
        .expect("one's reminder");
    assert!(
        one["body"].as_str().expect("body").contains("zbývá 5 dní"),
        "{one:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_two_instances_send_each_reminder_once() {
    two_instances_send_each_reminder_once(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_two_instances_send_each_reminder_once() {
    two_instances_send_each_reminder_once(Db::Postgres).await;
}
