//! Sending the reminders: what is due today from every plan's read model, each claimed in the
//! database before it is sent, then mailed over SMTP (lettre), and the outcome recorded.
//!
//! The claim is an `INSERT … ON CONFLICT DO NOTHING` of the `reminder` row on its unique key
//! (account, wave, kind, period): of several server instances on one database exactly one
//! inserts it, and only that one sends. A send that failed is `FAILED` and retried by the next
//! checks, each retry claimed by a conditional update (`WHERE status = 'FAILED' AND attempts =
//! n`), at most [`MAX_ATTEMPTS`] attempts in all. A row left `SENDING` (an instance stopped
//! between claiming and recording) is never sent again: at most once, never twice.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect, Set,
    TryInsertResult,
};
use shared::Date;
use shared::format::Lang;
use shared::role::Role;
use shared::wave::ItemState;

use super::{
    ItemKind, Missing, OrgCounts, OrgMissing, Outgoing, Recipient, Rules, Tally, Wave, digest_due,
    digests, due, implementer_reminders, one_line,
};
use crate::config::Config;
use crate::entity::{monitoring_wave, reminder};
use crate::graphql::Clock;
use crate::monitoring::{self, ItemKind as MonItem, Matrix};
use crate::store::model::{PlanModel, ReadModel};

/// Attempts to send one reminder, the first included.
pub const MAX_ATTEMPTS: i32 = 3;

/// What one check did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Reminders due (claimed by this instance, another, or earlier).
    pub due: u32,
    /// Sent by this check.
    pub sent: u32,
    /// Failed in this check (to be retried while attempts remain).
    pub failed: u32,
}

/// The SMTP side: a transport and the sender.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no vacation replies to a reminder.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

impl Mailer {
    /// A mailer for `host` (`tls`: `none`, `starttls` or `tls`), sending as `from`.
    pub fn new(
        host: &str,
        port: Option<u16>,
        tls: &str,
        from: &str,
        credentials: Option<(String, String)>,
    ) -> Result<Mailer, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("PSZ_SMTP_FROM is not an address: {e}"))?;
        let params = || TlsParameters::new(host.to_owned()).map_err(|e| e.to_string());
        let (tls, default_port) = match tls {
            "none" => (Tls::None, 25),
            "starttls" => (Tls::Required(params()?), 587),
            "tls" => (Tls::Wrapper(params()?), 465),
            other => return Err(format!("PSZ_SMTP_TLS {other:?} is not none|starttls|tls")),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port.unwrap_or(default_port))
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        if let Some((user, password)) = credentials {
            builder = builder.credentials(Credentials::new(user, password));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
        })
    }

    /// Sends one plain-text message to an address (no display name). Every header is made by
    /// lettre's builder, which encodes the subject; it is one line besides.
    pub async fn send(
        &self,
        to_email: &str,
        subject: &str,
        body: &str,
        message_id: &str,
    ) -> Result<(), String> {
        let address: Address = to_email
            .parse()
            .map_err(|e| format!("not an address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, address))
            .subject(one_line(subject))
            .message_id(Some(format!("<{message_id}@{}>", self.from.email.domain())))
            .header(ContentType::TEXT_PLAIN)
            .header(AutoSubmitted)
            .body(body.to_owned())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// The reminders of a server: what is due, claiming, sending, retrying.
pub struct Reminders {
    db: DatabaseConnection,
    read: Arc<ReadModel>,
    clock: Clock,
    mailer: Mailer,
    rules: Rules,
    public_url: String,
    interval: Duration,
}

impl Reminders {
    /// The reminders the configuration asks for: none without `PSZ_SMTP_HOST`; an error for a
    /// configuration that cannot work (no sender, a bad TLS mode).
    pub fn from_config(
        config: &Config,
        db: DatabaseConnection,
        read: Arc<ReadModel>,
        clock: Clock,
    ) -> Result<Option<Reminders>, String> {
        let Some(host) = config.smtp_host.as_deref().filter(|h| !h.trim().is_empty()) else {
            return Ok(None);
        };
        let from = config
            .smtp_from
            .as_deref()
            .ok_or("PSZ_SMTP_HOST is set but PSZ_SMTP_FROM (the sender) is not")?;
        let credentials = config.smtp_user.clone().map(|user| {
            (
                user,
                config
                    .smtp_password
                    .as_ref()
                    .map(|p| p.0.clone())
                    .unwrap_or_default(),
            )
        });
        let mailer = Mailer::new(
            host.trim(),
            config.smtp_port,
            &config.smtp_tls,
            from,
            credentials,
        )?;
        Ok(Some(Reminders {
            db,
            read,
            clock,
            mailer,
            rules: Rules {
                days_before: config.remind_days_before.max(0),
                ..Rules::default()
            },
            public_url: config.public_url(),
            interval: Duration::from_secs(config.remind_check_secs.max(1)),
        }))
    }

    /// Checks every `interval` until the task is aborted (the server stopping). The first
    /// check waits an interval, at most a minute, so a starting server (or a test fixing its
    /// clock) settles first.
    pub fn spawn(self: Arc<Self>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            tokio::time::sleep(self.interval.min(Duration::from_secs(60))).await;
            let mut ticks = tokio::time::interval(self.interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                match self.check().await {
                    Ok(s) if s.sent > 0 || s.failed > 0 => {
                        tracing::info!(sent = s.sent, failed = s.failed, "reminders checked");
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "reminders: the check failed"),
                }
            }
        })
    }

    /// One check: sends what is due today and not yet claimed, and retries failed sends.
    pub async fn check(&self) -> Result<Summary, DbErr> {
        let today = self.clock.today();
        let accounts = recipients(&self.db).await?;
        let planned = self.due_on(today, &accounts).await?;
        let mut summary = Summary {
            due: u32::try_from(planned.len()).unwrap_or(u32::MAX),
            ..Summary::default()
        };
        let known = existing_keys(&self.db, &planned).await?;
        for o in planned {
            if known.contains(&key_of(&o)) {
                continue;
            }
            if let Some(row) = claim(&self.db, &o).await? {
                self.deliver(&row, &mut summary).await?;
            }
        }
        self.retry(&accounts, &mut summary).await?;
        Ok(summary)
    }

    /// Every reminder due on `today` in every plan (whether or not already sent).
    pub async fn due_on(
        &self,
        today: Date,
        accounts: &[Recipient],
    ) -> Result<Vec<Outgoing>, DbErr> {
        // Only plans with a wave that may have a reminder due today: opened, and its deadline
        // not longer ago than the last reminder or digest goes out. Other plans' read models
        // are not built (nor pushed out of memory) every check.
        let reach = self.rules.overdue_for.max(self.rules.digest_for);
        let earliest_deadline = Date::from_days_since_epoch(today.days_since_epoch() - reach);
        let plan_ids: Vec<i32> = monitoring_wave::Entity::find()
            .select_only()
            .column(monitoring_wave::Column::PlanId)
            .distinct()
            .filter(monitoring_wave::Column::OpensOn.lte(today.to_string()))
            .filter(monitoring_wave::Column::Deadline.gte(earliest_deadline.to_string()))
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut out = Vec::new();
        for plan_id in plan_ids {
            // The measures monitored: the action plan in force.
            let Some(model) = self.read.plan_in_force(plan_id, today.year()).await? else {
                continue;
            };
            out.extend(due_in_plan(
                &model,
                today,
                &self.rules,
                accounts,
                &self.public_url,
            ));
        }
        Ok(out)
    }

    /// Sends a claimed row and records the outcome.
    async fn deliver(&self, row: &reminder::Model, summary: &mut Summary) -> Result<(), DbErr> {
        let result = self
            .mailer
            .send(
                &row.email,
                &row.subject,
                &row.body,
                &format!("psz-reminder-{}-{}", row.id, row.attempts),
            )
            .await;
        let now = crate::store::write::timestamp();
        let update = reminder::Entity::update_many()
            .col_expr(reminder::Column::UpdatedAt, Expr::value(now.clone()))
            .filter(reminder::Column::Id.eq(row.id));
        match result {
            Ok(()) => {
                summary.sent += 1;
                tracing::info!(reminder = row.id, kind = %row.kind, account = row.account_id, "reminder sent");
                update
                    .col_expr(reminder::Column::Status, Expr::value("SENT"))
                    .col_expr(reminder::Column::SentAt, Expr::value(now))
                    .col_expr(reminder::Column::Error, Expr::value(Option::<String>::None))
                    .exec(&self.db)
                    .await?;
            }
            Err(e) => {
                summary.failed += 1;
                tracing::warn!(reminder = row.id, attempt = row.attempts, error = %e, "reminder not sent");
                update
                    .col_expr(reminder::Column::Status, Expr::value("FAILED"))
                    .col_expr(reminder::Column::Error, Expr::value(e))
                    .exec(&self.db)
                    .await?;
            }
        }
        Ok(())
    }

    /// Sends again what failed, while attempts remain and the account is active; each retry
    /// claimed by a conditional update, so one instance alone makes it.
    async fn retry(&self, accounts: &[Recipient], summary: &mut Summary) -> Result<(), DbErr> {
        let active: HashSet<i32> = accounts.iter().filter(|a| a.active).map(|a| a.id).collect();
        let failed = reminder::Entity::find()
            .filter(reminder::Column::Status.eq("FAILED"))
            .filter(reminder::Column::Attempts.lt(MAX_ATTEMPTS))
            .all(&self.db)
            .await?;
        for row in failed {
            if !active.contains(&row.account_id) {
                continue;
            }
            let claimed = reminder::Entity::update_many()
                .col_expr(reminder::Column::Status, Expr::value("SENDING"))
                .col_expr(reminder::Column::Attempts, Expr::value(row.attempts + 1))
                .col_expr(
                    reminder::Column::UpdatedAt,
                    Expr::value(crate::store::write::timestamp()),
                )
                .filter(reminder::Column::Id.eq(row.id))
                .filter(reminder::Column::Status.eq("FAILED"))
                .filter(reminder::Column::Attempts.eq(row.attempts))
                .exec(&self.db)
                .await?;
            if claimed.rows_affected == 1 {
                let row = reminder::Model {
                    attempts: row.attempts + 1,
                    ..row
                };
                self.deliver(&row, summary).await?;
            }
        }
        Ok(())
    }
}

/// Every account as a possible recipient (three queries).
async fn recipients(db: &DatabaseConnection) -> Result<Vec<Recipient>, DbErr> {
    Ok(crate::store::account::all(db)
        .await?
        .into_iter()
        .map(|a| Recipient {
            id: a.model.id,
            email: a.model.email,
            name: a.model.name,
            role: Role::from_db(&a.model.role),
            active: a.model.active,
            lang: Lang::from_code(&a.model.lang).unwrap_or_default(),
            plans: a.plans,
            organisations: a.organisations,
        })
        .collect())
}

type Key = (i32, i32, String, String);

fn key_of(o: &Outgoing) -> Key {
    (
        o.account_id,
        o.wave_id,
        o.kind.as_str().to_owned(),
        o.period.clone(),
    )
}

/// The keys of `planned` already recorded (one query): those need no claim.
async fn existing_keys(
    db: &DatabaseConnection,
    planned: &[Outgoing],
) -> Result<HashSet<Key>, DbErr> {
    let waves: Vec<i32> = planned
        .iter()
        .map(|o| o.wave_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if waves.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<(i32, i32, String, String)> = reminder::Entity::find()
        .select_only()
        .column(reminder::Column::AccountId)
        .column(reminder::Column::WaveId)
        .column(reminder::Column::Kind)
        .column(reminder::Column::Period)
        .filter(reminder::Column::WaveId.is_in(waves))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Claims `o`: inserts its row as `SENDING` unless its key is recorded. The row when this
/// caller claimed it, none when someone else had.
async fn claim(db: &DatabaseConnection, o: &Outgoing) -> Result<Option<reminder::Model>, DbErr> {
    let now = crate::store::write::timestamp();
    let row = reminder::ActiveModel {
        account_id: Set(o.account_id),
        wave_id: Set(o.wave_id),
        kind: Set(o.kind.as_str().to_owned()),
        period: Set(o.period.clone()),
        email: Set(o.email.clone()),
        subject: Set(o.subject.clone()),
        body: Set(o.body.clone()),
        items: Set(o.items.clone()),
        status: Set("SENDING".to_owned()),
        attempts: Set(1),
        created_at: Set(now.clone()),
        updated_at: Set(now),
        sent_at: Set(None),
        error: Set(None),
        ..Default::default()
    };
    let inserted = reminder::Entity::insert(row)
        .on_conflict_do_nothing_on([
            reminder::Column::AccountId,
            reminder::Column::WaveId,
            reminder::Column::Kind,
            reminder::Column::Period,
        ])
        .exec_without_returning(db)
        .await?;
    // Rows affected, not `RETURNING`: a conflict is then plainly nothing inserted.
    if !matches!(inserted, TryInsertResult::Inserted(1)) {
        return Ok(None);
    }
    reminder::Entity::find()
        .filter(reminder::Column::AccountId.eq(o.account_id))
        .filter(reminder::Column::WaveId.eq(o.wave_id))
        .filter(reminder::Column::Kind.eq(o.kind.as_str()))
        .filter(reminder::Column::Period.eq(o.period.as_str()))
        .one(db)
        .await
}

/// The reminders due on `today` in one plan: each wave's own, and the digest of its current
/// wave.
pub fn due_in_plan(
    model: &PlanModel,
    today: Date,
    rules: &Rules,
    accounts: &[Recipient],
    public_url: &str,
) -> Vec<Outgoing> {
    let waves = monitoring::waves(model, today);
    let mut out = Vec::new();
    let mut dated = Vec::new();
    for (w, window, phase) in &waves {
        let (Ok(opens), Ok(deadline)) = (w.opens_on.parse::<Date>(), w.deadline.parse::<Date>())
        else {
            continue;
        };
        let wave = Wave {
            id: w.id,
            name: w.name.clone(),
            opens,
            deadline,
        };
        if let Some(kind) = due(opens, deadline, today, rules) {
            let matrix = monitoring::matrix(model, *window, *phase);
            let missing = missing_of(model, &matrix);
            out.extend(implementer_reminders(
                &wave, kind, today, &missing, accounts, public_url,
            ));
        }
        dated.push((wave, *window, *phase));
    }
    let dates: Vec<(Date, Date)> = dated.iter().map(|(w, ..)| (w.opens, w.deadline)).collect();
    if let Some(i) = shared::wave::current(&dates, today)
        && let Some((wave, window, phase)) = dated.get(i)
        && digest_due(wave.opens, wave.deadline, today, rules)
    {
        let matrix = monitoring::matrix(model, *window, *phase);
        let rows = matrix
            .rows
            .iter()
            .map(|r| OrgCounts {
                organisation: r.organisation_id.map(|o| organisation_name(model, o)),
                counts: r.counts,
            })
            .collect();
        let tally = Tally {
            rows,
            total: matrix.counts,
        };
        out.extend(digests(
            model.plan_id,
            wave,
            *phase,
            today,
            &tally,
            accounts,
            public_url,
        ));
    }
    out
}

fn organisation_name(model: &PlanModel, id: i32) -> String {
    model
        .organisations
        .get(&id)
        .and_then(|o| o.first())
        .map(|o| o.name.clone())
        .unwrap_or_default()
}

/// Each organisation's missing items (nothing delivered, not even a draft) in a wave's matrix,
/// in the matrix's order; organisations with nothing missing left out.
pub fn missing_of(model: &PlanModel, matrix: &Matrix) -> Vec<OrgMissing> {
    matrix
        .rows
        .iter()
        .filter_map(|row| {
            let org = row.organisation_id?;
            let items: Vec<Missing> = row
                .items
                .iter()
                .filter(|i| matches!(i.state, ItemState::Due | ItemState::Late))
                .filter_map(|i| match i.kind {
                    MonItem::Indicator { indicator_id } => {
                        let goal = model.specific_goals.get(&i.goal_id)?.first()?;
                        let indicator = model
                            .indicators_by_goal
                            .get(&i.goal_id)?
                            .iter()
                            .find(|x| x.id == indicator_id)?;
                        Some(Missing {
                            kind: ItemKind::Indicator,
                            code: goal.code.clone(),
                            name: indicator.name.clone(),
                        })
                    }
                    MonItem::Status { measure_id } => {
                        let measure = model.measures.get(&measure_id)?.first()?;
                        Some(Missing {
                            kind: ItemKind::Status,
                            code: measure.code.clone(),
                            name: measure.name.clone(),
                        })
                    }
                })
                .collect();
            (!items.is_empty()).then(|| OrgMissing {
                organisation_id: org,
                organisation: organisation_name(model, org),
                items,
            })
        })
        .collect()
}
